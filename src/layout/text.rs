//! Shaping for Chinese reports: each character to a glyph of a font that has it, with its
//! advance, its width class, its punctuation class and whether a line may break before it.
//!
//! Han text needs no complex shaping (one character, one glyph); runs of Latin letters and
//! digits are shaped by rustybuzz for their kerning. Punctuation is set by the template's
//! mode: on a grid every full-width mark keeps its cell; compressed, adjacent marks share
//! one and a half ems and a mark may give up its blank half at a line's end or to let the
//! line take one more character (push-in).

use unicode_linebreak::{break_property, linebreaks, BreakClass, BreakOpportunity};

use crate::fonts::{FontId, FontSet};
use crate::model::is_han;
use crate::template::Punctuation;

/// Drawn for a character that no font has, so it never silently drops out.
pub const REPLACEMENT: char = '□';

/// Marks that must not start a line (GB/T 15834, W3C clreq).
pub const NO_LINE_START: &str = "，。、；：？！）》」』】〕〗〉’”%％…·.,;:?!)]}";
/// Marks that must not end a line.
pub const NO_LINE_END: &str = "（《「『【〔〖〈‘“([{";
/// Full-width closing marks: the glyph sits in the left half of its em, the right half blank.
const CLOSING: &str = "，。、；：？！）》」』】〕〗〉’”";
/// Full-width opening marks: the glyph sits in the right half, the left half blank.
const OPENING: &str = "（《「『【〔〖〈‘“";

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

/// Which half of its em a full-width mark leaves blank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blank {
    /// Not a full-width mark with a blank half (or the half is already gone).
    None,
    /// The right half (closing marks): trimmed by shortening the advance.
    Right,
    /// The left half (opening marks): trimmed by drawing the glyph further left.
    Left,
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
    /// Where the glyph is drawn relative to the start of its advance, pt (negative for an
    /// opening mark whose blank left half was trimmed).
    pub offset: f32,
    /// Width class.
    pub width: Width,
    /// A line may break before this character.
    pub break_before: bool,
    /// The blank half this mark may still give up (compressed punctuation only).
    pub blank: Blank,
    /// The size of an em for this glyph, pt.
    pub em: f32,
    /// Index of the character of the shaped text it shows (of the next one for a space put
    /// between Han and Latin), so that a line's glyphs name the text they set.
    pub source: usize,
}

impl Glyph {
    /// A glyph for the layout's unit tests: wide characters 10 pt, narrow ones 5 pt, in an
    /// em of 10 pt, with no blank half.
    #[cfg(test)]
    pub fn for_test(ch: char, break_before: bool, source: usize) -> Glyph {
        let width = width_class(ch);
        let advance = if width == Width::Wide { 10.0 } else { 5.0 };
        Glyph {
            ch,
            font: crate::fonts::FontId(0),
            gid: 1,
            advance,
            offset: 0.0,
            width,
            break_before,
            blank: Blank::None,
            em: 10.0,
            source,
        }
    }

    /// How much the glyph can give up: its blank half.
    pub fn squeeze(&self) -> f32 {
        if self.blank == Blank::None {
            0.0
        } else {
            self.em / 2.0
        }
    }

    /// Gives up `amount` (at most its blank half) of its advance.
    pub fn trim(&mut self, amount: f32) {
        let amount = amount.min(self.squeeze());
        self.advance -= amount;
        if self.blank == Blank::Left {
            self.offset -= amount;
        }
        self.blank = Blank::None;
    }

    /// A line may end after it: it is not an opening mark or the like.
    pub fn ends_line_well(&self) -> bool {
        !NO_LINE_END.contains(self.ch)
    }
}

