//! The README tells the truth: its commands run as written (the lead commands, every
//! command and flag of the synopsis), its example summary exports, and every file it names
//! exists. (Its pictures are compared with `scripts/pictures.sh`'s output in `.ci/run`,
//! which has pdftoppm.)

mod common;

use std::collections::BTreeSet;

use common::{baogao, root};

fn readme() -> String {
    std::fs::read_to_string(root().join("README.md")).unwrap()
}

/// The fenced code blocks of `text` tagged `tag`, in order.
fn blocks(text: &str, tag: &str) -> Vec<String> {
    let mut out = Vec::new();
    // Inside a block: whether it is tagged `tag`, and its text so far.
    let mut current: Option<(bool, String)> = None;
    for line in text.lines() {
        match (current.as_mut(), line.strip_prefix("```")) {
            (None, Some(info)) => current = Some((info.trim() == tag, String::new())),
            (Some(_), Some(_)) => {
                if let Some((true, block)) = current.take() {
                    out.push(block);
                }
            }
            (Some((_, block)), None) => {
                block.push_str(line);
                block.push('\n');
            }
            (None, None) => {}
        }
    }
    out
}

/// A command line without its trailing comment, as words.
fn words(line: &str) -> Vec<String> {
    let command = line.split(" #").next().unwrap_or(line);
    command.split_whitespace().map(str::to_owned).collect()
}

