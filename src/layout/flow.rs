//! Elements to rows: every text line, blank line and table row the pages will stack.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use super::linebreak::{break_lines, Line, Measure};
use super::table;
use super::text::{shape, Glyph, MissingGlyph, ShapeStyle, REPLACEMENT};
use super::{
    chart, key_figures, AttachmentIndents, Drawing, Fill, Ink, Origin, PlacedGlyph, Rule, TableGeometry, TextRun,
    Warning,
};
use crate::fonts::FontSet;
use crate::template::{Align, Attachments, Document, Element, Punctuation, Template, TextStyle};

/// Share of the em above the baseline in CJK fonts' ideographic em box.
pub const ASCENT: f32 = 0.88;

/// The most characters missing from the fonts told one by one for a text; the rest are
/// one warning. A clerk fixes a few characters; a text of hundreds (a mis-decoded import)
/// needs one line saying so, not hundreds.
const MISSING_TOLD: usize = 8;

/// Something the pages stack, with its content placed relative to its own top.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Height, pt.
    pub height: f32,
    /// Text; baselines from the row's top.
    pub runs: Vec<TextRun>,
    /// Rules; y from the row's top.
    pub rules: Vec<Rule>,
    /// Filled rectangles; y from the row's top.
    pub fills: Vec<Fill>,
    /// How the pages treat it.
    pub kind: RowKind,
    /// Must stand on the same page as the next row (headings, captions).
    pub keep_with_next: bool,
    /// A heading's level and text, for the outline.
    pub outline: Option<(usize, String)>,
    /// The table cells spanning rows that cover this row: the pages draw each cell's text
    /// once per page, in the middle of the part of the cell that page holds.
    pub spans: Vec<Span>,
    /// Where it comes from: a line of text or a table's body row.
    pub origin: Option<Origin>,
}

/// A table cell that spans rows, as each row it covers carries it.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// The cell: its table (the index of the table's first repeated row among all rows), its
    /// row and its column.
    pub id: (usize, usize, usize),
    /// Its left and right edges, pt.
    pub x: (f32, f32),
    /// Width of its rules, pt.
    pub rule: f32,
    /// Its text, baselines from the top of the text's own box.
    pub runs: Vec<TextRun>,
    /// Height of that box (the text's lines and the cell's padding), pt.
    pub height: f32,
    /// This is the cell's last row: its bottom rule is the row's.
    pub last: bool,
}

/// What a row is, for pagination.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// Text or anything drawn.
    Content,
    /// Vertical space, dropped at the top of a page.
    Blank,
    /// Move down to the next grid line (after a table).
    Snap,
    /// Start a new page.
    PageBreak,
    /// A table body row; `header` is the index of the first of the rows repeated at the top
    /// of each page the table continues on (a [`RowKind::Continued`] line, the header row).
    TableBody {
        /// Index of the first repeated row among all rows.
        header: usize,
    },
    /// Set only where a table continues on a new page, above its repeated header ("续表3").
    Continued,
}

impl Row {
    fn blank(height: f32) -> Self {
        Row::marker(RowKind::Blank, height)
    }

    /// An empty row of `kind`.
    pub fn marker(kind: RowKind, height: f32) -> Self {
        Row {
            height,
            runs: Vec::new(),
            rules: Vec::new(),
            fills: Vec::new(),
            kind,
            keep_with_next: false,
            outline: None,
            spans: Vec::new(),
            origin: None,
        }
    }
}

/// Resolved figures the builders share.
pub struct Flow<'a> {
    pub template: &'a Template,
    pub fonts: &'a FontSet,
    pub warnings: &'a mut Vec<Warning>,
    /// Index of the element being laid out, for warnings.
    pub element: usize,
    /// Grid cell width, when the template has a grid.
    cell: Option<f32>,
    /// The space a cover leaves between its title block and its foot, pt.
    cover_gap: f32,
    /// The signature's right insets (see `Layout::closing_insets`).
    closing_insets: Vec<f32>,
    /// Where balanced display lines break, by element.
    display_breaks: BTreeMap<usize, Vec<usize>>,
    /// The paragraphs shaped before the flow, by element: their text and what shaping gave.
    preshaped: HashMap<usize, (&'a str, Shaped)>,
}

