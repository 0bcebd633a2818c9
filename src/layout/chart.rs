//! Bar charts: one bar per figure on a common zero line, the figure printed at its bar's end
//! and the indicator's name by it, all as text, lines and fills that the PDF draws as
//! vectors and the DOCX shows as a picture of the same drawing.
//!
//! Bars stand upright in slots side by side, the names under the plot, broken between
//! words into at most [`LABEL_LINES`] lines. When a name does not fit its slot so, or a
//! figure is wider than the slot, all the chart's text shrinks step by step down to the
//! template's floor (`label_min_size`); when even that fails the bars lie down, one row per
//! indicator with its name left of the bar, which gives a name the room it needs. Nothing
//! is ever cut; what had to give way (a word broken inside, text below the floor) is a
//! warning.

use std::ops::Range;

use super::flow::{natural_positions, runs, shape_style, Flow, Row, RowKind, ASCENT};
use super::linebreak::{break_lines, Measure};
use super::text::{shape, Blank, Glyph, ShapeStyle, Width, NO_LINE_END, NO_LINE_START};
use super::{Drawing, Fill, Ink, Rule, TextRun, Warning};
use crate::template::{Bar, ChartContent, Color};

/// Share of a bar's slot (upright) or row (lying) the bar itself takes: bars and the gaps
/// between them equal, the usual statistical-yearbook look.
const BAR_SHARE: f32 = 0.5;
/// Widest an upright bar gets, in ems of the label size: with four bars on gongwen's 442 pt
/// block half a slot is a 55 pt slab; 3 ems (31.5 pt at 五号) still reads as a bar.
const MAX_BAR: f32 = 3.0;
/// Thickest a lying bar gets, in ems: a row of a three-line name is 4.7 ems high, and half of
/// it would be a slab more than twice as thick as the figure beside it.
const MAX_BAR_THICKNESS: f32 = 1.4;
/// Lines a name may take under an upright bar. A fourth line of 9 pt names takes the plot
/// below 70 % of a 65 mm chart and reads as a paragraph; lying bars serve such names better.
const LABEL_LINES: usize = 3;
/// Distance between the baselines of a name's lines, in ems: its lines 0.3 em apart, well
/// under what parts two names (a [`LABEL_GAP`] across, 1.1 em down between lying rows), so
/// that the eye groups the lines by name.
const LEADING: f32 = 1.3;
/// Least space between two neighbours' names (and figures) on one baseline, in ems. Chinese
/// has no spaces, so less than a full character between two names reads as one line
/// running across both slots.
const LABEL_GAP: f32 = 1.0;
/// Space between a bar's end and its figure, in ems.
const VALUE_GAP: f32 = 0.3;
/// Space between the plot (the deepest bar's figure) and the names under it, in ems.
const PLOT_GAP: f32 = 0.5;
/// Space above the tallest bar's figure and below the names of upright bars, in ems: the
/// chart's row starts right under the line or table before it, and without it the figure
/// over the tallest bar stands at the row's top edge, its em box touching that line's.
const EDGE: f32 = 0.5;
/// Space between the rows of lying bars, in ems: the gap between two names' blocks, more
/// than the gap between a name's lines (0.3 em), so that the names stay apart.
const ROW_GAP: f32 = 0.8;
/// Share of the chart's width names may take left of lying bars: 40 % leaves the bars and
/// their figures 265 pt of gongwen's block, where a 20-character name at 五号 takes 2 lines.
const LABEL_COLUMN: f32 = 0.4;
/// Least length, in ems, a plot keeps for its longest bar; with less the bars no longer
/// compare.
const MIN_PLOT: f32 = 4.0;
/// How much the text shrinks per step, pt: the step of the Chinese sizes around the labels'
/// (五号 10.5, 小五 9), small enough that a name takes the largest size it fits.
const SIZE_STEP: f32 = 0.5;
/// Below the floor, when lying bars do not fit a page either, the text shrinks by this
/// factor per step until they do.
const EMERGENCY_STEP: f32 = 0.9;
/// The smallest size anything is set in, pt: the end of the emergency shrinking.
const SMALLEST: f32 = 2.0;
/// Width of the zero line, pt.
const ZERO_LINE: f32 = 0.75;
/// Rounding slack when comparing lengths, pt.
const EPSILON: f32 = 0.01;

