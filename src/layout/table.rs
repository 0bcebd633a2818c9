//! Tables: column widths from their content, cells wrapped by the line breaker, ruled.
//!
//! Widths follow HTML's automatic table layout: each column's narrowest (longest unbreakable
//! unit) and widest (unwrapped) content; the table fills the text block.

use super::flow::{runs, Flow, Row, RowKind, ASCENT};
use super::linebreak::{break_lines, Line, Measure};
use super::text::Glyph;
use super::{Fill, Ink, Rule, TableGeometry};
use crate::model::ColumnAlign;
use crate::template::{TableCell, TableContent, TableStyle, TextStyle};

/// Room a cell keeps beyond its text, pt: a cell that just fits in the PDF would wrap in
/// Word or LibreOffice once its width is rounded to twips.
const FIT_ROOM: f32 = 1.0;
/// A row too tall for a page is cut in slices of about this share of a page.
const SLICES_PER_PAGE: usize = 4;

/// The header row and the body rows of a table, and its columns; `header_index` is where
/// the header row will stand among all rows. Cells may span columns and rows.
pub fn rows(flow: &mut Flow, content: &TableContent, header_index: usize) -> (Vec<Row>, TableGeometry) {
    let template = flow.template;
    let style = &template.table;
    let shaped_header: Vec<Vec<Glyph>> = content.header.iter().map(|c| flow.shape(c, &style.header)).collect();
    let shaped: Vec<Vec<Vec<Glyph>>> =
        content.rows.iter().map(|row| row.iter().map(|cell| flow.shape(&cell.text, &style.cell)).collect()).collect();

    let pad = style.cell_padding;
    let columns = content.header.len();
    // Decimal columns: the widest part of a figure before its decimal point and from it on.
    let mut decimal = vec![(0.0f32, 0.0f32); columns];
    for (cell, glyphs) in content.rows.iter().flatten().zip(shaped.iter().flatten()) {
        if cell.align == ColumnAlign::Decimal && cell.colspan == 1 {
            let (before, after) = split_at_point(glyphs);
            let d = &mut decimal[cell.column];
            *d = (d.0.max(before), d.1.max(after));
        }
    }
    // What each column's own cells need (cells spanning columns take what their columns get).
    let mut narrowest = vec![0.0f32; columns];
    let mut widest = vec![0.0f32; columns];
    let mut needs = Vec::with_capacity(shaped.len() + 1);
    let header_cells = shaped_header.iter().enumerate().map(|(c, g)| (c, 1, g));
    let body_cells = content.rows.iter().zip(&shaped).map(|(row, glyphs)| {
        row.iter().zip(glyphs).map(|(cell, g)| (cell.column, cell.colspan, g)).collect::<Vec<_>>()
    });
    for row in std::iter::once(header_cells.collect::<Vec<_>>()).chain(body_cells) {
        let mut widths = vec![Cell { width: 0.0 }; columns];
        for (c, _, glyphs) in row.into_iter().filter(|(_, span, _)| *span == 1) {
            let width = glyphs.iter().map(|g| g.advance).sum::<f32>() + 2.0 * pad + FIT_ROOM;
            narrowest[c] = narrowest[c].max(longest_unit(glyphs) + 2.0 * pad);
            widest[c] = widest[c].max(width);
            widths[c] = Cell { width };
        }
        needs.push(widths);
    }
    for (c, (before, after)) in decimal.iter().enumerate() {
        let aligned = before + after + 2.0 * pad + FIT_ROOM;
        narrowest[c] = narrowest[c].max(aligned);
        widest[c] = widest[c].max(aligned);
    }
    let widths = column_widths(&needs, &narrowest, &widest, template.block.width);
    let left = template.block.left;
    let edges: Vec<f32> = std::iter::once(left)
        .chain(widths.iter().scan(left, |x, w| {
            *x += w;
            Some(*x)
        }))
        .collect();
    let after_points: Vec<f32> = decimal.iter().map(|d| d.1).collect();
    let geometry = Grid { edges: &edges, after_points: &after_points, pad };

    let mut out = Vec::with_capacity(content.rows.len() + 1);
    let header_placed: Vec<TableCell> = content
        .header
        .iter()
        .enumerate()
        .map(|(c, text)| TableCell {
            text: text.clone(),
            column: c,
            colspan: 1,
            rowspan: 1,
            align: ColumnAlign::Center,
        })
        .collect();
    let header_set = set_cells(style, &geometry, &header_placed, &shaped_header, &style.header);
    let header_height = header_set.iter().map(|c| c.height).fold(0.0, f32::max);
    let mut header = row(flow, &geometry, &header_set, &[header_height], 0, RowKind::Content);
    header.keep_with_next = true;
    if let Some(color) = style.header_fill {
        let (x, right) = (edges[0], edges[edges.len() - 1]);
        header.fills.push(Fill { x, y: 0.0, width: right - x, height: header_height, color });
    }
    out.push(header);

    // Body rows: each as tall as its tallest single-row cell; a cell spanning rows makes its
    // last row taller if it needs more than the rows it spans.
    let sets: Vec<Vec<SetCell>> = content
        .rows
        .iter()
        .zip(&shaped)
        .map(|(row, glyphs)| set_cells(style, &geometry, row, glyphs, &style.cell))
        .collect();
    let mut heights: Vec<f32> = sets
        .iter()
        .map(|set| {
            set.iter().filter(|c| c.rowspan == 1).map(|c| c.height).fold(style.cell.size * style.cell_leading, f32::max)
        })
        .collect();
    for (r, set) in sets.iter().enumerate() {
        for cell in set.iter().filter(|c| c.rowspan > 1) {
            let spanned: f32 = heights[r..r + cell.rowspan].iter().sum();
            if cell.height > spanned {
                heights[r + cell.rowspan - 1] += cell.height - spanned;
            }
        }
    }
    // Rows that a cell spans into stay on one page with the row above.
    let mut reaches = vec![0usize; content.rows.len()];
    for (r, set) in sets.iter().enumerate() {
        reaches[r] = set.iter().map(|c| r + c.rowspan - 1).max().unwrap_or(r);
    }
    // A row never splits across pages, unless it alone is taller than a page can hold
    // under the header: then it goes in slices of whole lines.
    // A page break leaves at least two body rows on either side of it, as a paragraph keeps
    // two lines: one row alone under a repeated header reads as a stray.
    let last = sets.len().saturating_sub(1);
    let room = template.block.height - header_height;
    let mut open_until = 0;
    let mut keep_with_next = Vec::with_capacity(sets.len());
    for (r, set) in sets.iter().enumerate() {
        let kind = RowKind::TableBody { header: header_index };
        open_until = open_until.max(reaches[r]);
        let keep = open_until > r || (r < last && (r == 0 || r + 1 == last));
        keep_with_next.push(keep);
        if heights[r] > room && set.iter().all(|c| c.rowspan == 1) {
            out.extend(slices(flow, &geometry, set, room, kind));
            continue;
        }
        let mut body = row(flow, &geometry, set, &heights, r, kind);
        body.keep_with_next = keep;
        out.push(body);
    }
    (out, TableGeometry { widths, after_point: after_points, padding: pad, keep_with_next })
}

