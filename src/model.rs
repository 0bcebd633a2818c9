//! The structured summary: what a report says, free of any layout.
//!
//! These types are the input format (version 1, documented in `docs/format.md`): serde reads
//! them from TOML, JSON or YAML, and schemars describes them for `baogao schema`. Unknown
//! fields are rejected everywhere so that a misspelt key is an error, not silently ignored.

use std::fmt;

use schemars::JsonSchema;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

/// The only format version this build reads.
pub const FORMAT_VERSION: u32 = 1;

/// Deepest section nesting: templates number four levels (一、 （一） 1. （1）).
pub const MAX_HEADING_LEVEL: usize = 4;

/// A whole report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// Format version; 1 when omitted.
    #[serde(default = "default_version")]
    pub version: u32,
    /// Title, issuer, date and the other facts about the report.
    pub meta: Meta,
    /// The figures the report is about, referred to by their ids.
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    /// The report's content in reading order.
    pub body: Vec<Block>,
}

fn default_version() -> u32 {
    FORMAT_VERSION
}

/// Facts about the report as a whole.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// The report's title, e.g. "高新区2022年经济社会发展总结".
    pub title: String,
    /// A line under the title, e.g. "（2022年1—11月）".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    /// The body that issues the report, e.g. "某某高新技术产业开发区管理委员会"; signed
    /// under the body when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// Date of issue as YYYY-MM-DD; printed under the issuer when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The period the report covers, e.g. "2022年1—11月".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// Document number (发文字号), e.g. "高新〔2022〕12号".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_number: Option<String>,
    /// Keywords for the files' properties (search, filing), e.g. ["经济运行", "高新区"].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    /// Names of the attached documents, listed after the body (附件说明), e.g.
    /// ["2022年主要经济指标完成情况表"].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<String>,
    /// The bodies the report is addressed to (主送机关), printed under the title, e.g.
    /// ["各县（市、区）人民政府", "市政府各部门"].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addressees: Vec<String>,
    /// Ids of the indicators a template's key figures panel shows, in order; without it the
    /// panel takes the first results (targets are not results).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_figures: Option<Vec<String>>,
}

/// One figure of the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Identifier used by tables and text, e.g. "industrial_va": ASCII letters, digits, '_'.
    pub id: String,
    /// Name as printed, e.g. "规上工业增加值".
    pub name: String,
    /// The figure: a number, or a string kept verbatim (a masked figure such as "**.*");
    /// printed as "—" when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    /// Unit as printed after the value, e.g. "%", "户", "亿元".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// What sort of figure this is.
    pub kind: IndicatorKind,
    /// The change against a basis period, e.g. 同比 +12.5%.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparison: Option<Comparison>,
    /// Standing among peers, e.g. "全市第一".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<String>,
    /// A remark printed with the figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Indicator {
    /// The number a figure field holds, if it is a number (not masked, not missing, not a
    /// text field).
    pub fn number(&self, field: FigureField) -> Option<Number> {
        let figure = match field {
            FigureField::ValueWithUnit | FigureField::Value => self.value.as_ref(),
            FigureField::Change => self.comparison.as_ref().map(|c| &c.change),
            _ => None,
        };
        match figure {
            Some(Value::Number(n)) => Some(*n),
            _ => None,
        }
    }
}

/// The kinds of figure a report states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorKind {
    /// A growth rate, usually in percent.
    GrowthRate,
    /// A total amount (money, area, output).
    Total,
    /// A count of things (firms, projects, people).
    Count,
    /// A rank or position.
    Rank,
    /// A share or ratio.
    Share,
    /// A plan or target (力争、确保), not a result: never a headline figure by default.
    Target,
    /// Anything else.
    Other,
}

/// A figure's change against a basis period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Comparison {
    /// What the change is measured against, e.g. "同比" or "较上年".
    pub basis: String,
    /// The change: a number (its sign is printed) or a masked string.
    pub change: Value,
    /// Unit of the change, e.g. "%" or "个百分点".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// A figure: a number, or a string kept exactly as written (e.g. a masked "**.*").