/// The chart's row (its content placed on the block's width) and the same as a drawing.
pub fn row(flow: &mut Flow, content: &ChartContent) -> (Row, Drawing) {
    let template = flow.template;
    let style = &template.chart;
    let width = template.block.width;
    // The caption stands under the chart on the same page: the chart leaves it room.
    let max_height = (template.block.height - caption_height(flow, &content.caption.text)).max(template.line_pitch);
    // On a grid, whole lines, so that the caption under the chart sits on the grid: rounded
    // up, as the grid snap after the caption rounded before, so that chart and caption take
    // the lines they took (gongwen's 75 mm, 7.3 lines, and the caption: 9 lines).
    let upright_height = match template.grid {
        Some(_) => (style.height / template.line_pitch - EPSILON).ceil().max(1.0) * template.line_pitch,
        None => style.height,
    }
    .min(max_height);
    let texts = Texts {
        size: style.label.size,
        labels: content.bars.iter().map(|b| flow.shape_words(&b.label, &style.label)).collect(),
        values: content.bars.iter().map(|b| flow.shape(&b.text, &style.label)).collect(),
    };
    let frame = Frame { bars: &content.bars, width, colors: (style.bar_color, style.negative_color) };
    let sizes = sizes(style.label.size, style.label_min_size);
    let grid = template.grid.map(|_| template.line_pitch);
    let upright_at = sizes.iter().find_map(|&size| upright(&texts.at(size), &frame, upright_height).map(|c| (c, size)));
    let (chart, size, lying_bars) = match upright_at {
        Some((chart, size)) => (chart, size, false),
        None => match sizes
            .iter()
            .find_map(|&size| lying(&texts.at(size), &frame, max_height, grid, true).map(|l| (l, size)))
        {
            Some((lying, size)) => (lying.chart, size, true),
            None => {
                let (chart, size) = squeezed(flow, &texts, &frame, style.label_min_size, max_height, grid);
                (chart, size, true)
            }
        },
    };
    let drawing = Drawing {
        width,
        height: chart.height,
        runs: chart.runs,
        rules: chart.rules,
        fills: chart.fills,
        lying: lying_bars,
        label_size: size,
        label_breaks: chart.label_breaks,
        caption_keeps_with_next: true,
    };
    let left = template.block.left;
    let row = Row {
        runs: drawing
            .runs
            .iter()
            .map(|r| {
                let mut run = r.clone();
                run.glyphs.iter_mut().for_each(|g| g.x += left);
                run
            })
            .collect(),
        rules: drawing
            .rules
            .iter()
            .map(|r| Rule { from: (r.from.0 + left, r.from.1), to: (r.to.0 + left, r.to.1), ..*r })
            .collect(),
        fills: drawing.fills.iter().map(|f| Fill { x: f.x + left, ..*f }).collect(),
        ..Row::marker(RowKind::Content, drawing.height)
    };
    (row, drawing)
}

/// The caption's height as flow.rs sets it: its lines broken between words on the block's
/// width, each the template's line height for its size.
fn caption_height(flow: &Flow, caption: &str) -> f32 {
    let template = flow.template;
    let style = &template.chart.caption_style;
    let on_grid = (style.size - template.body.size).abs() < 0.01;
    let cell = template.grid_cell().filter(|_| on_grid);
    let shape_style = ShapeStyle { keep_words: true, ..shape_style(template, flow.fonts, style, cell) };
    let (glyphs, _) = shape(caption, &shape_style, flow.fonts);
    let width = template.block.width;
    let lines = break_lines(&glyphs, Measure::plain(width)).len();
    lines.max(1) as f32 * template.line_height(style.size)
}

