//! DOCX writer: the styled document as a Word document with real styles (title, headings
//! with outline levels, body text, caption, table text), East Asian fonts on every style and
//! run, the template's page, grid and margins, page numbers as fields, and Word tables.
//!
//! docx-rs builds the parts; this module then packs them itself, deflated and with fixed
//! timestamps, replacing the core properties docx-rs cannot set (title, creator, dates).

mod chart;
mod numbering;
mod package;
mod schema;
mod theme;

use std::borrow::Cow;
use std::ops::Range;

use docx_rs::{
    AlignmentType, BorderType, BreakType, DocGrid, DocGridType, Docx, FieldCharType, Footer, Header, InstrText,
    LineSpacing, LineSpacingType, NumPages, PageMargin, PageNum, Paragraph, ParagraphBorder, ParagraphBorderPosition,
    ParagraphBorders, Pic, Run, RunFonts, Shading, ShdType, SpecialIndentType, Style, StyleType, Tab, TabValueType,
    Table, TableBorder, TableBorderPosition, TableBorders, TableCell, TableCellMargins, TableLayoutType, TableRow,
    VAlignType, VMergeType, WidthType,
};

use crate::error::{Error, Result};
use crate::fnv::Fnv1a;
use crate::layout::text::REPLACEMENT;
use crate::layout::{CellLines, CellPlace, KeyFiguresPanel, Layout, Origin, TableGeometry};
use crate::model::{is_han, ColumnAlign};
use crate::png::Picture;
use crate::template::{
    Align, Caption, Color, Document, DocxChart, Element, KeyFigure, PageNumberPosition, Punctuation, Running,
    TableContent, Template, TextStyle, PT_PER_MM,
};
use chart::WordChart;
use package::Package;

/// Twips (twentieths of a point) per point.
const TWIPS: f32 = 20.0;

/// Style ids, stable so that users' macros and templates can rely on them.
const BODY: &str = "BodyText";
const BODY_CONTINUED: &str = "BodyTextContinued";
const TITLE: &str = "Title";
const SUBTITLE: &str = "Subtitle";
const PERIOD: &str = "Period";
const DOC_NUMBER: &str = "DocNumber";
const CAPTION: &str = "Caption";
const TABLE_TEXT: &str = "TableText";
const TABLE_HEADER: &str = "TableHeader";
const CLOSING: &str = "Closing";
const ATTACHMENT: &str = "Attachment";
const ADDRESSEE: &str = "Addressee";
const PAGE_NUMBER: &str = "PageNumber";
const RUNNING_HEADER: &str = "Header";
const KEY_FIGURE: &str = "KeyFigure";
const COVER_TITLE: &str = "CoverTitle";
const COVER_TEXT: &str = "CoverText";
const KEY_FIGURE_LABEL: &str = "KeyFigureLabel";

/// A font to carry in the DOCX, so that it looks the same where the font is not installed.
pub struct EmbeddedFont {
    /// The template's key of the font (its role), e.g. "fang".
    pub key: String,
    /// Its family name, which the document's runs then name.
    pub name: String,
    /// The bold face of its family (runs in it are then marked bold).
    pub bold: bool,
    /// The font file (a subset of what the document uses).
    pub data: Vec<u8>,
}

