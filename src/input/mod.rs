//! Input stage: read a structured summary from TOML, JSON or YAML and check it.
//!
//! Parsing errors carry the file, line and column (where the format tells them) and the
//! path of the field; [`validate`] then checks what the types cannot say (unique ids,
//! references, dates) and points at the offending value in the source.

mod spans;
mod validate;

pub use spans::Spans;
pub use validate::advise;

use std::io::Read;
use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::{Error, Location, Result};
use crate::model::Summary;

/// The syntaxes a summary can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// TOML (`.toml`).
    Toml,
    /// JSON (`.json`).
    Json,
    /// YAML (`.yaml`, `.yml`).
    Yaml,
}

impl InputFormat {
    /// The format a file name's extension announces.
    pub fn from_path(path: &Path) -> Option<Self> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "toml" => Some(InputFormat::Toml),
            "json" => Some(InputFormat::Json),
            "yaml" | "yml" => Some(InputFormat::Yaml),
            _ => None,
        }
    }
}

/// The largest summary file read, in bytes. A report's summary is some kilobytes (the
/// example's 14 KB); a bigger file is a mistake, and its layout's memory grows with it (a
/// 10 MB paragraph took 535 MB).
pub const MAX_INPUT_BYTES: usize = 8 << 20;

/// The deepest nesting of YAML flow collections (`[[[…]]]`) read. serde_yaml's own limit
/// (128) came after a parse quadratic in the depth: 40,000 levels took 50 s to refuse.
pub const MAX_YAML_NESTING: usize = 128;

