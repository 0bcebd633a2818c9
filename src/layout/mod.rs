//! Layout stage: the styled document on pages, as positioned glyphs and rules.
//!
//! Backend-free: it knows fonts only as metrics and writes no file format. The pipeline:
//! [`flow`] turns elements into rows (text lines, table rows, blank lines), shaping text
//! ([`text`]) and breaking it into lines ([`linebreak`]) on the way; [`pages`] stacks the
//! rows onto pages, keeps headings with what follows, and adds page numbers.

mod chart;
mod flow;
mod key_figures;
pub mod linebreak;
mod pages;
mod table;
pub mod text;
mod words;

use std::collections::BTreeMap;

use crate::fonts::{FontId, FontSet};
use crate::template::{Color, Document, Template, TextStyle};

/// A key-figures panel as laid out.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyFiguresPanel {
    /// The size of its figures: one for the whole panel, the largest at which every figure
    /// fits its box.
    pub size: f32,
    /// For each figure, for each of its label's texts (the name, then the change), the
    /// character offsets its later lines start at: the labels wrap between words.
    pub label_breaks: Vec<Vec<Vec<usize>>>,
}

/// A laid-out document.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Page width and height, pt.
    pub page_size: (f32, f32),
    /// What the pages hold to be drawn, in glyphs: each glyph set (each repetition of a
    /// table's header counted) and [`RUN_WEIGHT`] more for each run of text. More than
    /// [`MAX_DRAWN`] and the pages stopped there: the report is refused.
    pub drawn: usize,
    /// The pages in order.
    pub pages: Vec<Page>,
    /// Headings for bookmarks, in document order.
    pub outline: Vec<OutlineEntry>,
    /// The columns of each table, in document order: the DOCX's tables match them.
    pub tables: Vec<TableGeometry>,
    /// Each chart as drawn, in document order: the DOCX shows the same drawing as a picture.
    pub charts: Vec<Drawing>,
    /// On a cover, the space between the title block and the issuer at its foot, pt: the
    /// DOCX leaves the same.
    pub cover_gap: f32,
    /// The signature's lines as the PDF sets them: for each issuer (names parted by spaces
    /// sign one a line) and then the date, its distance from the block's right edge, pt
    /// (an issuer broken over lines: its widest line's). The DOCX right-aligns each there,
    /// so that the issuer stands centred over the date as in the PDF.
    pub closing_insets: Vec<f32>,
    /// The attachments note's indents, when the document has one: the DOCX hangs its lines
    /// by the same widths.
    pub attachments: Option<AttachmentIndents>,
    /// Where the lines of an element break that a word processor would break elsewhere, by
    /// the element's index: the character offsets at which those lines start. A balanced
    /// title or caption has all its breaks here, a paragraph the line that ended early to
    /// keep its last from holding one character alone. The DOCX breaks them there too.
    pub display_breaks: BTreeMap<usize, Vec<usize>>,
    /// Where each page's first line of text or table row comes from (none for a page
    /// without either). The DOCX breaks a page where the layout moved a paragraph's last
    /// lines over to keep the signature company, and splits a table where its pages do.
    pub page_starts: Vec<Option<Origin>>,
    /// Each key-figures panel as laid out, in document order (the DOCX sets its figures' size
    /// and breaks its labels where the PDF does).
    pub key_figures: Vec<KeyFiguresPanel>,
    /// Things the user should know: replaced characters, forced breaks.
    pub warnings: Vec<Warning>,
}

/// Something the user should know about the layout, with what it takes to point at its
/// place in the input.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    /// Index of the element of the document it concerns.
    pub element: usize,
    /// The text being set when it arose.
    pub text: String,
    /// The character of that text it concerns (0-based, in characters).
    pub offset: usize,
    /// What happened.
    pub message: String,
}