#[derive(Debug, Clone, PartialEq, JsonSchema)]
#[serde(untagged)]
pub enum Value {
    /// A number.
    Number(#[schemars(with = "f64")] Number),
    /// Text printed verbatim.
    Text(String),
}

/// A number with the decimals it is printed with: a whole number written without a point
/// has none ("36"), one written with a point keeps at least one ("3.0" stays "3.0", where
/// the shortest form would print "3"), and otherwise as many as its shortest exact form
/// needs ("12.6"). The parsers hand over the value, not its digits, so a trailing zero
/// beyond the first ("12.60") is kept only by writing the figure as a string.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    /// The value.
    pub value: f64,
    /// Digits after the point as printed.
    pub decimals: u8,
}

impl Number {
    /// A whole number written without a point.
    pub fn whole(value: f64) -> Self {
        Number { value, decimals: 0 }
    }

    /// A number written with a point: at least one decimal, else its shortest exact form's.
    pub fn with_point(value: f64) -> Self {
        let shortest = format!("{value}");
        let decimals = shortest.split_once('.').map_or(0, |(_, fraction)| fraction.len());
        Number { value, decimals: decimals.clamp(1, u8::MAX as usize) as u8 }
    }

    /// The number without its sign, printed with the same decimals.
    pub fn magnitude(self) -> Self {
        Number { value: self.value.abs(), ..self }
    }

    /// The number `text` writes, if it prints back exactly as written ("12.5", "3.0", "36";
    /// not "12.50" nor "036").
    pub fn from_written(text: &str) -> Option<Self> {
        let value: f64 = text.parse().ok()?;
        let number = if text.contains('.') { Number::with_point(value) } else { Number::whole(value) };
        (number.to_string() == text).then_some(number)
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.decimals == 0 && self.value.fract() == 0.0 {
            write!(f, "{}", self.value)
        } else {
            write!(f, "{:.*}", usize::from(self.decimals), self.value)
        }
    }
}

/// Writes a whole number as an integer ("36", not "36.0"), as a person would write it, and
/// a number written with a point as a float, so that it reads back with its decimals.
impl Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Number(n) if n.decimals == 0 && n.value.fract() == 0.0 && n.value.abs() < 9.0e15 => {
                serializer.serialize_i64(n.value as i64)
            }
            Value::Number(n) => serializer.serialize_f64(n.value),
            Value::Text(text) => serializer.serialize_str(text),
        }
    }
}

/// The largest figure taken as a number, in magnitude. Beyond it a figure is refused (write
/// it as a string to print it as written): every whole number up to it is exact in an `f64`
/// (2^53 ≈ 9.0e15 is not: 9007199254740993 read back as …992), and a chart's coordinates stay
/// finite (`1e39` overflowed an `f32` and wrote `NaN` into the PDF).
pub const MAX_FIGURE: f64 = 1e15;

/// The most significant digits, and decimals, of a figure written with a point: what an
/// `f64` holds exactly as written.
pub const MAX_DIGITS: usize = 15;

/// A number read from an input (`written` as the parser gives it back), or why it cannot
/// be one.
fn figure<E: de::Error>(number: Number, written: &str) -> Result<Value, E> {
    if number.value.is_finite() && number.value.abs() <= MAX_FIGURE {
        Ok(Value::Number(number))
    } else {
        Err(E::custom(format!(
            "{written} is not a figure this program can print: numbers must be finite and at most 10^15 in size (write it as a string in quotes to print it as written)"
        )))
    }
}

