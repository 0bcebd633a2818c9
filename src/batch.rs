//! Many reports in one run: the inputs a command line names (files, directories, glob
//! patterns, a manifest), a stable share of them for one machine of many, their output
//! names, the exports in parallel, and what each gave, as a script reads it.
//!
//! [`Plan::new`] does every check that can fail the whole batch (inputs, templates, fonts,
//! names) before anything is written; [`Plan::run`] exports the reports.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::export::{self, OutputFormat};
use crate::fonts::{FontDirs, FontSet};
use crate::input::{self, InputFormat};
use crate::model::Meta;
use crate::template::Template;

/// How a batch is exported.
pub struct Settings<'a> {
    /// Directory for the outputs; beside each input when `None`.
    pub output: Option<&'a Path>,
    /// The formats written.
    pub formats: &'a [OutputFormat],
    /// Syntax of the inputs, when their extensions do not tell.
    pub input_format: Option<InputFormat>,
    /// Carry the fonts in the DOCX.
    pub embed_fonts: bool,
    /// `--name`'s pattern for the outputs' names.
    pub name: Option<&'a str>,
    /// Replace outputs that exist.
    pub force: bool,
    /// Start no report after one has failed.
    pub fail_fast: bool,
    /// The template of reports a manifest gives none.
    pub template: &'a str,
    /// Directory searched first for font files.
    pub font_dir: Option<&'a Path>,
    /// Reports exported at once; one per core when `None`.
    pub jobs: Option<usize>,
    /// This machine's share of the inputs.
    pub shard: Option<Shard>,
    /// A manifest listing more reports.
    pub manifest: Option<&'a Path>,
}

/// A batch checked and ready to run.
pub struct Plan {
    entries: Vec<Entry>,
    /// Each entry's output name, or why it has none (that report fails).
    stems: Vec<Result<String>>,
    /// Each template named, with its fonts, loaded once.
    setups: Vec<(String, Template, FontSet)>,
}

impl Plan {
    /// Gathers the inputs (arguments, then the manifest's), takes the shard's share, loads
    /// every template named with its fonts, and names every output: two reports for one
    /// output path are an error, before anything is written.
    pub fn new(args: &[PathBuf], settings: &Settings) -> Result<Plan> {
        // `-o` names a directory (made when missing); a file there would fail every report
        // with "File exists" after all the work.
        if let Some(output) = settings.output.filter(|o| o.exists() && !o.is_dir()) {
            return Err(Error::Usage(format!(
                "{}: is a file, but -o names the directory the reports are written into",
                output.display()
            )));
        }
        let mut entries: Vec<Entry> = collect_inputs(args)?.into_iter().map(Entry::of).collect();
        if let Some(manifest) = settings.manifest {
            entries.extend(read_manifest(manifest)?);
        }
        if settings.input_format.is_none() && entries.iter().any(|e| e.input.as_os_str() == "-") {
            return Err(Error::Usage("reading standard input needs --input-format toml|json|yaml".into()));
        }
        if let Some(shard) = settings.shard {
            entries.retain(|entry| shard.takes(&entry.input));
        }
        let mut setups: Vec<(String, Template, FontSet)> = Vec::new();
        let dirs = FontDirs::given(settings.font_dir)?;
        for name in std::iter::once(settings.template).chain(entries.iter().filter_map(|e| e.template.as_deref())) {
            if !setups.iter().any(|(n, _, _)| n == name) {
                let template = Template::load(name)?;
                // Plain text alone is not laid out: its fonts are not read.
                let fonts = if settings.formats.iter().any(|f| f.needs_layout()) {
                    FontSet::load(&template, &dirs)?
                } else {
                    FontSet::none()
                };
                setups.push((name.to_owned(), template, fonts));
            }
        }
        // `--name` reads each report: a panic there fails that report only, as in `run`.
        let stems: Vec<Result<String>> =
            entries.iter().map(|entry| guarded(&entry.input, || stem(entry, settings))).collect();
        let targets: Vec<(PathBuf, PathBuf)> = entries
            .iter()
            .zip(&stems)
            .filter_map(|(entry, stem)| {
                let stem = stem.as_ref().ok()?;
                let target = export::output_path(&entry.input, settings.output, stem, OutputFormat::Pdf);
                Some((entry.input.clone(), target.with_extension("")))
            })
            .collect();
        if let Some((target, clash)) = collisions(&targets).first() {
            let names: Vec<String> = clash.iter().map(|p| p.display().to_string()).collect();
            return Err(Error::Usage(format!(
                "{} would all be written as {}.*; nothing was written (give --name a pattern that tells them apart)",
                names.join(", "),
                target.display()
            )));
        }
        Ok(Plan { entries, stems, setups })
    }

