//! Checks on a parsed summary that its types cannot express. Every error of a file is
//! reported at once (the first [`MAX_SHOWN`](crate::error::MAX_SHOWN) shown), each at its own value: located through the span
//! index ([`Spans`]), built when the first error is found.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use super::spans::Spans;
use super::{InputFormat, Source};
use crate::error::{Error, Location, Result, MAX_SHOWN};
use crate::model::{
    days_in_month, numbered, pieces, Block, FigureField, FigureForm, Indicator, Meta, MetaField, Piece, Summary, Table,
    Value, FORMAT_VERSION, MAX_HEADING_LEVEL,
};

/// The errors found so far, and where to locate them.
struct Checker<'a> {
    source: &'a Source,
    format: InputFormat,
    spans: OnceLock<Spans>,
    errors: Vec<Error>,
}

impl Checker<'_> {
    /// An error at the value of `field`; at `needle` within it when given (a placeholder in
    /// a paragraph), found from where the value starts.
    fn fail(&mut self, field: String, needle: Option<&str>, message: String) {
        // Beyond those shown only the count is told: not located, as each location holds
        // its source line (2,500 errors on a 135 KB line took 340 MB).
        if self.errors.len() >= MAX_SHOWN {
            let location = self.source.location_at_start();
            self.errors.push(Error::Input { location, field: Some(field), message });
            return;
        }
        let location = self.locate(&field, needle);
        self.errors.push(Error::Input { location, field: Some(field), message });
    }

    /// Where the value of `field` stands; at `needle` within it when given.
    fn locate(&self, field: &str, needle: Option<&str>) -> Location {
        let spans = self.spans.get_or_init(|| Spans::build(&self.source.text, self.format));
        match spans.find(field) {
            Some(start) => {
                let within = needle.and_then(|n| self.source.text.get(start..)?.find(n)).unwrap_or(0);
                self.source.location_at(start + within)
            }
            None => self.source.location_at_start(),
        }
    }
}

/// Checks ids, references, table shapes, the date and the nesting depth; every error of the
/// file at once.
pub fn validate(summary: &Summary, source: &Source, format: InputFormat) -> Result<()> {
    let mut check = Checker { source, format, spans: OnceLock::new(), errors: Vec::new() };
    if summary.version != FORMAT_VERSION {
        check.fail(
            "version".into(),
            None,
            format!("format version {} is not supported; this baogao reads version {FORMAT_VERSION}", summary.version),
        );
    }
    if summary.meta.title.trim().is_empty() {
        check.fail("meta.title".into(), None, "the title is empty".into());
    }
    if let Some(fault) = summary.meta.date.as_deref().and_then(date_fault) {
        check.fail("meta.date".into(), None, fault);
    }
    let mut ids = HashSet::new();
    for (i, indicator) in summary.indicators.iter().enumerate() {
        let length = indicator.name.chars().count();
        if length > MAX_NAME_CHARS {
            check.fail(
                format!("indicators[{i}].name"),
                None,
                format!("the name has {length} characters: an indicator's name has at most {MAX_NAME_CHARS} (see docs/limits.md)"),
            );
        }
        let field = format!("indicators[{i}].id");
        if indicator.id.is_empty() || !indicator.id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            check.fail(field, None, format!("`{}` is not a valid id (ASCII letters, digits and '_')", indicator.id));
        } else if let Some(meta) = MetaField::named(&indicator.id) {
            let message = format!(
                "the id `{}` is taken: `{{{}}}` in text prints the summary's `meta.{}`; choose another id",
                indicator.id,
                indicator.id,
                meta.key()
            );
            check.fail(field, None, message);
        } else if !ids.insert(indicator.id.as_str()) {
            check.fail(field, None, format!("the id `{}` is used twice", indicator.id));
        }
    }
    for (i, id) in summary.meta.key_figures.iter().flatten().enumerate() {
        if !ids.contains(id.as_str()) {
            check.fail(format!("meta.key_figures[{i}]"), None, no_indicator(id, &ids));
        }
    }
    for (i, _) in summary.meta.addressees.iter().enumerate().filter(|(_, a)| a.trim().is_empty()) {
        check.fail(format!("meta.addressees[{i}]"), None, "an addressee is empty".into());
    }
    let printed: HashMap<&str, usize> = summary.indicators.iter().map(|i| (i.id.as_str(), printed_length(i))).collect();
    let mut totals = Totals { cells: 0, charts: 0, text: 0, printed: &printed, meta: &summary.meta };
    check_blocks(&mut check, &summary.body, "body", 1, &ids, &mut totals);
    let mut errors = check.errors;
    match errors.len() {
        0 => Ok(()),
        1 => Err(errors.remove(0)),
        _ => Err(Error::Many(errors)),
    }
}