/// Reads a number or a string without buffering, so a wrong type is reported plainly.
impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ValueVisitor;
        impl Visitor<'_> for ValueVisitor {
            type Value = Value;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number or a string (such as a masked \"**.*\")")
            }
            // A whole number is told as written: 9223372036854775807 as an f64 printed
            // 9223372036854776000.
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
                figure(Number::whole(v as f64), &v.to_string())
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
                figure(Number::whole(v as f64), &v.to_string())
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
                let written =
                    if v.abs() >= 1e16 || (v != 0.0 && v.abs() < 1e-6) { format!("{v:e}") } else { v.to_string() };
                // Past 15 significant digits or decimals an `f64` no longer holds what was
                // written (123456.789012345678 read back as …4567), and 1e-300 printed 300
                // zeros.
                let scientific = format!("{:e}", v.abs());
                let digits = scientific.split('e').next().map_or(0, |m| m.chars().filter(char::is_ascii_digit).count());
                let number = Number::with_point(v);
                if v.is_finite() && (digits > MAX_DIGITS || usize::from(number.decimals) > MAX_DIGITS) {
                    return Err(E::custom(format!(
                        "{written} has more digits than a figure may: at most {MAX_DIGITS} significant digits and {MAX_DIGITS} decimals (write it as a string in quotes to print it as written)"
                    )));
                }
                figure(number, &written)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
                Ok(Value::Text(v.to_owned()))
            }
        }
        deserializer.deserialize_any(ValueVisitor)
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Number(n) => n.fmt(f),
            Value::Text(s) => f.write_str(s),
        }
    }
}

/// One piece of the body. In the input each block is a table with one of the keys
/// `paragraph`, `heading` (with `content`), `indicator_table`, `table` or `page_break`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Block {
    /// A section: a heading and what stands under it. Headings hold their words only;
    /// the template numbers them.
    Section(Section),
    /// A paragraph of running text.
    Paragraph {
        /// The paragraph's text.
        paragraph: String,
    },
    /// A table of indicators.
    IndicatorTable {
        /// Which indicators, and the caption.
        indicator_table: IndicatorTable,
    },
    /// A table of free cells.
    Table {
        /// Header, rows and caption.
        table: Table,
    },
    /// A bar chart of indicators.
    Chart {
        /// Which indicators, which of their figures, and the caption.
        chart: Chart,
    },
    /// Start a new page here.
    PageBreak {
        /// Always `true`.
        page_break: bool,
    },
}

/// A heading and its content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// The heading's words, without a number.
    pub heading: String,
    /// Blocks under the heading, sub-sections included.
    #[serde(default)]
    pub content: Vec<Block>,
}

/// A table listing indicators, one per row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorTable {
    /// Caption without its number, e.g. "主要经济指标"; the template numbers it.
    pub caption: String,
    /// Ids of the indicators to list, in order.
    pub indicators: Vec<String>,
    /// The columns, in order; the template's choice when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub columns: Option<Vec<IndicatorColumn>>,
}

/// A column of an indicator table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorColumn {
    /// The indicator's name.
    Name,
    /// Its unit.
    Unit,
    /// Its value.
    Value,
    /// Its change against the basis period, with its sign.
    Change,
    /// Its rank.
    Rank,
    /// Its note.
    Note,
}

/// A cell of a plain table: its text, or a table with its text, its spans and its alignment.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Cell {
    /// Just the text, e.g. `"12.5"`.
    Text(String),
    /// A cell that spans columns or rows, or aligns apart from its column.
    Spanning(SpanningCell),
}

/// A cell with spans: `{ text = "合计", colspan = 2 }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpanningCell {
    /// The text.
    pub text: String,
    /// Columns it covers; 1 when absent.
    #[serde(default = "one")]
    pub colspan: usize,
    /// Rows it covers; 1 when absent.
    #[serde(default = "one")]
    pub rowspan: usize,
    /// Its own alignment; the column's when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub align: Option<ColumnAlign>,
}

fn one() -> usize {
    1
}

impl Cell {
    /// The cell's text.
    pub fn text(&self) -> &str {
        match self {
            Cell::Text(text) => text,
            Cell::Spanning(cell) => &cell.text,
        }
    }

    /// Columns and rows it covers.
    pub fn span(&self) -> (usize, usize) {
        match self {
            Cell::Text(_) => (1, 1),
            Cell::Spanning(cell) => (cell.colspan, cell.rowspan),
        }
    }

    /// Its own alignment, if it has one.
    pub fn align(&self) -> Option<ColumnAlign> {
        match self {
            Cell::Text(_) => None,
            Cell::Spanning(cell) => cell.align,
        }
    }
}