    /// How many reports the batch holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the batch holds no report.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Exports the reports, `settings.jobs` at a time, calling `done` with each outcome as it
    /// comes; no report starts once `stop` is set (by the caller, or here by `fail_fast`).
    /// The outcomes are in input order, without the reports never started.
    pub fn run(&self, settings: &Settings, stop: &AtomicBool, done: impl Fn(&Outcome) + Sync) -> Result<Vec<Outcome>> {
        // Never more threads than cores: `-j 100000` spawned every thread first. Fewer reports
        // than cores still get every core: a report's writers and its PDF's pages share them.
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        let threads = settings.jobs.unwrap_or(cores).clamp(1, cores);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .map_err(|e| Error::Usage(format!("cannot start {threads} threads: {e}")))?;
        Ok(pool.install(|| {
            self.entries
                .par_iter()
                .zip(&self.stems)
                .filter(|_| !stop.load(Ordering::Relaxed))
                .map(|(entry, stem)| {
                    let name = entry.template.as_deref().unwrap_or(settings.template);
                    let (_, template, fonts) =
                        self.setups.iter().find(|(n, _, _)| n == name).expect("every template is loaded");
                    let outcome = export_one(&entry.input, stem, template, fonts, settings);
                    if settings.fail_fast && outcome.error.is_some() {
                        stop.store(true, Ordering::Relaxed);
                    }
                    done(&outcome);
                    outcome
                })
                .collect()
        }))
    }
}

/// Exports one report: renders it, writes all its outputs whole or none, tells what it did.
/// A panic (a bug) is caught here, at the report's boundary: that report fails with an
/// internal error naming it, and the batch goes on.
fn export_one(
    input: &Path,
    stem: &Result<String>,
    template: &Template,
    fonts: &FontSet,
    settings: &Settings,
) -> Outcome {
    let started = std::time::Instant::now();
    let result = guarded(input, || {
        let stem = stem.as_ref().map_err(|e| Error::Output(e.to_string()))?;
        write_report(input, stem, template, fonts, settings)
    });
    let (outputs, pages, warnings, error) = match result {
        Ok((outputs, pages, warnings)) => (outputs, pages, warnings, None),
        Err(error) => (Vec::new(), 0, Vec::new(), Some(error)),
    };
    let milliseconds = started.elapsed().as_millis() as u64;
    let shown = error.as_ref().map(Error::render);
    Outcome {
        input: input.to_path_buf(),
        outputs,
        pages,
        milliseconds,
        warnings,
        error: error.map(|e| e.to_string()),
        shown,
    }
}

/// What a report wrote: its files, its pages, its warnings.
type Exported = (Vec<Written>, usize, Vec<String>);

