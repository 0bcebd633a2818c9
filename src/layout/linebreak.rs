//! Line breaking: fills lines greedily up to their width, breaks at the last allowed
//! opportunity (UAX #14 plus kinsoku), and spreads the slack over the gaps between characters.
//!
//! A break the rules forbid at the full width (a closing mark would start the next line) is
//! resolved by push-in where the line can take the mark by compressing its punctuation and
//! gaps, else by push-out: the line ends at the previous opportunity and is stretched. A
//! unit longer than a whole line (a long Latin word or number) is broken by character as a
//! last resort and reported.

use std::ops::Range;

use super::text::{Blank, Glyph, Width};

/// Rounding slack when comparing widths, pt.
const EPSILON: f32 = 0.01;

/// Widths of the lines of a paragraph.
#[derive(Debug, Clone, Copy)]
pub struct Measure {
    /// Width available to the first line (the block's width less the indent).
    pub first: f32,
    /// Width available to the other lines.
    pub rest: f32,
    /// Stretch lines to the full width (the last line stays flush left).
    pub justify: bool,
    /// How much each gap between characters may shrink to fit one more, pt.
    pub shrink: f32,
}

/// One broken line.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The glyphs it holds (spaces at its ends excluded).
    pub glyphs: Range<usize>,
    /// Where each glyph is drawn, pt from the line's start.
    pub x: Vec<f32>,
    /// Width the line's glyphs take after compression, before justification, pt.
    pub width: f32,
    /// A unit longer than the line had to be broken inside this line's end.
    pub forced: bool,
}

/// Breaks `glyphs` into lines of `measure`.
pub fn break_lines(glyphs: &[Glyph], measure: Measure) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = skip_spaces(glyphs, 0);
    while start < glyphs.len() {
        let available = if lines.is_empty() { measure.first } else { measure.rest };
        let fit = fitting_end(glyphs, start, available, measure.shrink);
        let (end, forced) = if fit == glyphs.len() {
            (fit, false)
        } else if let Some(end) = push_in(glyphs, start, fit, available, measure.shrink) {
            (end, false)
        } else {
            match (start + 1..=fit).rev().find(|&k| glyphs[k].break_before) {
                // A unit longer than a whole line must be broken anyway: break it here rather
                // than leave this line nearly empty.
                Some(k) if unit_width(glyphs, k) > measure.rest + EPSILON => (fit.max(start + 1), true),
                Some(k) => (k, false),
                None => (fit.max(start + 1), true),
            }
        };
        let shown = trim_spaces(glyphs, start, end);
        let last = skip_spaces(glyphs, end) >= glyphs.len();
        let mut set: Vec<Glyph> = glyphs[shown.clone()].to_vec();
        compress_to_fit(&mut set, available);
        let width: f32 = set.iter().map(|g| g.advance).sum();
        let slack = available - width;
        let stretch = if measure.justify && !last { slack } else { slack.min(0.0) };
        lines.push(Line { x: positions(&set, stretch), glyphs: shown, width, forced });
        start = skip_spaces(glyphs, end);
    }
    lines
}

/// The end of the longest run from `start` that fits `available`, its gaps shrunk by at most
/// `shrink` each (spaces may hang).
fn fitting_end(glyphs: &[Glyph], start: usize, available: f32, shrink: f32) -> usize {
    let mut width = 0.0;
    let mut gaps = 0;
    for (i, g) in glyphs.iter().enumerate().skip(start) {
        if i > start && stretchable(&glyphs[i - 1], g) {
            gaps += 1;
        }
        if g.width != Width::Space && width + g.advance > available + EPSILON + shrink * gaps as f32 {
            return i;
        }
        width += g.advance;
    }
    glyphs.len()
}

/// Width of the unbreakable unit that starts at `start`.
fn unit_width(glyphs: &[Glyph], start: usize) -> f32 {
    let end = (start + 1..glyphs.len()).find(|&k| glyphs[k].break_before).unwrap_or(glyphs.len());
    glyphs[start..end].iter().map(|g| g.advance).sum()
}

