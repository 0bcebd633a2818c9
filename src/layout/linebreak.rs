//! Line breaking: fills lines greedily up to their width, breaks at the last allowed
//! opportunity (UAX #14 plus kinsoku), and spreads the slack over the gaps between characters.
//!
//! A break the rules forbid at the full width (a closing mark would start the next line) is
//! resolved by push-in where the line can take the mark by compressing its punctuation and
//! gaps, else by push-out: the line ends at the previous opportunity and is stretched. A
//! unit longer than a whole line (a long Latin word or number) is broken by character as a
//! last resort and reported.

use std::ops::Range;

use super::text::{Blank, Context, Glyph, Width, HANGING, NO_LINE_START};

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
    /// How much each gap of a justified paragraph's last full line may widen so that a
    /// character goes over to its last line, which would otherwise hold one alone, pt (0:
    /// never).
    pub loosen: f32,
    /// The character grid's cell, when the text stands on one: a run of Latin letters or
    /// digits then takes as many whole cells as it needs, centred in them, so that every
    /// Han character after it stands on a cell again (Word's snapToChars, MS-OI29500
    /// §2.1.534; LibreOffice measured the same: "12.6%", 40.5 pt, takes 3 cells of 15.8).
    pub cell: Option<f32>,
    /// A comma, stop or the like that would start a line after a full one hangs in the
    /// margin instead (Word's default 允许标点溢出边界; LibreOffice hangs ，。、；：？！．).
    pub hang: bool,
}

impl Measure {
    /// Lines of `width`, not justified, that neither shrink nor loosen (cells, labels).
    pub fn plain(width: f32) -> Self {
        Measure { first: width, rest: width, justify: false, shrink: 0.0, loosen: 0.0, cell: None, hang: false }
    }

    fn available(&self, line: usize) -> f32 {
        if line == 0 {
            self.first
        } else {
            self.rest
        }
    }
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
    /// The line ends before it is full, so that the last line does not hold one character
    /// alone: a word processor, which would fill it, must be told to break here.
    pub ends_early: bool,
}

/// Where a line starts and ends among the glyphs, before it is set.
#[derive(Debug, Clone, Copy)]
struct Break {
    start: usize,
    end: usize,
    forced: bool,
    /// Moved back from where the line was full (`avoid_a_lonely_last_character`).
    early: bool,
    /// Its last glyph hangs in the margin, past the measure.
    hung: bool,
}

/// Breaks `glyphs` into lines of `measure`.
pub fn break_lines(glyphs: &[Glyph], measure: Measure) -> Vec<Line> {
    let mut breaks = greedy(glyphs, measure);
    if measure.justify && measure.loosen > 0.0 {
        avoid_a_lonely_last_character(glyphs, &mut breaks, measure);
    }
    let count = breaks.len();
    breaks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let available = measure.available(i);
            let shown = trim_spaces(glyphs, b.start, b.end);
            let mut set: Vec<Glyph> = glyphs[shown.clone()].to_vec();
            let hung = if b.hung { set.pop() } else { None };
            compress_line_end(&mut set);
            if let Some(cell) = measure.cell {
                snap_to_cells(&mut set, cell);
            }
            let width: f32 = set.iter().map(|g| g.advance).sum();
            let slack = available - width;
            let stretch = if measure.justify && i + 1 < count { slack } else { slack.min(0.0) };
            let mut x = positions(&set, stretch, b.forced);
            if let Some(mark) = hung {
                x.push(width + stretch.max(0.0) + mark.offset);
            }
            Line { x, glyphs: shown, width, forced: b.forced, ends_early: b.early }
        })
        .collect()
}

