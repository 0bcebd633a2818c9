//! Tables: column widths from their content, cells wrapped by the line breaker, ruled.
//!
//! Widths follow HTML's automatic table layout: each column's narrowest (longest unbreakable
//! unit) and widest (unwrapped) content; the table fills the text block.

use super::flow::{runs, Flow, Row, RowKind, ASCENT};
use super::linebreak::{break_lines, Measure};
use super::text::Glyph;
use super::{Rule, TableGeometry};
use crate::model::ColumnAlign;
use crate::template::{TableContent, TextStyle};

/// Line height inside cells, in ems of the cell text.
const CELL_LEADING: f32 = 1.4;
/// Space above and below the text of a cell, in ems.
const CELL_VERTICAL_PAD: f32 = 0.3;

/// The header row and the body rows of a table, and its columns; `header_index` is where
/// the header row will stand among all rows.
pub fn rows(flow: &mut Flow, content: &TableContent, header_index: usize) -> (Vec<Row>, TableGeometry) {
    let template = flow.template;
    let style = &template.table;
    let shaped_header: Vec<Vec<Glyph>> = content.header.iter().map(|c| flow.shape(c, &style.header)).collect();
    let shaped_rows: Vec<Vec<Vec<Glyph>>> =
        content.rows.iter().map(|row| row.iter().map(|c| flow.shape(c, &style.cell)).collect()).collect();

    let pad = style.cell_padding;
    let columns = content.header.len();
    // Decimal columns: the widest part of a figure before its decimal point and from it on.
    let mut decimal = vec![(0.0f32, 0.0f32); columns];
    for row in &shaped_rows {
        for (c, glyphs) in row.iter().enumerate().filter(|(c, _)| content.align[*c] == ColumnAlign::Decimal) {
            let (before, after) = split_at_point(glyphs);
            decimal[c] = (decimal[c].0.max(before), decimal[c].1.max(after));
        }
    }
    let mut narrowest = vec![0.0f32; columns];
    let mut widest = vec![0.0f32; columns];
    let mut cells = Vec::with_capacity(shaped_rows.len() + 1);
    for row in std::iter::once(&shaped_header).chain(&shaped_rows) {
        let mut needs = Vec::with_capacity(columns);
        for (c, glyphs) in row.iter().enumerate() {
            let width = glyphs.iter().map(|g| g.advance).sum::<f32>() + 2.0 * pad;
            narrowest[c] = narrowest[c].max(longest_unit(glyphs) + 2.0 * pad);
            widest[c] = widest[c].max(width);
            needs.push(Cell { width });
        }
        cells.push(needs);
    }
    for (c, (before, after)) in decimal.iter().enumerate() {
        let aligned = before + after + 2.0 * pad;
        narrowest[c] = narrowest[c].max(aligned);
        widest[c] = widest[c].max(aligned);
    }
    let widths = column_widths(&cells, &narrowest, &widest, template.block.width);
    let left = template.block.left;
    let edges: Vec<f32> = std::iter::once(left)
        .chain(widths.iter().scan(left, |x, w| {
            *x += w;
            Some(*x)
        }))
        .collect();

    let mut out = Vec::with_capacity(content.rows.len() + 1);
    let centred = vec![ColumnAlign::Center; columns];
    let no_points = vec![0.0; columns];
    let mut header = row(flow, &shaped_header, &edges, (&centred, &no_points), &style.header, RowKind::Content);
    header.keep_with_next = true;
    out.push(header);
    let after_points: Vec<f32> = decimal.iter().map(|d| d.1).collect();
    for cells in &shaped_rows {
        let kind = RowKind::TableBody { header: header_index };
        out.push(row(flow, cells, &edges, (&content.align, &after_points), &style.cell, kind));
    }
    (out, TableGeometry { widths, after_point: after_points, padding: pad })
}

/// Widths of a figure before its decimal point and from the point on (all of it before
/// when it has none).
fn split_at_point(glyphs: &[Glyph]) -> (f32, f32) {
    let point = glyphs.iter().position(|g| g.ch == '.').unwrap_or(glyphs.len());
    let width = |g: &[Glyph]| g.iter().map(|g| g.advance).sum::<f32>();
    (width(&glyphs[..point]), width(&glyphs[point..]))
}

/// One table row: its cells' lines, and the rules around it. `aligns` holds each column's
/// alignment and, for decimal columns, the room kept right of the decimal point.
fn row(
    flow: &Flow,
    cells: &[Vec<Glyph>],
    edges: &[f32],
    aligns: (&[ColumnAlign], &[f32]),
    style: &TextStyle,
    kind: RowKind,
) -> Row {
    let table = &flow.template.table;
    let pad = table.cell_padding;
    let leading = style.size * CELL_LEADING;
    let vertical_pad = style.size * CELL_VERTICAL_PAD;
    let broken: Vec<_> = cells
        .iter()
        .enumerate()
        .map(|(c, glyphs)| {
            let inner = edges[c + 1] - edges[c] - 2.0 * pad;
            break_lines(glyphs, Measure { first: inner, rest: inner, justify: false, shrink: 0.0 })
        })
        .collect();
    let line_count = broken.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let height = line_count as f32 * leading + 2.0 * vertical_pad;
    let mut text = Vec::new();
    for (c, lines) in broken.iter().enumerate() {
        let inner = edges[c + 1] - edges[c] - 2.0 * pad;
        for (i, line) in lines.iter().enumerate() {
            let free = inner - line.width;
            let offset = match aligns.0[c] {
                ColumnAlign::Left => 0.0,
                ColumnAlign::Center => free / 2.0,
                ColumnAlign::Right => free,
                // A figure on one line puts its point where the column's points stand.
                ColumnAlign::Decimal if lines.len() == 1 => inner - aligns.1[c] - split_at_point(&cells[c]).0,
                ColumnAlign::Decimal => free,
            };
            let baseline = vertical_pad + i as f32 * leading + (leading - style.size) / 2.0 + ASCENT * style.size;
            text.extend(runs(&cells[c][line.glyphs.clone()], &line.x, edges[c] + pad + offset, baseline, style.size));
        }
    }
    let (left, right) = (edges[0], edges[edges.len() - 1]);
    let mut rules = vec![
        Rule { from: (left, 0.0), to: (right, 0.0), width: table.rule },
        Rule { from: (left, height), to: (right, height), width: table.rule },
    ];
    rules.extend(edges.iter().map(|&x| Rule { from: (x, 0.0), to: (x, height), width: table.rule }));
    Row { runs: text, rules, ..Row::marker(kind, height) }
}

