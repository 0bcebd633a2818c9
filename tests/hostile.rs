//! Hostile input (issue 16): each fault the red-team pass found, as a test. Every one must
//! end in a clear error for that report (exit 1, or 2 for a template or command line), never
//! a crash, an unbounded allocation or a corrupt file.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::baogao;

const HEAD: &str = "version = 1\n[meta]\ntitle = \"报告\"\nissuer = \"某局\"\ndate = \"2022-12-20\"\n";

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn run(args: &[&str]) -> (Option<i32>, String) {
    let out: Output = baogao(args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out.status.code(), stderr)
}

/// Exports `text` written as `name`; returns the exit code and stderr.
fn export_text(name: &str, text: &str) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), name, text);
    let out = dir.path().join("out");
    let result = run(&["export", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "-f", "pdf,docx"]);
    assert!(!out.exists() || std::fs::read_dir(&out).unwrap().next().is_none(), "nothing written");
    result
}

#[test]
fn figures_that_cannot_be_printed_are_refused_in_every_format() {
    let toml = |value: &str| {
        format!("{HEAD}[[indicators]]\nid = \"a\"\nname = \"甲\"\nvalue = {value}\nkind = \"total\"\n[[body]]\nparagraph = \"正文。\"\n")
    };
    for value in ["nan", "inf", "-inf", "1e39"] {
        let (code, stderr) = export_text("r.toml", &toml(value));
        assert_eq!(code, Some(1), "{value}: {stderr}");
        assert!(stderr.contains("r.toml:9") && stderr.contains("not a figure"), "{value}: {stderr}");
    }
    let yaml = |value: &str| {
        format!("version: 1\nmeta: {{title: 报告, issuer: 某局, date: '2022-12-20'}}\nindicators:\n  - {{id: a, name: 甲, value: {value}, kind: total}}\nbody:\n  - paragraph: 正文。\n")
    };
    for value in [".nan", ".inf", "1.0e39"] {
        let (code, stderr) = export_text("r.yaml", &yaml(value));
        assert_eq!(code, Some(1), "{value}: {stderr}");
        assert!(stderr.contains("r.yaml:4") && stderr.contains("not a figure"), "{value}: {stderr}");
    }
    // Valid JSON, but past an f32 (the chart's coordinates) or past exact integers.
    for value in ["1e39", "9007199254740993"] {
        let json = format!("{{\"version\": 1, \"meta\": {{\"title\": \"报告\"}},\n\"indicators\": [{{\"id\": \"a\", \"name\": \"甲\", \"value\": {value}, \"kind\": \"total\"}}],\n\"body\": [{{\"chart\": {{\"indicators\": [\"a\"]}}}}]}}");
        let (code, stderr) = export_text("r.json", &json);
        assert_eq!(code, Some(1), "{value}: {stderr}");
        assert!(stderr.contains("r.json:2") && stderr.contains("not a figure"), "{value}: {stderr}");
    }
}

#[test]
fn dates_are_calendar_dates_written_with_digits() {
    for date in ["+202-+1-+1", "0000-01-01", "2023-02-29"] {
        let text = HEAD.replace("2022-12-20", date) + "[[body]]\nparagraph = \"正文。\"\n";
        let (code, stderr) = export_text("r.toml", &text);
        assert_eq!(code, Some(1), "{date}: {stderr}");
        assert!(stderr.contains("r.toml:5") && stderr.contains("meta.date"), "{date}: {stderr}");
    }
}

#[test]
fn deep_yaml_flow_nesting_is_refused_before_parsing() {
    let depth = 40_000;
    let text = format!("version: 1\nmeta: {}{}\n", "[".repeat(depth), "]".repeat(depth));
    let (code, stderr) = export_text("deep.yaml", &text);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("deep.yaml:2:135") && stderr.contains("nest more than 128"), "{stderr}");
    // JSON and TOML refuse by their parsers' limits.
    let json = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let (code, stderr) = export_text("deep.json", &json);
    assert_eq!(code, Some(1), "{stderr}");
}

