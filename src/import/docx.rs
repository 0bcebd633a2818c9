//! A Word document as pieces: paragraphs with the role their style names (Title, heading 1…,
//! caption: Word's built-in names, which Word writes in English whatever its language), and
//! tables. docx-rs reads the document; the core properties, which it does not read, come
//! from `docProps/core.xml` and `docProps/app.xml`.

use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::Once;
use std::thread;
use std::time::Duration;

use docx_rs::{
    DocumentChild, InsertChild, Paragraph, ParagraphChild, Run, RunChild, StructuredDataTagChild, Table,
    TableCellContent, TableChild, TableRowChild,
};
use quick_xml::events::Event;

use super::text::trim;
use super::{chart, Piece, Role};

/// What a document's properties say about the report.
#[derive(Debug, Default, PartialEq)]
pub struct Properties {
    /// Keywords (cp:keywords), split at ；, ; and ,.
    pub keywords: Vec<String>,
    /// The subject (dc:subject), which baogao fills with the period.
    pub subject: Option<String>,
    /// Written by baogao (app.xml's Application).
    pub by_baogao: bool,
}

/// Styles whose paragraphs repeat what the report says elsewhere: the cover (title, issuer,
/// date) and the key figures panel (the indicators).
const DERIVED_STYLES: &[&str] = &["cover title", "cover text", "key figure", "key figure label"];

/// The style of the part of a paragraph baogao's DOCX sets after a page break.
const CONTINUED_STYLE: &str = "body text continued";

/// The pieces and properties of the DOCX `bytes`.
pub fn read(bytes: &[u8]) -> Result<(Vec<Piece>, Properties), String> {
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err("not a DOCX: a DOCX file is a zip archive, and this one is not".to_owned());
    }
    check_parts(bytes)?;
    let docx = read_guarded(bytes)?;
    let names: HashMap<&str, String> =
        docx.styles.styles.iter().map(|s| (s.style_id.as_str(), style_name(&s.name))).collect();
    let role = |paragraph: &Paragraph| -> Option<Role> {
        let Some(style) = &paragraph.property.style else { return Some(Role::Plain) };
        let name = names.get(style.val.as_str()).map_or(style.val.to_lowercase(), |n| n.to_lowercase());
        if DERIVED_STYLES.contains(&name.as_str()) {
            return None;
        }
        Some(match name.as_str() {
            "title" => Role::Title,
            "subtitle" => Role::Subtitle,
            "period" => Role::Period,
            "document number" => Role::DocNumber,
            "caption" => Role::Caption,
            "closing" => Role::Closing,
            _ => match name.strip_prefix("heading ").and_then(|n| n.parse().ok()) {
                Some(level @ 1..=4) => Role::Heading(level),
                _ => Role::Plain,
            },
        })
    };
    // Paragraphs and tables in reading order, those inside content controls included.
    let mut blocks: Vec<Body> = Vec::new();
    for child in &docx.document.children {
        match child {
            DocumentChild::Paragraph(paragraph) => blocks.push(Body::Paragraph(paragraph)),
            DocumentChild::Table(table) => blocks.push(Body::Table(table)),
            DocumentChild::StructuredDataTag(tag) => blocks.extend(tag.children.iter().filter_map(|c| match c {
                StructuredDataTagChild::Paragraph(paragraph) => Some(Body::Paragraph(paragraph)),
                StructuredDataTagChild::Table(table) => Some(Body::Table(table)),
                _ => None,
            })),
            _ => {}
        }
    }
    // docx-rs reads a chart as an empty drawing: the charts come from the package, each
    // after the paragraph or table that holds it.
    let mut charts = chart::read(bytes, blocks.len()).into_iter().peekable();
    let mut pieces = Vec::new();
    for (at, block) in blocks.into_iter().enumerate() {
        match block {
            Body::Paragraph(paragraph) => {
                let text = paragraph_text(paragraph);
                let text = trim(&text);
                // The part of a paragraph that baogao set on the next page (Body Text
                // Continued) goes back into it.
                let continued = paragraph.property.style.as_ref().is_some_and(|s| {
                    names.get(s.val.as_str()).is_some_and(|n| n.eq_ignore_ascii_case(CONTINUED_STYLE))
                });
                if let (true, Some(Piece::Paragraph { text: before, role: Role::Plain })) =
                    (continued, pieces.last_mut())
                {
                    before.push_str(text);
                } else if let (false, Some(role)) = (text.is_empty(), role(paragraph)) {
                    pieces.push(Piece::Paragraph { text: text.to_owned(), role });
                }
            }
            Body::Table(table) => {
                let rows = table_rows(table);
                let derived = table_paragraphs(table).any(|p| role(p).is_none());
                if !rows.is_empty() && !derived {
                    pieces.push(Piece::Table(rows));
                }
            }
        }
        while let Some(placed) = charts.next_if(|placed| placed.block == at) {
            pieces.push(Piece::Chart(placed.chart));
        }
    }
    Ok((join_continued_tables(pieces), properties(bytes)))
}