/// The lines as long as they can be: each ends at the last opportunity that fits.
fn greedy(glyphs: &[Glyph], measure: Measure) -> Vec<Break> {
    let mut breaks = Vec::new();
    let mut start = skip_spaces(glyphs, 0);
    while start < glyphs.len() {
        let available = measure.available(breaks.len());
        let fit = fitting_end(glyphs, start, available, measure);
        // Only after Han text: LibreOffice hangs a mark by its Chinese rules, which it takes
        // from the nearest letter or digit (`Context`): it sets a figure and the mark after it
        // ("2.0%，") on the next line together, but hangs the stop after a masked figure in
        // Han text ("增加*.*%。", measured, 7.4).
        let hangs = measure.hang
            && fit > start
            && fit < glyphs.len()
            && HANGING.contains(glyphs[fit].ch)
            && Context::at_end(glyphs[..fit].iter().map(|g| g.ch)) == Context::Han
            && glyphs.get(fit + 1).is_none_or(|next| next.break_before);
        let (end, forced, early) = if fit == glyphs.len() || hangs {
            (fit + usize::from(hangs), false, false)
        } else if let Some(end) = push_in(glyphs, start, fit, available, measure) {
            (end, false, false)
        } else {
            match (start + 1..=fit).rev().find(|&k| glyphs[k].break_before) {
                // A unit longer than a whole line must be broken anyway: break it here rather
                // than leave this line nearly empty.
                Some(k) if k < fit && unit_wider_than(glyphs, k, measure.rest + EPSILON) => {
                    (fit.max(start + 1), true, false)
                }
                Some(k) => (k, false, k < fit && splits_masked_figure(glyphs, k, fit)),
                None => (fit.max(start + 1), true, false),
            }
        };
        breaks.push(Break { start, end, forced, hung: hangs, early });
        start = skip_spaces(glyphs, end);
    }
    breaks
}

/// Whether a word processor would break the masked figure that starts at `k` where the line
/// is full (`fit`), which this layout takes down whole: a run of "*" after Han text is no
/// word to LibreOffice 7.4 (it breaks by its Chinese rules, at any character, "基地。***|*年",
/// measured), so the DOCX must be told to break before it.
fn splits_masked_figure(glyphs: &[Glyph], k: usize, fit: usize) -> bool {
    is_mask(glyphs[k].ch)
        && glyphs[k..fit].iter().all(|g| is_mask(g.ch) || g.ch == '.')
        && Context::at_end(glyphs[..k].iter().map(|g| g.ch)) == Context::Han
}

/// A character that stands for a digit in a masked figure ("**.*%").
fn is_mask(ch: char) -> bool {
    matches!(ch, '*' | '＊')
}

/// A paragraph never ends in a line of one character ("定。", clreq; GB/T 9704 asks to
/// adjust the spacing instead): the line before it ends one opportunity earlier, as long as
/// its gaps widen by no more than `measure.loosen` each and the last line still takes what
/// comes down.
fn avoid_a_lonely_last_character(glyphs: &[Glyph], breaks: &mut [Break], measure: Measure) {
    let count = breaks.len();
    if count < 2 || characters(&glyphs[breaks[count - 1].start..]) > 1 || breaks[count - 2].forced {
        return;
    }
    let before = breaks[count - 2];
    let available = measure.available(count - 2);
    // A line that stays short as it is (a web address with a character after it: its few
    // gaps would open past half an em) may give up a character without looking looser.
    let short = !before.hung && LineFill::of(glyphs, before.start, before.end, measure).stays_short(available);
    for k in (before.start + 1..before.end).rev().filter(|&k| glyphs[k].break_before) {
        if fitting_end(glyphs, k, measure.rest, measure) < glyphs.len() {
            return;
        }
        let line = LineFill::of(glyphs, before.start, k, measure);
        // A line of Latin letters (an address) is never spaced out past half an em a gap
        // (`positions`): it stays short, and gives its last character up at no cost either.
        let stays_short = line.latin && line.stays_short(available);
        if !short && !stays_short && (available - line.width) / line.gaps as f32 > measure.loosen + EPSILON {
            return;
        }
        if characters(&glyphs[k..]) > 1 {
            breaks[count - 2].end = k;
            breaks[count - 2].hung = false;
            breaks[count - 2].early = true;
            breaks[count - 1].start = skip_spaces(glyphs, k);
            return;
        }
    }
}

