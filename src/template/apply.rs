//! Applies a template to a summary: the elements of the document in reading order, with
//! heading numbers, table captions and figures formatted. The layout and every writer read
//! this one sequence, so the PDF, the DOCX and the text export cannot disagree.

use std::ops::Range;

use super::figures;
use super::Template;
use crate::model::{Block, Cell, ColumnAlign, Indicator, IndicatorColumn, IndicatorKind, Summary};

/// The styled content of a report.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Title, for metadata.
    pub title: String,
    /// Issuer, for metadata (author / creator), if given.
    pub issuer: Option<String>,
    /// Date of issue, YYYY-MM-DD, if given.
    pub date: Option<String>,
    /// The period covered, for metadata, if given.
    pub period: Option<String>,
    /// Keywords, for metadata.
    pub keywords: Vec<String>,
    /// The content in reading order.
    pub elements: Vec<Element>,
    /// For each element, the path of the input field it comes from (e.g.
    /// `body[2].content[0].paragraph`), so that warnings can point into the input.
    pub origins: Vec<String>,
}

/// A piece of a running header or footer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Running {
    /// Text as printed.
    Text(String),
    /// The page's number.
    Page,
    /// The number of pages.
    Pages,
}

impl Document {
    /// Whether the element at `index` is the last of the title block (the title, its
    /// subtitle, the period's line), after which the template's blank lines go.
    pub fn ends_title_block(&self, index: usize) -> bool {
        let of_block =
            |e: Option<&Element>| matches!(e, Some(Element::Title(_) | Element::Subtitle(_) | Element::Period(_)));
        let after = |e: Option<&Element>| matches!(e, Some(Element::Subtitle(_) | Element::Period(_)));
        of_block(self.elements.get(index)) && !after(self.elements.get(index + 1))
    }

    /// A header or footer pattern with the document's title, issuer, date and period filled
    /// in; the page numbers are left to the writer (a number, or a field that updates). A
    /// field the summary does not give prints nothing, and the spaces it leaves at the ends
    /// go ("{title}　{period}" without a period is the title alone).
    pub fn running(&self, pattern: &str) -> Vec<Running> {
        // A title that says the period already ("2024年一季度全市经济运行分析") is not followed
        // by it again, as the period line is left out under such a title.
        let said = |period: &&str| pattern.contains("{title}") && self.title.contains(*period);
        let filled = pattern
            .replace("{title}", &self.title)
            .replace("{issuer}", self.issuer.as_deref().unwrap_or(""))
            .replace("{date}", &self.date.as_deref().map(chinese_date).unwrap_or_default())
            .replace("{period}", self.period.as_deref().filter(|p| !said(p)).unwrap_or(""));
        let filled = filled.trim();
        let mut pieces = Vec::new();
        let mut rest = filled;
        while let Some(at) = rest.find("{page") {
            let (piece, after) = if rest[at..].starts_with("{pages}") {
                (Running::Pages, &rest[at + "{pages}".len()..])
            } else if rest[at..].starts_with("{page}") {
                (Running::Page, &rest[at + "{page}".len()..])
            } else {
                break;
            };
            if at > 0 {
                pieces.push(Running::Text(rest[..at].to_owned()));
            }
            pieces.push(piece);
            rest = after;
        }
        if !rest.is_empty() {
            pieces.push(Running::Text(rest.to_owned()));
        }
        pieces
    }
}

/// One element of the document.
#[derive(Debug, Clone, PartialEq)]
pub enum Element {
    /// Document number (发文字号).
    DocNumber(String),
    /// The title.
    Title(String),
    /// The line under the title.
    Subtitle(String),
    /// The period covered, as the template prints it under the title (and subtitle).
    Period(String),
    /// A panel of key figures under the title.
    KeyFigures(Vec<KeyFigure>),
    /// The addressees (主送机关) as printed, e.g. "各县（市、区）人民政府，市政府各部门：".
    Addressees(String),
    /// A cover page, followed by a page break.
    Cover {
        /// The title.
        title: String,
        /// The subtitle, if any.
        subtitle: Option<String>,
        /// The issuer, if given.
        issuer: Option<String>,
        /// The date as printed, if given.
        date: Option<String>,
    },
    /// A numbered heading.
    Heading {
        /// 1-based level.
        level: usize,
        /// The number as printed, e.g. "一、".
        number: String,
        /// The heading's words.
        text: String,
    },
    /// Running text.
    Paragraph(String),
    /// A table, indicator tables included.
    Table(TableContent),
    /// A bar chart.
    Chart(ChartContent),
    /// A forced page break.
    PageBreak,
    /// The attachments note after the body.
    Attachments(Attachments),
    /// Issuer and date after the body (one of them at least).
    Closing {
        /// The issuer, if given.
        issuer: Option<String>,
        /// The date as printed, e.g. "2022年12月20日", if given.
        date: Option<String>,
    },
}