/// A table split over pages as baogao and clerks split one in Word, a "续表N" line and the
/// header again before each later part, read back as the one table it is.
fn join_continued_tables(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut joined: Vec<Piece> = Vec::with_capacity(pieces.len());
    let mut pieces = pieces.into_iter().peekable();
    while let Some(piece) = pieces.next() {
        let continues = matches!(&piece, Piece::Paragraph { text, role: Role::Caption } if text.starts_with("续表"));
        if continues {
            let header = match joined.last() {
                Some(Piece::Table(rows)) => rows.first().cloned(),
                _ => None,
            };
            let same_header =
                matches!((pieces.peek(), &header), (Some(Piece::Table(next)), Some(h)) if next.first() == Some(h));
            if same_header {
                if let (Some(Piece::Table(next)), Some(Piece::Table(rows))) = (pieces.next(), joined.last_mut()) {
                    rows.extend(next.into_iter().skip(1));
                }
                continue;
            }
        }
        joined.push(piece);
    }
    joined
}

/// A block of the document's body.
enum Body<'a> {
    Paragraph(&'a Paragraph),
    Table(&'a Table),
}

/// How long docx-rs may take over one document: far more than any real one needs.
const READ_LIMIT: Duration = Duration::from_secs(10);

/// The name of the threads docx-rs reads on, whose panics are kept off the terminal.
const READER_THREAD: &str = "docx-rs reader";

/// docx-rs's reading of `bytes`, guarded: it unwraps on some malformed parts and loops on
/// others, so it runs on a thread of its own, its panic kept off the terminal and reported,
/// and a reading that does not end in time abandoned.
fn read_guarded(bytes: &[u8]) -> Result<docx_rs::Docx, String> {
    quiet_reader_panics();
    let (sender, receiver) = mpsc::channel();
    let owned = bytes.to_vec();
    thread::Builder::new()
        .name(READER_THREAD.to_owned())
        // Room for docx-rs's recursion through nested tables, within MAX_XML_DEPTH.
        .stack_size(16 << 20)
        .spawn(move || {
            let _ = sender.send(docx_rs::read_docx(&owned));
        })
        .map_err(|e| format!("cannot start reading the DOCX: {e}"))?;
    match receiver.recv_timeout(READ_LIMIT) {
        Ok(Ok(docx)) => Ok(docx),
        Ok(Err(e)) => Err(format!("not a readable DOCX: {e}")),
        Err(RecvTimeoutError::Disconnected) => Err("not a readable DOCX: a part of it is malformed".to_owned()),
        Err(RecvTimeoutError::Timeout) => {
            Err(format!("not a readable DOCX: reading it did not end in {} s", READ_LIMIT.as_secs()))
        }
    }
}

/// Installs, once, a panic hook that is silent on docx-rs's reader threads and hands every
/// other panic to the hook it replaces, so a program importing on several threads loses no
/// panic message of its own, and a reader abandoned on time-out stays quiet.
fn quiet_reader_panics() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if thread::current().name() != Some(READER_THREAD) {
                previous(info);
            }
        }));
    });
}