/// How to shape a run of text.
#[derive(Debug, Clone)]
pub struct ShapeStyle {
    /// The style's font.
    pub font: FontId,
    /// The font for Latin letters and digits, if not the style's font.
    pub latin_font: Option<FontId>,
    /// Size, pt.
    pub size: f32,
    /// Advance of wide characters on a fixed grid; `None` for their natural advance.
    pub cell: Option<f32>,
    /// The horizontal scale of every other character on the grid (the template's
    /// `width_scale`, 0.98 for 三号 on GB/T 9704's grid), 1 elsewhere.
    pub scale: f32,
    /// How punctuation is set.
    pub punctuation: Punctuation,
    /// Put a quarter em between Han characters and Latin letters or digits.
    pub latin_space: bool,
    /// Break lines between words only (titles, cells, labels, signatures), not between any
    /// two Han characters as running text does.
    pub keep_words: bool,
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
pub fn shape(text: &str, style: &ShapeStyle, fonts: &FontSet) -> (Vec<Glyph>, Vec<MissingGlyph>) {
    let mut breaks = breaks_before(text);
    if style.keep_words {
        keep_words(text, &mut breaks);
    }
    let mut glyphs = Vec::with_capacity(breaks.len());
    let mut missing = Vec::new();
    for (i, ch) in text.chars().enumerate() {
        let width = width_class(ch);
        let preferred = match (width, style.latin_font) {
            (Width::Narrow, Some(latin)) => latin,
            _ => style.font,
        };
        let (font, gid, drawn) = match fonts.find_glyph(preferred, ch) {
            Some((font, gid)) if ch == '—' => (font, cjk_dash(fonts, font).unwrap_or(gid), ch),
            Some((font, gid)) => (font, gid, ch),
            None if width == Width::Space => (style.font, 0, ch),
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
            (Width::Space, _) if gid == 0 => style.size / 4.0 * style.scale,
            (_, Some(_)) => natural * style.scale,
            _ => natural,
        };
        let blank = match style.punctuation {
            Punctuation::Grid | Punctuation::Hanging => Blank::None,
            Punctuation::Compressed if CLOSING.contains(drawn) => Blank::Right,
            Punctuation::Compressed if OPENING.contains(drawn) => Blank::Left,
            Punctuation::Compressed => Blank::None,
        };
        glyphs.push(Glyph {
            ch: drawn,
            font,
            gid,
            advance,
            offset: 0.0,
            width,
            break_before: breaks[i],
            blank,
            em: style.size,
            source: i,
        });
    }
    kern(&mut glyphs, style.size, style.scale, fonts);
    join_dashes(&mut glyphs, style.cell.unwrap_or(style.size), fonts);
    if style.punctuation == Punctuation::Compressed {
        compress_adjacent_marks(&mut glyphs);
    }
    if style.latin_space {
        glyphs = space_latin(glyphs, style.size);
    }
    (glyphs, missing)
}

/// Kerns runs of Latin letters and digits: rustybuzz shapes each run and its advances, with
/// the grid's `scale`, replace the plain ones.
fn kern(glyphs: &mut [Glyph], size: f32, scale: f32, fonts: &FontSet) {
    let mut start = 0;
    while start < glyphs.len() {
        let font = glyphs[start].font;
        let mut end = start;
        while end < glyphs.len() && glyphs[end].width == Width::Narrow && glyphs[end].font == font {
            end += 1;
        }
        if end - start >= 2 {
            let run = &mut glyphs[start..end];
            let font = fonts.get(font);
            let shaped = font.shape_latin(&run.iter().map(|g| g.ch).collect::<String>());
            let same_glyphs = shaped.len() == run.len()
                && shaped.iter().zip(run.iter()).all(|(shaped, g)| shaped.glyph_id == u32::from(g.gid));
            if same_glyphs {
                for (g, shaped) in run.iter_mut().zip(&shaped) {
                    g.advance = shaped.x_advance as f32 / font.units_per_em() * size * scale;
                }
            }
        }
        start = end.max(start + 1);
    }
}

/// A Chinese dash ("——", GB/T 15834 4.9) is one unbroken line two ems long, centred on
/// the em box. Many CJK fonts draw U+2014 as a Latin dash (Noto Sans SC: 0.894 em advance,
/// its ink 0.80 em, low on the line), so two of them show a gap: the font's CJK form
/// (U+2015, the glyph its `fwid` feature picks) is drawn instead where it has one, each
/// at a full em, the pieces moved together so that their ink joins. The text stays "——".
fn join_dashes(glyphs: &mut [Glyph], cell: f32, fonts: &FontSet) {
    let mut start = 0;
    while start < glyphs.len() {
        let first = &glyphs[start];
        let mut end = start;
        while end < glyphs.len() && glyphs[end].ch == '—' && glyphs[end].font == first.font {
            end += 1;
        }
        if end - start >= 2 {
            join_dash_run(&mut glyphs[start..end], cell, fonts);
        }
        start = end.max(start + 1);
    }
}

/// `run`'s dashes a `cell` each (an em, or the grid's cell).
/// The glyph a Chinese dash is drawn with in `font`: its CJK form (U+2015), where it has
/// one. Every "—" of the font takes it, joined or not: a character drawn with two glyphs of
/// one font could not be mapped back to its text.
fn cjk_dash(fonts: &FontSet, font: FontId) -> Option<u16> {
    fonts.get(font).glyph('―')
}

fn join_dash_run(run: &mut [Glyph], cell: f32, fonts: &FontSet) {
    let font = fonts.get(run[0].font);
    let gid = run[0].gid;
    let Some(ink) = font.ink_box(gid) else { return };
    let scale = run[0].em / font.units_per_em();
    let (ink_left, ink_width) = (f32::from(ink.x_min) * scale, f32::from(ink.x_max - ink.x_min) * scale);
    let advance = cell;
    let total = advance * run.len() as f32;
    // Ink as wide as the cells (FandolFang's dash fills its em) joins without moving.
    let joined = ink_width < advance;
    let margin = ((total - ink_width * run.len() as f32) / 2.0).max(0.0);
    for (k, g) in run.iter_mut().enumerate() {
        g.advance = advance;
        if joined {
            g.offset = margin + k as f32 * (ink_width - advance) - ink_left;
        }
    }
}

/// Two adjacent full-width marks ("。”", "）、", "：“") take one and a half ems: the first
/// gives up its blank right half, or else the second its blank left half.
fn compress_adjacent_marks(glyphs: &mut [Glyph]) {
    for i in 1..glyphs.len() {
        let (before, after) = glyphs.split_at_mut(i);
        let (a, b) = (&mut before[i - 1], &mut after[0]);
        let b_is_mark = b.blank != Blank::None || CLOSING.contains(b.ch) || OPENING.contains(b.ch);
        if !b_is_mark || !(CLOSING.contains(a.ch) || OPENING.contains(a.ch)) {
            continue;
        }
        if a.blank == Blank::Right {
            a.trim(a.squeeze());
        } else if b.blank == Blank::Left {
            b.trim(b.squeeze());
        }
    }
}

/// The space between Han characters and Latin letters or digits, in ems: what LibreOffice
/// sets (measured, 7.4: 2.4 pt at 12 pt, whatever `w:autoSpaceDE` says; none next to `%` or
/// `*`), so that a DOCX breaks its lines where the PDF does.
const LATIN_SPACE: f32 = 0.2;

/// `LATIN_SPACE` between a Han character and a Latin letter or digit, either way round, as a
/// space that stretches with the line and vanishes at its ends.
fn space_latin(glyphs: Vec<Glyph>, size: f32) -> Vec<Glyph> {
    let mut out: Vec<Glyph> = Vec::with_capacity(glyphs.len() + 8);
    for g in glyphs {
        if let Some(prev) = out.last() {
            let han_latin =
                (is_han(prev.ch) && g.ch.is_ascii_alphanumeric()) || (prev.ch.is_ascii_alphanumeric() && is_han(g.ch));
            if han_latin {
                let space = Glyph {
                    ch: ' ',
                    font: g.font,
                    gid: 0,
                    advance: size * LATIN_SPACE,
                    offset: 0.0,
                    width: Width::Space,
                    break_before: false,
                    blank: Blank::None,
                    em: size,
                    source: g.source,
                };
                out.push(space);
            }
        }
        out.push(g);
    }
    out
}

/// For each character of `text`, whether a line may break before it: UAX #14's
/// opportunities, plus those around full-width quotation marks, less those the kinsoku
/// rules forbid.
pub fn breaks_before(text: &str) -> Vec<bool> {
    let mut allowed = vec![false; text.len() + 1];
    for (at, opportunity) in linebreaks(text) {
        allowed[at] = opportunity == BreakOpportunity::Allowed;
    }
    for span in addresses(text) {
        address_breaks(&text[span.clone()], &mut allowed[span]);
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    // The character at `k` (none before the text's start or past its end) is one of `set`.
    let is = |k: Option<usize>, set: fn(char) -> bool| k.and_then(|k| chars.get(k)).is_some_and(|&(_, c)| set(c));
    let digit = |c: char| c.is_ascii_digit();
    let dash = |c: char| RANGE_DASHES.contains(c);
    let context = contexts(&chars);
    (0..chars.len())
        .map(|i| {
            let (at, ch) = chars[i];
            let Some(before) = i.checked_sub(1) else { return false };
            let p = chars[before].1;
            // A range of figures ("1—9月", "2024～2027年") stays on one line.
            let inside_range = (dash(ch) && digit(p) && is(Some(i + 1), digit))
                || (digit(ch) && dash(p) && is(before.checked_sub(1), digit));
            let quote = around_cjk_quote(p, ch) && context[i] == Context::Han;
            !inside_range
                && !closing_mark_holds(p, ch, context[before])
                && (allowed[at] || quote)
                && may_break_between(Some(p), ch)
        })
        .collect()
}

/// Whose rules break a line at a character. LibreOffice (Writer 7.4) steps back from where
/// a line overflows to the nearest letter or digit and breaks by the rules of its script:
/// after Han, its Chinese rules (any boundary its zh-CN line-start and line-end lists allow);
/// after a Latin letter or digit, ICU with its own copy of UAX #14's older rules. The PDF
/// keeps what those older rules keep where they are sound, so that the DOCX breaks where it
/// does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// The nearest letter or digit is Han (or there is none): Chinese rules.
    Han,
    /// It is a Latin letter or digit: UAX #14.
    Latin,
}

impl Context {
    /// The context a letter or digit sets; none for other characters.
    fn of(ch: char) -> Option<Context> {
        // Han first: most characters are, and the alphabetic table is slow to search.
        if crate::model::is_han(ch) {
            return Some(Context::Han);
        }
        ch.is_alphanumeric().then(|| if width_class(ch) == Width::Narrow { Context::Latin } else { Context::Han })
    }