/// The sizes to try, from the labels' own down to the floor by [`SIZE_STEP`], the floor
/// last.
fn sizes(size: f32, floor: f32) -> Vec<f32> {
    let mut sizes = vec![size];
    let mut next = size - SIZE_STEP;
    while next > floor + EPSILON {
        sizes.push(next);
        next -= SIZE_STEP;
    }
    if floor < size - EPSILON {
        sizes.push(floor);
    }
    sizes
}

/// A chart's names and figures shaped at one size.
struct Texts {
    size: f32,
    labels: Vec<Vec<Glyph>>,
    values: Vec<Vec<Glyph>>,
}

impl Texts {
    /// The same text at `size`: advances scale with the size (the labels are off the grid,
    /// and a grid's cell scales with them too).
    fn at(&self, size: f32) -> Texts {
        let ratio = size / self.size;
        let scale = |glyphs: &Vec<Glyph>| -> Vec<Glyph> {
            glyphs
                .iter()
                .map(|g| Glyph { advance: g.advance * ratio, offset: g.offset * ratio, em: g.em * ratio, ..g.clone() })
                .collect()
        };
        Texts { size, labels: self.labels.iter().map(scale).collect(), values: self.values.iter().map(scale).collect() }
    }
}

/// A chart laid out: its height and content, in pt from its top-left corner.
struct Chart {
    height: f32,
    runs: Vec<TextRun>,
    rules: Vec<Rule>,
    fills: Vec<Fill>,
    /// For each bar, the character offsets its name's later lines start at.
    label_breaks: Vec<Vec<usize>>,
}

/// The character offsets the later lines of a name broken into `lines` start at.
fn line_starts(glyphs: &[Glyph], lines: &[Range<usize>]) -> Vec<usize> {
    lines.iter().skip(1).filter_map(|line| glyphs.get(line.start)).map(|g| g.source).collect()
}

/// Width of `glyphs[range]` set as a line: a closing mark at its end gives up its blank
/// half where the punctuation is compressed, as it does at the end of a text line.
fn width_of(glyphs: &[Glyph], range: Range<usize>) -> f32 {
    let glyphs = &glyphs[range];
    let hang = glyphs.last().filter(|g| g.blank == Blank::Right).map_or(0.0, Glyph::squeeze);
    glyphs.iter().map(|g| g.advance).sum::<f32>() - hang
}

/// Text of `glyphs` at `x` on `baseline`, each glyph at its advance and drawn at its offset
/// (an opening mark whose blank half was given up is drawn further left).
fn text(glyphs: &[Glyph], x: f32, baseline: f32, size: f32) -> Vec<TextRun> {
    let xs: Vec<f32> = natural_positions(glyphs).iter().zip(glyphs).map(|(at, g)| at + g.offset).collect();
    runs(glyphs, &xs, x, baseline, size, Ink::PLAIN)
}

/// What every layout of one chart shares.
struct Frame<'a> {
    bars: &'a [Bar],
    /// The chart's width (the block's), pt.
    width: f32,
    /// Bars of positive and of negative figures.
    colors: (Color, Color),
}

impl Frame<'_> {
    /// The largest figure and the depth of the most negative one, both zero or more.
    fn extremes(&self) -> (f32, f32) {
        let values = self.bars.iter().filter_map(|b| b.value).map(|v| v as f32);
        values.fold((0.0f32, 0.0f32), |(up, down), v| (up.max(v), down.max(-v)))
    }

    /// A bar as a fill, if it has a figure and a length.
    fn fill(&self, bar: &Bar, x: f32, y: f32, width: f32, height: f32) -> Option<Fill> {
        let negative = bar.value.is_some_and(|v| v < 0.0);
        let color = if negative { self.colors.1 } else { self.colors.0 };
        (bar.value.is_some() && width > 0.0 && height > 0.0).then_some(Fill { x, y, width, height, color })
    }
}

