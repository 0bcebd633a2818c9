//! Errors and the exit codes they map to.

use std::fmt;
use std::path::PathBuf;

/// Exit code for success.
pub const EXIT_OK: i32 = 0;
/// Exit code when some reports failed (a malformed or invalid report, a file that could not
/// be read or written), or a run that could not start for a reason other than usage (I/O).
pub const EXIT_FAILURE: i32 = 1;
/// Exit code for bad usage, before any report is exported: the command line, the template,
/// a font that is not found.
pub const EXIT_USAGE: i32 = 2;

/// Where in an input file something went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file, or `<stdin>`.
    pub file: String,
    /// 1-based line, when the format tells it (32 bits: an error stays small to pass around).
    pub line: Option<u32>,
    /// 1-based column, when the format tells it.
    pub column: Option<u32>,
    /// The source line, to show under the message.
    pub excerpt: Option<Box<str>>,
}

impl Location {
    /// The file as a whole, no line.
    pub fn file(file: impl Into<String>) -> Self {
        Location { file: file.into(), line: None, column: None, excerpt: None }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        Ok(())
    }
}

/// Everything that can stop an export.
#[derive(Debug)]
pub enum Error {
    /// The input file is malformed or invalid.
    Input {
        /// Where.
        location: Location,
        /// The path of the offending field, e.g. `body[2].content[0].paragraph`.
        field: Option<String>,
        /// What is wrong.
        message: String,
    },
    /// A template is malformed or invalid.
    Template {
        /// Where.
        location: Location,
        /// The offending key.
        field: Option<String>,
        /// What is wrong.
        message: String,
    },
    /// A font the template asks for cannot be found or read.
    Font(String),
    /// The command line asks for something impossible.
    Usage(String),
    /// Reading or writing a file failed.
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A writer could not produce its output.
    Output(String),
    /// An output file exists and may not be replaced.
    Exists(PathBuf),
    /// Several errors of one file, reported at once.
    Many(Vec<Error>),
    /// A bug: the export of one report panicked. The batch goes on without it.
    Internal {
        /// The report.
        input: PathBuf,
        /// What the panic said.
        message: String,
    },
}

impl Error {
    /// The process exit code for this error (documented in the README).
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Input { .. } | Error::Template { .. } | Error::Font(_) | Error::Usage(_) => EXIT_USAGE,
            Error::Io { .. } | Error::Output(_) | Error::Exists(_) | Error::Internal { .. } => EXIT_FAILURE,
            Error::Many(errors) => errors.first().map_or(EXIT_FAILURE, Error::exit_code),
        }
    }

    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Input { location, field, message } | Error::Template { location, field, message } => {
                write!(f, "{location}: ")?;
                if let Some(field) = field {
                    write!(f, "field `{field}`: ")?;
                }
                f.write_str(message)
            }
            Error::Font(message) | Error::Usage(message) | Error::Output(message) => f.write_str(message),
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Exists(path) => write!(f, "{} exists; --force replaces it", path.display()),
            // One error a line, alike (a script splits at the line ends).
            Error::Many(errors) => {
                for (i, error) in errors.iter().take(MAX_SHOWN).enumerate() {
                    if i > 0 {
                        f.write_str("\n")?;
                    }
                    write!(f, "{error}")?;
                }
                if errors.len() > MAX_SHOWN {
                    write!(f, "\n… and {} more errors in this file", errors.len() - MAX_SHOWN)?;
                }
                Ok(())
            }
            Error::Internal { input, message } => write!(
                f,
                "{}: internal error, this report was not exported ({message}); please report it with the input",
                input.display()
            ),
        }
    }
}

