//! Rows onto pages: a heading never ends a page, a table's header row repeats on each page
//! it continues on (under a line marking the continuation), a blank line never opens a page;
//! then running headers and page numbers.

use super::flow::{natural_positions, runs, shape_style, Row, RowKind, Span, ASCENT};
use super::text::{shape, Glyph};
use super::{Fill, Ink, Origin, OutlineEntry, Page, Rule, MAX_DRAWN, RUN_WEIGHT};
use crate::fonts::FontSet;
use crate::template::{Align, Document, PageNumberPosition, Running, Template, TextStyle};

/// Rounding slack when comparing heights, pt.
const EPSILON: f32 = 0.01;

/// Rows stacked onto pages.
pub struct Paginated {
    pub pages: Vec<Page>,
    pub outline: Vec<OutlineEntry>,
    /// With each page, where its first line of text or table row comes from.
    pub starts: Vec<Option<Origin>>,
    /// What the pages hold to be drawn (see [`super::Layout::drawn`]); past [`MAX_DRAWN`]
    /// the stacking stopped, the pages unfinished.
    pub drawn: usize,
}

/// Stacks `rows` onto pages and numbers them. Stops once the pages hold more than
/// [`MAX_DRAWN`] to draw: a table's header repeated on thousands of pages took gigabytes.
pub fn paginate(rows: Vec<Row>, document: &Document, template: &Template, fonts: &FontSet) -> Paginated {
    let block = template.block;
    // The room a table's rule takes in its row: the foot of a cell a page breaks is drawn in it.
    let band = template.table_rule_band();
    let mut pages = vec![Page::default()];
    let mut starts: Vec<Option<Origin>> = vec![None];
    let mut outline = Vec::new();
    let mut y = 0.0f32;
    // Rows kept together that are taller than a page even from its top (a table's caption,
    // header and first rows when those rows are long) flow on: each row then breaks the page
    // only where it does not fit itself, instead of each opening a page of its own.
    let mut flowing = false;
    // The cells spanning rows on the page under way.
    let mut spans = PageSpans::default();
    let mut drawn = 0usize;
    let weight = |row: &Row| row.runs.iter().map(|run| run.glyphs.len() + RUN_WEIGHT).sum::<usize>();
    for (i, row) in rows.iter().enumerate() {
        if drawn > MAX_DRAWN {
            return Paginated { pages, outline, starts, drawn };
        }
        match row.kind {
            RowKind::PageBreak => {
                spans.finish(pages.last_mut().expect("a page"), block.top, band);
                pages.push(Page::default());
                y = 0.0;
                continue;
            }
            RowKind::Snap => {
                let pitch = template.line_pitch;
                y = ((y - EPSILON) / pitch).ceil().max(0.0) * pitch;
                continue;
            }
            // Set only above a repeated header, below.
            RowKind::Continued => continue,
            RowKind::Blank if y <= EPSILON => continue,
            RowKind::Blank if y + row.height > block.height + EPSILON => {
                spans.finish(pages.last_mut().expect("a page"), block.top, band);
                pages.push(Page::default());
                y = 0.0;
                continue;
            }
            _ => {}
        }
        let kept = if flowing { row.height } else { kept_height(&rows, i) };
        if y > EPSILON && y + kept > block.height + EPSILON {
            spans.finish(pages.last_mut().expect("a page"), block.top, band);
            pages.push(Page::default());
            y = 0.0;
            if let RowKind::TableBody { header } = row.kind {
                // The continuation line and the header row: every row from `header` up to the
                // table's first body row.
                let repeated = rows[header..].iter().take_while(|r| !matches!(r.kind, RowKind::TableBody { .. }));
                for repeat in repeated {
                    place(repeat, pages.last_mut().expect("a page"), block.top + y, &mut None);
                    drawn += weight(repeat);
                    y += repeat.height;
                }
            }
        }
        if !row.keep_with_next {
            flowing = false;
        } else if y <= EPSILON && kept_height(&rows, i) > block.height + EPSILON {
            flowing = true;
        }
        let page_index = pages.len() - 1;
        starts.resize(pages.len(), None);
        if starts[page_index].is_none() {
            starts[page_index] = row.origin;
        }
        let mut entry = None;
        place(row, &mut pages[page_index], block.top + y, &mut entry);
        drawn += weight(row);
        spans.add(row, y);
        if let Some((level, title)) = entry {
            outline.push(OutlineEntry { level, title, page: page_index, top: block.top + y });
        }
        y += row.height;
    }
    spans.finish(pages.last_mut().expect("a page"), block.top, band);
    if pages.len() > 1 && pages.last().is_some_and(|p| p.runs.is_empty() && p.rules.is_empty() && p.fills.is_empty()) {
        pages.pop();
    }
    starts.resize(pages.len(), None);
    let total = pages.len();
    // A cover counts as page 1 but shows neither header nor number (Word's "different first
    // page").
    let first = usize::from(template.cover.is_some());
    for (i, page) in pages.iter_mut().enumerate().skip(first) {
        number(page, i + 1, total, document, template, fonts);
        if let Some(header) = &template.header {
            let text = running_text(document, &header.text, i + 1, total);
            let baseline = template.block.top - header.above_block;
            let set = set_line(page, &text, &header.style, baseline, template, fonts);
            if header.rule > 0.0 && set {
                let y = baseline + header.style.size * 0.35;
                let block = template.block;
                page.rules.push(Rule { from: (block.left, y), to: (block.left + block.width, y), width: header.rule });
            }
        }
    }
    Paginated { pages, outline, starts, drawn }
}