/// What all tables and charts of a report add up to, against the limits of a report.
struct Totals<'a> {
    cells: usize,
    charts: usize,
    /// The characters of the report's text with its placeholders filled, at most.
    text: usize,
    /// The most characters each indicator's placeholders print.
    printed: &'a HashMap<&'a str, usize>,
    /// What `{title}`, `{issuer}`, `{date}` and `{period}` print.
    meta: &'a Meta,
}

/// The most characters a placeholder of `indicator` prints: all its texts, and room for a
/// number (at most 16 digits, a sign and a point) in each of its figures.
fn printed_length(indicator: &Indicator) -> usize {
    let chars = |text: Option<&str>| text.map_or(0, |t| t.chars().count());
    let value = |value: Option<&Value>| match value {
        Some(Value::Text(text)) => text.chars().count(),
        _ => 18,
    };
    let comparison = indicator
        .comparison
        .as_ref()
        .map_or(0, |c| chars(Some(&c.basis)) + value(Some(&c.change)) + chars(c.unit.as_deref()));
    chars(Some(&indicator.name))
        + value(indicator.value.as_ref())
        + chars(indicator.unit.as_deref())
        + chars(indicator.rank.as_deref())
        + chars(indicator.note.as_deref())
        + comparison
}

fn check_blocks(
    check: &mut Checker,
    blocks: &[Block],
    path: &str,
    level: usize,
    ids: &HashSet<&str>,
    totals: &mut Totals<'_>,
) {
    for (i, block) in blocks.iter().enumerate() {
        let here = format!("{path}[{i}]");
        check_figures(check, block, &here, ids, totals);
        match block {
            Block::Section(section) => {
                if level > MAX_HEADING_LEVEL {
                    let message = format!("sections nest at most {MAX_HEADING_LEVEL} deep");
                    check.fail(format!("{here}.heading"), None, message);
                    continue;
                }
                if section.heading.trim().is_empty() {
                    check.fail(format!("{here}.heading"), None, "the heading is empty".into());
                }
                check_blocks(check, &section.content, &format!("{here}.content"), level + 1, ids, totals);
            }
            Block::IndicatorTable { indicator_table } => {
                let rows = indicator_table.indicators.len();
                totals.cells += INDICATOR_COLUMNS * (rows + 1);
                if rows > MAX_TABLE_ROWS || totals.cells > MAX_CELLS {
                    check.fail(
                        format!("{here}.indicator_table.indicators"),
                        None,
                        format!("{rows} indicators: a table holds at most {MAX_TABLE_ROWS} rows, and the tables {MAX_CELLS} cells in all (see docs/limits.md)"),
                    );
                }
                for (j, id) in indicator_table.indicators.iter().enumerate() {
                    if !ids.contains(id.as_str()) {
                        let field = format!("{here}.indicator_table.indicators[{j}]");
                        check.fail(field, None, no_indicator(id, ids));
                    }
                }
            }
            Block::Table { table } => {
                if table.header.is_empty() {
                    check.fail(format!("{here}.table.header"), None, "a table needs a header".into());
                    continue;
                }
                if let Some(align) = table.align.as_ref().filter(|a| a.len() != table.header.len()) {
                    check.fail(
                        format!("{here}.table.align"),
                        None,
                        format!("{} alignments for the header's {} columns", align.len(), table.header.len()),
                    );
                }
                if table.header.len() > MAX_TABLE_COLUMNS || table.rows.len() > MAX_TABLE_ROWS {
                    check.fail(
                        format!("{here}.table"),
                        None,
                        format!(
                            "{} columns and {} rows: a table holds at most {MAX_TABLE_COLUMNS} columns and {MAX_TABLE_ROWS} rows (see docs/limits.md)",
                            table.header.len(),
                            table.rows.len()
                        ),
                    );
                    continue;
                }
                totals.cells += table.header.len() * (table.rows.len() + 1);
                if totals.cells > MAX_CELLS {
                    check.fail(
                        format!("{here}.table"),
                        None,
                        format!("the tables hold more than {MAX_CELLS} cells in all (see docs/limits.md)"),
                    );
                    continue;
                }
                check_spans(check, table, &here);
            }
            Block::Chart { chart } => {
                totals.charts += 1;
                if totals.charts == MAX_CHARTS + 1 {
                    check.fail(
                        format!("{here}.chart"),
                        None,
                        format!(
                            "more than {MAX_CHARTS} charts: a report holds at most {MAX_CHARTS} (see docs/limits.md)"
                        ),
                    );
                }
                if chart.indicators.len() > MAX_CHART_BARS {
                    check.fail(
                        format!("{here}.chart.indicators"),
                        None,
                        format!("{} bars: a chart shows at most {MAX_CHART_BARS}", chart.indicators.len()),
                    );
                }
                for (j, id) in chart.indicators.iter().enumerate() {
                    if !ids.contains(id.as_str()) {
                        check.fail(format!("{here}.chart.indicators[{j}]"), None, no_indicator(id, ids));
                    }
                }
            }
            Block::Paragraph { .. } | Block::PageBreak { .. } => {}
        }
    }
}