/// The attachments note: "附件：1．……", the further names under the first.
#[derive(Debug, Clone, PartialEq)]
pub struct Attachments {
    /// What stands before the first name, e.g. "附件：".
    pub label: String,
    /// The attachments in order.
    pub items: Vec<Attachment>,
}

/// One line of the attachments note.
#[derive(Debug, Clone, PartialEq)]
pub struct Attachment {
    /// Its number as printed, e.g. "1．"; empty when there is one attachment only.
    pub number: String,
    /// Its name, e.g. "主要经济指标表".
    pub name: String,
}

impl Attachment {
    /// The number and the name, as the line reads.
    pub fn text(&self) -> String {
        format!("{}{}", self.number, self.name)
    }
}

/// One box of the key figures panel.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyFigure {
    /// The value with its unit, e.g. "12.6%".
    pub value: String,
    /// The indicator's name.
    pub name: String,
    /// The change with its basis, e.g. "同比 +16.4%", if the indicator has one.
    pub change: Option<String>,
}

/// A table's cells as text.
#[derive(Debug, Clone, PartialEq)]
pub struct TableContent {
    /// The numbered caption, e.g. "表1　主要经济指标"; none for a table without one.
    pub caption: Option<Caption>,
    /// Header cells.
    pub header: Vec<String>,
    /// Body rows: the cells that start in each row.
    pub rows: Vec<Vec<TableCell>>,
    /// How each column aligns its cells.
    pub align: Vec<ColumnAlign>,
}

/// A body cell at its place in the table's grid.
#[derive(Debug, Clone, PartialEq)]
pub struct TableCell {
    /// Its text, figures filled in.
    pub text: String,
    /// The first column it covers.
    pub column: usize,
    /// Columns it covers.
    pub colspan: usize,
    /// Rows it covers.
    pub rowspan: usize,
    /// How it aligns.
    pub align: ColumnAlign,
}

impl TableContent {
    /// Each row as one text per column: a cell's text in its first column, "" elsewhere.
    pub fn text_rows(&self) -> Vec<Vec<&str>> {
        self.rows
            .iter()
            .map(|row| {
                let mut texts = vec![""; self.header.len()];
                for cell in row {
                    texts[cell.column] = &cell.text;
                }
                texts
            })
            .collect()
    }
}

/// A numbered caption of a table or a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Caption {
    /// The caption as printed, e.g. "表1　主要经济指标".
    pub text: String,
    /// The number it shows (表3: 3), also for the line marking a table's continuation on a
    /// later page (续表3).
    pub number: usize,
    /// Where the number stands in `text`, in characters, so that a writer can keep it live
    /// (Word's SEQ field renumbers the captions when a clerk inserts a table); none where the
    /// template's pattern shows no number.
    pub number_at: Option<Range<usize>>,
    /// The name of the sequence the number counts in: the pattern's words before the number
    /// ("表", "图"), as Word's caption labels name them.
    pub sequence: String,
}

impl Caption {
    /// The caption `pattern` makes of number `n` and the caption's `words`: `{n}` the
    /// number, `{caption}` the words. `sequence` names the count where the pattern puts no
    /// words before the number.
    fn new(pattern: &str, n: usize, words: &str, sequence: &str) -> Caption {
        let fill = |part: &str| part.replace("{n}", &n.to_string()).replace("{caption}", words);
        let text = fill(pattern);
        let (number_at, label) = match pattern.split_once("{n}") {
            Some((before, _)) => {
                let start = fill(before).chars().count();
                let label = before.replace("{caption}", "");
                (Some(start..start + n.to_string().chars().count()), label.trim().to_owned())
            }
            None => (None, String::new()),
        };
        let sequence =
            if label.is_empty() || label.contains(char::is_whitespace) { sequence.to_owned() } else { label };
        Caption { text, number: n, number_at, sequence }
    }
}

/// A bar chart's content.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartContent {
    /// The numbered caption, e.g. "图1　主要指标增速".
    pub caption: Caption,
    /// The bars, left to right.
    pub bars: Vec<Bar>,
}

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// The indicator's name, under the bar.
    pub label: String,
    /// Its height; none for a figure that is masked or not given (no bar is drawn).
    pub value: Option<f64>,
    /// The figure as printed over the bar, e.g. "12.6%".
    pub text: String,
}

