//! The export pipeline for one report: input → model → template → layout → writers, and
//! the atomic writing of its output files.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::fonts::FontSet;
use crate::input::{self, InputFormat};
use crate::template::{self, DocxChart, Template};
use crate::{docx, layout, pdf, png, txt};

/// Resolution of the pictures of charts in the DOCX: sharp in print, small in the file.
const CHART_DPI: f32 = 200.0;

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum OutputFormat {
    /// Typeset PDF for print.
    Pdf,
    /// Word document for editing.
    Docx,
    /// Plain text in reading order.
    Txt,
}

impl OutputFormat {
    /// File extension.
    pub fn extension(self) -> &'static str {
        match self {
            OutputFormat::Pdf => "pdf",
            OutputFormat::Docx => "docx",
            OutputFormat::Txt => "txt",
        }
    }

    /// Whether the format is written from the layout (and so needs the fonts).
    pub fn needs_layout(self) -> bool {
        matches!(self, OutputFormat::Pdf | OutputFormat::Docx)
    }
}

/// One rendered output, not yet written.
pub struct Rendered {
    /// Its format.
    pub format: OutputFormat,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// What exporting one report produced.
pub struct Report {
    /// The rendered outputs, in the order asked for.
    pub outputs: Vec<Rendered>,
    /// Number of PDF pages (0 without a PDF).
    pub pages: usize,
    /// Warnings for the user, each with its place in the input.
    pub warnings: Vec<String>,
}

/// Renders the report at `input` in each of `formats` (in memory; nothing is written).
pub fn render(
    input: &Path,
    input_format: Option<InputFormat>,
    template: &Template,
    fonts: &FontSet,
    formats: &[OutputFormat],
    embed_fonts: bool,
) -> Result<Report> {
    let input::Loaded { summary, source, advice } = input::load(input, input_format)?;
    if summary.depth() > template.headings.len() {
        return Err(Error::Usage(format!(
            "{}: sections nest {} deep, but template `{}` styles only {} heading levels",
            input.display(),
            summary.depth(),
            template.name,
            template.headings.len()
        )));
    }
    let document = template::apply(&summary, template);
    let mut report = Report { outputs: Vec::new(), pages: 0, warnings: advice };
    // The DOCX takes its tables' columns from the layout too.
    let needs_layout = formats.iter().any(|f| f.needs_layout());
    let laid_out = needs_layout.then(|| layout::layout(&document, template, fonts));
    if let Some(laid_out) = laid_out.as_ref().filter(|l| l.drawn > layout::MAX_DRAWN) {
        let why = if laid_out.tables.is_empty() {
            ""
        } else {
            ": a table's header is repeated on each of its pages, and a column narrower than its text sets \
             it a character a line"
        };
        return Err(Error::Input {
            location: source.location_at_start(),
            field: None,
            message: format!(
                "the report draws more than a report may ({} glyphs, a run of text counted as {}; see \
                 docs/limits.md), and had reached page {}{why}",
                layout::MAX_DRAWN,
                layout::RUN_WEIGHT,
                laid_out.pages.len()
            ),
        });
    }
    // The writers read the same layout and nothing else of each other: on every core, the
    // outputs kept in the order asked for (the example's PDF and DOCX: 20.8 and 12.4 ms as
    // processes of their own).
    let write = |format: OutputFormat| -> Result<Rendered> {
        let bytes = match format {
            OutputFormat::Pdf => {
                let laid_out = laid_out.as_ref().expect("laid out for the PDF");
                pdf::write(laid_out, &document, fonts)?
            }
            OutputFormat::Docx => {
                let laid_out = laid_out.as_ref().expect("laid out for the DOCX");
                // Pictures of the charts only where the DOCX shows pictures, not Word charts.
                let pictures = match template.chart.docx {
                    DocxChart::Picture => laid_out
                        .charts
                        .iter()
                        .map(|chart| png::render(chart, fonts, CHART_DPI))
                        .collect::<Result<Vec<_>>>()?,
                    DocxChart::Chart => Vec::new(),
                };
                let embedded = if embed_fonts { embedded_fonts(laid_out, template, fonts)? } else { Vec::new() };
                let bold_faces: Vec<String> =
                    template.fonts.keys().filter(|key| fonts.get(fonts.id(key)).is_bold()).cloned().collect();
                docx::write(&document, template, laid_out, &pictures, &embedded, &bold_faces)?
            }
            OutputFormat::Txt => txt::write(&document),
        };
        Ok(Rendered { format, bytes })
    };
    report.outputs = formats.par_iter().map(|&format| write(format)).collect::<Result<Vec<_>>>()?;
    if formats.contains(&OutputFormat::Pdf) {
        report.pages = laid_out.as_ref().map_or(0, |l| l.pages.len());
    }
    if let Some(laid_out) = laid_out {
        // Where each element's text stands, searched once per element, onwards from the last.
        let mut verbatim = std::collections::HashMap::new();
        let mut cursor = 0;
        report.warnings.extend(laid_out.warnings.iter().map(|w| {
            let field = &document.origins[w.element];
            let at = *verbatim.entry(w.element).or_insert_with(|| source.find_verbatim(&w.text, cursor));
            cursor = at.unwrap_or(cursor);
            format!("{}: field `{field}`: {}", source.locate_char(at, field, &w.text, w.offset), w.message)
        }));
    }
    Ok(report)
}

/// The template's fonts the document draws, each cut to the glyphs it draws, to carry in the
/// DOCX. Installed fallback fonts are not carried.
fn embedded_fonts(laid_out: &layout::Layout, template: &Template, fonts: &FontSet) -> Result<Vec<docx::EmbeddedFont>> {
    let mut embedded = Vec::new();
    for (id, glyphs) in laid_out.used_glyphs() {
        let font = fonts.get(id);
        let Some(family) = template.fonts.get(&font.key).and_then(|spec| spec.family()).map(str::to_owned) else {
            continue;
        };
        let subset = crate::fonts::subset_kerned(font, &glyphs)
            .map_err(|why| Error::Font(format!("font `{}` ({}) cannot be embedded: {why}", font.key, font.origin)))?;
        embedded.push(docx::EmbeddedFont {
            key: font.key.clone(),
            name: family,
            bold: font.is_bold(),
            data: subset.bytes,
        });
    }
    Ok(embedded)
}

/// The name an input's outputs take by default: its file name without the extension
/// ("report" for standard input).
pub fn default_stem(input: &Path) -> String {
    match input.file_stem() {
        Some(stem) if input.as_os_str() != "-" => stem.to_string_lossy().into_owned(),
        _ => "report".to_owned(),
    }
}

/// Where the outputs of `input` named `stem` go: `DIR/STEM.EXT`, or beside the input
/// without a `DIR`.
pub fn output_path(input: &Path, dir: Option<&Path>, stem: &str, format: OutputFormat) -> PathBuf {
    let dir = dir.map(Path::to_path_buf).unwrap_or_else(|| {
        if input.as_os_str() == "-" {
            PathBuf::from(".")
        } else {
            input.parent().map(Path::to_path_buf).unwrap_or_default()
        }
    });
    dir.join(format!("{stem}.{}", format.extension()))
}

/// Writes `bytes` to `path` whole or not at all: a temporary file in the same directory,
/// then a rename.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let staged = stage(path, bytes)?;
    staged.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// Writes one report's files all or none: each is written whole to a temporary file beside
/// its place first, and only when every one is written are they renamed into place. Without
/// `replace`, a file that exists at the moment of its rename stops the report (decided by the
/// file system, so two runs into one directory never both write a report), and the files this
/// call already placed are removed again: a report never ends with files from two runs.
pub fn write_all_or_none(files: &[(PathBuf, &[u8])], replace: bool) -> Result<()> {
    let staged = files.iter().map(|(path, bytes)| stage(path, bytes)).collect::<Result<Vec<_>>>()?;
    let mut placed: Vec<&Path> = Vec::new();
    for (file, (path, _)) in staged.into_iter().zip(files) {
        let result = if replace {
            file.persist(path).map(drop).map_err(|e| Error::io(path, e.error))
        } else {
            file.persist_noclobber(path).map(drop).map_err(|e| match e.error.kind() {
                std::io::ErrorKind::AlreadyExists => Error::Exists(path.clone()),
                _ => Error::io(path, e.error),
            })
        };
        if let Err(error) = result {
            for done in placed {
                let _ = std::fs::remove_file(done);
            }
            return Err(error);
        }
        placed.push(path);
    }
    Ok(())
}

/// `bytes` written whole to a temporary file in `path`'s directory (removed when dropped).
fn stage(path: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile> {
    use std::io::Write;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut file =
        tempfile::Builder::new().prefix(".baogao-").suffix(".part").tempfile_in(dir).map_err(|e| Error::io(dir, e))?;
    file.write_all(bytes).map_err(|e| Error::io(path, e))?;
    // A temporary file is private (0600); the output gets the usual permissions.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let permissions = std::fs::Permissions::from_mode(0o644);
        file.as_file().set_permissions(permissions).map_err(|e| Error::io(path, e))?;
    }
    Ok(file)
}
