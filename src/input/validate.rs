//! Checks on a parsed summary that its types cannot express.

use std::collections::HashSet;

use super::Source;
use crate::error::{Error, Result};
use crate::model::{pieces, Block, Cell, Piece, Summary, Table, FORMAT_VERSION, MAX_HEADING_LEVEL};

/// Checks ids, references, table shapes, the date and the nesting depth.
pub fn validate(summary: &Summary, source: &Source) -> Result<()> {
    let fail = |needle: &str, field: String, message: String| Error::Input {
        location: source.locate_value(&field, needle),
        field: Some(field),
        message,
    };
    if summary.version != FORMAT_VERSION {
        return Err(fail(
            &summary.version.to_string(),
            "version".into(),
            format!("format version {} is not supported; this baogao reads version {FORMAT_VERSION}", summary.version),
        ));
    }
    if summary.meta.title.trim().is_empty() {
        return Err(fail("title", "meta.title".into(), "the title is empty".into()));
    }
    if let Some(date) = summary.meta.date.as_deref().filter(|d| !is_iso_date(d)) {
        return Err(fail(date, "meta.date".into(), format!("`{date}` is not a date of the form YYYY-MM-DD")));
    }
    let mut ids = HashSet::new();
    for (i, indicator) in summary.indicators.iter().enumerate() {
        let field = format!("indicators[{i}].id");
        if indicator.id.is_empty() || !indicator.id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(fail(
                &indicator.id,
                field,
                format!("`{}` is not a valid id (ASCII letters, digits and '_')", indicator.id),
            ));
        }
        if !ids.insert(indicator.id.as_str()) {
            return Err(fail(&indicator.id, field, format!("the id `{}` is used twice", indicator.id)));
        }
    }
    for (i, id) in summary.meta.key_figures.iter().flatten().enumerate() {
        if !ids.contains(id.as_str()) {
            return Err(fail(id, format!("meta.key_figures[{i}]"), format!("no indicator has the id `{id}`")));
        }
    }
    if let Some(i) = summary.meta.addressees.iter().position(|a| a.trim().is_empty()) {
        return Err(fail("addressees", format!("meta.addressees[{i}]"), "an addressee is empty".into()));
    }
    validate_blocks(&summary.body, "body", 1, &ids, &fail, &mut 0)
}

fn validate_blocks(
    blocks: &[Block],
    path: &str,
    level: usize,
    ids: &HashSet<&str>,
    fail: &dyn Fn(&str, String, String) -> Error,
    cells: &mut usize,
) -> Result<()> {
    for (i, block) in blocks.iter().enumerate() {
        let here = format!("{path}[{i}]");
        check_figures(block, &here, ids, fail)?;
        match block {
            Block::Section(section) => {
                if level > MAX_HEADING_LEVEL {
                    return Err(fail(
                        &section.heading,
                        format!("{here}.heading"),
                        format!("sections nest at most {MAX_HEADING_LEVEL} deep"),
                    ));
                }
                if section.heading.trim().is_empty() {
                    return Err(fail("heading", format!("{here}.heading"), "the heading is empty".into()));
                }
                validate_blocks(&section.content, &format!("{here}.content"), level + 1, ids, fail, cells)?;
            }
            Block::IndicatorTable { indicator_table } => {
                let rows = indicator_table.indicators.len();
                *cells += INDICATOR_COLUMNS * (rows + 1);
                if rows > MAX_TABLE_ROWS || *cells > MAX_CELLS {
                    return Err(fail(
                        "indicators",
                        format!("{here}.indicator_table.indicators"),
                        format!("{rows} indicators: a table holds at most {MAX_TABLE_ROWS} rows, and the tables {MAX_CELLS} cells in all (see docs/limits.md)"),
                    ));
                }
                for (j, id) in indicator_table.indicators.iter().enumerate() {
                    if !ids.contains(id.as_str()) {
                        return Err(fail(
                            id,
                            format!("{here}.indicator_table.indicators[{j}]"),
                            format!("no indicator has the id `{id}`"),
                        ));
                    }
                }
            }
            Block::Table { table } => {
                if table.header.is_empty() {
                    return Err(fail("header", format!("{here}.table.header"), "a table needs a header".into()));
                }
                if let Some(align) = table.align.as_ref().filter(|a| a.len() != table.header.len()) {
                    return Err(fail(
                        "align",
                        format!("{here}.table.align"),
                        format!("{} alignments for the header's {} columns", align.len(), table.header.len()),
                    ));
                }
                if table.header.len() > MAX_TABLE_COLUMNS || table.rows.len() > MAX_TABLE_ROWS {
                    return Err(fail(
                        "rows",
                        format!("{here}.table"),
                        format!(
                            "{} columns and {} rows: a table holds at most {MAX_TABLE_COLUMNS} columns and {MAX_TABLE_ROWS} rows (see docs/limits.md)",
                            table.header.len(),
                            table.rows.len()
                        ),
                    ));
                }
                *cells += table.header.len() * (table.rows.len() + 1);
                if *cells > MAX_CELLS {
                    return Err(fail(
                        "rows",
                        format!("{here}.table"),
                        format!("the tables hold more than {MAX_CELLS} cells in all (see docs/limits.md)"),
                    ));
                }
                check_spans(table, &here, fail)?;
            }
            Block::Chart { chart } => {
                if chart.indicators.len() > MAX_CHART_BARS {
                    return Err(fail(
                        "indicators",
                        format!("{here}.chart.indicators"),
                        format!("{} bars: a chart shows at most {MAX_CHART_BARS}", chart.indicators.len()),
                    ));
                }
                for (j, id) in chart.indicators.iter().enumerate() {
                    if !ids.contains(id.as_str()) {
                        return Err(fail(
                            id,
                            format!("{here}.chart.indicators[{j}]"),
                            format!("no indicator has the id `{id}`"),
                        ));
                    }
                }
            }
            Block::Paragraph { .. } | Block::PageBreak { .. } => {}
        }
    }
    Ok(())
}