/// Reads a string or a table without buffering, so that errors keep their positions.
impl<'de> Deserialize<'de> for Cell {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CellVisitor;
        impl<'de> Visitor<'de> for CellVisitor {
            type Value = Cell;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, or a table { text, colspan, rowspan, align }")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Cell, E> {
                Ok(Cell::Text(v.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Cell, A::Error> {
                SpanningCell::deserialize(de::value::MapAccessDeserializer::new(map)).map(Cell::Spanning)
            }
        }
        deserializer.deserialize_any(CellVisitor)
    }
}

/// A bar chart: one bar per indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Chart {
    /// Caption without its number, e.g. "主要指标增速"; the template numbers it.
    pub caption: String,
    /// Ids of the indicators, one bar each, in order.
    pub indicators: Vec<String>,
    /// Which figure the bars show; the value when absent.
    #[serde(default)]
    pub series: ChartSeries,
}

/// The figure a chart's bars show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChartSeries {
    /// Each indicator's value.
    #[default]
    Value,
    /// Each indicator's change against its basis period.
    Change,
}

/// How a column of a table aligns its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ColumnAlign {
    /// Flush left.
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
    /// Figures lined up on their decimal point.
    Decimal,
}

/// A table of text cells.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// Caption without its number; the template numbers it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// Header cells.
    pub header: Vec<String>,
    /// Body rows. A row lists the cells that start in it, left to right; together with the
    /// cells reaching down from rows above they fill the header's columns.
    pub rows: Vec<Vec<Cell>>,
    /// Alignment of each column; figures line up on the decimal point and text stands
    /// left when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub align: Option<Vec<ColumnAlign>>,
}

/// Reads a block from whichever key it carries. A hand-written visitor rather than a
/// buffered `untagged`/`tag` enum, so that errors inside a block keep their position and
/// field path.
impl<'de> Deserialize<'de> for Block {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(BlockVisitor)
    }
}

const BLOCK_KEYS: &[&str] = &["paragraph", "heading", "content", "indicator_table", "table", "page_break"];

#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum BlockKey {
    Paragraph,
    Heading,
    Content,
    IndicatorTable,
    Table,
    Chart,
    PageBreak,
}

struct BlockVisitor;

impl<'de> Visitor<'de> for BlockVisitor {
    type Value = Block;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a block with one of the keys paragraph, heading, indicator_table, table, chart, page_break")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Block, A::Error> {
        let mut found: Option<Block> = None;
        let mut heading: Option<String> = None;
        let mut content: Option<Vec<Block>> = None;
        let set = |found: &mut Option<Block>, block: Block, key: &str| {
            if found.is_some() {
                return Err(de::Error::custom(format!(
                    "a block holds one kind of content; `{key}` cannot stand beside another kind"
                )));
            }
            *found = Some(block);
            Ok(())
        };
        while let Some(key) = map.next_key::<BlockKey>()? {
            match key {
                BlockKey::Paragraph => {
                    let paragraph = map.next_value()?;
                    set(&mut found, Block::Paragraph { paragraph }, "paragraph")?;
                }
                BlockKey::IndicatorTable => {
                    let indicator_table = map.next_value()?;
                    set(&mut found, Block::IndicatorTable { indicator_table }, "indicator_table")?;
                }
                BlockKey::Table => {
                    let table = map.next_value()?;
                    set(&mut found, Block::Table { table }, "table")?;
                }
                BlockKey::Chart => {
                    let chart = map.next_value()?;
                    set(&mut found, Block::Chart { chart }, "chart")?;
                }
                BlockKey::PageBreak => {
                    let page_break: bool = map.next_value()?;
                    if !page_break {
                        return Err(de::Error::custom("`page_break` must be true"));
                    }
                    set(&mut found, Block::PageBreak { page_break }, "page_break")?;
                }
                BlockKey::Heading => {
                    if heading.is_some() {
                        return Err(de::Error::duplicate_field("heading"));
                    }
                    heading = Some(map.next_value()?);
                }
                BlockKey::Content => {
                    if content.is_some() {
                        return Err(de::Error::duplicate_field("content"));
                    }
                    content = Some(map.next_value()?);
                }
            }
        }
        match (found, heading, content) {
            (Some(block), None, None) => Ok(block),
            (None, Some(heading), content) => {
                Ok(Block::Section(Section { heading, content: content.unwrap_or_default() }))
            }
            (None, None, Some(_)) => Err(de::Error::missing_field("heading")),
            (Some(_), _, _) => Err(de::Error::custom(
                "a block holds one kind of content; `heading`/`content` cannot stand beside another kind",
            )),
            (None, None, None) => {
                Err(de::Error::custom(format!("an empty block: give one of the keys {}", BLOCK_KEYS.join(", "))))
            }
        }
    }
}

