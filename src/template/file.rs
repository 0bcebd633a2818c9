//! The template file as written, and its resolution into a [`Template`].

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;

use super::{
    numbering, Align, Block, ChangeStyle, ChartStyle, ClosingStyle, Color, CoverStyle, DocxChart, DocxFontNames,
    FontSource, FontSpec, Grid, HeadingStyle, IndicatorHeaders, KeyFiguresStyle, PageNumberPosition, PageNumberStyle,
    PeriodLine, Punctuation, RunningHeader, TableStyle, Template, TextStyle, PT_PER_MM,
};
use crate::error::Location;
use crate::model::{IndicatorColumn, MAX_HEADING_LEVEL};

/// A problem with a key: its path and what is wrong.
pub type KeyError = (String, String);

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TemplateFile {
    name: String,
    page: PageFile,
    grid: Option<GridFile>,
    /// Baseline distance in free layouts, pt.
    line_pitch: Option<f32>,
    fonts: BTreeMap<String, FontFile>,
    #[serde(default)]
    fallback_families: Vec<String>,
    punctuation: Punctuation,
    #[serde(default)]
    latin_space: bool,
    /// The typeface names the DOCX gives the office fonts.
    #[serde(default)]
    docx_font_names: Option<DocxFontNames>,
    title: StyleFile,
    subtitle: StyleFile,
    /// The period under the title; none printed there without it.
    #[serde(default)]
    period: Option<PeriodFile>,
    doc_number: StyleFile,
    body: BodyFile,
    headings: Vec<HeadingFile>,
    table: TableFile,
    chart: ChartFile,
    page_number: PageNumberFile,
    closing: ClosingFile,
    #[serde(default)]
    header: Option<HeaderFile>,
    #[serde(default)]
    key_figures: Option<KeyFiguresFile>,
    #[serde(default)]
    cover: Option<CoverFile>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct PageFile {
    /// A paper size name; `width` and `height` override it.
    #[serde(default)]
    size: Option<String>,
    #[serde(default)]
    orientation: Orientation,
    #[serde(default)]
    width: Option<f32>,
    #[serde(default)]
    height: Option<f32>,
    margin_top: f32,
    margin_bottom: f32,
    margin_left: f32,
    margin_right: f32,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct GridFile {
    /// Lines per full page; derived from the block and the body when not given.
    #[serde(default)]
    lines: Option<usize>,
    /// Characters per full line; derived from the block and the body when not given.
    #[serde(default)]
    chars: Option<usize>,
    /// The line pitch in ems of the body, from which `lines` is derived.
    #[serde(default)]
    leading: Option<f32>,
}

#[derive(Deserialize, JsonSchema, Default, Clone, Copy, PartialEq)]
#[serde(rename_all = "snake_case")]
enum Orientation {
    #[default]
    Portrait,
    Landscape,
}

/// Paper sizes by name, mm (portrait).
const PAPER_SIZES: &[(&str, f32, f32)] = &[
    ("A3", 297.0, 420.0),
    ("A4", 210.0, 297.0),
    ("A5", 148.0, 210.0),
    ("B5", 176.0, 250.0),
    ("16K", 184.0, 260.0),
    ("Letter", 215.9, 279.4),
];

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct FontFile {
    pdf: Vec<String>,
    docx: String,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct StyleFile {
    font: String,
    #[serde(default)]
    latin_font: Option<String>,
    size: Size,
    #[serde(default)]
    align: Option<Align>,
    #[serde(default)]
    bold: bool,
    #[serde(default)]
    color: Option<String>,
    #[serde(default)]
    lines_after: usize,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct BodyFile {
    font: String,
    #[serde(default)]
    latin_font: Option<String>,
    size: Size,
    first_line_indent: f32,
    /// Ems each gap of a paragraph's last full line may widen so that the paragraph never
    /// ends in a line of one character.
    #[serde(default = "default_loosen")]
    loosen: f32,
    /// Lines (line pitches) above and below each paragraph.
    #[serde(default)]
    space_before: f32,
    #[serde(default)]
    space_after: f32,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct HeadingFile {
    numbering: String,
    font: String,
    #[serde(default)]
    latin_font: Option<String>,
    size: Size,
    #[serde(default)]
    align: Option<Align>,
    #[serde(default)]
    bold: bool,
    #[serde(default)]
    color: Option<String>,
    /// Lines (line pitches) above and below.
    #[serde(default)]
    space_before: f32,
    #[serde(default)]
    space_after: f32,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct TableFile {
    font: String,
    #[serde(default)]
    latin_font: Option<String>,
    size: Size,
    header_font: String,
    caption: String,
    caption_font: String,
    caption_size: Size,
    rule: f32,
    #[serde(default)]
    header_fill: Option<String>,
    #[serde(default)]
    header_color: Option<String>,
    cell_padding: f32,
    cell_padding_vertical: f32,
    cell_leading: f32,
    /// The smallest size cells may shrink to when the columns' narrowest content does not
    /// fit the block; none: they never shrink.
    #[serde(default)]
    min_size: Option<Size>,
    /// The most lines a body row may take before the cells shrink (towards `min_size`);
    /// none: rows take what they need.
    #[serde(default)]
    max_lines: Option<usize>,
    /// The line above a repeated header row on the pages a table continues on; none or "":
    /// no line.
    #[serde(default)]
    continued: Option<String>,
    #[serde(default)]
    continued_align: Option<Align>,
    indicator_headers: IndicatorHeaders,
    indicator_columns: Vec<IndicatorColumn>,
    change_style: ChangeStyle,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct ChartFile {
    caption: String,
    caption_font: String,
    caption_size: Size,
    font: String,
    size: Size,
    /// The smallest size labels may shrink to; default 小五 (9 pt), or `size` if smaller.
    #[serde(default)]
    label_min_size: Option<Size>,
    height: f32,
    bar_color: String,
    negative_color: String,
    /// How the DOCX shows a chart: a Word chart (default) or a picture.
    #[serde(default)]
    docx: Option<DocxChart>,
}

/// "#RRGGBB" as a colour.
fn color(text: &str, field: &str) -> Result<Color, KeyError> {
    let hex = text.strip_prefix('#').filter(|h| h.len() == 6 && h.chars().all(|c| c.is_ascii_hexdigit()));
    let channel = |h: &str, i: usize| u8::from_str_radix(&h[i..i + 2], 16).unwrap_or(0);
    match hex {
        Some(h) => Ok(Color(channel(h, 0), channel(h, 2), channel(h, 4))),
        None => Err((field.to_owned(), format!("`{text}` is not a colour of the form #RRGGBB"))),
    }
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct PageNumberFile {
    format: String,
    font: String,
    size: Size,
    position: PageNumberPosition,
    inset_chars: f32,
    below_block: f32,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct PeriodFile {
    /// The line as printed, `{period}` the summary's `meta.period`.
    text: String,
    font: String,
    size: Size,
    #[serde(default)]
    align: Option<Align>,
    #[serde(default)]
    color: Option<String>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct HeaderFile {
    text: String,
    font: String,
    size: Size,
    #[serde(default)]
    align: Option<Align>,
    #[serde(default)]
    color: Option<String>,
    /// mm from the header's baseline to the block's top.
    above_block: f32,
    /// pt; 0 for no rule under the header.
    #[serde(default)]
    rule: f32,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct CoverFile {
    title_font: String,
    title_size: Size,
    #[serde(default)]
    title_color: Option<String>,
    font: String,
    size: Size,
    /// mm from the block's top to the title.
    title_top: f32,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct KeyFiguresFile {
    count: usize,
    value_font: String,
    value_size: Size,
    value_color: String,
    label_font: String,
    label_size: Size,
    fill: String,
    /// mm between boxes.
    gap: f32,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct ClosingFile {
    font: String,
    size: Size,
    date_inset_chars: f32,
    lines_before: usize,
    /// GB/T 9704's label and numbering when a template does not say.
    #[serde(default = "default_attachments_label")]
    attachments_label: String,
    #[serde(default = "default_attachment_number")]
    attachment_number: String,
}

fn default_attachments_label() -> String {
    "附件：".to_owned()
}

fn default_attachment_number() -> String {
    "{n}．".to_owned()
}

/// A type size: points, a Chinese size name such as "三号", or a size relative to the
/// body's: "1em" is the body size, "0.875em" seven eighths of it (四号 under a 三号 body), so
/// that a template changing the body carries headings, tables and captions with it.
#[derive(Deserialize, JsonSchema, Clone)]
#[serde(untagged)]
enum Size {
    Points(f32),
    Name(String),
}

/// The floor chart labels shrink to when a template names none: 小五 (9 pt, a character
/// 3.2 mm high), the size Chinese statistical bulletins set their tables' notes in, one
/// step under 五号 that gongwen's labels use. A step further, 六号 (7.5 pt, 2.6 mm), fits a
/// fifth character in a slot but sets FandolFang's stems (0.096 em) at 0.7 pt: too fine
/// for a FangSong report photocopied, as government reports are.
const DEFAULT_LABEL_MIN_SIZE: f32 = 9.0;

/// Chinese type sizes (号) in points.
const SIZE_NAMES: &[(&str, f32)] = &[
    ("初号", 42.0),
    ("小初", 36.0),
    ("一号", 26.0),
    ("小一", 24.0),
    ("二号", 22.0),
    ("小二", 18.0),
    ("三号", 16.0),
    ("小三", 15.0),
    ("四号", 14.0),
    ("小四", 12.0),
    ("五号", 10.5),
    ("小五", 9.0),
];

impl Size {
    /// The size in points; `body` is the body's size, which "em" sizes are relative to
    /// (`None` while the body's own size is read: it cannot be relative to itself).
    fn points(&self, body: Option<f32>, field: &str) -> Result<f32, KeyError> {
        let pt = match self {
            Size::Points(pt) => *pt,
            Size::Name(name) => match name.trim().strip_suffix("em").map(|ems| ems.trim().parse::<f32>()) {
                Some(Ok(ems)) => match body {
                    Some(body) => ems * body,
                    None => return Err((field.to_owned(), format!("`{name}`: the body's size is given in points or a size name, not relative to itself"))),
                },
                Some(Err(_)) | None => SIZE_NAMES.iter().find(|(n, _)| n == name).map(|(_, pt)| *pt).ok_or_else(|| {
                    (field.to_owned(), format!("`{name}` is not a size: give points (12), a Chinese size name (三号, 小四, …) or ems of the body (\"1em\"){}", crate::error::did_you_mean(name, SIZE_NAMES.iter().map(|(n, _)| *n))))
                })?,
            },
        };
        if !(pt > 0.0 && pt <= MAX_SIZE) {
            return Err((field.to_owned(), format!("size {pt} pt is out of range (0, {MAX_SIZE}]")));
        }
        Ok(pt)
    }
}

impl TemplateFile {
    /// Checks every value and converts it to points.
    pub fn resolve(self) -> Result<Template, KeyError> {
        let p = &self.page;
        let (width, height) = page_size(p)?;
        for (key, v) in [
            ("page.width", width),
            ("page.height", height),
            ("page.margin_top", p.margin_top),
            ("page.margin_bottom", p.margin_bottom),
            ("page.margin_left", p.margin_left),
            ("page.margin_right", p.margin_right),
        ] {
            if !(0.0..=MAX_PAGE_MM).contains(&v) {
                return Err((key.into(), format!("{v} mm is not a length on a page (0 to {MAX_PAGE_MM} mm)")));
            }
        }
        if p.margin_left + p.margin_right >= width {
            return Err(("page.margin_left".into(), "the left and right margins are wider than the page".into()));
        }
        if p.margin_top + p.margin_bottom >= height {
            return Err(("page.margin_top".into(), "the top and bottom margins are taller than the page".into()));
        }
        let mut block = Block {
            left: p.margin_left * PT_PER_MM,
            top: p.margin_top * PT_PER_MM,
            width: (width - p.margin_left - p.margin_right) * PT_PER_MM,
            height: (height - p.margin_top - p.margin_bottom) * PT_PER_MM,
        };
        let body_size = self.body.size.points(None, "body.size")?;
        let grid = self.grid.as_ref().map(|g| grid_of(g, &mut block, body_size)).transpose()?;
        let fonts: BTreeMap<String, FontSpec> = self
            .fonts
            .into_iter()
            .map(|(key, f)| {
                if f.pdf.is_empty() {
                    return Err((format!("fonts.{key}.pdf"), "name at least one font file or family".into()));
                }
                let sources = f.pdf.iter().map(|name| FontSource::parse(name)).collect();
                let origin = Location::file(String::new());
                Ok((key.clone(), FontSpec { key, sources, docx: f.docx, origin }))
            })
            .collect::<Result<_, _>>()?;
        let font = |key: &str, field: &str| -> Result<String, KeyError> {
            if fonts.contains_key(key) {
                Ok(key.to_owned())
            } else {
                let known: Vec<&str> = fonts.keys().map(String::as_str).collect();
                Err((field.to_owned(), format!("no font `{key}` in [fonts] (have: {})", known.join(", "))))
            }
        };
        let latin = |key: &Option<String>, field: &str| -> Result<Option<String>, KeyError> {
            key.as_deref().map(|k| font(k, &format!("{field}.latin_font"))).transpose()
        };
        // A style of a font key and a size, without a Latin font of its own.
        let plain =
            |key: &str, size: &Size, field: &str, size_field: &str, align: Align| -> Result<TextStyle, KeyError> {
                Ok(TextStyle {
                    font: font(key, field)?,
                    size: size.points(Some(body_size), size_field)?,
                    align,
                    latin_font: None,
                    bold: false,
                    color: Color::BLACK,
                })
            };
        let text_color = |c: &Option<String>, field: &str| -> Result<Color, KeyError> {
            c.as_deref().map_or(Ok(Color::BLACK), |c| color(c, &format!("{field}.color")))
        };
        let style = |s: &StyleFile, field: &str, align: Align| -> Result<TextStyle, KeyError> {
            Ok(TextStyle {
                font: font(&s.font, &format!("{field}.font"))?,
                size: s.size.points(Some(body_size), &format!("{field}.size"))?,
                align: s.align.unwrap_or(align),
                latin_font: latin(&s.latin_font, field)?,
                bold: s.bold,
                color: text_color(&s.color, field)?,
            })
        };
        let body = TextStyle {
            font: font(&self.body.font, "body.font")?,
            size: body_size,
            align: Align::Justify,
            latin_font: latin(&self.body.latin_font, "body")?,
            bold: false,
            color: Color::BLACK,
        };
        let line_pitch = match (grid, self.line_pitch) {
            // Whole twips rounded down, as the DOCX's grid keeps it, so that its lines fit the
            // block as the PDF's do (28.95 pt for 225 mm / 22).
            (Some(g), None) => (block.height / g.lines as f32 * 20.0).floor() / 20.0,
            (None, Some(pitch)) if pitch >= body.size && pitch <= MAX_SIZE * 5.0 => pitch,
            (None, Some(pitch)) if pitch >= body.size => {
                return Err(("line_pitch".into(), format!("{pitch} pt: at most {} pt", MAX_SIZE * 5.0)))
            }
            (None, Some(pitch)) => {
                return Err(("line_pitch".into(), format!("{pitch} pt is less than the body size {} pt", body.size)))
            }
            (None, None) => return Err(("line_pitch".into(), "a template without [grid] needs `line_pitch`".into())),
            (Some(_), Some(_)) => {
                return Err((
                    "line_pitch".into(),
                    "with [grid] the line pitch follows from the grid; remove `line_pitch`".into(),
                ))
            }
        };
        if let Some(g) = grid {
            if line_pitch < body.size {
                return Err((
                    "grid.lines".into(),
                    format!("{} lines leave a pitch smaller than the body size", g.lines),
                ));
            }
        }
        if self.headings.is_empty() || self.headings.len() > MAX_HEADING_LEVEL {
            return Err(("headings".into(), format!("give 1 to {MAX_HEADING_LEVEL} heading levels")));
        }
        // Space in lines: whole lines on a grid, so that the grid's lines stay in step.
        let space = |lines: f32, field: &str| -> Result<f32, KeyError> {
            let lines = non_negative(lines, field)?;
            if grid.is_some() && lines.fract() != 0.0 {
                return Err((field.to_owned(), format!("{lines} lines: a grid takes whole lines")));
            }
            Ok(lines * line_pitch)
        };
        let headings = self
            .headings
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let field = format!("headings[{i}]");
                placeholders(&h.numbering, &format!("{field}.numbering"), &HEADING)?;
                numbering::check(&h.numbering, i + 1).map_err(|m| (format!("{field}.numbering"), m))?;
                Ok(HeadingStyle {
                    numbering: h.numbering.clone(),
                    style: TextStyle {
                        font: font(&h.font, &format!("{field}.font"))?,
                        size: h.size.points(Some(body_size), &format!("{field}.size"))?,
                        align: h.align.unwrap_or(Align::Justify),
                        latin_font: latin(&h.latin_font, &field)?,
                        bold: h.bold,
                        color: text_color(&h.color, &field)?,
                    },
                    space_before: space(h.space_before, &format!("{field}.space_before"))?,
                    space_after: space(h.space_after, &format!("{field}.space_after"))?,
                })
            })
            .collect::<Result<Vec<_>, KeyError>>()?;
        let t = &self.table;
        placeholders(&t.caption, "table.caption", &CAPTION)?;
        if !t.caption.contains("{caption}") {
            return Err(("table.caption".into(), "the caption pattern needs `{caption}`".into()));
        }
        let cell = TextStyle {
            font: font(&t.font, "table.font")?,
            size: t.size.points(Some(body_size), "table.size")?,
            align: Align::Left,
            latin_font: latin(&t.latin_font, "table")?,
            bold: false,
            color: Color::BLACK,
        };
        let min_size = match &t.min_size {
            Some(size) => size.points(Some(body_size), "table.min_size")?,
            None => cell.size,
        };
        if min_size > cell.size {
            return Err((
                "table.min_size".into(),
                format!("{min_size} pt is larger than the cells' own size, {} pt", cell.size),
            ));
        }
        if t.max_lines == Some(0) {
            return Err(("table.max_lines".into(), "a row takes at least one line".into()));
        }
        let continued = t.continued.clone().filter(|c| !c.trim().is_empty());
        let table = TableStyle {
            min_size,
            max_lines: t.max_lines,
            continued,
            continued_align: t.continued_align.unwrap_or(Align::Right),
            header: TextStyle {
                font: font(&t.header_font, "table.header_font")?,
                align: Align::Center,
                color: text_color(&t.header_color, "table.header")?,
                ..cell.clone()
            },
            header_fill: t.header_fill.as_deref().map(|c| color(c, "table.header_fill")).transpose()?,
            cell,
            caption: t.caption.clone(),
            caption_style: plain(
                &t.caption_font,
                &t.caption_size,
                "table.caption_font",
                "table.caption_size",
                Align::Center,
            )?,
            rule: non_negative(t.rule, "table.rule")?,
            cell_padding: non_negative(t.cell_padding, "table.cell_padding")? * PT_PER_MM,
            cell_padding_vertical: non_negative(t.cell_padding_vertical, "table.cell_padding_vertical")? * PT_PER_MM,
            cell_leading: leading_ems(t.cell_leading, "table.cell_leading")?,
            indicator_headers: t.indicator_headers.clone(),
            indicator_columns: t.indicator_columns.clone(),
            change_style: t.change_style,
        };
        let ch = &self.chart;
        placeholders(&ch.caption, "chart.caption", &CAPTION)?;
        if !ch.caption.contains("{caption}") {
            return Err(("chart.caption".into(), "the caption pattern needs `{caption}`".into()));
        }
        if !(ch.height > 10.0 && ch.height < height) {
            return Err(("chart.height".into(), format!("{} mm is not a chart height on this page", ch.height)));
        }
        let label = plain(&ch.font, &ch.size, "chart.font", "chart.size", Align::Center)?;
        let label_min_size = match &ch.label_min_size {
            Some(min) => min.points(Some(body_size), "chart.label_min_size")?,
            None => DEFAULT_LABEL_MIN_SIZE.min(label.size),
        };
        if label_min_size > label.size {
            return Err((
                "chart.label_min_size".into(),
                format!("{label_min_size} pt is larger than the labels' size {} pt", label.size),
            ));
        }
        let chart = ChartStyle {
            caption: ch.caption.clone(),
            caption_style: plain(
                &ch.caption_font,
                &ch.caption_size,
                "chart.caption_font",
                "chart.caption_size",
                Align::Center,
            )?,
            label,
            label_min_size,
            height: ch.height * PT_PER_MM,
            bar_color: color(&ch.bar_color, "chart.bar_color")?,
            negative_color: color(&ch.negative_color, "chart.negative_color")?,
            docx: ch.docx.unwrap_or(DocxChart::Chart),
        };
        let n = &self.page_number;
        placeholders(&n.format, "page_number.format", &RUNNING)?;
        if !n.format.contains("{page}") {
            return Err(("page_number.format".into(), "the page number pattern needs `{page}`".into()));
        }
        let number_style = plain(&n.font, &n.size, "page_number.font", "page_number.size", Align::Center)?;
        let number_size = number_style.size;
        let page_number = PageNumberStyle {
            format: n.format.clone(),
            style: number_style,
            position: n.position,
            inset: non_negative(n.inset_chars, "page_number.inset_chars")? * number_size,
            below_block: non_negative(n.below_block, "page_number.below_block")? * PT_PER_MM,
        };
        let c = &self.closing;
        let closing_style = plain(&c.font, &c.size, "closing.font", "closing.size", Align::Right)?;
        let closing = ClosingStyle {
            date_inset: non_negative(c.date_inset_chars, "closing.date_inset_chars")? * closing_style.size,
            style: closing_style,
            lines_before: blank_lines(c.lines_before, "closing.lines_before")?,
            attachments_label: c.attachments_label.clone(),
            attachment_number: {
                placeholders(&c.attachment_number, "closing.attachment_number", &["{n}"])?;
                c.attachment_number.clone()
            },
        };
        let header = match &self.header {
            Some(h) => {
                placeholders(&h.text, "header.text", &RUNNING)?;
                Some(RunningHeader {
                    text: h.text.clone(),
                    style: TextStyle {
                        color: text_color(&h.color, "header")?,
                        ..plain(&h.font, &h.size, "header.font", "header.size", h.align.unwrap_or(Align::Center))?
                    },
                    above_block: non_negative(h.above_block, "header.above_block")? * PT_PER_MM,
                    rule: non_negative(h.rule, "header.rule")?,
                })
            }
            None => None,
        };
        let period = match &self.period {
            Some(p) => {
                placeholders(&p.text, "period.text", &["{period}"])?;
                if !p.text.contains("{period}") {
                    return Err(("period.text".into(), "the line under the title gives `{period}`".into()));
                }
                Some(PeriodLine {
                    text: p.text.clone(),
                    style: TextStyle {
                        color: text_color(&p.color, "period")?,
                        ..plain(&p.font, &p.size, "period.font", "period.size", p.align.unwrap_or(Align::Center))?
                    },
                })
            }
            None => None,
        };
        let key_figures = match &self.key_figures {
            Some(k) => {
                if !(1..=8).contains(&k.count) {
                    return Err(("key_figures.count".into(), format!("{} figures: give 1 to 8", k.count)));
                }
                Some(KeyFiguresStyle {
                    count: k.count,
                    value: TextStyle {
                        color: color(&k.value_color, "key_figures.value_color")?,
                        ..plain(
                            &k.value_font,
                            &k.value_size,
                            "key_figures.value_font",
                            "key_figures.value_size",
                            Align::Center,
                        )?
                    },
                    label: plain(
                        &k.label_font,
                        &k.label_size,
                        "key_figures.label_font",
                        "key_figures.label_size",
                        Align::Center,
                    )?,
                    fill: color(&k.fill, "key_figures.fill")?,
                    gap: non_negative(k.gap, "key_figures.gap")? * PT_PER_MM,
                })
            }
            None => None,
        };
        let cover = match &self.cover {
            Some(c) => {
                let title_top = non_negative(c.title_top, "cover.title_top")? * PT_PER_MM;
                if title_top >= block.height / 2.0 {
                    return Err((
                        "cover.title_top".into(),
                        "the title must stand in the upper half of the block".into(),
                    ));
                }
                Some(CoverStyle {
                    title: TextStyle {
                        color: text_color(&c.title_color, "cover.title")?,
                        bold: false,
                        ..plain(&c.title_font, &c.title_size, "cover.title_font", "cover.title_size", Align::Center)?
                    },
                    text: plain(&c.font, &c.size, "cover.font", "cover.size", Align::Center)?,
                    title_top,
                })
            }
            None => None,
        };
        let paragraph_space =
            (space(self.body.space_before, "body.space_before")?, space(self.body.space_after, "body.space_after")?);
        Ok(Template {
            name: self.name,
            page_size: (width * PT_PER_MM, height * PT_PER_MM),
            block,
            grid,
            line_pitch,
            title: style(&self.title, "title", Align::Center)?,
            title_lines_after: blank_lines(self.title.lines_after, "title.lines_after")?,
            subtitle: style(&self.subtitle, "subtitle", Align::Center)?,
            period,
            doc_number: style(&self.doc_number, "doc_number", Align::Center)?,
            first_line_indent: non_negative(self.body.first_line_indent, "body.first_line_indent")?,
            loosen: non_negative(self.body.loosen, "body.loosen")?,
            body,
            headings,
            table,
            chart,
            page_number,
            closing,
            fonts,
            fallback_families: self.fallback_families,
            punctuation: self.punctuation,
            docx_font_names: self.docx_font_names.unwrap_or(DocxFontNames::Gb2312),
            latin_space: self.latin_space,
            paragraph_space,
            header,
            key_figures,
            cover,
        })
    }
}

/// The JSON Schema of template files, for editors: every key as a template file is read,
/// with its documentation, and `extends`. A template that extends a built-in gives only
/// what differs, so nothing inside a section is required, and the top-level sections only
/// when there is no `extends`.
pub fn json_schema(builtins: &[&str]) -> serde_json::Value {
    fn drop_required(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                map.remove("required");
                map.values_mut().for_each(drop_required);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(drop_required),
            _ => {}
        }
    }
    let mut schema = serde_json::to_value(schemars::schema_for!(TemplateFile)).expect("a schema serializes");
    let required = schema.get("required").cloned().unwrap_or_else(|| serde_json::json!([]));
    drop_required(&mut schema);
    if let Some(map) = schema.as_object_mut() {
        map.insert("title".into(), "baogao template".into());
        if let Some(serde_json::Value::Object(properties)) = map.get_mut("properties") {
            properties.insert(
                "extends".into(),
                serde_json::json!({
                    "description": "A built-in template this file changes: its values are put over the built-in's, tables key by key, heading levels entry by entry.",
                    "type": "string",
                    "enum": builtins,
                }),
            );
        }
        map.insert("if".into(), serde_json::json!({ "not": { "required": ["extends"] } }));
        map.insert("then".into(), serde_json::json!({ "required": required }));
    }
    schema
}

/// GB/T 9704's line pitch in ems of the body: 225 mm over 22 lines is 28.95 pt, 1.81 ems of
/// 三号 (16 pt). A derived grid rounds to whole lines, so 1.8 gives its 22.
const DEFAULT_LEADING: f32 = 1.8;

/// How much wider than the body text a fixed grid's cell may be, pt: pdf-check counts a
/// line whose gaps exceed 1 pt as letter-spaced, and 小四 text on GB/T 9704's 15.8 pt cell
/// (3.8 pt more) reads "全 区 经 济".
const MAX_CELL_SLACK: f32 = 1.0;

/// How much narrower than the body text a fixed grid's cell may be: text is narrowed to fit
/// a cell (see `Grid::scale`), 98 % for 三号 on GB/T 9704's grid; under 90 % the strokes
/// visibly thin.
const MIN_CELL_SCALE: f32 = 0.9;

/// The line pitches a fixed grid may give, in ems of the body: under 1.2 lines touch, over
/// 2.5 the text reads as double spaced by mistake.
const LEADING_RANGE: std::ops::RangeInclusive<f32> = 1.2..=2.5;

/// The character grid of `g` on `block` for body text of `body` pt: lines and characters
/// given are checked against the body, those not given are derived from it, so that a
/// template changing the body size, the paper or its orientation keeps whole characters on
/// every line. The block narrows to whole cells.
fn grid_of(g: &GridFile, block: &mut Block, body: f32) -> Result<Grid, KeyError> {
    let leading = g.leading.unwrap_or(DEFAULT_LEADING);
    if !(1.0..=3.0).contains(&leading) {
        return Err(("grid.leading".into(), format!("{leading} ems: give 1 to 3 (GB/T 9704's is 1.8)")));
    }
    let derived_chars = (block.width / body).round().max(1.0) as usize;
    let derived_lines = (block.height / (body * leading)).round().max(1.0) as usize;
    let chars = g.chars.unwrap_or(derived_chars);
    let lines = g.lines.unwrap_or(derived_lines);
    for (count, given, key, what) in
        [(chars, g.chars, "grid.chars", "characters"), (lines, g.lines, "grid.lines", "lines")]
    {
        if !(1..=MAX_GRID).contains(&count) {
            let (key, why) = match given {
                Some(_) => (key, String::new()),
                None => ("body.size", format!(" (derived from the body's {body} pt)")),
            };
            return Err((key.into(), format!("a grid of {count} {what}{why}: a grid has 1 to {MAX_GRID}")));
        }
    }
    // Whole twips, as Word and LibreOffice keep the pitch (see `Grid::cell`); the block then
    // holds the cells exactly (156 mm becomes 442.4 pt, 0.07 mm more).
    let cell = (block.width / chars as f32 * 20.0).round() / 20.0;
    if g.chars.is_some() && !(body * MIN_CELL_SCALE..=body + MAX_CELL_SLACK).contains(&cell) {
        let effect = if cell > body { "letter-spaced" } else { "squeezed" };
        return Err((
            "grid.chars".into(),
            format!(
                "{chars} characters a line make a {cell:.1} pt cell for the {body} pt body (`body.size`): every line would be {effect}; leave `grid.chars` out to derive it ({derived_chars} here), or change `body.size`"
            ),
        ));
    }
    let pitch = block.height / lines as f32;
    if g.lines.is_some() && !LEADING_RANGE.contains(&(pitch / body)) {
        return Err((
            "grid.lines".into(),
            format!(
                "{lines} lines make a {pitch:.1} pt pitch for the {body} pt body (`body.size`), {:.2} ems (1.2 to 2.5 read well); leave `grid.lines` out to derive it ({derived_lines} here), or change `body.size`",
                pitch / body
            ),
        ));
    }
    block.width = cell * chars as f32;
    Ok(Grid { lines, chars, cell })
}

/// The page's width and height in mm: a named size turned by the orientation, or the
/// given width and height.
fn page_size(p: &PageFile) -> Result<(f32, f32), KeyError> {
    let named = match &p.size {
        Some(name) => {
            let found = PAPER_SIZES.iter().find(|(n, _, _)| n.eq_ignore_ascii_case(name));
            let (_, w, h) = found.ok_or_else(|| {
                let names: Vec<&str> = PAPER_SIZES.iter().map(|(n, _, _)| *n).collect();
                ("page.size".to_owned(), format!("`{name}` is not a paper size ({})", names.join(", ")))
            })?;
            Some((*w, *h))
        }
        None => None,
    };
    let (width, height) = match (named, p.width, p.height) {
        (_, Some(w), Some(h)) => (w, h),
        (Some((w, h)), None, None) => (w, h),
        (Some((w, h)), width, height) => (width.unwrap_or(w), height.unwrap_or(h)),
        (None, _, _) => {
            return Err(("page.size".into(), "give a paper `size` (\"A4\") or `width` and `height`".into()))
        }
    };
    Ok(match p.orientation {
        Orientation::Portrait => (width.min(height), width.max(height)),
        Orientation::Landscape => (width.max(height), width.min(height)),
    })
}

/// Placeholders of header and footer patterns.
const RUNNING: [&str; 6] = ["{page}", "{pages}", "{title}", "{date}", "{issuer}", "{period}"];

/// Placeholders of caption patterns.
const CAPTION: [&str; 2] = ["{n}", "{caption}"];

/// Placeholders of heading numbers.
const HEADING: [&str; 11] = ["{zh}", "{n}", "{n1}", "{n2}", "{n3}", "{n4}", "{n5}", "{n6}", "{n7}", "{n8}", "{n9}"];

/// Checks that a pattern uses only the placeholders there are (`{x}` printed as it stood).
fn placeholders(pattern: &str, field: &str, known: &[&str]) -> Result<(), KeyError> {
    let mut rest = pattern;
    while let Some(start) = rest.find('{') {
        let end = rest[start..].find('}').map_or(rest.len(), |e| start + e + 1);
        let placeholder = &rest[start..end];
        if !known.contains(&placeholder) {
            let close = crate::error::did_you_mean(placeholder, known.iter().copied());
            return Err((
                field.to_owned(),
                format!("unknown placeholder `{placeholder}` (have: {}){close}", known.join(" ")),
            ));
        }
        rest = &rest[end..];
    }
    if let Some(stray) = rest.find('}') {
        return Err((field.to_owned(), format!("a `}}` without `{{` at byte {}", pattern.len() - rest.len() + stray)));
    }
    Ok(())
}

/// The most blank lines a template may ask for in one place: more than a page (GB/T 9704's
/// holds 22) only empties pages, and `lines_after = 1000000000` asked for a 128 GB
/// allocation.
const MAX_BLANK_LINES: usize = 22;

fn blank_lines(n: usize, field: &str) -> Result<usize, KeyError> {
    if n <= MAX_BLANK_LINES {
        Ok(n)
    } else {
        Err((field.to_owned(), format!("{n} blank lines: at most {MAX_BLANK_LINES}")))
    }
}

/// The largest page side, in mm: PDF readers take pages up to 200 inches (ISO 32000-1, C.2).
const MAX_PAGE_MM: f32 = 5080.0;

/// The largest type size, in points.
const MAX_SIZE: f32 = 200.0;

/// The most lines, or characters a line, a grid may have (GB/T 9704's is 22 × 28).
const MAX_GRID: usize = 100;

/// The largest value of any other length, indent or count of lines, characters or ems: more
/// than any page holds, and small enough that every coordinate stays finite (a 1e30 indent
/// wrote numbers into the PDF that qpdf refused).
const MAX_AMOUNT: f32 = 1000.0;

fn non_negative(v: f32, field: &str) -> Result<f32, KeyError> {
    if (0.0..=MAX_AMOUNT).contains(&v) {
        Ok(v)
    } else {
        Err((field.to_owned(), format!("{v} must be from 0 to {MAX_AMOUNT}")))
    }
}

fn leading_ems(v: f32, field: &str) -> Result<f32, KeyError> {
    if (1.0..=5.0).contains(&v) {
        Ok(v)
    } else {
        Err((field.to_owned(), format!("{v} is not a line height (1 to 5 ems)")))
    }
}

/// Widening each gap of a line by a quarter em is where spacing starts to show (16 pt: 4 pt,
/// against 0.6 pt for one character carried over a 27-character line); 0.2 em still lets a
/// masked figure of three cells ("****") go over from a 20-gap line (2.5 pt a gap).
fn default_loosen() -> f32 {
    0.2
}