/// Up to one byte more than [`MAX_INPUT_BYTES`] of `reader` (a FIFO or a device never ends).
fn read_at_most(reader: impl Read) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader.take(MAX_INPUT_BYTES as u64 + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The byte offset where YAML flow collections (`[`, `{` outside quotes, comments and block
/// scalars) first nest deeper than `limit`, if they do: a linear scan before the parser's
/// quadratic one.
fn flow_nesting_exceeds(text: &str, limit: usize) -> Option<usize> {
    let (mut depth, mut quote) = (0usize, None);
    // The indent of the line that opened a block scalar (`|`, `>`): lines indented deeper
    // (or blank) are its text, brackets and all.
    let mut block: Option<usize> = None;
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let blank = line.trim().is_empty();
        match block {
            Some(opened) if blank || indent > opened => {
                start += line.len();
                continue;
            }
            _ => block = None,
        }
        if depth == 0 {
            // A quoted scalar in flow may span lines; a block one holds no brackets.
            quote = None;
        }
        let mut previous = b' ';
        for (i, byte) in line.bytes().enumerate() {
            match (quote, byte) {
                (Some(q), b) if b == q => quote = None,
                (Some(_), _) => {}
                (None, b'#') if previous.is_ascii_whitespace() => break,
                (None, b'"' | b'\'') if depth > 0 || matches!(previous, b' ' | b':' | b'-' | b'[' | b',' | b'{') => {
                    quote = Some(byte)
                }
                (None, b'|' | b'>') if depth == 0 && previous == b' ' => {
                    block = Some(indent);
                    break;
                }
                (None, b'[' | b'{') => {
                    depth += 1;
                    if depth > limit {
                        return Some(start + i);
                    }
                }
                (None, b']' | b'}') => depth = depth.saturating_sub(1),
                _ => {}
            }
            previous = byte;
        }
        start += line.len();
    }
    None
}

/// A summary as read, with the text it came from (later stages point back into it).
#[derive(Debug, Clone)]
pub struct Source {
    /// The file name as the user gave it, or `<stdin>`.
    pub name: String,
    /// The whole text of the file.
    pub text: String,
}

impl Source {
    /// Reads `path`, or standard input for `-`.
    pub fn read(path: &Path) -> Result<Self> {
        let (name, bytes) = if path.as_os_str() == "-" {
            ("<stdin>".to_owned(), read_at_most(std::io::stdin().lock()).map_err(|e| Error::io("<stdin>", e))?)
        } else {
            let file = std::fs::File::open(path).map_err(|e| match std::fs::read_link(path) {
                // A dangling link: "No such file" of a file that `ls` shows.
                Ok(target) if e.kind() == std::io::ErrorKind::NotFound => Error::Input {
                    location: Location::file(path.display().to_string()),
                    field: None,
                    message: format!("a symbolic link to {}, which does not exist", target.display()),
                },
                _ => Error::io(path, e),
            })?;
            (path.display().to_string(), read_at_most(file).map_err(|e| Error::io(path, e))?)
        };
        if bytes.len() > MAX_INPUT_BYTES {
            return Err(Error::Input {
                location: Location::file(name),
                field: None,
                message: format!("larger than {} MB: not a report summary (see docs/limits.md)", MAX_INPUT_BYTES >> 20),
            });
        }
        let text = String::from_utf8(bytes).map_err(|e| {
            let (line, column) = line_column(&String::from_utf8_lossy(e.as_bytes()), e.utf8_error().valid_up_to());
            Error::Input {
                location: Location {
                    file: name.clone(),
                    line: Some(narrow(line)),
                    column: Some(narrow(column)),
                    excerpt: None,
                },
                field: None,
                message: "the file is not valid UTF-8".to_owned(),
            }
        })?;
        let text = text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text);
        Ok(Source { name, text })
    }

    /// The location of the file as a whole.
    pub fn location_at_start(&self) -> Location {
        Location::file(self.name.clone())
    }

    /// A location in this source at a byte offset.
    pub fn location_at(&self, offset: usize) -> Location {
        let (line, column, text) = line_at(&self.text, offset);
        // The line's text found from the offset, not by counting lines again from the start.
        let excerpt = Some(text.trim_end_matches('\r').into());
        Location { file: self.name.clone(), line: Some(narrow(line)), column: Some(narrow(column)), excerpt }
    }

    /// A location in this source at a line and column (1-based), with the line's text.
    pub fn location_at_line(&self, line: usize, column: usize) -> Location {
        let excerpt = self.text.split('\n').nth(line - 1).map(|l| l.trim_end_matches('\r').into());
        Location { file: self.name.clone(), line: Some(narrow(line)), column: Some(narrow(column)), excerpt }
    }

    /// Where `text` stands verbatim in the source (a value usually is), as a byte offset;
    /// looked for from byte `from` on first (values come in the order of the source), then
    /// from the start.
    pub fn find_verbatim(&self, text: &str, from: usize) -> Option<usize> {
        if text.is_empty() {
            return None;
        }
        let from = from.min(self.text.len());
        let rest = self.text.get(from..).and_then(|rest| rest.find(text)).map(|at| from + at);
        rest.or_else(|| self.text.find(text))
    }

    /// Where character `offset` of `text`, the value of the field at `path`, stands: from
    /// where the value stands verbatim (`verbatim`, from [`Source::find_verbatim`]), else by
    /// the characters before it, else by the field.
    pub fn locate_char(&self, verbatim: Option<usize>, path: &str, text: &str, offset: usize) -> Location {
        let chars: Vec<char> = text.chars().collect();
        let offset = offset.min(chars.len());
        if let Some(found) = verbatim {
            let byte_offset: usize = chars[..offset].iter().map(|c| c.len_utf8()).sum();
            return self.location_at(found + byte_offset);
        }
        let from = offset.saturating_sub(8);
        let before: String = chars[from..offset].iter().collect();
        let at: String = chars[from..(offset + 1).min(chars.len())].iter().collect();
        match self.text.find(&at) {
            Some(found) if !at.is_empty() => self.location_at(found + before.len()),
            _ => self.locate_value(path, &chars.iter().take(8).collect::<String>()),
        }
    }

    /// Where the value `needle` of the field at `path` (e.g. `body[2].table.rows[0]`) stands,
    /// to point at a value that failed validation: the key names of the path are found one
    /// after the other, then the value after the last of them (quoted if it can be). The
    /// file alone when it cannot be found.
    pub fn locate_value(&self, path: &str, needle: &str) -> Location {
        let mut from = 0;
        for key in path.split(['.', '[', ']']).filter(|k| !k.is_empty() && !k.chars().all(|c| c.is_ascii_digit())) {
            if let Some(at) = self.text[from..].find(key) {
                from += at;
            }
        }
        let rest = &self.text[from..];
        let quoted = [format!("\"{needle}\""), format!("'{needle}'")];
        let found =
            quoted.iter().filter_map(|q| rest.find(q.as_str()).map(|at| at + 1)).min().or_else(|| rest.find(needle));
        match found {
            Some(offset) => self.location_at(from + offset),
            None if from > 0 => self.location_at(from),
            None => Location::file(self.name.clone()),
        }
    }
}

