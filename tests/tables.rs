//! Tables read back from the PDF and the DOCX: a 120-row table over several pages, figures
//! on the decimal point, indicator tables and their columns.

mod common;
#[path = "../examples/table_report.rs"]
mod table_report;

use std::path::Path;

use common::{baogao, docx_part, docx_xml, squeeze, Element, Pdf};

fn export(input: &Path, dir: &Path, formats: &str, template: Option<&Path>) -> Pdf {
    // Exports of one input under several templates replace each other.
    let mut args = vec!["export", input.to_str().unwrap(), "-o", dir.to_str().unwrap(), "-f", formats, "--force"];
    if let Some(t) = template {
        args.extend(["-t", t.to_str().unwrap()]);
    }
    let out = baogao(&args);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    Pdf::open(&dir.join(format!("{}.pdf", input.file_stem().unwrap().to_str().unwrap())))
}

#[test]
fn a_long_table_repeats_its_header_and_lines_up_its_figures() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("t120.toml");
    std::fs::write(&input, table_report::report(120)).unwrap();
    let pdf = export(&input, dir.path(), "pdf,docx", None);
    assert!(pdf.pages.len() >= 4, "{} pages", pdf.pages.len());

    let header = "序号园区增加值（亿元）备注";
    let mut rows_seen = 0;
    let mut anchors = Vec::new();
    for p in 0..pdf.pages.len() {
        let lines = pdf.lines(p);
        let rows: Vec<_> = lines.iter().filter(|l| l.text().contains("工业园区")).collect();
        if rows.is_empty() {
            continue;
        }
        // A page break leaves no row alone under the header nor at the foot of a page.
        assert!(rows.len() >= 2, "page {} holds a single row", p + 1);
        // The header row is the table's first on every page it touches.
        let table = page_table(&pdf, p);
        assert_eq!(squeeze(&table.cells[0].concat().concat()), header, "page {}", p + 1);
        assert!(table.rows.len() >= 4, "page {}: the header and at least two rows", p + 1);
        for row in &rows {
            rows_seen += 1;
            // The value: the glyphs after the park's name that make a figure.
            let name_end = row.glyphs.iter().position(|g| g.text == "区").unwrap();
            let figure: Vec<_> = row.glyphs[name_end + 1..]
                .iter()
                .take_while(|g| g.text.chars().all(|c| c.is_ascii_digit() || ".*-".contains(c)))
                .collect();
            assert!(!figure.is_empty(), "no figure in {}", row.text());
            // Where the decimal point stands: the point itself, or the end of a whole number.
            let anchor = match figure.iter().find(|g| g.text == ".") {
                Some(point) => point.x,
                None => figure.last().unwrap().x1,
            };
            anchors.push((anchor, row.text()));
        }
    }
    assert_eq!(rows_seen, 120);
    let first = anchors[0].0;
    for (anchor, row) in &anchors {
        assert!((anchor - first).abs() < 0.5, "decimal point off by {} pt in {row}", anchor - first);
    }

    let docx = dir.path().join("t120.docx");
    // The header's cells of one line stand at its foot, level with "（亿元）".
    let (bottom, _) = docx_tables_are_the_pdfs(&pdf, &docx, "表1", "续表1");
    assert!(bottom >= 3, "{bottom} cells at their row's foot");
    let document = docx_part(&docx, "word/document.xml");
    assert!(document.contains(r#"<w:tblLayout w:type="fixed" />"#));
    assert!(document.contains(r#"<w:tab w:val="decimal""#), "figures on a decimal tab stop");
    // A tab before each figure moves it to the stop; rows stay with their neighbours as in the PDF.
    assert_eq!(document.matches("<w:tab />").count(), 240, "a tab before each number and each value");
    let styles = docx_part(&dir.path().join("t120.docx"), "word/styles.xml");
    let table_text = &styles[styles.find(r#"w:styleId="TableText""#).unwrap()..];
    let table_text = &table_text[..table_text.find("</w:style>").unwrap()];
    assert!(table_text.contains(r#"<w:snapToGrid w:val="false" />"#), "cells are off the line grid: {table_text}");
    assert!(table_text.contains(r#"w:line="392" w:lineRule="exact""#), "cell leading 1.4 × 14 pt: {table_text}");
}

/// A DOCX cell's lines: its text broken at its `w:br` breaks; none for an empty cell.
fn word_cell_lines(cell: &Element) -> Vec<String> {
    let lines = cell.word_lines();
    if lines.iter().all(String::is_empty) {
        Vec::new()
    } else {
        lines
    }
}

/// The DOCX's table is the PDF's, page by page: a Word table for each page the PDF's table
/// touches, with the rows that page shows (read by their first cells), the first under the
/// caption, each later one under a paragraph `continued` that starts a page, each starting
/// with the header row marked to repeat. Each cell holds the lines of the PDF's cell (the
/// layout's line breaks as `w:br`), and a cell with fewer lines than its row stands where
/// the PDF sets it: at the foot when its last line is on the row's last baseline, in the
/// middle when it is on neither the first nor the last. The cells found at the foot and in
/// the middle, counted.
fn docx_tables_are_the_pdfs(pdf: &Pdf, docx: &Path, caption: &str, continued: &str) -> (usize, usize) {
    let parts: Vec<PageTable> = (0..pdf.pages.len()).map(|p| page_table(pdf, p)).filter(|t| t.rows.len() > 1).collect();
    let document = docx_xml(docx, "word/document.xml");
    let body = document.child("w:body").expect("a body");
    let blocks: Vec<&Element> = body.elements().collect();
    let tables: Vec<usize> = (0..blocks.len()).filter(|&i| blocks[i].name == "w:tbl").collect();
    assert_eq!(tables.len(), parts.len(), "a Word table for each page the PDF's table is on");
    let (mut bottom, mut middle) = (0, 0);
    for (k, (&at, part)) in tables.iter().zip(&parts).enumerate() {
        let before = blocks[at - 1];
        assert_eq!(before.name, "w:p");
        let breaks_page = before.first("w:pageBreakBefore").is_some_and(|e| e.attr("w:val").is_none_or(|v| v != "0"))
            || before.find("w:br").iter().any(|b| b.attr("w:type") == Some("page"));
        if k == 0 {
            assert!(
                squeeze(&before.word_text()).starts_with(caption),
                "the caption over the table: {}",
                before.word_text()
            );
        } else {
            assert_eq!(squeeze(&before.word_text()), continued, "part {} under its continuation line", k + 1);
            assert!(breaks_page, "part {}: the continuation line starts a page", k + 1);
        }
        let rows: Vec<&Element> = blocks[at].elements().filter(|e| e.name == "w:tr").collect();
        assert_eq!(rows.len(), part.cells.len(), "part {}: the page's rows", k + 1);
        for (r, (row, (lines, baselines))) in rows.iter().zip(part.cells.iter().zip(&part.baselines)).enumerate() {
            let header = row.child("w:trPr").and_then(|p| p.child("w:tblHeader")).is_some();
            assert_eq!(header, r == 0, "part {}, row {r}: only the first row is the repeated header", k + 1);
            let cells: Vec<&Element> = row.elements().filter(|e| e.name == "w:tc").collect();
            assert_eq!(cells.len(), lines.len(), "part {}, row {r}", k + 1);
            // The row's first and last baselines, from its tallest cell.
            let tallest = baselines.iter().max_by_key(|b| b.len()).unwrap();
            for (c, (cell, (lines, baselines))) in cells.iter().zip(lines.iter().zip(baselines)).enumerate() {
                let at = format!("part {}, row {r}, column {c}", k + 1);
                assert_eq!(&word_cell_lines(cell), lines, "{at}: the PDF's lines");
                let align = cell.child("w:tcPr").and_then(|p| p.child("w:vAlign")).and_then(|v| v.attr("w:val"));
                let (Some(first), Some(last)) = (baselines.first(), baselines.last()) else { continue };
                let expected = if baselines.len() == tallest.len() || (first - tallest[0]).abs() < 0.5 {
                    None
                } else if (last - tallest[tallest.len() - 1]).abs() < 0.5 {
                    bottom += 1;
                    Some("bottom")
                } else {
                    middle += 1;
                    Some("center")
                };
                assert_eq!(
                    align.filter(|a| *a != "top"),
                    expected,
                    "{at}: {lines:?} in a row of {} lines",
                    tallest.len()
                );
            }
        }
    }
    (bottom, middle)
}

#[test]
fn indicator_tables_take_their_columns_and_show_changes_as_the_template_says() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("ind.toml");
    std::fs::write(
        &input,
        r#"[meta]
title = "指标"
issuer = "某局"
date = "2023-01-05"
period = "2022年"

[[indicators]]
id = "up"
name = "工业增加值"
value = 12.6
unit = "%"
kind = "growth_rate"
comparison = { basis = "同比", change = 1.2, unit = "个百分点" }

[[indicators]]
id = "down"
name = "进出口总额"
value = 356.42
unit = "亿元"
kind = "total"
comparison = { basis = "同比", change = -3.5, unit = "%" }

[[indicators]]
id = "unknown"
name = "新增企业"
unit = "家"
kind = "count"

[[body]]
paragraph = "工业增加值增长{up}，比上年提高{up.change}；进出口总额{down.value}{down.unit}，同比{down.change}。"

[[body]]
indicator_table = { caption = "主要指标", indicators = ["up", "down", "unknown"] }

[[body]]
indicator_table = { caption = "精简", indicators = ["up", "down"], columns = ["name", "value"] }
"#,
    )
    .unwrap();
    let pdf = export(&input, dir.path(), "pdf,txt", None);
    let txt = std::fs::read_to_string(dir.path().join("ind.txt")).unwrap();
    assert!(txt.contains("工业增加值增长12.6%，比上年提高1.2个百分点；进出口总额356.42亿元，同比-3.5%。"), "{txt}");
    assert!(txt.contains("表1　主要指标\n指标\t单位\t数值\t增减\n"), "{txt}");
    assert!(txt.contains("工业增加值\t%\t12.6\t+1.2个百分点\n"), "a change with its sign");
    assert!(txt.contains("新增企业\t家\t—\t—\n"), "missing figures as —");
    assert!(txt.contains("表2　精简\n指标\t数值\n工业增加值\t12.6\n"), "the block's own columns");
    assert!(squeeze(&pdf.text()).contains("进出口总额亿元356.42-3.5%"));

    let template = dir.path().join("arrows.toml");
    let gongwen = std::fs::read_to_string(common::root().join("templates/gongwen.toml")).unwrap();
    std::fs::write(&template, gongwen.replace("change_style = \"sign\"", "change_style = \"arrow\"")).unwrap();
    let pdf = export(&input, dir.path(), "pdf", Some(&template));
    let text = squeeze(&pdf.text());
    assert!(text.contains("↑1.2个百分点") && text.contains("↓3.5%"), "{text}");
}

#[test]
fn a_chart_is_vectors_in_the_pdf_and_a_word_chart_in_the_docx() {
    let dir = tempfile::tempdir().unwrap();
    let input = common::example("gaoxin-2022-filled.toml");
    let pdf = export(&input, dir.path(), "pdf,docx,txt", None);
    let (page, _) = (0..pdf.pages.len())
        .map(|p| (p, squeeze(&pdf.lines(p).iter().map(|l| l.text()).collect::<String>())))
        .find(|(_, text)| text.contains("图1主要指标增速（%）"))
        .expect("the chart's caption");
    let text: String = pdf.lines(page).iter().map(|l| l.text()).collect();
    for label in ["规上工业增加值", "进出口总额", "12.6%", "21.7%"] {
        assert!(text.contains(label), "{label} on the chart's page");
    }
    // Four filled bars, drawn as rectangles, upright (taller than wide).
    let page_id = pdf.doc.get_pages()[&(page as u32 + 1)];
    let content = pdf.doc.get_and_decode_page_content(page_id).unwrap();
    let bars: Vec<(f32, f32)> = content
        .operations
        .windows(2)
        .filter(|w| w[0].operator == "re" && w[1].operator == "f")
        .map(|w| (common::number(&w[0].operands[2]).abs(), common::number(&w[0].operands[3]).abs()))
        .collect();
    assert_eq!(bars.len(), 4);
    let upright = bars.iter().all(|(w, h)| h > w);

    // In the DOCX, a Word chart of the same bars: the names and the figures as the PDF prints
    // them (the text export lists them, name and figure a line), the figures as numbers in
    // its cache and in the workbook Word's Edit Data opens, and no picture.
    let docx = dir.path().join("gaoxin-2022-filled.docx");
    let txt = std::fs::read_to_string(dir.path().join("gaoxin-2022-filled.txt")).unwrap();
    let listed: Vec<(&str, &str)> = txt.lines().filter_map(|l| l.split_once('\t')).collect();
    let charts = common::word_charts(&docx);
    assert_eq!(charts.len(), 1, "one Word chart");
    let chart = &charts[0];
    assert_eq!(chart.bar_dir, if upright { "col" } else { "bar" }, "bars as the PDF sets them");
    assert_eq!(chart.names.len(), bars.len());
    for ((name, label), value) in chart.names.iter().zip(&chart.labels).zip(&chart.values) {
        assert!(text.contains(name.as_str()) && text.contains(label.as_str()), "{name} {label} in the PDF");
        assert!(listed.contains(&(name.as_str(), label.as_str())), "{name}\t{label} in the text export");
        let value = value.unwrap_or_else(|| panic!("{name}: a value"));
        assert_eq!(format!("{value}%"), *label, "{name}: the figure printed is the value");
    }
    assert_eq!(chart.names[0], "规上工业增加值");
    assert_eq!(chart.labels[3], "21.7%");
    for (row, (name, value)) in chart.names.iter().zip(&chart.values).enumerate() {
        assert_eq!(chart.workbook.get(&format!("A{}", row + 2)), Some(name), "the workbook's names");
        let cell = chart.workbook.get(&format!("B{}", row + 2)).map(|v| v.parse::<f64>().unwrap());
        assert_eq!(cell, *value, "the workbook's figures");
    }
    assert!(
        common::zip_names(&docx).iter().all(|n| !n.starts_with("word/media/")),
        "no picture: {:?}",
        common::zip_names(&docx)
    );
    let document = docx_xml(&docx, "word/document.xml");
    let paragraphs = document.find("w:p");
    let chart_at = paragraphs.iter().position(|p| p.first("c:chart").is_some()).expect("the chart's paragraph");
    assert_eq!(paragraphs[chart_at + 1].word_text(), "图1　主要指标增速（%）", "the caption under the chart");
    // The caption stands under the chart, and is read after its bars.
    assert!(txt.contains("\n规上工业增加值\t12.6%\n"), "{txt}");
    assert!(txt.contains("进出口总额\t21.7%\n图1　主要指标增速（%）\n"), "{txt}");
}

const MERGED: &str = r#"[meta]
title = "分区"
issuer = "某局"
date = "2023-01-05"
period = "2022年"

[[body]]
[body.table]
caption = "分区情况"
header = ["区域", "园区", "增加值", "备注"]
rows = [
  [{ text = "东区", rowspan = 2 }, "甲园", "12.5", "—"],
  ["乙园", "3.25", ""],
  [{ text = "合计", colspan = 2 }, "15.75", { text = "含快报数", align = "right" }],
]
"#;

#[test]
fn cells_span_rows_and_columns_in_the_pdf_and_the_docx() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("merged.toml");
    std::fs::write(&input, MERGED).unwrap();
    let pdf = export(&input, dir.path(), "pdf,docx,txt", None);
    let lines = pdf.lines(0);
    let y = |text: &str| lines.iter().find(|l| l.text().contains(text)).unwrap_or_else(|| panic!("{text}")).glyphs[0].y;
    let x = |text: &str| {
        let line = lines.iter().find(|l| l.text().contains(text)).unwrap();
        let index = line.text()[..line.text().find(text).unwrap()].chars().count();
        line.glyphs[index].x
    };
    // 东区 spans the rows of 甲园 and 乙园: it stands between them, once.
    assert!(y("东区") > y("甲园") && y("东区") < y("乙园"), "东区 centred over its two rows");
    assert_eq!(squeeze(&pdf.text()).matches("东区").count(), 1);
    // 合计 spans the first two columns: it starts in the first, left of where 甲园 stands.
    assert!(x("合计") < x("甲园") && (x("合计") - x("东区")).abs() < 1.0, "合计 starts in the first column");
    // The figures still line up on their points, 15.75 with 12.5 and 3.25.
    let point = |text: &str| {
        let line = lines.iter().find(|l| l.text().contains(text)).unwrap();
        line.glyphs.iter().find(|g| g.text == ".").unwrap().x
    };
    assert!((point("12.5") - point("3.25")).abs() < 0.5 && (point("15.75") - point("3.25")).abs() < 0.5);

    let document = docx_part(&dir.path().join("merged.docx"), "word/document.xml");
    assert!(document.contains(r#"<w:gridSpan w:val="2" />"#), "合计 spans two grid columns");
    assert!(
        document.contains(r#"<w:vMerge w:val="restart" />"#) && document.contains(r#"<w:vMerge w:val="continue" />"#)
    );
    let txt = std::fs::read_to_string(dir.path().join("merged.txt")).unwrap();
    assert!(txt.contains("东区\t甲园\t12.5\t—\n\t乙园\t3.25\t\n合计\t\t15.75\t含快报数\n"), "{txt}");
}

#[test]
fn rows_that_do_not_fill_the_header_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    for (name, from, to, expected) in [
        ("short.toml", r#"["乙园", "3.25", ""]"#, r#"["乙园", "3.25"]"#, "the row fills 3 of the header's 4 columns"),
        ("wide.toml", r#"["乙园", "3.25", ""]"#, r#"["乙园", "3.25", "", "x"]"#, "more than the header's 4 columns"),
        (
            "deep.toml",
            r#"{ text = "东区", rowspan = 2 }"#,
            r#"{ text = "东区", rowspan = 4 }"#,
            "past the table's last row",
        ),
    ] {
        let input = dir.path().join(name);
        std::fs::write(&input, MERGED.replace(from, to)).unwrap();
        let out = baogao(&["export", input.to_str().unwrap(), "-o", dir.path().to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains(expected) && stderr.contains(&format!("{name}:")), "{stderr}");
    }
}

#[test]
fn a_row_taller_than_a_page_is_split_in_slices_of_whole_lines() {
    let dir = tempfile::tempdir().unwrap();
    let note: String = "项目建设进展顺利，".repeat(300);
    let report = format!(
        "[meta]\ntitle = \"长单元格\"\nissuer = \"某局\"\ndate = \"2023-01-05\"\nperiod = \"2022年\"\n\n[[body]]\n[body.table]\nheader = [\"项目\", \"说明\"]\nrows = [[\"甲\", \"{note}\"], [\"乙\", \"短\"]]\n"
    );
    let input = dir.path().join("tall.toml");
    std::fs::write(&input, report).unwrap();
    // Cells at their own size: gongwen without its crowded-table rule (max_lines).
    let gongwen = std::fs::read_to_string(common::root().join("templates/gongwen.toml")).unwrap();
    assert!(gongwen.contains("\nmax_lines = "));
    let roomy: String = gongwen.lines().filter(|l| !l.starts_with("max_lines")).map(|l| format!("{l}\n")).collect();
    let template = dir.path().join("roomy.toml");
    std::fs::write(&template, roomy).unwrap();
    let pdf = export(&input, dir.path(), "pdf", Some(&template));
    assert!(pdf.pages.len() >= 3, "{} pages", pdf.pages.len());
    let bottom = (37.0 + 225.0) * 72.0 / 25.4;
    for page in &pdf.pages {
        for glyph in page.iter().filter(|g| g.size == 14.0 && g.font.contains("FandolFang")) {
            assert!(glyph.y < bottom, "table text below the block: {} at {}", glyph.text, glyph.y);
        }
    }
    // Every line of the cell, in order; the header row on every page.
    let cells: String = pdf
        .pages
        .iter()
        .flatten()
        .filter(|g| g.size == 14.0 && g.font.contains("FandolFang"))
        .map(|g| g.text.as_str())
        .collect();
    assert_eq!(squeeze(&cells), format!("甲{}乙短", squeeze(&note)));
    let headers: String =
        pdf.pages.iter().flatten().filter(|g| g.font.contains("NotoSans")).map(|g| g.text.as_str()).collect();
    assert_eq!(headers.matches("说明").count(), pdf.pages.len());
}

/// Marks that must not start a line, and that must not end one (GB/T 15834, W3C clreq).
const NO_START: &str = "，。、；：？！）》」』】〕〗〉’”%％…·.,;:?!)]}";
const NO_END: &str = "（《「『【〔〖〈‘“([{";
/// The bottom of gongwen's text block: 37 mm margin and a 225 mm block, pt from the top.
const GONGWEN_BOTTOM: f32 = (37.0 + 225.0) * 72.0 / 25.4;
/// The right edge of gongwen's text block: 28 mm margin and a 156 mm block, pt.
const GONGWEN_RIGHT: f32 = (28.0 + 156.0) * 72.0 / 25.4;

/// The straight lines a page draws (table rules), each from and to, pt from the page's
/// top-left.
fn segments(pdf: &Pdf, page: usize) -> Vec<((f32, f32), (f32, f32))> {
    let id = pdf.doc.get_pages()[&(page as u32 + 1)];
    let content = pdf.doc.get_and_decode_page_content(id).unwrap();
    let mut out = Vec::new();
    let mut at = None;
    for op in &content.operations {
        let point = || (common::number(&op.operands[0]), pdf.height - common::number(&op.operands[1]));
        match op.operator.as_str() {
            "m" => at = Some(point()),
            "l" => {
                if let Some(from) = at {
                    out.push((from, point()));
                }
                at = Some(point());
            }
            _ => {}
        }
    }
    out
}

/// Distinct values, sorted, those within 0.2 pt of each other taken as one.
fn distinct(mut values: Vec<f32>) -> Vec<f32> {
    values.sort_by(f32::total_cmp);
    values.dedup_by(|a, b| (*a - *b).abs() < 0.2);
    values
}

/// A table as a page shows it: the y of its horizontal rules, and the lines of text of each
/// cell between its rules, by row and column (empty on a page without rules).
struct PageTable {
    rows: Vec<f32>,
    /// `cells[r][c]`: the cell's lines, top to bottom.
    cells: Vec<Vec<Vec<String>>>,
    /// `baselines[r][c]`: the baselines of those lines, pt from the page's top.
    baselines: Vec<Vec<Vec<f32>>>,
}

fn page_table(pdf: &Pdf, page: usize) -> PageTable {
    let segments = segments(pdf, page);
    let vertical: Vec<_> = segments.iter().filter(|(a, b)| (a.0 - b.0).abs() < 0.01).collect();
    let columns = distinct(vertical.iter().map(|(a, _)| a.0).collect());
    // Horizontal rules within the vertical ones' reach: a running header's rule is none.
    let top = vertical.iter().map(|(a, b)| a.1.min(b.1)).fold(f32::MAX, f32::min);
    let bottom = vertical.iter().map(|(a, b)| a.1.max(b.1)).fold(f32::MIN, f32::max);
    let rows = distinct(
        segments
            .iter()
            .filter(|(a, b)| (a.1 - b.1).abs() < 0.01 && a.1 > top - 0.5 && a.1 < bottom + 0.5)
            .map(|(a, _)| a.1)
            .collect(),
    );
    let mut cells =
        vec![vec![Vec::<(f32, String)>::new(); columns.len().saturating_sub(1)]; rows.len().saturating_sub(1)];
    let mut glyphs: Vec<&common::Glyph> = pdf.pages[page].iter().filter(|g| !g.text.trim().is_empty()).collect();
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    for g in glyphs {
        let r = rows.windows(2).position(|w| g.y > w[0] && g.y < w[1]);
        let c = columns.windows(2).position(|w| g.x >= w[0] - 0.5 && g.x < w[1]);
        if let (Some(r), Some(c)) = (r, c) {
            let lines = &mut cells[r][c];
            match lines.last_mut() {
                Some((y, text)) if (*y - g.y).abs() < 0.5 => text.push_str(&g.text),
                _ => lines.push((g.y, g.text.clone())),
            }
        }
    }
    let baselines = cells.iter().map(|row| row.iter().map(|c| c.iter().map(|(y, _)| *y).collect()).collect()).collect();
    let cells = cells
        .into_iter()
        .map(|row| row.into_iter().map(|c| c.into_iter().map(|(_, t)| t).collect()).collect())
        .collect();
    PageTable { rows, cells, baselines }
}

/// The crafted table of a statistics bureau: 序号, 指标名称, 单位 (万人次, 亿美元), 数值,
/// 增速, 位次 (全市第一), 备注 of 40 to 60 characters.
fn crafted(rows: usize) -> String {
    let names = [
        "规模以上工业增加值",
        "接待游客人数",
        "实际利用外资",
        "社会消费品零售总额",
        "高新技术产业增加值",
        "进出口总额",
        "一般公共预算收入",
        "固定资产投资",
    ];
    let units = ["亿元", "万人次", "亿美元", "亿元", "亿元", "亿美元", "亿元", "亿元"];
    let values = ["1234.56", "1022.2", "**.*", "-60.0", "356.42", "7", "86.25", "45.0"];
    let changes = ["12.6%", "-3.0%", "**.*", "0.5%", "21.75%", "-12.4%", "8.1%", "105.0%"];
    let ranks = ["全市第一", "第3", "", "全省第十二", "第1"];
    let notes = [
        "1至11月上报新签约亿元以上项目42个，其中10亿元以上项目6个，总投资356.42亿元，均已开工建设。",
        "受上年同期基数较高影响，增速较前三季度回落2.1个百分点，但仍高于全市平均水平。",
        "含新设立园区，数据为快报数，以统计部门年报为准（不含跨区域合作项目），下同。",
        "新增国家级专精特新“小巨人”企业3家、省级专精特新中小企业16家，均创历史新高。",
    ];
    let mut out = String::from(
        "[meta]\ntitle = \"主要指标\"\nissuer = \"某局\"\ndate = \"2023-01-05\"\n\n[[body]]\n[body.table]\ncaption = \"主要统计指标完成情况\"\nheader = [\"序号\", \"指标名称\", \"单位\", \"数值\", \"增速\", \"位次\", \"备注\"]\nrows = [\n",
    );
    for r in 0..rows {
        let k = r % names.len();
        out.push_str(&format!(
            "  [\"{}\", \"{}\", \"{}\", \"{}\", \"{}\", \"{}\", \"{}\"],\n",
            r + 1,
            names[k],
            units[k],
            values[k],
            changes[k],
            ranks[r % ranks.len()],
            notes[r % notes.len()].replace('"', "\\\"")
        ));
    }
    out.push_str("]\n");
    out
}

#[test]
fn cells_keep_units_figures_short_headers_and_words_whole() {
    // Where each name may part: between its words (counted in characters from its start).
    let words: &[(&str, &[usize])] = &[
        ("规模以上工业增加值", &[2, 4, 6]),
        ("接待游客人数", &[2, 4]),
        ("实际利用外资", &[2, 4]),
        ("社会消费品零售总额", &[2, 5, 7]),
        ("高新技术产业增加值", &[2, 4, 6]),
        ("进出口总额", &[3]),
        ("一般公共预算收入", &[2, 4, 6]),
        ("固定资产投资", &[2, 4]),
    ];
    let whole = ["序号", "指标名称", "单位", "数值", "增速", "位次", "备注", "万人次", "亿美元", "全市第一"];
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("crafted.toml");
    std::fs::write(&input, crafted(16)).unwrap();
    for template in ["gongwen", "briefing"] {
        let pdf = export(&input, dir.path(), "pdf", Some(Path::new(template)));
        let mut cells_seen = 0;
        for p in 0..pdf.pages.len() {
            for (r, row) in page_table(&pdf, p).cells.iter().enumerate() {
                for (c, lines) in row.iter().enumerate() {
                    if lines.is_empty() {
                        continue;
                    }
                    cells_seen += 1;
                    let text: String = lines.concat();
                    let at = format!("{template}, page {}, row {r}, column {c}: {lines:?}", p + 1);
                    // Units, ranks, short headers and figures on one line.
                    let figure = text.chars().all(|ch| ch.is_ascii_digit() || "*.+-%".contains(ch));
                    if whole.contains(&text.as_str()) || figure {
                        assert_eq!(lines.len(), 1, "{at}");
                    }
                    if let Some((_, splits)) = words.iter().find(|(name, _)| *name == text) {
                        let mut end = 0;
                        for line in &lines[..lines.len() - 1] {
                            end += line.chars().count();
                            assert!(splits.contains(&end), "{at}: parted inside a word");
                        }
                    }
                    for line in lines {
                        let (first, last) = (line.chars().next().unwrap(), line.chars().last().unwrap());
                        assert!(!NO_START.contains(first) && !NO_END.contains(last), "{at}: kinsoku");
                        assert!(lines.len() == 1 || line.chars().count() > 1, "{at}: a character alone");
                    }
                }
            }
        }
        assert!(cells_seen >= 16 * 6, "{template}: {cells_seen} cells read");
    }
}

#[test]
fn a_split_table_marks_its_continuations_and_fills_its_pages() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("long.toml");
    // A caption of two lines: the header, not the caption's second line, repeats.
    let long_caption = "各园区规模以上工业增加值、固定资产投资、社会消费品零售总额及进出口总额等主要指标完成情况";
    std::fs::write(
        &input,
        table_report::report(120).replace("caption = \"各园区主要指标\"", &format!("caption = \"{long_caption}\"")),
    )
    .unwrap();
    let pdf = export(&input, dir.path(), "pdf", None);
    let pages: Vec<(usize, PageTable)> =
        (0..pdf.pages.len()).map(|p| (p, page_table(&pdf, p))).filter(|(_, t)| t.rows.len() > 1).collect();
    assert!(pages.len() >= 4, "{} pages with the table", pages.len());
    let header = "序号园区增加值（亿元）备注";
    for (k, (p, table)) in pages.iter().enumerate() {
        let lines = pdf.lines(*p);
        let top = table.rows[0];
        let above: Vec<String> = lines.iter().filter(|l| l.y < top).map(|l| squeeze(&l.text())).collect();
        let text = squeeze(&lines.iter().map(|l| l.text()).collect::<String>());
        if k == 0 {
            assert!(text.contains("各园区规模以上工业增加值"), "the caption on the table's first page");
            continue;
        }
        // 续表1 right-aligned just above the repeated header; no caption.
        let continued = lines.iter().rfind(|l| l.y < top).expect("a line above the table");
        assert_eq!(squeeze(&continued.text()), "续表1", "page {}: {above:?}", p + 1);
        assert!((continued.x1() - GONGWEN_RIGHT).abs() < 1.0, "续表1 ends at {} on page {}", continued.x1(), p + 1);
        assert!(!text.contains("各园区规模以上") && !text.contains("完成情况"), "page {}: the caption again", p + 1);
        assert_eq!(squeeze(&table.cells[0].concat().concat()), header, "page {}: the header first", p + 1);
    }
    // Each page the table leaves fills down to where its next row would not fit (the last
    // rule within that row's height of the block's bottom), unless the row left the last
    // two rows together on the next page.
    for pair in pages.windows(2) {
        let ((p, table), (_, next)) = (&pair[0], &pair[1]);
        let gap = GONGWEN_BOTTOM - table.rows[table.rows.len() - 1];
        // The next page's rules: the header's top and bottom, then the first body row's.
        let next_row = next.rows[2] - next.rows[1];
        let body_rows = next.rows.len() - 2;
        let last_pair = pages.last().is_some_and(|(q, _)| q == &pair[1].0) && body_rows == 2;
        assert!(gap < next_row || last_pair, "page {}: {gap} pt left under the table, a row takes {next_row}", p + 1);
    }
}

#[test]
fn a_table_starts_where_its_caption_header_and_two_rows_fit() {
    let dir = tempfile::tempdir().unwrap();
    let (mut started, mut moved) = (0, 0);
    // A paragraph of `count` full lines (26 characters after the indent, then 28 a line)
    // pushes the table down a line at a time, past the foot of page 1.
    for count in 12..=21 {
        let text = "经济运行总体平稳".repeat(80).chars().take(26 + 28 * (count - 1)).collect::<String>();
        // The report's own paragraph gives way to this one.
        let report: String = table_report::report(30)
            .lines()
            .map(|line| {
                if line.starts_with("paragraph = ") {
                    format!("paragraph = \"{text}\"\n")
                } else {
                    format!("{line}\n")
                }
            })
            .collect();
        let input = dir.path().join(format!("start{count}.toml"));
        std::fs::write(&input, report).unwrap();
        let pdf = export(&input, dir.path(), "pdf", None);
        // The page the caption stands on, and what the table's start needs there: the
        // caption's line, and the header and two rows as a later page shows them.
        let caption_page = (0..pdf.pages.len())
            .find(|&p| pdf.lines(p).iter().any(|l| squeeze(&l.text()).starts_with("表1")))
            .expect("the caption");
        let table = page_table(&pdf, caption_page);
        // The header's rules and those under two rows.
        assert!(table.rows.len() >= 4, "{count} lines: the caption with the header and two rows");
        let lines = pdf.lines(caption_page);
        let caption_first = lines.iter().position(|l| squeeze(&l.text()).starts_with("表1")) == Some(0);
        if !caption_first || caption_page == 0 {
            started += 1;
        } else {
            moved += 1;
            // Moved: the page before had no room for the caption, the header and two rows.
            let before = pdf.lines(caption_page - 1);
            let last_text = before.iter().rfind(|l| !common::is_page_number(&l.text())).unwrap();
            // The text's line box: its baseline plus the part of the 29 pt line below it.
            let free = GONGWEN_BOTTOM - (last_text.y + (29.0 - 16.0) / 2.0 + 0.12 * 16.0);
            let row = |k: usize| table.rows[k + 1] - table.rows[k];
            let needs = 29.0 + row(0) + row(1) + row(2);
            assert!(free < needs, "{count} lines: {free} pt were free, the table needs {needs}");
        }
    }
    assert!(started > 0 && moved > 0, "{started} tables started under the text, {moved} moved");
}

#[test]
fn figures_with_units_line_up_on_their_points() {
    let dir = tempfile::tempdir().unwrap();
    let figures = ["36户", "12.6%", "-3.0", "**.*", "1,200", "356.42亿元", "7", "+1.2个百分点"];
    let rows: String = figures.iter().enumerate().map(|(i, f)| format!("  [\"指标{i}\", \"{f}\"],\n")).collect();
    let report = format!(
        "[meta]\ntitle = \"小数点\"\nissuer = \"某局\"\ndate = \"2023-01-05\"\n\n[[body]]\n[body.table]\nheader = [\"指标\", \"数值\"]\nrows = [\n{rows}]\n"
    );
    let input = dir.path().join("points.toml");
    std::fs::write(&input, report).unwrap();
    for template in ["gongwen", "briefing"] {
        let pdf = export(&input, dir.path(), "pdf", Some(Path::new(template)));
        let mut anchors = Vec::new();
        for line in pdf.lines(0).iter().filter(|l| l.text().starts_with("指标") && l.text() != "指标数值") {
            // The figure: the glyphs after the name's digit.
            let figure = &line.glyphs[3..];
            let anchor = match figure.iter().find(|g| g.text == ".") {
                Some(point) => point.x,
                None => figure.iter().rfind(|g| g.text.chars().all(|c| c.is_ascii_digit() || c == '*')).unwrap().x1,
            };
            anchors.push((anchor, line.text()));
        }
        assert_eq!(anchors.len(), figures.len(), "{template}");
        for (anchor, text) in &anchors {
            assert!(
                (anchor - anchors[0].0).abs() < 0.5,
                "{template}: {text} has its point {} pt off",
                anchor - anchors[0].0
            );
        }
    }
}

#[test]
fn cells_shrink_to_the_floor_before_words_break_and_say_so() {
    let dir = tempfile::tempdir().unwrap();
    // Eight columns of four-character headers and figures: 8 × (56 + 9.5) pt at 四号 is more
    // than gongwen's 442 pt, 8 × (36 + 9.5) at 小五 is less.
    let header: Vec<String> =
        (0..8).map(|c| format!("\"指标{}{}\"", "甲乙丙丁戊己庚辛壬癸".chars().nth(c).unwrap(), "值")).collect();
    let row: Vec<String> = (0..8).map(|c| format!("\"{}.5\"", 1000 + c * 7)).collect();
    let report = format!(
        "[meta]\ntitle = \"宽表\"\nissuer = \"某局\"\ndate = \"2023-01-05\"\n\n[[body]]\n[body.table]\ncaption = \"宽表\"\nheader = [{}]\nrows = [[{}], [{}]]\n",
        header.join(", "),
        row.join(", "),
        row.join(", ")
    );
    let input = dir.path().join("wide.toml");
    std::fs::write(&input, report).unwrap();
    let out = baogao(&["export", input.to_str().unwrap(), "-o", dir.path().to_str().unwrap(), "-f", "pdf,docx"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("its cells are set at"), "{stderr}");
    let pdf = Pdf::open(&dir.path().join("wide.pdf"));
    let cells: Vec<&common::Glyph> =
        pdf.pages[0].iter().filter(|g| g.size < 16.0 && (g.text == "指" || g.text == "5")).collect();
    let size = cells[0].size;
    let sizes: Vec<f32> = cells.iter().map(|g| g.size).collect();
    assert!((9.0..14.0).contains(&size) && sizes.iter().all(|&s| s == size), "cells at {sizes:?} pt");
    // Every header on one line, every figure too: the table's lines hold whole cells.
    let table = page_table(&pdf, 0);
    for row in &table.cells {
        for lines in row {
            assert_eq!(lines.len(), 1, "{lines:?}");
        }
    }
    // The DOCX sets the table at the same size.
    let document = docx_part(&dir.path().join("wide.docx"), "word/document.xml");
    let half_points = format!("<w:sz w:val=\"{}\" />", (size * 2.0).round() as u32);
    assert!(document.contains(&half_points), "{half_points} in the DOCX");
}

/// Layout time of a 14 × 400 statistical table (`cargo test --release --test tables -- --ignored
/// --nocapture`); before this search 13 s on a 7 × 400 table.
#[test]
#[ignore]
fn time_a_wide_long_table() {
    for (columns, template) in [(7, "gongwen"), (14, "gongwen"), (7, "briefing"), (14, "briefing")] {
        let seconds = table_report::time_layout(400, columns, template).unwrap();
        eprintln!("400 × {columns} on {template}: {seconds:.3} s");
    }
}

#[test]
fn a_crowded_table_is_set_smaller_until_no_row_takes_more_than_three_lines() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("crowded.toml");
    std::fs::write(&input, crafted(12)).unwrap();
    let pdf = export(&input, dir.path(), "pdf,docx", None);
    // The DOCX's cells break where the PDF's do; a figure of one line in a row of three
    // stands in its middle there too.
    let (_, middle) = docx_tables_are_the_pdfs(&pdf, &dir.path().join("crowded.docx"), "表1", "续表1");
    assert!(middle > 0, "no cell stood in its row's middle");
    // The cells: FandolFang below the body size, smaller than gongwen's 四号 (14 pt) and not
    // below its floor, 小五 (9 pt).
    let sizes: Vec<f32> =
        pdf.pages.iter().flatten().filter(|g| g.font.contains("FandolFang") && g.size < 15.0).map(|g| g.size).collect();
    let size = sizes[0];
    assert!(sizes.iter().all(|&s| (s - size).abs() < 0.01), "one size for the table");
    assert!((9.0..14.0).contains(&size), "cells at {size} pt");
    // No body row takes more than three lines, on any page.
    let mut rows = 0;
    for p in 0..pdf.pages.len() {
        let table = page_table(&pdf, p);
        for row in table.cells.iter().skip(1) {
            let lines = row.iter().map(|cell| cell.len()).max().unwrap_or(0);
            assert!(lines <= 3, "a row of {lines} lines on page {}: {row:?}", p + 1);
            rows += usize::from(lines > 0);
        }
    }
    assert!(rows >= 12, "{rows} rows read");
    // At 四号 the same notes took four lines and more: the rule is what changed the size.
    let gongwen = std::fs::read_to_string(common::root().join("templates/gongwen.toml")).unwrap();
    let roomy: String = gongwen.lines().filter(|l| !l.starts_with("max_lines")).map(|l| format!("{l}\n")).collect();
    let template = dir.path().join("roomy.toml");
    std::fs::write(&template, roomy).unwrap();
    let pdf = export(&input, dir.path(), "pdf", Some(&template));
    let tallest = (0..pdf.pages.len())
        .flat_map(|p| page_table(&pdf, p).cells.into_iter().skip(1))
        .map(|row| row.iter().map(|cell| cell.len()).max().unwrap_or(0))
        .max()
        .unwrap();
    assert!(tallest > 3, "at 14 pt the tallest row takes {tallest} lines");
}

#[test]
fn a_cell_spanning_rows_over_several_pages_shows_its_text_on_each_and_nothing_leaves_the_block() {
    let dir = tempfile::tempdir().unwrap();
    let note = "总建筑面积390212平方米，建设年产41万台（套）生产线11条，购置生产及检测设备";
    let mut rows = String::new();
    for r in 0..40 {
        let category = if r == 0 { r#"{ text = "产业项目", rowspan = 40 }"#.to_owned() } else { String::new() };
        let cells = [
            format!("\"{}\"", r + 1),
            category,
            format!("\"项目{}\"", r + 1),
            format!("\"{note}\""),
            "\"50.19\"".into(),
        ];
        let cells: Vec<&str> = cells.iter().map(String::as_str).filter(|c| !c.is_empty()).collect();
        rows.push_str(&format!("  [{}],\n", cells.join(", ")));
    }
    let report = format!(
        "[meta]\ntitle = \"重点项目\"\nissuer = \"某局\"\ndate = \"2023-01-05\"\n\n[[body]]\nparagraph = \"各重点项目进展情况见下表。\"\n\n[[body]]\n[body.table]\ncaption = \"重点项目建设进展情况\"\nheader = [\"序号\", \"类别\", \"项目名称\", \"建设内容\", \"总投资\"]\nrows = [\n{rows}]\n"
    );
    let input = dir.path().join("span.toml");
    std::fs::write(&input, report).unwrap();
    let pdf = export(&input, dir.path(), "pdf", None);
    assert!(pdf.pages.len() >= 3, "{} pages", pdf.pages.len());
    // The table starts under the paragraph on page 1: the span does not push it to page 2.
    assert!(page_text(&pdf, 0).contains("表1"), "the caption on page 1");
    for p in 0..pdf.pages.len() {
        let text = page_text(&pdf, p);
        assert!(text.contains("产业项目"), "page {} shows the spanning cell's text", p + 1);
        for line in pdf.lines(p).iter().filter(|l| !common::is_page_number(&l.text())) {
            assert!(line.y < GONGWEN_BOTTOM + 1.0, "{} at {} on page {}", line.text(), line.y, p + 1);
        }
        for (a, b) in segments(&pdf, p) {
            assert!(a.1.max(b.1) <= GONGWEN_BOTTOM + 1.0, "a rule down to {} on page {}", a.1.max(b.1), p + 1);
        }
    }
}

/// A page's text in drawing order, whitespace removed.
fn page_text(pdf: &Pdf, page: usize) -> String {
    pdf.pages[page].iter().map(|g| g.text.as_str()).filter(|t| !t.trim().is_empty()).collect()
}

/// On briefing, a free layout, a table's rules take room in its rows as Word and LibreOffice
/// give a border room: one-line rows stand their padding, their line and their rule apart,
/// the DOCX's borders are the PDF's rules, and under each table the DOCX leaves the space a
/// paragraph leaves, as the PDF does, instead of the PDF snapping to a line grid the word
/// processors do not have.
#[test]
fn a_free_layouts_table_rows_make_room_for_their_rules() {
    let dir = tempfile::tempdir().unwrap();
    let input = common::example("gaoxin-2022-filled.toml");
    let pdf = export(&input, dir.path(), "pdf,docx", Some(Path::new("briefing")));

    // templates/briefing.toml: 五号 cells (10.5 pt) at 1.35 ems, 1.2 mm above and below, 0.5 pt
    // rules.
    let rule = 0.5;
    let one_line_row = 10.5 * 1.35 + 2.0 * 1.2 * 72.0 / 25.4 + rule;
    let pitches: Vec<f32> = (0..pdf.pages.len())
        .flat_map(|page| {
            let ys = distinct(
                segments(&pdf, page).into_iter().filter(|(a, b)| (a.1 - b.1).abs() < 0.01).map(|(a, _)| a.1).collect(),
            );
            ys.windows(2).map(|w| w[1] - w[0]).collect::<Vec<_>>()
        })
        .collect();
    assert!(
        pitches.iter().any(|p| (p - one_line_row).abs() < 0.05),
        "no one-line row {one_line_row:.2} pt tall: {pitches:?}"
    );
    assert!(!pitches.iter().any(|p| (p - (one_line_row - rule)).abs() < 0.05), "rows without their rules: {pitches:?}");

    let document = Element::parse(&docx_part(&dir.path().join("gaoxin-2022-filled.docx"), "word/document.xml"));
    let tables = document.find("w:tbl");
    let bordered: Vec<&&Element> =
        tables.iter().filter(|t| t.first("w:tblBorders").is_some_and(|b| b.elements().count() > 0)).collect();
    assert!(!bordered.is_empty());
    for table in &bordered {
        for border in table.first("w:tblBorders").unwrap().elements() {
            assert_eq!(border.attr("w:sz"), Some("4"), "eighths of a point: {border:?}");
        }
    }
    // The space under each table: an empty paragraph of 0.3 lines of 21 pt, in twips.
    let body = document.first("w:body").unwrap();
    let blocks: Vec<&Element> = body.elements().collect();
    for (i, block) in blocks.iter().enumerate() {
        if block.name != "w:tbl" || !bordered.iter().any(|t| std::ptr::eq(**t, *block)) {
            continue;
        }
        let next = blocks.get(i + 1).expect("a paragraph after a table");
        let spacing = next.first("w:spacing").expect("an exact line");
        assert_eq!(spacing.attr("w:line"), Some("126"), "{next:?}");
        assert_eq!(spacing.attr("w:lineRule"), Some("exact"));
        assert!(next.find("w:t").is_empty(), "an empty paragraph: {next:?}");
    }

    // The section's nominal line grid divides the body's height into whole lines, as
    // LibreOffice centres whatever is left over: 297 mm less 30 and 28 mm margins.
    let section = document.first("w:sectPr").unwrap();
    let twips = |e: &str, a: &str| section.first(e).and_then(|e| e.attr(a)).unwrap().parse::<i64>().unwrap();
    let height = twips("w:pgSz", "w:h") - twips("w:pgMar", "w:top") - twips("w:pgMar", "w:bottom");
    let pitch = twips("w:docGrid", "w:linePitch");
    assert_eq!(height % pitch, 0, "{height} twips of body in lines of {pitch}");
    assert!((pitch - 420).abs() <= 210, "near the template's 21 pt: {pitch}");
}