/// A row too tall for a page as slices of a few lines each, with the next lines of every
/// cell: the pages take as many as they have room for. Only the first slice has a rule
/// above and only the last one below, so that the cells read as one.
fn slices(flow: &Flow, grid: &Grid, set: &[SetCell], room: f32, kind: RowKind) -> Vec<Row> {
    let table = &flow.template.table;
    let (leading, pad) = (table.cell.size * table.cell_leading, table.cell_padding_vertical);
    let page_lines = ((room - 2.0 * pad) / leading).floor() as usize;
    let per_slice = (page_lines / SLICES_PER_PAGE).max(1);
    let most = set.iter().map(|c| c.lines.len()).max().unwrap_or(1);
    let count = most.div_ceil(per_slice);
    (0..count)
        .map(|k| {
            let lines = k * per_slice..((k + 1) * per_slice).min(most);
            let part: Vec<SetCell> = set
                .iter()
                .map(|c| {
                    let mine = c.lines.get(lines.start.min(c.lines.len())..lines.end.min(c.lines.len())).unwrap_or(&[]);
                    let height = lines.len() as f32 * leading + 2.0 * pad;
                    SetCell { lines: mine.to_vec(), height, ..*c }
                })
                .collect();
            let height = part[0].height;
            let mut slice = row(flow, grid, &part, &[height], 0, kind);
            slice
                .rules
                .retain(|r| r.from.1 != r.to.1 || (r.from.1 == 0.0 && k == 0) || (r.from.1 > 0.0 && k + 1 == count));
            slice
        })
        .collect()
}