/// The JSON Schema of a block: one of the shapes above, each closed to unknown keys.
impl JsonSchema for Block {
    fn schema_name() -> String {
        "Block".to_owned()
    }

    fn json_schema(gen: &mut schemars::gen::SchemaGenerator) -> schemars::schema::Schema {
        BlockShape::json_schema(gen)
    }
}

/// The shapes a block takes in the input; used for the schema only.
#[allow(dead_code)] // never built: it only describes the input for schemars
#[derive(JsonSchema)]
#[serde(untagged)]
enum BlockShape {
    Section(Section),
    Paragraph(ParagraphShape),
    IndicatorTable(IndicatorTableShape),
    Table(TableShape),
    Chart(ChartShape),
    PageBreak(PageBreakShape),
}

#[allow(dead_code)]
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
/// A paragraph of running text; `{id}` stands for an indicator's value with its unit,
/// `{id.value}`, `{id.change}`, `{id.unit}`, `{id.name}`, `{id.rank}`, `{id.note}` for
/// one of its fields.
struct ParagraphShape {
    paragraph: String,
}

#[allow(dead_code)]
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
/// A table of indicators.
struct IndicatorTableShape {
    indicator_table: IndicatorTable,
}

#[allow(dead_code)]
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
/// A table of free cells.
struct TableShape {
    table: Table,
}

#[allow(dead_code)]
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
/// A bar chart of indicators.
struct ChartShape {
    chart: Chart,
}

#[allow(dead_code)]
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
/// A page break.
struct PageBreakShape {
    /// Always true.
    page_break: bool,
}

/// What a placeholder in text refers to: `{id}` is the value with its unit, `{id.FIELD}`
/// one field of the indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureField {
    /// `{id}`: the value and its unit, e.g. "12.6%".
    ValueWithUnit,
    /// `{id.value}`: the value alone.
    Value,
    /// `{id.change}`: the change with its unit, e.g. "16.4%" (a fall keeps its minus sign).
    Change,
    /// `{id.unit}`.
    Unit,
    /// `{id.name}`.
    Name,
    /// `{id.rank}`.
    Rank,
    /// `{id.note}`.
    Note,
}

/// A piece of text with placeholders: literal text or a figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Text as written (`{{` and `}}` already made single braces).
    Text(String),
    /// `{title}`, `{issuer}`, `{date}` or `{period}`: the summary's own field.
    Meta {
        /// The placeholder as written.
        placeholder: &'a str,
        /// Which field.
        field: MetaField,
    },
    /// A placeholder.
    Figure {
        /// The placeholder as written, e.g. `{industrial_va.change}`.
        placeholder: &'a str,
        /// The indicator's id.
        id: &'a str,
        /// Which of its fields.
        field: FigureField,
        /// How the figure is printed: as it is, its magnitude, or the word for its direction.
        form: FigureForm<'a>,
    },
}

/// A field of the summary's `meta` that text may name: `{title}`, `{issuer}`, `{date}`
/// (printed 2022年12月20日), `{period}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetaField {
    Title,
    Issuer,
    Date,
    Period,
}

impl MetaField {
    /// Each field with its key under `meta`, which is also its placeholder's name.
    const KEYS: [(MetaField, &'static str); 4] = [
        (MetaField::Title, "title"),
        (MetaField::Issuer, "issuer"),
        (MetaField::Date, "date"),
        (MetaField::Period, "period"),
    ];

    /// The field named by a placeholder's inner text, if it names one.
    pub fn named(name: &str) -> Option<Self> {
        Self::KEYS.iter().find(|(_, key)| *key == name).map(|(field, _)| *field)
    }

    /// Its key under `meta`.
    pub fn key(self) -> &'static str {
        Self::KEYS.iter().find(|(field, _)| *field == self).map_or("", |(_, key)| key)
    }