#[test]
fn the_lead_commands_run_and_write_what_they_say() {
    let text = readme();
    let lead = &blocks(&text, "sh")[0];
    let mut ran = 0;
    for line in lead.lines() {
        let words = words(line);
        let Some(at) = words.iter().position(|w| w == "--") else {
            assert_eq!(words, ["cargo", "test"], "the other lead command is the test suite: {line}");
            continue;
        };
        assert_eq!(words[..at], ["cargo", "run", "--release"], "{line}");
        let dir = tempfile::tempdir().unwrap();
        // Run from a copy's point of view: `out` becomes a fresh directory.
        let args: Vec<String> = words[at + 1..]
            .iter()
            .map(|w| match w.as_str() {
                "out" => dir.path().join("out").to_string_lossy().into_owned(),
                w if w.starts_with("examples/") => root().join(w).to_string_lossy().into_owned(),
                w => w.to_owned(),
            })
            .collect();
        let out = baogao(&args.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(out.status.success(), "{line}: {}", String::from_utf8_lossy(&out.stderr));
        // "# writes out/gaoxin-2022.pdf and .docx"
        let comment = line.split(" # ").nth(1).unwrap();
        let first = comment.split_whitespace().find(|w| w.starts_with("out/")).unwrap();
        let stem = first.rsplit_once('.').unwrap().0;
        let named: Vec<String> = comment
            .split_whitespace()
            .filter_map(|w| match w {
                w if w.starts_with("out/") => Some(w.to_owned()),
                w if w.starts_with('.') => Some(format!("{stem}{w}")),
                _ => None,
            })
            .collect();
        assert_eq!(named.len(), 2, "{comment}");
        for file in &named {
            let path = dir.path().join(file);
            assert!(path.is_file() && path.metadata().unwrap().len() > 1000, "{line}: {file} not written");
        }
        let written: BTreeSet<String> = std::fs::read_dir(dir.path().join("out"))
            .unwrap()
            .map(|e| format!("out/{}", e.unwrap().file_name().to_string_lossy()))
            .collect();
        assert_eq!(written, named.into_iter().collect(), "nothing more than it says");
        ran += 1;
    }
    assert_eq!(ran, 1);
}

#[test]
fn every_command_and_flag_of_the_synopsis_exists_and_the_commands_run() {
    let text = readme();
    let synopsis = &blocks(&text, "sh")[1];
    let mut commands = BTreeSet::new();
    for line in synopsis.lines() {
        let words = words(line);
        assert_eq!(words[0], "baogao", "{line}");
        let command = words[1].clone();
        let help = baogao(&[&command, "--help"]);
        assert!(help.status.success(), "`baogao {command}` is a command");
        let help = String::from_utf8_lossy(&help.stdout).into_owned();
        for flag in words.iter().flat_map(|w| w.split(['[', ']', '|'])).filter(|w| w.starts_with('-') && w.len() > 1) {
            let flag = flag.split('=').next().unwrap();
            assert!(help.contains(flag), "`baogao {command}` has no {flag}:\n{help}");
        }
        commands.insert(command);
    }
    // Each command run in a concrete form of its synopsis.
    let dir = tempfile::tempdir().unwrap();
    let example = root().join("examples/gaoxin-2022-filled.toml");
    let seed = root().join("examples/gaoxin-2022-summary.txt");
    let out = dir.path().join("out");
    let runs: Vec<Vec<String>> = vec![
        vec![
            "export".into(),
            example.display().to_string(),
            "-o".into(),
            out.display().to_string(),
            "-f".into(),
            "pdf,docx,txt".into(),
            "-t".into(),
            "briefing".into(),
        ],
        vec![
            "import".into(),
            seed.display().to_string(),
            "-o".into(),
            dir.path().join("seed.yaml").display().to_string(),
        ],
        vec!["schema".into()],
        vec!["schema".into(), "--template".into()],
        vec!["templates".into()],
        vec!["templates".into(), "show".into(), "gongwen".into()],
        vec!["fonts".into(), "--no-installed".into()],
        vec!["fonts".into(), "--no-installed".into(), "--all".into(), "--json".into()],
        vec!["completions".into(), "bash".into()],
        vec!["completions".into(), "zsh".into()],
        vec!["completions".into(), "fish".into()],
        vec!["man".into()],
    ];
    let mut ran = BTreeSet::new();
    for args in &runs {
        let output = baogao(&args.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(output.status.success(), "baogao {}: {}", args.join(" "), String::from_utf8_lossy(&output.stderr));
        // Commands print their result (export the paths written); import writes its file.
        let prints = args[0] != "import";
        assert!(!prints || !output.stdout.is_empty(), "baogao {} printed nothing", args.join(" "));
        ran.insert(args[0].clone());
    }
    // `man` is named in a comment of the synopsis.
    commands.insert("man".into());
    assert_eq!(ran, commands, "every command of the README is run here");
    for ext in ["pdf", "docx", "txt"] {
        assert!(out.join(format!("gaoxin-2022-filled.{ext}")).is_file());
    }
    assert!(dir.path().join("seed.yaml").is_file());
}

#[test]
fn the_example_summary_in_the_readme_exports() {
    let text = readme();
    let summary = &blocks(&text, "toml")[0];
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("readme.toml");
    std::fs::write(&input, summary).unwrap();
    let out = baogao(&["export", input.to_str().unwrap(), "-o", dir.path().to_str().unwrap(), "-f", "txt"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let printed = std::fs::read_to_string(dir.path().join("readme.txt")).unwrap();
    assert!(printed.contains("规上工业增加值") && printed.contains("一、聚力聚焦，壮大新兴产业"), "{printed}");
}

#[test]
fn every_file_the_readme_names_exists() {
    let text = readme();
    let mut named = BTreeSet::new();
    // Paths in backticks and in links: examples/…, docs/…, scripts/…, templates/…, fonts/….
    for piece in text.split(['`', '(', ')', ' ', '\n']) {
        let piece = piece.trim_end_matches([',', '.', ':', ';']);
        let roots = ["examples/", "docs/", "scripts/", "templates/", "fonts/", "src/", ".ci/"];
        if roots.iter().any(|r| piece.starts_with(r)) && !piece.contains(['*', '{', '<']) && piece.len() > 6 {
            named.insert(piece.split_whitespace().next().unwrap().to_owned());
        }
    }
    assert!(named.len() > 10, "{named:?}");
    for path in &named {
        assert!(root().join(path).exists(), "the README names {path}, which does not exist");
    }
}