/// The table's column edges and decimal points.
struct Grid<'a> {
    edges: &'a [f32],
    after_points: &'a [f32],
    pad: f32,
}

/// A cell broken into lines for its width.
struct SetCell<'a> {
    cell: &'a TableCell,
    glyphs: &'a [Glyph],
    lines: Vec<Line>,
    rowspan: usize,
    /// How its text is painted.
    ink: Ink,
    /// Height its lines need, padding included.
    height: f32,
}

fn set_cells<'a>(
    table: &TableStyle,
    grid: &Grid,
    cells: &'a [TableCell],
    glyphs: &'a [Vec<Glyph>],
    style: &TextStyle,
) -> Vec<SetCell<'a>> {
    let leading = style.size * table.cell_leading;
    cells
        .iter()
        .zip(glyphs)
        .map(|(cell, glyphs)| {
            let inner = grid.edges[cell.column + cell.colspan] - grid.edges[cell.column] - 2.0 * grid.pad;
            let lines = break_lines(glyphs, Measure::plain(inner));
            let height = lines.len().max(1) as f32 * leading + 2.0 * table.cell_padding_vertical;
            SetCell { cell, glyphs, lines, rowspan: cell.rowspan, height, ink: Ink::of(style) }
        })
        .collect()
}

/// Body row `r` (or the header, with `heights` its own): the text of the cells that start
/// in it, and each such cell's box, as tall as the rows it spans.
fn row(flow: &Flow, grid: &Grid, cells: &[SetCell], heights: &[f32], r: usize, kind: RowKind) -> Row {
    let table = &flow.template.table;
    let pad = grid.pad;
    let mut text = Vec::new();
    let mut rules = Vec::new();
    for set in cells {
        let cell = set.cell;
        let size = set.glyphs.first().map_or(table.cell.size, |g| g.em);
        let leading = size * table.cell_leading;
        let (x0, x1) = (grid.edges[cell.column], grid.edges[cell.column + cell.colspan]);
        let box_height: f32 = heights[r..(r + cell.rowspan).min(heights.len())].iter().sum();
        // Centred vertically in its box (a cell spanning rows sits in their middle).
        let top = (box_height - set.height).max(0.0) / 2.0 + table.cell_padding_vertical;
        let inner = x1 - x0 - 2.0 * pad;
        for (i, line) in set.lines.iter().enumerate() {
            let free = inner - line.width;
            let offset = match cell.align {
                ColumnAlign::Left => 0.0,
                ColumnAlign::Center => free / 2.0,
                ColumnAlign::Right => free,
                // A figure on one line puts its point where the column's points stand.
                ColumnAlign::Decimal if set.lines.len() == 1 && cell.colspan == 1 => {
                    inner - grid.after_points[cell.column] - split_at_point(set.glyphs).0
                }
                ColumnAlign::Decimal => free,
            };
            let baseline = top + i as f32 * leading + (leading - size) / 2.0 + ASCENT * size;
            text.extend(runs(&set.glyphs[line.glyphs.clone()], &line.x, x0 + pad + offset, baseline, size, set.ink));
        }
        let rule = |from, to| Rule { from, to, width: table.rule };
        rules.extend([
            rule((x0, 0.0), (x1, 0.0)),
            rule((x0, box_height), (x1, box_height)),
            rule((x0, 0.0), (x0, box_height)),
            rule((x1, 0.0), (x1, box_height)),
        ]);
    }
    Row { runs: text, rules, ..Row::marker(kind, heights[r]) }
}