/// Renders one report and writes its files all or none.
fn write_report(
    input: &Path,
    stem: &str,
    template: &Template,
    fonts: &FontSet,
    settings: &Settings,
) -> Result<Exported> {
    let paths: Vec<PathBuf> =
        settings.formats.iter().map(|&f| export::output_path(input, settings.output, stem, f)).collect();
    // A quick look first, to spare the rendering; the rename decides (see write_all_or_none).
    if let Some(existing) = paths.iter().find(|p| p.exists()).filter(|_| !settings.force) {
        return Err(Error::Exists(existing.clone()));
    }
    let report = export::render(input, settings.input_format, template, fonts, settings.formats, settings.embed_fonts)?;
    let files: Vec<(PathBuf, &[u8])> =
        report.outputs.iter().zip(paths).map(|(rendered, path)| (path, rendered.bytes.as_slice())).collect();
    export::write_all_or_none(&files, settings.force)?;
    let written = files.iter().map(|(path, bytes)| Written { path: path.clone(), bytes: bytes.len() as u64 }).collect();
    Ok((written, report.pages, report.warnings))
}

/// `work` on the report `input`, a panic in it caught and turned into an internal error
/// naming the report: a safety net for bugs, so that one report never ends a batch.
fn guarded<T>(input: &Path, work: impl FnOnce() -> Result<T>) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".to_owned());
        Err(Error::Internal { input: input.to_path_buf(), message })
    })
}

/// The name of an entry's outputs: the manifest's, else from `--name`'s pattern (which
/// reads the report's metadata), else the input's file name.
fn stem(entry: &Entry, settings: &Settings) -> Result<String> {
    let input = &entry.input;
    let default = export::default_stem(input);
    match (&entry.name, settings.name) {
        (Some(name), _) => Ok(sanitize(name)),
        (None, Some(pattern)) if input.as_os_str() != "-" => {
            let summary = input::load(input, settings.input_format)?.summary;
            output_name(pattern, &summary.meta, &default).map_err(Error::Usage)
        }
        _ => Ok(default),
    }
}

/// Extensions of report files found in directories.
const REPORT_EXTENSIONS: [&str; 4] = ["toml", "json", "yaml", "yml"];

/// The report files `args` name, in order, each once: a file as it is (`-` for standard
/// input), a directory's report files (`*.toml`, `*.json`, `*.yaml`, searched recursively,
/// in name order), a glob pattern's matches (`reports/**/*.toml`, in name order). A pattern
/// that matches nothing, or a directory with no report, is a usage error.
pub fn collect_inputs(args: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut inputs = Vec::new();
    for arg in args {
        let text = arg.to_string_lossy();
        if arg.is_dir() {
            let mut found = Vec::new();
            walk(arg, &mut found)?;
            if found.is_empty() {
                return Err(Error::Usage(format!("{}: no report files (.toml, .json, .yaml) in it", arg.display())));
            }
            found.sort();
            inputs.extend(found);
        } else if !arg.exists() && text.contains(['*', '?', '[']) {
            let paths = glob::glob(&text).map_err(|e| Error::Usage(format!("{text}: not a glob pattern: {e}")))?;
            let mut found: Vec<PathBuf> = paths.filter_map(std::result::Result::ok).filter(|p| p.is_file()).collect();
            if found.is_empty() {
                return Err(Error::Usage(format!("{text}: the pattern matches no file")));
            }
            found.sort();
            inputs.extend(found);
        } else {
            inputs.push(arg.clone());
        }
    }
    let mut seen = std::collections::HashSet::new();
    inputs.retain(|p| seen.insert(p.clone()));
    Ok(inputs)
}

/// Report files under `dir`, recursively. A directory reached twice (through a symbolic
/// link back up the tree) is read once.
fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> Result<()> {
    let mut seen = std::collections::HashSet::new();
    walk_once(dir, found, &mut seen)
}

fn walk_once(dir: &Path, found: &mut Vec<PathBuf>, seen: &mut std::collections::HashSet<PathBuf>) -> Result<()> {
    let real = dir.canonicalize().map_err(|e| Error::io(dir, e))?;
    if !seen.insert(real) {
        return Ok(());
    }
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let path = entry.map_err(|e| Error::io(dir, e))?.path();
        if path.is_dir() {
            walk_once(&path, found, seen)?;
        } else if path.extension().and_then(|e| e.to_str()).is_some_and(|e| REPORT_EXTENSIONS.contains(&e)) {
            found.push(path);
        }
    }
    Ok(())
}