impl Error {
    /// The error as a person reads it: `error: ` and the message, and under a located one
    /// its source line with the column marked; every error of a [`Error::Many`].
    pub fn render(&self) -> String {
        match self {
            Error::Many(errors) => {
                let shown = errors.iter().take(MAX_SHOWN).map(Error::render);
                let mut lines: Vec<String> = shown.collect();
                if errors.len() > MAX_SHOWN {
                    lines.push(format!("error: … and {} more errors in this file", errors.len() - MAX_SHOWN));
                }
                lines.join("\n")
            }
            Error::Input { location, .. } | Error::Template { location, .. } => {
                let (Some(line), Some(column), Some(excerpt)) = (location.line, location.column, &location.excerpt)
                else {
                    return format!("error: {self}");
                };
                use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
                let start: usize = excerpt.chars().take(column.saturating_sub(1) as usize).map(char::len_utf8).sum();
                let end = excerpt[start..].chars().next().map_or(start, |c| start + c.len_utf8());
                let title = self.to_string();
                let report = [Level::ERROR.primary_title(title.as_str()).element(
                    Snippet::source(&**excerpt)
                        .line_start(line as usize)
                        .annotation(AnnotationKind::Primary.span(start..end)),
                )];
                Renderer::plain().render(&report)
            }
            _ => format!("error: {self}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// The most errors of one file shown; the rest are counted.
pub const MAX_SHOWN: usize = 20;

/// Result with this crate's error.
pub type Result<T> = std::result::Result<T, Error>;

/// The candidate closest to `word` by edit distance, if it is close enough to be what was
/// meant: at most one edit in four characters (`fnt` → `font`, `growht_rate` →
/// `growth_rate`, `hang` → `hanging` is a prefix), ties to the first in alphabetical order
/// so that the message is the same on every run.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let length = word.chars().count();
    // One letter is close to anything; past 64 characters it is not a mistyped name (and a
    // hostile file's thousand long ids would cost quadratic time each).
    if !(2..=64).contains(&length) {
        return None;
    }
    let allowed = (length / 4).max(1);
    candidates
        .into_iter()
        .filter(|candidate| *candidate != word && !candidate.is_empty())
        // The distance is at least the difference in length (a prefix is told apart below).
        .filter(|candidate| candidate.starts_with(word) || candidate.chars().count().abs_diff(length) <= allowed)
        .filter_map(|candidate| {
            let distance = if candidate.starts_with(word) { 1 } else { edit_distance(word, candidate) };
            (distance <= allowed).then_some((distance, candidate))
        })
        .min()
        .map(|(_, candidate)| candidate)
}

/// " (did you mean `x`?)" for the closest of `candidates`, or nothing.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(word, candidates).map_or_else(String::new, |close| format!("; did you mean `{close}`?"))
}

/// A serde message naming an unknown field or variant ("unknown field `fnt`, expected one
/// of `font`, `size`") with the closest expected name suggested.
pub fn with_suggestion(message: String) -> String {
    let Some(rest) = message.strip_prefix("unknown field `").or_else(|| message.strip_prefix("unknown variant `"))
    else {
        return message;
    };
    let Some((word, expected)) = rest.split_once('`') else {
        return message;
    };
    let candidates = expected.split('`').skip(1).step_by(2);
    let suggestion = did_you_mean(word, candidates);
    message + &suggestion
}

/// Edit distance in characters, a swap of two neighbours counting as one edit (`gpd` →
/// `gdp`): the optimal string alignment distance.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // rows[i][j]: the distance between the first i characters of a and the first j of b.
    let mut rows = vec![vec![0; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1).min(rows[i][j - 1] + 1).min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod suggestion_tests {
    use super::{closest, with_suggestion};

    #[test]
    fn close_names_are_suggested_and_far_ones_not() {
        assert_eq!(closest("fnt", ["font", "size", "first_line_indent"]), Some("font"));
        assert_eq!(closest("growht_rate", ["growth_rate", "total"]), Some("growth_rate"));
        assert_eq!(closest("hang", ["grid", "hanging", "compressed"]), Some("hanging"));
        assert_eq!(closest("colour", ["color", "size"]), Some("color"));
        assert_eq!(closest("gpd", ["gdp", "fai"]), Some("gdp"));
        assert_eq!(closest("xyz", ["font", "size"]), None);
        assert_eq!(closest("a", ["b", "c"]), None, "one letter is anything");
    }

    #[test]
    fn serde_messages_get_the_suggestion() {
        let message = "unknown field `fnt`, expected one of `font`, `latin_font`, `size`".to_owned();
        assert_eq!(with_suggestion(message.clone()), format!("{message}; did you mean `font`?"));
        let message = "unknown variant `growth`, expected `growth_rate` or `total`".to_owned();
        assert_eq!(with_suggestion(message.clone()), format!("{message}; did you mean `growth_rate`?"));
        let message = "invalid type: map, expected a string".to_owned();
        assert_eq!(with_suggestion(message.clone()), message);
    }
}
