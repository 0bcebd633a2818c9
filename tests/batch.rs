//! Many reports in one run: directories and patterns as inputs, parallel exports that give
//! the same files as one at a time, JSON lines for scripts, shards that cover every input.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{baogao, example};

/// `count` copies of the masked example in `dir/in` (some in a subdirectory) and one report
/// that is not valid; returns the input directory.
fn reports(dir: &Path, count: usize) -> std::path::PathBuf {
    let input = dir.join("in");
    std::fs::create_dir_all(input.join("district")).unwrap();
    let text = std::fs::read_to_string(example("gaoxin-2022.toml")).unwrap();
    for i in 0..count {
        // Varied: each report has its own title.
        let title = format!("title = \"第{i}园区2022年经济社会发展总结\"");
        let varied = text.replacen("title = \"高新区2022年经济社会发展总结\"", &title, 1);
        let sub = if i % 3 == 0 { "district/" } else { "" };
        std::fs::write(input.join(format!("{sub}r{i:03}.toml")), varied).unwrap();
    }
    std::fs::write(input.join("broken.toml"), "version = 1\n[meta]\ntitle = 3\n").unwrap();
    std::fs::write(input.join("notes.txt"), "not a report").unwrap();
    input
}

/// Every file in `dir` by name, with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect()
}

#[test]
fn a_directory_exports_in_parallel_to_the_same_files_and_reports_each_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let input = reports(dir.path(), 12);
    let mut outputs = Vec::new();
    for jobs in ["1", "2"] {
        let out = dir.path().join(format!("out{jobs}"));
        let run = baogao(&["export", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "-j", jobs, "--json"]);
        // The broken report fails, the others are written; its error names file, line and field.
        assert_eq!(run.status.code(), Some(1), "{}", String::from_utf8_lossy(&run.stderr));
        let lines: Vec<serde_json::Value> =
            String::from_utf8_lossy(&run.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(lines.len(), 13, "one line per report, notes.txt is no report");
        let failed: Vec<&serde_json::Value> = lines.iter().filter(|l| !l["error"].is_null()).collect();
        assert_eq!(failed.len(), 1);
        let error = failed[0]["error"].as_str().unwrap();
        assert!(error.contains("broken.toml:3:") && error.contains("meta.title"), "{error}");
        for line in lines.iter().filter(|l| l["error"].is_null()) {
            assert_eq!(line["pages"], 5);
            assert_eq!(line["outputs"].as_array().unwrap().len(), 2);
            assert!(line["outputs"][0]["bytes"].as_u64().unwrap() > 10_000);
        }
        assert!(String::from_utf8_lossy(&run.stderr).contains("13 reports: 12 exported, 1 failed"));
        outputs.push(files(&out));
    }
    assert_eq!(outputs[0].len(), 24, "a PDF and a DOCX per good report, nothing of the broken one");
    assert_eq!(outputs[0], outputs[1], "the same bytes with -j 1 and -j 2");
}