    /// The context at the end of `text`: that of its last letter or digit.
    pub fn at_end(text: impl DoubleEndedIterator<Item = char>) -> Context {
        text.rev().find_map(Context::of).unwrap_or(Context::Han)
    }
}

/// The context of each character: that of the nearest letter or digit at or before it.
fn contexts(chars: &[(usize, char)]) -> Vec<Context> {
    let mut current = Context::Han;
    chars
        .iter()
        .map(|&(_, ch)| {
            current = Context::of(ch).unwrap_or(current);
            current
        })
        .collect()
}

/// A full-width closing mark holds on to a Latin letter or digit after it ("Huawei、iFLYTEK",
/// "（一）2020"): UAX #14 before 6.1 (LB30: CL × AL, NU; 6.1 narrowed it to the ASCII
/// parentheses) decides a break inside a Latin word for LibreOffice, which set
/// "引进|Huawei、iFLYTEK" where we broke after "、" (7.4, measured). After Han text
/// (`before`, the context of the mark) a comma or stop lets go: LibreOffice then breaks by its
/// Chinese rules, which break after a mark it may hang ("企业、|ABC", measured; not after
/// "）").
fn closing_mark_holds(mark: char, next: char, before: Context) -> bool {
    // The cheap tests first: this is asked between every two characters.
    let latin = || width_class(next) == Width::Narrow && next.is_alphanumeric();
    let closing = || width_class(mark) == Width::Wide && break_property(mark as u32) == BreakClass::ClosePunctuation;
    latin() && closing() && (before == Context::Latin || !HANGING.contains(mark))
}

/// The marks that hang in the margin rather than start a line: those LibreOffice hangs
/// (measured, 7.4; its zh-CN locale data), which are Word's too.
pub const HANGING: &str = "，。、；：？！．";

/// Dashes that join two figures into a range (GB/T 15834 4.13: 1—9月, 2024～2027年).
const RANGE_DASHES: &str = "—～~–";

/// Web addresses and e-mail addresses in `text`, as byte ranges.
fn addresses(text: &str) -> Vec<std::ops::Range<usize>> {
    static ADDRESS: std::sync::LazyLock<Option<regex::Regex>> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)(?:https?://|ftp://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]+|[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+",
        )
        .ok()
    });
    let Some(address) = ADDRESS.as_ref() else { return Vec::new() };
    if !(text.contains("://") || text.contains('@') || text.contains("www.") || text.contains("WWW.")) {
        return Vec::new();
    }
    address
        .find_iter(text)
        .map(|m| {
            // Punctuation that ends a sentence is not part of the address.
            let trimmed = m.as_str().trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
            m.start()..m.start() + trimmed.len()
        })
        .collect()
}