/// Widths of a figure before its decimal point and from the point on (all of it before
/// when it has none).
fn split_at_point(glyphs: &[Glyph]) -> (f32, f32) {
    let point = glyphs.iter().position(|g| g.ch == '.').unwrap_or(glyphs.len());
    let width = |g: &[Glyph]| g.iter().map(|g| g.advance).sum::<f32>();
    (width(&glyphs[..point]), width(&glyphs[point..]))
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
/// proportion). Otherwise the widths that make the table shortest: width moves between two
/// columns while that saves lines, in amounts that let a cell of the receiving column need a
/// line fewer (or let the giving column shrink to where one of its cells needs a line more).
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
    // Two starts, since exchanges between two columns can stall where three would help: an
    // even share for every column, and short columns unwrapped first, as a person would set them.
    let share = (total - sum_narrowest) / narrowest.len() as f32;
    let even: Vec<f32> = narrowest.iter().map(|n| n + share).collect();
    let short_first = unwrap_short_columns(narrowest, widest, total);
    let (even, short_first) =
        (exchange(cells, narrowest, &targets, even), exchange(cells, narrowest, &targets, short_first));
    if cost(cells, &short_first) <= cost(cells, &even) {
        short_first
    } else {
        even
    }
}

/// Widest widths for the columns with the shortest content, as many as fit while the others
/// keep their narrowest; the rest shared among those others in proportion to their content.
fn unwrap_short_columns(narrowest: &[f32], widest: &[f32], total: f32) -> Vec<f32> {
    let mut order: Vec<usize> = (0..widest.len()).collect();
    order.sort_by(|&a, &b| widest[a].total_cmp(&widest[b]));
    let mut widths = narrowest.to_vec();
    let mut spare = total - narrowest.iter().sum::<f32>();
    let mut wrapped = Vec::new();
    for c in order {
        let extra = widest[c] - narrowest[c];
        if extra <= spare {
            widths[c] = widest[c];
            spare -= extra;
        } else {
            wrapped.push(c);
        }
    }
    let want: f32 = wrapped.iter().map(|&c| widest[c] - narrowest[c]).sum();
    for &c in &wrapped {
        widths[c] += spare * (widest[c] - narrowest[c]) / want;
    }
    widths
}

/// Moves width between pairs of columns while that makes the table cheaper (see [`cost`]).
fn exchange(cells: &[Vec<Cell>], narrowest: &[f32], targets: &[Vec<f32>], mut widths: Vec<f32>) -> Vec<f32> {
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

/// What a cell needs of its column: its unwrapped width, padding included (0 where the
/// column has no cell of its own in that row).
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

    #[test]
    fn short_columns_stay_whole_where_only_three_columns_trading_width_finds_it() {
        // The filled example's indicator table: name, unit, value, change, rank, note. Only
        // the long note need wrap; "全市第一" (64.5) in the rank column must not.
        let table = cells(&[
            &[36.0, 36.0, 36.0, 36.0, 36.0, 36.0],
            &[134.0, 20.0, 33.0, 22.0, 8.0, 8.0],
            &[162.0, 22.0, 15.0, 22.0, 64.5, 8.0],
            &[92.0, 22.0, 29.0, 55.0, 8.0, 8.0],
            &[78.0, 36.0, 47.0, 22.0, 8.0, 239.0],
        ]);
        let narrowest = [36.5, 22.5, 47.4, 56.0, 22.5, 22.5];
        let widest = [162.5, 36.5, 47.4, 56.0, 64.5, 239.5];
        let w = column_widths(&table, &narrowest, &widest, 442.2);
        assert!(w[0] >= 162.0 && w[4] >= 64.5, "{w:?}");
        // Eight lines (the note takes four) and three wraps, against 8004 from an even start.
        assert_eq!(cost(&table, &w), 8003);
    }
}
