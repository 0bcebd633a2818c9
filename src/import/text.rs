//! A plain text report as pieces: each non-blank line a paragraph, runs of tab-separated
//! lines a table.

use std::sync::LazyLock;

use regex::Regex;

use super::{Piece, Role};

/// Whitespace at a line's ends, the full-width space (U+3000) used as an indent included.
pub fn trim(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{feff}')
}

/// A heading's number alone before a tab, as Word saves its numbered headings as text
/// ("一、<TAB>总体情况"): the tab is a space, not a column.
static NUMBER_TAB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:第[一二三四五六七八九十百零〇\d]+[章节篇]|第[一二三四五六七八九十百零〇\d]+部分|[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、])\t+")
        .expect("a valid pattern")
});

/// The pieces of `text` (line ends already `\n`).
pub fn pieces(text: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut rows: Vec<&str> = Vec::new();
    for line in text.split('\n') {
        // Tabs stay at a table row's ends: an empty first or last cell is still a cell.
        let row = line.trim_matches(|c: char| c != '\t' && (c.is_whitespace() || c == '\u{3000}' || c == '\u{feff}'));
        // A line of tabs alone is blank, not a row (a first line of tabs made an empty title).
        if row.contains('\t') && !row.trim_matches('\t').is_empty() && !NUMBER_TAB.is_match(row) {
            rows.push(row);
            continue;
        }
        flush(&mut rows, &mut pieces);
        let joined = NUMBER_TAB.replace(row, |c: &regex::Captures| c[0].trim_end_matches('\t').to_owned());
        let line = trim(&joined);
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
        [line] => pieces.push(Piece::Paragraph { text: trim(&line.replace('\t', " ")).to_owned(), role: Role::Plain }),
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
        let text = "\t\t\n标题\n\n\u{3000}\u{3000}第一段。\n\t2021年\t2022年\n增加值\t12.5\t\n一、\t总体情况\n（一）\t工业\n  末段  \n";
        let pieces = pieces(text);
        let paragraph = |t: &str| Piece::Paragraph { text: t.into(), role: Role::Plain };
        assert_eq!(
            pieces,
            vec![
                paragraph("标题"),
                paragraph("第一段。"),
                Piece::Table(vec![
                    vec!["".into(), "2021年".into(), "2022年".into()],
                    vec!["增加值".into(), "12.5".into(), "".into()]
                ]),
                paragraph("一、总体情况"),
                paragraph("（一）工业"),
                paragraph("末段"),
            ]
        );
    }
}
