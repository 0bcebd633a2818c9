//! Bad input: a clear message naming file, line, column and field; exit code 2; no panic;
//! no output left behind.

mod common;

use std::path::Path;

use common::baogao;

const GOOD_TOML: &str = r#"version = 1
[meta]
title = "报告"
issuer = "某局"
date = "2022-12-20"
period = "2022年"

[[indicators]]
id = "a"
name = "甲"
value = 1.5
kind = "growth_rate"

[[body]]
paragraph = "正文。"
"#;

/// Writes `text` as `name` in a fresh directory, exports it, and checks the failure.
fn fails(name: &str, text: &str, expected: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join(name);
    std::fs::write(&input, text).unwrap();
    let out_dir = dir.path().join("out");
    let out = baogao(&["export", input.to_str().unwrap(), "-o", out_dir.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "exit code for {name}: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains(input.to_str().unwrap()), "the message names the file: {stderr}");
    for part in expected {
        assert!(stderr.contains(part), "expected `{part}` in: {stderr}");
    }
    assert_empty(&out_dir);
    assert_eq!(std::fs::read_to_string(&input).unwrap(), text, "the input is never modified");
    stderr
}

fn assert_empty(dir: &Path) {
    let left: Vec<_> = std::fs::read_dir(dir).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    assert!(left.is_empty(), "files left behind: {left:?}");
}

#[test]
fn malformed_toml() {
    fails("bad.toml", "version = 1\n[meta\ntitle = \"x\"\n", &[":2:6:", "invalid table header"]);
}

#[test]
fn malformed_json() {
    fails("bad.json", "{\"version\": 1,\n \"meta\": {\"title\" \"x\"}}", &[":2:19:", "expected `:`"]);
}

#[test]
fn malformed_yaml() {
    fails("bad.yaml", "meta:\n  title: x\n   issuer: y\n", &[":3:", "mapping values are not allowed"]);
}

#[test]
fn wrong_type_in_each_format() {
    let toml = GOOD_TOML.replace("value = 1.5", "value = true");
    fails("type.toml", &toml, &[":11:9:", "field `indicators[0].value`", "a number or a string"]);
    let json = r#"{"meta": {"title": "x", "issuer": "y", "date": "2022-12-20", "period": "p"},
 "body": [{"paragraph": 3}]}"#;
    fails("type.json", json, &[":2:25:", "field `body[0].paragraph`", "expected a string"]);
    let yaml = "meta:\n  title: x\n  issuer: y\n  date: \"2022-12-20\"\n  period: p\nbody:\n  - heading: [1]\n";
    fails("type.yaml", yaml, &[":7:14:", "field `body[0].heading`"]);
}

#[test]
fn unknown_field() {
    let toml = GOOD_TOML.replace("kind = \"growth_rate\"", "kind = \"growth_rate\"\ncolour = \"red\"");
    fails("unknown.toml", &toml, &[":13:1:", "field `indicators[0].colour`", "unknown field `colour`"]);
    let yaml = "meta:\n  title: x\n  issuer: y\n  date: \"2022-12-20\"\n  period: p\nbody:\n  - paragraf: x\n";
    fails("unknown.yaml", yaml, &[":7:5:", "field `body[0].paragraf`", "unknown field `paragraf`"]);
}

#[test]
fn missing_required_field() {
    let toml = GOOD_TOML.replace("name = \"甲\"\n", "");
    fails("missing.toml", &toml, &[":8:1:", "field `indicators[0]`", "missing field `name`"]);
    let json = r#"{"meta": {"issuer": "y", "date": "2022-12-20"}, "body": []}"#;
    fails("missing.json", json, &["field `meta`", "missing field `title`"]);
}

#[test]
fn invalid_values_point_at_the_value() {
    let toml = GOOD_TOML
        .replace("paragraph = \"正文。\"", "indicator_table = { caption = \"表\", indicators = [\"a\", \"b\"] }");
    fails(
        "reference.toml",
        &toml,
        &[":15:", "field `body[0].indicator_table.indicators[1]`", "no indicator has the id `b`"],
    );
    let toml = GOOD_TOML.replace("2022-12-20", "2022-13-20");
    fails("date.toml", &toml, &[":5:8:", "field `meta.date`", "there is no month 13"]);
    let toml = format!("{GOOD_TOML}\n[[body]]\ntable = {{ header = [\"甲\", \"乙\"], rows = [[\"1\"]] }}\n");
    fails("row.toml", &toml, &["field `body[1].table.rows[0]`", "the row fills 1 of the header's 2 columns"]);
}

#[test]
fn standard_input_needs_a_format() {
    let out = baogao(&["export", "-"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--input-format"));
}

#[test]
fn standard_input_with_a_format_is_read() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_baogao"))
        .args(["export", "-", "--input-format", "toml", "-f", "txt", "-o", dir.path().to_str().unwrap()])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(GOOD_TOML.as_bytes()).unwrap();
    assert!(child.wait_with_output().unwrap().status.success());
    let txt = std::fs::read_to_string(dir.path().join("report.txt")).unwrap();
    assert!(txt.starts_with("报告\n（2022年）\n正文。\n"), "the period under the title: {txt}");
}

#[test]
fn a_missing_font_names_what_was_looked_for_and_where() {
    let dir = tempfile::tempdir().unwrap();
    let template = std::fs::read_to_string(common::root().join("templates/gongwen.toml")).unwrap().replace(
        r#"pdf = ["FandolFang-Regular.ttf", "FandolFang R"]"#,
        r#"pdf = ["NoSuchFont.ttf", "No Such Family"]"#,
    );
    let template_path = dir.path().join("mine.toml");
    std::fs::write(&template_path, &template).unwrap();
    let out_dir = dir.path().join("out");
    let out = baogao(&[
        "export",
        common::example("gaoxin-2022.toml").to_str().unwrap(),
        "-o",
        out_dir.to_str().unwrap(),
        "--template",
        template_path.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("NoSuchFont.ttf") && stderr.contains("No Such Family"), "{stderr}");
    assert!(stderr.contains("fonts"), "the directories looked in: {stderr}");
    // The template's file, the line of the font's `pdf` key, and the key.
    let line = template.lines().position(|l| l.contains("NoSuchFont.ttf")).unwrap() + 1;
    assert!(stderr.contains(&format!("mine.toml:{line}:")), "{stderr}");
    assert!(stderr.contains("fonts.fang.pdf"), "{stderr}");
    assert_empty(&out_dir);
}

/// Exports the masked example under the template at `template` into `dir`/out.
fn export_example_with(template: &Path, dir: &Path) -> std::process::Output {
    baogao(&[
        "export",
        common::example("gaoxin-2022.toml").to_str().unwrap(),
        "-o",
        dir.join("out").to_str().unwrap(),
        "--template",
        template.to_str().unwrap(),
    ])
}

#[test]
fn a_bad_template_names_file_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let template = std::fs::read_to_string(common::root().join("templates/gongwen.toml"))
        .unwrap()
        .replace("margin_left = 28.0", "margin_left = 280.0");
    let template_path = dir.path().join("wide.toml");
    std::fs::write(&template_path, template).unwrap();
    let out = export_example_with(&template_path, dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("wide.toml:") && stderr.contains("page.margin_left"), "{stderr}");
}

#[test]
fn one_bad_report_does_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "version = 1\n[meta\n").unwrap();
    let good = dir.path().join("good.toml");
    std::fs::write(&good, GOOD_TOML).unwrap();
    let out_dir = dir.path().join("out");
    let out = baogao(&[
        "export",
        bad.to_str().unwrap(),
        good.to_str().unwrap(),
        "-o",
        out_dir.to_str().unwrap(),
        "-f",
        "txt",
    ]);
    assert_eq!(out.status.code(), Some(1), "some reports failed");
    assert!(out_dir.join("good.txt").is_file());
    assert!(!out_dir.join("bad.txt").exists());
}