/// One report of a batch: its input, and the template and output name a manifest may give
/// it (else the command line's).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The report file.
    pub input: PathBuf,
    /// A built-in template's name or a template file.
    #[serde(default)]
    pub template: Option<String>,
    /// The outputs' name (without extension), made safe as a file name.
    #[serde(default)]
    pub name: Option<String>,
}

impl Entry {
    /// An input named on the command line.
    pub fn of(input: PathBuf) -> Self {
        Entry { input, template: None, name: None }
    }
}

/// The reports a manifest lists: CSV with a header row (`input`, and optionally `template`
/// and `name`), or JSON Lines (`.jsonl`, `.ndjson`: one object per line with the same keys).
/// Relative paths are relative to the manifest's directory. A bad line is an error naming
/// the manifest's file and line.
pub fn read_manifest(path: &Path) -> Result<Vec<Entry>> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = manifest_text(&bytes);
    let at = |line: usize, message: String| Error::Usage(format!("{}:{line}: {message}", path.display()));
    let is_jsonl = path.extension().and_then(|e| e.to_str()).is_some_and(|e| e == "jsonl" || e == "ndjson");
    let mut entries = Vec::new();
    if is_jsonl {
        for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            entries.push(serde_json::from_str::<Entry>(line).map_err(|e| at(i + 1, e.to_string()))?);
        }
    } else {
        let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(text.as_bytes());
        for record in reader.deserialize::<Entry>() {
            let entry = record.map_err(|e| {
                let line = e.position().map_or(0, |p| p.line() as usize);
                at(line, e.to_string())
            })?;
            entries.push(entry);
        }
    }
    let base = path.parent().unwrap_or(Path::new(""));
    for entry in &mut entries {
        if entry.input.is_relative() {
            entry.input = base.join(&entry.input);
        }
        entry.template = entry.template.take().filter(|t| !t.is_empty()).map(|t| {
            let file = Path::new(&t);
            let is_file = t.ends_with(".toml") || t.contains('/');
            if is_file && file.is_relative() {
                base.join(file).to_string_lossy().into_owned()
            } else {
                t
            }
        });
        entry.name = entry.name.take().filter(|n| !n.is_empty());
    }
    if entries.is_empty() {
        return Err(Error::Usage(format!("{}: the manifest lists no report", path.display())));
    }
    Ok(entries)
}

/// A manifest's text: UTF-8 (a byte-order mark dropped), else GB18030, which Excel on
/// Chinese Windows writes its CSV in (GBK is a part of it).
fn manifest_text(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.into(),
        Err(_) => encoding_rs::GB18030.decode_without_bom_handling(bytes).0,
    }
}

/// Longest output name, in characters.
const MAX_NAME: usize = 80;

/// Longest output name, in bytes: a file name holds 255 bytes on Linux, macOS and Windows,
/// and the extension (".docx") takes its share.
const MAX_NAME_BYTES: usize = 240;

/// Names Windows keeps for devices, with or without an extension ("CON", "nul.txt").
const RESERVED_NAMES: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2",
    "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// Characters that change how a name reads without showing: bidirectional overrides and
/// isolates (U+202E makes "rcod.pdf" read "fdp.docr"), zero-width spaces and joiners, BOM.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{061C}' | '\u{FEFF}')
}

