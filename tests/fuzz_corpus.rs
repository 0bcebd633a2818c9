//! The fuzz targets on the stable toolchain: every input kept in `fuzz/corpus/TARGET/` (the
//! seeds, and the crashes the fuzzers and the red-team pass found) is replayed through the
//! target's body, then mutated a fixed number of times with a seeded generator and replayed
//! again. A panic fails the test and names the target, the file and the mutation.
//!
//! This is the bounded run the README's test command does; `scripts/fuzz.sh` runs the same
//! bodies under libFuzzer for as long as one likes (nightly and cargo-fuzz).

use std::fs;
use std::io::{Read, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use baogao::import::SourceFormat;
use baogao::input::InputFormat;

#[path = "../fuzz/targets.rs"]
mod targets;

/// Mutations per corpus file: with two or three files a target, 6,817 runs for the 17 files,
/// 26–50 s for all seven targets in a debug build.
const MUTATIONS_PER_FILE: u64 = 400;

/// xorshift64*: the mutations are a function of the file and the index alone.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Tokens that broke parsers before: numbers past what PDF and OOXML hold, nesting,
/// control characters, CJK at a cut, braces of placeholders, huge spans.
const TOKENS: &[&[u8]] = &[
    b"1e39",
    b"NaN",
    b"inf",
    b"-0",
    b"18446744073709551615",
    b"9007199254740993",
    b"[[[[[[[[[[[[[[[[",
    b"{{{{{{{{",
    b"\x07",
    b"\0",
    b"\r",
    "\u{85}".as_bytes(),
    "\u{202e}".as_bytes(),
    "\u{200b}".as_bytes(),
    "增长".as_bytes(),
    b"{value}",
    b"{n0}",
    b"\"",
    b"'",
    b"\n[[sections]]\n",
    b"\n- ",
    b"rowspan = 4294967295",
    b"colspan = 0",
    b"align = []",
    b"lines_after = 1000000000",
    b"<w:tbl>",
    b"</w:p>",
    b"<w:p>",
    // What the advice on a summary looks at: numbered headings, full-width braces, forms.
    "一、".as_bytes(),
    "（二）".as_bytes(),
    "｛".as_bytes(),
    "｝".as_bytes(),
    b"|abs}",
    "|增长/下降}".as_bytes(),
    "增长{".as_bytes(),
    "下降{".as_bytes(),
    b"{period}",
    b"{date}",
];

/// One mutation of `data`: a bit flipped, a byte range cut, duplicated or replaced, a token
/// put in, or two to four of these in a row.
fn mutate(data: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut out = data.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(6) {
            0 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] ^= 1 << rng.below(8);
            }
            1 => {
                let end = (at + rng.below(64)).min(out.len());
                out.drain(at..end);
            }
            2 => {
                let end = (at + rng.below(256)).min(out.len());
                let chunk = out[at..end].to_vec();
                for _ in 0..1 + rng.below(8) {
                    out.splice(at..at, chunk.iter().copied());
                }
            }
            3 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] = rng.next() as u8;
            }
            _ => {
                let token = TOKENS[rng.below(TOKENS.len())];
                out.splice(at..at, token.iter().copied());
            }
        }
    }
    out
}

/// A DOCX with its `word/document.xml` mutated (byte mutations of the zip itself mostly
/// stop at the archive's checksum, never reaching the XML reader).
fn mutate_docx(data: &[u8], rng: &mut Rng) -> Vec<u8> {
    let Ok(mut archive) = zip::ZipArchive::new(std::io::Cursor::new(data)) else {
        return mutate(data, rng);
    };
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("the seed's parts read");
        let name = file.name().to_owned();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).expect("the seed's parts inflate");
        if name == "word/document.xml" {
            bytes = mutate(&bytes, rng);
        }
        out.start_file(name, options).expect("a part starts");
        out.write_all(&bytes).expect("a part is written");
    }
    out.finish().expect("the archive closes").into_inner()
}

fn corpus(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a corpus entry").path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} holds no corpus", dir.display());
    files
}

/// Replays and mutates the corpus of `target` through `body`; fails naming every input
/// that panicked.
fn replay(target: &str, body: impl Fn(&[u8]), docx: bool) {
    let mut panics = Vec::new();
    for file in corpus(target) {
        let seed = fs::read(&file).expect("a corpus file reads");
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let fnv = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
        for index in 0..=MUTATIONS_PER_FILE {
            let data = if index == 0 {
                seed.clone()
            } else {
                let mut rng = Rng::new(fnv ^ index);
                if docx {
                    mutate_docx(&seed, &mut rng)
                } else {
                    mutate(&seed, &mut rng)
                }
            };
            if panic::catch_unwind(AssertUnwindSafe(|| body(&data))).is_err() {
                panics.push(format!("{target}: {name}, mutation {index}"));
            }
        }
    }
    assert!(panics.is_empty(), "panicked on:\n{}", panics.join("\n"));
}

#[test]
fn toml_summaries() {
    replay("input_toml", |d| targets::input(d, InputFormat::Toml), false);
}

#[test]
fn json_summaries() {
    replay("input_json", |d| targets::input(d, InputFormat::Json), false);
}

#[test]
fn yaml_summaries() {
    replay("input_yaml", |d| targets::input(d, InputFormat::Yaml), false);
}

#[test]
fn templates() {
    replay("template", targets::template, false);
}

#[test]
fn layouts() {
    replay("layout", targets::layout, false);
}

#[test]
fn text_imports() {
    replay("import_text", |d| targets::import(d, SourceFormat::Txt), false);
}

#[test]
fn docx_imports() {
    replay("import_docx", |d| targets::import(d, SourceFormat::Docx), true);
}
