//! Templates users read, copy and change: the built-ins, `extends`, one value changed and
//! read back from the PDF and the DOCX, and templates that are wrong.

mod common;

use std::path::{Path, PathBuf};

use common::{baogao, docx_part, example, squeeze, Pdf};

const PT_PER_MM: f32 = 72.0 / 25.4;

/// Exports the masked example with `template` (a name or a file) into `dir`; the PDF read
/// back and the DOCX's path.
fn export_with(template: &str, dir: &Path) -> (Pdf, PathBuf) {
    let input = example("gaoxin-2022.toml");
    let out =
        baogao(&["export", input.to_str().unwrap(), "-o", dir.to_str().unwrap(), "-f", "pdf,docx", "-t", template]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    (Pdf::open(&dir.join("gaoxin-2022.pdf")), dir.join("gaoxin-2022.docx"))
}

/// A template file of `text` in `dir`.
fn template_file(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

/// The left edge of the body text on page 1: the leftmost glyph of its lines in the body size.
fn body_left(pdf: &Pdf) -> f32 {
    pdf.lines(0).iter().filter(|l| (l.size() - 16.0).abs() < 0.1).map(|l| l.x0()).fold(f32::MAX, f32::min)
}

#[test]
fn the_built_ins_are_listed_and_a_printed_one_is_the_built_in() {
    let out = baogao(&["templates"]);
    let listing = String::from_utf8_lossy(&out.stdout);
    assert!(listing.starts_with("gongwen") && listing.contains("\nbriefing"), "{listing}");

    let dir = tempfile::tempdir().unwrap();
    let shown = baogao(&["templates", "show", "briefing"]);
    assert!(shown.status.success());
    let copy = template_file(dir.path(), "copy.toml", &String::from_utf8_lossy(&shown.stdout));
    let (builtin_dir, copy_dir) = (dir.path().join("builtin"), dir.path().join("copy"));
    export_with("briefing", &builtin_dir);
    export_with(&copy, &copy_dir);
    let read = |d: &Path| std::fs::read(d.join("gaoxin-2022.pdf")).unwrap();
    assert_eq!(read(&builtin_dir), read(&copy_dir), "the printed template is the built-in");

    let missing = baogao(&["templates", "show", "nosuch"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn a_changed_margin_moves_the_text_in_the_pdf_and_the_docx() {
    let dir = tempfile::tempdir().unwrap();
    let (base, _) = export_with("gongwen", &dir.path().join("base"));
    let narrow = template_file(dir.path(), "m.toml", "extends = \"gongwen\"\n\n[page]\nmargin_left = 20.0\n");
    let (pdf, docx) = export_with(&narrow, &dir.path().join("narrow"));
    assert!((body_left(&base) - 28.0 * PT_PER_MM).abs() < 0.5, "gongwen: {}", body_left(&base));
    assert!((body_left(&pdf) - 20.0 * PT_PER_MM).abs() < 0.5, "20 mm: {}", body_left(&pdf));
    let document = docx_part(&docx, "word/document.xml");
    assert!(document.contains(r#"w:left="1134""#), "a 20 mm left margin is 1134 twips");
}

#[test]
fn a_changed_size_and_numbering_show_in_the_pdf_and_the_docx() {
    let dir = tempfile::tempdir().unwrap();
    let changed = template_file(
        dir.path(),
        "s.toml",
        "extends = \"gongwen\"\n\n[[headings]]\nnumbering = \"第{zh}部分　\"\nsize = \"小二\"\n",
    );
    let (pdf, docx) = export_with(&changed, &dir.path().join("out"));
    let headings: Vec<_> =
        (0..pdf.pages.len()).flat_map(|p| pdf.lines(p)).filter(|l| l.text().starts_with("第")).collect();
    let texts: Vec<String> = headings.iter().map(|l| squeeze(&l.text())).collect();
    assert!(texts.iter().any(|t| t == "第一部分聚力聚焦，壮大新兴产业"), "{texts:?}");
    assert!(texts.iter().any(|t| t.starts_with("第四部分")), "{texts:?}");
    assert!(headings.iter().all(|l| (l.size() - 18.0).abs() < 0.1), "小二 is 18 pt");
    let shown = common::word_paragraphs_as_shown(&docx);
    assert!(shown.iter().any(|p| p == "第二部分　创新驱动，澎湃发展动力"), "{shown:?}");
    let styles = docx_part(&docx, "word/styles.xml");
    let heading = &styles[styles.find(r#"w:styleId="Heading1""#).unwrap()..];
    assert!(heading[..heading.find("</w:style>").unwrap()].contains(r#"<w:sz w:val="36" />"#), "18 pt");
}

#[test]
fn briefing_has_its_header_footer_key_figures_and_coloured_table_header() {
    let dir = tempfile::tempdir().unwrap();
    let (pdf, docx) = export_with("briefing", dir.path());
    let pages = pdf.pages.len();
    for p in 0..pages {
        let lines = pdf.lines(p);
        let top = lines.first().unwrap();
        assert_eq!(
            squeeze(&top.text()),
            "高新区2022年经济社会发展总结2022年1—11月",
            "running header on page {}: the title and the period",
            p + 1
        );
        let last = squeeze(&lines.last().unwrap().text());
        assert_eq!(last, format!("第{}页共{pages}页", p + 1));
    }
    // The key figures: the first indicators' masked values in a row under the title.
    let first = pdf.lines(0);
    assert!(first.iter().any(|l| squeeze(&l.text()) == "**.*%**.*%**.*%**.*%"), "key figures row");
    // Headings numbered 1, 2 … in bold.
    let all: Vec<String> = (0..pages).flat_map(|p| pdf.lines(p)).map(|l| squeeze(&l.text())).collect();
    assert!(all.iter().any(|t| t == "2创新驱动，澎湃发展动力"), "{all:?}");

    let document = docx_part(&docx, "word/document.xml");
    assert!(document.contains(r#"w:fill="1F3864""#), "the table header's fill");
    assert!(document.contains(r#"w:fill="EAF1FB""#), "the key figures' boxes");
    let header = docx_part(&docx, "word/header1.xml");
    assert!(header.contains("高新区2022年经济社会发展总结"));
    let footer = docx_part(&docx, "word/footer1.xml");
    assert!(footer.contains("NUMPAGES") && footer.contains("PAGE"), "{footer}");
    assert!(footer.contains("第 ") && footer.contains(" 页 共 "), "{footer}");
}

#[test]
fn template_mistakes_name_the_file_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("unknown.toml", "extends = \"gongwen\"\n\n[page]\nmargn_left = 3.0\n", 4, "page.margn_left"),
        ("wide.toml", "extends = \"gongwen\"\n[page]\nmargin_left = 150.0\nmargin_right = 90.0\n", 3, "page.margin_left"),
        ("negative.toml", "extends = \"gongwen\"\n[body]\nsize = -3\n", 3, "body.size"),
        (
            "levels.toml",
            "extends = \"gongwen\"\n[[headings]]\n[[headings]]\n[[headings]]\n[[headings]]\n[[headings]]\nnumbering = \"{n}\"\nfont = \"fang\"\nsize = 16\n",
            0,
            "headings",
        ),
        ("base.toml", "extends = \"nosuch\"\n", 1, "extends"),
        ("placeholder.toml", "extends = \"briefing\"\n[header]\ntext = \"{titel}\"\n", 3, "header.text"),
    ];
    for (name, text, line, key) in cases {
        let path = template_file(dir.path(), name, text);
        let input = example("gaoxin-2022.toml");
        let out_dir = dir.path().join("out");
        let out = baogao(&["export", input.to_str().unwrap(), "-o", out_dir.to_str().unwrap(), "-t", &path]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(stderr.contains(&format!("field `{key}`")), "{name}: {stderr}");
        if line > 0 {
            assert!(stderr.contains(&format!("{name}:{line}:")), "{name}: {stderr}");
        }
        assert!(!out_dir.exists() || std::fs::read_dir(&out_dir).unwrap().next().is_none(), "nothing written");
    }
}

#[test]
fn fonts_lists_the_bundled_faces_with_their_gb2312_coverage() {
    let out = baogao(&["fonts", "--no-installed", "--json"]);
    assert!(out.status.success());
    let faces: Vec<serde_json::Value> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let families: Vec<&str> = faces.iter().map(|f| f["family"].as_str().unwrap()).collect();
    for family in ["FandolFang", "FandolKai", "Noto Sans SC", "Noto Serif SC"] {
        assert!(families.contains(&family), "{families:?}");
    }
    assert!(faces.iter().all(|f| f["gb2312"] == 6763), "the bundled fonts cover GB2312");
}

#[test]
fn a_cover_page_takes_the_title_issuer_and_date_and_no_header_or_number() {
    let dir = tempfile::tempdir().unwrap();
    let with_cover = template_file(
        dir.path(),
        "cover.toml",
        "extends = \"briefing\"\n\n[cover]\ntitle_font = \"hei\"\ntitle_size = \"一号\"\nfont = \"song\"\nsize = \"三号\"\ntitle_top = 60.0\n",
    );
    let (pdf, docx) = export_with(&with_cover, &dir.path().join("out"));
    let cover: Vec<String> = pdf.lines(0).iter().map(|l| squeeze(&l.text())).collect();
    assert_eq!(cover, ["高新区2022年经济社会发展总结", "**高新技术产业开发区管理委员会", "2022年12月20日"]);
    let title = &pdf.lines(0)[0];
    assert!((title.size() - 26.0).abs() < 0.1, "一号 is 26 pt");
    // The issuer and date stand on the block's last lines (briefing's bottom margin: 28 mm).
    let date_y = pdf.lines(0)[2].y;
    assert!(date_y > pdf.height - 28.0 * PT_PER_MM - 21.0, "date at the foot: {date_y}");
    let second: Vec<String> = pdf.lines(1).iter().map(|l| squeeze(&l.text())).collect();
    assert_eq!(second[0], "高新区2022年经济社会发展总结2022年1—11月", "the running header from page 2");
    assert_eq!(second.last().unwrap(), &format!("第2页共{}页", pdf.pages.len()));

    let document = docx_part(&docx, "word/document.xml");
    assert!(document.contains("<w:titlePg />"), "a different first page in the DOCX");
    assert!(document.contains(r#"<w:pStyle w:val="CoverTitle" />"#));
    assert!(document.contains("<w:pageBreakBefore />"), "the body starts on a new page");
}

/// The schema node `node` points to, through `$ref`, `anyOf` (a value or null) and `allOf`.
fn resolve<'a>(schema: &'a serde_json::Value, node: &'a serde_json::Value) -> &'a serde_json::Value {
    if let Some(reference) = node.get("$ref").and_then(|r| r.as_str()) {
        let name = reference.trim_start_matches("#/definitions/");
        return resolve(schema, &schema["definitions"][name]);
    }
    for key in ["anyOf", "allOf"] {
        if let Some(first) = node
            .get(key)
            .and_then(|v| v.as_array())
            .and_then(|v| v.iter().find(|n| n.get("type") != Some(&"null".into())))
        {
            return resolve(schema, first);
        }
    }
    node
}

/// Checks every key of `value` (a TOML table at `path`) against the schema `node`.
fn check_keys(schema: &serde_json::Value, node: &serde_json::Value, value: &toml::Value, path: &str) -> usize {
    let node = resolve(schema, node);
    match value {
        toml::Value::Table(table) => {
            let mut checked = 0;
            for (key, inner) in table {
                let property =
                    node["properties"].get(key).or_else(|| node.get("additionalProperties").filter(|a| a.is_object()));
                let property = property.unwrap_or_else(|| panic!("{path}.{key} is not in the schema"));
                checked += 1 + check_keys(schema, property, inner, &format!("{path}.{key}"));
            }
            checked
        }
        toml::Value::Array(items) if node.get("items").is_some() => {
            items.iter().map(|item| check_keys(schema, &node["items"], item, &format!("{path}[]"))).sum()
        }
        _ => 0,
    }
}

#[test]
fn the_template_schema_knows_every_key_of_the_built_in_templates() {
    let out = baogao(&["schema", "--template"]);
    assert!(out.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["additionalProperties"], false, "unknown keys are flagged by editors");
    assert_eq!(schema["properties"]["extends"]["enum"], serde_json::json!(["gongwen", "briefing"]));
    assert!(
        schema["then"]["required"].as_array().unwrap().contains(&"page".into()),
        "sections required without extends"
    );
    for name in ["gongwen", "briefing"] {
        let text = std::fs::read_to_string(common::root().join(format!("templates/{name}.toml"))).unwrap();
        let template: toml::Value = toml::from_str(&text).unwrap();
        let checked = check_keys(&schema, &schema, &template, name);
        assert!(checked > 100, "{name}: {checked} keys checked");
    }
    // A key no template has is not in it.
    let body = resolve(&schema, &schema["properties"]["body"]);
    assert!(body["properties"].get("fnt").is_none() && body["properties"].get("font").is_some());
    assert_eq!(body["additionalProperties"], false);
}

#[test]
fn plain_text_alone_reads_no_fonts_and_a_missing_font_stops_only_what_is_laid_out() {
    let dir = tempfile::tempdir().unwrap();
    let template = template_file(
        dir.path(),
        "nofont.toml",
        "extends = \"gongwen\"\n[fonts.fang]\npdf = [\"no-such-font.ttf\"]\ndocx = \"仿宋_GB2312\"\n",
    );
    let input = example("gaoxin-2022.toml");
    let export = |format: &str, out: &str| {
        let out_dir = dir.path().join(out);
        let run = baogao(&[
            "export",
            input.to_str().unwrap(),
            "-o",
            out_dir.to_str().unwrap(),
            "-f",
            format,
            "-t",
            &template,
        ]);
        (run, out_dir)
    };
    let (text, text_dir) = export("txt", "text");
    assert!(text.status.success(), "{}", String::from_utf8_lossy(&text.stderr));
    let written = std::fs::read_to_string(text_dir.join("gaoxin-2022.txt")).unwrap();
    assert!(written.starts_with("高新区2022年"), "{written}");
    let (pdf, pdf_dir) = export("pdf", "pdf");
    let stderr = String::from_utf8_lossy(&pdf.stderr);
    assert_ne!(pdf.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("no-such-font.ttf"), "{stderr}");
    assert!(!pdf_dir.join("gaoxin-2022.pdf").exists());
}