/// The most a report's pages may hold to be drawn ([`Layout::drawn`]). Writing the PDF
/// takes up to 250 bytes for each (measured: a 50-column table whose header repeats on 936
/// pages drew 1.25 million and took 318 MB; 公文 body text, 344,000 on 501 pages, 62 MB), so
/// a million keep an export under 300 MB. At that text's 690 a page, 1,450 pages.
pub const MAX_DRAWN: usize = 1_000_000;

/// A run of text counted as four glyphs: printpdf keeps a font, a position and a list for
/// each, so a page of one-character runs (a narrow table's cells) costs far more than its
/// glyphs. Four is a choice, not a measurement: with it, body text and such a table came to
/// 180 and 250 bytes per unit drawn (see [`MAX_DRAWN`]), where per glyph alone they came to
/// 207 and 726 (626,887 characters of a narrow table on 1,031 pages took 455 MB).
pub const RUN_WEIGHT: usize = 4;

impl Layout {
    /// The glyphs drawn, by font: glyph id → the character it shows. What a font must keep
    /// when it is subset for embedding.
    pub fn used_glyphs(&self) -> BTreeMap<FontId, BTreeMap<u16, char>> {
        // A table by glyph id per font first: a map insert for each glyph drawn took 2 % of a
        // long report's instructions.
        let mut seen: BTreeMap<FontId, Vec<Option<char>>> = BTreeMap::new();
        for run in self.pages.iter().flat_map(|p| &p.runs) {
            let table = seen.entry(run.font).or_default();
            for glyph in &run.glyphs {
                let gid = usize::from(glyph.gid);
                if gid >= table.len() {
                    table.resize(gid + 1, None);
                }
                table[gid].get_or_insert(glyph.ch);
            }
        }
        seen.into_iter()
            .map(|(font, table)| {
                let glyphs = table.into_iter().enumerate().filter_map(|(gid, ch)| Some((gid as u16, ch?))).collect();
                (font, glyphs)
            })
            .collect()
    }
}

/// One page's content. Coordinates are in pt from the page's top-left corner.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// Text, one run per font and size on a baseline.
    pub runs: Vec<TextRun>,
    /// Straight lines (table rules, chart axes).
    pub rules: Vec<Rule>,
    /// Filled rectangles (chart bars).
    pub fills: Vec<Fill>,
}

/// A filled rectangle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fill {
    /// Left edge, pt.
    pub x: f32,
    /// Top edge, pt.
    pub y: f32,
    /// Width, pt.
    pub width: f32,
    /// Height, pt.
    pub height: f32,
    /// Its colour.
    pub color: Color,
}

/// A self-contained picture (a chart): text, lines and fills, in pt from its top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    /// Width, pt.
    pub width: f32,
    /// Height, pt.
    pub height: f32,
    /// Text.
    pub runs: Vec<TextRun>,
    /// Lines.
    pub rules: Vec<Rule>,
    /// Filled rectangles.
    pub fills: Vec<Fill>,
    /// The bars lie (one row per figure, names left of them) rather than stand.
    pub lying: bool,
    /// The size the names and figures are set in, pt.
    pub label_size: f32,
    /// For each bar, the character offsets its name's later lines start at.
    pub label_breaks: Vec<Vec<usize>>,
    /// Whether the caption under the chart keeps with what follows: only when body text
    /// follows, which would make the caption at a page's foot read as a heading stranded
    /// there. Before a heading a page may break after the caption: kept, the heading, its
    /// paragraph and a signature dragged a chart to the next page and left half a page empty.
    pub caption_keeps_with_next: bool,
}

/// Glyphs of one font and size on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// The font.
    pub font: FontId,
    /// Size, pt.
    pub size: f32,
    /// Baseline, pt from the top (of the page, or of a row while it is being stacked).
    pub baseline: f32,
    /// The glyphs, left to right.
    pub glyphs: Vec<PlacedGlyph>,
    /// How they are painted.
    pub ink: Ink,
}

