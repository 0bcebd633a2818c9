//! End-to-end: the bundled examples exported by the binary, read back.

mod common;

use std::collections::BTreeSet;

use common::{baogao, docx_part, docx_xml, example, export, is_page_number, squeeze, word_paragraphs_as_shown, Pdf};

/// The marks Word and LibreOffice hang in the margin rather than start a line with.
const HANGING: &str = "，。、；：？！．";
const NO_LINE_START: &str = "，。、；：？！）》」』】〕〗〉’”%％…·.,;:?!)]}";
const NO_LINE_END: &str = "（《「『【〔〖〈‘“([{";

fn exported(name: &str, formats: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    export(&example(name), dir.path(), formats);
    dir
}

#[test]
fn exports_are_byte_identical_across_runs() {
    for name in ["gaoxin-2022.toml", "gaoxin-2022-filled.toml"] {
        let a = exported(name, "pdf,docx,txt");
        let b = exported(name, "pdf,docx,txt");
        let stem = name.trim_end_matches(".toml");
        for ext in ["pdf", "docx", "txt"] {
            let file = format!("{stem}.{ext}");
            let (x, y) = (std::fs::read(a.path().join(&file)).unwrap(), std::fs::read(b.path().join(&file)).unwrap());
            assert!(!x.is_empty());
            assert!(x == y, "{file} differs between two runs");
        }
    }
}

#[test]
fn pdf_text_is_the_text_export_and_the_whole_seed() {
    let dir = exported("gaoxin-2022.toml", "pdf,txt");
    let pdf = Pdf::open(&dir.path().join("gaoxin-2022.pdf"));
    let body: String = (0..pdf.pages.len())
        .flat_map(|p| pdf.lines(p))
        .filter(|l| !is_page_number(&l.text()))
        .map(|l| l.text())
        .collect();
    let txt = std::fs::read_to_string(dir.path().join("gaoxin-2022.txt")).unwrap();
    assert_eq!(squeeze(&body), squeeze(&txt));

    // Every character of the seed report, in order (the indicator table adds text between).
    let seed = std::fs::read_to_string(common::example("gaoxin-2022-summary.txt")).unwrap();
    let mut rest = squeeze(&body).chars().collect::<Vec<_>>().into_iter();
    for ch in squeeze(&seed).chars() {
        assert!(rest.any(|c| c == ch), "the PDF lacks the seed's character '{ch}' at its place");
    }
}

#[test]
fn pdf_fonts_are_embedded_subsets_with_unicode_maps() {
    let dir = exported("gaoxin-2022.toml", "pdf");
    let pdf = Pdf::open(&dir.path().join("gaoxin-2022.pdf"));
    let mut names = BTreeSet::new();
    for (_, page) in pdf.doc.get_pages() {
        for (_, font) in pdf.doc.get_page_fonts(page).unwrap() {
            let base = String::from_utf8_lossy(font.get(b"BaseFont").unwrap().as_name().unwrap()).into_owned();
            assert!(base.len() > 7 && base.as_bytes()[6] == b'+', "{base} is not tagged as a subset");
            assert!(font.get(b"ToUnicode").is_ok(), "{base} has no ToUnicode map");
            names.insert(base);
        }
    }
    // Body (Fang), title (Song bold), headings (Hei), page numbers (Song).
    for family in ["FandolFang", "NotoSerifSC-Bold", "NotoSansSC", "NotoSerifSC-Regular"] {
        assert!(names.iter().any(|n| n.contains(family)), "{family} missing from {names:?}");
    }
    let embedded = pdf.doc.objects.values().filter(|o| o.as_dict().is_ok_and(|d| d.has(b"FontFile2"))).count();
    assert_eq!(embedded, names.len(), "every font has its program embedded");
}