/// Renders `document` under `template` as DOCX bytes; `layout` is the PDF's layout, whose
/// table columns and page count the DOCX takes, and `pictures` its charts, in document
/// order; `embedded` the fonts to carry (none: the document names the template's DOCX
/// typefaces); `bold_faces` the template's font keys whose faces are bold (a bold face named
/// by a plain typeface, 宋体 for Noto Serif SC Bold, is set bold).
pub fn write(
    document: &Document,
    template: &Template,
    layout: &Layout,
    pictures: &[Picture],
    embedded: &[EmbeddedFont],
    bold_faces: &[String],
) -> Result<Vec<u8>> {
    let styles = Styles { template, embedded, bold_faces };
    let mut tables = layout.tables.iter();
    let mut key_figure_panels = layout.key_figures.iter();
    // Document defaults (Word's Normal): the body's font and size.
    let body = &template.body;
    let mut pictures = pictures.iter();
    let mut drawings = layout.charts.iter();
    let mut word_charts: Vec<WordChart> = Vec::new();
    let mut docx = Docx::new().default_fonts(styles.fonts(body)).default_size(half_points(body.size));
    for style in styles.all() {
        docx = docx.add_style(style);
    }
    if !template.headings.is_empty() {
        let (list, number) = numbering::heading_list(template, heading_id);
        docx = docx.add_abstract_numbering(list).add_numbering(number);
        // docx-rs relates the numbering part only when a paragraph of its own names a list;
        // here the styles do.
        docx.document_rels.has_numberings = true;
    }
    // The first paragraph after a cover starts a page.
    let mut after_cover = false;
    for (index, element) in document.elements.iter().enumerate() {
        let breaks = layout.display_breaks.get(&index);
        docx = match element {
            Element::DocNumber(text) => docx.add_paragraph(
                styles
                    .display(DOC_NUMBER, &template.doc_number, text, breaks)
                    .page_break_before(std::mem::take(&mut after_cover)),
            ),
            Element::Title(text) => {
                let mut title = styles
                    .display(TITLE, &template.title, text, breaks)
                    .page_break_before(std::mem::take(&mut after_cover));
                // The blank lines under the title go under its subtitle or period, as the PDF
                // sets them.
                if !document.ends_title_block(index) {
                    title = title.line_spacing(styles.display_spacing(template.title.size, 0));
                }
                docx.add_paragraph(title)
            }
            Element::Subtitle(text) => {
                let mut subtitle = styles.display(SUBTITLE, &template.subtitle, text, breaks);
                if !document.ends_title_block(index) {
                    subtitle = subtitle.line_spacing(styles.display_spacing(template.subtitle.size, 0));
                }
                docx.add_paragraph(subtitle)
            }
            Element::Period(text) => {
                let style = template.period_style();
                docx.add_paragraph(styles.display(PERIOD, style, text, breaks))
            }
            Element::Addressees(text) => docx.add_paragraph(styles.paragraph(ADDRESSEE, &template.body, text)),
            Element::KeyFigures(figures) => {
                let panel = key_figure_panels
                    .next()
                    .ok_or_else(|| Error::Output("a key-figures panel was not laid out".into()))?;
                // The blank line under the panel, as the PDF leaves it.
                let pitch = twips_down(template.line_pitch);
                let blank = Paragraph::new()
                    .style(BODY)
                    .line_spacing(LineSpacing::new().line_rule(LineSpacingType::Exact).line(pitch).before(0).after(0));
                docx.add_table(styles.key_figures(figures, panel)).add_paragraph(blank)
            }
            Element::Cover { title, subtitle, issuer, date } => {
                let style = template.cover.as_ref().ok_or_else(|| Error::Output("a cover without its style".into()))?;
                let before = |paragraph: Paragraph, pt: f32, size: f32| {
                    paragraph.line_spacing(
                        LineSpacing::new()
                            .line_rule(LineSpacingType::Exact)
                            .line(twips_down(template.line_height(size)))
                            .before(twips_down(pt).max(0) as u32),
                    )
                };
                let title = styles.display(COVER_TITLE, &style.title, title, breaks);
                docx = docx.add_paragraph(before(title, style.title_top, style.title.size));
                if let Some(subtitle) = subtitle {
                    let line = template.line_height(style.text.size);
                    let subtitle = styles.paragraph(COVER_TEXT, &style.text, subtitle);
                    docx = docx.add_paragraph(before(subtitle, line, style.text.size));
                }
                // The cover's lines fill the block to its last twip, and LibreOffice keeps a few
                // points above the footer: the foot stands 12 pt higher than in the PDF. The page
                // breaks before the next paragraph (a break after the date would take a line).
                let mut gap = layout.cover_gap - 12.0;
                for line in [issuer, date].into_iter().flatten() {
                    let paragraph = styles.paragraph(COVER_TEXT, &style.text, line);
                    docx = docx.add_paragraph(before(paragraph, std::mem::take(&mut gap), style.text.size));
                }
                after_cover = true;
                docx
            }
            Element::Heading { level, number, text } => {
                // The number is the style's list number (see `numbering`); the layout's
                // breaks count its characters.
                let shift = number.chars().count();
                let breaks: Vec<usize> = breaks.into_iter().flatten().map(|b| b.saturating_sub(shift)).collect();
                docx.add_paragraph(styles.display(
                    &heading_id(*level),
                    &template.headings[level - 1].style,
                    text,
                    Some(&breaks),
                ))
            }
            Element::Paragraph(text) => {
                // The signature never stands alone on a page (GB/T 9704 7.3.5.4): where the
                // layout took the last lines of the text before it over to its page, the DOCX
                // breaks the page there. Word and LibreOffice would keep the whole paragraph
                // with the signature (and its heading with it), emptying half a page.
                let signed = signed_after(document, index);
                let page_break = layout.page_starts.iter().flatten().find_map(|origin| match *origin {
                    Origin::Line { element, offset } if signed && element == index && offset > 0 => Some(offset),
                    _ => None,
                });
                match page_break {
                    Some(offset) => {
                        let (before, after) = styles.paragraph_broken_at(&template.body, text, offset);
                        docx.add_paragraph(before).add_paragraph(after)
                    }
                    None => docx.add_paragraph(styles.display(BODY, &template.body, text, breaks)),
                }
            }
            Element::Table(table) => {
                if let Some(caption) = &table.caption {
                    // The caption keeps with its table.
                    docx = docx
                        .add_paragraph(styles.caption(&template.table.caption_style, caption, breaks).keep_next(true));
                }
                let geometry = tables.next().ok_or_else(|| Error::Output("a table was not laid out".into()))?;
                // Split where the PDF's pages part it, each later part under the continuation
                // line and the header again (续表), as a clerk splits a table in Word: Word
                // repeats a header row but has no line that shows only on later pages.
                let parts = table_parts(table, index, &layout.page_starts);
                let continued = template.table.continued.as_ref().filter(|_| parts.len() > 1);
                for (i, rows) in parts.into_iter().enumerate() {
                    if let (Some(pattern), true) = (continued, i > 0) {
                        let line = styles
                            .continued(&template.table.caption_style, pattern, table.caption.as_ref())
                            .align(alignment(template.table.continued_align))
                            .page_break_before(true)
                            .keep_next(true);
                        docx = docx.add_paragraph(line);
                    }
                    docx = docx.add_table(styles.table(table, geometry, rows));
                }
                match template.space_after_blocks().and_then(spacer) {
                    Some(space) => docx.add_paragraph(space),
                    None => docx,
                }
            }
            Element::Chart(chart) => {
                let drawing = drawings.next().ok_or_else(|| Error::Output("a chart was not laid out".into()))?;
                // The caption under the figure, as in the PDF; the figure keeps with it.
                let figure = Paragraph::new().align(AlignmentType::Center).keep_next(true);
                let figure = match template.chart.docx {
                    DocxChart::Chart => {
                        word_charts.push(WordChart {
                            content: chart,
                            drawing,
                            typeface: styles.typeface(&template.chart.label.font),
                            colors: (template.chart.bar_color, template.chart.negative_color),
                            date: report_date(document),
                        });
                        figure.add_run(Run::new().add_text(chart_marker(word_charts.len())))
                    }
                    DocxChart::Picture => {
                        let picture = pictures.next().ok_or_else(|| Error::Output("a chart was not drawn".into()))?;
                        let (w, h) = picture.size;
                        let pic = Pic::new_with_dimensions(picture.png.clone(), picture.pixels.0, picture.pixels.1)
                            .size(emu(w), emu(h));
                        figure.add_run(Run::new().add_image(pic))
                    }
                };
                // The caption keeps with the text after it where the PDF keeps it, over the
                // space; a paragraph property, as the Caption style keeps with nothing.
                let kept = drawing.caption_keeps_with_next;
                let caption = styles.caption(&template.chart.caption_style, &chart.caption, breaks).keep_next(kept);
                let docx = docx.add_paragraph(figure).add_paragraph(caption);
                match template.space_after_blocks().and_then(spacer) {
                    Some(space) => docx.add_paragraph(space.keep_next(kept)),
                    None => docx,
                }
            }
            Element::PageBreak => docx.add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page))),
            Element::Closing { issuer, date } => {
                let style = &template.closing.style;
                // Whole grid lines above, in the same rounded-down twips as every line, so
                // that a closing that ends a page in the PDF ends it here too.
                let pitch = twips_down(template.line_pitch);
                let mut before = template.closing.lines_before as u32 * pitch as u32;
                // A joint issue (names parted by spaces) signs one issuer a line, as the PDF
                // does; every line but the date's keeps with the next.
                let lines: Vec<&str> =
                    issuer.iter().flat_map(|i| i.split_whitespace()).chain(date.as_deref()).collect();
                for (i, line) in lines.iter().enumerate() {
                    let inset = layout.closing_insets.get(i).map(|&pt| twips(pt));
                    let paragraph = styles
                        .paragraph(CLOSING, style, line)
                        .indent(None, None, inset, None)
                        .line_spacing(
                            LineSpacing::new()
                                .line_rule(LineSpacingType::Exact)
                                .line(pitch)
                                .before(std::mem::take(&mut before)),
                        )
                        .keep_next(i + 1 < lines.len());
                    docx = docx.add_paragraph(paragraph);
                }
                docx
            }
            Element::Attachments(note) => {
                // Indents in characters, as a clerk sets them in Word, of the widths the PDF
                // sets: the label and the number hang, a name's further lines stand under its
                // first character.
                let indents = layout
                    .attachments
                    .as_ref()
                    .ok_or_else(|| Error::Output("the attachments note was not laid out".into()))?;
                let cell = template.grid_cell().unwrap_or(template.body.size);
                let chars = |pt: f32| (pt / cell * 100.0).round() as i32;
                let indent = template.first_line_indent * cell;
                let pitch = twips_down(template.line_pitch);
                for (i, item) in note.items.iter().enumerate() {
                    let number = indents.numbers.get(i).copied().unwrap_or(0.0);
                    let (text, hanging) = if i == 0 {
                        (format!("{}{}", note.label, item.text()), indents.label + number)
                    } else {
                        (item.text(), number)
                    };
                    let left = indent + indents.label + number;
                    let mut paragraph = styles.paragraph(ATTACHMENT, &template.body, &text).indent(
                        Some(twips(left)),
                        Some(SpecialIndentType::Hanging(twips(hanging))),
                        None,
                        Some(chars(left)),
                    );
                    if i == 0 {
                        paragraph = paragraph.line_spacing(
                            LineSpacing::new().line_rule(LineSpacingType::Exact).line(pitch).before(pitch as u32),
                        );
                    }
                    // The note in one piece, and with the signature after it, as the PDF keeps
                    // them: Word and LibreOffice left the note on a page and the signature
                    // alone on the next.
                    let kept = i + 1 < note.items.len() || signed_after(document, index);
                    docx = docx.add_paragraph(paragraph.keep_next(kept));
                }
                docx
            }
        };
    }
    docx = page_setup(docx, document, template, &styles);
    let mut parts = docx.build();
    parts.doc_props.core = core_properties(document).into_bytes();
    parts.doc_props.app = app_properties(document, template, layout.pages.len()).into_bytes();
    parts.document = schema::finish(&repeat_header_rows(&parts.document));
    // Chinese text: East Asian language zh-CN by default (Word's proofing and punctuation).
    // Latin letters and digits kerned at every size, as the PDF kerns them (its Latin runs
    // are shaped with the fonts' kerning): unkerned, "*.*%" and the like stood 3.1 pt wider
    // in LibreOffice, and briefing's lines broke one character early (88 % of lines as the
    // PDF's on a 12-page report, 97 % kerned).
    let styles_xml = insert_before(
        &parts.styles,
        "</w:rPr></w:rPrDefault>",
        r#"<w:kern w:val="2" /><w:lang w:val="en-US" w:eastAsia="zh-CN" />"#,
    );
    let styles_xml = default_paragraph_style(&styles_xml, body.size);
    let styles_xml = with_paragraph_defaults(&styles_xml, &paragraph_defaults(template));
    let styles_xml = indent_in_characters(&styles_xml, template, &styles);
    parts.styles = schema::finish(&styles_xml);
    parts.font_table = font_table(template, embedded);
    if !embedded.is_empty() {
        parts.settings =
            insert_before(&parts.settings, "</w:settings>", "<w:embedTrueTypeFonts /><w:saveSubsetFonts />");
        parts.content_type = insert_before(
            &parts.content_type,
            "</Types>",
            r#"<Default Extension="odttf" ContentType="application/vnd.openxmlformats-officedocument.obfuscatedFont" />"#,
        );
    }
    // A line that ends early in a justified paragraph (see `Layout::display_breaks`) is
    // justified as the PDF sets it: docx-rs asks Word not to expand lines that end in a break.
    // Space after a paragraph and space before the next add up, as in the PDF and in Word:
    // LibreOffice otherwise takes the larger of the two for a Word document (HTML's rule),
    // and a heading after body text stood 6.3 pt higher on briefing, a page taking two lines
    // more than the PDF's. The flag sits before `useFELayout`, in the schema's order.
    parts.settings = String::from_utf8_lossy(&parts.settings)
        .replace("<w:doNotExpandShiftReturn />", "")
        .replace("<w:useFELayout />", "<w:doNotUseHTMLParagraphAutoSpacing /><w:useFELayout />")
        .into_bytes();
    parts.settings = schema::finish(&parts.settings);
    parts.numberings = schema::finish(&parts.numberings);
    parts.footers = parts.footers.iter().map(|footer| schema::finish(footer)).collect();
    parts.headers = parts.headers.iter().map(|header| schema::finish(header)).collect();
    // Word expects a theme; docx-rs writes none.
    let theme = theme::theme(&styles.typeface(&template.body.font), &styles.typeface(&template.headings[0].style.font));
    parts.document_rels = insert_before(
        &parts.document_rels,
        "</Relationships>",
        r#"<Relationship Id="rIdTheme1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml" />"#,
    );
    parts.content_type = insert_before(
        &parts.content_type,
        "</Types>",
        r#"<Override PartName="/word/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml" />"#,
    );
    let mut extra = vec![("word/theme/theme1.xml".to_owned(), theme.into_bytes())];
    extra.extend(embedded_parts(embedded));
    if !word_charts.is_empty() {
        parts.content_type = insert_before(
            &parts.content_type,
            "</Types>",
            &format!(r#"<Default Extension="xlsx" ContentType="{}" />"#, chart::WORKBOOK_CONTENT_TYPE),
        );
    }
    // Each chart's run, relationship and content type gathered, then each part rewritten
    // once: rewriting the document for each chart was quadratic (5,000 charts: 65 s; 6.8 s
    // in one pass).
    let (mut runs, mut relationships, mut overrides) = (Vec::new(), String::new(), String::new());
    for (i, word_chart) in word_charts.iter().enumerate() {
        let n = i + 1;
        let relationship = format!("rIdChart{n}");
        // Drawing ids above docx-rs's, which numbers its pictures from 1.
        runs.push(word_chart.run(&relationship, 10_000 + n));
        relationships.push_str(&format!(
            r#"<Relationship Id="{relationship}" Type="{}" Target="charts/chart{n}.xml" />"#,
            chart::CHART_RELATIONSHIP
        ));
        overrides.push_str(&format!(
            r#"<Override PartName="/word/charts/chart{n}.xml" ContentType="{}" />"#,
            chart::CHART_CONTENT_TYPE
        ));
        let chart_parts = word_chart.parts(n)?;
        extra.push((format!("word/charts/chart{n}.xml"), chart_parts.chart));
        extra.push((format!("word/charts/_rels/chart{n}.xml.rels"), chart_parts.rels));
        extra.push((format!("word/embeddings/Microsoft_Excel_Worksheet{n}.xlsx"), chart_parts.workbook));
    }
    if !runs.is_empty() {
        parts.document = replace_marker_runs(&parts.document, &runs);
        parts.document_rels = insert_before(&parts.document_rels, "</Relationships>", &relationships);
        parts.content_type = insert_before(&parts.content_type, "</Types>", &overrides);
    }
    pack(parts, extra)
}