/// A text's glyphs and the characters that had to be replaced.
type Shaped = (Vec<Glyph>, Vec<MissingGlyph>);

/// What the document flows into: its rows, and its tables' columns and its charts' drawings
/// in document order.
pub struct Flowed {
    pub rows: Vec<Row>,
    pub tables: Vec<TableGeometry>,
    pub charts: Vec<Drawing>,
    pub cover_gap: f32,
    pub closing_insets: Vec<f32>,
    pub attachments: Option<AttachmentIndents>,
    pub display_breaks: BTreeMap<usize, Vec<usize>>,
    pub key_figures: Vec<super::KeyFiguresPanel>,
}

/// All rows of the document, with its tables' columns and its charts.
pub fn rows(document: &Document, template: &Template, fonts: &FontSet, warnings: &mut Vec<Warning>) -> Flowed {
    let cell = template.grid_cell();
    let mut flow = Flow {
        template,
        fonts,
        warnings,
        element: 0,
        cell,
        cover_gap: 0.0,
        closing_insets: Vec::new(),
        display_breaks: BTreeMap::new(),
        preshaped: HashMap::new(),
    };
    // The paragraphs are shaped on every core first (shaping is two thirds of a long report's
    // layout, and a paragraph's shape depends on nothing before it); the flow then takes them
    // in order, and tells what could not be drawn as it goes.
    let body = ShapeStyle {
        keep_words: false,
        ..shape_style(template, fonts, &template.body, flow.grid_cell(&template.body))
    };
    flow.preshaped = document
        .elements
        .par_iter()
        .enumerate()
        .filter_map(|(index, element)| match element {
            Element::Paragraph(text) => Some((index, (text.as_str(), shape(text, &body, fonts)))),
            _ => None,
        })
        .collect();
    let mut rows = Vec::new();
    let mut key_figures = Vec::new();
    let mut tables = Vec::new();
    let mut charts = Vec::new();
    let mut attachment_indents = None;
    let body_indent = flow.indent();
    for (index, element) in document.elements.iter().enumerate() {
        flow.element = index;
        match element {
            Element::DocNumber(text) => rows.extend(flow.balanced(text, &template.doc_number)),
            Element::Title(text) | Element::Subtitle(text) | Element::Period(text) => {
                let style = match element {
                    Element::Title(_) => &template.title,
                    Element::Period(_) => template.period_style(),
                    _ => &template.subtitle,
                };
                rows.extend(flow.balanced(text, style));
                if document.ends_title_block(index) {
                    rows.extend((0..template.title_lines_after).map(|_| Row::blank(template.line_pitch)));
                }
            }
            // GB/T 9704 7.3.2: flush left, and so are its further lines.
            Element::Addressees(text) => rows.extend(flow.text(text, &template.body, 0.0)),
            Element::Cover { title, subtitle, issuer, date } => {
                rows.extend(flow.cover(title, subtitle.as_deref(), issuer.as_deref(), date.as_deref()));
            }
            Element::KeyFigures(figures) => {
                let (row, panel) = key_figures::row(&mut flow, figures);
                rows.push(row);
                key_figures.push(panel);
                rows.extend(back_on_grid(template));
                rows.push(Row::blank(template.line_pitch));
            }
            Element::Heading { level, number, text } => {
                let heading_style = &template.headings[level - 1];
                let full = format!("{number}{text}");
                let indent = if heading_style.style.align == Align::Justify { body_indent } else { 0.0 };
                let mut heading = flow.text(&full, &heading_style.style, indent);
                if let Some(first) = heading.first_mut() {
                    first.outline = Some((*level, full));
                }
                // Space above goes with the page break (dropped at a page's top); space below
                // keeps the heading with what follows.
                rows.extend(spacing(heading_style.space_before));
                heading.extend(spacing(heading_style.space_after));
                for row in &mut heading {
                    row.keep_with_next = true;
                }
                rows.extend(heading);
            }
            Element::Paragraph(text) => {
                let mut lines = flow.text(text, &template.body, body_indent);
                if template.grid.is_none() {
                    keep_widows_and_orphans(&mut lines);
                }
                let (before, after) = template.paragraph_space;
                rows.extend(spacing(before));
                rows.extend(lines);
                rows.extend(spacing(after));
            }
            Element::Table(content) => {
                if let Some(caption) = &content.caption {
                    let mut caption_rows = flow.balanced(&caption.text, &template.table.caption_style);
                    caption_rows.iter_mut().for_each(|r| r.keep_with_next = true);
                    rows.extend(caption_rows);
                }
                let header_index = rows.len();
                let (table_rows, geometry) = table::rows(&mut flow, content, header_index);
                rows.extend(table_rows);
                tables.push(geometry);
                rows.extend(after_block(template));
            }
            Element::Chart(content) => {
                // The caption under the figure (图题在图下), on the same page as it.
                let (mut row, mut drawing) = chart::row(&mut flow, content);
                row.keep_with_next = true;
                rows.push(row);
                // A caption set in another font does not end a page either, when a line of text
                // follows: the reader would take it for a heading stranded at the foot.
                drawing.caption_keeps_with_next = body_text_follows(&document.elements[index + 1..]);
                let mut caption = flow.balanced(&content.caption.text, &template.chart.caption_style);
                let lines = caption.len();
                caption.iter_mut().enumerate().for_each(|(i, r)| {
                    r.keep_with_next = i + 1 < lines || drawing.caption_keeps_with_next;
                });
                rows.extend(caption);
                rows.extend(after_block(template));
                charts.push(drawing);
            }
            Element::PageBreak => rows.push(Row::marker(RowKind::PageBreak, 0.0)),
            Element::Attachments(attachments) => {
                // The note stays in one piece, and never stands alone on a page: the last line
                // of the text before it goes over with it.
                keep_last_drawn_row(&mut rows);
                let (mut note, indents) = flow.attachments(attachments, body_indent);
                let kept = note.len().saturating_sub(1);
                note.iter_mut().take(kept).for_each(|r| r.keep_with_next = true);
                rows.extend(note);
                attachment_indents = Some(indents);
            }
            Element::Closing { issuer, date } => {
                // The signature never stands alone on a page (GB/T 9704 7.3.5.4): the last line
                // of the text before it goes over with it when it does not fit.
                keep_last_drawn_row(&mut rows);
                rows.extend(flow.closing(issuer.as_deref(), date.as_deref()));
            }
        }
    }
    let cover_gap = flow.cover_gap;
    let closing_insets = std::mem::take(&mut flow.closing_insets);
    let display_breaks = std::mem::take(&mut flow.display_breaks);
    Flowed {
        rows,
        tables,
        charts,
        cover_gap,
        closing_insets,
        attachments: attachment_indents,
        display_breaks,
        key_figures,
    }
}

