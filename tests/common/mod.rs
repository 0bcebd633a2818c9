//! Helpers shared by the integration tests: running the binary, and reading back what a PDF
//! draws (each glyph's text, position, size and font) with lopdf.

#![allow(dead_code)] // each test file uses a different part of this module

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use lopdf::{Document, Encoding, Object};

/// The repository's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// An example report by file name.
pub fn example(name: &str) -> PathBuf {
    root().join("examples").join(name)
}

/// Runs `baogao ARGS`.
pub fn baogao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baogao")).args(args).output().expect("the binary runs")
}

/// Exports `input` into `dir` in the given formats; panics with stderr on failure.
pub fn export(input: &Path, dir: &Path, formats: &str) {
    let out = baogao(&["export", input.to_str().unwrap(), "-o", dir.to_str().unwrap(), "-f", formats]);
    assert!(out.status.success(), "export failed: {}", String::from_utf8_lossy(&out.stderr));
}

/// A drawn glyph as a reader sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Its text (from the font's ToUnicode map).
    pub text: String,
    /// Left edge, pt from the page's left.
    pub x: f32,
    /// Right edge (x plus the advance the font declares), pt.
    pub x1: f32,
    /// Baseline, pt from the page's top.
    pub y: f32,
    /// Font size, pt.
    pub size: f32,
    /// The font's BaseFont name.
    pub font: String,
}

/// A line: the glyphs on one baseline, left to right.
#[derive(Debug, Clone)]
pub struct Line {
    pub y: f32,
    pub glyphs: Vec<Glyph>,
}

impl Line {
    pub fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.text.as_str()).collect()
    }
    pub fn x0(&self) -> f32 {
        self.glyphs[0].x
    }
    pub fn x1(&self) -> f32 {
        self.glyphs.last().unwrap().x1
    }
    pub fn size(&self) -> f32 {
        self.glyphs[0].size
    }
}

/// A PDF read back.
pub struct Pdf {
    pub doc: Document,
    pub height: f32,
    /// Glyphs of each page, in drawing order.
    pub pages: Vec<Vec<Glyph>>,
}

struct FontInfo<'a> {
    name: String,
    encoding: Encoding<'a>,
    widths: BTreeMap<u32, f32>,
    default_width: f32,
}

impl Pdf {
    pub fn open(path: &Path) -> Pdf {
        let doc = Document::load(path).expect("a PDF lopdf can read");
        let mut pages = Vec::new();
        let mut height = 0.0;
        for (_, page_id) in doc.get_pages() {
            let page = doc.get_dictionary(page_id).unwrap();
            let media = page.get(b"MediaBox").unwrap().as_array().unwrap();
            height = number(&media[3]);
            let fonts: BTreeMap<Vec<u8>, FontInfo> = doc
                .get_page_fonts(page_id)
                .unwrap()
                .into_iter()
                .map(|(name, dict)| (name, font_info(&doc, dict)))
                .collect();
            let content = doc.get_and_decode_page_content(page_id).unwrap();
            let mut glyphs = Vec::new();
            let (mut font, mut size, mut x, mut y) = (None::<&FontInfo>, 0.0f32, 0.0f32, 0.0f32);
            for op in &content.operations {
                match op.operator.as_str() {
                    "Tf" => {
                        font = fonts.get(op.operands[0].as_name().unwrap());
                        size = number(&op.operands[1]);
                    }
                    "Tm" => {
                        x = number(&op.operands[4]);
                        y = number(&op.operands[5]);
                    }
                    "TJ" | "Tj" => {
                        let items = match op.operator.as_str() {
                            "TJ" => op.operands[0].as_array().unwrap().clone(),
                            _ => vec![op.operands[0].clone()],
                        };
                        let font = font.expect("a font is set before text");
                        for item in items {
                            match item {
                                Object::String(bytes, _) => {
                                    for code in bytes.chunks(2) {
                                        let cid = u32::from(code[0]) << 8 | u32::from(code[1]);
                                        let text = Document::decode_text(&font.encoding, code).unwrap_or_default();
                                        let advance = font.widths.get(&cid).copied().unwrap_or(font.default_width)
                                            / 1000.0
                                            * size;
                                        glyphs.push(Glyph {
                                            text,
                                            x,
                                            x1: x + advance,
                                            y: height - y,
                                            size,
                                            font: font.name.clone(),
                                        });
                                        x += advance;
                                    }
                                }
                                other => x -= number(&other) / 1000.0 * size,
                            }
                        }
                    }
                    _ => {}
                }
            }
            pages.push(glyphs);
        }
        Pdf { doc, height, pages }
    }

    /// The lines of a page: glyphs grouped by baseline, top to bottom.
    pub fn lines(&self, page: usize) -> Vec<Line> {
        let mut rows: BTreeMap<i64, Vec<Glyph>> = BTreeMap::new();
        for g in &self.pages[page] {
            if g.text.trim().is_empty() {
                continue;
            }
            rows.entry((g.y * 2.0).round() as i64).or_default().push(g.clone());
        }
        rows.into_values()
            .map(|mut glyphs| {
                glyphs.sort_by(|a, b| a.x.total_cmp(&b.x));
                Line { y: glyphs[0].y, glyphs }
            })
            .collect()
    }

    /// All text of all pages in drawing order, whitespace removed.
    pub fn text(&self) -> String {
        self.pages.iter().flatten().map(|g| g.text.as_str()).filter(|t| !t.trim().is_empty()).collect()
    }
}

fn font_info<'a>(doc: &'a Document, dict: &'a lopdf::Dictionary) -> FontInfo<'a> {
    let name = String::from_utf8_lossy(dict.get(b"BaseFont").unwrap().as_name().unwrap()).into_owned();
    let encoding = dict.get_font_encoding(doc).unwrap();
    let descendant = match dict.get(b"DescendantFonts").unwrap() {
        Object::Array(a) => a[0].clone(),
        Object::Reference(r) => doc.get_object(*r).unwrap().as_array().unwrap()[0].clone(),
        other => panic!("DescendantFonts: {other:?}"),
    };
    let descendant = match descendant {
        Object::Reference(r) => doc.get_dictionary(r).unwrap().clone(),
        Object::Dictionary(d) => d,
        other => panic!("descendant font: {other:?}"),
    };
    let default_width = descendant.get(b"DW").map(number).unwrap_or(1000.0);
    let mut widths = BTreeMap::new();
    if let Ok(w) = descendant.get(b"W") {
        let w = match w {
            Object::Reference(r) => doc.get_object(*r).unwrap().as_array().unwrap().clone(),
            other => other.as_array().unwrap().clone(),
        };
        let mut i = 0;
        while i < w.len() {
            let first = number(&w[i]) as u32;
            match &w[i + 1] {
                Object::Array(list) => {
                    for (k, v) in list.iter().enumerate() {
                        widths.insert(first + k as u32, number(v));
                    }
                    i += 2;
                }
                last => {
                    for cid in first..=number(last) as u32 {
                        widths.insert(cid, number(&w[i + 2]));
                    }
                    i += 3;
                }
            }
        }
    }
    FontInfo { name, encoding, widths, default_width }
}

/// A PDF number as f32.
pub fn number(object: &Object) -> f32 {
    match object {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        other => panic!("not a number: {other:?}"),
    }
}

/// A page number line: digits between dashes, "— 3 —".
pub fn is_page_number(text: &str) -> bool {
    let digits: String = text.chars().filter(|c| !"—-– ".contains(*c)).collect();
    !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
}

/// A part of a DOCX package, as text.
pub fn docx_part(path: &Path, name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

/// Text without whitespace.
pub fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}