/// The document that `summary` makes under `template`.
pub fn apply(summary: &Summary, template: &Template) -> Document {
    let meta = &summary.meta;
    let mut builder = Builder { summary, template, tables: 0, charts: 0, elements: Vec::new(), origins: Vec::new() };
    if template.cover.is_some() {
        let cover = Element::Cover {
            title: meta.title.clone(),
            subtitle: meta.subtitle.clone(),
            issuer: meta.issuer.clone(),
            date: meta.date.as_deref().map(chinese_date),
        };
        builder.push(cover, "meta".into());
    }
    if let Some(number) = &meta.doc_number {
        builder.push(Element::DocNumber(number.clone()), "meta.doc_number".into());
    }
    builder.push(Element::Title(meta.title.clone()), "meta.title".into());
    if let Some(subtitle) = &meta.subtitle {
        builder.push(Element::Subtitle(subtitle.clone()), "meta.subtitle".into());
    }
    // The period under the title, unless the title or subtitle already says it.
    let said =
        |period: &str| meta.title.contains(period) || meta.subtitle.as_deref().is_some_and(|s| s.contains(period));
    if let (Some(line), Some(period)) = (&template.period, &meta.period) {
        if !said(period) {
            builder.push(Element::Period(line.text.replace("{period}", period)), "meta.period".into());
        }
    }
    if let Some(style) = &template.key_figures {
        // The indicators the report names, else its first results with a value: a report
        // lists its key figures first, and a plan's targets are not headline results.
        let chosen: Vec<&Indicator> = match &meta.key_figures {
            Some(ids) => ids.iter().filter_map(|id| summary.indicator(id)).collect(),
            None => summary
                .indicators
                .iter()
                .filter(|i| i.value.is_some() && i.kind != IndicatorKind::Target)
                .take(style.count)
                .collect(),
        };
        let figures: Vec<KeyFigure> = chosen
            .into_iter()
            .map(|i| KeyFigure {
                value: figures::value_with_unit(i),
                name: i.name.clone(),
                change: i
                    .comparison
                    .as_ref()
                    .map(|c| format!("{} {}", c.basis, figures::change(i, template.table.change_style))),
            })
            .collect();
        if !figures.is_empty() {
            builder.push(Element::KeyFigures(figures), "indicators".into());
        }
    }
    if !meta.addressees.is_empty() {
        // GB/T 9704 7.3.2: the addressees flush left, groups parted by "，", ending in "：".
        let line = format!("{}：", meta.addressees.join("，"));
        builder.push(Element::Addressees(line), "meta.addressees".into());
    }
    builder.blocks(&summary.body, "body", &[]);
    if !meta.attachments.is_empty() {
        let closing = &template.closing;
        let items = match meta.attachments.as_slice() {
            [only] => vec![Attachment { number: String::new(), name: only.clone() }],
            all => (1..)
                .zip(all)
                .map(|(n, name)| Attachment {
                    number: closing.attachment_number.replace("{n}", &n.to_string()),
                    name: name.clone(),
                })
                .collect(),
        };
        let note = Attachments { label: closing.attachments_label.clone(), items };
        builder.push(Element::Attachments(note), "meta.attachments".into());
    }
    if meta.issuer.is_some() || meta.date.is_some() {
        let closing = Element::Closing { issuer: meta.issuer.clone(), date: meta.date.as_deref().map(chinese_date) };
        builder.push(closing, "meta.issuer".into());
    }
    Document {
        title: meta.title.clone(),
        issuer: meta.issuer.clone(),
        date: meta.date.clone(),
        period: meta.period.clone(),
        keywords: meta.keywords.clone(),
        elements: builder.elements,
        origins: builder.origins,
    }
}

/// Collects elements, numbering headings and tables on the way.
struct Builder<'a> {
    summary: &'a Summary,
    template: &'a Template,
    /// Tables so far, for their captions' numbers.
    tables: usize,
    /// Charts so far, for theirs.
    charts: usize,
    elements: Vec<Element>,
    origins: Vec<String>,
}