/// How a run's glyphs are painted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ink {
    /// Their colour.
    pub color: Color,
    /// Bold: writers embolden a font that is not a bold face.
    pub bold: bool,
}

impl Ink {
    /// Black, regular.
    pub const PLAIN: Ink = Ink { color: Color::BLACK, bold: false };

    /// A text style's ink.
    pub fn of(style: &TextStyle) -> Ink {
        Ink { color: style.color, bold: style.bold }
    }
}

/// A glyph at its place.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlacedGlyph {
    /// Glyph id in the run's font.
    pub gid: u16,
    /// The character it shows (its text for copy and search).
    pub ch: char,
    /// Left edge of its advance, pt from the page's left edge.
    pub x: f32,
}

/// A straight line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// Start point, pt.
    pub from: (f32, f32),
    /// End point, pt.
    pub to: (f32, f32),
    /// Line width, pt.
    pub width: f32,
}

/// Where a row of the layout comes from, in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A line of text of element `element`, from the character offset `offset` on.
    Line { element: usize, offset: usize },
    /// Body row `row` of the table that is element `element`.
    TableRow { element: usize, row: usize },
}

/// The columns of a laid-out table.
#[derive(Debug, Clone, PartialEq)]
pub struct TableGeometry {
    /// Width of each column, padding included, pt.
    pub widths: Vec<f32>,
    /// For each column whose figures line up on the decimal point, the room kept right of
    /// the point (the point included), pt; 0 for other columns.
    pub after_point: Vec<f32>,
    /// Horizontal padding inside a cell, pt.
    pub padding: f32,
    /// For each body row, whether a page may not break after it (the header row never
    /// lets one).
    pub keep_with_next: Vec<bool>,
    /// Size of the cell and header text, pt: the template's, or smaller where the columns
    /// did not fit the block at that size.
    pub size: f32,
    /// How each cell's text is set: the header row's cells, then each body row's, in the
    /// order of the table's rows and of the cells in them.
    pub cells: Vec<Vec<CellLines>>,
}

/// How a table cell's text is set, for a writer that lays out on its own (the DOCX): where
/// its lines break and where it stands in its row.
#[derive(Debug, Clone, PartialEq)]
pub struct CellLines {
    /// The character offsets its later lines start at.
    pub breaks: Vec<usize>,
    /// Where its lines stand in the row's box.
    pub place: CellPlace,
}

/// Where a cell's lines stand in a row taller than they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellPlace {
    Top,
    Middle,
    Bottom,
}

/// How the attachments note hangs: its lines start at the paragraph indent plus the label,
/// and a name's further lines stand after its number.
#[derive(Debug, Clone, PartialEq)]
pub struct AttachmentIndents {
    /// Width of the label ("附件："), pt.
    pub label: f32,
    /// Width of each attachment's number ("1．"; 0 for a single attachment), pt.
    pub numbers: Vec<f32>,
}

/// A heading's place, for the PDF outline.
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    /// 1-based heading level.
    pub level: usize,
    /// The heading with its number.
    pub title: String,
    /// 0-based page index.
    pub page: usize,
    /// Top of the heading's line, pt from the page's top.
    pub top: f32,
}

/// Lays `document` out on the pages of `template`.
pub fn layout(document: &Document, template: &Template, fonts: &FontSet) -> Layout {
    let mut warnings = Vec::new();
    let flow::Flowed { rows, tables, charts, cover_gap, closing_insets, attachments, display_breaks, key_figures } =
        flow::rows(document, template, fonts, &mut warnings);
    let pages::Paginated { pages, outline, starts: page_starts, drawn } =
        pages::paginate(rows, document, template, fonts);
    Layout {
        page_size: template.page_size,
        drawn,
        pages,
        outline,
        tables,
        charts,
        cover_gap,
        closing_insets,
        attachments,
        display_breaks,
        page_starts,
        key_figures,
        warnings,
    }
}