#[test]
fn sections_deeper_than_the_template_styles_are_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let template = std::fs::read_to_string(common::root().join("templates/gongwen.toml")).unwrap();
    // Keep only the first heading level.
    let first = template.find("[[headings]]").unwrap();
    let second = template[first + 1..].find("[[headings]]").unwrap() + first + 1;
    let table = template.find("[table]").unwrap();
    let template = format!("{}{}", &template[..second], &template[table..]);
    let template_path = dir.path().join("flat.toml");
    std::fs::write(&template_path, template).unwrap();
    let input = dir.path().join("deep.toml");
    let report = GOOD_TOML.replace("paragraph = \"正文。\"", "heading = \"甲\"\n[[body.content]]\nheading = \"乙\"");
    std::fs::write(&input, report).unwrap();
    let out = baogao(&[
        "export",
        input.to_str().unwrap(),
        "-o",
        dir.path().join("out").to_str().unwrap(),
        "-t",
        template_path.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("sections nest 2 deep") && stderr.contains("1 heading levels"), "{stderr}");
    assert_empty(&dir.path().join("out"));
}

#[test]
fn a_reference_to_an_unknown_indicator_names_the_placeholder() {
    let toml = GOOD_TOML.replace("paragraph = \"正文。\"", "paragraph = \"增长{b.change}。\"");
    fails("ref.toml", &toml, &[":15:16:", "field `body[0].paragraph`", "`{b.change}` refers to no indicator"]);
    let toml = GOOD_TOML.replace("paragraph = \"正文。\"", "paragraph = \"增长{a.colour}。\"");
    fails("field.toml", &toml, &["field `body[0].paragraph`", "no field `colour`"]);
}