impl Builder<'_> {
    fn push(&mut self, element: Element, origin: String) {
        self.elements.push(element);
        self.origins.push(origin);
    }

    /// The blocks at `path` (e.g. `body[1].content`), under sections with the numbers
    /// `parents` (their sections one level deeper).
    fn blocks(&mut self, blocks: &[Block], path: &str, parents: &[usize]) {
        let level = parents.len() + 1;
        let mut ordinal = 0;
        for (i, block) in blocks.iter().enumerate() {
            let here = format!("{path}[{i}]");
            match block {
                Block::Section(section) => {
                    ordinal += 1;
                    let numbers: Vec<usize> = parents.iter().copied().chain([ordinal]).collect();
                    let number = self.template.heading_number(&numbers);
                    self.push(
                        Element::Heading { level, number, text: figures::fill(&section.heading, self.summary) },
                        format!("{here}.heading"),
                    );
                    self.blocks(&section.content, &format!("{here}.content"), &numbers);
                }
                Block::Paragraph { paragraph } => {
                    let text = figures::fill(paragraph, self.summary);
                    self.push(Element::Paragraph(text), format!("{here}.paragraph"));
                }
                Block::IndicatorTable { indicator_table } => {
                    self.tables += 1;
                    let indicators: Vec<&Indicator> =
                        indicator_table.indicators.iter().filter_map(|id| self.summary.indicator(id)).collect();
                    let caption =
                        caption(self.template, self.tables, &figures::fill(&indicator_table.caption, self.summary));
                    let columns = indicator_table.columns.as_deref();
                    let table = indicator_rows(&indicators, columns, self.template, caption);
                    self.push(Element::Table(table), format!("{here}.indicator_table"));
                }
                Block::Table { table } => {
                    // A table without a caption takes no number: 表1, 表2 stay consecutive, as
                    // Word's caption numbers (SEQ fields) count them.
                    if table.caption.is_some() {
                        self.tables += 1;
                    }
                    let fill = |text: &str| figures::fill(text, self.summary);
                    let placed = place_cells(&table.rows, table.header.len());
                    let align = match &table.align {
                        Some(align) => align.clone(),
                        None => (0..table.header.len()).map(|c| default_align(&placed, c, &fill)).collect(),
                    };
                    let rows = placed
                        .iter()
                        .map(|row| {
                            row.iter()
                                .map(|&(column, cell)| TableCell {
                                    text: fill(cell.text()),
                                    column,
                                    colspan: cell.span().0,
                                    rowspan: cell.span().1,
                                    align: cell.align().unwrap_or(align[column]),
                                })
                                .collect()
                        })
                        .collect();
                    let content = TableContent {
                        caption: table.caption.as_deref().map(|c| caption(self.template, self.tables, &fill(c))),
                        header: table.header.iter().map(|h| fill(h)).collect(),
                        rows,
                        align,
                    };
                    self.push(Element::Table(content), format!("{here}.table"));
                }
                Block::Chart { chart } => {
                    self.charts += 1;
                    let words = figures::fill(&chart.caption, self.summary);
                    let caption = Caption::new(&self.template.chart.caption, self.charts, &words, "Figure");
                    let bars = chart
                        .indicators
                        .iter()
                        .filter_map(|id| self.summary.indicator(id))
                        .map(|i| figures::bar(i, chart.series))
                        .collect();
                    self.push(Element::Chart(ChartContent { caption, bars }), format!("{here}.chart"));
                }
                Block::PageBreak { .. } => self.push(Element::PageBreak, format!("{here}.page_break")),
            }
        }
    }
}

fn caption(template: &Template, n: usize, words: &str) -> Caption {
    Caption::new(&template.table.caption, n, words, "Table")
}

