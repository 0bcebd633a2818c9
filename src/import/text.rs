//! A plain text report as pieces: each non-blank line a paragraph, runs of tab-separated
//! lines a table.

use super::{Piece, Role};

/// Whitespace at a line's ends, the full-width space (U+3000) used as an indent included.
pub fn trim(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{feff}')
}

/// The pieces of `text` (line ends already `\n`).
pub fn pieces(text: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut rows: Vec<&str> = Vec::new();
    for line in text.split('\n') {
        let line = trim(line);
        if line.contains('\t') {
            rows.push(line);
            continue;
        }
        flush(&mut rows, &mut pieces);
        if !line.is_empty() {
            pieces.push(Piece::Paragraph { text: line.to_owned(), role: Role::Plain });
        }
    }
    flush(&mut rows, &mut pieces);
    pieces
}

/// Two or more tab-separated lines make a table; a lone one stays a paragraph, its tabs
/// made spaces.
fn flush(rows: &mut Vec<&str>, pieces: &mut Vec<Piece>) {
    match rows.as_slice() {
        [] => {}
        [line] => pieces.push(Piece::Paragraph { text: line.replace('\t', " "), role: Role::Plain }),
        lines => {
            let cells: Vec<Vec<String>> =
                lines.iter().map(|line| line.split('\t').map(|cell| trim(cell).to_owned()).collect()).collect();
            pieces.push(Piece::Table(cells));
        }
    }
    rows.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_indents_and_tables() {
        let text = "标题\n\n\u{3000}\u{3000}第一段。\n指标\t数值\n增加值\t12.5\n  末段  \n";
        let pieces = pieces(text);
        let paragraph = |t: &str| Piece::Paragraph { text: t.into(), role: Role::Plain };
        assert_eq!(
            pieces,
            vec![
                paragraph("标题"),
                paragraph("第一段。"),
                Piece::Table(vec![vec!["指标".into(), "数值".into()], vec!["增加值".into(), "12.5".into()]]),
                paragraph("末段"),
            ]
        );
    }
}