#[test]
fn pdf_body_follows_the_gongwen_grid() {
    let dir = exported("gaoxin-2022.toml", "pdf");
    let pdf = Pdf::open(&dir.path().join("gaoxin-2022.pdf"));
    let mm = 72.0 / 25.4;
    let (left, top, width) = (28.0 * mm, 37.0 * mm, 156.0 * mm);
    let mut full_pages = 0;
    let mut hung = 0;
    for p in 0..pdf.pages.len() {
        let lines = pdf.lines(p);
        let body: Vec<_> = lines.iter().filter(|l| l.size() == 16.0 && !is_page_number(&l.text())).collect();
        for line in &body {
            assert!(line.x0() >= left - 0.5, "line starts left of the block: {}", line.text());
            // A comma or stop may hang in the margin after a full line (Word's default): it
            // starts at the block's edge, everything before it ends there.
            let (set, end) = match line.glyphs.split_last() {
                Some((mark, before)) if HANGING.contains(mark.text.as_str()) && mark.x > left + width - 1.0 => {
                    hung += 1;
                    assert!((mark.x - (left + width)).abs() < 0.5, "a hung mark at {}: {}", mark.x, line.text());
                    (before, before.last().unwrap().x1)
                }
                _ => (line.glyphs.as_slice(), line.x1()),
            };
            assert!(!set.is_empty() && end <= left + width + 1.0, "overfull line: {}", line.text());
            assert!(line.y > top && line.y < top + 225.0 * mm);
        }
        for pair in body.windows(2) {
            let pitch = pair[1].y - pair[0].y;
            assert!((pitch / 28.99 - pitch.round() / 28.99).abs() < 0.1, "off the grid: pitch {pitch}");
        }
        // A page of running text only holds exactly 22 lines, unless the signature page after
        // it took its last line (GB/T 9704 7.3.5.4: the signature never stands alone).
        let signature_takes_a_line = p + 2 == pdf.pages.len()
            && pdf.lines(p + 1).iter().filter(|l| l.size() == 16.0 && !is_page_number(&l.text())).count() <= 3;
        if p + 1 < pdf.pages.len()
            && !signature_takes_a_line
            && lines.iter().all(|l| l.size() == 16.0 || is_page_number(&l.text()))
        {
            assert_eq!(body.len(), 22, "page {}", p + 1);
            full_pages += 1;
        }
        // Continuation lines of paragraphs end at the block's right edge (justified), their
        // hung mark aside.
        for pair in body.windows(2) {
            if (pair[1].x0() - left).abs() < 1.0 && pair[0].glyphs.len() > 20 {
                let glyphs = &pair[0].glyphs;
                let last = glyphs.iter().rfind(|g| g.x < left + width - 1.0).unwrap();
                assert!((last.x1 - (left + width)).abs() < 1.0, "not justified: {}", pair[0].text());
            }
        }
    }
    assert!(full_pages >= 2, "expected full pages of running text, found {full_pages}");
    assert!(hung >= 3, "the example hangs a comma or stop after {hung} lines only");
}

#[test]
fn pdf_lines_obey_kinsoku_and_never_split_latin_words() {
    let dir = exported("gaoxin-2022-filled.toml", "pdf");
    let pdf = Pdf::open(&dir.path().join("gaoxin-2022-filled.pdf"));
    for p in 0..pdf.pages.len() {
        let lines = pdf.lines(p);
        for line in &lines {
            let text = line.text();
            let (first, last) = (text.chars().next().unwrap(), text.chars().last().unwrap());
            assert!(!NO_LINE_START.contains(first), "line starts with {first}: {text}");
            assert!(!NO_LINE_END.contains(last), "line ends with {last}: {text}");
        }
        for pair in lines.windows(2) {
            let (a, b) = (pair[0].text(), pair[1].text());
            let (end, start) = (a.chars().last().unwrap(), b.chars().next().unwrap());
            let split = end.is_ascii_alphanumeric() && start.is_ascii_alphanumeric();
            assert!(!split || is_page_number(&b), "a word or number split across lines: {a} / {b}");
        }
    }
}

#[test]
fn page_numbers_stand_on_the_outer_side() {
    let dir = exported("gaoxin-2022.toml", "pdf");
    let pdf = Pdf::open(&dir.path().join("gaoxin-2022.pdf"));
    let mm = 72.0 / 25.4;
    let (left, right) = (28.0 * mm, (28.0 + 156.0) * mm);
    for p in 0..pdf.pages.len() {
        let number = pdf.lines(p).into_iter().find(|l| is_page_number(&l.text())).expect("a page number");
        assert_eq!(squeeze(&number.text()), format!("—{}—", p + 1));
        assert_eq!(number.size(), 14.0);
        if p % 2 == 0 {
            assert!((number.x1() - (right - 14.0)).abs() < 1.0, "odd page number not one character in from the right");
        } else {
            assert!((number.x0() - (left + 14.0)).abs() < 1.0, "even page number not one character in from the left");
        }
    }
}