/// The cells of each row, with those reaching down from the rows above, fill the header's
/// columns exactly; no cell reaches past the last row. The first fault of a table is told.
fn check_spans(check: &mut Checker, table: &Table, here: &str) {
    let width = table.header.len();
    // For each column, how many more rows a cell from above still covers.
    let mut covered = vec![0usize; width];
    for (r, row) in table.rows.iter().enumerate() {
        let field = format!("{here}.table.rows[{r}]");
        let mut column = 0;
        for (c, cell) in row.iter().enumerate() {
            while column < width && covered[column] > 0 {
                column += 1;
            }
            let (colspan, rowspan) = cell.span();
            let cell_field = format!("{field}[{c}]");
            if colspan == 0 || rowspan == 0 {
                return check.fail(cell_field, None, "a cell spans at least one column and one row".into());
            }
            // Compared by subtraction: a span near usize::MAX would wrap the sum around.
            if colspan > width - column || covered[column..column + colspan].iter().any(|&c| c > 0) {
                let message = format!("the row's cells take more than the header's {width} columns");
                return check.fail(cell_field, None, message);
            }
            if rowspan > table.rows.len() - r {
                let message = format!("a cell spans {rowspan} rows, past the table's last row");
                return check.fail(cell_field, None, message);
            }
            covered[column..column + colspan].iter_mut().for_each(|c| *c = rowspan);
            column += colspan;
        }
        if covered.contains(&0) {
            let filled = covered.iter().filter(|&&c| c > 0).count();
            return check.fail(field, None, format!("the row fills {filled} of the header's {width} columns"));
        }
        covered.iter_mut().for_each(|c| *c -= 1);
    }
}

/// The block's own texts that may hold placeholders, each with its field.
fn block_texts<'a>(block: &'a Block, here: &str) -> Vec<(String, &'a str)> {
    match block {
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
    }
}

