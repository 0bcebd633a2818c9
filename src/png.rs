//! PNG writer for drawings (charts): the layout's text, lines and fills rasterised with
//! tiny-skia, glyphs from their outlines. The DOCX shows charts as these pictures, so Word
//! sees what the PDF draws as vectors.

use rustybuzz::ttf_parser::{Face, GlyphId, OutlineBuilder};
use tiny_skia::{FillRule, Paint, PathBuilder, Pixmap, Stroke, Transform};

use crate::error::{Error, Result};
use crate::fonts::{FontId, FontSet};
use crate::layout::Drawing;

/// A rendered picture.
pub struct Picture {
    /// PNG bytes.
    pub png: Vec<u8>,
    /// Width and height in pixels.
    pub pixels: (u32, u32),
    /// Width and height in points, the size to show it at.
    pub size: (f32, f32),
}

/// Renders `drawing` at `dpi` on white.
pub fn render(drawing: &Drawing, fonts: &FontSet, dpi: f32) -> Result<Picture> {
    let scale = dpi / 72.0;
    let (w, h) = ((drawing.width * scale).ceil() as u32, (drawing.height * scale).ceil() as u32);
    let mut pixmap =
        Pixmap::new(w.max(1), h.max(1)).ok_or_else(|| Error::Output("a chart too large to draw".into()))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    let page = Transform::from_scale(scale, scale);
    for fill in &drawing.fills {
        if let Some(rect) = tiny_skia::Rect::from_xywh(fill.x, fill.y, fill.width, fill.height) {
            let mut paint = Paint::default();
            paint.set_color_rgba8(fill.color.0, fill.color.1, fill.color.2, 255);
            pixmap.fill_rect(rect, &paint, page, None);
        }
    }
    let mut black = Paint::default();
    black.set_color_rgba8(0, 0, 0, 255);
    black.anti_alias = true;
    for rule in &drawing.rules {
        let mut path = PathBuilder::new();
        path.move_to(rule.from.0, rule.from.1);
        path.line_to(rule.to.0, rule.to.1);
        if let Some(path) = path.finish() {
            pixmap.stroke_path(&path, &black, &Stroke { width: rule.width, ..Stroke::default() }, page, None);
        }
    }
    // Each font's outlines of the glyphs drawn, read once (the fonts are read without them).
    let mut drawn: std::collections::BTreeMap<FontId, Vec<u16>> = std::collections::BTreeMap::new();
    for run in &drawing.runs {
        drawn.entry(run.font).or_default().extend(run.glyphs.iter().map(|g| g.gid));
    }
    let outlines = drawn
        .into_iter()
        .map(|(id, gids)| Ok((id, fonts.get(id).with_outlines(gids)?)))
        .collect::<Result<std::collections::BTreeMap<_, _>>>()?;
    for run in &drawing.runs {
        let font = fonts.get(run.font);
        let outlined = &outlines[&run.font];
        let face = Face::parse(outlined, outlined.index(font.index))
            .map_err(|e| Error::Font(format!("font `{}`: {} cannot be read: {e}", font.key, font.origin)))?;
        let em = run.size / font.units_per_em();
        for glyph in &run.glyphs {
            let mut outline = Outline(PathBuilder::new());
            if face.outline_glyph(GlyphId(glyph.gid), &mut outline).is_none() {
                continue;
            }
            if let Some(path) = outline.0.finish() {
                // Font units, y up, to points on the drawing, y down, then to pixels.
                let place = Transform::from_row(em, 0.0, 0.0, -em, glyph.x, run.baseline).post_concat(page);
                pixmap.fill_path(&path, &black, FillRule::Winding, place, None);
            }
        }
    }
    let png = pixmap.encode_png().map_err(|e| Error::Output(format!("cannot encode a chart: {e}")))?;
    Ok(Picture { png, pixels: (w, h), size: (drawing.width, drawing.height) })
}

/// A glyph's outline as a tiny-skia path.
struct Outline(PathBuilder);

impl OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.0.close();
    }
}