/// An output name from `--name`'s pattern: `{stem}` (the input's file name), `{title}`,
/// `{issuer}`, `{period}`, `{date}`, `{doc_number}` from the report, made safe as a file
/// name (see [`sanitize`]).
pub fn output_name(pattern: &str, meta: &Meta, stem: &str) -> std::result::Result<String, String> {
    let values = [
        ("{stem}", stem),
        ("{title}", meta.title.as_str()),
        ("{issuer}", meta.issuer.as_deref().unwrap_or("")),
        ("{period}", meta.period.as_deref().unwrap_or("")),
        ("{date}", meta.date.as_deref().unwrap_or("")),
        ("{doc_number}", meta.doc_number.as_deref().unwrap_or("")),
    ];
    let mut name = String::new();
    let mut rest = pattern;
    while let Some(start) = rest.find('{') {
        name.push_str(&rest[..start]);
        let end = rest[start..]
            .find('}')
            .map(|e| start + e + 1)
            .ok_or_else(|| format!("`{pattern}`: a `{{` without `}}`"))?;
        let placeholder = &rest[start..end];
        let value = values.iter().find(|(p, _)| *p == placeholder).map(|(_, v)| *v).ok_or_else(|| {
            let known: Vec<&str> = values.iter().map(|(p, _)| *p).collect();
            format!("unknown placeholder `{placeholder}` in --name (have: {})", known.join(" "))
        })?;
        // Each value is made safe on its own: a separator in a title never makes a directory.
        name.push_str(&sanitize(value));
        rest = &rest[end..];
    }
    name.push_str(rest);
    Ok(sanitize(&name))
}

/// A file name from any text: no path separators or characters Windows forbids (they become
/// `_`), no control or invisible characters (bidirectional overrides, zero-width spaces), no
/// leading or trailing dots or spaces (so never `..` or a hidden file), at most 80 characters
/// and 240 bytes, a Windows device name (`CON`, `nul`) followed by `_`; "report" when nothing
/// is left.
pub fn sanitize(text: &str) -> String {
    let mapped: String = text
        .chars()
        .filter(|&c| !c.is_control() && !is_invisible(c))
        .map(|c| if "/\\:*?\"<>|".contains(c) { '_' } else { c })
        .collect();
    let mut name = String::new();
    for c in mapped.trim_matches(|c: char| c == '.' || c.is_whitespace()).chars().take(MAX_NAME) {
        if name.len() + c.len_utf8() > MAX_NAME_BYTES {
            break;
        }
        name.push(c);
    }
    let name = name.trim_end_matches(|c: char| c == '.' || c.is_whitespace());
    // Windows reads the part before the first dot: "nul.txt" is the device too.
    let device = name.split('.').next().unwrap_or("").trim_end();
    if name.is_empty() {
        "report".to_owned()
    } else if RESERVED_NAMES.iter().any(|r| r.eq_ignore_ascii_case(device)) {
        format!("{device}_{}", &name[device.len()..])
    } else {
        name.to_owned()
    }
}

/// Inputs whose outputs would land on the same path (`targets` pairs each input with its
/// output path without extension): each such path with the inputs that map to it.
pub fn collisions(targets: &[(PathBuf, PathBuf)]) -> Vec<(PathBuf, Vec<PathBuf>)> {
    let mut by_target: std::collections::BTreeMap<&PathBuf, Vec<PathBuf>> = std::collections::BTreeMap::new();
    for (input, target) in targets {
        by_target.entry(target).or_default().push(input.clone());
    }
    by_target.into_iter().filter(|(_, inputs)| inputs.len() > 1).map(|(t, i)| (t.clone(), i)).collect()
}

/// Shard `k` of `n` (1-based), as `--shard K/N` writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// This shard, 1 to `n`.
    pub k: u64,
    /// How many shards.
    pub n: u64,
}

impl std::str::FromStr for Shard {
    type Err = String;

    fn from_str(text: &str) -> std::result::Result<Self, String> {
        let parsed = text.split_once('/').and_then(|(k, n)| Some((k.trim().parse().ok()?, n.trim().parse().ok()?)));
        match parsed {
            Some((k, n)) if n >= 1 && (1..=n).contains(&k) => Ok(Shard { k, n }),
            _ => Err(format!("`{text}` is not a shard K/N with 1 <= K <= N")),
        }
    }
}