impl Flow<'_> {
    /// The first-line indent of body paragraphs and headings, pt.
    fn indent(&self) -> f32 {
        self.template.first_line_indent * self.cell.unwrap_or(self.template.body.size)
    }

    /// Shapes `text` in `style`, reporting characters no font has. Text in the body size
    /// sits on the grid, when there is one.
    pub fn shape(&mut self, text: &str, style: &TextStyle) -> Vec<Glyph> {
        self.shape_with(text, style, false)
    }

    /// Shapes `text` in `style` for lines that break between words only (titles, cells,
    /// labels, signatures).
    pub fn shape_words(&mut self, text: &str, style: &TextStyle) -> Vec<Glyph> {
        self.shape_with(text, style, true)
    }

    /// The grid's cell for text in `style`: text in the body size stands on the grid, when
    /// there is one.
    fn grid_cell(&self, style: &TextStyle) -> Option<f32> {
        self.cell.filter(|_| (style.size - self.template.body.size).abs() < 0.01)
    }

    fn shape_with(&mut self, text: &str, style: &TextStyle, keep_words: bool) -> Vec<Glyph> {
        let preshaped = (!keep_words && std::ptr::eq(style, &self.template.body))
            .then(|| self.preshaped.remove(&self.element))
            .flatten()
            .filter(|(shaped_text, _)| *shaped_text == text);
        let (glyphs, missing) = match preshaped {
            Some((_, shaped)) => shaped,
            None => {
                let shape_style =
                    ShapeStyle { keep_words, ..shape_style(self.template, self.fonts, style, self.grid_cell(style)) };
                shape(text, &shape_style, self.fonts)
            }
        };
        // One warning for each character missing from a text, at its first place, and for
        // the first few such characters only: a paragraph of 20,000 of one private-use
        // character made 20,000 warnings, each with a copy of the paragraph (1.2 GB).
        let mut firsts: Vec<(char, usize, usize)> = Vec::new();
        let mut index = std::collections::HashMap::new();
        for m in missing {
            let at = *index.entry(m.ch).or_insert_with(|| {
                firsts.push((m.ch, m.offset, 0));
                firsts.len() - 1
            });
            firsts[at].2 += 1;
        }
        let others = firsts.len().saturating_sub(MISSING_TOLD);
        for &(ch, offset, count) in firsts.iter().take(MISSING_TOLD) {
            let times = if count > 1 { format!(" ({count} times)") } else { String::new() };
            let message = if ch.is_control() {
                format!("the control character U+{:04X}{times} cannot be drawn; drawn as {REPLACEMENT}", ch as u32)
            } else {
                format!("no font has the character '{ch}' (U+{:04X}){times}; drawn as {REPLACEMENT}", ch as u32)
            };
            self.warnings.push(Warning { element: self.element, text: text.to_owned(), offset, message });
        }
        if let Some(&(_, offset, _)) = firsts.get(MISSING_TOLD) {
            self.warnings.push(Warning {
                element: self.element,
                text: text.to_owned(),
                offset,
                message: format!("{others} more characters no font has, from here on; drawn as {REPLACEMENT}"),
            });
        }
        glyphs
    }

    /// Rows of a text block in `style`, its first line indented by `indent`.
    fn text(&mut self, text: &str, style: &TextStyle, indent: f32) -> Vec<Row> {
        self.hanging(text, style, indent, 0.0)
    }

    /// Rows of a text block in `style`, its first line indented by `first`, the others by
    /// `rest`.
    fn hanging(&mut self, text: &str, style: &TextStyle, first: f32, rest: f32) -> Vec<Row> {
        let glyphs = self.shape(text, style);
        let width = self.template.block.width;
        let measure = Measure {
            first: width - first,
            rest: width - rest,
            justify: style.align == Align::Justify,
            // Gaps never shrink to take one more character: Word and LibreOffice do not, and the
            // DOCX breaks where the PDF does (a 2 % shrink parted 30 % of briefing's lines).
            shrink: 0.0,
            loosen: self.template.loosen * style.size,
            cell: self.grid_cell(style),
            hang: self.template.punctuation == Punctuation::Hanging,
        };
        let mut lines = break_lines(&glyphs, measure);
        // Flush-left lines (an attachment's long name) cannot loosen: the lines give up a
        // cell each instead, so that the last is not one character alone ("统计/表").
        let alone = |lines: &[Line]| lines.len() > 1 && lines.last().is_some_and(|l| l.glyphs.len() == 1);
        if !measure.justify && alone(&lines) {
            let cell = measure.cell.unwrap_or(style.size);
            let narrower = Measure { first: measure.first - cell, rest: measure.rest - cell, ..measure };
            let again = break_lines(&glyphs, narrower);
            if again.len() == lines.len() && !alone(&again) && !again.iter().any(|l| l.forced) {
                lines = again;
            }
        }
        self.report_forced(&lines, &glyphs, text);
        // A line that ends early breaks there in the DOCX too.
        let early: Vec<usize> = lines
            .windows(2)
            .filter(|pair| pair[0].ends_early)
            .map(|pair| glyphs[pair[1].glyphs.start].source)
            .collect();
        if !early.is_empty() {
            self.display_breaks.entry(self.element).or_default().extend(early);
        }
        self.line_rows(&glyphs, &lines, style, (first, rest))
    }

    /// Rows of a display line (a title, a caption): broken between words, its lines
    /// balanced so that the last is not much shorter than the others.
    fn balanced(&mut self, text: &str, style: &TextStyle) -> Vec<Row> {
        let glyphs = self.shape_words(text, style);
        let full = self.template.block.width;
        let measure = Measure::plain;
        let mut lines = break_lines(&glyphs, measure(full));
        let count = lines.len();
        if count > 1 {
            let (mut narrow, mut wide) = (full / count as f32, full);
            for _ in 0..16 {
                let mid = (narrow + wide) / 2.0;
                if break_lines(&glyphs, measure(mid)).len() > count {
                    narrow = mid;
                } else {
                    wide = mid;
                }
            }
            lines = break_lines(&glyphs, measure(wide));
        }
        self.report_forced(&lines, &glyphs, text);
        if lines.len() > 1 {
            let starts = lines[1..].iter().map(|l| glyphs[l.glyphs.start].source).collect();
            self.display_breaks.insert(self.element, starts);
        }
        self.line_rows(&glyphs, &lines, style, (0.0, 0.0))
    }

    /// Warns of each unit (a long word, number or URL) broken inside because it is longer
    /// than a line.
    fn report_forced(&mut self, lines: &[Line], glyphs: &[Glyph], text: &str) {
        // Once per unit, however many lines it takes: a unit of 100,000 dashes gave a warning
        // for each of its 3,500 lines, each with the paragraph's text (1 GB).
        let mut warned_until = 0;
        for line in lines.iter().filter(|l| l.forced) {
            let last = line.glyphs.end.saturating_sub(1);
            if last < warned_until {
                continue;
            }
            let start = (0..=last).rev().find(|&i| glyphs[i].break_before).unwrap_or(0);
            let end = (last + 1..glyphs.len()).find(|&i| glyphs[i].break_before).unwrap_or(glyphs.len());
            warned_until = end;
            let shown: String = glyphs[start..end].iter().take(24).map(|g| g.ch).collect();
            let more = if end - start > 24 { "…" } else { "" };
            self.warnings.push(Warning {
                element: self.element,
                text: text.to_owned(),
                offset: start,
                message: format!("「{shown}{more}」 is longer than a line and was broken inside it"),
            });
        }
    }

    /// One row per line, placed by the style's alignment; the first line indented by
    /// `indent.0`, the others by `indent.1`.
    fn line_rows(&self, glyphs: &[Glyph], lines: &[Line], style: &TextStyle, indent: (f32, f32)) -> Vec<Row> {
        let block = self.template.block;
        let height = self.template.line_height(style.size);
        lines
            .iter()
            .enumerate()
            .map(|(i, line)| {
                let start = if i == 0 { indent.0 } else { indent.1 };
                let free = block.width - start - line.width;
                let offset = match style.align {
                    Align::Left | Align::Justify => 0.0,
                    Align::Center => free / 2.0,
                    Align::Right => free,
                };
                let baseline = (height - style.size) / 2.0 + ASCENT * style.size;
                let glyphs = &glyphs[line.glyphs.clone()];
                let runs = runs(glyphs, &line.x, block.left + start + offset, baseline, style.size, Ink::of(style));
                let origin = glyphs.first().map(|g| Origin::Line { element: self.element, offset: g.source });
                Row { runs, origin, ..Row::marker(RowKind::Content, height) }
            })
            .collect()
    }

    /// The cover page: the title `title_top` below the block's top with the subtitle a line
    /// under it, the issuer and the date on the block's last lines; then a page break.
    fn cover(&mut self, title: &str, subtitle: Option<&str>, issuer: Option<&str>, date: Option<&str>) -> Vec<Row> {
        let template = self.template;
        let style = template.cover.as_ref().expect("a cover comes only with a template's cover");
        // A spacer that, unlike a blank, stays at the top of a page.
        let spacer = |height: f32| Row::marker(RowKind::Content, height);
        let mut rows = vec![spacer(style.title_top)];
        rows.extend(self.balanced(title, &style.title));
        if let Some(subtitle) = subtitle {
            rows.push(spacer(template.line_height(style.text.size)));
            rows.extend(self.text(subtitle, &style.text, 0.0));
        }
        let foot: Vec<Row> =
            [issuer, date].into_iter().flatten().flat_map(|line| self.text(line, &style.text, 0.0)).collect();
        let used: f32 = rows.iter().chain(&foot).map(|r| r.height).sum();
        self.cover_gap = (template.block.height - used).max(0.0);
        rows.push(spacer(self.cover_gap));
        rows.extend(foot);
        rows.push(Row::marker(RowKind::PageBreak, 0.0));
        rows
    }

    /// The attachments note (GB/T 9704 7.3.4): a blank line after the body, then the label
    /// and the first name at the paragraph indent; each further number under the first
    /// number, and a name's further lines under its first character.
    fn attachments(&mut self, attachments: &Attachments, indent: f32) -> (Vec<Row>, AttachmentIndents) {
        // Flush left: justifying a first line would move its name off the place its further
        // lines stand under.
        let style = &TextStyle { align: Align::Left, ..self.template.body.clone() };
        let cell = self.grid_cell(style);
        // As set on a line: a number's digits take whole cells on a grid.
        let width = |flow: &mut Self, text: &str| {
            let glyphs = flow.shape(text, style);
            break_lines(&glyphs, Measure { cell, ..Measure::plain(f32::INFINITY) }).first().map_or(0.0, |l| l.width)
        };
        let label = width(self, &attachments.label);
        let mut rows = vec![Row::blank(self.template.line_pitch)];
        let mut numbers = Vec::with_capacity(attachments.items.len());
        for (i, item) in attachments.items.iter().enumerate() {
            let number = width(self, &item.number);
            numbers.push(number);
            let (first, text) = match i {
                0 => (indent, format!("{}{}", attachments.label, item.text())),
                _ => (indent + label, item.text()),
            };
            rows.extend(self.hanging(&text, style, first, indent + label + number));
        }
        (rows, AttachmentIndents { label, numbers })
    }

    /// The issuer centred over the date, the date inset from the right edge; either alone
    /// stands where it would stand with the other. An issuer too long for one line (a
    /// joint issue, names parted by spaces, or one long name) takes several, each centred
    /// over the date as far as the block allows and broken between words: nothing of it is
    /// ever set past the block's edge.
    fn closing(&mut self, issuer: Option<&str>, date: Option<&str>) -> Vec<Row> {
        let closing = self.template.closing.clone();
        let block = self.template.block;
        let height = self.template.line_height(closing.style.size);
        let baseline = (height - closing.style.size) / 2.0 + ASCENT * closing.style.size;
        let width = |g: &[Glyph]| g.iter().map(|g| g.advance).sum::<f32>();
        let date_glyphs = self.shape(date.unwrap_or(""), &closing.style);
        let date_width = width(&date_glyphs).min(block.width);
        let date_x = block.left + (block.width - closing.date_inset - date_width).max(0.0);
        let centre = date_x + date_width / 2.0;
        let line = |glyphs: &[Glyph], xs: &[f32], x: f32, keep: bool| Row {
            runs: runs(glyphs, xs, x, baseline, closing.style.size, Ink::of(&closing.style)),
            keep_with_next: keep,
            ..Row::marker(RowKind::Content, height)
        };
        let mut rows: Vec<Row> = (0..closing.lines_before)
            .map(|_| Row { keep_with_next: true, ..Row::blank(self.template.line_pitch) })
            .collect();
        let mut names = Vec::new();
        for name in issuer.into_iter().flat_map(|i| i.split_whitespace()) {
            let glyphs = self.shape_words(name, &closing.style);
            let lines = break_lines(&glyphs, Measure::plain(block.width));
            self.report_forced(&lines, &glyphs, name);
            names.push((glyphs, lines));
        }
        // One centre for every line of the issuers: the date's, or as near it as the widest
        // line allows (a joint issue whose longest name is pushed left by the block's edge
        // would otherwise leave its shorter names off that axis).
        let widest = names.iter().flat_map(|(_, lines)| lines.iter().map(|l| l.width)).fold(0.0, f32::max);
        let centre = centre.min(block.left + block.width - widest / 2.0).max(block.left + widest / 2.0);
        let right = block.left + block.width;
        for (glyphs, lines) in &names {
            let mut inset = f32::INFINITY;
            for l in lines {
                let x = (centre - l.width / 2.0).min(right - l.width).max(block.left);
                inset = inset.min(right - x - l.width);
                rows.push(line(&glyphs[l.glyphs.clone()], &l.x, x, true));
            }
            self.closing_insets.push(inset.max(0.0));
        }
        if date.is_some() {
            self.closing_insets.push(right - date_x - date_width);
            rows.push(line(&date_glyphs, &natural_positions(&date_glyphs), date_x, false));
        } else if let Some(last) = rows.last_mut() {
            last.keep_with_next = false;
        }
        rows
    }
}