/// A line from `start` to `end` as it would be set: its width (a closing mark at its end
/// compressed, Latin runs in whole cells on a grid) and the gaps that could widen it.
struct LineFill {
    width: f32,
    gaps: usize,
    em: f32,
    /// At most one wide character: a line of Latin letters, an address.
    latin: bool,
}

impl LineFill {
    fn of(glyphs: &[Glyph], start: usize, end: usize, measure: Measure) -> LineFill {
        let mut line: Vec<Glyph> = glyphs[trim_spaces(glyphs, start, end)].to_vec();
        compress_line_end(&mut line);
        LineFill {
            width: snapped_width(&line, measure.cell),
            gaps: line.windows(2).filter(|pair| stretchable(&pair[0], &pair[1])).count(),
            em: line.first().map_or(0.0, |g| g.em),
            latin: line.iter().filter(|g| g.width == Width::Wide).count() <= 1,
        }
    }

    /// Justified in `available`, its gaps would open past half an em: `positions` leaves it
    /// short instead.
    fn stays_short(&self, available: f32) -> bool {
        self.gaps == 0 || (available - self.width) / self.gaps as f32 > MAX_GAP * self.em
    }
}

/// Characters that count on a line: not spaces, not the closing marks that follow a word.
fn characters(glyphs: &[Glyph]) -> usize {
    glyphs.iter().filter(|g| g.width != Width::Space && !NO_LINE_START.contains(g.ch)).count()
}

/// The end of the longest run from `start` that fits `available`, its gaps shrunk by at most
/// `measure.shrink` each (spaces may hang), Latin runs in whole cells on a grid.
fn fitting_end(glyphs: &[Glyph], start: usize, available: f32, measure: Measure) -> usize {
    let snap = |width: f32| snap_width(width, measure.cell);
    // The width of the units done, and the natural width of the Latin run under way.
    let mut width = 0.0;
    let mut run = 0.0;
    let mut gaps = 0;
    for (i, g) in glyphs.iter().enumerate().skip(start) {
        if i > start && stretchable(&glyphs[i - 1], g) {
            gaps += 1;
        }
        let in_run = measure.cell.is_some() && g.width != Width::Wide;
        let total = if in_run { width + snap(run + g.advance) } else { width + snap(run) + g.advance };
        if g.width != Width::Space && total > available + EPSILON + measure.shrink * gaps as f32 {
            return i;
        }
        if in_run {
            run += g.advance;
        } else {
            width += snap(run) + g.advance;
            run = 0.0;
        }
    }
    glyphs.len()
}

/// Width of a run of Latin letters and digits of natural width `width`: whole cells on a
/// grid (none for an empty run), the width itself elsewhere.
fn snap_width(width: f32, cell: Option<f32>) -> f32 {
    match cell {
        Some(cell) if width > 0.0 => (width / cell - 1e-4).ceil().max(1.0) * cell,
        _ => width,
    }
}

/// Width of `line` as set: its Latin runs in whole cells on a grid.
fn snapped_width(line: &[Glyph], cell: Option<f32>) -> f32 {
    let mut width = 0.0;
    let mut run = 0.0;
    for g in line {
        if cell.is_some() && g.width != Width::Wide {
            run += g.advance;
        } else {
            width += snap_width(run, cell) + g.advance;
            run = 0.0;
        }
    }
    width + snap_width(run, cell)
}