/// The parts of cells spanning rows that the page under way holds, in the order they start.
#[derive(Default)]
struct PageSpans<'a> {
    parts: Vec<SpanPart<'a>>,
    /// The cells whose text a page has shown.
    shown: Vec<(usize, usize, usize)>,
}

/// One cell's part on a page: from `top` to `bottom`, pt below the block's top.
struct SpanPart<'a> {
    span: &'a Span,
    top: f32,
    bottom: f32,
    /// The cell ends on this page.
    ends: bool,
}

impl<'a> PageSpans<'a> {
    /// `row`, placed `y` below the block's top, covers its spans there.
    fn add(&mut self, row: &'a Row, y: f32) {
        for span in &row.spans {
            match self.parts.iter_mut().find(|p| p.span.id == span.id) {
                Some(part) => {
                    part.bottom = y + row.height;
                    part.ends |= span.last;
                }
                None => self.parts.push(SpanPart { span, top: y, bottom: y + row.height, ends: span.last }),
            }
        }
    }

    /// Draws each cell's text in the middle of its part of the page, and the foot of a cell
    /// the page breaks: the next page shows the text again under the repeated header. A part
    /// shorter than the text shows it only if no page has yet and none will (its text ran
    /// into the next cell's).
    fn finish(&mut self, page: &mut Page, block_top: f32, band: f32) {
        for part in self.parts.drain(..) {
            let fits = part.bottom - part.top >= part.span.height - EPSILON;
            if !fits && (!part.ends || self.shown.contains(&part.span.id)) {
                if !part.ends {
                    let (x0, x1) = part.span.x;
                    // In the middle of the rule band the part ends in, as the table's rows draw it.
                    let y = block_top + part.bottom - band / 2.0;
                    page.rules.push(Rule { from: (x0, y), to: (x1, y), width: part.span.rule });
                }
                continue;
            }
            self.shown.push(part.span.id);
            let top = part.top + ((part.bottom - part.top - part.span.height) / 2.0).max(0.0);
            for run in &part.span.runs {
                let mut run = run.clone();
                run.baseline += block_top + top;
                page.runs.push(run);
            }
            if !part.ends {
                let (x0, x1) = part.span.x;
                let y = block_top + part.bottom - band / 2.0;
                page.rules.push(Rule { from: (x0, y), to: (x1, y), width: part.span.rule });
            }
        }
    }
}

/// Height of row `i` with the rows it must stay with: the chain of keep-with-next rows from
/// it and the first row after the chain. Space between kept rows (the space above a heading
/// under a heading) does not end the chain: a heading followed by a subheading went on to
/// stand alone at a page's foot, its subheading and text on the next page (briefing).
fn kept_height(rows: &[Row], i: usize) -> f32 {
    let mut height = 0.0;
    for (k, row) in rows[i..].iter().enumerate() {
        if matches!(row.kind, RowKind::Snap | RowKind::Continued) {
            continue;
        }
        height += row.height;
        let spacing_in_chain = k > 0 && matches!(row.kind, RowKind::Blank);
        if !row.keep_with_next && !spacing_in_chain {
            break;
        }
    }
    height
}