/// Every part of the archive decompresses with a good checksum, its XML parts are well
/// formed, and the document is there.
fn check_parts(bytes: &[u8]) -> Result<(), String> {
    let damaged = |e: &dyn std::fmt::Display| format!("not a readable DOCX: the zip archive is damaged ({e})");
    let too_large = |what: String| format!("not a DOCX this program reads: {what} (see docs/limits.md)");
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(&e))?;
    let mut total = 0u64;
    for index in 0..zip.len() {
        let part = zip.by_index(index).map_err(|e| damaged(&e))?;
        let name = part.name().to_owned();
        // The size the archive declares may lie: at most one byte more than allowed is read.
        let mut content = Vec::new();
        part.take(MAX_PART_BYTES + 1).read_to_end(&mut content).map_err(|e| damaged(&format!("{name}: {e}")))?;
        total += content.len() as u64;
        if content.len() as u64 > MAX_PART_BYTES {
            return Err(too_large(format!("{name} unpacks to more than {} MB", MAX_PART_BYTES >> 20)));
        }
        if total > MAX_UNPACKED_BYTES {
            return Err(too_large(format!("its parts unpack to more than {} MB", MAX_UNPACKED_BYTES >> 20)));
        }
        if name.ends_with(".xml") || name.ends_with(".rels") {
            let shape = well_formed(&content)
                .map_err(|e| format!("not a readable DOCX: {name} is not well-formed XML ({e})"))?;
            if shape.depth > MAX_XML_DEPTH {
                return Err(too_large(format!(
                    "{name} nests its elements {} deep (at most {MAX_XML_DEPTH})",
                    shape.depth
                )));
            }
            if shape.elements > MAX_XML_ELEMENTS || shape.paragraphs > MAX_PARAGRAPHS {
                return Err(too_large(format!(
                    "{name} holds {} elements and {} paragraphs (at most {MAX_XML_ELEMENTS} and {MAX_PARAGRAPHS})",
                    shape.elements, shape.paragraphs
                )));
            }
        }
    }
    if zip.by_name("word/document.xml").is_err() {
        return Err("not a DOCX: the zip archive has no word/document.xml".to_owned());
    }
    Ok(())
}

/// The most bytes one part of a DOCX may unpack to (a report's document.xml is some
/// megabytes; a 2.1 MB file unpacked a 2 GiB part into memory).
const MAX_PART_BYTES: u64 = 64 << 20;

/// The most bytes all parts of a DOCX may unpack to.
const MAX_UNPACKED_BYTES: u64 = 128 << 20;

/// The deepest nesting of XML elements: a table in a table in a table takes three levels
/// each (`tbl`, `tr`, `tc`); docx-rs reads nested tables recursively, and 140 of them in a
/// 15 KB file overflowed its thread's stack (an abort no program can catch).
const MAX_XML_DEPTH: usize = 64;

/// The most elements of one XML part.
const MAX_XML_ELEMENTS: usize = 500_000;

/// The most paragraphs of one XML part: docx-rs keeps some 3.8 KB for each, and a million of
/// them (195 KB zipped) took 3.8 GB; 30,000 (a 500-page report) stay near 120 MB.
const MAX_PARAGRAPHS: usize = 30_000;

/// The shape of a well-formed XML part.
struct Shape {
    /// The deepest nesting of elements.
    depth: usize,
    /// How many elements.
    elements: usize,
    /// How many `w:p` elements.
    paragraphs: usize,
}

/// Reads `xml` through: tags matched and all closed, attributes checked; tells its shape.
fn well_formed(xml: &[u8]) -> Result<Shape, String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buffer = Vec::new();
    let mut open = 0usize;
    let mut shape = Shape { depth: 0, elements: 0, paragraphs: 0 };
    loop {
        let event = reader.read_event_into(&mut buffer).map_err(|e| e.to_string())?;
        if let Event::Start(e) | Event::Empty(e) = &event {
            shape.elements += 1;
            shape.paragraphs += usize::from(e.name().as_ref() == b"w:p");
            for attribute in e.attributes().with_checks(true) {
                let attribute = attribute.map_err(|e| e.to_string())?;
                attribute.unescape_value().map_err(|e| e.to_string())?;
            }
        }
        match event {
            Event::Start(_) => {
                open += 1;
                shape.depth = shape.depth.max(open);
                // Deep enough to refuse: reading on only costs time.
                if open > MAX_XML_DEPTH {
                    return Ok(shape);
                }
            }
            Event::End(_) => open = open.saturating_sub(1),
            Event::Eof if open > 0 => return Err("it ends inside an element".to_owned()),
            Event::Eof => return Ok(shape),
            _ => {}
        }
        buffer.clear();
    }
}