    /// Its value in `meta`, if given.
    pub fn of(self, meta: &Meta) -> Option<&str> {
        match self {
            MetaField::Title => Some(meta.title.as_str()),
            MetaField::Issuer => meta.issuer.as_deref(),
            MetaField::Date => meta.date.as_deref(),
            MetaField::Period => meta.period.as_deref(),
        }
    }
}

/// How a placeholder prints its figure: `{id}`, `{id|abs}`, `{id|增长/下降}`. Running text
/// says "下降3.1%", never "增长-3.1%": the direction is a word and the figure its magnitude.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureForm<'a> {
    /// As the field prints: a fall with its minus sign.
    AsIs,
    /// `|abs`: without its sign.
    Magnitude,
    /// `|增长/下降` or `|增长/下降/持平`: the first word for a rise, the second for a fall,
    /// the third (else the first) for no change. A masked figure has no known direction:
    /// the first word.
    Direction { rise: &'a str, fall: &'a str, level: Option<&'a str> },
}

/// A placeholder that is not one: the placeholder as written (for the error's place in the
/// file) and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceholderError<'a> {
    /// The placeholder, or the unclosed text from its brace.
    pub placeholder: &'a str,
    /// What is wrong, and how to write it.
    pub message: String,
}

impl std::fmt::Display for PlaceholderError<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PlaceholderError<'_> {}

/// The forms that may follow `|` in a placeholder, for "did you mean".
const FORMS: [&str; 3] = ["abs", "增长/下降", "增长/下降/持平"];

/// Splits `text` into literal pieces and `{id}` / `{id.field}` placeholders; `{{` and `}}`
/// stand for literal braces. A malformed placeholder is an error naming it.
pub fn pieces(text: &str) -> Result<Vec<Piece<'_>>, PlaceholderError<'_>> {
    let mut out = Vec::new();
    let mut literal = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(['{', '}']) {
        literal.push_str(&rest[..at]);
        let tail = &rest[at..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            literal.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        if let Some(after) = tail.strip_prefix('}') {
            literal.push('}');
            rest = after;
            continue;
        }
        let Some(end) = tail.find('}') else {
            let shown: String = tail.chars().take(20).collect();
            let message = format!("`{shown}` has no closing brace (write {{{{ for a literal brace)");
            return Err(PlaceholderError { placeholder: &tail[..shown.len()], message });
        };
        let placeholder = &tail[..=end];
        let fail = |message: String| Err(PlaceholderError { placeholder, message });
        if let Some(field) = MetaField::named(&tail[1..end]) {
            if !literal.is_empty() {
                out.push(Piece::Text(std::mem::take(&mut literal)));
            }
            out.push(Piece::Meta { placeholder, field });
            rest = &tail[end + 1..];
            continue;
        }
        let (inner, form) = match tail[1..end].split_once('|') {
            None => (&tail[1..end], FigureForm::AsIs),
            Some((inner, "abs")) => (inner, FigureForm::Magnitude),
            Some((inner, words)) => {
                let words: Vec<&str> = words.split('/').collect();
                match words.as_slice() {
                    [rise, fall] if !rise.is_empty() && !fall.is_empty() => {
                        (inner, FigureForm::Direction { rise, fall, level: None })
                    }
                    [rise, fall, level] if !rise.is_empty() && !fall.is_empty() && !level.is_empty() => {
                        (inner, FigureForm::Direction { rise, fall, level: Some(level) })
                    }
                    _ => {
                        let close = words.join("/");
                        return fail(format!(
                            "`{placeholder}`: after `|` comes `abs` (the figure without its sign) or the words for a rise and a fall, as `|增长/下降` or `|增长/下降/持平`{}",
                            crate::error::did_you_mean(&close, FORMS)
                        ));
                    }
                }
            }
        };
        let (id, field) = match inner.split_once('.') {
            None => (inner, FigureField::ValueWithUnit),
            Some((id, field)) => {
                let field = match field {
                    "value" => FigureField::Value,
                    "change" => FigureField::Change,
                    "unit" => FigureField::Unit,
                    "name" => FigureField::Name,
                    "rank" => FigureField::Rank,
                    "note" => FigureField::Note,
                    other => {
                        const FIELDS: [&str; 6] = ["value", "change", "unit", "name", "rank", "note"];
                        return fail(format!(
                            "`{placeholder}`: an indicator has no field `{other}` (value, change, unit, name, rank, note){}",
                            crate::error::did_you_mean(other, FIELDS)
                        ));
                    }
                };
                (id, field)
            }
        };
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return fail(format!("`{placeholder}` is not a placeholder of the form {{id}} or {{id.field}}"));
        }
        if form != FigureForm::AsIs
            && !matches!(field, FigureField::ValueWithUnit | FigureField::Value | FigureField::Change)
        {
            return fail(format!("`{placeholder}`: `|` applies to a figure (the value or the change), not to a text"));
        }
        if !literal.is_empty() {
            out.push(Piece::Text(std::mem::take(&mut literal)));
        }
        out.push(Piece::Figure { placeholder, id, field, form });
        rest = &tail[end + 1..];
    }
    literal.push_str(rest);
    if !literal.is_empty() {
        out.push(Piece::Text(literal));
    }
    Ok(out)
}