/// The body rows of `table` (element `index`) in the parts its pages part it into: split
/// before each row that starts a page, unless a cell spanning rows would be cut.
fn table_parts(table: &TableContent, index: usize, starts: &[Option<Origin>]) -> Vec<Range<usize>> {
    let splits: Vec<usize> = starts
        .iter()
        .flatten()
        .filter_map(|origin| match *origin {
            Origin::TableRow { element, row } if element == index && row > 0 => Some(row),
            _ => None,
        })
        .collect();
    let cut = |split: usize| {
        table.rows.iter().enumerate().any(|(r, row)| row.iter().any(|c| r < split && split < r + c.rowspan))
    };
    if splits.iter().any(|&split| cut(split)) {
        let whole = 0..table.rows.len();
        return vec![whole];
    }
    let mut parts = Vec::with_capacity(splits.len() + 1);
    let mut start = 0;
    for split in splits {
        parts.push(start..split);
        start = split;
    }
    parts.push(start..table.rows.len());
    parts
}

/// The text of the run that stands for Word chart `n` until the chart's run replaces it.
fn chart_marker(n: usize) -> String {
    format!("\u{E000}baogao-chart-{n}\u{E000}")
}

/// `xml` with the run holding the marker of chart `n` replaced by `runs[n - 1]`, for each
/// chart: the markers stand in the document in the charts' order, so one pass finds them.
fn replace_marker_runs(xml: &[u8], runs: &[String]) -> Vec<u8> {
    let text = String::from_utf8_lossy(xml);
    let mut out = String::with_capacity(text.len() + runs.iter().map(String::len).sum::<usize>());
    let mut done = 0;
    for (i, run) in runs.iter().enumerate() {
        let marker = chart_marker(i + 1);
        let Some(at) = text[done..].find(&marker).map(|at| done + at) else { continue };
        let start = text[done..at].rfind("<w:r>").map_or(at, |r| done + r);
        let end = text[at..].find("</w:r>").map_or(at + marker.len(), |e| at + e + "</w:r>".len());
        out.push_str(&text[done..start]);
        out.push_str(run);
        done = end;
    }
    out.push_str(&text[done..]);
    out.into_bytes()
}

/// The report's date as year, month and day (the first of January 2000 without one), for
/// the dates inside parts that must stay the same run to run.
fn report_date(document: &Document) -> (u16, u8, u8) {
    let parse = |date: &str| -> Option<(u16, u8, u8)> {
        let mut parts = date.splitn(3, '-');
        Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?, parts.next()?.get(..2)?.parse().ok()?))
    };
    document.date.as_deref().and_then(parse).unwrap_or((2000, 1, 1))
}

/// The parts that carry embedded fonts: each font obfuscated as Word does (its first 32
/// bytes XORed with its key, ECMA-376 Part 1, 17.8.1), and the font table's relationships.
fn embedded_parts(embedded: &[EmbeddedFont]) -> Vec<(String, Vec<u8>)> {
    if embedded.is_empty() {
        return Vec::new();
    }
    let mut rels = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
    ));
    let mut parts = Vec::new();
    for (i, font) in embedded.iter().enumerate() {
        let n = i + 1;
        rels.push_str(&format!(
            r#"<Relationship Id="rIdFont{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/font" Target="fonts/font{n}.odttf" />"#
        ));
        let key = font_key(&font.data);
        let mut data = font.data.clone();
        for (i, byte) in data.iter_mut().take(32).enumerate() {
            *byte ^= key[i % 16];
        }
        parts.push((format!("word/fonts/font{n}.odttf"), data));
    }
    rels.push_str("</Relationships>");
    parts.push(("word/_rels/fontTable.xml.rels".to_owned(), rels.into_bytes()));
    parts
}

/// A font's obfuscation key: 16 bytes derived from its content (so the same input gives the
/// same file), in the order the XOR uses them.
fn font_key(data: &[u8]) -> [u8; 16] {
    let hash = |mut hash: Fnv1a| {
        hash.feed(data);
        hash.finish().to_be_bytes()
    };
    let mut key = [0u8; 16];
    key[..8].copy_from_slice(&hash(Fnv1a::default()));
    key[8..].copy_from_slice(&hash(Fnv1a::with_seed(0x8422_2325_cbf2_9ce4)));
    key
}

