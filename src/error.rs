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