#[test]
fn pdf_outline_is_nested_and_in_document_order() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("nested.toml");
    std::fs::write(
        &input,
        r#"
[meta]
title = "测试"
issuer = "某局"
date = "2023-01-05"
period = "2022年"
[[body]]
heading = "乙"
[[body.content]]
heading = "乙一"
[[body.content]]
heading = "乙二"
[[body]]
heading = "甲"
"#,
    )
    .unwrap();
    export(&input, dir.path(), "pdf");
    let pdf = Pdf::open(&dir.path().join("nested.pdf"));
    let doc = &pdf.doc;
    let catalog = doc.catalog().unwrap();
    let root = doc.get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap()).unwrap();
    let title = |d: &lopdf::Dictionary| lopdf::decode_text_string(d.get(b"Title").unwrap()).unwrap();
    let first = doc.get_dictionary(root.get(b"First").unwrap().as_reference().unwrap()).unwrap();
    assert_eq!(title(first), "一、乙");
    let child = doc.get_dictionary(first.get(b"First").unwrap().as_reference().unwrap()).unwrap();
    assert_eq!(title(child), "（一）乙一");
    let sibling = doc.get_dictionary(child.get(b"Next").unwrap().as_reference().unwrap()).unwrap();
    assert_eq!(title(sibling), "（二）乙二");
    let second = doc.get_dictionary(first.get(b"Next").unwrap().as_reference().unwrap()).unwrap();
    assert_eq!(title(second), "二、甲");
    let info = doc.get_dictionary(doc.trailer.get(b"Info").unwrap().as_reference().unwrap()).unwrap();
    assert_eq!(lopdf::decode_text_string(info.get(b"Title").unwrap()).unwrap(), "测试");
    assert_eq!(lopdf::decode_text_string(info.get(b"Author").unwrap()).unwrap(), "某局");
}

