//! Plain-text writer: the document's text in reading order, headings with their numbers,
//! tables as tab-separated lines, charts as their caption and a name and figure per bar, the
//! key figures panel as its rows (figures, names, changes). Scripts diff it; tests compare
//! the PDF's text with it.

use crate::template::{Document, Element};

/// The document as UTF-8 text, one paragraph per line.
pub fn write(document: &Document) -> Vec<u8> {
    let mut out = String::new();
    for element in &document.elements {
        match element {
            Element::DocNumber(text)
            | Element::Title(text)
            | Element::Subtitle(text)
            | Element::Period(text)
            | Element::Addressees(text)
            | Element::Paragraph(text) => {
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
                    out.push_str(&caption.text);
                    out.push('\n');
                }
                out.push_str(&table.header.join("\t"));
                out.push('\n');
                for row in table.text_rows() {
                    out.push_str(&row.join("\t"));
                    out.push('\n');
                }
            }
            Element::Cover { title, subtitle, issuer, date } => {
                for line in [Some(title), subtitle.as_ref(), issuer.as_ref(), date.as_ref()].into_iter().flatten() {
                    out.push_str(line);
                    out.push('\n');
                }
                out.push('\u{c}');
            }
            Element::KeyFigures(figures) => {
                // Row by row, as the panel reads and as tables are written: the figures,
                // their names, their changes.
                let values: Vec<&str> = figures.iter().map(|f| f.value.as_str()).collect();
                let names: Vec<&str> = figures.iter().map(|f| f.name.as_str()).collect();
                let changes: Vec<&str> = figures.iter().map(|f| f.change.as_deref().unwrap_or("")).collect();
                out.push_str(&values.join("\t"));
                out.push('\n');
                out.push_str(&names.join("\t"));
                out.push('\n');
                if changes.iter().any(|c| !c.is_empty()) {
                    out.push_str(&changes.join("\t"));
                    out.push('\n');
                }
            }
            Element::Chart(chart) => {
                // The caption stands under the figure (图题在图下), and is read after it.
                for bar in &chart.bars {
                    out.push_str(&bar.label);
                    out.push('\t');
                    out.push_str(&bar.text);
                    out.push('\n');
                }
                out.push_str(&chart.caption.text);
                out.push('\n');
            }
            Element::PageBreak => out.push('\u{c}'),
            Element::Attachments(note) => {
                out.push('\n');
                for (i, item) in note.items.iter().enumerate() {
                    out.push_str(if i == 0 { &note.label } else { "" });
                    out.push_str(&item.text());
                    out.push('\n');
                }
            }
            Element::Closing { issuer, date } => {
                out.push('\n');
                for line in [issuer, date].into_iter().flatten() {
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
    }
    out.into_bytes()
}
