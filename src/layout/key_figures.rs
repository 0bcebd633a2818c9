//! The key figures panel: a row of boxes under the title, each with a figure, the
//! indicator's name and its change, all inside its box.

use super::flow::{natural_positions, runs, Flow, Row, RowKind, ASCENT};
use super::linebreak::{break_lines, Measure};
use super::text::{keep_figures_with_units, Glyph};
use super::{Fill, Ink, KeyFiguresPanel, Warning};
use crate::template::{KeyFigure, TextStyle};

/// Space inside a box above and below its text, in ems of the label size.
const PAD: f32 = 0.8;

/// The smallest size a key figure is set in to fit its box, pt (小五).
const MIN_VALUE_SIZE: f32 = 9.0;
/// Line height of the labels, in ems.
const LABEL_LEADING: f32 = 1.4;
/// Line height of the figure, in ems.
const VALUE_LEADING: f32 = 1.25;

/// One line of a box.
struct BoxLine {
    glyphs: Vec<Glyph>,
    style: TextStyle,
    /// Its height in the box, pt.
    height: f32,
    /// The size whose baseline it takes: a figure set smaller to fit its box stands on the
    /// baseline of the full-size figures beside it.
    baseline_size: f32,
}

/// The panel as one row, its boxes equally wide across the block, all as tall as the
/// tallest, and the panel as the DOCX needs it: its figures' size, its labels' breaks.
pub fn row(flow: &mut Flow, figures: &[KeyFigure]) -> (Row, KeyFiguresPanel) {
    let template = flow.template;
    let style = template.key_figures.as_ref().expect("key figures come only with a template's panel");
    let block = template.block;
    let count = figures.len() as f32;
    let width = (block.width - style.gap * (count - 1.0)) / count;
    let pad = PAD * style.label.size;
    let inner = width - 2.0 * pad;
    let label_height = style.label.size * LABEL_LEADING;
    let value_height = style.value.size * VALUE_LEADING;

    // A figure wider than its box ("1,234,567.8万元") sets the panel's figures smaller, in
    // half points, until it fits: one size for all, as a reader compares them side by side
    // (each fitted alone, one panel showed 20, 20, 20 and 17 pt).
    let mut values: Vec<Vec<Glyph>> = figures.iter().map(|f| flow.shape(&f.value, &style.value)).collect();
    let mut value_style = style.value.clone();
    for (figure, value) in figures.iter().zip(&values) {
        let natural: f32 = value.iter().map(|g| g.advance).sum();
        if natural > inner {
            let fitted = (style.value.size * inner / natural * 2.0).floor() / 2.0;
            // Never below the smallest readable figure: a 300-character unit fitted to 0 pt
            // and wrote NaN into the PDF. Wider still, it is told and stands past its box.
            if fitted < MIN_VALUE_SIZE {
                flow.warnings.push(Warning {
                    element: flow.element,
                    text: figure.value.clone(),
                    offset: 0,
                    message: format!(
                        "the key figure is wider than its box even at {MIN_VALUE_SIZE} pt: shorten its unit or text"
                    ),
                });
            }
            value_style.size = value_style.size.min(fitted.max(MIN_VALUE_SIZE));
        }
    }
    if value_style.size < style.value.size {
        values = figures.iter().map(|f| flow.shape(&f.value, &value_style)).collect();
    }

    // Each box's lines: the figure, then the name and the change, wrapped between words.
    let mut boxes: Vec<Vec<BoxLine>> = Vec::with_capacity(figures.len());
    let mut label_breaks = Vec::with_capacity(figures.len());
    for (figure, value) in figures.iter().zip(values) {
        let mut breaks = Vec::new();
        let value_style = value_style.clone();
        let mut lines =
            vec![BoxLine { glyphs: value, style: value_style, height: value_height, baseline_size: style.value.size }];
        for text in std::iter::once(&figure.name).chain(&figure.change) {
            // Between words, a figure with its unit ("↓0.8个百分点"), as in table cells.
            let mut glyphs = flow.shape_words(text, &style.label);
            keep_figures_with_units(&mut glyphs);
            let lines_of_label = break_lines(&glyphs, Measure::plain(inner));
            breaks.push(
                lines_of_label.iter().skip(1).filter_map(|l| glyphs.get(l.glyphs.start)).map(|g| g.source).collect(),
            );
            for line in lines_of_label {
                lines.push(BoxLine {
                    glyphs: glyphs[line.glyphs].to_vec(),
                    style: style.label.clone(),
                    height: label_height,
                    baseline_size: style.label.size,
                });
            }
        }
        boxes.push(lines);
        label_breaks.push(breaks);
    }
    let height = boxes.iter().map(|lines| lines.iter().map(|l| l.height).sum::<f32>()).fold(0.0, f32::max) + 2.0 * pad;

    let mut row = Row::marker(RowKind::Content, height);
    for (i, lines) in boxes.iter().enumerate() {
        let x = block.left + i as f32 * (width + style.gap);
        row.fills.push(Fill { x, y: 0.0, width, height, color: style.fill });
        let mut top = pad;
        for line in lines {
            let line_width: f32 = line.glyphs.iter().map(|g| g.advance).sum();
            let baseline = top + (line.height - line.baseline_size) / 2.0 + ASCENT * line.baseline_size;
            let left = x + (width - line_width) / 2.0;
            let xs = natural_positions(&line.glyphs);
            row.runs.extend(runs(&line.glyphs, &xs, left, baseline, line.style.size, Ink::of(&line.style)));
            top += line.height;
        }
    }
    row.keep_with_next = true;
    (row, KeyFiguresPanel { size: value_style.size, label_breaks })
}
