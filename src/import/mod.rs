//! Import: a report as plain text or as a Word document → a structured summary, so that
//! last year's report can be laid out again, under another template, with new figures.
//!
//! The stages, in order: read the file into pieces (paragraphs with the role their style
//! gives, tables, and Word's charts: [`text`] decodes and splits plain text, [`docx`] reads
//! Word, [`chart`] its charts) → recognise the report's parts ([`structure`]) → take figures
//! into indicators ([`figures`]) → charts of those indicators ([`chart::resolve`]) → a
//! [`Summary`], checked as any input is before it is written.

mod chart;
mod decode;
mod docx;
mod figures;
mod structure;
mod text;

use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use crate::error::{Error, Location, Result};
use crate::input::{self, InputFormat, Source};
use crate::model::{Block, Cell, Summary, FORMAT_VERSION};

/// A paragraph, table or chart as read, before its part in the report is known.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// A paragraph's text, trimmed, and what its style says it is.
    Paragraph {
        /// The text.
        text: String,
        /// The role its style names; plain text has none.
        role: Role,
    },
    /// A table's cells, row by row.
    Table(Vec<Vec<String>>),
    /// A chart (Word documents only).
    Chart(WordChart),
}

/// A chart as a Word document caches it, before its bars are known as indicators.
#[derive(Debug, Clone, PartialEq)]
pub struct WordChart {
    /// Each bar's name, whitespace (the line breaks a layout put in) taken out.
    pub names: Vec<String>,
    /// Each bar's figure; none for a gap (a masked figure is no number).
    pub values: Vec<Option<f64>>,
}

/// What a paragraph's style says it is (Word documents only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Nothing: its text tells.
    Plain,
    /// The title.
    Title,
    /// The line under the title.
    Subtitle,
    /// The period's line under the title (baogao's "Period" style).
    Period,
    /// The document number.
    DocNumber,
    /// A heading of this level.
    Heading(usize),
    /// A table's caption.
    Caption,
    /// The signature at the foot (Word's Closing style; baogao's DOCX sets the issuer and
    /// the date in it, the date being told by its form).
    Closing,
}

/// The kinds of file `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SourceFormat {
    /// Plain text (`.txt`): UTF-8, GB18030/GBK, or UTF-16 with a byte order mark.
    Txt,
    /// A Word document (`.docx`).
    Docx,
}

impl SourceFormat {
    /// The kind a file name's extension announces; text when it says nothing else.
    pub fn from_path(path: &Path) -> Self {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("docx") => SourceFormat::Docx,
            _ => SourceFormat::Txt,
        }
    }
}

/// A summary made from a report, and what the import could not find.
#[derive(Debug)]
pub struct Imported {
    /// The summary.
    pub summary: Summary,
    /// Things to check by hand, e.g. "no issuer or date found".
    pub notes: Vec<String>,
}

/// The largest report imported, in bytes: a long report as DOCX is a few megabytes, most of
/// them pictures.
pub const MAX_IMPORT_BYTES: usize = 32 << 20;

/// Imports the report at `path` (`-` for standard input) read as `format`. A report that
/// cannot be read at all (missing, a directory) is an input error like a malformed one.
pub fn import(path: &Path, format: SourceFormat) -> Result<Imported> {
    use std::io::Read;
    // One byte more than the limit tells a file too large (a FIFO or a device never ends).
    let limit = MAX_IMPORT_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    let (name, read) = if path.as_os_str() == "-" {
        ("<stdin>".to_owned(), std::io::stdin().lock().take(limit).read_to_end(&mut bytes))
    } else {
        let read = std::fs::File::open(path).and_then(|file| file.take(limit).read_to_end(&mut bytes));
        (path.display().to_string(), read)
    };
    let fail = |message: String| Error::Input { location: Location::file(name.clone()), field: None, message };
    read.map_err(|e| fail(format!("cannot be read: {e}")))?;
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(fail(format!("larger than {} MB: not a report (see docs/limits.md)", MAX_IMPORT_BYTES >> 20)));
    }
    from_bytes(&name, &bytes, format)
}

/// Imports a report from its bytes; `name` names it in messages.
pub fn from_bytes(name: &str, bytes: &[u8], format: SourceFormat) -> Result<Imported> {
    let fail = |line: Option<usize>, column: Option<usize>, message: String| Error::Input {
        location: Location {
            file: name.to_owned(),
            line: line.map(crate::input::narrow),
            column: column.map(crate::input::narrow),
            excerpt: None,
        },
        field: None,
        message,
    };
    let (pieces, properties) = match format {
        SourceFormat::Docx => docx::read(bytes).map_err(|message| fail(None, None, message))?,
        SourceFormat::Txt => {
            if bytes.starts_with(b"PK\x03\x04") {
                return Err(fail(None, None, "this is a zip archive (a DOCX?), not plain text; name it .docx".into()));
            }
            let text = decode::decode(bytes).map_err(|why| match why {
                decode::NotText::Empty => fail(None, None, "the file is empty".into()),
                decode::NotText::Binary => fail(None, None, "this is a binary file, not plain text".into()),
                decode::NotText::Undecodable { encoding, byte, at } => {
                    let message = format!("byte 0x{byte:02X} is not {encoding} text");
                    fail(at.map(|(line, _)| line), at.map(|(_, column)| column), message)
                }
                decode::NotText::Control { ch, at: (line, column) } => {
                    let message = format!("the control character U+{:04X} is no text (a binary file?)", ch as u32);
                    fail(Some(line), Some(column), message)
                }
            })?;
            (text::pieces(&text), docx::Properties::default())
        }
    };
    let parts = structure::recognise(&pieces).map_err(|message| fail(None, None, message))?;
    let mut meta = parts.meta;
    let mut body = parts.body;
    escape_braces(&mut body);
    let indicators = figures::extract(&mut body);
    let chart_notes = chart::resolve(&mut body, &parts.charts, &indicators);
    // The period as baogao wrote it, else as the line under the title gives it, else as the
    // title and the lead paragraph tell it.
    meta.period = match properties.subject.filter(|_| properties.by_baogao) {
        Some(subject) => Some(subject),
        None => meta.period.take().or_else(|| period(&meta.title, &body)),
    };
    meta.keywords = properties.keywords;
    let mut notes = Vec::new();
    if meta.issuer.is_none() && meta.date.is_none() {
        notes.push("no issuer or date found (a name over a date at the end): add meta.issuer and meta.date".into());
    }
    if indicators.is_empty() {
        notes.push("no figure found that names its indicator; the text keeps its figures as written".into());
    }
    notes.extend(chart_notes);
    Ok(Imported { summary: Summary { version: FORMAT_VERSION, meta, indicators, body }, notes })
}

