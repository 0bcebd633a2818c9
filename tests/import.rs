//! `baogao import`: reports as plain text or Word become structured summaries with the same
//! structure, text and figures; encodings and line ends do not matter; a DOCX written by
//! baogao comes back as the summary it was written from; bad input is refused plainly.

mod common;

use std::path::Path;

use baogao::import::{self, Imported, SourceFormat};
use baogao::input::InputFormat;
use baogao::model::{pieces, Block, Cell, Piece, Summary};
use baogao::template::fill;
use common::{baogao, example, export, is_page_number, squeeze, Pdf};

/// A report with everything the import recognises: document number, title, subtitle, lead
/// paragraph, headings at four levels under chapters, a numbered paragraph below them, a
/// captioned table, literal braces, attachments, the issuer and the date.
const FULL_REPORT: &str = "高新〔2022〕12号
关于2022年经济运行情况的报告
（2022年1—11月）

\u{3000}\u{3000}今年1至11月，全区规上工业增加值增长12.5%、进出口总额下降3.2%；新增市场主体1200户，同比增长8.5%。
第一章　总体情况
一、工业
（一）园区建设
1.载体
（1）标准厂房建成12万平方米。
新开工项目{重点}8个。
表1　主要指标
指标\t单位\t数值
规上工业增加值\t%\t12.5
进出口总额\t亿元\t36.20
2.平台
二、民生
\u{3000}\u{3000}民生支出占比超过七成。
附件：1.主要指标表
2.项目清单
某某高新技术产业开发区管理委员会
2022年12月20日
";

fn import_bytes(name: &str, bytes: &[u8], format: SourceFormat) -> Summary {
    import::from_bytes(name, bytes, format).unwrap_or_else(|e| panic!("{name}: {e}")).summary
}

fn seed() -> Vec<u8> {
    std::fs::read(example("gaoxin-2022-summary.txt")).unwrap()
}