#[test]
fn tables_and_inputs_beyond_the_limits_are_refused() {
    let rows: String = (0..2001).map(|i| format!("  [\"{i}\", \"1\"],\n")).collect();
    let text = format!("{HEAD}[[body]]\ntable = {{ caption = \"表\", header = [\"a\", \"b\"], rows = [\n{rows}] }}\n");
    let (code, stderr) = export_text("long.toml", &text);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("body[0].table") && stderr.contains("at most 50 columns and 2000 rows"), "{stderr}");

    let paragraph = "经济".repeat(1_500_000);
    let text = format!("{HEAD}[[body]]\nparagraph = \"{paragraph}\"\n");
    let (code, stderr) = export_text("huge.toml", &text);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("huge.toml") && stderr.contains("larger than 8 MB"), "{stderr}");
}

/// Exports the example with a template that extends gongwen by `extra`.
fn template_fails(extra: &str, key: &str, message: &str) {
    let dir = tempfile::tempdir().unwrap();
    let template = write(dir.path(), "t.toml", format!("extends = \"gongwen\"\n{extra}"));
    let example = common::example("gaoxin-2022.toml");
    let out = dir.path().join("out");
    let (code, stderr) =
        run(&["export", example.to_str().unwrap(), "-t", template.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(code, Some(2), "{extra}: {stderr}");
    assert!(stderr.contains("t.toml:") && stderr.contains(key) && stderr.contains(message), "{extra}: {stderr}");
    assert!(!out.exists(), "nothing written");
}

#[test]
fn template_values_beyond_a_page_are_refused() {
    template_fails("[body]\nfirst_line_indent = 1e30\n", "body.first_line_indent", "from 0 to 1000");
    template_fails("[grid]\nlines = 22\nchars = 1000000\n", "grid.chars", "a grid has 1 to 100");
    template_fails("[body]\nsize = 1\n", "body.size", "derived from the body's 1 pt");
    template_fails("[page]\nmargin_top = inf\n", "page.margin_top", "not a length on a page");
    template_fails("[table]\ncell_padding = nan\n", "table.cell_padding", "from 0 to 1000");
}

#[test]
fn unknown_placeholders_in_a_template_are_refused() {
    template_fails("[[headings]]\nnumbering = \"{n0}、\"\n", "numbering", "unknown placeholder `{n0}`");
    template_fails("[table]\ncaption = \"表{x}：{caption}\"\n", "table.caption", "unknown placeholder `{x}`");
    template_fails(
        "[header]\ntext = \"{perod}\"\nfont = \"song\"\nsize = 9\nabove_block = 6.0\n",
        "header.text",
        "did you mean `{period}`?",
    );
}

/// A DOCX of `document` (the body of word/document.xml) and `extra` parts.
fn docx(document: &str, extra: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let parts: Vec<(&str, Vec<u8>)> = vec![
        ("[Content_Types].xml", br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.to_vec()),
        ("_rels/.rels", br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_vec()),
        ("word/document.xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{document}</w:body></w:document>"#).into_bytes()),
    ];
    for (name, bytes) in parts.iter().chain(extra) {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn import_fails(bytes: &[u8], message: &str) {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "r.docx", bytes);
    let output = dir.path().join("r.toml");
    let (code, stderr) = run(&["import", input.to_str().unwrap(), "-o", output.to_str().unwrap()]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("r.docx") && stderr.contains(message), "{stderr}");
    assert!(!output.exists());
}

#[test]
fn a_docx_of_deeply_nested_tables_is_refused_not_aborted() {
    let paragraph = "<w:p><w:r><w:t>全区经济</w:t></w:r></w:p>";
    let mut body = paragraph.to_owned();
    for _ in 0..140 {
        body = format!("<w:tbl><w:tr><w:tc>{body}</w:tc></w:tr></w:tbl>");
    }
    import_fails(&docx(&format!("{paragraph}{body}"), &[]), "nests its elements");
}

#[test]
fn a_docx_that_unpacks_to_gigabytes_or_a_million_paragraphs_is_refused() {
    let bomb = vec![b' '; 80 << 20];
    import_fails(&docx("<w:p/>", &[("word/media/unused.bin", bomb)]), "unpacks to more than 64 MB");
    import_fails(&docx(&"<w:p/>".repeat(1_000_000), &[]), "paragraphs");
}

#[test]
fn two_runs_into_one_directory_write_each_report_once() {
    let dir = tempfile::tempdir().unwrap();
    let inputs: Vec<String> = (0..16)
        .map(|i| {
            let text = format!("{HEAD}[[body]]\nparagraph = \"第{i}份报告。\"\n");
            write(dir.path(), &format!("r{i:02}.toml"), text).to_string_lossy().into_owned()
        })
        .collect();
    let out = dir.path().join("out");
    let spawn = || {
        let mut args =
            vec!["export".to_owned(), "-o".into(), out.to_string_lossy().into(), "-f".into(), "txt,docx".into()];
        args.extend(["--json".to_owned(), "-j".into(), "1".into()]);
        args.extend(inputs.iter().cloned());
        std::process::Command::new(env!("CARGO_BIN_EXE_baogao"))
            .args(&args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (first, second) = (spawn(), spawn());
    let mut exported = std::collections::BTreeMap::<String, usize>::new();
    for child in [first, second] {
        let output = child.wait_with_output().unwrap();
        for line in String::from_utf8_lossy(&output.stdout).lines() {
            let outcome: serde_json::Value = serde_json::from_str(line).unwrap();
            let input = outcome["input"].as_str().unwrap().to_owned();
            let written = outcome["outputs"].as_array().unwrap().len();
            assert!(written == 0 || written == 2, "all of a report's files or none: {line}");
            *exported.entry(input).or_default() += usize::from(outcome["error"].is_null());
        }
    }
    assert_eq!(exported.len(), 16);
    assert!(exported.values().all(|&n| n == 1), "each report written by exactly one run: {exported:?}");
    for i in 0..16 {
        let txt = std::fs::read_to_string(out.join(format!("r{i:02}.txt"))).unwrap();
        assert!(txt.contains(&format!("第{i}份报告")));
        assert!(out.join(format!("r{i:02}.docx")).is_file());
    }
}

#[test]
fn a_report_whose_file_cannot_be_written_leaves_none_of_its_files() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "r.toml", format!("{HEAD}[[body]]\nparagraph = \"正文。\"\n"));
    let out = dir.path().join("out");
    std::fs::create_dir_all(out.join("r.docx")).unwrap();
    let (code, stderr) =
        run(&["export", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "-f", "txt,pdf,docx", "--force"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("r.docx"), "{stderr}");
    let left: Vec<_> = std::fs::read_dir(&out).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(left, ["r.docx"], "no r.txt, no r.pdf, no temporary file");
}

#[test]
fn names_fit_a_file_system_and_show_what_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let title = "\u{20000}".repeat(80);
    let input =
        write(dir.path(), "r.toml", format!("{}[[body]]\nparagraph = \"正文。\"\n", HEAD.replace("报告", &title)));
    let out = dir.path().join("out");
    let (code, stderr) =
        run(&["export", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "-f", "txt", "--name", "{title}"]);
    assert_eq!(code, Some(0), "{stderr}");
    let names: Vec<String> =
        std::fs::read_dir(&out).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names.len(), 1);
    assert!(names[0].len() <= 255 && names[0].ends_with(".txt"), "{} bytes", names[0].len());

    let manifest = write(dir.path(), "m.csv", "input,name\nr.toml,CON\nr.toml,报告\u{202E}txt.exe\n");
    let (code, stderr) =
        run(&["export", "--manifest", manifest.to_str().unwrap(), "-o", out.to_str().unwrap(), "-f", "txt"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(out.join("CON_.txt").is_file() && out.join("报告txt.exe.txt").is_file());
}

#[test]
fn manifests_from_chinese_excel_and_with_a_bom_are_read() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "江淮.toml", format!("{HEAD}[[body]]\nparagraph = \"正文。\"\n"));
    let out = dir.path().join("out");
    let (gbk, _, _) = encoding_rs::GB18030.encode("input,name\n江淮.toml,江淮区报告\n");
    let csv = write(dir.path(), "m.csv", gbk);
    let (code, stderr) =
        run(&["export", "--manifest", csv.to_str().unwrap(), "-o", out.to_str().unwrap(), "-f", "txt"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(out.join("江淮区报告.txt").is_file());
    let jsonl = write(dir.path(), "m.jsonl", "\u{feff}{\"input\": \"江淮.toml\", \"name\": \"二\"}\n");
    let (code, stderr) =
        run(&["export", "--manifest", jsonl.to_str().unwrap(), "-o", out.to_str().unwrap(), "-f", "txt"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(out.join("二.txt").is_file());
}

#[cfg(unix)]
#[test]
fn a_directory_with_a_symbolic_link_loop_is_read_once() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    std::fs::create_dir_all(reports.join("a")).unwrap();
    write(&reports.join("a"), "r.toml", format!("{HEAD}[[body]]\nparagraph = \"正文。\"\n"));
    std::os::unix::fs::symlink(&reports, reports.join("a").join("loop")).unwrap();
    let out = dir.path().join("out");
    let (code, stderr) =
        run(&["export", reports.to_str().unwrap(), "-o", out.to_str().unwrap(), "-f", "txt", "--json", "-j", "100000"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("1 reports: 1 exported"), "{stderr}");
}

#[test]
fn an_imported_report_with_braces_tabs_and_nel_line_ends_exports_again() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        "\t\t\n关于{重点}工作的报告\u{85}某局\u{85}一、{上半年}情况\u{85}全区经济增长6.2%，其中{工业}增长7.1%。\u{85}";
    let input = write(dir.path(), "r.txt", text);
    let summary = dir.path().join("r.toml");
    let (code, stderr) = run(&["import", input.to_str().unwrap(), "-o", summary.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{stderr}");
    let out = dir.path().join("out");
    let (code, stderr) = run(&["export", summary.to_str().unwrap(), "-o", out.to_str().unwrap(), "-f", "txt"]);
    assert_eq!(code, Some(0), "{stderr}");
    let exported = std::fs::read_to_string(out.join("r.txt")).unwrap();
    for part in ["关于{重点}工作的报告", "{上半年}情况", "其中{工业}增长7.1%"] {
        assert!(exported.contains(part), "{part} in {exported}");
    }
}

#[cfg(unix)]
#[test]
fn sigterm_ends_a_run_blocked_reading_a_fifo() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("r.toml");
    if !std::process::Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success()) {
        return; // no mkfifo here
    }
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_baogao"))
        .args(["export", fifo.to_str().unwrap(), "-o", dir.path().join("out").to_str().unwrap()])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    std::process::Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "ended with the signal's code");
}

#[test]
fn every_error_of_a_file_is_told_at_once_each_at_its_own_value() {
    // A comment naming the key, a first valid id, an earlier heading: none of them is where
    // the errors are.
    let text = format!(
        "{}# date = \"the date\", id, heading\n[[indicators]]\nid = \"a\"\nname = \"甲\"\nvalue = 1\nkind = \"total\"\n[[indicators]]\nid = \"a\"\nname = \"乙\"\nvalue = 2\nkind = \"total\"\n[[body]]\nheading = \"总体情况\"\ncontent = []\n[[body]]\nheading = \" \"\ncontent = [{{ paragraph = \"增长{{b}}。\" }}]\n",
        HEAD.replace("2022-12-20", "2022-02-30")
    );
    let (code, stderr) = export_text("r.toml", &text);
    assert_eq!(code, Some(1), "{stderr}");
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error: ")).collect();
    let expected = [
        "r.toml:5:8: field `meta.date`",
        "r.toml:13:6: field `indicators[1].id`: the id `a` is used twice",
        "r.toml:21:11: field `body[1].heading`: the heading is empty",
        "r.toml:22:29: field `body[1].content[0].paragraph`: `{b}` refers to no indicator",
    ];
    assert_eq!(errors.len(), expected.len(), "{stderr}");
    for (error, expected) in errors.iter().zip(expected) {
        assert!(error.contains(expected), "expected `{expected}` in `{error}`");
    }
    // Each with its source line, the column marked (a Hanzi is two columns wide).
    assert!(stderr.contains("5 | date = \"2022-02-30\"\n  |        ^"), "{stderr}");
    assert!(
        stderr.contains("22 | content = [{ paragraph = \"增长{b}。\" }]\n   |                               ^"),
        "{stderr}"
    );
}

#[test]
fn a_unit_longer_than_many_lines_is_warned_about_once() {
    // 100,000 dashes: a warning (and the paragraph's text) for each of its 3,500 lines took
    // 1 GB; its end looked for again on each line, minutes.
    let text = format!("{HEAD}[[body]]\nparagraph = \"{}\"\n", "—".repeat(100_000));
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "r.toml", &text);
    let out = dir.path().join("out");
    let (code, stderr) = run(&["export", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "-f", "pdf"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stderr.matches("is longer than a line").count(), 1, "{stderr}");
}

#[test]
fn a_key_figure_wider_than_its_box_is_set_at_the_smallest_size_not_at_zero() {
    let unit = "中".repeat(300);
    let text = format!("{HEAD}key_figures = [\"a\"]\n[[indicators]]\nid = \"a\"\nname = \"甲\"\nvalue = 15.2\nunit = \"{unit}\"\nkind = \"total\"\n[[body]]\nparagraph = \"正文。\"\n");
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "r.toml", &text);
    let out = dir.path().join("out");
    let (code, stderr) =
        run(&["export", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "-f", "pdf", "-t", "briefing"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("wider than its box even at 9 pt"), "{stderr}");
    let pdf = lopdf::Document::load(out.join("r.pdf")).unwrap();
    for (_, page) in pdf.get_pages() {
        let content = String::from_utf8_lossy(&pdf.get_page_content(page)).into_owned();
        assert!(!content.contains("NaN") && !content.contains("inf"), "a number in every operand");
    }
}

#[test]
fn brackets_in_a_yaml_block_scalar_are_text() {
    let text = format!(
        "version: 1\nmeta:\n  title: 报告\n  date: '2022-12-20'\nbody:\n  - paragraph: |\n      {}\n",
        "[".repeat(300)
    );
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "r.yaml", &text);
    let out = dir.path().join("out");
    let (code, stderr) = run(&["export", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "-f", "txt"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(std::fs::read_to_string(out.join("r.txt")).unwrap().contains(&"[".repeat(300)));
}

#[test]
fn a_whole_number_too_large_is_quoted_as_written() {
    let text = format!("{HEAD}[[indicators]]\nid = \"a\"\nname = \"甲\"\nvalue = 9223372036854775807\nkind = \"total\"\n[[body]]\nparagraph = \"正文。\"\n");
    let (code, stderr) = export_text("r.toml", &text);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("9223372036854775807 is not a figure"), "{stderr}");
}

// Found by the full mutation run (5,000 export and 2,000 import variants).

#[test]
fn a_table_that_would_draw_thousands_of_pages_is_refused_as_it_reaches_the_limit() {
    // 50 columns of 80-character cells: each set a character a line, the header repeated on
    // every page (160 rows took 2,000 pages and 1.4 GB).
    let cell = format!("\"{}\"", "正文".repeat(40));
    let header = vec![cell.clone(); 50].join(", ");
    let rows: String = (0..160).map(|_| format!("  [{}],\n", vec![cell.clone(); 50].join(", "))).collect();
    let text = format!("{HEAD}[[body]]\ntable = {{ header = [{header}], rows = [\n{rows}] }}\n");
    let (code, stderr) = export_text("wide.toml", &text);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("wide.toml") && stderr.contains("draws more than a report may"), "{stderr}");
}

#[test]
fn an_indicator_name_is_a_name_and_a_report_has_a_bounded_number_of_charts() {
    let long = "A".repeat(201);
    let text = format!(
        "{HEAD}[[indicators]]\nid = \"a\"\nname = \"{long}\"\nkind = \"growth_rate\"\nvalue = 1\n\
         [[body]]\nchart = {{ caption = \"图\", indicators = [\"a\"] }}\n"
    );
    let (code, stderr) = export_text("name.toml", &text);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("name.toml:8:8") && stderr.contains("at most 200"), "{stderr}");

    let charts = "[[body]]\nchart = { caption = \"图\", indicators = [\"a\"] }\n".repeat(101);
    let text =
        format!("{HEAD}[[indicators]]\nid = \"a\"\nname = \"增速\"\nkind = \"growth_rate\"\nvalue = 1\n{charts}");
    let (code, stderr) = export_text("charts.toml", &text);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("body[100].chart") && stderr.contains("more than 100 charts"), "{stderr}");
}

#[test]
fn a_character_missing_many_times_is_one_warning_with_its_count() {
    let dir = tempfile::tempdir().unwrap();
    let paragraph = "\u{E4C7}".repeat(20_000);
    let input = write(dir.path(), "pua.toml", format!("{HEAD}[[body]]\nparagraph = \"甲{paragraph}\"\n"));
    let out = dir.path().join("out");
    let (code, stderr) = run(&["export", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "-f", "pdf"]);
    assert_eq!(code, Some(0), "{stderr}");
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.contains("U+E4C7")).collect();
    assert_eq!(warnings.len(), 1, "{stderr}");
    assert!(warnings[0].contains("(20000 times)") && warnings[0].contains("pua.toml:7:"), "{stderr}");
}

#[test]
fn an_output_that_is_a_file_and_an_input_that_is_a_dangling_link_are_told_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/gaoxin-2022.toml");
    let file = write(dir.path(), "reports", "not a directory");
    let (code, stderr) = run(&["export", example, "-o", file.to_str().unwrap(), "-f", "pdf"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("is a file, but -o names the directory"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not a directory");

    #[cfg(unix)]
    {
        let link = dir.path().join("gone.toml");
        std::os::unix::fs::symlink(dir.path().join("moved.toml"), &link).unwrap();
        let out = dir.path().join("out");
        let (code, stderr) = run(&["export", link.to_str().unwrap(), "-o", out.to_str().unwrap(), "-f", "pdf"]);
        assert_eq!(code, Some(1), "{stderr}");
        assert!(
            stderr.contains("gone.toml: a symbolic link to") && stderr.contains("moved.toml, which does not exist"),
            "{stderr}"
        );
    }
}

// Found by a new user's trial (helper-14).

#[test]
fn placeholders_that_would_fill_gigabytes_are_refused_before_layout() {
    // 100,000 placeholders of a 5,000-character figure: 500 million characters (22 GB).
    let text = format!(
        "{HEAD}[[indicators]]\nid = \"a\"\nname = \"甲\"\nkind = \"count\"\nvalue = \"{}\"\n\
         [[body]]\nparagraph = \"{}\"\n",
        "1".repeat(5000),
        "{a}".repeat(100_000)
    );
    let (code, stderr) = export_text("amplify.toml", &text);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("amplify.toml:12:")
            && stderr.contains("body[0].paragraph")
            && stderr.contains("passes 2000000 characters"),
        "{stderr}"
    );
}

#[test]
fn figures_with_more_digits_than_a_double_holds_are_refused() {
    for (written, shown) in [("1e-300", "1e-300"), ("123456.789012345678", "123456.78901234567")] {
        let text = format!("{HEAD}[[indicators]]\nid = \"a\"\nname = \"甲\"\nkind = \"count\"\nvalue = {written}\n");
        let (code, stderr) = export_text("digits.toml", &text);
        assert_eq!(code, Some(1), "{written}: {stderr}");
        assert!(stderr.contains(&format!("{shown} has more digits than a figure may")), "{stderr}");
    }
    // Up to the limits a figure prints as written.
    let text = format!(
        "{HEAD}[[indicators]]\nid = \"a\"\nname = \"甲\"\nkind = \"count\"\nvalue = 1e15\n\
         [[indicators]]\nid = \"b\"\nname = \"乙\"\nkind = \"count\"\nvalue = 0.000000000000001\n\
         [[body]]\nparagraph = \"甲{{a}}，乙{{b}}。\"\n"
    );
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "edge.toml", text);
    let (code, stderr) = run(&["export", input.to_str().unwrap(), "-o", dir.path().to_str().unwrap(), "-f", "txt"]);
    assert_eq!(code, Some(0), "{stderr}");
    let txt = std::fs::read_to_string(dir.path().join("edge.txt")).unwrap();
    assert!(txt.contains("乙0.000000000000001"), "{txt}");
}