/// Upright bars in `height`, or `None` when a name does not fit its slot in
/// [`LABEL_LINES`] lines broken between words, or a figure is wider than its slot.
fn upright(texts: &Texts, frame: &Frame, height: f32) -> Option<Chart> {
    let size = texts.size;
    let slot = frame.width / frame.bars.len().max(1) as f32;
    let inner = slot - LABEL_GAP * size;
    let labels = texts
        .labels
        .iter()
        .map(|glyphs| break_label(glyphs, inner, LABEL_LINES, false).map(|broken| broken.lines))
        .collect::<Option<Vec<_>>>()?;
    if texts.values.iter().any(|v| width_of(v, 0..v.len()) > inner + EPSILON) {
        return None;
    }
    let leading = LEADING * size;
    let name_lines = labels.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let names_top = height - EDGE * size - name_lines as f32 * leading;
    let plot_bottom = names_top - PLOT_GAP * size;
    // A figure stands over every bar of zero or more (and over a missing one, at the zero
    // line), under every negative one: room for a line of text and its gap each way.
    let value_room = (VALUE_GAP + 1.0) * size;
    let (up, down) = frame.extremes();
    let below = if down > 0.0 { value_room } else { 0.0 };
    let above = EDGE * size + value_room;
    let room = plot_bottom - above - below;
    if room < MIN_PLOT * size {
        return None;
    }
    let scale = if up + down > 0.0 { room / (up + down) } else { 0.0 };
    let zero = if up + down > 0.0 { above + up * scale } else { plot_bottom };

    let label_breaks = labels.iter().zip(&texts.labels).map(|(lines, glyphs)| line_starts(glyphs, lines)).collect();
    let mut chart = Chart { height, runs: Vec::new(), rules: Vec::new(), fills: Vec::new(), label_breaks };
    let bar_width = (slot * BAR_SHARE).min(MAX_BAR * size);
    for (i, bar) in frame.bars.iter().enumerate() {
        let centre = slot * (i as f32 + 0.5);
        let value = bar.value.unwrap_or(0.0) as f32;
        let length = value.abs() * scale;
        let top = if value < 0.0 { zero } else { zero - length };
        chart.fills.extend(frame.fill(bar, centre - bar_width / 2.0, top, bar_width, length));
        let figure = &texts.values[i];
        let baseline = if value < 0.0 {
            zero + length + VALUE_GAP * size + ASCENT * size
        } else {
            zero - length - VALUE_GAP * size - (1.0 - ASCENT) * size
        };
        chart.runs.extend(text(figure, centre - width_of(figure, 0..figure.len()) / 2.0, baseline, size));
        let glyphs = &texts.labels[i];
        for (l, line) in labels[i].iter().enumerate() {
            let x = centre - width_of(glyphs, line.clone()) / 2.0;
            let baseline = names_top + l as f32 * leading + (leading - size) / 2.0 + ASCENT * size;
            chart.runs.extend(text(&glyphs[line.clone()], x, baseline, size));
        }
    }
    chart.rules.push(Rule { from: (0.0, zero), to: (frame.width, zero), width: ZERO_LINE });
    Some(chart)
}

/// Lying bars laid out, and what they had to give up.
struct Lying {
    chart: Chart,
    /// Names broken inside a word.
    forced: Vec<usize>,
    /// The figures leave the bars less than [`MIN_PLOT`].
    crowded: bool,
}