/// The cells of each row, with those reaching down from the rows above, fill the header's
/// columns exactly; no cell reaches past the last row.
fn check_spans(table: &Table, here: &str, fail: &dyn Fn(&str, String, String) -> Error) -> Result<()> {
    let width = table.header.len();
    // For each column, how many more rows a cell from above still covers.
    let mut covered = vec![0usize; width];
    for (r, row) in table.rows.iter().enumerate() {
        let field = format!("{here}.table.rows[{r}]");
        let needle = row.first().map_or("rows", Cell::text);
        let mut column = 0;
        for cell in row {
            while column < width && covered[column] > 0 {
                column += 1;
            }
            let (colspan, rowspan) = cell.span();
            if colspan == 0 || rowspan == 0 {
                return Err(fail(cell.text(), field, "a cell spans at least one column and one row".into()));
            }
            // Compared by subtraction: a span near usize::MAX would wrap the sum around.
            if colspan > width - column || covered[column..column + colspan].iter().any(|&c| c > 0) {
                return Err(fail(
                    needle,
                    field,
                    format!("the row's cells take more than the header's {width} columns"),
                ));
            }
            if rowspan > table.rows.len() - r {
                return Err(fail(
                    cell.text(),
                    field,
                    format!("a cell spans {rowspan} rows, past the table's last row"),
                ));
            }
            covered[column..column + colspan].iter_mut().for_each(|c| *c = rowspan);
            column += colspan;
        }
        if covered.contains(&0) {
            let filled = covered.iter().filter(|&&c| c > 0).count();
            return Err(fail(needle, field, format!("the row fills {filled} of the header's {width} columns")));
        }
        covered.iter_mut().for_each(|c| *c -= 1);
    }
    Ok(())
}

/// Every placeholder in the block's own text (paragraph, heading, caption, cells) names an
/// indicator that exists, with a field it has.
fn check_figures(
    block: &Block,
    here: &str,
    ids: &HashSet<&str>,
    fail: &dyn Fn(&str, String, String) -> Error,
) -> Result<()> {
    let texts: Vec<(String, &str)> = match block {
        Block::Paragraph { paragraph } => vec![(format!("{here}.paragraph"), paragraph.as_str())],
        Block::Section(section) => vec![(format!("{here}.heading"), section.heading.as_str())],
        Block::IndicatorTable { indicator_table } => {
            vec![(format!("{here}.indicator_table.caption"), indicator_table.caption.as_str())]
        }
        Block::Table { table } => {
            let mut texts: Vec<(String, &str)> =
                table.caption.iter().map(|c| (format!("{here}.table.caption"), c.as_str())).collect();
            texts.extend(
                table.header.iter().enumerate().map(|(c, h)| (format!("{here}.table.header[{c}]"), h.as_str())),
            );
            for (r, row) in table.rows.iter().enumerate() {
                texts.extend(
                    row.iter().enumerate().map(|(c, cell)| (format!("{here}.table.rows[{r}][{c}]"), cell.text())),
                );
            }
            texts
        }
        Block::Chart { chart } => vec![(format!("{here}.chart.caption"), chart.caption.as_str())],
        Block::PageBreak { .. } => Vec::new(),
    };
    for (field, text) in texts {
        let pieces = pieces(text).map_err(|message| fail(text, field.clone(), message))?;
        for piece in pieces {
            if let Piece::Figure { placeholder, id, .. } = piece {
                if !ids.contains(id) {
                    return Err(fail(
                        placeholder,
                        field,
                        format!("`{placeholder}` refers to no indicator: no indicator has the id `{id}`"),
                    ));
                }
            }
        }
    }
    Ok(())
}

/// The most columns of a table: more than a landscape page can set legibly.
pub const MAX_TABLE_COLUMNS: usize = 50;

/// The most rows of a table (some 80 pages of one table).
pub const MAX_TABLE_ROWS: usize = 2000;

/// The most cells of all tables of a report, header rows included: the layout's memory grows
/// with them (a table of 20,000 rows took 757 MB), and 20,000 keep a report within 300 MB.
pub const MAX_CELLS: usize = 20_000;

/// Cells counted for each row of an indicator table (name, value, change, rank).
const INDICATOR_COLUMNS: usize = 4;

/// The most bars of a chart: beyond it the labels cannot be read on a page.
pub const MAX_CHART_BARS: usize = 100;

/// `YYYY-MM-DD` with a real month and a day that month has.
fn is_iso_date(date: &str) -> bool {
    let parts: Vec<&str> = date.split('-').collect();
    let [y, m, d] = parts.as_slice() else { return false };
    // Digits only: `u32::from_str` takes "+1" too ("+202-+1-+1" printed as "+202年+1月+1日").
    if y.len() != 4 || m.len() != 2 || d.len() != 2 || !date.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    y >= 1000 && (1..=days).contains(&d)
}

#[cfg(test)]
mod tests {
    use super::is_iso_date;

    #[test]
    fn dates() {
        assert!(is_iso_date("2022-12-20"));
        assert!(is_iso_date("2024-02-29"));
        assert!(!is_iso_date("2023-02-29"));
        assert!(!is_iso_date("2022-13-01"));
        assert!(!is_iso_date("2022/12/20"));
        assert!(!is_iso_date("+202-+1-+1"));
        assert!(!is_iso_date("0000-01-01"));
        assert!(!is_iso_date("2022-1-01"));
    }
}
