//! Line breaking: fills lines greedily up to their width, breaks at the last allowed
//! opportunity (UAX #14 plus kinsoku), and spreads the slack over the gaps between characters.
//!
//! A break that the rules forbid at the full width is resolved by push-out: the line ends at
//! the previous opportunity and is stretched. A unit longer than a whole line (a long Latin
//! word or number) is broken by character as a last resort and reported.

use std::ops::Range;

use super::text::{Glyph, Width};

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
}

/// One broken line.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The glyphs it holds (spaces at its ends excluded).
    pub glyphs: Range<usize>,
    /// Each glyph's x offset from the line's start, pt.
    pub x: Vec<f32>,
    /// Natural width of its glyphs, pt.
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
        let fit = fitting_end(glyphs, start, available);
        let (end, forced) = if fit == glyphs.len() {
            (fit, false)
        } else {
            match (start + 1..=fit).rev().find(|&k| glyphs[k].break_before) {
                Some(k) => (k, false),
                None => (fit.max(start + 1), true),
            }
        };
        let shown = trim_spaces(glyphs, start, end);
        let last = end >= glyphs.len() || skip_spaces(glyphs, end) >= glyphs.len();
        let width: f32 = glyphs[shown.clone()].iter().map(|g| g.advance).sum();
        let stretch = if measure.justify && !last { (available - width).max(0.0) } else { 0.0 };
        lines.push(Line { x: positions(&glyphs[shown.clone()], stretch), glyphs: shown, width, forced });
        start = skip_spaces(glyphs, end);
    }
    lines
}

/// The end of the longest run from `start` whose width fits `available` (spaces may hang).
fn fitting_end(glyphs: &[Glyph], start: usize, available: f32) -> usize {
    let mut width = 0.0;
    for (i, g) in glyphs.iter().enumerate().skip(start) {
        if g.width != Width::Space && width + g.advance > available + EPSILON {
            return i;
        }
        width += g.advance;
    }
    glyphs.len()
}

/// X offsets with `stretch` spread evenly over the gaps a line may widen: between any two
/// characters except inside a Latin word or number.
fn positions(glyphs: &[Glyph], stretch: f32) -> Vec<f32> {
    let stretchable = |a: &Glyph, b: &Glyph| !(a.width == Width::Narrow && b.width == Width::Narrow);
    let gaps = glyphs.windows(2).filter(|pair| stretchable(&pair[0], &pair[1])).count();
    let extra = if gaps > 0 { stretch / gaps as f32 } else { 0.0 };
    let mut x = 0.0;
    let mut out = Vec::with_capacity(glyphs.len());
    for (i, g) in glyphs.iter().enumerate() {
        out.push(x);
        x += g.advance;
        if glyphs.get(i + 1).is_some_and(|next| stretchable(g, next)) {
            x += extra;
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
    /// shaper finds them.
    fn glyphs(text: &str) -> Vec<Glyph> {
        text.chars()
            .zip(breaks_before(text))
            .map(|(ch, break_before)| {
                let width = width_class(ch);
                let advance = if width == Width::Wide { 10.0 } else { 5.0 };
                Glyph { ch, font: FontId(0), gid: 1, advance, width, break_before }
            })
            .collect()
    }

    fn lines(text: &str, width: f32) -> Vec<String> {
        let g = glyphs(text);
        let measure = Measure { first: width, rest: width, justify: true };
        break_lines(&g, measure).iter().map(|l| g[l.glyphs.clone()].iter().map(|g| g.ch).collect()).collect()
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
    fn a_word_longer_than_the_line_is_broken_and_reported() {
        let g = glyphs("ABCDEFGHIJKLMN");
        let broken = break_lines(&g, Measure { first: 50.0, rest: 50.0, justify: true });
        assert!(broken[0].forced);
        assert_eq!(broken[0].glyphs, 0..10);
    }

    #[test]
    fn justified_lines_fill_the_width_and_the_last_stays_left() {
        let g = glyphs("一二三四，五六七八九十");
        let broken = break_lines(&g, Measure { first: 60.0, rest: 60.0, justify: true });
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
