//! Plain-text writer: the document's text in reading order, headings with their numbers,
//! tables as tab-separated lines, charts as their caption and a name and figure per bar, key
//! figures as a name, figure and change per line. Scripts diff it; tests compare the PDF's
//! text with it.

use crate::template::{Document, Element};

/// The document as UTF-8 text, one paragraph per line.
pub fn write(document: &Document) -> Vec<u8> {
    let mut out = String::new();
    for element in &document.elements {
        match element {
            Element::DocNumber(text) | Element::Title(text) | Element::Subtitle(text) | Element::Paragraph(text) => {
                out.push_str(text);
                out.push('\n');
            }
            Element::Heading { number, text, .. } => {
                out.push_str(number);
                out.push_str(text);
                out.push('\n');
            }
            Element::Table(table) => {
                if let Some(caption) = &table.caption {
                    out.push_str(caption);
                    out.push('\n');
                }
                out.push_str(&table.header.join("\t"));
                out.push('\n');
                for row in table.text_rows() {
                    out.push_str(&row.join("\t"));
                    out.push('\n');
                }
            }
            Element::KeyFigures(figures) => {
                for figure in figures {
                    out.push_str(&figure.name);
                    out.push('\t');
                    out.push_str(&figure.value);
                    if let Some(change) = &figure.change {
                        out.push('\t');
                        out.push_str(change);
                    }
                    out.push('\n');
                }
            }
            Element::Chart(chart) => {
                out.push_str(&chart.caption);
                out.push('\n');
                for bar in &chart.bars {
                    out.push_str(&bar.label);
                    out.push('\t');
                    out.push_str(&bar.text);
                    out.push('\n');
                }
            }
            Element::PageBreak => out.push('\u{c}'),
            Element::Closing { issuer, date } => {
                out.push('\n');
                out.push_str(issuer);
                out.push('\n');
                out.push_str(date);
                out.push('\n');
            }
        }
    }
    out.into_bytes()
}
