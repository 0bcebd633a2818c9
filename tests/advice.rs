//! Summaries that are valid but most likely not what the writer meant: each is exported, with
//! a warning located at the value (issue 17).

mod common;

use std::path::Path;

use common::baogao;

const SUMMARY: &str = r#"version = 1
[meta]
title = "报告"

[[indicators]]
id = "fai"
name = "固定资产投资"
value = 8.2
unit = "%"
kind = "growth_rate"

[[body]]
heading = "一、工业和投资"
content = [
  { paragraph = "投资增长｛fai｝，同比{fai.change}，居{fai.rank}。" },
]

[[body]]
heading = "（二）2024年展望"
content = [{ paragraph = "投资增长{fai}。" }]

[[body]]
heading = "2024年工作安排"
"#;

/// Exports `text`, written as `name` in `dir`, as `formats` into `dir`; the exit code and
/// standard error.
fn export(dir: &Path, name: &str, text: &str, formats: &str) -> (Option<i32>, String) {
    let input = dir.join(name);
    std::fs::write(&input, text).unwrap();
    let out = baogao(&["export", input.to_str().unwrap(), "-o", dir.to_str().unwrap(), "-f", formats]);
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn likely_mistakes_are_warned_at_their_values() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stderr) = export(dir.path(), "r.toml", SUMMARY, "txt");
    assert_eq!(code, Some(0), "{stderr}");
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.starts_with("warning:")).collect();
    let expected = [
        "r.toml:13:12: field `body[0].heading`: the heading starts with a number, `一、`, and the template numbers headings too: leave it out",
        "r.toml:15:22: field `body[0].content[0].paragraph`: `｛fai｝` has full-width braces and prints as written: a placeholder is `{fai}`",
        "r.toml:15:30: field `body[0].content[0].paragraph`: `{fai.change}`: indicator `fai` has no comparison (`comparison`), so it prints \"—\"",
        "r.toml:15:44: field `body[0].content[0].paragraph`: `{fai.rank}`: indicator `fai` has no rank (`rank`), so it prints \"—\"",
        "r.toml:19:12: field `body[1].heading`: the heading starts with a number, `（二）`, and the template numbers headings too: leave it out",
    ];
    assert_eq!(warnings.len(), expected.len(), "{stderr}");
    for (warning, expected) in warnings.iter().zip(expected) {
        assert!(warning.ends_with(expected), "expected …{expected}\n     got {warning}");
    }
    // Printed as written: the warnings change nothing.
    let txt = std::fs::read_to_string(dir.path().join("r.txt")).unwrap();
    assert!(txt.contains("一、一、工业和投资") && txt.contains("｛fai｝"), "{txt}");
}

const SIGNED: &str = r#"version = 1
[meta]
title = "报告"

[[indicators]]
id = "fai"
name = "固定资产投资"
value = -3.1
unit = "%"
kind = "growth_rate"
comparison = { basis = "同比", change = -2.4, unit = "个百分点" }

[[indicators]]
id = "retail"
name = "社会消费品零售总额"
value = 5.2
unit = "%"
kind = "growth_rate"

[[indicators]]
id = "flat"
name = "进出口"
value = 0
unit = "%"
kind = "growth_rate"

[[body]]
paragraph = "投资{fai|增长/下降}{fai|abs}，增速{fai.change|提高/回落}{fai.change|abs}；消费{retail|增长/下降}{retail|abs}；进出口{flat|增长/下降/持平}。"

[[body]]
paragraph = "投资增长{fai}，同比下降{fai.change}，消费下降{retail}，增速为{fai}。"
"#;

#[test]
fn signed_figures_read_as_words_and_a_sign_after_a_direction_word_is_warned() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stderr) = export(dir.path(), "s.toml", SIGNED, "txt,docx,pdf");
    assert_eq!(code, Some(0), "{stderr}");
    let read = "投资下降3.1%，增速回落2.4个百分点；消费增长5.2%；进出口持平。";
    let pdf = common::Pdf::open(&dir.path().join("s.pdf")).text();
    assert!(pdf.contains(read), "the PDF reads as the text: {pdf}");
    let txt = std::fs::read_to_string(dir.path().join("s.txt")).unwrap();
    assert!(txt.contains(read), "{txt}");
    let docx = std::fs::read(dir.path().join("s.docx")).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    let text: String = xml.split("<w:t").skip(1).filter_map(|t| t.split_once('>')?.1.split("</w:t>").next()).collect();
    assert!(text.contains(read), "{text}");

    // The second paragraph as written: three faults, and "增速为-3.1%" is not one.
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.starts_with("warning:")).collect();
    let expected = [
        ("s.toml:31:18:", "prints \"增长-3.1…\": a fall after a word for a direction prints its minus sign too"),
        ("s.toml:31:28:", "prints \"下降-2.4…\": a fall after a word for a direction prints its minus sign too"),
        ("s.toml:31:45:", "prints \"下降5.2…\": a rise after a word for a fall reads as a fall"),
    ];
    assert_eq!(warnings.len(), expected.len(), "{stderr}");
    for (warning, (at, message)) in warnings.iter().zip(expected) {
        assert!(warning.contains(at) && warning.contains(message), "expected {at} {message}\n     got {warning}");
    }
}

#[test]
fn meta_placeholders_print_the_summarys_own_fields_and_a_missing_one_is_an_error() {
    let summary = r#"version = 1
[meta]
title = "高新区2024年1—10月经济运行情况"
issuer = "某高新区管委会"
date = "2024-11-15"
period = "2024年1—10月"

[[body]]
paragraph = "{period}，{issuer}印发《{title}》（{date}）。"
"#;
    let dir = tempfile::tempdir().unwrap();
    let (code, stderr) = export(dir.path(), "m.toml", summary, "txt");
    assert_eq!(code, Some(0), "{stderr}");
    let txt = std::fs::read_to_string(dir.path().join("m.txt")).unwrap();
    assert!(
        txt.contains("2024年1—10月，某高新区管委会印发《高新区2024年1—10月经济运行情况》（2024年11月15日）。"),
        "{txt}"
    );

    let without = tempfile::tempdir().unwrap();
    let (code, stderr) = export(without.path(), "m.toml", &summary.replace("period = \"2024年1—10月\"\n", ""), "txt");
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "m.toml:8:14: field `body[0].paragraph`: `{period}` names `meta.period`, which the summary does not give"
        ),
        "{stderr}"
    );
}