/// Lying bars: one row per bar, its name right-aligned in a column on the left, the bar
/// from a vertical zero line, its figure beyond the bar's end. `strict`: names in at most
/// [`LABEL_LINES`] lines broken between words and room for the bars, else `None`; otherwise
/// names take the lines they need, broken inside a word where one is wider than the column.
/// `None` too when the rows are taller than `max_height` or the figures wider than the
/// plot.
fn lying(texts: &Texts, frame: &Frame, max_height: f32, grid: Option<f32>, strict: bool) -> Option<Lying> {
    let size = texts.size;
    let natural = texts.labels.iter().map(|g| width_of(g, trimmed(g, 0..g.len()))).fold(0.0, f32::max);
    let column = natural.min(LABEL_COLUMN * frame.width);
    let leading = LEADING * size;
    // Rows taller than `max_height` are refused below; names too long for it, before they
    // are broken.
    let max_lines = match (strict, max_height.is_finite()) {
        (true, _) => LABEL_LINES,
        (false, true) => (max_height / leading) as usize + 1,
        (false, false) => usize::MAX,
    };
    let broken = texts.labels.iter().map(|g| break_label(g, column, max_lines, !strict)).collect::<Option<Vec<_>>>()?;
    let line_widths: Vec<Vec<f32>> = broken
        .iter()
        .zip(&texts.labels)
        .map(|(b, glyphs)| b.lines.iter().map(|line| width_of(glyphs, line.clone())).collect())
        .collect();
    let used = line_widths.iter().flatten().copied().fold(0.0, f32::max);
    let name_lines = broken.iter().map(|b| b.lines.len()).max().unwrap_or(0).max(1);
    let pitch = name_lines as f32 * leading + ROW_GAP * size;
    let rows_height = frame.bars.len().max(1) as f32 * pitch;
    // On a grid, whole lines, so that the caption under the chart sits on the grid.
    let height = match grid {
        Some(line) => (rows_height / line - EPSILON / line).ceil().max(1.0) * line,
        None => rows_height,
    };
    if height > max_height + EPSILON {
        return None;
    }

    let plot_left = if used > 0.0 { used + LABEL_GAP * size } else { 0.0 };
    let plot = frame.width - plot_left;
    let gap = VALUE_GAP * size;
    let figures: Vec<f32> = texts.values.iter().map(|v| width_of(v, 0..v.len())).collect();
    // How far the bars and their figures reach left and right of the zero line at `scale`.
    let reach = |scale: f32| {
        frame.bars.iter().zip(&figures).fold((0.0f32, 0.0f32), |(left, right), (bar, figure)| {
            let value = bar.value.unwrap_or(0.0) as f32;
            let reach = value.abs() * scale + gap + figure;
            if value < 0.0 {
                (left.max(reach), right)
            } else {
                (left, right.max(reach))
            }
        })
    };
    let (up, down) = frame.extremes();
    let (left, right) = reach(0.0);
    let room = plot - left - right;
    let crowded = room < MIN_PLOT * size;
    if room < 0.0 || (strict && crowded) {
        return None;
    }
    // The largest scale at which everything stays inside the plot: the reach grows with the
    // scale, so halve the interval until it is tight.
    let mut scale = 0.0;
    if up + down > 0.0 {
        let mut high = plot / up.max(down);
        for _ in 0..40 {
            let mid = (scale + high) / 2.0;
            let (l, r) = reach(mid);
            if l + r <= plot {
                scale = mid;
            } else {
                high = mid;
            }
        }
    }
    let zero = plot_left + reach(scale).0;

    let label_breaks = broken.iter().zip(&texts.labels).map(|(b, glyphs)| line_starts(glyphs, &b.lines)).collect();
    let mut chart = Chart { height, runs: Vec::new(), rules: Vec::new(), fills: Vec::new(), label_breaks };
    let top = (height - rows_height) / 2.0;
    let thickness = (pitch * BAR_SHARE).min(MAX_BAR_THICKNESS * size);
    for (i, bar) in frame.bars.iter().enumerate() {
        let centre = top + pitch * (i as f32 + 0.5);
        let value = bar.value.unwrap_or(0.0) as f32;
        let length = value.abs() * scale;
        let start = if value < 0.0 { zero - length } else { zero };
        chart.fills.extend(frame.fill(bar, start, centre - thickness / 2.0, length, thickness));
        let x = if value < 0.0 { zero - length - gap - figures[i] } else { zero + length + gap };
        // The figure's em box centred on the bar.
        chart.runs.extend(text(&texts.values[i], x, centre + (ASCENT - 0.5) * size, size));
        let glyphs = &texts.labels[i];
        let first = centre - broken[i].lines.len() as f32 * leading / 2.0 + (leading - size) / 2.0 + ASCENT * size;
        for (l, line) in broken[i].lines.iter().enumerate() {
            let x = used - line_widths[i][l];
            chart.runs.extend(text(&glyphs[line.clone()], x, first + l as f32 * leading, size));
        }
    }
    chart.rules.push(Rule { from: (zero, top), to: (zero, top + rows_height), width: ZERO_LINE });
    let forced = broken.iter().enumerate().filter(|(_, b)| b.forced > 0).map(|(i, _)| i).collect();
    Some(Lying { chart, forced, crowded })
}