#[test]
fn docx_has_styles_east_asian_fonts_and_properties() {
    let dir = exported("gaoxin-2022.toml", "docx");
    let path = dir.path().join("gaoxin-2022.docx");
    let document = docx_part(&path, "word/document.xml");
    let styles = docx_part(&path, "word/styles.xml");
    for xml in [&document, &styles] {
        for rfonts in xml.split("<w:rFonts").skip(1) {
            let tag = &rfonts[..rfonts.find('>').unwrap()];
            assert!(!tag.contains("w:ascii") || tag.contains("w:eastAsia"), "rFonts without eastAsia: {tag}");
        }
    }
    assert_eq!(document.matches(r#"<w:pStyle w:val="Heading1" />"#).count(), 4);
    assert!(styles.contains(r#"<w:name w:val="heading 1" />"#) && styles.contains(r#"<w:outlineLvl w:val="0" />"#));
    assert!(styles.contains(r#"w:eastAsia="仿宋_GB2312""#), "body font");
    assert!(word_paragraphs_as_shown(&path).iter().any(|p| p == "一、聚力聚焦，壮大新兴产业"));
    assert!(document.contains("<w:tbl>"), "the indicator table is a Word table");
    assert!(document.contains(r#"<w:pgSz w:w="11906" w:h="16838""#) || document.contains(r#"w:w="11906""#));
    let core = docx_part(&path, "docProps/core.xml");
    assert!(core.contains("<dc:title>高新区2022年经济社会发展总结</dc:title>"));
    assert!(core.contains("<dc:creator>**高新技术产业开发区管理委员会</dc:creator>"));
    assert!(core.contains("2022-12-20T00:00:00Z"));
    assert!(core.contains("<cp:keywords>经济社会发展；总结；高新区</cp:keywords>"));
    let app = docx_part(&path, "docProps/app.xml");
    assert!(app.contains("<Template>gongwen</Template>") && app.contains("<Pages>5</Pages>"), "{app}");
    let body = &styles[styles.find(r#"w:styleId="BodyText""#).unwrap()..];
    let body = &body[..body.find("</w:style>").unwrap()];
    assert!(body.contains(r#"w:firstLineChars="200""#), "indent in characters: {body}");
    assert!(body.contains(r#"<w:widowControl w:val="0" />"#), "the grid fills its pages: {body}");
    grid_in_the_docx(&path);
    let footers: String = (1..=2).map(|i| docx_part(&path, &format!("word/footer{i}.xml"))).collect();
    assert_eq!(footers.matches("PAGE").count(), 2, "a page field in the odd and the even footer");
}

/// The gongwen grid as the DOCX gives it to Word and LibreOffice: a character grid
/// (snapToChars) of GB/T 9704's 22 lines and 28 cells, its pitches in whole twips; the body's
/// size narrowed to fit a cell; text in other sizes off the grid.
fn grid_in_the_docx(path: &std::path::Path) {
    let body_size = 16.0; // 三号
    let document = docx_xml(path, "word/document.xml");
    let grids = document.find("w:docGrid");
    assert_eq!(grids.len(), 1, "one section, one grid");
    let grid = grids[0];
    assert_eq!(grid.attr("w:type"), Some("snapToChars"), "a character grid: {grid:?}");
    // The line pitch in twips (225 mm / 22 = 28.99 pt, whole twips down: 579).
    let pitch = (common::GONGWEN_PITCH * 20.0).round() as i64;
    assert_eq!(grid.attr("w:linePitch").map(|v| v.parse::<i64>().unwrap()), Some(pitch), "{grid:?}");
    // The cell is the Normal style's size plus charSpace, in 4096ths of a point (ECMA-376
    // 17.6.5): 15.8 pt on 16 pt text.
    let char_space = ((common::GONGWEN_CELL - body_size) * 4096.0).round() as i64;
    assert_eq!(grid.attr("w:charSpace").map(|v| v.parse::<i64>().unwrap()), Some(char_space), "{grid:?}");

    let styles = docx_xml(path, "word/styles.xml");
    let size = |style: &common::Element| {
        style.child("w:rPr").and_then(|r| r.child("w:sz")).and_then(|sz| sz.attr("w:val")).map(|v| v.to_owned())
    };
    let body_half_points = format!("{}", (body_size * 2.0) as u32);
    // Normal is the default paragraph style, in the body's size (LibreOffice's grid base).
    let defaults: Vec<_> = styles
        .find("w:style")
        .into_iter()
        .filter(|s| s.attr("w:type") == Some("paragraph") && s.attr("w:default") == Some("1"))
        .collect();
    assert_eq!(defaults.len(), 1, "one default paragraph style");
    assert_eq!(defaults[0].attr("w:styleId"), Some("Normal"));
    assert_eq!(size(defaults[0]).as_deref(), Some(body_half_points.as_str()), "Normal in the body's size");
    // Body-size styles narrowed to the grid's scale, whole per cent (16 pt in a 15.8 pt cell:
    // 98 %) and no character spacing; other sizes off the grid.
    let scale = (common::grid_scale(common::GONGWEN_CELL, body_size) * 100.0).round() as u32;
    assert!(scale < 100 && body_size * scale as f32 / 100.0 <= common::GONGWEN_CELL);
    let (mut on, mut off) = (0, 0);
    for style in styles.find("w:style") {
        let id = style.attr("w:styleId").unwrap_or_default();
        let (Some(sz), Some(rpr)) = (size(style), style.child("w:rPr")) else { continue };
        if style.attr("w:type") != Some("paragraph") || id == "Normal" {
            continue;
        }
        let snap = style.child("w:pPr").and_then(|p| p.child("w:snapToGrid")).and_then(|e| e.attr("w:val"));
        let width = rpr.child("w:w").and_then(|w| w.attr("w:val")).map(|v| v.parse::<u32>().unwrap());
        assert!(rpr.child("w:spacing").is_none(), "{id}: no character spacing: {rpr:?}");
        if sz == body_half_points {
            on += 1;
            assert_eq!(width, Some(scale), "{id} narrowed to the cell");
            assert!(!matches!(snap, Some("false" | "0")), "{id} on the grid");
        } else {
            off += 1;
            assert!(matches!(snap, Some("false" | "0")), "{id} in {sz} half-points off the grid");
            assert!(width.is_none_or(|w| w == 100), "{id} at its own width");
        }
    }
    assert!(on >= 5 && off >= 2, "{on} styles on the grid, {off} off it");
    // gongwen spaces Han and Latin text off the grid as Word does by default (the PDF's titles
    // and cells take a fifth of an em there); on the grid a Latin run takes whole cells anyway.
    for e in styles.all().into_iter().filter(|e| e.name == "w:autoSpaceDE" || e.name == "w:autoSpaceDN") {
        assert!(!matches!(e.attr("w:val"), Some("0" | "false")), "Han–Latin spacing turned off: {e:?}");
    }
    // Every paragraph names its style: none falls back to Normal's full width.
    for paragraph in document.find("w:p") {
        let style = paragraph.child("w:pPr").and_then(|p| p.child("w:pStyle"));
        assert!(style.is_some(), "a paragraph without a style: {:?}", paragraph.word_lines());
    }
    // Word justifies a line that ends in a break as the PDF justifies it.
    let settings = docx_xml(path, "word/settings.xml");
    assert!(settings.first("w:doNotExpandShiftReturn").is_none(), "lines ending early are justified");
}

#[test]
fn txt_export_numbers_headings_and_tabulates_tables() {
    let dir = exported("gaoxin-2022.toml", "txt");
    let txt = std::fs::read_to_string(dir.path().join("gaoxin-2022.txt")).unwrap();
    let lines: Vec<&str> = txt.lines().collect();
    assert_eq!(lines[0], "高新区2022年经济社会发展总结");
    for heading in [
        "一、聚力聚焦，壮大新兴产业",
        "二、创新驱动，澎湃发展动力",
        "三、优化环境，厚植发展沃土",
        "四、以民为本，增进民生福祉",
    ] {
        assert!(lines.contains(&heading), "{heading}");
    }
    assert!(lines.contains(&"表1　主要经济指标"));
    assert!(lines.iter().any(|l| l.starts_with("规上工业增加值\t%\t**.*\t")), "indicator rows as tab-separated cells");
    assert!(lines.contains(&"2022年12月20日"), "closing date");
}

#[test]
fn schema_describes_the_format() {
    let out = baogao(&["schema"]);
    assert!(out.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["title"], "Summary");
    assert_eq!(schema["additionalProperties"], false);
    for definition in ["Meta", "Indicator", "Block", "IndicatorTable", "Table", "Section"] {
        assert!(schema["definitions"][definition].is_object(), "{definition}");
    }
}

#[test]
fn embedded_fonts_are_obfuscated_subsets_the_document_names() {
    let dir = tempfile::tempdir().unwrap();
    let input = example("gaoxin-2022.toml");
    let out =
        baogao(&["export", input.to_str().unwrap(), "-o", dir.path().to_str().unwrap(), "-f", "docx", "--embed-fonts"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let path = dir.path().join("gaoxin-2022.docx");
    let table = docx_part(&path, "word/fontTable.xml");
    let document = docx_part(&path, "word/document.xml");
    assert!(docx_part(&path, "word/settings.xml").contains("<w:embedTrueTypeFonts />"));
    assert!(document.contains(r#"w:eastAsia="FandolFang R""#), "runs name the embedded family");
    let rels = docx_part(&path, "word/_rels/fontTable.xml.rels");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let mut checked = 0;
    for (id, guid) in table.split("r:id=\"").skip(1).map(|rest| {
        let id = &rest[..rest.find('"').unwrap()];
        let key = rest.split("w:fontKey=\"").nth(1).unwrap();
        (id.to_owned(), key[1..key.find('}').unwrap()].replace('-', ""))
    }) {
        let target = rels.split(&format!("Id=\"{id}\"")).nth(1).unwrap();
        let target = target.split("Target=\"").nth(1).unwrap();
        let target = &target[..target.find('"').unwrap()];
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut zip.by_name(&format!("word/{target}")).unwrap(), &mut data).unwrap();
        // Word's obfuscation: the first 32 bytes XORed with the GUID's bytes, reversed.
        let key: Vec<u8> = (0..16).rev().map(|i| u8::from_str_radix(&guid[2 * i..2 * i + 2], 16).unwrap()).collect();
        for (i, byte) in data.iter_mut().take(32).enumerate() {
            *byte ^= key[i % 16];
        }
        let face = rustybuzz::ttf_parser::Face::parse(&data, 0).expect("a font once de-obfuscated");
        assert!(face.glyph_index('高').is_some() || face.glyph_index('1').is_some());
        assert!(face.tables().os2.is_some(), "an OS/2 table for word processors");
        assert!(data.len() < 600_000, "a subset, not the whole font");
        checked += 1;
    }
    assert!(checked >= 3, "{checked} fonts embedded");
}

#[test]
fn attachments_note_hangs_after_its_label_and_a_report_may_go_unsigned() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("note.toml");
    let long = "2022年1—11月主要经济指标完成情况表（含规上工业、固定资产投资、社会消费品零售总额分项）";
    std::fs::write(
        &input,
        format!("[meta]\ntitle = \"关于报送经济运行情况的报告\"\nattachments = [\"{long}\", \"重点项目清单\"]\n\n[[body]]\nparagraph = \"现将有关情况报告如下。\"\n"),
    )
    .unwrap();
    export(&input, dir.path(), "pdf,docx,txt");
    let pdf = Pdf::open(&dir.path().join("note.pdf"));
    let lines: Vec<_> = pdf.lines(0).into_iter().filter(|l| !is_page_number(&l.text())).collect();
    let texts: Vec<String> = lines.iter().map(|l| l.text()).collect();
    let first = texts.iter().position(|t| t.starts_with("附件：1．")).unwrap_or_else(|| panic!("{texts:?}"));
    let body = &lines[first - 1];
    assert_eq!(texts[first - 1], "现将有关情况报告如下。");
    // One blank line after the body; the label at the paragraph indent; the first item's
    // further lines under the first character of its name (GB/T 9704 7.3.4), the second
    // item's number under the first's.
    let pitch = lines[first].glyphs[0].y - body.glyphs[0].y;
    assert!((pitch.abs() - 2.0 * 28.95).abs() < 1.0, "a blank line between: {pitch}");
    assert!((lines[first].x0() - body.x0()).abs() < 0.5);
    // The name starts where "．" ends (its first characters, "2022", are centred in their
    // cells).
    let (number_x, name_x) = (lines[first].glyphs[2].x1, lines[first].glyphs[4].x1);
    assert_eq!(lines[first].glyphs[4].text, "．", "{texts:?}");
    let second = texts.iter().position(|t| t.starts_with("2．重点")).unwrap_or_else(|| panic!("{texts:?}"));
    assert!(second >= first + 2, "the long name takes more than a line: {texts:?}");
    for line in &lines[first + 1..second] {
        assert!((line.x0() - name_x).abs() < 0.5, "{} at {} not under {name_x}", line.text(), line.x0());
    }
    // "1" is a Latin run: on the grid it takes a whole cell, "．" the next.
    let cell = common::GONGWEN_CELL;
    assert!((name_x - number_x - 2.0 * cell).abs() < 0.5, "the number takes two cells: {number_x} {name_x}");
    assert!((lines[second].x0() - number_x).abs() < 0.5, "2． under 1．: {}", lines[second].x0());
    assert_eq!(squeeze(&texts[first..=second].concat()), squeeze(&format!("附件：1．{long}2．重点项目清单")));
    assert_eq!(second + 1, lines.len(), "no signature without an issuer and a date");

    let document = docx_xml(&dir.path().join("note.docx"), "word/document.xml");
    // In the Attachment style, the label (three cells) and the number (two) hang; the names
    // start seven cells in (the paragraph indent is two): where the PDF sets them, in twips.
    let attachments: Vec<_> = document
        .find("w:p")
        .into_iter()
        .filter(|p| p.first("w:pStyle").and_then(|s| s.attr("w:val")) == Some("Attachment"))
        .collect();
    assert_eq!(attachments.len(), 2, "a paragraph for each attachment");
    let twips = |pt: f32| (pt * 20.0).round() as i64;
    // Cells' left edges: the label's first, the number's ("：" takes the cell before it) and
    // the name's (after "．"); the block's, two cells left of the label (the body's indent).
    let glyphs = &lines[first].glyphs;
    let (label, number, name) = (glyphs[0].x, glyphs[2].x + cell, glyphs[4].x + cell);
    let block_left = label - 2.0 * cell;
    assert!((block_left - 28.0 * 72.0 / 25.4).abs() < 0.05, "the block's left edge: {block_left}");
    for (paragraph, (start, text)) in
        attachments.iter().zip([(label, format!("附件：1．{long}")), (number, "2．重点项目清单".to_owned())])
    {
        assert_eq!(paragraph.word_lines().concat(), text);
        let ind = paragraph.first("w:ind").expect("an indent");
        let value = |name: &str| ind.attr(name).unwrap_or_else(|| panic!("{name} in {ind:?}")).parse::<i64>().unwrap();
        assert_eq!(value("w:left"), twips(name - block_left), "the names' left edge: {ind:?}");
        assert_eq!(value("w:leftChars"), 100 * ((name - block_left) / cell).round() as i64, "{ind:?}");
        assert_eq!(value("w:hanging"), twips(name - start), "the label and the number hang: {ind:?}");
        // The PDF's lines of the name run to the block's edge but the last: Word breaks them
        // where it does, and the DOCX forces no break of its own.
        assert_eq!(paragraph.word_lines().len(), 1, "{:?}", paragraph.word_lines());
    }
    let core = docx_part(&dir.path().join("note.docx"), "docProps/core.xml");
    assert!(!core.contains("dc:creator") && !core.contains("dcterms:created"), "{core}");
    let txt = std::fs::read_to_string(dir.path().join("note.txt")).unwrap();
    assert!(txt.ends_with(&format!("\n附件：1．{long}\n2．重点项目清单\n")), "{txt}");
}

/// The PDF's bookmark titles, depth first, in document order.
fn outline_titles(pdf: &Pdf) -> Vec<String> {
    fn walk(doc: &lopdf::Document, first: Option<&lopdf::Object>, out: &mut Vec<String>) {
        let mut next = first.map(|o| o.as_reference().unwrap());
        while let Some(id) = next {
            let item = doc.get_dictionary(id).unwrap();
            out.push(lopdf::decode_text_string(item.get(b"Title").unwrap()).unwrap());
            walk(doc, item.get(b"First").ok(), out);
            next = item.get(b"Next").ok().map(|o| o.as_reference().unwrap());
        }
    }
    let doc = &pdf.doc;
    let root = doc.get_dictionary(doc.catalog().unwrap().get(b"Outlines").unwrap().as_reference().unwrap()).unwrap();
    let mut titles = Vec::new();
    walk(doc, root.get(b"First").ok(), &mut titles);
    titles
}

#[test]
fn docx_heading_numbers_are_word_list_numbers_that_read_as_the_pdf() {
    // Four levels, a level with twelve headings (十一, 十二), numbers that restart under a
    // new parent: what Word counts must read as the PDF prints.
    let mut toml =
        String::from("[meta]\ntitle = \"测试\"\nissuer = \"某局\"\ndate = \"2023-01-05\"\nperiod = \"2022年\"\n");
    for a in 1..=2 {
        toml.push_str(&format!("[[body]]\nheading = \"标题甲{a}\"\n"));
        for b in 1..=if a == 1 { 12 } else { 2 } {
            toml.push_str(&format!("[[body.content]]\nheading = \"标题乙{a}{b}\"\n"));
            if b <= 2 {
                for c in 1..=2 {
                    toml.push_str(&format!(
                        "[[body.content.content]]\nheading = \"标题丙{a}{b}{c}\"\n[[body.content.content.content]]\nheading = \"标题丁{a}{b}{c}\"\n[[body.content.content.content.content]]\nparagraph = \"正文。\"\n"
                    ));
                }
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("levels.toml");
    std::fs::write(&input, toml).unwrap();
    for template in ["gongwen", "briefing"] {
        let out = dir.path().join(template);
        let status = baogao(&[
            "export",
            input.to_str().unwrap(),
            "-t",
            template,
            "-o",
            out.to_str().unwrap(),
            "--format",
            "pdf,docx",
        ]);
        assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
        let printed = outline_titles(&Pdf::open(&out.join("levels.pdf")));
        assert_eq!(printed.len(), 2 + 14 + 8 + 8, "{template}: every heading has a bookmark");
        let docx = out.join("levels.docx");
        let shown: Vec<String> = word_paragraphs_as_shown(&docx).into_iter().filter(|p| p.contains("标题")).collect();
        assert_eq!(shown, printed, "{template}: Word's numbers against the PDF's");
        // The numbers are Word's, not typed text: the paragraphs hold the words alone.
        let document = docx_part(&docx, "word/document.xml");
        assert!(document.contains(">标题乙112<") && !document.contains("十二）"), "{template}");
    }
}

#[test]
fn docx_caption_numbers_are_seq_fields_counting_as_word_counts() {
    // The filled example with two more tables, one without a caption (and no number).
    let source = std::fs::read_to_string(example("gaoxin-2022-filled.toml")).unwrap();
    let tables = concat!(
        "\n[[body]]\ntable = { caption = \"新增表格\", header = [\"甲\", \"乙\"], rows = [[\"1\", \"2\"]] }\n",
        "\n[[body]]\ntable = { header = [\"丙\", \"丁\"], rows = [[\"3\", \"4\"]] }\n",
        "\n[[body]]\ntable = { caption = \"又一表格\", header = [\"戊\", \"己\"], rows = [[\"5\", \"6\"]] }\n",
    );
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("captions.toml");
    std::fs::write(&input, format!("{source}{tables}")).unwrap();
    export(&input, dir.path(), "pdf,docx");
    let docx = dir.path().join("captions.docx");
    let pdf_text = squeeze(&Pdf::open(&dir.path().join("captions.pdf")).text());
    let document = docx_xml(&docx, "word/document.xml");
    let mut counts: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    let mut captions = 0;
    let mut repeats = 0;
    for paragraph in document.find("w:p") {
        let instructions: Vec<String> = paragraph.find("w:instrText").iter().map(|i| i.text()).collect();
        let Some(seq) = instructions.iter().find(|i| i.trim_start().starts_with("SEQ ")) else { continue };
        captions += 1;
        // The result sits between the separate and the end field characters.
        let mut state = "";
        let mut result = String::new();
        for e in paragraph.all() {
            match (e.name.as_str(), e.attr("w:fldCharType")) {
                ("w:fldChar", Some(kind)) => state = if kind == "separate" { "result" } else { "" },
                ("w:t", _) if state == "result" => result.push_str(&e.text()),
                _ => {}
            }
        }
        let name = seq.split_whitespace().nth(1).unwrap().to_owned();
        let count = counts.entry(name.clone()).or_default();
        // `\c` repeats the sequence's last number (a 续表 line); any other counts on.
        let repeat = seq.split_whitespace().any(|s| s == "\\c");
        if !repeat {
            *count += 1;
        } else {
            repeats += 1;
        }
        assert_eq!(result, count.to_string(), "{seq}: Word would count {count}");
        let shown: String = paragraph.find("w:t").iter().map(|t| t.text()).collect();
        assert!(shown.contains(&format!("{name}{count}")), "{shown}");
        assert!(pdf_text.contains(&squeeze(&shown)), "the caption reads as the PDF's: {shown}");
    }
    assert_eq!(counts.get("表"), Some(&3), "three numbered tables: {counts:?}");
    assert_eq!(counts.get("图"), Some(&1), "one chart: {counts:?}");
    assert_eq!(captions - repeats, 4);
}

#[test]
fn a_control_character_is_drawn_as_a_box_in_both_and_the_docx_stays_xml() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("bell.toml");
    let summary = "version = 1\n[meta]\ntitle = \"报告\\u0007\"\nissuer = \"某局\"\ndate = \"2022-12-20\"\n\
                   period = \"2022年\"\n\n[[body]]\nparagraph = \"响铃\\u0007之后的正文。\"\n";
    std::fs::write(&input, summary).unwrap();
    let out = baogao(&["export", input.to_str().unwrap(), "-o", dir.path().to_str().unwrap(), "-f", "pdf,docx"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("warning"), "the layout warns of it: {stderr}");
    let docx = dir.path().join("bell.docx");
    // Parsing is the check: a U+0007 in w:t is not well-formed XML.
    let document = docx_xml(&docx, "word/document.xml");
    let text: String = document.find("w:t").iter().map(|t| t.text()).collect();
    assert!(text.contains("响铃□之后的正文。"), "{text}");
    assert!(!docx_part(&docx, "docProps/core.xml").contains('\u{7}'));
    let pdf = Pdf::open(&dir.path().join("bell.pdf"));
    assert!(squeeze(&pdf.text()).contains("响铃□之后的正文。"));
}