/// A body as a list of (depth, kind, text): headings, paragraphs with their figures filled
/// in, table cells. Indicator tables and charts are left out: plain text has none.
fn outline(summary: &Summary) -> Vec<(usize, &'static str, String)> {
    fn walk(blocks: &[Block], summary: &Summary, depth: usize, out: &mut Vec<(usize, &'static str, String)>) {
        for block in blocks {
            match block {
                Block::Section(section) => {
                    out.push((depth, "heading", section.heading.clone()));
                    walk(&section.content, summary, depth + 1, out);
                }
                Block::Paragraph { paragraph } => out.push((depth, "paragraph", fill(paragraph, summary))),
                Block::Table { table } => {
                    let cells = table.rows.iter().flatten().map(Cell::text);
                    let text: Vec<&str> = table.header.iter().map(String::as_str).chain(cells).collect();
                    out.push((depth, "table", text.join("|")));
                }
                Block::IndicatorTable { .. } | Block::Chart { .. } | Block::PageBreak { .. } => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(&summary.body, summary, 1, &mut out);
    out
}

#[test]
fn the_seed_imports_to_the_example_summary() {
    let imported = import_bytes("seed.txt", &seed(), SourceFormat::Txt);
    let expected = baogao::input::load(&example("gaoxin-2022.toml"), None).unwrap().summary;
    assert_eq!(imported.meta.title, expected.meta.title);
    assert_eq!(imported.depth(), 1, "four top-level sections");
    assert_eq!(outline(&imported), outline(&expected), "the same sections, paragraphs and text");

    // The lead paragraph keeps placeholders for its figures: eight of them.
    let Block::Paragraph { paragraph: lead } = &imported.body[0] else { panic!("no lead paragraph") };
    let mut ids: Vec<&str> = pieces(lead)
        .unwrap()
        .into_iter()
        .filter_map(|p| match p {
            Piece::Figure { id, .. } => Some(id),
            Piece::Text(_) | Piece::Meta { .. } => None,
        })
        .collect();
    ids.dedup();
    assert!(ids.len() >= 8, "{} indicators from the lead paragraph: {ids:?}", ids.len());
    assert!(lead.contains("规上工业增加值增长{gui_shang_gong_ye_zeng_jia_zhi}"), "{lead}");

    // Where the example names an indicator alike, the import found the same figure.
    let mut alike = 0;
    for wanted in &expected.indicators {
        if let Some(found) = imported.indicators.iter().find(|i| i.name == wanted.name) {
            assert_eq!((&found.value, &found.unit, found.kind), (&wanted.value, &wanted.unit, wanted.kind));
            assert_eq!(found.rank, wanted.rank, "{}", wanted.name);
            alike += 1;
        }
    }
    assert!(alike >= 6, "only {alike} of the example's indicators found by name");
}

#[test]
fn encodings_line_ends_and_indents_do_not_matter() {
    let seed = seed();
    let text = String::from_utf8(seed.clone()).unwrap();
    let expected = import_bytes("seed.txt", &seed, SourceFormat::Txt);
    let (gbk, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    let indented: String = text.lines().map(|l| format!("\u{3000}\u{3000}{l}  \n")).collect();
    let variants: [(&str, Vec<u8>); 4] = [
        ("GBK", gbk.into_owned()),
        ("CRLF", text.replace('\n', "\r\n").into_bytes()),
        ("BOM", [b"\xEF\xBB\xBF".as_slice(), &seed].concat()),
        ("full-width indents", indented.into_bytes()),
    ];
    for (name, bytes) in variants {
        assert_eq!(import_bytes(name, &bytes, SourceFormat::Txt), expected, "{name}");
    }

    // And from the command line, GBK and CRLF files give the same summary file.
    let dir = tempfile::tempdir().unwrap();
    let run = |name: &str, bytes: &[u8]| {
        let input = dir.path().join(name);
        std::fs::write(&input, bytes).unwrap();
        let out = baogao(&["import", input.to_str().unwrap()]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        // The first line names the file imported.
        String::from_utf8(out.stdout).unwrap().split_once('\n').unwrap().1.to_owned()
    };
    let utf8 = run("utf8.txt", &seed);
    assert_eq!(run("gbk.txt", &encoding_rs::GB18030.encode(&text).0), utf8);
    assert_eq!(run("crlf.txt", text.replace('\n', "\r\n").as_bytes()), utf8);
}

#[test]
fn import_then_export_keeps_every_character() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("seed.toml");
    let seed_path = example("gaoxin-2022-summary.txt");
    let out = baogao(&["import", seed_path.to_str().unwrap(), "-o", summary.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no issuer or date found"), "the note says what to add: {stderr}");
    common::export(&summary, dir.path(), "pdf");
    let pdf = Pdf::open(&dir.path().join("seed.pdf"));
    let text: String = (0..pdf.pages.len())
        .flat_map(|p| pdf.lines(p))
        .map(|line| line.text())
        .filter(|line| !is_page_number(line))
        .collect();
    // gongwen prints the period import found (the title's year, the lead's months) under
    // the title; every other character is the seed's.
    let seed = String::from_utf8(seed()).unwrap().replacen("总结\n", "总结\n（2022年*—**月）\n", 1);
    assert_eq!(squeeze(&text), squeeze(&seed));
}

#[test]
fn the_parts_of_a_full_report() {
    let summary = import_bytes("full.txt", FULL_REPORT.as_bytes(), SourceFormat::Txt);
    let meta = &summary.meta;
    assert_eq!(meta.doc_number.as_deref(), Some("高新〔2022〕12号"));
    assert_eq!(meta.subtitle, None, "the line in brackets under the title is the period");
    assert_eq!(meta.issuer.as_deref(), Some("某某高新技术产业开发区管理委员会"));
    assert_eq!(meta.date.as_deref(), Some("2022-12-20"));
    assert_eq!(meta.period.as_deref(), Some("2022年1—11月"));
    assert_eq!(meta.attachments, ["主要指标表", "项目清单"]);
    assert_eq!(summary.depth(), 4, "chapter, 一、 （一） 1.; （1） stays a paragraph");
    let names: Vec<&str> = summary.indicators.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["规上工业增加值", "进出口总额", "新增市场主体", "新增市场主体增速"]);
    let outline = outline(&summary);
    let expected = [
        (
            1,
            "paragraph",
            "今年1至11月，全区规上工业增加值增长12.5%、进出口总额下降3.2%；新增市场主体1200户，同比增长8.5%。",
        ),
        (1, "heading", "总体情况"),
        (2, "heading", "工业"),
        (3, "heading", "园区建设"),
        (4, "heading", "载体"),
        (5, "paragraph", "（1）标准厂房建成12万平方米。"),
        (5, "paragraph", "新开工项目{重点}8个。"),
        (5, "table", "指标|单位|数值|规上工业增加值|%|12.5|进出口总额|亿元|36.20"),
        (4, "heading", "平台"),
        (2, "heading", "民生"),
        (3, "paragraph", "民生支出占比超过七成。"),
    ];
    let expected: Vec<(usize, &str, String)> = expected.iter().map(|(d, k, t)| (*d, *k, t.to_string())).collect();
    assert_eq!(outline, expected);
}

/// Writes `summary` as TOML, exports its DOCX under `template` and imports that.
fn docx_round_trip(summary: &Summary, template: &str, dir: &Path) -> Summary {
    let imported = Imported { summary: summary.clone(), notes: Vec::new() };
    let input = dir.join(format!("{template}.toml"));
    std::fs::write(&input, import::to_text(&imported, InputFormat::Toml, "test").unwrap()).unwrap();
    let docx = common::export_docx(&input, template, dir);
    import_bytes("round trip", &docx, SourceFormat::Docx)
}

#[test]
fn a_docx_written_by_baogao_imports_back_to_its_summary() {
    let dir = tempfile::tempdir().unwrap();
    let full = import_bytes("full.txt", FULL_REPORT.as_bytes(), SourceFormat::Txt);
    let signed = [seed(), "**高新技术产业开发区管理委员会\n2022年12月20日\n".as_bytes().to_vec()].concat();
    let seed = import_bytes("seed.txt", &signed, SourceFormat::Txt);
    assert_eq!(seed.meta.issuer.as_deref(), Some("**高新技术产业开发区管理委员会"));
    for template in ["gongwen", "briefing"] {
        assert_eq!(docx_round_trip(&full, template, dir.path()), full, "{template}: the full report");
        assert_eq!(docx_round_trip(&seed, template, dir.path()), seed, "{template}: the seed");
    }
}

#[test]
fn summaries_in_every_format_export() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("full.txt");
    std::fs::write(&input, FULL_REPORT).unwrap();
    for name in ["full.toml", "full.json", "full.yaml"] {
        let output = dir.path().join(name);
        let out = baogao(&["import", input.to_str().unwrap(), "-o", output.to_str().unwrap()]);
        assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        let summary = baogao::input::load(&output, None).unwrap().summary;
        assert_eq!(summary.meta.attachments.len(), 2, "{name}");
    }
    // An existing summary is replaced only with --force, and never the report itself.
    let output = dir.path().join("full.toml");
    let again = baogao(&["import", input.to_str().unwrap(), "-o", output.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    let over = baogao(&["import", input.to_str().unwrap(), "-o", input.to_str().unwrap(), "--force"]);
    assert_eq!(over.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&input).unwrap(), FULL_REPORT, "the report is never modified");
}

#[test]
fn bad_input_is_refused_with_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    // A zip whose document is cut short, as a failed copy leaves it.
    let mut cut = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    cut.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
    std::io::Write::write_all(&mut cut, b"<w:document><w:body><w:p><w:r><w:t>\xE6\x8A").unwrap();
    let cut = cut.finish().unwrap().into_inner();
    let cases: [(&str, &[u8], &str); 7] = [
        ("empty.txt", b"", "the file is empty"),
        ("blank.txt", "\u{3000}\n\r\n".as_bytes(), "the file is empty"),
        ("picture.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0", "binary file"),
        ("latin1.txt", b"ok\nbad \xff\xfe here\n", ":2:5: byte 0xFF is not UTF-8 or GB18030 text"),
        ("letter.docx", "不是压缩包".as_bytes(), "a DOCX file is a zip archive"),
        ("broken.docx", b"PK\x03\x04 and then nothing", "not a readable DOCX"),
        ("cut.docx", &cut, "word/document.xml is not well-formed XML"),
    ];
    for (name, bytes, message) in cases {
        let input = dir.path().join(name);
        std::fs::write(&input, bytes).unwrap();
        let output = dir.path().join(format!("{name}.toml"));
        let out = baogao(&["import", input.to_str().unwrap(), "-o", output.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(stderr.contains(input.to_str().unwrap()) && stderr.contains(message), "{name}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(!output.exists(), "{name}: nothing written");
    }
}

#[test]
fn a_docx_that_docx_rs_cannot_read_is_refused_quietly() {
    let dir = tempfile::tempdir().unwrap();
    export(&example("gaoxin-2022.toml"), dir.path(), "docx");
    // Well-formed XML, an intact zip, but a paragraph style without its name: docx-rs
    // unwraps on it.
    let written = std::fs::read(dir.path().join("gaoxin-2022.docx")).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(written)).unwrap();
    let mut nameless = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for index in 0..archive.len() {
        let mut part = archive.by_index(index).unwrap();
        let name = part.name().to_owned();
        let mut content = String::new();
        std::io::Read::read_to_string(&mut part, &mut content).unwrap();
        if name == "word/document.xml" {
            let at = content.find("<w:pStyle w:val=").expect("a styled paragraph");
            let end = at + content[at..].find("/>").unwrap();
            content.replace_range(at..end, "<w:pStyle ");
        }
        nameless.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        std::io::Write::write_all(&mut nameless, content.as_bytes()).unwrap();
    }
    let input = dir.path().join("nameless.docx");
    std::fs::write(&input, nameless.finish().unwrap().into_inner()).unwrap();
    let output = dir.path().join("nameless.toml");
    let out = baogao(&["import", input.to_str().unwrap(), "-o", output.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("not a readable DOCX: a part of it is malformed"), "{stderr}");
    assert!(!stderr.contains("panicked"), "docx-rs's panic stays off the terminal: {stderr}");
    assert!(!output.exists());
}

#[test]
fn sentences_notes_and_signatures_are_not_mistaken() {
    let outline_of = |text: &str| {
        let summary = import_bytes("case.txt", text.as_bytes(), SourceFormat::Txt);
        let outline: Vec<(usize, String)> = outline(&summary).into_iter().map(|(d, _, t)| (d, t)).collect();
        (summary, outline)
    };
    let owned = |items: &[(usize, &str)]| items.iter().map(|(d, t)| (*d, t.to_string())).collect::<Vec<_>>();

    // Numbered sentences are numbered paragraphs, not headings.
    let (_, got) =
        outline_of("标题\n一、总体\n（1）标准厂房建成12万平方米。\n（2）道路通车5公里。\n全年工作成效明显。\n");
    let want =
        [(1, "总体"), (2, "（1）标准厂房建成12万平方米。"), (2, "（2）道路通车5公里。"), (2, "全年工作成效明显。")];
    assert_eq!(got, owned(&want));

    // "附件：" followed by a heading and text is no attachments note: nothing leaves the body.
    let (summary, got) = outline_of("标题\n正文。\n附件：1.主要指标表\n二、后面的章节\n很多正文内容，很多。\n");
    assert!(summary.meta.attachments.is_empty());
    assert_eq!(got.len(), 4, "{got:?}");

    // Only an issuing body signs; an impossible date is no date.
    let (summary, got) = outline_of("标题\n正文。\n特此报告\n2022年12月20日\n");
    assert_eq!((summary.meta.issuer, summary.meta.date.as_deref()), (None, Some("2022-12-20")));
    assert_eq!(got, owned(&[(1, "正文。"), (1, "特此报告")]));
    let (summary, got) = outline_of("标题\n正文。\n某某市统计局\n2022年2月30日\n");
    assert_eq!((summary.meta.issuer, summary.meta.date), (None, None));
    assert_eq!(got.len(), 3);

    // Word's "save as text": a heading's number, a tab, its words; a table whose corner is empty.
    let (_, got) = outline_of("标题\n一、\t总体情况\n（一）\t工业经济\n\t2021年\t2022年\n产值\t1\t2\n");
    assert_eq!(got, owned(&[(1, "总体情况"), (2, "工业经济"), (3, "|2021年|2022年|产值|1|2")]));

    // A name that comes again and again: every figure its own id.
    let text = format!("标题\n{}\n", "新增企业1家。".repeat(2000));
    let (summary, _) = outline_of(&text);
    let ids: std::collections::HashSet<&str> = summary.indicators.iter().map(|i| i.id.as_str()).collect();
    assert_eq!((summary.indicators.len(), ids.len()), (2000, 2000));
    assert!(ids.contains("xin_zeng_qi_ye_2000"));
}