/// A style's name as written (`w:name`); docx-rs keeps it private but serialises it.
fn style_name(name: &docx_rs::Name) -> String {
    serde_json::to_value(name).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// The text of a paragraph: its runs, insertions and links; deletions left out.
fn paragraph_text(paragraph: &Paragraph) -> String {
    let mut text = String::new();
    for child in &paragraph.children {
        child_text(child, &mut text);
    }
    text
}

fn child_text(child: &ParagraphChild, text: &mut String) {
    match child {
        ParagraphChild::Run(run) => run_text(run, text),
        ParagraphChild::Insert(insert) => {
            for child in &insert.children {
                if let InsertChild::Run(run) = child {
                    run_text(run, text);
                }
            }
        }
        ParagraphChild::Hyperlink(link) => link.children.iter().for_each(|c| child_text(c, text)),
        ParagraphChild::StructuredDataTag(tag) => {
            for child in &tag.children {
                match child {
                    StructuredDataTagChild::Run(run) => run_text(run, text),
                    StructuredDataTagChild::Paragraph(p) => text.push_str(&paragraph_text(p)),
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

fn run_text(run: &Run, text: &mut String) {
    for child in &run.children {
        match child {
            // Word joiners carry nothing a summary keeps: baogao's own DOCX puts one after a
            // minus sign before a figure, to keep it on the figure's line.
            RunChild::Text(t) => text.extend(t.text.chars().filter(|&c| c != '\u{2060}')),
            RunChild::Tab(_) => text.push('\t'),
            _ => {}
        }
    }
}

/// The cells of a table, row by row: a cell's text is its paragraphs and the cells of a
/// table inside it, joined (Chinese needs no space between them); tabs (which align
/// figures) taken off.
fn table_rows(table: &Table) -> Vec<Vec<String>> {
    table
        .rows
        .iter()
        .map(|TableChild::TableRow(row)| {
            row.cells
                .iter()
                .map(|TableRowChild::TableCell(cell)| {
                    let texts: Vec<String> = cell
                        .children
                        .iter()
                        .filter_map(|content| match content {
                            TableCellContent::Paragraph(p) => Some(paragraph_text(p).replace('\t', "")),
                            TableCellContent::Table(inner) => Some(table_rows(inner).concat().concat()),
                            _ => None,
                        })
                        .collect();
                    trim(&texts.join("")).to_owned()
                })
                .collect()
        })
        .filter(|row: &Vec<String>| row.iter().any(|cell| !cell.is_empty()))
        .collect()
}

/// The paragraphs in a table's cells.
fn table_paragraphs(table: &Table) -> impl Iterator<Item = &Paragraph> {
    table.rows.iter().flat_map(|TableChild::TableRow(row)| {
        row.cells.iter().flat_map(|TableRowChild::TableCell(cell)| {
            cell.children.iter().filter_map(|content| match content {
                TableCellContent::Paragraph(p) => Some(p.as_ref()),
                _ => None,
            })
        })
    })
}

/// Keywords, subject and application from the package's property parts, where present.
fn properties(bytes: &[u8]) -> Properties {
    let mut properties = Properties::default();
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return properties };
    let mut part = |name: &str| -> Option<String> {
        let mut xml = String::new();
        zip.by_name(name).ok()?.read_to_string(&mut xml).ok()?;
        Some(xml)
    };
    let core = part("docProps/core.xml").unwrap_or_default();
    let app = part("docProps/app.xml").unwrap_or_default();
    if let Some(keywords) = element_text(&core, b"keywords") {
        properties.keywords = keywords
            .split(['；', ';', ',', '，'])
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(str::to_owned)
            .collect();
    }
    properties.subject = element_text(&core, b"subject").filter(|s| !s.trim().is_empty());
    properties.by_baogao = element_text(&app, b"Application").is_some_and(|a| a == "baogao");
    properties
}

/// The text of the first element named `local` (any namespace prefix) in `xml`.
fn element_text(xml: &str, local: &[u8]) -> Option<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut inside = false;
    let mut text = String::new();
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) if e.local_name().as_ref() == local => inside = true,
            Event::Text(t) if inside => text.push_str(&t.unescape().ok()?),
            Event::End(e) if inside && e.local_name().as_ref() == local => return Some(text),
            Event::Eof => return None,
            _ => {}
        }
    }
}
