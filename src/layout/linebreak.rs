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