/// Keeps the last row drawn so far (a line, a table row) on the page of what follows.
/// Whether the next element is set as body text (a paragraph, the signature, the attachments
/// note, a table's cells), rather than a heading, a table's caption, another chart or a
/// page break.
fn body_text_follows(rest: &[Element]) -> bool {
    match rest.first() {
        Some(Element::Paragraph(_) | Element::Closing { .. } | Element::Attachments(_) | Element::Addressees(_)) => {
            true
        }
        Some(Element::Table(table)) => table.caption.is_none(),
        _ => false,
    }
}

fn keep_last_drawn_row(rows: &mut [Row]) {
    // The space after it too (a free layout's paragraph spacing): a chain that ended there
    // let the signature go to the next page alone (22 of 300 briefing reports).
    let drawn = |r: &Row| matches!(r.kind, RowKind::Content | RowKind::TableBody { .. });
    if let Some(last) = rows.iter().rposition(drawn) {
        rows[last..].iter_mut().for_each(|r| r.keep_with_next = true);
    }
}

/// A blank of `height`, if any.
fn spacing(height: f32) -> Option<Row> {
    (height > 0.0).then(|| Row::blank(height))
}

/// Back on the grid after a block that is off it (a table, a chart, the key figures panel):
/// the next line stands on the next grid line. A free layout has no grid to go back to.
fn back_on_grid(template: &Template) -> Option<Row> {
    template.grid.map(|_| Row::marker(RowKind::Snap, 0.0))
}

