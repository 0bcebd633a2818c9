//! Where each field of a source stands: an index from field paths (`meta.date`,
//! `body[2].content[0].heading`, `indicators[1].id`, written as serde_path_to_error writes
//! them) to the byte offset of its value, built once from a parser that keeps positions (toml_edit for
//! TOML, yaml-rust2's events for YAML, a scan of the tokens for JSON).
//!
//! Errors found after parsing point through it at their own value. Searching the text for
//! the value found the first equal one instead (a duplicate id pointed at the first, valid
//! one), or a comment naming the key.

use std::collections::HashMap;

use super::InputFormat;

/// The byte offset of each field's value.
#[derive(Debug, Default)]
pub struct Spans {
    at: HashMap<String, usize>,
}

impl Spans {
    /// The index of `text`, read as `format`; empty for a text that does not parse.
    pub fn build(text: &str, format: InputFormat) -> Spans {
        let mut offsets: Vec<(String, usize)> = Vec::new();
        match format {
            InputFormat::Toml => {
                if let Ok(document) = toml_edit::ImDocument::parse(text) {
                    toml_table(document.as_table(), "", &mut offsets);
                }
            }
            InputFormat::Json => json(text.as_bytes(), &mut offsets),
            InputFormat::Yaml => yaml(text, &mut offsets),
        }
        let mut spans = Spans::default();
        for (path, offset) in offsets {
            spans.at.entry(path).or_insert(offset);
        }
        spans
    }