/// Every placeholder in the block's own text (paragraph, heading, caption, cells) names an
/// indicator that exists, with a field it has.
fn check_figures(check: &mut Checker, block: &Block, here: &str, ids: &HashSet<&str>, totals: &mut Totals<'_>) {
    let texts = block_texts(block, here);
    for (field, text) in texts {
        let pieces = match pieces(text) {
            Ok(pieces) => pieces,
            Err(error) => {
                check.fail(field, Some(error.placeholder), error.message);
                continue;
            }
        };
        let before = totals.text;
        for piece in pieces {
            match piece {
                Piece::Text(text) => totals.text += text.chars().count(),
                Piece::Meta { placeholder, field: meta } => match meta.of(totals.meta) {
                    Some(value) => totals.text += value.chars().count() + 10,
                    None => check.fail(
                        field.clone(),
                        Some(placeholder),
                        format!("`{placeholder}` names `meta.{}`, which the summary does not give", meta.key()),
                    ),
                },
                Piece::Figure { placeholder, id, .. } => {
                    totals.text += totals.printed.get(id).copied().unwrap_or(0);
                    if !ids.contains(id) {
                        let message = format!("`{placeholder}` refers to no indicator: {}", no_indicator(id, ids));
                        check.fail(field.clone(), Some(placeholder), message);
                    }
                }
            }
        }
        if before <= MAX_TEXT_CHARS && totals.text > MAX_TEXT_CHARS {
            check.fail(
                field,
                None,
                format!("the report's text, its placeholders filled, passes {MAX_TEXT_CHARS} characters here (see docs/limits.md)"),
            );
        }
    }
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

/// The most characters of an indicator's name: it labels a table row and a chart bar, and
/// stands in the chart's workbook, whose cells hold 32,767 (a 100,000-character name made
/// the DOCX fail). A name is a few words; 200 is past any real one.
pub const MAX_NAME_CHARS: usize = 200;

/// The most characters of a report's text with its placeholders filled in. A placeholder
/// may print many characters: 100,000 of a 5,000-character figure (a 305 KB file) took
/// 22 GB. Two million is past what a report may draw anyway (a million glyphs).
pub const MAX_TEXT_CHARS: usize = 2_000_000;

/// The most charts of a report: each is a chart part and a workbook in the DOCX (130 KB
/// while written); 5,000 took 670 MB and 7 s. A report has a handful.
pub const MAX_CHARTS: usize = 100;

/// The most bars of a chart: beyond it the labels cannot be read on a page.
pub const MAX_CHART_BARS: usize = 100;

/// What is wrong with `date`, if anything: it must be `YYYY-MM-DD`, digits only, a real
/// month and a day that month has, year 1000 or later. A date of the right form that does
/// not exist is told as such ("2024-11-31" is of the form; November has 30 days).
fn date_fault(date: &str) -> Option<String> {
    let form = || Some(format!("`{date}` is not a date of the form YYYY-MM-DD (such as 2024-06-15)"));
    let parts: Vec<&str> = date.split('-').collect();
    let [y, m, d] = parts.as_slice() else { return form() };
    // Digits only: `u32::from_str` takes "+1" too ("+202-+1-+1" printed as "+202年+1月+1日").
    if y.len() != 4 || m.len() != 2 || d.len() != 2 || !date.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
        return form();
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return form();
    };
    if y < 1000 {
        return Some(format!("`{date}`: the year must be 1000 or later"));
    }
    let Some(days) = days_in_month(y, m) else {
        return Some(format!("`{date}`: there is no month {m} (months are 01 to 12)"));
    };
    (!(1..=days).contains(&d))
        .then(|| format!("`{date}`: there is no day {d} in month {m} of {y} (it has {days} days)"))
}