#[test]
fn shards_together_export_every_input_once() {
    let dir = tempfile::tempdir().unwrap();
    let input = reports(dir.path(), 30);
    std::fs::remove_file(input.join("broken.toml")).unwrap();
    let pattern = format!("{}/**/*.toml", input.display());
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for k in 1..=3 {
        let out = dir.path().join(format!("shard{k}"));
        let shard = format!("{k}/3");
        let run = baogao(&["export", &pattern, "-o", out.to_str().unwrap(), "-f", "txt", "--shard", &shard]);
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
        let names: Vec<String> = files(&out).into_keys().collect();
        assert!(!names.is_empty() && names.len() < 30, "shard {k} takes a share: {}", names.len());
        for name in names {
            *seen.entry(name).or_default() += 1;
        }
    }
    assert_eq!(seen.len(), 30, "every input exported");
    assert!(seen.values().all(|&n| n == 1), "and once only");

    let none = baogao(&["export", &format!("{}/*.nothing", input.display()), "-o", dir.path().to_str().unwrap()]);
    assert_eq!(none.status.code(), Some(2), "a pattern that matches nothing is a usage error");
    let bad = baogao(&["export", input.to_str().unwrap(), "--shard", "4/3"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn completions_and_the_manual_page_come_from_the_command_line_definition() {
    let bash = baogao(&["completions", "bash"]);
    let script = String::from_utf8_lossy(&bash.stdout);
    assert!(bash.status.success() && script.contains("_baogao()") && script.contains("--shard"), "{script}");
    let man = baogao(&["man"]);
    let page = String::from_utf8_lossy(&man.stdout);
    assert!(man.status.success() && page.contains(".TH baogao 1") && page.contains("export"), "{page}");
}

#[test]
fn fail_fast_stops_at_the_first_bad_report_and_quiet_lists_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let input = reports(dir.path(), 6);
    let out = dir.path().join("out");
    // One at a time, in name order: broken.toml comes first.
    let run = baogao(&["export", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "-j", "1", "--fail-fast"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("stopped at the first failure: 6 of 7 reports not exported"), "{stderr}");
    assert!(!out.exists() || files(&out).is_empty(), "nothing exported after the failure");

    let quiet = baogao(&["export", input.join("r001.toml").to_str().unwrap(), "-o", out.to_str().unwrap(), "-q"]);
    assert!(quiet.status.success() && quiet.stdout.is_empty());
    assert_eq!(files(&out).len(), 2);
}

#[test]
fn two_hundred_reports_and_three_broken_ones() {
    let dir = tempfile::tempdir().unwrap();
    let input = reports(dir.path(), 200);
    std::fs::write(input.join("broken2.json"), "{\"version\": 1,\n \"meta\": {\"title\": 5}}\n").unwrap();
    std::fs::write(input.join("district/broken3.yaml"), "version: 1\nmeta:\n  title: [1, 2]\n").unwrap();
    let out = dir.path().join("out");
    let run = baogao(&["export", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "-j", "2", "--json"]);
    let lines: Vec<serde_json::Value> =
        String::from_utf8_lossy(&run.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let errors: Vec<&str> = lines.iter().filter_map(|l| l["error"].as_str()).collect();
    assert_eq!(errors.len(), 3, "{errors:?}");
    for (file, line) in [("broken.toml", 3), ("broken2.json", 2), ("broken3.yaml", 3)] {
        assert!(errors.iter().any(|e| e.contains(&format!("{file}:{line}:"))), "{file}: {errors:?}");
    }
    assert_eq!(run.status.code(), Some(1), "some reports failed");
    let written = files(&out);
    assert_eq!(written.keys().filter(|n| n.ends_with(".pdf")).count(), 200);
    assert_eq!(written.keys().filter(|n| n.ends_with(".docx")).count(), 200);
    assert!(written.keys().all(|n| !n.starts_with('.')), "no temporary file left");
}

#[test]
fn output_names_come_from_a_pattern_and_never_collide() {
    let dir = tempfile::tempdir().unwrap();
    let input = reports(dir.path(), 4);
    std::fs::remove_file(input.join("broken.toml")).unwrap();
    // r000.toml in district/ and another at the top would both be written as r000.*.
    std::fs::copy(input.join("r001.toml"), input.join("r000.toml")).unwrap();
    let out = dir.path().join("out");
    let clash = baogao(&["export", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&clash.stderr);
    assert_eq!(clash.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("r000.toml") && stderr.contains("nothing was written"), "{stderr}");
    assert!(!out.exists(), "nothing written");

    let pattern = "{issuer}-{title}-{stem}";
    let named = baogao(&["export", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--name", pattern]);
    assert!(named.status.success(), "{}", String::from_utf8_lossy(&named.stderr));
    let names: Vec<String> = files(&out).into_keys().collect();
    let expected = "__高新技术产业开发区管理委员会-第0园区2022年经济社会发展总结-r000.pdf";
    assert!(names.contains(&expected.to_owned()), "'*' made safe: {names:?}");
    assert_eq!(names.len(), 10);
    let same = baogao(&["export", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--name", "{issuer}"]);
    assert_eq!(same.status.code(), Some(2), "five reports, one issuer: a collision");
}

#[test]
fn an_existing_output_is_replaced_only_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let input = example("gaoxin-2022.toml");
    let export = |extra: &[&str]| {
        let mut args = vec!["export", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "-f", "txt"];
        args.extend(extra);
        baogao(&args)
    };
    assert!(export(&[]).status.success());
    std::fs::write(out.join("gaoxin-2022.txt"), "edited by hand").unwrap();
    let again = export(&[]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists; --force replaces it"));
    assert_eq!(std::fs::read_to_string(out.join("gaoxin-2022.txt")).unwrap(), "edited by hand");
    assert!(export(&["--force"]).status.success());
    assert_ne!(std::fs::read_to_string(out.join("gaoxin-2022.txt")).unwrap(), "edited by hand");
}

/// A batch stopped by a signal in its middle leaves whole files only: every PDF ends with
/// its trailer and every DOCX is a whole zip. SIGTERM lets the reports under way finish and
/// removes nothing it should not; SIGKILL cannot be caught, and still no named output is
/// partial (each is a temporary file renamed into place).
#[cfg(unix)]
#[test]
fn a_batch_killed_in_its_middle_leaves_only_whole_files() {
    for signal in ["TERM", "KILL"] {
        let dir = tempfile::tempdir().unwrap();
        let input = reports(dir.path(), 200);
        std::fs::remove_file(input.join("broken.toml")).unwrap();
        let out = dir.path().join("out");
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_baogao"))
            .args(["export", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "-j", "2", "-q"])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Wait until some outputs are written (temporary files aside), then stop the batch.
        let written = || {
            let names = std::fs::read_dir(&out).map(|d| d.flatten().map(|e| e.file_name()).collect::<Vec<_>>());
            names.map_or(0, |n| n.iter().filter(|n| !n.to_string_lossy().starts_with('.')).count())
        };
        let started = std::time::Instant::now();
        while written() < 20 && started.elapsed().as_secs() < 60 {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        std::process::Command::new("kill").args([&format!("-{signal}"), &child.id().to_string()]).status().unwrap();
        let status = child.wait().unwrap();
        assert!(!status.success(), "{signal}: the batch was stopped");
        let written = files(&out);
        let outputs: Vec<_> = written.iter().filter(|(name, _)| !name.starts_with(".baogao-")).collect();
        assert!(outputs.len() >= 20 && outputs.len() < 400, "{signal}: stopped in the middle: {}", outputs.len());
        for (name, bytes) in &outputs {
            if name.ends_with(".pdf") {
                let tail = String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(32)..]).into_owned();
                assert!(tail.contains("%%EOF"), "{signal}: {name} is cut short");
            } else {
                assert!(zip::ZipArchive::new(std::io::Cursor::new(bytes.as_slice())).is_ok(), "{signal}: {name}");
            }
        }
        if signal == "TERM" {
            assert_eq!(outputs.len(), written.len(), "no temporary file left after SIGTERM");
        }
    }
}

#[test]
fn a_manifest_gives_each_report_its_template_and_name() {
    let dir = tempfile::tempdir().unwrap();
    reports(dir.path(), 3);
    let csv = "input,template,name\nin/r001.toml,briefing,园区1 简报\nin/r002.toml,,\nin/district/r000.toml,gongwen,r000-公文\n";
    std::fs::write(dir.path().join("batch.csv"), csv).unwrap();
    let out = dir.path().join("out");
    let manifest = dir.path().join("batch.csv");
    let run = baogao(&["export", "--manifest", manifest.to_str().unwrap(), "-o", out.to_str().unwrap(), "-f", "pdf"]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let names: Vec<String> = files(&out).into_keys().collect();
    assert_eq!(names, ["r000-公文.pdf", "r002.pdf", "园区1 简报.pdf"]);
    // The briefing's footer, the gongwen's "— 1 —".
    let briefing = common::Pdf::open(&out.join("园区1 简报.pdf"));
    assert!(common::squeeze(&briefing.lines(0).last().unwrap().text()).starts_with("第1页共"));
    let gongwen = common::Pdf::open(&out.join("r002.pdf"));
    assert_eq!(common::squeeze(&gongwen.lines(0).last().unwrap().text()), "—1—");

    let jsonl = "{\"input\": \"in/r002.toml\", \"name\": \"二\"}\n{\"input\": \"in/r001.toml\", \"nme\": \"x\"}\n";
    std::fs::write(dir.path().join("batch.jsonl"), jsonl).unwrap();
    let manifest = dir.path().join("batch.jsonl");
    let bad = baogao(&["export", "--manifest", manifest.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert_eq!(bad.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("batch.jsonl:2:") && stderr.contains("nme"), "{stderr}");
}
