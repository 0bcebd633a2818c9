//! The period covered is printed where the template says: gongwen under the title (and
//! subtitle), briefing in its running header; read back from the PDF, the DOCX and the
//! text, and imported back as the period.

mod common;

use std::path::Path;

use common::{baogao, docx_part, is_page_number, Pdf};

fn summary(title: &str, subtitle: Option<&str>, period: Option<&str>) -> String {
    let mut meta = format!("[meta]\ntitle = \"{title}\"\nissuer = \"某区统计局\"\ndate = \"2024-10-20\"\n");
    if let Some(subtitle) = subtitle {
        meta.push_str(&format!("subtitle = \"{subtitle}\"\n"));
    }
    if let Some(period) = period {
        meta.push_str(&format!("period = \"{period}\"\n"));
    }
    let paragraph: String = "全区经济运行总体平稳，主要指标稳中有进。".repeat(120);
    format!("{meta}\n[[body]]\nheading = \"总体情况\"\n\n[[body.content]]\nparagraph = \"{paragraph}\"\n")
}

/// Exports `text` under `template` as PDF, DOCX and text into `dir`; the paths' stem.
fn export(dir: &Path, text: &str, template: &str) -> std::path::PathBuf {
    let input = dir.join("r.toml");
    std::fs::write(&input, text).unwrap();
    let out = baogao(&[
        "export",
        input.to_str().unwrap(),
        "-o",
        dir.to_str().unwrap(),
        "-t",
        template,
        "-f",
        "pdf,docx,txt",
        "--force",
        "-q",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    dir.join("r")
}

/// The first lines of page 1's text, page numbers aside.
fn first_lines(pdf: &Pdf, n: usize) -> Vec<String> {
    pdf.lines(0).into_iter().map(|l| l.text()).filter(|t| !is_page_number(t)).take(n).collect()
}

#[test]
fn gongwen_prints_the_period_under_the_title_and_subtitle() {
    let dir = tempfile::tempdir().unwrap();
    let stem = export(dir.path(), &summary("全区经济运行情况分析", None, Some("2024年1—9月")), "gongwen");
    let pdf = Pdf::open(&stem.with_extension("pdf"));
    assert_eq!(first_lines(&pdf, 2), ["全区经济运行情况分析", "（2024年1—9月）"]);
    let period = pdf.pages[0].iter().find(|g| g.text == "月").unwrap();
    let title = pdf.pages[0].iter().find(|g| g.text == "全").unwrap();
    assert_eq!(period.size, 16.0, "the period in the body's size (1em), under the 22 pt title");
    assert!(period.font.contains("Kai"), "in 楷体: {}", period.font);
    assert!(period.y > title.y);
    let text = std::fs::read_to_string(stem.with_extension("txt")).unwrap();
    assert!(text.starts_with("全区经济运行情况分析\n（2024年1—9月）\n一、总体情况\n"), "{text}");
    let document = docx_part(&stem.with_extension("docx"), "word/document.xml");
    assert!(document.contains("<w:pStyle w:val=\"Period\" />"), "a Period paragraph");
    assert!(document.contains("（2024年1—9月）"));

    // Under a subtitle it comes after it.
    let stem =
        export(dir.path(), &summary("全区经济运行情况分析", Some("——基于统计快报"), Some("2024年1—9月")), "gongwen");
    let pdf = Pdf::open(&stem.with_extension("pdf"));
    assert_eq!(first_lines(&pdf, 3), ["全区经济运行情况分析", "——基于统计快报", "（2024年1—9月）"]);
}

#[test]
fn a_title_or_subtitle_that_says_the_period_is_not_repeated_and_none_prints_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for text in [
        summary("2024年1—9月全区经济运行情况", None, Some("2024年1—9月")),
        summary("全区经济运行情况", Some("（2024年1—9月）"), Some("2024年1—9月")),
        summary("全区经济运行情况", None, None),
    ] {
        let stem = export(dir.path(), &text, "gongwen");
        let printed = std::fs::read_to_string(stem.with_extension("txt")).unwrap();
        assert_eq!(printed.matches("2024年1—9月").count(), usize::from(text.contains("2024年1—9月")), "{printed}");
    }
}

#[test]
fn briefing_prints_the_period_in_its_running_header() {
    let dir = tempfile::tempdir().unwrap();
    let stem = export(dir.path(), &summary("全区经济运行情况分析", None, Some("2024年1—9月")), "briefing");
    let pdf = Pdf::open(&stem.with_extension("pdf"));
    let header = |page: usize| pdf.lines(page)[0].text();
    // The full-width space is drawn as a gap (the reader's lines drop spaces).
    assert_eq!(header(1), "全区经济运行情况分析2024年1—9月");
    let line = &pdf.lines(1)[0];
    let gap = line.glyphs[10].x - line.glyphs[9].x1;
    assert!(gap > 0.8 * line.glyphs[0].size, "an ideographic space between title and period: {gap}");
    assert_eq!(
        first_lines(&pdf, 3)[1..],
        ["全区经济运行情况分析", "1总体情况"],
        "no period under the title on briefing"
    );
    let headers: String = (1..=3)
        .filter_map(|n| {
            let part = format!("word/header{n}.xml");
            let names = common::zip_names(&stem.with_extension("docx"));
            names.contains(&part).then(|| docx_part(&stem.with_extension("docx"), &part))
        })
        .collect();
    assert!(headers.contains("全区经济运行情况分析　2024年1—9月"), "{headers}");

    // Without a period the header is the title alone, no space left at its end.
    let stem = export(dir.path(), &summary("全区经济运行情况分析", None, None), "briefing");
    let pdf = Pdf::open(&stem.with_extension("pdf"));
    assert_eq!(pdf.lines(1)[0].text(), "全区经济运行情况分析");

    // Nor is the period repeated after a title that says it (found by a new user's trial).
    let stem = export(dir.path(), &summary("2024年1—9月全区经济运行情况分析", None, Some("2024年1—9月")), "briefing");
    let pdf = Pdf::open(&stem.with_extension("pdf"));
    assert_eq!(pdf.lines(1)[0].text(), "2024年1—9月全区经济运行情况分析");
    let header = docx_part(&stem.with_extension("docx"), "word/header1.xml");
    assert!(header.contains("全区经济运行情况分析") && !header.contains("分析　"), "{header}");
}

#[test]
fn the_period_line_imports_back_as_the_period() {
    let dir = tempfile::tempdir().unwrap();
    let stem = export(dir.path(), &summary("全区经济运行情况分析", None, Some("2024年1—9月")), "gongwen");
    for extension in ["txt", "docx"] {
        let imported = dir.path().join(format!("back-{extension}.toml"));
        let out =
            baogao(&["import", stem.with_extension(extension).to_str().unwrap(), "-o", imported.to_str().unwrap()]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let summary: toml::Table = toml::from_str(&std::fs::read_to_string(&imported).unwrap()).unwrap();
        let meta = summary["meta"].as_table().unwrap();
        assert_eq!(meta["period"].as_str(), Some("2024年1—9月"), "{extension}");
        assert!(!meta.contains_key("subtitle"), "{extension}: {meta:?}");
    }
}