impl Shard {
    /// Whether `input` falls to this shard: by a hash of its path as given, so that every
    /// machine of a batch, given the same inputs in any order, takes its own share and the
    /// shares together cover every input once.
    pub fn takes(&self, input: &Path) -> bool {
        let hash = crate::fnv::Fnv1a::of(input.to_string_lossy().as_bytes());
        hash % self.n == self.k - 1
    }
}

/// What exporting one report gave, for `--json`: one line per report.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Outcome {
    /// The input as named.
    pub input: PathBuf,
    /// The files written, with their sizes.
    pub outputs: Vec<Written>,
    /// Pages of the PDF (0 without one).
    pub pages: usize,
    /// Wall time of the report's export, ms.
    pub milliseconds: u64,
    /// Warnings, each with its place in the input.
    pub warnings: Vec<String>,
    /// Why the report failed, if it did.
    pub error: Option<String>,
    /// The error as a person reads it, with the source line (not in the JSON line).
    #[serde(skip)]
    pub shown: Option<String>,
}

/// One file written.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Written {
    /// Where.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_safe_file_names() {
        assert_eq!(sanitize("江淮/高新区"), "江淮_高新区");
        assert_eq!(sanitize("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(sanitize(".."), "report");
        assert_eq!(sanitize(" a\u{7}b:c. "), "ab_c");
        assert_eq!(sanitize(&"长".repeat(200)).chars().count(), 80);
        // 80 four-byte characters are 320 bytes: cut to what a file name holds.
        let wide = sanitize(&"\u{20000}".repeat(80));
        assert_eq!((wide.len(), wide.chars().count()), (240, 60));
        assert_eq!(sanitize("CON"), "CON_");
        assert_eq!(sanitize("nul.txt"), "nul_.txt");
        assert_eq!(sanitize("COM1 .a"), "COM1_ .a");
        assert_eq!(sanitize("CONTROL"), "CONTROL");
        assert_eq!(sanitize("报告\u{202E}fdp.exe\u{200B}"), "报告fdp.exe");
        let meta: Meta =
            toml::from_str("title = \"总结\"\nissuer = \"江淮/高新区\"\ndate = \"2022-12-20\"\nperiod = \"2022年\"")
                .unwrap();
        assert_eq!(output_name("{issuer}-{period}", &meta, "r1").unwrap(), "江淮_高新区-2022年");
        assert_eq!(output_name("{stem}", &meta, "r1").unwrap(), "r1");
        assert!(output_name("{nope}", &meta, "r1").is_err());
    }

    #[test]
    fn a_panic_in_one_report_is_an_error_for_that_report() {
        let caught = guarded(Path::new("r7.toml"), || -> Result<()> { panic!("index out of bounds") });
        let message = caught.unwrap_err().to_string();
        assert!(message.starts_with("r7.toml: internal error") && message.contains("index out of bounds"), "{message}");
        assert_eq!(guarded(Path::new("r8.toml"), || Ok(8)).unwrap(), 8);
    }

    #[test]
    fn shards_split_every_input_once() {
        let inputs: Vec<PathBuf> = (0..300).map(|i| PathBuf::from(format!("reports/r{i}.toml"))).collect();
        let shards: Vec<Shard> = (1..=3).map(|k| format!("{k}/3").parse().unwrap()).collect();
        for input in &inputs {
            assert_eq!(shards.iter().filter(|s| s.takes(input)).count(), 1, "{}", input.display());
        }
        let sizes: Vec<usize> = shards.iter().map(|s| inputs.iter().filter(|i| s.takes(i)).count()).collect();
        assert!(sizes.iter().all(|&n| n > 70), "shares roughly even: {sizes:?}");
        assert!("0/3".parse::<Shard>().is_err() && "4/3".parse::<Shard>().is_err() && "x".parse::<Shard>().is_err());
    }
}