/// The last resort: lying bars whose names break inside words where they must, and text
/// below the floor until the rows fit the page; what it gave up is a warning.
/// The chart and the size its text ended at.
fn squeezed(
    flow: &mut Flow,
    texts: &Texts,
    frame: &Frame,
    floor: f32,
    max_height: f32,
    grid: Option<f32>,
) -> (Chart, f32) {
    let mut size = floor;
    let lying = loop {
        let last = size * EMERGENCY_STEP < SMALLEST;
        let limit = if last { f32::INFINITY } else { max_height };
        if let Some(lying) = lying(&texts.at(size), frame, limit, grid, false) {
            break lying;
        }
        if last {
            // Figures wider than the whole plot even at the smallest size: bars without
            // length, figures and names still all drawn.
            break lying_without_room(texts, frame, size, grid);
        }
        size *= EMERGENCY_STEP;
    };
    let mut problems = Vec::new();
    if size < floor - EPSILON {
        problems.push(format!(
            "its {} bars do not fit one page even lying at the labels' smallest size ({floor} pt); set at {size:.1} pt",
            frame.bars.len()
        ));
    }
    if !lying.forced.is_empty() {
        let names: Vec<String> = lying.forced.iter().map(|&i| format!("「{}」", frame.bars[i].label)).collect();
        problems.push(format!("{} broken inside a word: wider than the names' column", names.join("")));
    }
    if lying.crowded {
        problems.push("its figures leave the bars little room".to_owned());
    }
    if !problems.is_empty() {
        let concerned = lying.forced.first().map_or(0, |&i| i);
        flow.warnings.push(Warning {
            element: flow.element,
            text: frame.bars.get(concerned).map_or_else(String::new, |b| b.label.clone()),
            offset: 0,
            message: format!("a chart could not be set as the template asks: {}", problems.join("; ")),
        });
    }
    (lying.chart, size)
}

/// Lying bars with no room at all (figures wider than the plot at the smallest size):
/// no scale, figures from the zero line.
fn lying_without_room(texts: &Texts, frame: &Frame, size: f32, grid: Option<f32>) -> Lying {
    let flat: Vec<Bar> = frame.bars.iter().map(|b| Bar { value: None, ..b.clone() }).collect();
    let flat_frame = Frame { bars: &flat, ..*frame };
    let texts = texts.at(size);
    lying(&texts, &flat_frame, f32::INFINITY, grid, false).map(|l| Lying { crowded: true, ..l }).unwrap_or(Lying {
        chart: Chart { height: 0.0, runs: Vec::new(), rules: Vec::new(), fills: Vec::new(), label_breaks: Vec::new() },
        forced: Vec::new(),
        crowded: true,
    })
}

/// A name broken into lines.
struct Broken {
    /// Each line's glyphs, spaces at its ends left out.
    lines: Vec<Range<usize>>,
    /// Lines ending inside a word (only when breaking anywhere).
    forced: usize,
}

/// How good a breaking of a name's last lines is; less is better, in the order of
/// [`Cost::key`].
#[derive(Debug, Clone, Copy, Default)]
struct Cost {
    /// Lines ending inside a word.
    forced: usize,
    /// Lines of one character.
    ones: usize,
    /// The widest line, pt: the lower, the more even the lines.
    widest: f32,
    /// The sum of the lines' squared widths: the lower, the more even, among breakings of
    /// the same widest line.
    squares: f32,
    /// The first line's width: the longer, the better, among breakings otherwise equal, so
    /// that a name's lines shorten downwards (倒梯形, as titles are set) and a conjunction
    /// ends a line rather than starts one ("化学原料和 / 化学制品 / 制造业").
    first: f32,
}

impl Cost {
    fn key(&self, lines: usize) -> (usize, usize, usize, f32, f32, f32) {
        (self.forced, self.ones, lines, self.widest, self.squares, -self.first)
    }
}