    /// Where the field at `path` stands, or the nearest field above it that the source
    /// writes (a missing field is pointed at by its table).
    pub fn find(&self, path: &str) -> Option<usize> {
        let mut path = path;
        loop {
            if let Some(&at) = self.at.get(path) {
                return Some(at);
            }
            path = &path[..path.rfind(['.', '['])?];
        }
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn toml_table(table: &toml_edit::Table, path: &str, out: &mut Vec<(String, usize)>) {
    for (key, item) in table.iter() {
        toml_item(item, &join(path, key), out);
    }
}

fn toml_item(item: &toml_edit::Item, path: &str, out: &mut Vec<(String, usize)>) {
    match item {
        toml_edit::Item::Value(value) => toml_value(value, path, out),
        toml_edit::Item::Table(table) => {
            if let Some(span) = table.span() {
                out.push((path.to_owned(), span.start));
            }
            toml_table(table, path, out);
        }
        toml_edit::Item::ArrayOfTables(tables) => {
            for (i, table) in tables.iter().enumerate() {
                let here = format!("{path}[{i}]");
                if let Some(span) = table.span() {
                    out.push((here.clone(), span.start));
                }
                toml_table(table, &here, out);
            }
        }
        toml_edit::Item::None => {}
    }
}

fn toml_value(value: &toml_edit::Value, path: &str, out: &mut Vec<(String, usize)>) {
    if let Some(span) = value.span() {
        out.push((path.to_owned(), span.start));
    }
    match value {
        toml_edit::Value::Array(array) => {
            for (i, item) in array.iter().enumerate() {
                toml_value(item, &format!("{path}[{i}]"), out);
            }
        }
        toml_edit::Value::InlineTable(table) => {
            for (key, item) in table.iter() {
                toml_value(item, &join(path, key), out);
            }
        }
        _ => {}
    }
}

/// A container being read, with the path of its values.
enum Open {
    /// An object or mapping, and the key whose value comes next (none: a key comes next).
    Map { path: String, key: Option<String> },
    /// An array or sequence, and the index of the next value.
    List { path: String, index: usize },
}

impl Open {
    /// The path of the value that comes next in this container.
    fn next_path(&self) -> String {
        match self {
            Open::Map { path, key } => join(path, key.as_deref().unwrap_or("")),
            Open::List { path, index } => format!("{path}[{index}]"),
        }
    }

    /// A value of this container was read.
    fn advance(&mut self) {
        match self {
            Open::Map { key, .. } => *key = None,
            Open::List { index, .. } => *index += 1,
        }
    }
}

/// The paths of a JSON text that serde_json has read (so it is well formed).
fn json(text: &[u8], out: &mut Vec<(String, usize)>) {
    let mut stack: Vec<Open> = Vec::new();
    let mut at = 0;
    let skip_space = |at: &mut usize| {
        while text.get(*at).is_some_and(u8::is_ascii_whitespace) {
            *at += 1;
        }
    };
    // The end of the string that starts at `at` (its opening quote).
    let string_end = |mut at: usize| {
        at += 1;
        while let Some(&byte) = text.get(at) {
            match byte {
                b'\\' => at += 2,
                b'"' => return at + 1,
                _ => at += 1,
            }
        }
        at
    };
    loop {
        skip_space(&mut at);
        let Some(&byte) = text.get(at) else { return };
        if let Some(Open::Map { key: key @ None, .. }) = stack.last_mut() {
            match byte {
                b'"' => {
                    let end = string_end(at);
                    *key = std::str::from_utf8(&text[at..end])
                        .ok()
                        .and_then(|s| serde_json::from_str::<String>(s).ok())
                        .or_else(|| Some(String::new()));
                    at = end;
                    skip_space(&mut at);
                    at += 1; // the colon
                    continue;
                }
                b',' => {
                    at += 1;
                    continue;
                }
                _ => {}
            }
        }
        match byte {
            b',' => at += 1,
            b'}' | b']' => {
                stack.pop();
                if let Some(parent) = stack.last_mut() {
                    parent.advance();
                }
                at += 1;
            }
            _ => {
                let path = stack.last().map_or(String::new(), Open::next_path);
                out.push((path.clone(), at));
                match byte {
                    b'{' => stack.push(Open::Map { path, key: None }),
                    b'[' => stack.push(Open::List { path, index: 0 }),
                    _ => {
                        at = if byte == b'"' {
                            string_end(at) - 1
                        } else {
                            at + text[at..].iter().position(|b| b",]} \t\r\n".contains(b)).unwrap_or(text.len() - at)
                                - 1
                        };
                        if let Some(parent) = stack.last_mut() {
                            parent.advance();
                        }
                    }
                }
                at += 1;
            }
        }
    }
}

/// The paths of a YAML text, from the parser's events and their marks.
fn yaml(text: &str, out: &mut Vec<(String, usize)>) {
    use yaml_rust2::parser::{Event, Parser};
    // The parser counts characters: its marks are made byte offsets by line and column.
    let line_starts: Vec<usize> = std::iter::once(0).chain(text.match_indices('\n').map(|(at, _)| at + 1)).collect();
    let offset = |line: usize, column: usize| {
        let start = line_starts.get(line.saturating_sub(1)).copied().unwrap_or(text.len());
        start + text[start..].chars().take(column).map(char::len_utf8).sum::<usize>()
    };
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Open> = Vec::new();
    while let Ok((event, mark)) = parser.next_token() {
        let at = offset(mark.line(), mark.col());
        match event {
            Event::StreamEnd => return,
            Event::Scalar(value, ..) if matches!(stack.last(), Some(Open::Map { key: None, .. })) => {
                if let Some(Open::Map { key, .. }) = stack.last_mut() {
                    *key = Some(value);
                }
            }
            Event::Scalar(..) | Event::Alias(_) => {
                if let Some(parent) = stack.last_mut() {
                    out.push((parent.next_path(), at));
                    parent.advance();
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let path = stack.last().map_or(String::new(), Open::next_path);
                if !path.is_empty() {
                    out.push((path.clone(), at));
                }
                stack.push(match event {
                    Event::MappingStart(..) => Open::Map { path, key: None },
                    _ => Open::List { path, index: 0 },
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
                if let Some(parent) = stack.last_mut() {
                    parent.advance();
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOML: &str = "version = 1\n# the id is checked\n[meta]\ntitle = \"报告\"\ndate = \"2022-1-1\"\n\n[[indicators]]\nid = \"a\"\n\n[[indicators]]\nid = \"a\"\n\n[[body]]\nheading = \"一\"\ncontent = [{ paragraph = \"x\" }, { table = { header = [\"甲\", \"\"] } }]\n";
    const JSON: &str = "{\"version\": 1, \"meta\": {\"title\": \"报告\",\n \"date\": \"2022-1-1\"},\n \"indicators\": [{\"id\": \"a\"},\n {\"id\": \"a\"}],\n \"body\": [{\"heading\": \"一\", \"content\": [{\"paragraph\": \"x\"},\n {\"table\": {\"header\": [\"甲\", \"\"]}}]}]}";
    const YAML: &str = "version: 1\nmeta:\n  title: 报告\n  date: 2022-1-1\nindicators:\n  - id: a\n  - id: a\nbody:\n  - heading: 一\n    content:\n      - paragraph: x\n      - table: {header: [甲, '']}\n";

    /// Line and column of `path` in `text`.
    fn at(spans: &Spans, text: &str, path: &str) -> Option<(usize, usize)> {
        spans.find(path).map(|offset| crate::input::line_column(text, offset))
    }

    #[test]
    fn each_format_points_at_each_value() {
        let toml = &Spans::build(TOML, InputFormat::Toml);
        assert_eq!(at(toml, TOML, "meta.date"), Some((5, 8)));
        assert_eq!(at(toml, TOML, "indicators[1].id"), Some((11, 6)), "the second id, not the first");
        assert_eq!(at(toml, TOML, "body[0].content[1].table.header[1]"), Some((15, 60)));
        assert_eq!(at(toml, TOML, "body[0].content[1].table.rows"), at(toml, TOML, "body[0].content[1].table"));
        let json = &Spans::build(JSON, InputFormat::Json);
        assert_eq!(at(json, JSON, "meta.date"), Some((2, 10)));
        assert_eq!(at(json, JSON, "indicators[1].id"), Some((4, 9)));
        assert_eq!(at(json, JSON, "body[0].content[1].table.header[1]"), Some((6, 29)));
        assert_eq!(at(json, JSON, "version"), Some((1, 13)));
        let yaml = &Spans::build(YAML, InputFormat::Yaml);
        assert_eq!(at(yaml, YAML, "meta.date"), Some((4, 9)));
        assert_eq!(at(yaml, YAML, "indicators[1].id"), Some((7, 9)));
        assert_eq!(at(yaml, YAML, "body[0].content[1].table.header[1]"), Some((12, 29)));
        assert_eq!(at(yaml, YAML, "nothing.here"), None);
    }
}