#[test]
fn a_table_whose_alignments_do_not_match_its_header_is_an_error_not_a_crash() {
    let text = format!("{GOOD_TOML}\n[[body]]\n[body.table]\nheader = [\"指标\", \"数值\", \"增减\"]\nalign = [\"left\"]\nrows = [[\"甲\", \"1\", \"2\"]]\n");
    fails("align.toml", &text, &["table.align", "1 alignments for the header's 3 columns"]);
}

#[test]
fn spans_near_the_largest_number_are_errors_not_crashes() {
    // u64::MAX, as JSON can write it (TOML stops at i64::MAX).
    for (span, expected) in [
        (r#""colspan": 18446744073709551615"#, "take more than the header's 2 columns"),
        (r#""rowspan": 18446744073709551615"#, "past the table's last row"),
    ] {
        let text = format!(
            r#"{{"version": 1,
 "meta": {{"title": "报告", "issuer": "某局", "date": "2022-12-20", "period": "2022年"}},
 "indicators": [],
 "body": [{{"table": {{"header": ["指标", "数值"],
   "rows": [["甲", "1"], ["乙", {{"text": "2", {span}}}]]}}}}]}}"#
        );
        // In the second row and column, where adding the span to its place wrapped around.
        fails("span.json", &text, &["table.rows[1]", expected]);
    }
}

#[test]
fn a_closed_pipe_for_messages_does_not_crash_the_export() {
    // `baogao export … 2>&1 | head -2`: the reader goes away before the messages come.
    let dir = tempfile::tempdir().unwrap();
    let inputs = [common::example("gaoxin-2022.toml"), common::example("gaoxin-2022-filled.toml")];
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_baogao"))
        .args(["export", inputs[0].to_str().unwrap(), inputs[1].to_str().unwrap(), "-j", "1", "-o"])
        .arg(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    drop(child.stderr.take());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "ends with its own exit code, not a panic's 101");
    for name in ["gaoxin-2022.pdf", "gaoxin-2022.docx", "gaoxin-2022-filled.pdf", "gaoxin-2022-filled.docx"] {
        assert!(dir.path().join(name).is_file(), "{name} written");
    }
}

#[test]
fn a_template_asking_for_a_billion_blank_lines_is_an_error_not_an_allocation() {
    let dir = tempfile::tempdir().unwrap();
    let template_path = dir.path().join("blank.toml");
    std::fs::write(&template_path, "extends = \"gongwen\"\n[title]\nlines_after = 1000000000\n").unwrap();
    let out = export_example_with(&template_path, dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("blank.toml:3:1") && stderr.contains("title.lines_after"), "{stderr}");
    assert!(stderr.contains("at most 22"), "{stderr}");
}

#[test]
fn parser_errors_say_what_to_do() {
    // A bare date in TOML is a date, not text.
    let stderr = fails(
        "bare-date.toml",
        &GOOD_TOML.replace("date = \"2022-12-20\"", "date = 2022-12-20"),
        &[":5:8", "meta.date", "write it in quotes, as date = \"2024-06-15\""],
    );
    assert!(!stderr.contains("map"), "the parser's word for a date-time is not the clerk's: {stderr}");
    // A string not closed.
    fails("open.toml", &GOOD_TOML.replace("issuer = \"某局\"", "issuer = \"某局"), &[":4:", "a string is not closed"]);
    // A masked figure in YAML read as an alias.
    fails(
        "masked.yaml",
        "version: 1\nmeta:\n  title: 报告\nindicators:\n  - id: a\n    name: 甲\n    kind: count\n    value: **.*\n",
        &[":8:", "write a masked figure in quotes"],
    );
    // A JSON figure past a double, and a trailing comma.
    fails(
        "huge.json",
        r#"{"version": 1, "meta": {"title": "报告"}, "indicators": [{"id": "a", "name": "甲", "kind": "count", "value": 1e400}]}"#,
        &["number out of range", "write such a figure as a string in quotes"],
    );
    fails(
        "comma.json",
        r#"{"version": 1, "meta": {"title": "报告",}}"#,
        &[":1:", "remove the comma before the closing bracket or brace"],
    );
}

#[test]
fn a_date_that_does_not_exist_is_told_as_such() {
    fails(
        "nov31.toml",
        &GOOD_TOML.replace("2022-12-20", "2024-11-31"),
        &[":5:8", "meta.date", "there is no day 31 in month 11 of 2024 (it has 30 days)"],
    );
    fails("month13.toml", &GOOD_TOML.replace("2022-12-20", "2024-13-01"), &["there is no month 13"]);
}

