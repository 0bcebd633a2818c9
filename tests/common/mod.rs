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

/// Exports `input` as DOCX under `template` into `dir` (overwriting) and reads the DOCX back.
pub fn export_docx(input: &Path, template: &str, dir: &Path) -> Vec<u8> {
    let out = baogao(&[
        "export",
        input.to_str().unwrap(),
        "-o",
        dir.to_str().unwrap(),
        "-f",
        "docx",
        "-t",
        template,
        "--force",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stem = input.file_stem().unwrap().to_str().unwrap();
    std::fs::read(dir.join(format!("{stem}.docx"))).unwrap()
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
            // Character spacing (Tc), added after every glyph (ISO 32000-1, 9.3.2); each page's
            // content starts at 0.
            let mut spacing = 0.0f32;
            for op in &content.operations {
                match op.operator.as_str() {
                    "Tf" => {
                        font = fonts.get(op.operands[0].as_name().unwrap());
                        size = number(&op.operands[1]);
                    }
                    "Tc" => spacing = number(&op.operands[0]),
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
                                        x += advance + spacing;
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

/// An XML element read back (a DOCX or XLSX part): its qualified name, attributes and
/// children, text kept in `Node::Text`.
#[derive(Debug, Clone)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

#[derive(Debug, Clone)]
pub enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    /// Parses a whole XML document; its root element.
    pub fn parse(xml: &str) -> Element {
        use quick_xml::events::Event;
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut stack: Vec<Element> = vec![Element { name: String::new(), attrs: Vec::new(), children: Vec::new() }];
        let open = |e: &quick_xml::events::BytesStart| Element {
            name: String::from_utf8_lossy(e.name().as_ref()).into_owned(),
            attrs: e
                .attributes()
                .map(|a| {
                    let a = a.expect("a well-formed attribute");
                    (String::from_utf8_lossy(a.key.as_ref()).into_owned(), a.unescape_value().unwrap().into_owned())
                })
                .collect(),
            children: Vec::new(),
        };
        loop {
            match reader.read_event().expect("well-formed XML") {
                Event::Start(e) => stack.push(open(&e)),
                Event::Empty(e) => stack.last_mut().unwrap().children.push(Node::Element(open(&e))),
                Event::End(_) => {
                    let done = stack.pop().unwrap();
                    stack.last_mut().expect("balanced tags").children.push(Node::Element(done));
                }
                Event::Text(t) => {
                    stack.last_mut().unwrap().children.push(Node::Text(t.unescape().unwrap().into_owned()))
                }
                Event::CData(t) => {
                    stack.last_mut().unwrap().children.push(Node::Text(String::from_utf8_lossy(&t).into_owned()))
                }
                Event::Eof => break,
                _ => {}
            }
        }
        assert_eq!(stack.len(), 1, "unclosed elements");
        let document = stack.pop().unwrap();
        document
            .children
            .into_iter()
            .find_map(|n| match n {
                Node::Element(e) => Some(e),
                Node::Text(_) => None,
            })
            .expect("a root element")
    }

    /// The value of attribute `name` (qualified, "w:val").
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// The child elements, in order.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child element named `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// This element and all below it, in document order.
    pub fn all(&self) -> Vec<&Element> {
        let mut out = vec![self];
        for e in self.elements() {
            out.extend(e.all());
        }
        out
    }

    /// The elements named `name` below this one (itself included), in document order.
    pub fn find(&self, name: &str) -> Vec<&Element> {
        self.all().into_iter().filter(|e| e.name == name).collect()
    }

    /// The first element named `name` below this one, if any.
    pub fn first(&self, name: &str) -> Option<&Element> {
        self.find(name).into_iter().next()
    }

    /// All the text below this element.
    pub fn text(&self) -> String {
        self.children
            .iter()
            .map(|n| match n {
                Node::Element(e) => e.text(),
                Node::Text(t) => t.clone(),
            })
            .collect()
    }

    /// A WordprocessingML paragraph's or cell's text as Word shows it: its `w:t` runs, not
    /// the instructions of its fields.
    pub fn word_text(&self) -> String {
        self.find("w:t").iter().map(|t| t.text()).collect()
    }

    /// A WordprocessingML paragraph's or cell's text, broken into lines at its `w:br`
    /// breaks (of any type).
    pub fn word_lines(&self) -> Vec<String> {
        let mut lines = vec![String::new()];
        for e in self.all() {
            match e.name.as_str() {
                "w:t" => lines.last_mut().unwrap().push_str(&e.text()),
                "w:br" => lines.push(String::new()),
                _ => {}
            }
        }
        lines
    }
}

/// A part of a DOCX (or any zip) package, parsed.
pub fn docx_xml(path: &Path, name: &str) -> Element {
    Element::parse(&docx_part(path, name))
}

/// The raw bytes of a member of a zip package.
pub fn zip_bytes(path: &Path, name: &str) -> Vec<u8> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut bytes = Vec::new();
    zip.by_name(name).unwrap_or_else(|e| panic!("{name}: {e}")).read_to_end(&mut bytes).unwrap();
    bytes
}

/// The names of a zip package's members.
pub fn zip_names(path: &Path) -> Vec<String> {
    let zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    zip.file_names().map(str::to_owned).collect()
}

/// A member of a zip package held in memory, parsed as XML.
pub fn zip_xml_in(bytes: &[u8], name: &str) -> Element {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    zip.by_name(name).unwrap_or_else(|e| panic!("{name}: {e}")).read_to_string(&mut text).unwrap();
    Element::parse(&text)
}

/// The values of a one-sheet workbook's cells by reference ("A1"), shared strings resolved.
pub fn xlsx_cells(xlsx: &[u8]) -> BTreeMap<String, String> {
    let strings: Vec<String> = zip_xml_in(xlsx, "xl/sharedStrings.xml").find("si").iter().map(|si| si.text()).collect();
    let sheet = zip_xml_in(xlsx, "xl/worksheets/sheet1.xml");
    sheet
        .find("c")
        .into_iter()
        .map(|c| {
            let value = c.child("v").map(Element::text).unwrap_or_default();
            let value = match c.attr("t") {
                Some("s") => strings[value.parse::<usize>().unwrap()].clone(),
                Some("inlineStr") => c.text(),
                _ => value,
            };
            (c.attr("r").unwrap().to_owned(), value)
        })
        .collect()
}

/// GB/T 9704's text block width, 156 mm, in twips (1/1440 in).
pub const GONGWEN_BLOCK_TWIPS: f32 = 156.0 / 25.4 * 1440.0;

/// The gongwen grid's cell, pt: the block's width over 28 characters, in whole twips as Word
/// and LibreOffice keep a character grid's pitch (315.9 twips: 316, 15.8 pt).
pub const GONGWEN_CELL: f32 = (GONGWEN_BLOCK_TWIPS / 28.0).round() / 20.0;

/// The gongwen grid's line pitch, pt: the block's height, 225 mm, over 22 lines, rounded down
/// to whole twips (579.9: 579, 28.95 pt).
pub const GONGWEN_PITCH: f32 = (225.0 / 25.4 * 1440.0 / 22.0_f32).floor() / 20.0;

/// The horizontal scale (a fraction) of `size` pt text narrowed to fit the grid's cell, in
/// whole per cent as Word's `w:w` takes it; 1 when it fits.
pub fn grid_scale(cell: f32, size: f32) -> f32 {
    ((cell / size * 100.0 + 1e-3).floor()).min(100.0) / 100.0
}

/// A Word chart read back from a DOCX: reached from the document's `c:chart` run through the
/// relationships, its data from the chart part's caches and from its embedded workbook.
#[derive(Debug)]
pub struct WordChart {
    /// The chart part's name in the package.
    pub part: String,
    /// `c:barDir`: "col" (upright bars) or "bar" (lying).
    pub bar_dir: String,
    /// The categories' names, in the chart's order.
    pub names: Vec<String>,
    /// Each bar's data label text, in the same order.
    pub labels: Vec<String>,
    /// Each bar's cached value (none for a gap).
    pub values: Vec<Option<f64>>,
    /// The embedded workbook's cells by reference.
    pub workbook: BTreeMap<String, String>,
}

/// The target of relationship `id` in a `.rels` part, resolved against `base` (the folder
/// of the part the relationships belong to).
fn relationship_target(path: &Path, rels: &str, id: &str, base: &str) -> String {
    let rels = docx_xml(path, rels);
    let target = rels
        .find("Relationship")
        .into_iter()
        .find(|r| r.attr("Id") == Some(id))
        .unwrap_or_else(|| panic!("no relationship {id}"))
        .attr("Target")
        .unwrap()
        .to_owned();
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for piece in target.split('/') {
        match piece {
            ".." => {
                parts.pop();
            }
            "." => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// The Word charts a DOCX shows, in document order.
pub fn word_charts(path: &Path) -> Vec<WordChart> {
    let document = docx_xml(path, "word/document.xml");
    let types = docx_xml(path, "[Content_Types].xml");
    let overrides: BTreeMap<String, String> = types
        .find("Override")
        .into_iter()
        .map(|o| (o.attr("PartName").unwrap().to_owned(), o.attr("ContentType").unwrap().to_owned()))
        .collect();
    let has_default = |ext: &str| types.find("Default").iter().any(|d| d.attr("Extension") == Some(ext));
    document
        .find("c:chart")
        .into_iter()
        .map(|run| {
            let id = run.attr("r:id").expect("a chart's relationship");
            let part = relationship_target(path, "word/_rels/document.xml.rels", id, "word");
            assert_eq!(
                overrides.get(&format!("/{part}")).map(String::as_str),
                Some("application/vnd.openxmlformats-officedocument.drawingml.chart+xml"),
                "{part}'s content type"
            );
            let chart = docx_xml(path, &part);
            let (folder, file) = part.rsplit_once('/').unwrap();
            let external = chart.first("c:externalData").expect("an embedded workbook");
            let workbook = relationship_target(
                path,
                &format!("{folder}/_rels/{file}.rels"),
                external.attr("r:id").unwrap(),
                folder,
            );
            let ext = workbook.rsplit('.').next().unwrap();
            assert!(has_default(ext) || overrides.contains_key(&format!("/{workbook}")), "{workbook}'s content type");
            let series = chart.find("c:ser");
            assert_eq!(series.len(), 1, "one series");
            let ser = series[0];
            let cache = |parent: &str| -> BTreeMap<usize, String> {
                ser.child(parent)
                    .map(|e| e.find("c:pt"))
                    .unwrap_or_default()
                    .into_iter()
                    .map(|pt| (pt.attr("idx").unwrap().parse().unwrap(), pt.child("c:v").unwrap().text()))
                    .collect()
            };
            let names = cache("c:cat");
            let count = names.len();
            assert_eq!(names.keys().copied().collect::<Vec<_>>(), (0..count).collect::<Vec<_>>(), "names 0..{count}");
            let values = cache("c:val");
            let labels: BTreeMap<usize, String> = ser
                .first("c:dLbls")
                .map(|l| l.find("c:dLbl"))
                .unwrap_or_default()
                .into_iter()
                .map(|l| {
                    (l.child("c:idx").unwrap().attr("val").unwrap().parse().unwrap(), l.first("c:tx").unwrap().text())
                })
                .collect();
            WordChart {
                bar_dir: chart.first("c:barDir").expect("a bar chart").attr("val").unwrap().to_owned(),
                names: names.into_values().collect(),
                labels: (0..count).map(|i| labels.get(&i).cloned().unwrap_or_default()).collect(),
                values: (0..count).map(|i| values.get(&i).map(|v| v.parse().unwrap())).collect(),
                workbook: xlsx_cells(&zip_bytes(path, &workbook)),
                part,
            }
        })
        .collect()
}

/// A number written the way Word writes list format `format` (ECMA-376 §17.18.59), for
/// the formats baogao's templates use: decimal and chineseCounting (一 … 九十九).
pub fn word_list_number(n: usize, format: &str) -> String {
    const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match format {
        "decimal" => n.to_string(),
        "chineseCounting" => match n {
            1..=9 => DIGITS[n].to_owned(),
            10 => "十".to_owned(),
            11..=19 => format!("十{}", DIGITS[n % 10]),
            20..=99 => format!("{}十{}", DIGITS[n / 10], if n.is_multiple_of(10) { "" } else { DIGITS[n % 10] }),
            _ => panic!("no test numeral for {n}"),
        },
        other => panic!("list format {other} not known to the test"),
    }
}

/// The text of every paragraph of the DOCX's body as Word shows it: a paragraph whose style
/// numbers it (`w:numPr` in the style) gets its list label first, counted as Word counts
/// (a level's counter restarts after any level above it; `w:isLgl` writes the levels in
/// Arabic), followed by nothing (`w:suff` "nothing") or a tab otherwise.
pub fn word_paragraphs_as_shown(path: &Path) -> Vec<String> {
    let document = docx_xml(path, "word/document.xml");
    let styles = docx_xml(path, "word/styles.xml");
    let numbering =
        zip_names(path).contains(&"word/numbering.xml".to_owned()).then(|| docx_xml(path, "word/numbering.xml"));
    let val = |e: &Element, name: &str| e.child(name).and_then(|c| c.attr("w:val")).map(str::to_owned);
    // Style id → (numId, ilvl).
    let style_lists: BTreeMap<String, (String, usize)> = styles
        .find("w:style")
        .into_iter()
        .filter_map(|s| {
            let num = s.first("w:numPr")?;
            let id = val(num, "w:numId")?;
            let level = val(num, "w:ilvl").map_or(0, |l| l.parse().unwrap());
            Some((s.attr("w:styleId")?.to_owned(), (id, level)))
        })
        .collect();
    // (numId, ilvl) → (start, format, text, legal, suffix).
    let level_of = |num_id: &str, ilvl: usize| -> (usize, String, String, bool, String) {
        let numbering = numbering.as_ref().expect("a numbering part for a numbered style");
        let num = numbering.find("w:num").into_iter().find(|n| n.attr("w:numId") == Some(num_id)).expect("the w:num");
        let abstract_id = val(num, "w:abstractNumId").unwrap();
        let list = numbering
            .find("w:abstractNum")
            .into_iter()
            .find(|a| a.attr("w:abstractNumId") == Some(abstract_id.as_str()))
            .expect("the abstract list");
        let lvl = list.find("w:lvl").into_iter().find(|l| l.attr("w:ilvl") == Some(&ilvl.to_string())).unwrap();
        (
            val(lvl, "w:start").map_or(0, |s| s.parse().unwrap()),
            val(lvl, "w:numFmt").unwrap(),
            val(lvl, "w:lvlText").unwrap(),
            lvl.child("w:isLgl").is_some(),
            val(lvl, "w:suff").unwrap_or_else(|| "tab".into()),
        )
    };
    let mut counters: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let body = document.first("w:body").expect("a body");
    body.elements()
        .filter(|p| p.name == "w:p")
        .map(|p| {
            let text: String = p.find("w:t").iter().map(|t| t.text()).collect();
            let style = p.first("w:pStyle").and_then(|s| s.attr("w:val"));
            let Some((num_id, ilvl)) = style.and_then(|s| style_lists.get(s)) else { return text };
            let (_, _, pattern, legal, suffix) = level_of(num_id, *ilvl);
            let counts = counters.entry(num_id.clone()).or_default();
            counts.resize(9, 0);
            for (k, count) in counts.iter_mut().enumerate() {
                if k == *ilvl {
                    *count = if *count == 0 { level_of(num_id, k).0 } else { *count + 1 };
                } else if k > *ilvl {
                    *count = 0;
                }
            }
            let mut label = pattern.clone();
            for k in (0..=*ilvl).rev() {
                let format = if legal { "decimal".to_owned() } else { level_of(num_id, k).1 };
                label = label.replace(&format!("%{}", k + 1), &word_list_number(counts[k], &format));
            }
            let gap = if suffix == "nothing" { "" } else { "\t" };
            format!("{label}{gap}{text}")
        })
        .collect()
}