/// The key as the GUID the font table names: its bytes, reversed, as hexadecimal digits.
fn font_guid(key: &[u8; 16]) -> String {
    let hex: String = key.iter().rev().map(|b| format!("{b:02X}")).collect();
    format!("{{{}-{}-{}-{}-{}}}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

/// The font table: each typeface the template names for the DOCX, with the bundled family it
/// stands for as its alternate name, so that a word processor without the typeface knows
/// what to substitute; and the embedded fonts, with their keys.
fn font_table(template: &Template, embedded: &[EmbeddedFont]) -> Vec<u8> {
    let mut seen = std::collections::BTreeSet::new();
    let mut fonts = String::new();
    for font in embedded {
        if !seen.insert(font.name.as_str()) {
            continue;
        }
        // A family's regular and bold faces are one entry (the schema orders them so).
        let mut faces: Vec<(usize, &EmbeddedFont)> =
            embedded.iter().enumerate().filter(|(_, e)| e.name == font.name).collect();
        faces.sort_by_key(|(_, e)| e.bold);
        let embeds: String = faces
            .iter()
            .map(|(i, e)| {
                let element = if e.bold { "embedBold" } else { "embedRegular" };
                format!(
                    r#"<w:{element} r:id="rIdFont{}" w:fontKey="{}" w:subsetted="1" />"#,
                    i + 1,
                    font_guid(&font_key(&e.data))
                )
            })
            .collect();
        fonts.push_str(&format!(
            r#"<w:font w:name="{}"><w:charset w:val="86" /><w:family w:val="auto" /><w:pitch w:val="variable" />{embeds}</w:font>"#,
            xml_escape(&font.name),
        ));
    }
    let mut named = std::collections::BTreeSet::new();
    for spec in template.fonts.values() {
        // The office's typefaces under the names the template chooses, the other names as
        // alternates; another typeface with the bundled family it stands for.
        let (name, office_alternate) = template.docx_font_names.names(&spec.docx);
        if embedded.iter().any(|e| e.key == spec.key) || seen.contains(name.as_str()) || !named.insert(name.clone()) {
            continue;
        }
        let alternate = office_alternate.filter(|a| *a != name).or_else(|| spec.family().map(str::to_owned));
        let alternate = alternate.map(|f| format!(r#"<w:altName w:val="{}" />"#, xml_escape(&f))).unwrap_or_default();
        fonts.push_str(&format!(
            r#"<w:font w:name="{}">{alternate}<w:charset w:val="86" /><w:family w:val="auto" /><w:pitch w:val="variable" /></w:font>"#,
            xml_escape(&name)
        ));
    }
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
            r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">{}</w:fonts>"#
        ),
        fonts
    )
    .into_bytes()
}

/// `xml` with `insertion` put before the last `before`.
fn insert_before(xml: &[u8], before: &str, insertion: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(xml);
    match text.rfind(before) {
        Some(at) => format!("{}{insertion}{}", &text[..at], &text[at..]).into_bytes(),
        None => xml.to_vec(),
    }
}

/// A style whose paragraphs stay on the page of the next one (headings, titles), as the
/// PDF keeps them.
fn kept_with_next(mut style: Style) -> Style {
    style.paragraph_property = style.paragraph_property.keep_next(true);
    style
}

/// A heading style bound to its level of the headings' list, which writes its number.
fn numbered(mut style: Style, level: usize) -> Style {
    let (list, level) = numbering::heading_level(level);
    style.paragraph_property = style.paragraph_property.numbering(list, level);
    style
}

fn heading_id(level: usize) -> String {
    format!("Heading{level}")
}

fn twips(pt: f32) -> i32 {
    (pt * TWIPS).round() as i32
}

/// Whole twips not above `pt`: lengths that must add up to no more than the block.
fn twips_down(pt: f32) -> i32 {
    (pt * TWIPS).floor() as i32
}

/// Builders that know the template and the fonts the document carries.
struct Styles<'a> {
    template: &'a Template,
    embedded: &'a [EmbeddedFont],
    bold_faces: &'a [String],
}

impl Styles<'_> {
    /// The typeface the document names for a template font: the embedded family when the
    /// document carries it, else the template's DOCX name.
    fn typeface(&self, key: &str) -> String {
        match self.embedded.iter().find(|e| e.key == key) {
            Some(font) => font.name.clone(),
            None => self.template.docx_font_names.names(&self.template.font(key).docx).0,
        }
    }

    /// Whether text in this template font is set in an embedded bold face.
    fn bold(&self, key: &str) -> bool {
        self.bold_faces.iter().any(|k| k == key) || self.embedded.iter().any(|e| e.key == key && e.bold)
    }

    /// East Asian and Latin fonts of a style: the typeface named for the DOCX.
    fn fonts(&self, style: &TextStyle) -> RunFonts {
        let name = self.typeface(&style.font);
        RunFonts::new().ascii(&name).hi_ansi(&name).east_asia(&name).cs(&name)
    }

    /// A run of `text`, marked as East Asian text: Word would draw the marks that Unicode
    /// shares between Chinese and Western text (“ ” ‘ ’ — … ·) in the Latin font, at Latin
    /// width, and LibreOffice would draw neutral ASCII marks (* % .) in a fallback font.
    fn run(&self, style: &TextStyle, text: &str) -> Run {
        let fonts = self.fonts(style).hint("eastAsia");
        let text = signs_kept_with_figures(&xml_safe(text)).into_owned();
        let mut run = Run::new().add_text(text).fonts(fonts).size(half_points(style.size));
        if style.bold || self.bold(&style.font) {
            run = run.bold();
        }
        if style.color != Color::BLACK {
            run = run.color(style.color.hex());
        }
        run
    }

    /// The key figures panel (its figures in `size`, as the PDF sets them): a borderless
    /// table of shaded boxes with narrow empty columns between them.
    fn key_figures(&self, figures: &[KeyFigure], panel: &KeyFiguresPanel) -> Table {
        let t = self.template;
        let style = t.key_figures.as_ref().expect("key figures come only with a template's panel");
        let count = figures.len() as f32;
        let gap = twips(style.gap) as usize;
        let width = twips((t.block.width - style.gap * (count - 1.0)) / count) as usize;
        let value = TextStyle { size: panel.size, ..style.value.clone() };
        let mut cells = Vec::new();
        let mut grid = Vec::new();
        for (i, figure) in figures.iter().enumerate() {
            if i > 0 {
                cells.push(TableCell::new().width(gap, WidthType::Dxa).add_paragraph(Paragraph::new()));
                grid.push(gap);
            }
            let mut cell = TableCell::new()
                .width(width, WidthType::Dxa)
                .shading(Shading::new().shd_type(ShdType::Clear).fill(style.fill.hex()))
                .add_paragraph(self.paragraph(KEY_FIGURE, &value, &figure.value));
            // The labels broken between words where the PDF breaks them: a word processor
            // would fill each line to the box's edge ("新签约亿元以上项|目").
            let breaks = panel.label_breaks.get(i);
            for (k, text) in std::iter::once(&figure.name).chain(&figure.change).enumerate() {
                let at = breaks.and_then(|b| b.get(k));
                cell = cell.add_paragraph(self.display(KEY_FIGURE_LABEL, &style.label, text, at));
            }
            cells.push(cell);
            grid.push(width);
        }
        let pad = twips(style.label.size * 0.8) as usize;
        let margins = TableCellMargins::new().margin_top(pad, WidthType::Dxa).margin_bottom(pad, WidthType::Dxa);
        let total = grid.iter().sum();
        Table::new(vec![TableRow::new(cells).cant_split()])
            .set_grid(grid)
            .width(total, WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
            .set_borders(TableBorders::with_empty())
            .margins(margins)
    }

    fn paragraph(&self, id: &str, style: &TextStyle, text: &str) -> Paragraph {
        Paragraph::new().style(id).add_run(self.run(style, text))
    }

    /// A paragraph parted where its text from the character offset `at` on starts a page:
    /// the rest goes on as a paragraph of its own (Body Text Continued: no first-line
    /// indent) that starts the page. A page break inside the paragraph would keep it one, but
    /// LibreOffice 7.4 sets the lines after such a break at two grid cells a character.
    fn paragraph_broken_at(&self, style: &TextStyle, text: &str, at: usize) -> (Paragraph, Paragraph) {
        let split = text.char_indices().nth(at).map_or(text.len(), |(byte, _)| byte);
        let (before, after) = text.split_at(split);
        (
            Paragraph::new().style(BODY).add_run(self.run(style, before)),
            Paragraph::new().style(BODY_CONTINUED).page_break_before(true).add_run(self.run(style, after)),
        )
    }

    /// A display paragraph (a title, a caption) broken where the PDF breaks it (`breaks`:
    /// the character offsets its later lines start at), so that Word neither breaks it
    /// inside a word nor balances it otherwise.
    fn display(&self, id: &str, style: &TextStyle, text: &str, breaks: Option<&Vec<usize>>) -> Paragraph {
        let breaks = breaks.map_or(&[][..], Vec::as_slice);
        self.broken_runs(style, text, breaks).into_iter().fold(Paragraph::new().style(id), Paragraph::add_run)
    }

    /// A caption broken where the PDF breaks it, its number a SEQ field counting in the
    /// caption's sequence (表, 图), as Word's Insert Caption writes it: a table a clerk inserts
    /// above renumbers the rest. The field's result is the PDF's number, so the document
    /// reads the same before any field is updated.
    fn caption(&self, style: &TextStyle, caption: &Caption, breaks: Option<&Vec<usize>>) -> Paragraph {
        self.numbered_caption(style, caption, breaks.map_or(&[][..], Vec::as_slice), "\\* ARABIC")
    }

    /// A caption whose number is the field `SEQ <sequence> <switches>`.
    fn numbered_caption(&self, style: &TextStyle, caption: &Caption, breaks: &[usize], switches: &str) -> Paragraph {
        let Some(number) = caption.number_at.clone() else {
            return self.display(CAPTION, style, &caption.text, Some(&breaks.to_vec()));
        };
        let chars: Vec<char> = caption.text.chars().collect();
        let end = number.end.min(chars.len());
        let start = number.start.min(end);
        let before: String = chars[..start].iter().collect();
        let digits: String = chars[start..end].iter().collect();
        let after: String = chars[end..].iter().collect();
        let before_breaks: Vec<usize> = breaks.iter().copied().filter(|&b| b > 0 && b < start).collect();
        let after_breaks: Vec<usize> = breaks.iter().filter(|&&b| b >= end).map(|&b| b - end).collect();
        let mut runs = self.broken_runs(style, &before, &before_breaks);
        if breaks.contains(&start) && start > 0 {
            runs.push(Run::new().add_break(BreakType::TextWrapping));
        }
        let field = |run: Run| run.fonts(self.fonts(style).hint("eastAsia")).size(half_points(style.size));
        runs.push(field(Run::new().add_field_char(FieldCharType::Begin, false)));
        runs.push(field(
            Run::new().add_instr_text(InstrText::Unsupported(format!(" SEQ {} {switches} ", caption.sequence))),
        ));
        runs.push(field(Run::new().add_field_char(FieldCharType::Separate, false)));
        runs.push(self.run(style, &digits));
        runs.push(field(Run::new().add_field_char(FieldCharType::End, false)));
        runs.extend(self.broken_runs(style, &after, &after_breaks));
        runs.into_iter()
            .filter(|run| !run.children.is_empty())
            .fold(Paragraph::new().style(CAPTION), Paragraph::add_run)
    }

    /// The line over a table's later part ("续表3"), its number the table caption's repeated
    /// (`SEQ 表 \c`), so that it follows when the captions renumber.
    fn continued(&self, style: &TextStyle, pattern: &str, caption: Option<&Caption>) -> Paragraph {
        let number = caption.map(|c| c.number.to_string()).unwrap_or_default();
        let text = pattern.replace("{n}", &number);
        let (Some(caption), Some((before, _))) = (caption, pattern.split_once("{n}")) else {
            return self.paragraph(CAPTION, style, &text);
        };
        let start = before.chars().count();
        let line = Caption {
            text,
            number: caption.number,
            number_at: Some(start..start + number.chars().count()),
            sequence: caption.sequence.clone(),
        };
        self.numbered_caption(style, &line, &[], "\\c \\* ARABIC")
    }

    /// Runs of `text` broken by line breaks before the character offsets `breaks`.
    fn broken_runs(&self, style: &TextStyle, text: &str, breaks: &[usize]) -> Vec<Run> {
        let chars: Vec<char> = text.chars().collect();
        let mut runs = Vec::with_capacity(breaks.len() + 1);
        let mut start = 0;
        for &end in breaks.iter().chain([&chars.len()]) {
            let end = end.clamp(start, chars.len());
            let line: String = chars[start..end].iter().collect();
            let mut run = self.run(style, line.trim_end());
            if end < chars.len() {
                run = run.add_break(BreakType::TextWrapping);
            }
            runs.push(run);
            start = end;
        }
        runs
    }

    /// A paragraph style with the template's font, size, alignment and exact line pitch. On
    /// a grid, text in the body size stands on the section's character grid, narrowed to its
    /// cell as the PDF measures it (`Template::width_scale`); text in other sizes (a title,
    /// a caption in 四号) is set off the grid, as in the PDF, where the grid would give each
    /// of its characters whole cells.
    fn style(&self, id: &str, name: &str, style: &TextStyle) -> Style {
        let t = self.template;
        let mut word = Style::new(id, StyleType::Paragraph)
            .name(name)
            .fonts(self.fonts(style))
            .size(half_points(style.size))
            .align(alignment(style.align))
            .line_spacing(
                LineSpacing::new()
                    .line_rule(LineSpacingType::Exact)
                    .line(twips_down(t.line_height(style.size)))
                    .before(0)
                    .after(0),
            );
        // Bold and colour in the style too, not only on the runs: Word and LibreOffice draw a
        // heading's list number in the style's look.
        if style.bold || self.bold(&style.font) {
            word = word.bold();
        }
        if style.color != Color::BLACK {
            word = word.color(style.color.hex());
        }
        let scale = t.width_scale(style);
        if scale < 100 {
            word.run_property = word.run_property.stretch(scale as i32);
        }
        if t.grid.is_some() && !t.on_grid(style) {
            word = word.snap_to_grid(false);
        }
        word
    }

    /// Cell text: off the document grid (which would round every line up to a grid pitch) at
    /// the template's cell leading, as the PDF sets it.
    fn cell_style(&self, id: &str, name: &str, style: &TextStyle) -> Style {
        let leading = twips(style.size * self.template.table.cell_leading);
        self.off_grid(
            self.style(id, name, style)
                .line_spacing(LineSpacing::new().line_rule(LineSpacingType::Exact).line(leading).before(0).after(0)),
        )
    }

    /// A style whose lines keep their own height on a grid (a free layout's styles all do).
    fn off_grid(&self, style: Style) -> Style {
        match self.template.grid {
            Some(_) => style.snap_to_grid(false),
            None => style,
        }
    }

    fn first_line_indent(&self) -> Option<SpecialIndentType> {
        let t = self.template;
        let cell = t.grid_cell().unwrap_or(t.body.size);
        Some(SpecialIndentType::FirstLine(twips(t.first_line_indent * cell)))
    }

    fn all(&self) -> Vec<Style> {
        let t = self.template;
        let period_style = t.period_style();
        let mut styles = vec![
            self.style(BODY, "Body Text", &t.body)
                .line_spacing(self.spacing(t.body.size, t.paragraph_space.0, t.paragraph_space.1))
                .indent(None, self.first_line_indent(), None, None),
            // A paragraph's part that goes on after a page break: body text, no indent.
            self.style(BODY_CONTINUED, "Body Text Continued", &t.body)
                .line_spacing(self.spacing(t.body.size, t.paragraph_space.0, t.paragraph_space.1))
                .indent(None, Some(SpecialIndentType::FirstLine(0)), None, None)
                .based_on(BODY)
                .next(BODY),
            kept_with_next(
                self.style(TITLE, "Title", &t.title)
                    .line_spacing(self.display_spacing(t.title.size, t.title_lines_after)),
            ),
            kept_with_next(
                self.style(SUBTITLE, "Subtitle", &t.subtitle)
                    .line_spacing(self.display_spacing(t.subtitle.size, t.title_lines_after)),
            ),
            kept_with_next(
                self.style(PERIOD, "Period", period_style)
                    .line_spacing(self.display_spacing(period_style.size, t.title_lines_after)),
            ),
            kept_with_next(self.style(DOC_NUMBER, "Document Number", &t.doc_number)),
            // A caption keeps with its table, and a chart's (under the chart) with the text after
            // it where the PDF keeps it (see `Drawing::caption_keeps_with_next`): each
            // caption's own paragraph property, so the style keeps with nothing.
            self.style(CAPTION, "caption", &t.table.caption_style),
            self.cell_style(TABLE_TEXT, "Table Text", &t.table.cell),
            self.cell_style(TABLE_HEADER, "Table Header", &t.table.header).align(AlignmentType::Center),
            // The attachments note: body text without the first-line indent, which would
            // fight the hanging indent each paragraph sets.
            self.style(ATTACHMENT, "Attachment", &TextStyle { align: Align::Left, ..t.body.clone() }),
            // The addressees (主送机关): flush left, their further lines too.
            self.style(ADDRESSEE, "Addressee", &t.body),
            self.style(CLOSING, "Closing", &t.closing.style).indent(
                None,
                None,
                Some(twips(t.closing.date_inset)),
                None,
            ),
            self.style(PAGE_NUMBER, "Page Number", &t.page_number.style),
        ];
        for (i, heading) in t.headings.iter().enumerate() {
            let level = i + 1;
            // A justified heading takes the body's first-line indent (gongwen); another stands
            // flush, its base style's indent in characters undone too (`indent_in_characters`).
            let indent = match heading.style.align {
                Align::Justify => self.first_line_indent(),
                _ => Some(SpecialIndentType::FirstLine(0)),
            };
            let style = self
                .style(&heading_id(level), &format!("heading {level}"), &heading.style)
                .line_spacing(self.spacing(heading.style.size, heading.space_before, heading.space_after))
                .indent(None, indent, None, None)
                .outline_lvl(i)
                .based_on(BODY)
                .next(BODY);
            styles.push(numbered(kept_with_next(style), level));
        }
        if let Some(header) = &t.header {
            let mut style = self.style(RUNNING_HEADER, "header", &header.style);
            if header.rule > 0.0 {
                let border = ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                    .val(BorderType::Single)
                    .size((header.rule * 8.0).round().max(2.0) as usize)
                    .space(1);
                let borders = ParagraphBorders::with_empty().set(border);
                style.paragraph_property = style.paragraph_property.set_borders(borders);
            }
            styles.push(style);
        }
        if let Some(cover) = &t.cover {
            styles.push(self.style(COVER_TITLE, "Cover Title", &cover.title));
            styles.push(self.style(COVER_TEXT, "Cover Text", &cover.text));
        }
        if let Some(figures) = &t.key_figures {
            for (id, name, style, leading) in [
                (KEY_FIGURE, "Key Figure", &figures.value, 1.25),
                (KEY_FIGURE_LABEL, "Key Figure Label", &figures.label, 1.4),
            ] {
                styles.push(
                    self.off_grid(
                        self.style(id, name, style).line_spacing(
                            LineSpacing::new()
                                .line_rule(LineSpacingType::Exact)
                                .line(twips(style.size * leading))
                                .before(0)
                                .after(0),
                        ),
                    ),
                );
            }
        }
        styles
    }

    /// Exact lines of text at `size` with space above and below: on a grid in whole grid
    /// lines of rounded-down twips, as every line there.
    /// A display line's spacing (title, subtitle): exact whole lines of `size`, then
    /// `lines_after` blank grid lines.
    fn display_spacing(&self, size: f32, lines_after: usize) -> LineSpacing {
        let t = self.template;
        LineSpacing::new()
            .line_rule(LineSpacingType::Exact)
            .line(twips_down(t.line_height(size)))
            .after(lines_after as u32 * twips_down(t.line_pitch) as u32)
    }

    fn spacing(&self, size: f32, before: f32, after: f32) -> LineSpacing {
        let t = self.template;
        let space = |pt: f32| match t.grid {
            Some(_) => ((pt / t.line_pitch).round() as i32 * twips_down(t.line_pitch)) as u32,
            None => twips(pt) as u32,
        };
        LineSpacing::new()
            .line_rule(LineSpacingType::Exact)
            .line(twips_down(t.line_height(size)))
            .before(space(before))
            .after(space(after))
    }

    /// A Word table on the layout's column grid: fixed widths, the header row repeated on
    /// each page (added by [`repeat_header_rows`]), figures on decimal tab stops.
    /// Body rows `rows` of `table` under its header.
    fn table(&self, table: &TableContent, geometry: &TableGeometry, rows: Range<usize>) -> Table {
        let t = self.template;
        let grid: Vec<usize> = geometry.widths.iter().map(|&w| twips(w) as usize).collect();
        let padding = twips(geometry.padding);
        let span_width = |c: usize, colspan: usize| grid[c..c + colspan].iter().sum::<usize>();
        // Text the layout shrank to fit the columns, at its size and leading.
        let cell_text = TextStyle { size: geometry.size, ..t.table.cell.clone() };
        let header_text = TextStyle { size: geometry.size, ..t.table.header.clone() };
        let leading = twips(geometry.size * t.table.cell_leading);
        let shrunk = (geometry.size - t.table.cell.size).abs() > 0.01;
        let spacing = |paragraph: Paragraph| match shrunk {
            true => paragraph
                .line_spacing(LineSpacing::new().line_rule(LineSpacingType::Exact).line(leading).before(0).after(0)),
            false => paragraph,
        };
        // Word keeps a row with the next one through its paragraphs. The text breaks where the
        // PDF's does and stands where it does in the row (a word processor would wrap a cell
        // at its own width and set it at the top).
        let cell = |text: &str,
                    id: &str,
                    style: &TextStyle,
                    align: ColumnAlign,
                    (c, colspan): (usize, usize),
                    keep: bool,
                    lines: Option<&CellLines>| {
            let mut paragraph = spacing(Paragraph::new().style(id).keep_next(keep));
            paragraph = match align {
                ColumnAlign::Left => paragraph.align(AlignmentType::Left),
                ColumnAlign::Center => paragraph.align(AlignmentType::Center),
                ColumnAlign::Right => paragraph.align(AlignmentType::Right),
                ColumnAlign::Decimal => {
                    let point = span_width(c, colspan) as i32 - 2 * padding - twips(geometry.after_point[c]);
                    paragraph.add_tab(Tab::new().val(TabValueType::Decimal).pos(point.max(0) as usize))
                }
            };
            let mut cell = TableCell::new().width(span_width(c, colspan), WidthType::Dxa);
            if colspan > 1 {
                cell = cell.grid_span(colspan);
            }
            let place = lines.map_or(CellPlace::Top, |l| l.place);
            if place != CellPlace::Top {
                let align = if place == CellPlace::Middle { VAlignType::Center } else { VAlignType::Bottom };
                cell = cell.vertical_align(align);
            }
            if align == ColumnAlign::Decimal {
                // A decimal tab stop aligns the text that follows a tab.
                let tab = Run::new().add_tab().fonts(self.fonts(style)).size(half_points(style.size));
                paragraph = paragraph.add_run(tab);
            }
            let breaks = lines.map_or(&[][..], |l| l.breaks.as_slice());
            let paragraph = self.broken_runs(style, text, breaks).into_iter().fold(paragraph, Paragraph::add_run);
            cell.add_paragraph(paragraph)
        };
        let header_cells = table
            .header
            .iter()
            .enumerate()
            .map(|(c, text)| {
                let lines = geometry.cells.first().and_then(|row| row.get(c));
                cell(text, TABLE_HEADER, &header_text, ColumnAlign::Center, (c, 1), true, lines)
            })
            .map(|cell| match t.table.header_fill {
                Some(fill) => cell.shading(Shading::new().shd_type(ShdType::Clear).fill(fill.hex())),
                None => cell,
            });
        let body = rows;
        let mut rows = vec![TableRow::new(header_cells.collect()).cant_split()];
        // Cells reaching down from rows above: for each column, rows still to cover and span.
        let mut covered: Vec<(usize, usize)> = vec![(0, 1); table.header.len()];
        for (r, (row, &keep)) in
            table.rows.iter().zip(&geometry.keep_with_next).enumerate().skip(body.start).take(body.len())
        {
            let mut cells = Vec::new();
            let mut c = 0;
            while c < table.header.len() {
                if let Some(at) = row.iter().position(|cell| cell.column == c) {
                    let start = &row[at];
                    let lines = geometry.cells.get(r + 1).and_then(|row| row.get(at));
                    let mut word =
                        cell(&start.text, TABLE_TEXT, &cell_text, start.align, (c, start.colspan), keep, lines);
                    if start.rowspan > 1 {
                        word = word.vertical_merge(VMergeType::Restart);
                        covered[c] = (start.rowspan - 1, start.colspan);
                    }
                    cells.push(word);
                    c += start.colspan;
                } else {
                    // Covered by a cell from above: Word's continuation of a vertical merge.
                    let (left, colspan) = covered[c];
                    let mut word = TableCell::new().width(span_width(c, colspan), WidthType::Dxa);
                    if colspan > 1 {
                        word = word.grid_span(colspan);
                    }
                    let empty = spacing(Paragraph::new().style(TABLE_TEXT).keep_next(keep));
                    cells.push(word.vertical_merge(VMergeType::Continue).add_paragraph(empty));
                    covered[c] = (left.saturating_sub(1), colspan);
                    c += colspan;
                }
            }
            rows.push(TableRow::new(cells).cant_split());
        }
        let total = grid.iter().sum();
        let vertical = twips(t.table.cell_padding_vertical) as usize;
        let margins = TableCellMargins::new()
            .margin_left(padding as usize, WidthType::Dxa)
            .margin_right(padding as usize, WidthType::Dxa)
            .margin_top(vertical, WidthType::Dxa)
            .margin_bottom(vertical, WidthType::Dxa);
        Table::new(rows)
            .set_grid(grid)
            .width(total, WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
            .set_borders(table_borders(t))
            .margins(margins)
    }
}

/// The PDF's rules as the table's borders, in eighths of a point. Word and LibreOffice give
/// each row the room of its border, as a free layout's rows do (`Template::table_rule_band`),
/// so the two must be one width: docx-rs's default, a quarter point, set briefing's rows
/// 0.25 pt shorter than LibreOffice's own at 0.5 pt. A grid's rows leave no room for their
/// rules, and its tables keep that quarter point, the least room LibreOffice takes.
fn table_borders(t: &Template) -> TableBorders {
    if t.grid.is_some() {
        return TableBorders::new();
    }
    let eighths = (t.table.rule * 8.0).round();
    if eighths < 1.0 {
        return TableBorders::with_empty();
    }
    [
        TableBorderPosition::Top,
        TableBorderPosition::Left,
        TableBorderPosition::Bottom,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ]
    .into_iter()
    .fold(TableBorders::with_empty(), |borders, position| {
        borders.set(TableBorder::new(position).border_type(BorderType::Single).size(eighths as usize).color("000000"))
    })
}

/// `text` with a word joiner (U+2060) after each minus sign that stands between Han text
/// and a figure ("增速为-0.1%"): LibreOffice 7.4 breaks after such a hyphen ("为-" | "0.1%",
/// measured), where the PDF keeps the sign with its figure; joined, it breaks before "为" as
/// the PDF does. The joiner is invisible, LibreOffice's PDF leaves it out of the text, and
/// `baogao import` drops it.
fn signs_kept_with_figures(text: &str) -> Cow<'_, str> {
    // Every run of the document comes through here; most hold no hyphen at all.
    if !text.contains('-') {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let sign_at = |i: usize| {
        chars[i] == '-'
            && i > 0
            && is_han(chars[i - 1])
            && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit() || matches!(c, '*' | '＊'))
    };
    if !(0..chars.len()).any(sign_at) {
        return Cow::Borrowed(text);
    }
    let mut joined = String::with_capacity(text.len() + 3);
    for (i, &c) in chars.iter().enumerate() {
        joined.push(c);
        if sign_at(i) {
            joined.push(WORD_JOINER);
        }
    }
    Cow::Owned(joined)
}

/// U+2060, which keeps the characters either side of it on one line and shows nothing.
const WORD_JOINER: char = '\u{2060}';

/// Paragraph defaults the layout relies on. Word and LibreOffice put a gap between Chinese and
/// Latin text unless told not to, and the PDF has one only where the template asks
/// (`latin_space`); on a grid the pages fill to the last line, as in the PDF, so no
/// paragraph pulls a line over for widow control. A free layout's paragraphs keep their own
/// line heights, off the section's nominal grid.
fn paragraph_defaults(template: &Template) -> String {
    let mut defaults = String::new();
    match template.grid {
        Some(_) => defaults.push_str(r#"<w:widowControl w:val="0" />"#),
        None => defaults.push_str(r#"<w:snapToGrid w:val="false" />"#),
    }
    // Word hangs ，。、；：？！ in the margin unless told not to (overflowPunct), as the PDF
    // does with hanging punctuation; the other modes push a character down instead.
    // LibreOffice 7.4 reads the element the other way round (measured: val="0" hangs), so
    // only Word follows the other modes.
    if template.punctuation != Punctuation::Hanging {
        defaults.push_str(r#"<w:overflowPunct w:val="0" />"#);
    }
    if !template.latin_space {
        defaults.push_str(r#"<w:autoSpaceDE w:val="0" /><w:autoSpaceDN w:val="0" />"#);
    }
    defaults
}

/// Normal as the default paragraph style (`w:default`, which docx-rs cannot write) in the
/// body's size. LibreOffice takes a character grid's pitch from the default paragraph
/// style's size plus `charSpace`: without both (measured, 7.4) it set GB/T 9704's lines 20
/// characters long instead of 28.
fn default_paragraph_style(styles_xml: &[u8], size: f32) -> Vec<u8> {
    let size = half_points(size);
    String::from_utf8_lossy(styles_xml)
        .replacen(
            r#"<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal" /><w:rPr />"#,
            &format!(
                r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal" /><w:rPr><w:sz w:val="{size}" /><w:szCs w:val="{size}" /></w:rPr>"#
            ),
            1,
        )
        .into_bytes()
}

/// `defaults` in every paragraph style. Not in the document defaults: LibreOffice 7.4 reads
/// `w:autoSpaceDE="0"` there as on.
fn with_paragraph_defaults(styles_xml: &[u8], defaults: &str) -> Vec<u8> {
    let xml = String::from_utf8_lossy(styles_xml).into_owned();
    let mut out = String::with_capacity(xml.len() + 16 * defaults.len());
    let mut rest = xml.as_str();
    while let Some(at) = rest.find(r#"<w:style w:type="paragraph""#) {
        let (before, style) = rest.split_at(at);
        out.push_str(before);
        let end = style.find("</w:style>").map_or(style.len(), |e| e + "</w:style>".len());
        let (style, after) = style.split_at(end);
        match style.find("<w:pPr>") {
            Some(p) => {
                let p = p + "<w:pPr>".len();
                out.push_str(&style[..p]);
                out.push_str(defaults);
                out.push_str(&style[p..]);
            }
            None => out.push_str(style),
        }
        rest = after;
    }
    out.push_str(rest);
    out.into_bytes()
}

/// The first-line indent in characters (`w:firstLineChars`, hundredths of a character), which
/// Word keeps when a clerk changes the font size; docx-rs writes only the indent in twips,
/// which stays for readers that do not know characters.
fn indent_in_characters(styles_xml: &[u8], template: &Template, styles: &Styles) -> Vec<u8> {
    let Some(SpecialIndentType::FirstLine(twips)) = styles.first_line_indent() else {
        return styles_xml.to_vec();
    };
    let chars = (template.first_line_indent * 100.0).round() as i32;
    // A style with no first-line indent under one that has it (a flush heading) undoes the
    // characters too: Word takes them before the twips.
    String::from_utf8_lossy(styles_xml)
        .replace(&format!(r#"w:firstLine="{twips}""#), &format!(r#"w:firstLineChars="{chars}" w:firstLine="{twips}""#))
        .replace(r#"w:firstLine="0""#, r#"w:firstLineChars="0" w:firstLine="0""#)
        .into_bytes()
}

/// Marks the first row of every table as a header row that Word, WPS and LibreOffice repeat
/// at the top of each page (`w:tblHeader`, which docx-rs cannot write).
fn repeat_header_rows(document: &[u8]) -> Vec<u8> {
    let xml = String::from_utf8_lossy(document);
    let mut out = String::with_capacity(xml.len() + 64);
    let mut rest: &str = &xml;
    while let Some(at) = rest.find("<w:tbl>") {
        let (before, table) = rest.split_at(at);
        out.push_str(before);
        let row = table.find("<w:tr>").map(|r| r + "<w:tr>".len());
        match row.and_then(|r| table[r..].starts_with("<w:trPr>").then_some(r + "<w:trPr>".len())) {
            Some(inside) => {
                out.push_str(&table[..inside]);
                out.push_str("<w:tblHeader />");
                rest = &table[inside..];
            }
            None => {
                out.push_str("<w:tbl>");
                rest = &table["<w:tbl>".len()..];
            }
        }
    }
    out.push_str(rest);
    out.into_bytes()
}

/// English Metric Units (12700 per point), the unit of drawing sizes.
fn emu(pt: f32) -> u32 {
    (pt * 12700.0).round() as u32
}

fn half_points(size: f32) -> usize {
    (size * 2.0).round() as usize
}

fn alignment(align: Align) -> AlignmentType {
    match align {
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
        Align::Justify => AlignmentType::Both,
    }
}

/// Page size, margins, line grid (on a grid), the running header, and the page numbers:
/// odd pages right and even pages left for the outer side.
fn page_setup(docx: Docx, document: &Document, t: &Template, styles: &Styles) -> Docx {
    let (width, height) = t.page_size;
    let block = t.block;
    let bottom = height - block.top - block.height;
    let number = &t.page_number;
    let footer_distance = (bottom - number.below_block - number.style.size * 1.2).max(0.0);
    // The header paragraph's top: its baseline above the block, less the text's ascent.
    let header_distance =
        t.header.as_ref().map_or(10.0 * PT_PER_MM, |h| (block.top - h.above_block - h.style.size).max(0.0));
    let margin = PageMargin {
        top: twips(block.top),
        left: twips(block.left),
        bottom: twips(bottom),
        right: twips(width - block.left - block.width),
        header: twips(header_distance),
        footer: twips(footer_distance),
        gutter: 0,
    };
    let footer = |align: AlignmentType, inset_left: bool| {
        let mut paragraph = Paragraph::new().style(PAGE_NUMBER).align(align);
        let inset = Some(twips(number.inset));
        paragraph = if inset_left {
            paragraph.indent(inset, None, None, None)
        } else {
            paragraph.indent(None, None, inset, None)
        };
        Footer::new().add_paragraph(running(paragraph, document, &number.format, &number.style, styles))
    };
    let mut docx = docx.page_size(twips(width) as u32, twips(height) as u32).page_margin(margin);
    docx = match number.position {
        PageNumberPosition::Outer => {
            docx.footer(footer(AlignmentType::Right, false)).even_footer(footer(AlignmentType::Left, true))
        }
        PageNumberPosition::Center => docx.footer(footer(AlignmentType::Center, false)),
        PageNumberPosition::Left => docx.footer(footer(AlignmentType::Left, true)),
        PageNumberPosition::Right => docx.footer(footer(AlignmentType::Right, false)),
    };
    if t.cover.is_some() {
        // The cover: a different first page, with an empty header and footer.
        docx = docx.first_header(Header::new()).first_footer(Footer::new());
    }
    if let Some(header) = &t.header {
        let paragraph = Paragraph::new().style(RUNNING_HEADER);
        let paragraph = running(paragraph, document, &header.text, &header.style, styles);
        docx = docx.header(Header::new().add_paragraph(paragraph));
        if number.position == PageNumberPosition::Outer {
            let paragraph =
                running(Paragraph::new().style(RUNNING_HEADER), document, &header.text, &header.style, styles);
            docx = docx.even_header(Header::new().add_paragraph(paragraph));
        }
    }
    // A grid is the section's character grid (snapToChars: a run of Latin letters or digits
    // takes whole cells, centred in them, as the PDF sets it), its pitch the template's cell:
    // the Normal style's size plus `charSpace` 4096ths of a point. A free layout gets a line
    // grid too, which no paragraph snaps to (see `paragraph_defaults`): LibreOffice 7.4 moves
    // the text after a tab in a table cell to a line of its own in a section without one.
    let pitch = twips_down(t.line_pitch);
    let grid = match t.grid {
        Some(grid) => DocGrid::new()
            .grid_type(DocGridType::SnapToChars)
            .line_pitch(pitch as usize)
            .char_space(((grid.cell - t.body.size) * 4096.0).round() as isize),
        None => {
            let body = twips(height) - twips(block.top) - twips(bottom);
            DocGrid::new().grid_type(DocGridType::Lines).line_pitch(free_grid_pitch(body, pitch) as usize)
        }
    };
    docx.document = docx.document.doc_grid(grid);
    docx
}

/// Whether the signature follows element `index`, with at most the attachments note
/// between them: the text the layout keeps with the signature (GB/T 9704 7.3.5.4).
fn signed_after(document: &Document, index: usize) -> bool {
    let mut after = document.elements.iter().skip(index + 1).skip_while(|e| matches!(e, Element::Attachments(_)));
    matches!(after.next(), Some(Element::Closing { .. }))
}

/// The space a free layout leaves under a table or a chart (`Template::space_after_blocks`)
/// as an empty paragraph exactly as tall, in whole twips rounded down (a twip more would not
/// fit a page the PDF fills). It also keeps two tables in a row apart, which Word would join
/// into one.
fn spacer(space: f32) -> Option<Paragraph> {
    let twips = twips_down(space);
    let spacing = LineSpacing::new().line_rule(LineSpacingType::Exact).line(twips).before(0).after(0);
    (twips > 0).then(|| Paragraph::new().style(BODY).line_spacing(spacing).snap_to_grid(false))
}

/// The pitch of a free layout's nominal line grid, in twips: the one nearest `pitch` that
/// divides the body's height `body` into whole lines, or leaves the least over. LibreOffice
/// 7.4 sets a grid's whole lines in the body and centres them, so whatever is left over
/// moves every line of the page down by half of it, grid or not (measured on briefing: 110
/// twips of 13,550 at 420 set each page 2.75 pt lower than the PDF, and a paragraph that
/// ends a page in the PDF went over to the next).
fn free_grid_pitch(body: i32, pitch: i32) -> i32 {
    let pitch = pitch.max(1);
    if body <= 0 {
        return pitch;
    }
    let candidates = (0..=pitch / 2).flat_map(|d| [pitch - d, pitch + d]).filter(|&p| p > 0 && p <= body);
    candidates.min_by_key(|&p| (body % p, (p - pitch).abs())).unwrap_or(pitch)
}

/// A running header or footer pattern in `paragraph`: its text as runs, the page number and
/// the page count as fields that update as the document is edited.
fn running(paragraph: Paragraph, document: &Document, pattern: &str, style: &TextStyle, styles: &Styles) -> Paragraph {
    document.running(pattern).into_iter().fold(paragraph, |paragraph, piece| match piece {
        Running::Text(text) => paragraph.add_run(styles.run(style, &text)),
        Running::Page => paragraph.add_page_num(PageNum::new()),
        Running::Pages => paragraph.add_num_pages(NumPages::new()),
    })
}

/// `docProps/core.xml` with the title, the period as subject, the issuer as creator and
/// the report's date (never the clock's, so that the bytes stay the same), those given.
fn core_properties(document: &Document) -> String {
    let mut xml = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
        r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
        r#"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
    ));
    xml += &format!("<dc:title>{}</dc:title>", xml_escape(&document.title));
    if let Some(period) = &document.period {
        xml += &format!("<dc:subject>{}</dc:subject>", xml_escape(period));
    }
    if let Some(issuer) = &document.issuer {
        xml += &format!("<dc:creator>{}</dc:creator>", xml_escape(issuer));
    }
    xml += &format!("<cp:keywords>{}</cp:keywords>", xml_escape(&document.keywords.join("；")));
    if let Some(issuer) = &document.issuer {
        xml += &format!("<cp:lastModifiedBy>{}</cp:lastModifiedBy>", xml_escape(issuer));
    }
    if let Some(date) = &document.date {
        for element in ["created", "modified"] {
            xml += &format!(r#"<dcterms:{element} xsi:type="dcterms:W3CDTF">{date}T00:00:00Z</dcterms:{element}>"#);
        }
    }
    xml + "</cp:coreProperties>"
}

/// Extended properties: the template, the issuer as company, the pages as laid out (Word
/// recounts them when it saves), the application.
fn app_properties(document: &Document, template: &Template, pages: usize) -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" "#,
            r#"xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">"#,
            "<Template>{}</Template><Company>{}</Company><Pages>{}</Pages>",
            "<Application>baogao</Application><DocSecurity>0</DocSecurity></Properties>"
        ),
        xml_escape(&template.name),
        xml_escape(document.issuer.as_deref().unwrap_or("")),
        pages,
    )
}

fn xml_escape(text: &str) -> String {
    xml_safe(text).replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// `text` with the characters XML 1.0 cannot hold (controls other than tab and line ends,
/// U+FFFE, U+FFFF) drawn as □, as the PDF draws them and the layout warns of them: a U+0007
/// made `word/document.xml` not well-formed, and Word refused the file.
fn xml_safe(text: &str) -> Cow<'_, str> {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r')
            || !(c.is_control() && (c as u32) < 0x20 || matches!(c, '\u{fffe}' | '\u{ffff}'))
    };
    if text.chars().all(allowed) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| if allowed(c) { c } else { REPLACEMENT }).collect())
}