#[test]
fn a_font_directory_that_is_not_there_is_a_command_line_error() {
    let dir = tempfile::tempdir().unwrap();
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/gaoxin-2022.toml");
    let missing = dir.path().join("nofonts");
    for args in [
        vec!["export", example, "-o", dir.path().to_str().unwrap(), "--font-dir", missing.to_str().unwrap()],
        vec!["fonts", "--font-dir", missing.to_str().unwrap()],
    ] {
        let out = baogao(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(&format!("--font-dir {}: no such directory", missing.display())), "{stderr}");
    }
    assert!(!dir.path().join("gaoxin-2022.pdf").exists());
}

/// Exports the masked example under a template of `text` and returns its stderr, which
/// must come with exit code 2 (bad usage: nothing exported).
fn template_fails(text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let template_path = dir.path().join("mine.toml");
    std::fs::write(&template_path, text).unwrap();
    let out = export_example_with(&template_path, dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_empty(&dir.path().join("out"));
    stderr
}

#[test]
fn unknown_keys_and_variants_suggest_the_close_name() {
    let stderr = template_fails("extends = \"gongwen\"\n[body]\nfnt = \"fang\"\n");
    assert!(stderr.contains("mine.toml:3:"), "{stderr}");
    assert!(stderr.contains("unknown field `fnt`") && stderr.contains("did you mean `font`?"), "{stderr}");
    let stderr = template_fails("extends = \"gongwen\"\npunctuation = \"hang\"\n");
    assert!(stderr.contains("mine.toml:2:15:") && stderr.contains("did you mean `hanging`?"), "{stderr}");
    let stderr = template_fails("extends = \"gongwen\"\n[bdy]\nsize = 12\n");
    assert!(stderr.contains("mine.toml:2:1:") && stderr.contains("did you mean `body`?"), "{stderr}");
    // A name far from every key gets no guess.
    let stderr = template_fails("extends = \"gongwen\"\n[watermark]\ntext = \"x\"\n");
    assert!(stderr.contains("unknown field `watermark`") && !stderr.contains("did you mean"), "{stderr}");

    let report = GOOD_TOML.replace("kind = \"growth_rate\"", "kind = \"growth\"");
    let stderr = fails("variant.toml", &report, &[":12:8:", "indicators[0].kind", "did you mean `growth_rate`?"]);
    assert!(stderr.contains("unknown variant `growth`"), "{stderr}");
}

#[test]
fn unknown_ids_and_fields_suggest_the_close_one() {
    let report = GOOD_TOML.replace("id = \"a\"", "id = \"gdp\"").replace("正文。", "增长{gpd}。");
    fails("id.toml", &report, &[":15:", "`{gpd}` refers to no indicator", "did you mean `gdp`?"]);
    // Each at its placeholder: 增长 stands in columns 14 and 15.
    let report = GOOD_TOML.replace("正文。", "增长{a.chnage}。");
    fails("field.toml", &report, &[":15:16:", "no field `chnage`", "did you mean `change`?"]);
    let report = GOOD_TOML.replace("正文。", "增长{a|abz}。");
    fails("form.toml", &report, &[":15:16:", "after `|` comes `abs`", "did you mean `abs`?"]);
    let report = GOOD_TOML.replace("正文。", "同比{a|增长}{a|abs}。");
    fails("one-word.toml", &report, &[":15:16:", "did you mean `增长/下降`?"]);
}

#[test]
fn a_missing_template_file_is_named_as_the_template() {
    let dir = tempfile::tempdir().unwrap();
    let out = export_example_with(&dir.path().join("nofile.toml"), dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("template file") && stderr.contains("nofile.toml"), "{stderr}");
    assert_empty(&dir.path().join("out"));
}

#[test]
fn a_template_given_as_the_report_points_to_dash_t() {
    let stderr = fails("mine.toml", "extends = \"gongwen\"\n[body]\nsize = \"小四\"\n", &[":1:1:", "field `extends`"]);
    assert!(stderr.contains("this looks like a template: pass a template with -t FILE"), "{stderr}");
}

#[test]
fn a_json_trailing_comma_names_the_object_and_a_yaml_tab_says_to_indent_with_spaces() {
    let stderr = fails(
        "comma.json",
        "{\"version\": 1,\n \"meta\": {\"title\": \"x\", \"issuer\": \"y\",},\n \"body\": []}\n",
        &[":2:39:", "field `meta`:", "remove the comma"],
    );
    assert!(!stderr.contains('?'), "no unknown key in the path: {stderr}");
    fails("tab.yaml", "version: 1\nmeta:\n\ttitle: x\n", &[":3:1:", "indents with spaces, not tabs"]);
}