impl Summary {
    /// How deep sections nest: 0 without sections, 1 with top-level sections only.
    pub fn depth(&self) -> usize {
        fn depth(blocks: &[Block]) -> usize {
            blocks
                .iter()
                .map(|b| match b {
                    Block::Section(s) => 1 + depth(&s.content),
                    _ => 0,
                })
                .max()
                .unwrap_or(0)
        }
        depth(&self.body)
    }

    /// The indicator with this id.
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }
}

/// The numbering styles of headings, outermost first: GB/T 9704's four levels, with the
/// chapters and sections of longer reports above them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Numbering {
    /// 第一章, 第一部分, 第一篇.
    Chapter,
    /// 第一节.
    Subchapter,
    /// 一、
    Han,
    /// （一）
    ParenHan,
    /// 1.  1．  1、
    Arabic,
    /// （1）
    ParenArabic,
}

/// The numberings in the order they are tried.
const NUMBERINGS: [Numbering; 6] = [
    Numbering::Chapter,
    Numbering::Subchapter,
    Numbering::Han,
    Numbering::ParenHan,
    Numbering::Arabic,
    Numbering::ParenArabic,
];

/// The numbering `text` starts with and the text after the number: how a heading written
/// with its number starts (import takes it off; a summary's heading should not have it).
///
/// A scan, not six regular expressions: compiling those took 3.8 M instructions of an
/// export's 115 M, for the few headings a report has.
pub fn numbered(text: &str) -> Option<(Numbering, &str)> {
    NUMBERINGS.iter().find_map(|&numbering| {
        let rest = after_number(numbering, text)?;
        // "1.5亿元" is a figure, not a number: a digit right after the point.
        let figure = numbering == Numbering::Arabic && rest.starts_with(|c: char| c.is_ascii_digit());
        (!figure && !rest.is_empty()).then_some((numbering, rest))
    })
}

/// The text after `numbering`'s number and the separators that follow it, when `text`
/// starts with one: 第一章 第2节 一、 （一） 1. （1）, in full- or half-width forms.
fn after_number(numbering: Numbering, text: &str) -> Option<&str> {
    let han = |c: char| "一二三四五六七八九十百零〇".contains(c);
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let space = |c: char| c.is_whitespace();
    let open = |c: char| c == '（' || c == '(';
    let close = |c: char| c == '）' || c == ')';
    let mut scan = Scan(text);
    match numbering {
        Numbering::Chapter | Numbering::Subchapter => {
            scan.one(|c| c == '第')?;
            if scan.many(han) == 0 && scan.many(digit) == 0 {
                return None;
            }
            if numbering == Numbering::Chapter {
                scan.word(&["章", "部分", "篇"])?;
            } else {
                scan.one(|c| c == '节')?;
            }
            scan.many(|c| space(c) || c == '：' || c == ':');
        }
        Numbering::Han => {
            (scan.many(han) > 0).then_some(())?;
            scan.one(|c| "、．.".contains(c))?;
            scan.many(space);
        }
        Numbering::ParenHan | Numbering::ParenArabic => {
            scan.one(open)?;
            if numbering == Numbering::ParenHan {
                (scan.many(han) > 0).then_some(())?;
            } else {
                (1..=2).contains(&scan.many(digit)).then_some(())?;
            }
            scan.one(close)?;
            scan.many(|c| space(c) || c == '、');
        }
        Numbering::Arabic => {
            (1..=2).contains(&scan.many(digit)).then_some(())?;
            scan.one(|c| ".．、".contains(c))?;
            scan.many(space);
        }
    }
    Some(scan.0)
}