/// A summary read and checked, with its source (to locate warnings in) and the advice on
/// it ([`validate::advise`]).
pub struct Loaded {
    pub summary: Summary,
    pub source: Source,
    pub advice: Vec<String>,
}

/// Reads and validates the summary at `path` (`-` for standard input).
///
/// `format` overrides the extension; it is required for standard input.
pub fn load(path: &Path, format: Option<InputFormat>) -> Result<Loaded> {
    let format = match format.or_else(|| InputFormat::from_path(path)) {
        Some(format) => format,
        None if path.as_os_str() == "-" => {
            return Err(Error::Usage("reading standard input needs --input-format toml|json|yaml".to_owned()))
        }
        None => {
            return Err(Error::Usage(format!(
                "{}: cannot tell the input format from the extension (use .toml, .json, .yaml or --input-format)",
                path.display()
            )))
        }
    };
    let source = Source::read(path)?;
    let summary = from_source(&source, format)?;
    let advice = validate::advise(&summary, &source, format);
    Ok(Loaded { summary, source, advice })
}

/// Parses and validates the summary in `source`.
pub fn from_source(source: &Source, format: InputFormat) -> Result<Summary> {
    let summary = parse(source, format).map_err(hint_template)?;
    validate::validate(&summary, source, format)?;
    Ok(summary)
}

/// Keys only a template has at its top level: a summary stopped at one is most likely a
/// template given where a report belongs.
const TEMPLATE_KEYS: [&str; 8] = ["name", "extends", "page", "grid", "fonts", "line_pitch", "punctuation", "headings"];

/// A summary that fails at a template's key is told where templates go.
fn hint_template(error: Error) -> Error {
    match error {
        Error::Input { location, field: Some(field), message }
            if TEMPLATE_KEYS.contains(&field.as_str()) && message.starts_with("unknown field") =>
        {
            let message = format!(
                "{message} (this looks like a template: pass a template with -t FILE, the report as the input)"
            );
            Error::Input { location, field: Some(field), message }
        }
        other => other,
    }
}

/// Parses `source` as `format` into a `T`, with positions and field paths in errors.
pub fn parse<T: DeserializeOwned>(source: &Source, format: InputFormat) -> Result<T> {
    let text = source.text.as_str();
    let error = |path: String, line_column: Option<(usize, usize)>, message: String| Error::Input {
        location: match line_column {
            Some((line, column)) => source.location_at_line(line, column),
            None => source.location_at_start(),
        },
        // serde_path_to_error writes `?` for a key it never learnt (a trailing comma after
        // the last one): the path up to there is what is known.
        field: Some(path.trim_end_matches('?').trim_end_matches('.').to_owned()).filter(|p| !p.is_empty() && p != "."),
        message,
    };
    match format {
        InputFormat::Toml => {
            let deserializer = toml::Deserializer::new(text);
            serde_path_to_error::deserialize(deserializer).map_err(|e| {
                let path = e.path().to_string();
                let inner = e.into_inner();
                let position = inner.span().map(|span| line_column(text, span.start));
                let message = advised(format, one_line(inner.message()));
                error(path, position, message)
            })
        }
        InputFormat::Json => {
            let mut deserializer = serde_json::Deserializer::from_str(text);
            let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
                let path = e.path().to_string();
                let inner = e.into_inner();
                let position = (inner.line() > 0).then(|| (inner.line(), inner.column()));
                error(path, position, advised(format, strip_position(&inner.to_string())))
            })?;
            deserializer.end().map_err(|e| {
                error(String::new(), Some((e.line(), e.column())), advised(format, strip_position(&e.to_string())))
            })?;
            Ok(value)
        }
        InputFormat::Yaml => {
            if let Some(at) = flow_nesting_exceeds(text, MAX_YAML_NESTING) {
                let message = format!("collections nest more than {MAX_YAML_NESTING} deep");
                return Err(error(String::new(), Some(line_column(text, at)), message));
            }
            let deserializer = serde_yaml::Deserializer::from_str(text);
            serde_path_to_error::deserialize(deserializer).map_err(|e| {
                let path = e.path().to_string();
                let inner = e.into_inner();
                let position = inner.location().map(|l| (l.line(), l.column()));
                let message = strip_position(&inner.to_string());
                // serde_yaml puts (part of) the field path in front; it is printed separately.
                let message = match message.split_once(": ") {
                    Some((head, rest)) if path.starts_with(head) => rest.to_owned(),
                    _ => message,
                };
                error(path, position, advised(format, message))
            })
        }
    }
}