/// Inside an address a line breaks only after `/ - ?` (never between the slashes of "//" nor
/// after the scheme's colon), so that each piece reads as part of the address: UAX #14 would
/// break after every hyphen and before nothing else, leaving whole lines unbreakable.
///
/// Not after a dot or an at sign: a host name ("lwzb.stats.gov.cn") and a mail address stay
/// whole, as LibreOffice keeps them (7.4, measured: its UAX #14 rules keep "." with the letter
/// after it and take "@" for a letter; it set "（https://|lwzb.stats.gov.cn/）" where we broke
/// after "gov."), so that the DOCX breaks where the PDF does.
fn address_breaks(address: &str, allowed: &mut [bool]) {
    let mut prev: Option<char> = None;
    for (at, ch) in address.char_indices() {
        // Where the address starts, UAX #14 decides.
        if at > 0 {
            allowed[at] = prev.is_some_and(|p| ADDRESS_BREAKS_AFTER.contains(p)) && !(prev == Some('/') && ch == '/');
        }
        prev = Some(ch);
    }
}

/// The characters of a web address that a line may break after.
const ADDRESS_BREAKS_AFTER: &str = "/-?";

/// Clears the break opportunities inside words, and between a number and the 年, 月, 日 or
/// 号 that belongs to it ("2024年").
fn keep_words(text: &str, breaks: &mut [bool]) {
    let starts = super::words::word_starts(text);
    let mut prev = None;
    for ((ch, allowed), starts_word) in text.chars().zip(breaks.iter_mut()).zip(starts) {
        let counted = prev.is_some_and(|p: char| p.is_ascii_digit()) && "年月日号".contains(ch);
        *allowed &= starts_word && !counted;
        prev = Some(ch);
    }
}