/// Each run of Latin letters, digits and spaces of `line` widened to whole cells and
/// centred in them: the first glyph moves right by half the room, the last takes the
/// other half after it. A run that ends the line stands flush with the block's edge
/// instead (a figure at a justified line's end centred in its cells left up to 8 pt of
/// the edge bare), one that starts it flush with the start; the line breaks where it would.
fn snap_to_cells(line: &mut [Glyph], cell: f32) {
    // A line of Latin alone (a long code broken anyway) has no Han to keep on the grid.
    if line.iter().all(|g| g.width != Width::Wide) {
        return;
    }
    let mut start = 0;
    while start < line.len() {
        if line[start].width == Width::Wide {
            start += 1;
            continue;
        }
        let end = (start..line.len()).find(|&k| line[k].width == Width::Wide).unwrap_or(line.len());
        let natural: f32 = line[start..end].iter().map(|g| g.advance).sum();
        let room = snap_width(natural, Some(cell)) - natural;
        let before = match (start == 0, end == line.len()) {
            (_, true) if start > 0 => room,
            (true, false) => 0.0,
            _ => room / 2.0,
        };
        line[start].offset += before;
        line[start].advance += before;
        line[end - 1].advance += room - before;
        start = end;
    }
}

/// Whether the unit (the glyphs up to the next break opportunity) that starts at `start` is
/// wider than `limit`; it stops reading at `limit`, so that a unit of 100,000 dashes is not
/// measured again for each of its 3,500 lines (that took minutes).
fn unit_wider_than(glyphs: &[Glyph], start: usize, limit: f32) -> bool {
    let mut width = glyphs[start].advance;
    for glyph in glyphs[start + 1..].iter().take_while(|g| !g.break_before) {
        if width > limit {
            return true;
        }
        width += glyph.advance;
    }
    width > limit
}

/// Push-in: when no break is allowed at `fit`, the end of the unit that runs past it, if the
/// line can take the whole unit by giving up the blank half of the closing mark that then
/// ends it (compressed punctuation) and shrinking its gaps. Marks inside the line keep their
/// width: the same mark in the same place is always as wide (clreq).
fn push_in(glyphs: &[Glyph], start: usize, fit: usize, available: f32, measure: Measure) -> Option<usize> {
    if glyphs[fit].break_before {
        return None;
    }
    // The unit's end, looked for no further than a line's width past `fit`: a unit that
    // long is never pushed in (and a unit of 100,000 dashes was read to its end each line).
    let mut end = fit + 1;
    let mut past = glyphs[fit].advance;
    while end < glyphs.len() && !glyphs[end].break_before {
        past += glyphs[end].advance;
        if past > available {
            return None;
        }
        end += 1;
    }
    let line = &glyphs[start..trim_spaces(glyphs, start, end).end];
    let width = snapped_width(line, measure.cell);
    let gaps = line.windows(2).filter(|pair| stretchable(&pair[0], &pair[1])).count();
    let last = line.last()?;
    let end_mark = if last.blank == Blank::Right { last.squeeze() } else { 0.0 };
    let room = end_mark + measure.shrink * gaps as f32;
    (width - available <= room + EPSILON && last.ends_line_well()).then_some(end)
}

/// Compressed punctuation: a closing mark at the line's end gives up its blank half
/// (GB/T 15834 5.1.10).
fn compress_line_end(line: &mut [Glyph]) {
    if let Some(last) = line.last_mut() {
        if last.blank == Blank::Right {
            last.trim(last.squeeze());
        }
    }
}

/// A gap a line may widen or narrow: between any two characters except inside a Latin word
/// or number, and inside "——" or "……" (one mark two ems long).
fn stretchable(a: &Glyph, b: &Glyph) -> bool {
    let latin = a.width == Width::Narrow && b.width == Width::Narrow;
    let doubled_mark = a.ch == b.ch && matches!(a.ch, '—' | '…');
    !(latin || doubled_mark)
}

/// Widest a gap is widened to justify a line, in ems: a line with fewer gaps (a web address
/// after two characters) is left short rather than gapped like a table.
const MAX_GAP: f32 = 0.5;