/// The summary as a data file in `format`, checked by reading it back as any input is read.
pub fn to_text(imported: &Imported, format: InputFormat, origin: &str) -> Result<String> {
    let summary = &imported.summary;
    let failed = |e: String| Error::Output(format!("the imported summary could not be written: {e}"));
    let text = match format {
        InputFormat::Toml => {
            let mut text =
                format!("# Imported by baogao from {origin}: check the meta, the indicators and the headings.\n");
            for note in &imported.notes {
                text += &format!("# Note: {note}.\n");
            }
            text + "\n" + &toml_text(summary).map_err(failed)?
        }
        InputFormat::Json => serde_json::to_string_pretty(summary).map_err(|e| failed(e.to_string()))? + "\n",
        InputFormat::Yaml => serde_yaml::to_string(summary).map_err(|e| failed(e.to_string()))?,
    };
    let source = Source { name: "<imported summary>".to_owned(), text };
    let again = input::from_source(&source, format)?;
    if &again != summary {
        return Err(failed("it reads back differently".to_owned()));
    }
    Ok(source.text)
}

/// TOML as a person would write it: sections as `[[body]]` tables, each table row on a
/// line of its own.
fn toml_text(summary: &Summary) -> std::result::Result<String, String> {
    let text = toml::to_string(summary).map_err(|e| e.to_string())?;
    let mut document: toml_edit::DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| e.to_string())?;
    fn rows_on_lines(table: &mut toml_edit::Table) {
        for (key, item) in table.iter_mut() {
            match item {
                toml_edit::Item::Table(inner) => rows_on_lines(inner),
                toml_edit::Item::ArrayOfTables(tables) => tables.iter_mut().for_each(rows_on_lines),
                toml_edit::Item::Value(toml_edit::Value::Array(rows)) if key == "rows" => {
                    rows.iter_mut().for_each(|row| row.decor_mut().set_prefix("\n    "));
                    rows.set_trailing_comma(true);
                    rows.set_trailing("\n");
                }
                _ => {}
            }
        }
    }
    rows_on_lines(document.as_table_mut());
    Ok(document.to_string())
}

/// Braces are literal in a report's text; in a summary they start placeholders, so they
/// are doubled wherever figures are filled in (paragraphs, captions, cells).
fn escape_braces(blocks: &mut [Block]) {
    let escape = |text: &mut String| {
        if text.contains(['{', '}']) {
            *text = text.replace('{', "{{").replace('}', "}}");
        }
    };
    for block in blocks {
        match block {
            Block::Section(section) => {
                escape(&mut section.heading);
                escape_braces(&mut section.content);
            }
            Block::Paragraph { paragraph } => escape(paragraph),
            Block::Table { table } => {
                table.caption.iter_mut().for_each(escape);
                table.header.iter_mut().for_each(escape);
                for cell in table.rows.iter_mut().flatten() {
                    match cell {
                        Cell::Text(text) => escape(text),
                        Cell::Spanning(cell) => escape(&mut cell.text),
                    }
                }
            }
            Block::Chart { chart } => escape(&mut chart.caption),
            _ => {}
        }
    }
}

static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\d{4})年").expect("a valid pattern"));
static MONTHS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:今年|(\d{4})年)\s*([0-9*]{1,2})\s*(?:至|—|－|-|～|~)\s*([0-9*]{1,2})\s*月")
        .expect("a valid pattern")
});

/// The period: the year in the title, with the months the lead paragraph names
/// ("今年1至11月" → "2022年1—11月"); the year alone when it names none.
fn period(title: &str, body: &[Block]) -> Option<String> {
    let year = YEAR.captures(title).map(|c| c[1].to_owned());
    let lead = body.iter().find_map(|b| match b {
        Block::Paragraph { paragraph } => Some(paragraph.as_str()),
        _ => None,
    });
    if let Some(months) = lead.and_then(|lead| MONTHS.captures(lead)) {
        let year = months.get(1).map(|y| y.as_str().to_owned()).or(year)?;
        return Some(format!("{year}年{}—{}月", &months[2], &months[3]));
    }
    year.map(|year| format!("{year}年"))
}
