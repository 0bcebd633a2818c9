//! Shaping for Chinese reports: each character to a glyph of a font that has it, with its
//! advance, its width class and whether a line may break before it.
//!
//! No complex shaping is needed for Han text and Latin figures: one character, one glyph.

use unicode_linebreak::{linebreaks, BreakOpportunity};

use crate::fonts::{FontId, FontSet};

/// Drawn for a character that no font has, so it never silently drops out.
pub const REPLACEMENT: char = '□';

/// Marks that must not start a line (GB/T 15834, W3C clreq).
pub const NO_LINE_START: &str = "，。、；：？！）》」』】〕〗〉’”%％…·.,;:?!)]}";
/// Marks that must not end a line.
pub const NO_LINE_END: &str = "（《「『【〔〖〈‘“([{";

/// How a character takes space in a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Width {
    /// Han characters and full-width marks: one grid cell.
    Wide,
    /// Latin letters, digits and half-width marks: their own advance.
    Narrow,
    /// A space: stretchable, dropped at a line's ends.
    Space,
}

/// One shaped character.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// The character as written (its text in the PDF).
    pub ch: char,
    /// The font drawing it.
    pub font: FontId,
    /// Glyph id in that font.
    pub gid: u16,
    /// Advance in the line, pt.
    pub advance: f32,
    /// Width class.
    pub width: Width,
    /// A line may break before this character.
    pub break_before: bool,
}

/// How to shape a run of text.
#[derive(Debug, Clone, Copy)]
pub struct ShapeStyle {
    /// The style's font.
    pub font: FontId,
    /// Size, pt.
    pub size: f32,
    /// Advance of wide characters on a fixed grid; `None` for their natural advance.
    pub cell: Option<f32>,
}

/// A character that no font has.
#[derive(Debug, Clone, PartialEq)]
pub struct MissingGlyph {
    /// The character.
    pub ch: char,
    /// Its position (in characters) in the text shaped.
    pub offset: usize,
}

/// Shapes `text`, returning its glyphs and the characters that had to be replaced.
pub fn shape(text: &str, style: ShapeStyle, fonts: &FontSet) -> (Vec<Glyph>, Vec<MissingGlyph>) {
    let breaks = breaks_before(text);
    let mut glyphs = Vec::with_capacity(breaks.len());
    let mut missing = Vec::new();
    for (i, ch) in text.chars().enumerate() {
        let (font, gid, drawn) = match fonts.find_glyph(style.font, ch) {
            Some((font, gid)) => (font, gid, ch),
            None if ch.is_whitespace() => (style.font, 0, ch),
            None => {
                missing.push(MissingGlyph { ch, offset: i });
                let (font, gid) = fonts.find_glyph(style.font, REPLACEMENT).unwrap_or((style.font, 0));
                (font, gid, REPLACEMENT)
            }
        };
        let width = width_class(drawn);
        let natural = fonts.get(font).advance(gid) * style.size;
        let advance = match (width, style.cell) {
            (Width::Wide, Some(cell)) => cell,
            (Width::Space, _) if gid == 0 => style.size / 4.0,
            _ => natural,
        };
        glyphs.push(Glyph { ch: drawn, font, gid, advance, width, break_before: breaks[i] });
    }
    (glyphs, missing)
}

/// For each character of `text`, whether a line may break before it: UAX #14's
/// opportunities less those the kinsoku rules forbid.
pub fn breaks_before(text: &str) -> Vec<bool> {
    let mut allowed = vec![false; text.len() + 1];
    for (at, opportunity) in linebreaks(text) {
        allowed[at] = opportunity == BreakOpportunity::Allowed;
    }
    let mut prev = None;
    text.char_indices()
        .map(|(at, ch)| {
            let ok = prev.is_some() && allowed[at] && may_break_between(prev, ch);
            prev = Some(ch);
            ok
        })
        .collect()
}

/// The width class of a character (full-width as in GB/T 9704's grid).
pub fn width_class(ch: char) -> Width {
    let o = ch as u32;
    if ch.is_whitespace() {
        Width::Space
    } else if o >= 0x2E80 || (0x2014..=0x201D).contains(&o) || o == 0x2026 || (0xFF00..=0xFFEF).contains(&o) {
        Width::Wide
    } else {
        Width::Narrow
    }
}

/// The kinsoku rules on top of UAX #14: no closing mark at a line's start, no opening mark
/// at its end, no split inside "——" or "……".
fn may_break_between(prev: Option<char>, next: char) -> bool {
    let Some(prev) = prev else { return true };
    !(NO_LINE_START.contains(next)
        || NO_LINE_END.contains(prev)
        || (prev == '—' && next == '—')
        || (prev == '…' && next == '…'))
}