/// Drawing positions with `stretch` (negative: shrink) spread evenly over the stretchable
/// gaps. Letters inside a word, number or web address are never spaced out: a line without
/// stretchable gaps, or whose gaps would open wider than half an em, stays short. Only a
/// line that ends inside a unit longer than a line (`forced`: a long code broken anyway)
/// spreads its letters when it has no other gaps.
fn positions(glyphs: &[Glyph], stretch: f32, forced: bool) -> Vec<f32> {
    let gaps = glyphs.windows(2).filter(|pair| stretchable(&pair[0], &pair[1])).count();
    let spread = forced && gaps == 0;
    let em = glyphs.first().map_or(0.0, |g| g.em);
    let extra = match gaps {
        0 if spread && glyphs.len() > 1 => stretch / (glyphs.len() - 1) as f32,
        0 => 0.0,
        gaps => (stretch / gaps as f32).min(MAX_GAP * em),
    };
    let mut pen = 0.0;
    let mut out = Vec::with_capacity(glyphs.len());
    for (i, g) in glyphs.iter().enumerate() {
        out.push(pen + g.offset);
        pen += g.advance;
        if glyphs.get(i + 1).is_some_and(|next| spread || stretchable(g, next)) {
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
    use crate::layout::text::breaks_before;

    /// Glyphs for `text`: wide characters 10 pt, narrow 5 pt; break opportunities as the
    /// shaper finds them; with `compressed`, full-width closing marks may give up their
    /// right half.
    fn glyphs_in(text: &str, compressed: bool) -> Vec<Glyph> {
        text.chars()
            .zip(breaks_before(text))
            .map(|(ch, break_before)| {
                let blank =
                    if compressed && "，。、；：？！）”".contains(ch) { Blank::Right } else { Blank::None };
                Glyph { blank, ..Glyph::for_test(ch, break_before, 0) }
            })
            .collect()
    }

    fn glyphs(text: &str) -> Vec<Glyph> {
        glyphs_in(text, false)
    }

    fn lines_in(text: &str, width: f32, compressed: bool) -> Vec<String> {
        let g = glyphs_in(text, compressed);
        let measure =
            Measure { first: width, rest: width, justify: true, shrink: 0.0, loosen: 0.0, cell: None, hang: false };
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
        // One half from the end mark is not enough, and a mark inside the line keeps its
        // width (the same mark is as wide everywhere, clreq): the line pushes out instead.
        assert_eq!(lines_in("一二，三四五。六", 60.0, true), ["一二，三四", "五。六"]);
    }

    #[test]
    fn shrinking_gaps_lets_a_line_take_a_hair_more() {
        let g = glyphs("一二三四5");
        let tight =
            Measure { first: 44.0, rest: 44.0, justify: true, shrink: 0.0, loosen: 0.0, cell: None, hang: false };
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
    fn a_masked_figure_taken_down_whole_tells_the_docx_to_break_there() {
        let g = glyphs("一二三四五六七****年八");
        let measure =
            Measure { first: 85.0, rest: 85.0, justify: true, shrink: 0.0, loosen: 0.0, cell: None, hang: false };
        let broken = break_lines(&g, measure);
        let text: Vec<String> = broken.iter().map(|l| g[l.glyphs.clone()].iter().map(|g| g.ch).collect()).collect();
        // Three masks would fit after 七: a word processor would split the figure there.
        assert_eq!(text, ["一二三四五六七", "****年八"]);
        assert!(broken[0].ends_early, "the DOCX breaks before the figure too");
        // A real number is a word to every word processor: nothing to tell.
        let g = glyphs("一二三四五六七1234年八");
        assert!(!break_lines(&g, measure)[0].ends_early);
    }

    #[test]
    fn a_unit_longer_than_a_line_fills_the_line_it_starts_on() {
        // Not "一" alone on a line: the code is broken anyway, so it starts right after it.
        assert_eq!(lines("一ABCDEFGHIJKLMNOPQRST二", 50.0), ["一ABCDEFGH", "IJKLMNOPQR", "ST二"]);
    }

    #[test]
    fn a_line_without_stretchable_gaps_is_never_letter_spaced() {
        let g = glyphs("ABCD");
        assert_eq!(positions(&g, 6.0, false), vec![0.0, 5.0, 10.0, 15.0]);
        // A long code broken anyway spreads its letters rather than leave the line short.
        assert_eq!(positions(&g, 6.0, true), vec![0.0, 7.0, 14.0, 21.0]);
        // Two gaps for a line's 30 pt of slack: each opens half an em (5 pt), no more.
        let g = glyphs("见于ABCD");
        assert_eq!(positions(&g, 30.0, false), vec![0.0, 15.0, 30.0, 35.0, 40.0, 45.0]);
    }

    fn loosened(text: &str, width: f32, loosen: f32) -> Vec<String> {
        let g = glyphs(text);
        let measure =
            Measure { first: width, rest: width, justify: true, shrink: 0.0, loosen, cell: None, hang: false };
        break_lines(&g, measure).iter().map(|l| g[l.glyphs.clone()].iter().map(|g| g.ch).collect()).collect()
    }

    #[test]
    fn a_paragraph_never_ends_in_one_character() {
        // Six cells a line: "定。" would stand alone on the last line.
        assert_eq!(lines("一二三四五六七八九十一定。", 60.0), ["一二三四五六", "七八九十一", "定。"]);
        // With 7 pt a gap allowed, "一" goes over: the line before spreads 20 pt over 3 gaps.
        assert_eq!(loosened("一二三四五六七八九十一定。", 60.0, 7.0), ["一二三四五六", "七八九十", "一定。"]);
        // 6 pt a gap is not enough: the lonely line stays rather than gap the line before.
        assert_eq!(loosened("一二三四五六七八九十一定。", 60.0, 6.0), ["一二三四五六", "七八九十一", "定。"]);
        // Two characters on the last line are fine as they are.
        assert_eq!(loosened("一二三四五六七八九十一二定。", 60.0, 2.0), ["一二三四五六", "七八九十一二", "定。"]);
        // A line that stays short anyway (a code, then one character: its one gap would open
        // 10 pt, past half an em) gives its character up at no cost, loosen or not.
        assert_eq!(loosened("一二三四五六ABCDEFGH下载。", 60.0, 2.0), ["一二三四五六", "ABCDEFGH", "下载。"]);
        // A full line of an address and 下: without 下 it stays short, as such lines do.
        assert_eq!(loosened("一二三四五六ABCDEFGHIJ下载。", 60.0, 2.0), ["一二三四五六", "ABCDEFGHIJ", "下载。"]);
    }

    fn gridded(text: &str, width: f32, hang: bool) -> Vec<Line> {
        let g = glyphs(text);
        let measure = Measure { cell: Some(10.0), hang, ..Measure::plain(width) };
        break_lines(&g, Measure { justify: true, ..measure })
    }

    #[test]
    fn on_a_grid_latin_runs_take_whole_cells_centred() {
        // "12" is 10 pt (one cell), "123" 15 pt (two cells, 2.5 pt either side).
        let lines = gridded("一12二123三", 60.0, false);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].x, vec![0.0, 10.0, 15.0, 20.0, 32.5, 37.5, 42.5, 50.0]);
        // Five cells: 一 12 二 123 (two cells) fill the line exactly, 三 goes down; "123"
        // ends the line and stands flush with its end (its last glyph ends at 50).
        let lines = gridded("一12二123三四", 50.0, false);
        assert_eq!(lines[0].glyphs, 0..7);
        assert_eq!(*lines[0].x.last().unwrap(), 45.0);
    }

    #[test]
    fn a_comma_after_a_full_line_hangs_in_the_margin() {
        let g = glyphs("一二三四五，六七");
        let lines = gridded("一二三四五，六七", 50.0, true);
        assert_eq!(lines[0].glyphs, 0..6);
        // The five characters keep their cells; the comma stands past the measure.
        assert_eq!(lines[0].x, vec![0.0, 10.0, 20.0, 30.0, 40.0, 50.0]);
        assert_eq!(lines[0].width, 50.0);
        assert_eq!(g[5].ch, '，');
        // A closing quotation mark does not hang: it takes "五" down with it.
        let lines = gridded("一二三四五”六七", 50.0, true);
        assert_eq!(lines[0].glyphs, 0..4);
        // Nor does a comma followed by a mark that may not start a line.
        let lines = gridded("一二三四五，”六七", 50.0, true);
        assert_eq!(lines[0].glyphs, 0..4);
    }

    #[test]
    fn a_stop_hangs_after_han_text_not_after_a_figure() {
        // "增加*.*%" fills the line; LibreOffice 7.4 hung the stop after it (measured).
        let lines = gridded("一增加*.*%。六七", 50.0, true);
        assert_eq!(lines[0].glyphs, 0..8);
        // After a figure the figure goes down with the mark ("2.0%，", measured).
        let lines = gridded("一二增2.0%，六七", 50.0, true);
        assert_eq!(lines[0].glyphs, 0..3);
        // Nor after a closing bracket that ends a Latin word.
        let lines = gridded("一二（AB）。六七", 50.0, true);
        assert_eq!(lines[0].glyphs, 0..2);
    }

    #[test]
    fn web_addresses_break_after_slashes_hyphens_and_question_marks_only() {
        let text = "见https://www.example.gov.cn/a-b/c.html或office@example.gov.cn。";
        let mut pieces: Vec<String> = Vec::new();
        for (ch, allowed) in text.chars().zip(breaks_before(text)) {
            match pieces.last_mut() {
                Some(piece) if !allowed => piece.push(ch),
                _ => pieces.push(ch.to_string()),
            }
        }
        // Host names and mail addresses stay whole, as LibreOffice 7.4 keeps them.
        assert_eq!(
            pieces,
            ["见", "https://", "www.example.gov.cn/", "a-", "b/", "c.html", "或", "office@example.gov.cn。"]
        );
    }

    #[test]
    fn a_host_name_goes_down_whole() {
        // LibreOffice 7.4 set "平台（https://|lwzb.stats.gov.cn/）" (measured); breaking after
        // "gov." would fit 145 pt of the 150.
        assert_eq!(
            lines("平台（https://lwzb.stats.gov.cn/）报送", 150.0),
            ["平台（https://", "lwzb.stats.gov.cn/）报送"]
        );
    }

    #[test]
    fn latin_words_keep_the_closing_mark_between_them() {
        // LibreOffice 7.4 set "引进|Huawei、iFLYTEK" (measured), not "引进Huawei、|iFLYTEK".
        assert_eq!(lines("引进Huawei、iFLYTEK等", 90.0), ["引进", "Huawei、iFLYTEK等"]);
        // After Han text the stop lets go.
        assert_eq!(lines("引进华为、iFLYTEK等", 80.0), ["引进华为、", "iFLYTEK等"]);
    }

    #[test]
    fn a_figure_keeps_the_quotation_after_it() {
        // LibreOffice 7.4 set "均达到|13.1%。“12345”" (measured), not "13.1%。|“12345”".
        assert_eq!(lines("均达到13.1%。“12345”政务", 105.0), ["均达到", "13.1%。“12345”政务"]);
    }

    #[test]
    fn a_word_longer_than_the_line_is_broken_and_reported() {
        let g = glyphs("ABCDEFGHIJKLMN");
        let broken = break_lines(
            &g,
            Measure { first: 50.0, rest: 50.0, justify: true, shrink: 0.0, loosen: 0.0, cell: None, hang: false },
        );
        assert!(broken[0].forced);
        assert_eq!(broken[0].glyphs, 0..10);
    }

    #[test]
    fn justified_lines_fill_the_width_and_the_last_stays_left() {
        let g = glyphs("一二三四，五六七八九十");
        let broken = break_lines(
            &g,
            Measure { first: 60.0, rest: 60.0, justify: true, shrink: 0.0, loosen: 0.0, cell: None, hang: false },
        );
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
        let x = positions(&g, 10.0, false);
        // Gaps: 一|二 and 二|O take the stretch; O|L|E|D stay at their advances.
        assert_eq!(x, vec![0.0, 15.0, 30.0, 35.0, 40.0, 45.0]);
    }
}