/// An indicator table with the block's columns, or the template's less the change, rank and
/// note columns that no listed indicator fills. Figures line up on their decimal points.
fn indicator_rows(
    indicators: &[&Indicator],
    columns: Option<&[IndicatorColumn]>,
    template: &Template,
    caption: Caption,
) -> TableContent {
    let style = &template.table;
    let columns: Vec<IndicatorColumn> = match columns {
        Some(columns) => columns.to_vec(),
        None => style
            .indicator_columns
            .iter()
            .copied()
            .filter(|column| match column {
                IndicatorColumn::Change => indicators.iter().any(|i| i.comparison.is_some()),
                IndicatorColumn::Rank => indicators.iter().any(|i| i.rank.is_some()),
                IndicatorColumn::Note => indicators.iter().any(|i| i.note.is_some()),
                _ => true,
            })
            .collect(),
    };
    let labels = &style.indicator_headers;
    let header = columns
        .iter()
        .map(|column| match column {
            IndicatorColumn::Name => labels.name.clone(),
            IndicatorColumn::Unit => labels.unit.clone(),
            IndicatorColumn::Value => labels.value.clone(),
            IndicatorColumn::Change => labels.change.clone(),
            IndicatorColumn::Rank => labels.rank.clone(),
            IndicatorColumn::Note => labels.note.clone(),
        })
        .collect();
    let align: Vec<ColumnAlign> = columns
        .iter()
        .map(|column| match column {
            IndicatorColumn::Value | IndicatorColumn::Change => ColumnAlign::Decimal,
            IndicatorColumn::Unit | IndicatorColumn::Rank => ColumnAlign::Center,
            IndicatorColumn::Name | IndicatorColumn::Note => ColumnAlign::Left,
        })
        .collect();
    let rows = indicators
        .iter()
        .map(|i| {
            columns
                .iter()
                .enumerate()
                .map(|(c, column)| {
                    let text = match column {
                        IndicatorColumn::Name => i.name.clone(),
                        IndicatorColumn::Unit => i.unit.clone().unwrap_or_default(),
                        IndicatorColumn::Value => figures::value(i.value.as_ref()),
                        IndicatorColumn::Change => figures::change(i, style.change_style),
                        IndicatorColumn::Rank => i.rank.clone().unwrap_or_default(),
                        IndicatorColumn::Note => i.note.clone().unwrap_or_default(),
                    };
                    TableCell { text, column: c, colspan: 1, rowspan: 1, align: align[c] }
                })
                .collect()
        })
        .collect();
    TableContent { caption: Some(caption), header, rows, align }
}

/// Each cell with the column it starts in: the first column its row leaves free of cells
/// reaching down from above (the input is checked to fill its rows exactly).
fn place_cells(rows: &[Vec<Cell>], width: usize) -> Vec<Vec<(usize, &Cell)>> {
    let mut covered = vec![0usize; width];
    rows.iter()
        .map(|row| {
            let mut column = 0;
            let placed = row
                .iter()
                .map(|cell| {
                    while column < width && covered[column] > 0 {
                        column += 1;
                    }
                    let (colspan, rowspan) = cell.span();
                    let at = column;
                    for c in covered.iter_mut().skip(at).take(colspan) {
                        *c = rowspan;
                    }
                    column += colspan;
                    (at, cell)
                })
                .collect();
            covered.iter_mut().for_each(|c| *c = c.saturating_sub(1));
            placed
        })
        .collect()
}

/// A column whose own cells (spanning cells aside) are all figures lines up on the decimal
/// point; any other stands left.
fn default_align(placed: &[Vec<(usize, &Cell)>], column: usize, fill: &dyn Fn(&str) -> String) -> ColumnAlign {
    let mut own = placed.iter().flatten().filter(|(c, cell)| *c == column && cell.span().0 == 1).peekable();
    if own.peek().is_some() && own.all(|(_, cell)| is_figure(&fill(cell.text()))) {
        ColumnAlign::Decimal
    } else {
        ColumnAlign::Left
    }
}

/// A cell that holds a figure: digits, masks, signs, a decimal point, a percent sign; and a
/// number with its unit of up to four Han characters after it ("36户", "1200万人次", "+1.2个百分点"),
/// which the layout lines up on the point it would have (after its last digit).
fn is_figure(cell: &str) -> bool {
    let figure = |c: char| c.is_ascii_digit() || "*.+-%,↑↓—".contains(c);
    let (number, unit) = cell.split_at(cell.find(|c| !figure(c)).unwrap_or(cell.len()));
    let has_digits = number.chars().any(|c| c.is_ascii_digit() || c == '*');
    let unit_ok = unit.chars().count() <= 4 && unit.chars().all(|c| c as u32 >= 0x2E80 && !"，。；：、".contains(c));
    !number.is_empty() && (unit.is_empty() || (has_digits && unit_ok))
}

/// "2022-12-20" as "2022年12月20日" (months and days without leading zeros).
pub fn chinese_date(iso: &str) -> String {
    let mut parts = iso.split('-').map(|p| p.trim_start_matches('0'));
    match (parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d)) => format!("{y}年{m}月{d}日"),
        _ => iso.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(chinese_date("2022-12-20"), "2022年12月20日");
        assert_eq!(chinese_date("2023-01-05"), "2023年1月5日");
    }

    #[test]
    fn figures() {
        assert!(is_figure("**.*"));
        assert!(is_figure("-3.5%"));
        assert!(!is_figure("全市第一"));
        assert!(is_figure("36户") && is_figure("1200万人次") && is_figure("+1.2个百分点"));
        assert!(!is_figure("2022年全市规模以上") && !is_figure("第3") && !is_figure("—户"));
    }
}