/// Width of the longest run of glyphs with no break opportunity inside.
fn longest_unit(glyphs: &[Glyph]) -> f32 {
    let mut longest = 0.0f32;
    let mut current = 0.0;
    for g in glyphs {
        if g.break_before {
            current = 0.0;
        }
        current += g.advance;
        longest = longest.max(current);
    }
    longest
}

/// Column widths that fill `total`: unwrapped content when it fits (the rest shared in
/// proportion). Otherwise the widths that make the table shortest: starting from each
/// column's narrowest width plus an even share of the room, width moves between two columns
/// while that saves lines, in amounts that let a cell of the receiving column need a line
/// fewer (or let the giving column shrink to where one of its cells needs a line more).
/// Among equally short tables, fewer wrapped cells towards the left: a wrapped first column
/// reads worst.
fn column_widths(cells: &[Vec<Cell>], narrowest: &[f32], widest: &[f32], total: f32) -> Vec<f32> {
    let sum_widest: f32 = widest.iter().sum();
    if sum_widest <= total {
        return widest.iter().map(|w| w * total / sum_widest).collect();
    }
    let sum_narrowest: f32 = narrowest.iter().sum();
    if sum_narrowest >= total {
        return narrowest.iter().map(|w| w * total / sum_narrowest).collect();
    }
    // Widths at which some cell of a column fits in one line fewer.
    let mut targets: Vec<Vec<f32>> = vec![Vec::new(); narrowest.len()];
    for row in cells {
        for (c, cell) in row.iter().enumerate() {
            let lines = (cell.width / narrowest[c]).ceil() as usize;
            targets[c].extend((1..=lines).map(|k| cell.width / k as f32).filter(|&t| t >= narrowest[c]));
        }
    }
    for t in &mut targets {
        t.sort_by(f32::total_cmp);
        t.dedup();
    }
    let share = (total - sum_narrowest) / narrowest.len() as f32;
    let mut widths: Vec<f32> = narrowest.iter().map(|n| n + share).collect();
    let mut best = cost(cells, &widths);
    loop {
        let mut improved = false;
        for to in 0..widths.len() {
            for from in (0..widths.len()).filter(|&f| f != to) {
                let (have_to, have_from) = (widths[to], widths[from]);
                let gains = targets[to].iter().map(|&t| t - have_to);
                let losses = targets[from].iter().map(|&t| have_from - t);
                for amount in gains.chain(losses).filter(|&a| a > 1e-3 && have_from - a >= narrowest[from]) {
                    widths[to] += amount;
                    widths[from] -= amount;
                    let trial = cost(cells, &widths);
                    if trial < best {
                        best = trial;
                        improved = true;
                        break;
                    }
                    widths[to] -= amount;
                    widths[from] += amount;
                }
            }
        }
        if !improved {
            return widths;
        }
    }
}

/// What a cell needs of its column: its unwrapped width, padding included.
#[derive(Debug, Clone, Copy)]
struct Cell {
    width: f32,
}

/// Lines of the table (each row as tall as its tallest cell), and wrapped lines weighted
/// towards the left, for widths: a thousand per table line plus the weighted wraps.
fn cost(cells: &[Vec<Cell>], widths: &[f32]) -> usize {
    let columns = widths.len();
    let mut lines = 0;
    let mut wraps = 0;
    for row in cells {
        let mut tallest = 1;
        for (c, cell) in row.iter().enumerate() {
            let need = (cell.width / widths[c] - 1e-4).ceil().max(1.0) as usize;
            tallest = tallest.max(need);
            wraps += (need - 1) * (columns - c);
        }
        lines += tallest;
    }
    lines * 1000 + wraps
}

#[cfg(test)]
mod tests {
    use super::{column_widths, cost, Cell};

    fn cells(rows: &[&[f32]]) -> Vec<Vec<Cell>> {
        rows.iter().map(|r| r.iter().map(|&width| Cell { width }).collect()).collect()
    }

    #[test]
    fn unwrapped_content_fills_the_block() {
        let w = column_widths(&cells(&[&[30.0, 10.0]]), &[10.0, 10.0], &[30.0, 10.0], 80.0);
        assert_eq!(w, vec![60.0, 20.0]);
    }

    #[test]
    fn short_columns_do_not_wrap_and_the_table_stays_short() {
        // Names of 40 in three rows, a note of 90 in one: the note wraps, the names do not.
        let table = cells(&[&[40.0, 10.0, 90.0], &[40.0, 10.0, 10.0], &[40.0, 10.0, 10.0]]);
        let w = column_widths(&table, &[10.0, 10.0, 10.0], &[40.0, 10.0, 90.0], 100.0);
        assert!(w[0] >= 40.0 && w[1] >= 10.0, "{w:?}");
        assert!((w.iter().sum::<f32>() - 100.0).abs() < 1e-3);
        assert_eq!(cost(&table, &w) / 1000, 4);
    }
}