/// The parts docx-rs writes that a report never fills: comments, footnotes,
/// custom properties. The package leaves them out, with their relationships and types.
const UNUSED_PARTS: &[&str] =
    &["word/comments.xml", "word/commentsExtended.xml", "word/footnotes.xml", "docProps/custom.xml"];

/// `xml` without the empty elements `<tag …/>` that name one of `parts` (in a `Target` or a
/// `PartName`).
fn without_parts(xml: &[u8], tag: &str, parts: &[&str]) -> Vec<u8> {
    let text = String::from_utf8_lossy(xml);
    let open = format!("<{tag} ");
    let mut out = String::with_capacity(text.len());
    let mut rest: &str = &text;
    while let Some(at) = rest.find(&open) {
        let Some(len) = rest[at..].find("/>").map(|end| end + 2) else { break };
        let element = &rest[at..at + len];
        let names = |part: &&str| {
            let file = part.rsplit('/').next().unwrap_or(part);
            element.contains(&format!("\"/{part}\""))
                || element.contains(&format!("Target=\"{file}\""))
                || element.contains(&format!("Target=\"{part}\""))
        };
        out.push_str(&rest[..at]);
        if !parts.iter().any(names) {
            out.push_str(element);
        }
        rest = &rest[at + len..];
    }
    out.push_str(rest);
    out.into_bytes()
}

