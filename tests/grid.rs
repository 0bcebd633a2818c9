//! Templates whose sizes and grid agree: a template that changes the body size, the paper
//! or its orientation gets a grid of whole characters derived from its block; one that fixes
//! the grid has its body checked against it. Read back from the PDF.

mod common;

use common::{baogao, is_page_number, Pdf};

const MM: f32 = 72.0 / 25.4;

/// A report of one heading, a table and long paragraphs of Han characters with no
/// punctuation, so that every line but a paragraph's last is a full grid line.
fn report() -> String {
    let han: String = "经济运行稳中有进发展质量持续提升产业结构不断优化".chars().cycle().take(400).collect();
    let mut out = String::from(
        "[meta]\ntitle = \"区经济运行情况\"\nissuer = \"某区统计局\"\ndate = \"2024-06-30\"\n\n\
         [[body]]\nheading = \"工业生产\"\n\n[[body.content]]\ntable = { header = [\"指标\", \"数值\"], rows = [[\"产值\", \"12.5\"]] }\n",
    );
    for _ in 0..8 {
        out.push_str(&format!("\n[[body.content]]\nparagraph = \"{han}\"\n"));
    }
    out
}

/// Exports the report under the template `text` (a file) and opens the PDF.
fn export_under(template: &str) -> (tempfile::TempDir, Pdf) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("r.toml");
    std::fs::write(&input, report()).unwrap();
    let template_path = dir.path().join("mine.toml");
    std::fs::write(&template_path, template).unwrap();
    let out = baogao(&[
        "export",
        input.to_str().unwrap(),
        "-o",
        dir.path().to_str().unwrap(),
        "-t",
        template_path.to_str().unwrap(),
        "-f",
        "pdf",
        "-q",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let pdf = Pdf::open(&dir.path().join("r.pdf"));
    (dir, pdf)
}

/// Per page, the body lines (glyphs of `size`), page numbers left out.
fn body_lines(pdf: &Pdf, size: f32) -> Vec<Vec<common::Line>> {
    (0..pdf.pages.len())
        .map(|p| {
            pdf.lines(p)
                .into_iter()
                .filter(|l| !is_page_number(&l.text()) && (l.glyphs[0].size - size).abs() < 0.01)
                .collect()
        })
        .collect()
}

/// Checks the grid of `pdf`: full lines hold `chars` characters set solid (no gap of a
/// point or more between neighbours), a full page holds `lines` lines.
fn assert_grid(pdf: &Pdf, size: f32, chars: usize, lines: usize) {
    let pages = body_lines(pdf, size);
    let mut full_lines = 0;
    for line in pages.iter().flatten() {
        let count = line.glyphs.len();
        assert!(count <= chars, "{count} characters on a line of {chars}: {}", line.text());
        if count == chars {
            full_lines += 1;
            for pair in line.glyphs.windows(2) {
                let gap = pair[1].x - pair[0].x1;
                assert!(gap < 1.0, "letter-spaced by {gap:.2} pt: {}", line.text());
            }
        }
    }
    assert!(full_lines > 20, "only {full_lines} full lines of {chars}");
    let most = pages.iter().map(Vec::len).max().unwrap();
    assert_eq!(most, lines, "lines on a full page");
}

#[test]
fn a_smaller_body_derives_a_grid_of_its_own_and_headings_and_tables_follow() {
    let (_dir, pdf) = export_under("extends = \"gongwen\"\n[body]\nsize = \"小四\"\n");
    // GB/T 9704's block, 156 × 225 mm: 小四 (12 pt) makes 156 mm / 12 pt = 36.85, 37
    // characters a line, and 225 mm / (1.8 × 12 pt) = 29.5, 30 lines.
    let chars = (156.0 * MM / 12.0).round() as usize;
    let lines = (225.0 * MM / (1.8 * 12.0)).round() as usize;
    assert_eq!((chars, lines), (37, 30));
    assert_grid(&pdf, 12.0, chars, lines);
    // Headings set in the body's size (1em) follow it; table cells at 0.875em, 10.5 pt.
    let heading = pdf.pages[0].iter().find(|g| g.text == "工").unwrap();
    assert_eq!(heading.size, 12.0, "the heading follows the body");
    let cell = pdf.pages[0].iter().find(|g| g.text == "指").unwrap();
    assert_eq!(cell.size, 10.5, "table text follows the body");
}

#[test]
fn landscape_paper_derives_its_grid_from_the_wider_block() {
    let (_dir, pdf) = export_under("extends = \"gongwen\"\n[page]\norientation = \"landscape\"\n");
    // 297 − 28 − 26 = 243 mm by 210 − 37 − 35 = 138 mm at 三号 (16 pt).
    let chars = (243.0 * MM / 16.0).round() as usize;
    let lines = (138.0 * MM / (1.8 * 16.0)).round() as usize;
    assert_eq!((chars, lines), (43, 14));
    assert_grid(&pdf, 16.0, chars, lines);
}

#[test]
fn the_built_in_grid_is_gbt_9704s() {
    let (_dir, pdf) = export_under("extends = \"gongwen\"\n");
    assert_grid(&pdf, 16.0, 28, 22);
}

#[test]
fn a_fixed_grid_the_body_does_not_fit_is_an_error_naming_both_keys() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("mine.toml");
    std::fs::write(&template, "extends = \"gongwen\"\n[body]\nsize = \"小四\"\n[grid]\nlines = 22\nchars = 28\n")
        .unwrap();
    let input = dir.path().join("r.toml");
    std::fs::write(&input, report()).unwrap();
    let out_dir = dir.path().join("out");
    let out =
        baogao(&["export", input.to_str().unwrap(), "-o", out_dir.to_str().unwrap(), "-t", template.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("mine.toml:6:9:"), "{stderr}");
    assert!(stderr.contains("`grid.chars`") && stderr.contains("`body.size`"), "{stderr}");
    assert!(stderr.contains("letter-spaced") && stderr.contains("(37 here)"), "{stderr}");
    assert!(!out_dir.exists(), "nothing written");

    // The same grid with its body fits.
    std::fs::write(&template, "extends = \"gongwen\"\n[grid]\nlines = 22\nchars = 28\n").unwrap();
    let out =
        baogao(&["export", input.to_str().unwrap(), "-o", out_dir.to_str().unwrap(), "-t", template.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}