/// Things that are valid but most likely not what the writer meant, each as a warning line
/// located at its value: a heading written with its number (the template numbers it: "一、
/// 一、工业"), a placeholder in full-width braces (printed as written), a figure's field the
/// indicator does not have (printed "—").
pub fn advise(summary: &Summary, source: &Source, format: InputFormat) -> Vec<String> {
    let check = Checker { source, format, spans: OnceLock::new(), errors: Vec::new() };
    let mut advice = Vec::new();
    let mut tell = |field: String, needle: Option<&str>, message: String| {
        if advice.len() < MAX_SHOWN {
            advice.push(format!("{}: field `{field}`: {message}", check.locate(&field, needle)));
        }
    };
    let indicators: HashMap<&str, &Indicator> = summary.indicators.iter().map(|i| (i.id.as_str(), i)).collect();
    // A stack of blocks still to see, the next on top: told in the file's order.
    let mut blocks: Vec<(String, &Block)> =
        summary.body.iter().enumerate().rev().map(|(i, b)| (format!("body[{i}]"), b)).collect();
    while let Some((here, block)) = blocks.pop() {
        if let Block::Section(section) = block {
            let heading = section.heading.trim_start();
            if let Some((_, words)) = numbered(heading) {
                let number = heading[..heading.len() - words.len()].trim_end();
                tell(
                    format!("{here}.heading"),
                    Some(number),
                    format!("the heading starts with a number, `{number}`, and the template numbers headings too: leave it out"),
                );
            }
            blocks.extend(section.content.iter().enumerate().rev().map(|(i, b)| (format!("{here}.content[{i}]"), b)));
        }
        for (field, text) in block_texts(block, &here) {
            for (at, _) in text.match_indices('｛') {
                let inner = text[at + '｛'.len_utf8()..].split('｝').next().unwrap_or("");
                let id = inner.split('.').next().unwrap_or("");
                if text[at..].contains('｝') && indicators.contains_key(id) {
                    tell(
                        field.clone(),
                        Some("｛"),
                        format!(
                            "`｛{inner}｝` has full-width braces and prints as written: a placeholder is `{{{inner}}}`"
                        ),
                    );
                }
            }
            let mut before = String::new();
            for piece in pieces(text).unwrap_or_default() {
                let Piece::Figure { placeholder, id, field: asked, form } = piece else {
                    if let Piece::Text(text) = piece {
                        before = text;
                    }
                    continue;
                };
                let preceding = std::mem::take(&mut before);
                let Some(indicator) = indicators.get(id) else { continue };
                let signed = indicator.number(asked).filter(|_| form == FigureForm::AsIs);
                if let (Some(n), Some((word, rising))) = (signed, direction_word(&preceding)) {
                    let fault = if n.value < 0.0 {
                        Some("a fall after a word for a direction prints its minus sign too")
                    } else if n.value > 0.0 && !rising {
                        Some("a rise after a word for a fall reads as a fall")
                    } else {
                        None
                    };
                    if let Some(fault) = fault {
                        let inner = &placeholder[1..placeholder.len() - 1];
                        tell(
                            field.clone(),
                            Some(placeholder),
                            format!("prints \"{word}{n}…\": {fault}; write `{{{inner}|增长/下降}}{{{inner}|abs}}` for \"增长…\" or \"下降…\" as the figure goes"),
                        );
                    }
                }
                let missing = match asked {
                    FigureField::Change if indicator.comparison.is_none() => Some("comparison (`comparison`)"),
                    FigureField::Rank if indicator.rank.is_none() => Some("rank (`rank`)"),
                    FigureField::Note if indicator.note.is_none() => Some("note (`note`)"),
                    FigureField::Unit if indicator.unit.is_none() => Some("unit (`unit`)"),
                    _ => None,
                };
                if let Some(missing) = missing {
                    tell(
                        field.clone(),
                        Some(placeholder),
                        format!("`{placeholder}`: indicator `{id}` has no {missing}, so it prints \"—\""),
                    );
                }
            }
        }
    }
    advice
}

/// The word for a direction that `text` ends with, and whether it is a rise: "增长" in
/// "同比增长" before a figure.
fn direction_word(text: &str) -> Option<(&'static str, bool)> {
    const RISING: &[&str] = &["增长", "增加", "提高", "上升", "上涨", "回升"];
    const FALLING: &[&str] = &["下降", "减少", "降低", "回落", "下滑", "下跌", "减少了", "下降了"];
    let text = text.trim_end();
    RISING.iter().map(|w| (*w, true)).chain(FALLING.iter().map(|w| (*w, false))).find(|(word, _)| text.ends_with(word))
}

/// "no indicator has the id `x`", with the closest id when one is close.
fn no_indicator(id: &str, ids: &HashSet<&str>) -> String {
    let mut known: Vec<&str> = ids.iter().copied().collect();
    known.sort_unstable();
    format!("no indicator has the id `{id}`{}", crate::error::did_you_mean(id, known))
}

#[cfg(test)]
mod tests {
    use super::date_fault;

    #[test]
    fn dates() {
        assert_eq!(date_fault("2022-12-20"), None);
        assert_eq!(date_fault("2024-02-29"), None);
        for (date, told) in [
            ("2023-02-29", "there is no day 29 in month 2 of 2023 (it has 28 days)"),
            ("2024-11-31", "there is no day 31 in month 11 of 2024 (it has 30 days)"),
            ("2022-13-01", "there is no month 13"),
            ("0000-01-01", "the year must be 1000 or later"),
            ("2022/12/20", "is not a date of the form YYYY-MM-DD"),
            ("+202-+1-+1", "is not a date of the form YYYY-MM-DD"),
            ("2022-1-01", "is not a date of the form YYYY-MM-DD"),
        ] {
            let fault = date_fault(date).unwrap_or_default();
            assert!(fault.contains(told), "{date}: {fault}");
        }
    }
}