/// UAX #14 keeps quotation marks with both neighbours (LB19), which in Chinese text ties
/// “ to the character before it and ” to the one after it; Chinese breaks there freely
/// (Unicode 15.1 relaxed LB19 for East Asian text the same way). Only in Han context
/// (`breaks_before`): after a figure LibreOffice keeps LB19, setting "均达到|13.1%。“12345”"
/// where we broke before “ (7.4, measured).
fn around_cjk_quote(prev: char, next: char) -> bool {
    (matches!(next, '“' | '‘') && width_class(prev) == Width::Wide)
        || (matches!(prev, '”' | '’') && width_class(next) == Width::Wide)
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
    // No Han character is a mark of either list: most pairs need no search of them.
    if crate::model::is_han(prev) && crate::model::is_han(next) {
        return true;
    }
    !(NO_LINE_START.contains(next)
        || NO_LINE_END.contains(prev)
        || (prev == '—' && next == '—')
        || (prev == '…' && next == '…'))
}

/// Magnitudes that join the word after them to a figure's unit: 万 人次, 亿 美元, 个 百分点.
const MAGNITUDES: &str = "万亿千百十个";

/// Clears the break after a figure when the word after it is its unit: a word of up to
/// three characters ("户", "亿元", "万人次"); after a magnitude alone ("万", "个") the word after
/// that too ("万 | 人次" → "万人次", "个 | 百分点" → "个百分点").
pub fn keep_figures_with_units(glyphs: &mut [Glyph]) {
    let is_figure = |g: &Glyph| g.ch.is_ascii_digit() || "*.,%+-".contains(g.ch);
    let word_end = |glyphs: &[Glyph], start: usize| {
        (start + 1..glyphs.len()).find(|&k| glyphs[k].break_before).unwrap_or(glyphs.len())
    };
    let mut i = 0;
    while i < glyphs.len() {
        if !(glyphs[i].ch.is_ascii_digit() || glyphs[i].ch == '*') {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < glyphs.len() && is_figure(&glyphs[end]) {
            end += 1;
        }
        let mut at = end;
        // Past the quarter em a template may put between a figure and Han text.
        while at < glyphs.len() && glyphs[at].width == Width::Space {
            at += 1;
        }
        while at < glyphs.len() && glyphs[at].width == Width::Wide {
            let next = word_end(glyphs, at);
            if next - at > 3 {
                break;
            }
            glyphs[at].break_before = false;
            let magnitude = next - at == 1 && MAGNITUDES.contains(glyphs[at].ch);
            at = next;
            if !magnitude {
                break;
            }
        }
        i = at.max(end).max(i + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::breaks_before;

    /// `text` with `|` where a line may break.
    fn marked(text: &str) -> String {
        text.chars().zip(breaks_before(text)).map(|(c, b)| if b { format!("|{c}") } else { c.to_string() }).collect()
    }

    #[test]
    fn a_closing_mark_holds_the_latin_word_after_it() {
        // LibreOffice 7.4 (measured) set "引进|Huawei、iFLYTEK" and never "）|ABC"...
        assert_eq!(marked("引进Huawei、iFLYTEK等"), "引|进|Huawei、iFLYTEK|等");
        assert_eq!(marked("（一）2020年"), "（一）2020|年");
        assert_eq!(marked("汉）ABC"), "汉）ABC");
        // ...but broke after a comma or stop that follows Han text.
        assert_eq!(marked("企业、ABC，12"), "企|业、|ABC，12");
        assert_eq!(marked("企业；ABC"), "企|业；|ABC");
    }

    #[test]
    fn quotation_marks_let_go_only_in_han_context() {
        assert_eq!(marked("的。“ABC”的"), "的。|“ABC”|的");
        // After a figure LibreOffice 7.4 kept UAX #14's LB19 (measured).
        assert_eq!(marked("达到13.1%。“12345”政务"), "达|到|13.1%。“12345”|政|务");
    }

    #[test]
    fn a_range_of_figures_stays_whole() {
        assert_eq!(marked("较1—9月加快"), "较|1—9|月|加|快");
        assert_eq!(marked("2024～2027年"), "2024～2027|年");
        // A dash between words still parts them: only figures on both sides join.
        assert!(marked("产业—创新").contains("产|业"));
    }
}