/// A line or column number as a [`Location`] keeps it (inputs are at most 8 MB).
pub fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let (line, column, _) = line_at(text, offset);
    (line, column)
}

/// As [`line_column`], with the text of that line (without its newline).
fn line_at(text: &str, offset: usize) -> (usize, usize, &str) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    // Counted in byte lanes, 255 bytes at a time so that a lane cannot overflow, which the
    // compiler vectorises: `matches('\n')` took 0.4 M instructions a warning in a 161 KB
    // report.
    let line = before.as_bytes().chunks(255).map(|chunk| usize::from(newlines(chunk))).sum::<usize>() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    (line, before[line_start..].chars().count() + 1, &text[line_start..line_end])
}

/// The newlines in at most 255 bytes.
fn newlines(chunk: &[u8]) -> u8 {
    chunk.iter().fold(0u8, |count, &b| count.wrapping_add(u8::from(b == b'\n')))
}

/// Parser messages that say what is wrong in the parser's terms, and what to do about it
/// in a clerk's. Matched by a part of the message the parsers print; the advice follows the
/// message, or replaces it where the parser's terms only mislead ("map" for a date).
const ADVICE: &[(Option<InputFormat>, &str, &str)] = &[
    // TOML reads `date = 2024-06-15` as a date-time, which serde hands over as a map.
    (Some(InputFormat::Toml), "invalid type: map, expected a string", "a bare date is a TOML date, not text: write it in quotes, as date = \"2024-06-15\""),
    (Some(InputFormat::Toml), "invalid basic string", "a string is not closed: end it with \" on the same line, or write text of several lines between \"\"\" and \"\"\""),
    (None, "number too large to fit in target type", "write such a figure as a string in quotes: it prints as written"),
    (None, "number out of range", "write such a figure as a string in quotes: it prints as written"),
    (None, "recursion limit exceeded", "the file nests lists or tables deeper than a summary does"),
    (None, "trailing comma", "remove the comma before the closing bracket or brace"),
    (Some(InputFormat::Yaml), "found character that cannot start any token", "YAML indents with spaces, not tabs, and a value starting with @ or ` goes in quotes"),
    // YAML reads `value: **.*` as an alias.
    (Some(InputFormat::Yaml), "while scanning an alias", "a value starting with * is a YAML alias: write a masked figure in quotes, as value: \"**.*\""),
];

/// The parser messages the advice replaces: TOML's date-time arrives as a map, a word no
/// clerk wrote.
const REPLACED: [&str; 1] = ["invalid type: map, expected a string"];

/// `message` with the advice for it, if any is known.
fn advised(format: InputFormat, message: String) -> String {
    let message = crate::error::with_suggestion(message);
    let applies = |(only, needle, _): &&(Option<InputFormat>, &str, &str)| {
        only.is_none_or(|only| only == format) && message.contains(needle)
    };
    match ADVICE.iter().find(applies) {
        Some((_, needle, advice)) if REPLACED.contains(needle) => (*advice).to_owned(),
        Some((_, _, advice)) => format!("{message} ({advice})"),
        None => message,
    }
}

/// A message on one line.
fn one_line(message: &str) -> String {
    message.trim().lines().map(str::trim).collect::<Vec<_>>().join("; ")
}

/// serde_json and serde_yaml append " at line L column C"; the location is printed separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::flow_nesting_exceeds;

    #[test]
    fn yaml_flow_nesting_is_counted_outside_text() {
        let deep = format!("meta: {}{}\n", "[".repeat(200), "]".repeat(200));
        assert_eq!(flow_nesting_exceeds(&deep, 128), Some(6 + 128));
        let texts = format!(
            "body:\n  - paragraph: |\n      {0}\n\n      {0}\n  - paragraph: \"{0}\"\n  - paragraph: '{0}' # {0}\n  - table: {{header: [a, b]}}\n",
            "[".repeat(200)
        );
        assert_eq!(flow_nesting_exceeds(&texts, 128), None);
    }
}