/// Push-in: when no break is allowed at `fit`, the end of the unit that runs past it, if the
/// line can take the whole unit by giving up blank halves of its marks and shrinking gaps.
fn push_in(glyphs: &[Glyph], start: usize, fit: usize, available: f32, shrink: f32) -> Option<usize> {
    if glyphs[fit].break_before {
        return None;
    }
    let end = (fit + 1..glyphs.len()).find(|&k| glyphs[k].break_before).unwrap_or(glyphs.len());
    let line = &glyphs[start..trim_spaces(glyphs, start, end).end];
    let width: f32 = line.iter().map(|g| g.advance).sum();
    let gaps = line.windows(2).filter(|pair| stretchable(&pair[0], &pair[1])).count();
    let room: f32 = line.iter().map(Glyph::squeeze).sum::<f32>() + shrink * gaps as f32;
    (width - available <= room + EPSILON && line.last().is_some_and(Glyph::ends_line_well)).then_some(end)
}

/// Compressed punctuation: a closing mark at the line's end gives up its blank half; if the
/// line is still too wide (push-in), other marks do too, from the end backwards.
fn compress_to_fit(line: &mut [Glyph], available: f32) {
    if let Some(last) = line.last_mut() {
        if last.blank == Blank::Right {
            last.trim(last.squeeze());
        }
    }
    let mut excess: f32 = line.iter().map(|g| g.advance).sum::<f32>() - available;
    for g in line.iter_mut().rev() {
        if excess <= EPSILON {
            break;
        }
        let give = g.squeeze().min(excess);
        if give > 0.0 {
            g.trim(give);
            excess -= give;
        }
    }
}

/// A gap a line may widen or narrow: between any two characters except inside a Latin word
/// or number.
fn stretchable(a: &Glyph, b: &Glyph) -> bool {
    !(a.width == Width::Narrow && b.width == Width::Narrow)
}

/// Drawing positions with `stretch` (negative: shrink) spread evenly over the stretchable
/// gaps; over every gap when a line has none (a line holding only part of a long URL or code
/// is letter-spaced rather than left short).
fn positions(glyphs: &[Glyph], stretch: f32) -> Vec<f32> {
    let gaps = glyphs.windows(2).filter(|pair| stretchable(&pair[0], &pair[1])).count();
    let any_gap = gaps == 0;
    let extra = match (gaps, glyphs.len()) {
        (0, n) if n > 1 => stretch / (n - 1) as f32,
        (0, _) => 0.0,
        (gaps, _) => stretch / gaps as f32,
    };
    let mut pen = 0.0;
    let mut out = Vec::with_capacity(glyphs.len());
    for (i, g) in glyphs.iter().enumerate() {
        out.push(pen + g.offset);
        pen += g.advance;
        if glyphs.get(i + 1).is_some_and(|next| any_gap || stretchable(g, next)) {
            pen += extra;
        }
    }
    out
}

fn skip_spaces(glyphs: &[Glyph], mut i: usize) -> usize {
    while i < glyphs.len() && glyphs[i].width == Width::Space {
        i += 1;
    }
    i
}