/// Breaks `glyphs` into at most `max_lines` lines no wider than `width`, between words
/// (where the glyphs allow a break), choosing by [`Cost`]: the fewest lines ending inside a
/// word, the fewest lines of one character, the fewest lines, the most even lines, the
/// longest lines first. With `anywhere`, a line may also end inside a word (never before a
/// closing mark nor after an opening one), and a character wider than `width` stands on a
/// line of its own; without, `None` when no breaking fits.
fn break_label(glyphs: &[Glyph], width: f32, max_lines: usize, anywhere: bool) -> Option<Broken> {
    if trimmed(glyphs, 0..glyphs.len()).is_empty() {
        return Some(Broken { lines: Vec::new(), forced: 0 });
    }
    // No line holds more ink than the wider of the width and the widest glyph (one wider
    // than the width stands alone): a name needing more lines than it may have is refused
    // before the search, whose table is lines × breaks.
    let ink: f32 = glyphs.iter().filter(|g| g.width != Width::Space).map(|g| g.advance).sum();
    let widest = glyphs.iter().map(|g| g.advance).fold(width, f32::max);
    if ink > max_lines as f32 * widest + EPSILON {
        return None;
    }
    let n = glyphs.len();
    let splits = |k: usize| glyphs[k].break_before || (anywhere && may_split(&glyphs[k - 1], &glyphs[k]));
    let mut at = vec![0];
    at.extend((1..n).filter(|&k| splits(k)));
    at.push(n);
    let ends = at.len();
    let last = ends - 1;
    let max_lines = max_lines.min(last);
    // best[l][i]: the best way to set glyphs[at[i]..] on l lines, and where its first line
    // ends (an index into `at`). From the end, so that the first line's length can decide
    // between breakings otherwise equal.
    let mut best: Vec<Vec<Option<(Cost, usize)>>> = vec![vec![None; ends]; max_lines + 1];
    best[0][last] = Some((Cost::default(), last));
    for l in 1..=max_lines {
        for i in (0..last).rev() {
            for j in i + 1..ends {
                let Some((after, _)) = best[l - 1][j] else { continue };
                let line = trimmed(glyphs, at[i]..at[j]);
                let line_width = width_of(glyphs, line.clone());
                if line_width > width + EPSILON && !(anywhere && j == i + 1) {
                    break;
                }
                if line.is_empty() {
                    continue;
                }
                let cost = Cost {
                    forced: after.forced + usize::from(j < last && !glyphs[at[j]].break_before),
                    ones: after.ones + usize::from(line.len() == 1),
                    widest: after.widest.max(line_width),
                    squares: after.squares + line_width * line_width,
                    first: line_width,
                };
                let better = match best[l][i] {
                    Some((known, _)) => cost.key(0) < known.key(0),
                    None => true,
                };
                if better {
                    best[l][i] = Some((cost, j));
                }
            }
        }
    }
    let (lines, cost) = (1..=max_lines)
        .filter_map(|l| best[l][0].map(|(cost, _)| (l, cost)))
        .min_by(|(a, x), (b, y)| x.key(*a).partial_cmp(&y.key(*b)).unwrap_or(std::cmp::Ordering::Equal))?;
    let mut ranges = Vec::with_capacity(lines);
    let mut i = 0;
    for l in (1..=lines).rev() {
        let (_, j) = best[l][i]?;
        ranges.push(trimmed(glyphs, at[i]..at[j]));
        i = j;
    }
    Some(Broken { lines: ranges, forced: cost.forced })
}

/// Whether a line may end between `a` and `b` when a word must be broken: not before a
/// closing mark nor after an opening one.
fn may_split(a: &Glyph, b: &Glyph) -> bool {
    !NO_LINE_START.contains(b.ch) && !NO_LINE_END.contains(a.ch)
}

/// `range` without the spaces at its ends.
fn trimmed(glyphs: &[Glyph], range: Range<usize>) -> Range<usize> {
    let (mut start, mut end) = (range.start, range.end);
    while start < end && glyphs[start].width == Width::Space {
        start += 1;
    }
    while end > start && glyphs[end - 1].width == Width::Space {
        end -= 1;
    }
    start..end
}