/// Packs the parts and the `extra` ones, in a fixed order (see [`package`]).
fn pack(mut parts: docx_rs::XMLDocx, extra: Vec<(String, Vec<u8>)>) -> Result<Vec<u8>> {
    parts.content_type = without_parts(&parts.content_type, "Override", UNUSED_PARTS);
    parts.rels = without_parts(&parts.rels, "Relationship", UNUSED_PARTS);
    parts.document_rels = without_parts(&parts.document_rels, "Relationship", UNUSED_PARTS);
    let mut named: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), parts.content_type),
        ("_rels/.rels".into(), parts.rels),
        ("docProps/app.xml".into(), parts.doc_props.app),
        ("docProps/core.xml".into(), parts.doc_props.core),
        ("word/_rels/document.xml.rels".into(), parts.document_rels),
        ("word/document.xml".into(), parts.document),
        ("word/styles.xml".into(), parts.styles),
        ("word/settings.xml".into(), parts.settings),
        ("word/fontTable.xml".into(), parts.font_table),
        ("word/numbering.xml".into(), parts.numberings),
    ];
    named.extend(extra);
    // Headers and footers with their relationships where these name anything (docx-rs writes
    // three empty ones for each kind, for parts that may not exist).
    let has_relationships = |rels: &[u8]| String::from_utf8_lossy(rels).contains("<Relationship ");
    for (i, footer) in parts.footers.into_iter().enumerate() {
        named.push((format!("word/footer{}.xml", i + 1), footer));
    }
    for (i, rels) in parts.footer_rels.into_iter().enumerate().filter(|(_, rels)| has_relationships(rels)) {
        named.push((format!("word/_rels/footer{}.xml.rels", i + 1), rels));
    }
    for (i, header) in parts.headers.into_iter().enumerate() {
        named.push((format!("word/header{}.xml", i + 1), header));
    }
    for (i, rels) in parts.header_rels.into_iter().enumerate().filter(|(_, rels)| has_relationships(rels)) {
        named.push((format!("word/_rels/header{}.xml.rels", i + 1), rels));
    }
    for (name, png) in parts.media {
        named.push((format!("word/media/{name}.png"), png));
    }
    let mut package = Package::new();
    for (name, bytes) in named {
        package.add(&name, &bytes)?;
    }
    package.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_minus_sign_between_han_text_and_a_figure_is_joined_to_the_figure() {
        assert_eq!(signs_kept_with_figures("增速为-0.1%，下降-*.*%"), "增速为-\u{2060}0.1%，下降-\u{2060}*.*%");
        // Not a range, a code or a sign that starts the text: nothing to join there.
        for text in ["1-2月", "EPC-O", "-3.1%", "增长（-2.0%）"] {
            assert!(matches!(signs_kept_with_figures(text), Cow::Borrowed(_)), "{text}");
        }
    }

    #[test]
    fn a_free_layouts_nominal_grid_divides_the_body() {
        // 13,550 twips of body (A4 less 30 and 28 mm): 542 = 25 lines, not 420 and 110 over.
        assert_eq!(free_grid_pitch(13_550, 420), 542);
        assert_eq!(free_grid_pitch(12_600, 420), 420);
        assert_eq!(13_550 % free_grid_pitch(13_550, 400), 0);
    }
}