/// Copies a row's content onto a page with its top at `top`.
fn place(row: &Row, page: &mut Page, top: f32, outline: &mut Option<(usize, String)>) {
    for run in &row.runs {
        let mut run = run.clone();
        run.baseline += top;
        page.runs.push(run);
    }
    for rule in &row.rules {
        let mut rule = *rule;
        rule.from.1 += top;
        rule.to.1 += top;
        page.rules.push(rule);
    }
    for fill in &row.fills {
        page.fills.push(Fill { y: fill.y + top, ..*fill });
    }
    if let Some(entry) = &row.outline {
        *outline = Some(entry.clone());
    }
}

/// A running pattern as printed on page `page` of `pages`.
fn running_text(document: &Document, pattern: &str, page: usize, pages: usize) -> String {
    document
        .running(pattern)
        .into_iter()
        .map(|piece| match piece {
            Running::Text(text) => text,
            Running::Page => page.to_string(),
            Running::Pages => pages.to_string(),
        })
        .collect()
}

/// Sets `text` on one line at `baseline`, placed in the block by the style's alignment;
/// false for empty text.
fn set_line(
    page: &mut Page,
    text: &str,
    style: &TextStyle,
    baseline: f32,
    template: &Template,
    fonts: &FontSet,
) -> bool {
    if text.trim().is_empty() {
        return false;
    }
    let block = template.block;
    let (glyphs, size) = fitted(text, style, block.width, template, fonts);
    let width: f32 = glyphs.iter().map(|g| g.advance).sum();
    let x = match style.align {
        Align::Left | Align::Justify => block.left,
        Align::Center => block.left + (block.width - width) / 2.0,
        Align::Right => block.left + block.width - width,
    };
    page.runs.extend(runs(&glyphs, &natural_positions(&glyphs), x, baseline, size, Ink::of(style)));
    true
}

/// Smallest share of its size a running line is set in to fit the block: a 67-character
/// title as the briefing's header (9 pt) needs 8 pt more than the block, and 80 % still reads.
const LEAST_RUNNING_SCALE: f32 = 0.8;

/// The glyphs of a running line (a header) that fit `width`, and their size: set smaller, to
/// a floor, then cut with an ellipsis, so that nothing of it stands past the block.
fn fitted(text: &str, style: &TextStyle, width: f32, template: &Template, fonts: &FontSet) -> (Vec<Glyph>, f32) {
    let shaped = |text: &str, size: f32| {
        let style = TextStyle { size, ..style.clone() };
        shape(text, &shape_style(template, fonts, &style, None), fonts).0
    };
    let measure = |glyphs: &[Glyph]| glyphs.iter().map(|g| g.advance).sum::<f32>();
    let glyphs = shaped(text, style.size);
    let natural = measure(&glyphs);
    if natural <= width {
        return (glyphs, style.size);
    }
    let size = (style.size * (width / natural).max(LEAST_RUNNING_SCALE) * 2.0).floor() / 2.0;
    let mut chars: Vec<char> = text.chars().collect();
    loop {
        let candidate: String = if chars.len() == text.chars().count() {
            chars.iter().collect()
        } else {
            chars.iter().chain(['…'].iter()).collect()
        };
        let glyphs = shaped(&candidate, size);
        if measure(&glyphs) <= width || chars.is_empty() {
            return (glyphs, size);
        }
        chars.pop();
    }
}

/// Adds page number `n` of `pages` below the text block: on the outer side, centred, left
/// or right.
fn number(page: &mut Page, n: usize, pages: usize, document: &Document, template: &Template, fonts: &FontSet) {
    let style = &template.page_number;
    let text = running_text(document, &style.format, n, pages);
    let size = style.style.size;
    let (glyphs, _) = shape(&text, &shape_style(template, fonts, &style.style, None), fonts);
    let width: f32 = glyphs.iter().map(|g| g.advance).sum();
    let block = template.block;
    let x = match style.position {
        PageNumberPosition::Center => block.left + (block.width - width) / 2.0,
        PageNumberPosition::Outer if n % 2 == 1 => block.left + block.width - style.inset - width,
        PageNumberPosition::Outer | PageNumberPosition::Left => block.left + style.inset,
        PageNumberPosition::Right => block.left + block.width - style.inset - width,
    };
    let baseline = block.top + block.height + style.below_block + ASCENT * size;
    page.runs.extend(runs(&glyphs, &natural_positions(&glyphs), x, baseline, size, Ink::of(&style.style)));
}
