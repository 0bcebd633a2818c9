//! Summaries that are valid but most likely not what the writer meant: each is exported, with
//! a warning located at the value (issue 17).

mod common;

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

#[test]
fn likely_mistakes_are_warned_at_their_values() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("r.toml");
    std::fs::write(&input, SUMMARY).unwrap();
    let out = baogao(&["export", input.to_str().unwrap(), "-o", dir.path().to_str().unwrap(), "-f", "txt"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
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
