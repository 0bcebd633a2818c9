//! Many reports in one run: the inputs a command line names (files, directories, glob
//! patterns), a stable share of them for one machine of many, and what each export gave, as
//! a script reads it.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::Meta;

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

/// Report files under `dir`, recursively.
fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> Result<()> {
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let path = entry.map_err(|e| Error::io(dir, e))?.path();
        if path.is_dir() {
            walk(&path, found)?;
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
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
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

/// Longest output name, in characters.
const MAX_NAME: usize = 80;

/// An output name from `--name`'s pattern: `{stem}` (the input's file name), `{title}`,
/// `{issuer}`, `{period}`, `{date}`, `{doc_number}` from the report, made safe as a file
/// name (see [`sanitize`]).
pub fn output_name(pattern: &str, meta: &Meta, stem: &str) -> std::result::Result<String, String> {
    let values = [
        ("{stem}", stem),
        ("{title}", meta.title.as_str()),
        ("{issuer}", meta.issuer.as_str()),
        ("{period}", meta.period.as_str()),
        ("{date}", meta.date.as_str()),
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
/// `_`), no control characters, no leading or trailing dots or spaces (so never `..` or a
/// hidden file), at most 80 characters; "report" when nothing is left.
pub fn sanitize(text: &str) -> String {
    let mapped: String =
        text.chars().filter(|c| !c.is_control()).map(|c| if "/\\:*?\"<>|".contains(c) { '_' } else { c }).collect();
    let trimmed: String = mapped.trim_matches(|c: char| c == '.' || c.is_whitespace()).chars().take(MAX_NAME).collect();
    let trimmed = trimmed.trim_end_matches(|c: char| c == '.' || c.is_whitespace());
    if trimmed.is_empty() {
        "report".to_owned()
    } else {
        trimmed.to_owned()
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
        // FNV-1a: fixed across runs, machines and Rust versions (std's hasher is not).
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in input.to_string_lossy().as_bytes() {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
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
        let meta: Meta =
            toml::from_str("title = \"总结\"\nissuer = \"江淮/高新区\"\ndate = \"2022-12-20\"\nperiod = \"2022年\"")
                .unwrap();
        assert_eq!(output_name("{issuer}-{period}", &meta, "r1").unwrap(), "江淮_高新区-2022年");
        assert_eq!(output_name("{stem}", &meta, "r1").unwrap(), "r1");
        assert!(output_name("{nope}", &meta, "r1").is_err());
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