fn trim_spaces(glyphs: &[Glyph], start: usize, mut end: usize) -> Range<usize> {
    while end > start && glyphs[end - 1].width == Width::Space {
        end -= 1;
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::FontId;
    use crate::layout::text::{breaks_before, width_class};

    /// Glyphs for `text`: wide characters 10 pt, narrow 5 pt; break opportunities as the
    /// shaper finds them; with `compressed`, full-width closing marks may give up their
    /// right half.
    fn glyphs_in(text: &str, compressed: bool) -> Vec<Glyph> {
        text.chars()
            .zip(breaks_before(text))
            .map(|(ch, break_before)| {
                let width = width_class(ch);
                let advance = if width == Width::Wide { 10.0 } else { 5.0 };
                let blank =
                    if compressed && "，。、；：？！）”".contains(ch) { Blank::Right } else { Blank::None };
                Glyph { ch, font: FontId(0), gid: 1, advance, offset: 0.0, width, break_before, blank, em: 10.0 }
            })
            .collect()
    }

    fn glyphs(text: &str) -> Vec<Glyph> {
        glyphs_in(text, false)
    }

    fn lines_in(text: &str, width: f32, compressed: bool) -> Vec<String> {
        let g = glyphs_in(text, compressed);
        let measure = Measure { first: width, rest: width, justify: true, shrink: 0.0 };
        break_lines(&g, measure).iter().map(|l| g[l.glyphs.clone()].iter().map(|g| g.ch).collect()).collect()
    }

    fn lines(text: &str, width: f32) -> Vec<String> {
        lines_in(text, width, false)
    }

    #[test]
    fn compressed_punctuation_pushes_a_closing_mark_in() {
        // The mark gives up its blank half at the line's end: the line takes it.
        assert_eq!(lines_in("一二三四五，六七八九", 55.0, true), ["一二三四五，", "六七八九"]);
        // Without compression the same line pushes a character out.
        assert_eq!(lines_in("一二三四五，六七八九", 55.0, false), ["一二三四", "五，六七八", "九"]);
        // One half from the end mark is not enough: the mark inside the line gives its half too.
        assert_eq!(lines_in("一二，三四五。六", 60.0, true), ["一二，三四五。", "六"]);
    }

    #[test]
    fn shrinking_gaps_lets_a_line_take_a_hair_more() {
        let g = glyphs("一二三四5");
        let tight = Measure { first: 44.0, rest: 44.0, justify: true, shrink: 0.0 };
        assert_eq!(break_lines(&g, tight).len(), 2);
        let shrink = Measure { shrink: 0.5, ..tight };
        let broken = break_lines(&g, shrink);
        assert_eq!(broken.len(), 1);
        // Shrunk evenly over the four gaps, ending at the width.
        assert!((broken[0].x[4] + 5.0 - 44.0).abs() < 1e-3);
    }

    #[test]
    fn a_closing_mark_never_starts_a_line_it_pushes_a_character_down() {
        // Five cells a line; the sixth character is "，".
        assert_eq!(lines("一二三四五，六七八九", 50.0), ["一二三四", "五，六七八", "九"]);
    }

    #[test]
    fn an_opening_mark_never_ends_a_line() {
        assert_eq!(lines("一二三四（五）六七", 50.0), ["一二三四", "（五）六七"]);
    }

    #[test]
    fn dashes_and_ellipses_stay_whole() {
        assert_eq!(lines("一二三四——五六", 50.0), ["一二三四", "——五六"]);
        assert_eq!(lines("一二三四……五六", 50.0), ["一二三", "四……五六"]);
    }

    #[test]
    fn latin_words_and_numbers_are_not_split() {
        // "OLED" (20 pt) does not fit after three characters: it moves down whole.
        assert_eq!(lines("一二三OLED四", 45.0), ["一二三", "OLED四"]);
        // A number keeps its sign and the mark after it.
        assert_eq!(lines("增长12.6%，好", 50.0), ["增长", "12.6%，好"]);
    }

    #[test]
    fn a_unit_longer_than_a_line_fills_the_line_it_starts_on() {
        // Not "一" alone on a line: the code is broken anyway, so it starts right after it.
        assert_eq!(lines("一ABCDEFGHIJKLMNOPQRST二", 50.0), ["一ABCDEFGH", "IJKLMNOPQR", "ST二"]);
    }

    #[test]
    fn a_line_without_stretchable_gaps_is_letter_spaced() {
        let g = glyphs("ABCD");
        let x = positions(&g, 6.0);
        assert_eq!(x, vec![0.0, 7.0, 14.0, 21.0]);
    }

    #[test]
    fn a_word_longer_than_the_line_is_broken_and_reported() {
        let g = glyphs("ABCDEFGHIJKLMN");
        let broken = break_lines(&g, Measure { first: 50.0, rest: 50.0, justify: true, shrink: 0.0 });
        assert!(broken[0].forced);
        assert_eq!(broken[0].glyphs, 0..10);
    }

    #[test]
    fn justified_lines_fill_the_width_and_the_last_stays_left() {
        let g = glyphs("一二三四，五六七八九十");
        let broken = break_lines(&g, Measure { first: 60.0, rest: 60.0, justify: true, shrink: 0.0 });
        for line in &broken[..broken.len() - 1] {
            let last = line.glyphs.end - 1;
            let end = line.x.last().unwrap() + g[last].advance;
            assert!((end - 60.0).abs() < 1e-3, "line ends at {end}");
        }
        let last = broken.last().unwrap();
        assert_eq!(*last.x.last().unwrap(), (last.glyphs.len() - 1) as f32 * 10.0);
    }

    #[test]
    fn stretch_never_widens_a_latin_word() {
        let g = glyphs("一二OLED");
        let x = positions(&g, 10.0);
        // Gaps: 一|二 and 二|O take the stretch; O|L|E|D stay at their advances.
        assert_eq!(x, vec![0.0, 15.0, 30.0, 35.0, 40.0, 45.0]);
    }
}