/// What follows a table or a chart: on a grid, the next grid line; in a free layout, the
/// template's space after such blocks (the DOCX leaves it as an empty paragraph). Snapping a
/// free layout to its nominal line pitch left 0 to 21 pt under each table that Word and
/// LibreOffice, which have no grid there, did not leave: a 19-page briefing report drifted
/// up to a line a page against LibreOffice's.
fn after_block(template: &Template) -> Option<Row> {
    match template.space_after_blocks() {
        Some(space) => spacing(space),
        None => back_on_grid(template),
    }
}

/// Free layouts never leave a paragraph's first line alone at the foot of a page (an orphan)
/// nor its last line alone at the head of the next (a widow): the first line stays with the
/// second, the last with the one before. A grid fills its pages instead.
fn keep_widows_and_orphans(lines: &mut [Row]) {
    if lines.len() >= 2 {
        lines[0].keep_with_next = true;
        let before_last = lines.len() - 2;
        lines[before_last].keep_with_next = true;
    }
}

/// How text in `style` is shaped under `template`; `cell` is the grid cell for wide characters.
pub fn shape_style(template: &Template, fonts: &FontSet, style: &TextStyle, cell: Option<f32>) -> ShapeStyle {
    ShapeStyle {
        font: fonts.id(&style.font),
        latin_font: style.latin_font.as_deref().map(|key| fonts.id(key)),
        size: style.size,
        cell,
        scale: if cell.is_some() { template.width_scale(style) as f32 / 100.0 } else { 1.0 },
        punctuation: template.punctuation,
        // On a grid a Latin run takes whole cells, and no space is added (LibreOffice adds
        // none there either).
        latin_space: template.latin_space && cell.is_none(),
        keep_words: false,
    }
}

/// X offsets of glyphs set at their advances.
pub fn natural_positions(glyphs: &[Glyph]) -> Vec<f32> {
    glyphs
        .iter()
        .scan(0.0, |x, g| {
            let at = *x;
            *x += g.advance;
            Some(at)
        })
        .collect()
}

/// Glyphs at `x0 + xs[i]` on `baseline`, one run per font.
pub fn runs(glyphs: &[Glyph], xs: &[f32], x0: f32, baseline: f32, size: f32, ink: Ink) -> Vec<TextRun> {
    let mut runs: Vec<TextRun> = Vec::new();
    for (g, x) in glyphs.iter().zip(xs) {
        if g.ch.is_whitespace() {
            continue;
        }
        let placed = PlacedGlyph { gid: g.gid, ch: g.ch, x: x0 + x };
        match runs.last_mut() {
            Some(run) if run.font == g.font => run.glyphs.push(placed),
            _ => runs.push(TextRun { font: g.font, size, baseline, glyphs: vec![placed], ink }),
        }
    }
    runs
}
