//! Tables read back from the PDF and the DOCX: a 120-row table over several pages, figures
//! on the decimal point, indicator tables and their columns.

mod common;
#[path = "../examples/table_report.rs"]
mod table_report;

use std::io::Read;
use std::path::Path;

use common::{baogao, docx_part, squeeze, Pdf};

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
        // The header row stands above the first row of the table on every page it touches.
        let first_row = rows[0].y;
        let header_line = lines.iter().rfind(|l| l.y < first_row).expect("a line above the rows");
        assert_eq!(squeeze(&header_line.text()), header, "page {}", p + 1);
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

    let document = docx_part(&dir.path().join("t120.docx"), "word/document.xml");
    assert_eq!(document.matches("<w:tblHeader />").count(), 1, "the header row repeats in Word");
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
fn a_chart_is_vectors_in_the_pdf_and_the_same_drawing_as_a_picture_in_the_docx() {
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
    // Four filled bars, drawn as rectangles.
    let page_id = pdf.doc.get_pages()[&(page as u32 + 1)];
    let content = pdf.doc.get_and_decode_page_content(page_id).unwrap();
    let bars = content.operations.windows(2).filter(|w| w[0].operator == "re" && w[1].operator == "f").count();
    assert_eq!(bars, 4);

    let docx = dir.path().join("gaoxin-2022-filled.docx");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
    let mut png = Vec::new();
    zip.by_name("word/media/rIdImage1.png").unwrap().read_to_end(&mut png).unwrap();
    assert_eq!(&png[1..4], b"PNG");
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    assert_eq!(width, (156.0 / 25.4 * 200.0_f32).ceil() as u32, "the text block's width at 200 dpi");
    let document = docx_part(&docx, "word/document.xml");
    assert!(document.contains("<w:drawing>") && document.contains("图1　主要指标增速（%）"));
    let txt = std::fs::read_to_string(dir.path().join("gaoxin-2022-filled.txt")).unwrap();
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
    let pdf = export(&input, dir.path(), "pdf", None);
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
