//! The key figures panel: a row of boxes under the title, each with a figure, the
//! indicator's name and its change.

use super::flow::{natural_positions, runs, Flow, Row, RowKind, ASCENT};
use super::linebreak::{break_lines, Measure};
use super::{Fill, Ink};
use crate::template::KeyFigure;

/// Space inside a box above and below its text, in ems of the label size.
const PAD: f32 = 0.8;
/// Line height of the labels, in ems.
const LABEL_LEADING: f32 = 1.4;
/// Line height of the figure, in ems.
const VALUE_LEADING: f32 = 1.25;

/// The panel as one row, its boxes equally wide across the block, all as tall as the
/// tallest.
pub fn row(flow: &mut Flow, figures: &[KeyFigure]) -> Row {
    let template = flow.template;
    let style = template.key_figures.as_ref().expect("key figures come only with a template's panel");
    let block = template.block;
    let count = figures.len() as f32;
    let width = (block.width - style.gap * (count - 1.0)) / count;
    let inner = width - 2.0 * PAD * style.label.size;
    let label_height = style.label.size * LABEL_LEADING;
    let value_height = style.value.size * VALUE_LEADING;

    // Each box's lines: the figure, then the name (wrapped), then the change.
    let mut boxes = Vec::with_capacity(figures.len());
    for figure in figures {
        let value = flow.shape(&figure.value, &style.value);
        let name = flow.shape(&figure.name, &style.label);
        let name_lines = break_lines(&name, Measure { first: inner, rest: inner, justify: false, shrink: 0.0 });
        let mut lines = vec![(value, style.value.clone(), value_height)];
        for line in &name_lines {
            lines.push((name[line.glyphs.clone()].to_vec(), style.label.clone(), label_height));
        }
        if let Some(change) = &figure.change {
            lines.push((flow.shape(change, &style.label), style.label.clone(), label_height));
        }
        boxes.push(lines);
    }
    let pad = PAD * style.label.size;
    let height = boxes.iter().map(|lines| lines.iter().map(|l| l.2).sum::<f32>()).fold(0.0, f32::max) + 2.0 * pad;

    let mut row = Row::marker(RowKind::Content, height);
    for (i, lines) in boxes.iter().enumerate() {
        let x = block.left + i as f32 * (width + style.gap);
        row.fills.push(Fill { x, y: 0.0, width, height, color: style.fill });
        let mut top = pad;
        for (glyphs, text_style, line_height) in lines {
            let line_width: f32 = glyphs.iter().map(|g| g.advance).sum();
            let baseline = top + (line_height - text_style.size) / 2.0 + ASCENT * text_style.size;
            let left = x + (width - line_width) / 2.0;
            let xs = natural_positions(glyphs);
            row.runs.extend(runs(glyphs, &xs, left, baseline, text_style.size, Ink::of(text_style)));
            top += line_height;
        }
    }
    row.keep_with_next = true;
    row
}
