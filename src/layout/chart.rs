//! Bar charts: one bar per figure on a common zero line, the figure printed over (or under)
//! its bar and the indicator's name beneath, all as text, lines and fills that the PDF draws
//! as vectors and the DOCX shows as a picture of the same drawing.

use super::flow::{runs, Flow, Row, RowKind, ASCENT};
use super::linebreak::{break_lines, Measure};
use super::{Drawing, Fill, Ink, Rule, TextRun};
use crate::template::ChartContent;

/// Share of a bar's slot the bar takes.
const BAR_SHARE: f32 = 0.5;
/// Lines of a name under a bar at most (a longer name is cut by the slot, not the chart).
const NAME_LINES: usize = 3;

/// The chart's row (its content placed on the block's width) and the same as a drawing.
pub fn row(flow: &mut Flow, content: &ChartContent) -> (Row, Drawing) {
    let template = flow.template;
    let style = &template.chart;
    let (left, width, height) = (template.block.left, template.block.width, style.height);
    let size = style.label.size;
    let leading = size * 1.3;
    let slots = content.bars.len().max(1) as f32;
    let slot = width / slots;

    let mut texts: Vec<TextRun> = Vec::new();
    // Names under the plot, centred in their slots, wrapped to them.
    let name_area = NAME_LINES as f32 * leading + size * 0.5;
    let plot_bottom = height - name_area;
    for (i, bar) in content.bars.iter().enumerate() {
        let glyphs = flow.shape(&bar.label, &style.label);
        let inner = slot - size * 0.5;
        let lines = break_lines(&glyphs, Measure::plain(inner));
        for (l, line) in lines.iter().take(NAME_LINES).enumerate() {
            let x = left + slot * i as f32 + (slot - line.width) / 2.0;
            let baseline = plot_bottom + size * 0.5 + l as f32 * leading + ASCENT * size;
            texts.extend(runs(&glyphs[line.glyphs.clone()], &line.x, x, baseline, size, Ink::PLAIN));
        }
    }
    // The plot: room over the tallest bar and under the deepest for the figures' labels.
    let label_room = size * 1.6;
    let values: Vec<f64> = content.bars.iter().filter_map(|b| b.value).collect();
    let top = values.iter().copied().fold(0.0f64, f64::max) as f32;
    let bottom = values.iter().copied().fold(0.0f64, f64::min) as f32;
    let plot_top = label_room;
    let plot_low = plot_bottom - if bottom < 0.0 { label_room } else { size * 0.3 };
    let span = (top - bottom).max(f32::EPSILON);
    let scale = (plot_low - plot_top) / span;
    let zero = plot_top + top * scale;
    let mut fills = Vec::new();
    for (i, bar) in content.bars.iter().enumerate() {
        let bar_width = slot * BAR_SHARE;
        let x = left + slot * i as f32 + (slot - bar_width) / 2.0;
        let value = bar.value.unwrap_or(0.0) as f32;
        let (y, h) = if value >= 0.0 { (zero - value * scale, value * scale) } else { (zero, -value * scale) };
        if bar.value.is_some() && h > 0.0 {
            let color = if value >= 0.0 { style.bar_color } else { style.negative_color };
            fills.push(Fill { x, y, width: bar_width, height: h, color });
        }
        let glyphs = flow.shape(&bar.text, &style.label);
        let text_width: f32 = glyphs.iter().map(|g| g.advance).sum();
        let tx = left + slot * i as f32 + (slot - text_width) / 2.0;
        let baseline = if value >= 0.0 { y - size * 0.4 } else { y + h + size * 0.4 + ASCENT * size };
        let xs = super::flow::natural_positions(&glyphs);
        texts.extend(runs(&glyphs, &xs, tx, baseline, size, Ink::PLAIN));
    }
    let rules = vec![Rule { from: (left, zero), to: (left + width, zero), width: 0.75 }];
    let drawing = Drawing {
        width,
        height,
        runs: texts.iter().map(|r| shift_run(r, -left)).collect(),
        rules: rules
            .iter()
            .map(|r| Rule { from: (r.from.0 - left, r.from.1), to: (r.to.0 - left, r.to.1), ..*r })
            .collect(),
        fills: fills.iter().map(|f| Fill { x: f.x - left, ..*f }).collect(),
    };
    let row = Row { runs: texts, rules, fills, ..Row::marker(RowKind::Content, height) };
    (row, drawing)
}

fn shift_run(run: &TextRun, dx: f32) -> TextRun {
    let mut run = run.clone();
    for glyph in &mut run.glyphs {
        glyph.x += dx;
    }
    run
}