/// The rest of a text being read from its start.
struct Scan<'a>(&'a str);

impl Scan<'_> {
    /// Takes one character that `wanted` accepts.
    fn one(&mut self, wanted: impl Fn(char) -> bool) -> Option<()> {
        let ch = self.0.chars().next().filter(|&c| wanted(c))?;
        self.0 = &self.0[ch.len_utf8()..];
        Some(())
    }

    /// Takes the characters that `wanted` accepts; how many.
    fn many(&mut self, wanted: impl Fn(char) -> bool) -> usize {
        let taken: usize = self.0.chars().take_while(|&c| wanted(c)).map(char::len_utf8).sum();
        let count = self.0[..taken].chars().count();
        self.0 = &self.0[taken..];
        count
    }

    /// Takes one of `words`.
    fn word(&mut self, words: &[&str]) -> Option<()> {
        let word = words.iter().find(|w| self.0.starts_with(**w))?;
        self.0 = &self.0[word.len()..];
        Some(())
    }
}

/// The days of `month` (1–12) of `year` in the Gregorian calendar; `None` for no such month.
pub fn days_in_month(year: u32, month: u32) -> Option<u32> {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        2 if leap => Some(29),
        2 => Some(28),
        4 | 6 | 9 | 11 => Some(30),
        1..=12 => Some(31),
        _ => None,
    }
}

/// A Han character: the CJK Unified Ideographs, extension A, the compatibility ideographs
/// and extensions B to G (U+3400–4DBF, U+4E00–9FFF, U+F900–FAFF, U+20000–3134F).
pub fn is_han(ch: char) -> bool {
    matches!(ch as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders() {
        let got = pieces("增长{industrial_va}，同比{x.change}；{{字面}}").unwrap();
        assert_eq!(
            got,
            vec![
                Piece::Text("增长".into()),
                Piece::Figure {
                    placeholder: "{industrial_va}",
                    id: "industrial_va",
                    field: FigureField::ValueWithUnit,
                    form: FigureForm::AsIs,
                },
                Piece::Text("，同比".into()),
                Piece::Figure {
                    placeholder: "{x.change}",
                    id: "x",
                    field: FigureField::Change,
                    form: FigureForm::AsIs
                },
                Piece::Text("；{字面}".into()),
            ]
        );
        let got = pieces("{x.change|增长/下降}{x.change|abs}").unwrap();
        assert_eq!(
            got,
            vec![
                Piece::Figure {
                    placeholder: "{x.change|增长/下降}",
                    id: "x",
                    field: FigureField::Change,
                    form: FigureForm::Direction { rise: "增长", fall: "下降", level: None },
                },
                Piece::Figure {
                    placeholder: "{x.change|abs}",
                    id: "x",
                    field: FigureField::Change,
                    form: FigureForm::Magnitude
                },
            ]
        );
        assert!(pieces("{x.name|abs}").unwrap_err().message.contains("applies to a figure"));
        assert!(pieces("{x|增长}").unwrap_err().message.contains("after `|` comes `abs`"));
        assert!(pieces("{x.colour}").unwrap_err().message.contains("no field `colour`"));
        assert!(pieces("未闭合{x").unwrap_err().message.contains("no closing brace"));
        assert!(pieces("{两个字}").is_err());
    }
}
