//! The typesetting rules real reports need, each on a crafted report, read back from the PDF:
//! nothing outside the text block, titles broken between words, no one-character last line,
//! no signature alone on a page, hanging punctuation and Latin runs on the grid, web
//! addresses, compressed punctuation of one width, joined dashes, key figures, decimals.

mod common;

use common::{baogao, is_page_number, Line, Pdf};

const MM: f32 = 72.0 / 25.4;
/// The gongwen text block: 28 mm from the left, 28 cells of 156 mm / 28 in whole twips
/// (15.8 pt, the pitch Word and LibreOffice keep), 442.4 pt.
const LEFT: f32 = 28.0 * MM;
const CELL: f32 = common::GONGWEN_CELL;
const RIGHT: f32 = LEFT + 28.0 * CELL;
/// The body's size on gongwen, 三号.
const BODY: f32 = 16.0;
/// The marks Word and LibreOffice hang in the margin.
const HANGING: &str = "，。、；：？！．";
const NO_LINE_START: &str = "，。、；：？！）》」』】〕〗〉’”%％…·.,;:?!)]}";

/// Exports each TOML summary under `template` in one run; the PDFs in order.
fn export_all(summaries: &[String], template: &str) -> (tempfile::TempDir, Vec<Pdf>) {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["export".to_owned()];
    for (i, summary) in summaries.iter().enumerate() {
        let path = dir.path().join(format!("r{i}.toml"));
        std::fs::write(&path, summary).unwrap();
        args.push(path.to_str().unwrap().to_owned());
    }
    args.extend(["-o", dir.path().to_str().unwrap(), "-t", template, "-f", "pdf,docx", "-q"].map(str::to_owned));
    let out = baogao(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let pdfs = (0..summaries.len()).map(|i| Pdf::open(&dir.path().join(format!("r{i}.pdf")))).collect();
    (dir, pdfs)
}

fn export(summary: &str, template: &str) -> (tempfile::TempDir, Pdf) {
    let (dir, mut pdfs) = export_all(&[summary.to_owned()], template);
    (dir, pdfs.remove(0))
}

/// A summary with `meta` lines and paragraphs.
fn summary(meta: &str, paragraphs: &[&str]) -> String {
    let mut out = format!("[meta]\n{meta}\n");
    for p in paragraphs {
        out.push_str(&format!("\n[[body]]\nparagraph = \"{p}\"\n"));
    }
    out
}

/// Every line of every page but the page numbers.
fn all_lines(pdf: &Pdf) -> Vec<Vec<Line>> {
    (0..pdf.pages.len()).map(|p| pdf.lines(p).into_iter().filter(|l| !is_page_number(&l.text())).collect()).collect()
}

/// Han characters, `n` of them, none a word the tests look for.
fn han(n: usize) -> String {
    "经济运行稳中有进发展质量持续提升产业结构不断优化".chars().cycle().take(n).collect()
}

#[test]
fn a_long_issuer_wraps_inside_the_block_between_words() {
    let issuer = "中共江淮市高新技术产业开发区工作委员会江淮市高新技术产业开发区管理委员会经济发展局";
    let joint = "江淮市人民政府办公室 江淮市财政局";
    let reports = [
        summary(&format!("title = \"通知\"\nissuer = \"{issuer}\"\ndate = \"2024-03-01\""), &["现予印发。"]),
        summary(&format!("title = \"通知\"\nissuer = \"{joint}\"\ndate = \"2024-03-01\""), &["现予印发。"]),
    ];
    let (_dir, pdfs) = export_all(&reports, "gongwen");
    // jieba's words of the long issuer: a line may end only after one of them.
    let words = [
        "中共",
        "江淮",
        "市",
        "高新技术",
        "产业",
        "开发区",
        "工作",
        "委员会",
        "江淮",
        "市",
        "高新技术",
        "产业",
        "开发区",
        "管理",
        "委员会",
        "经济",
        "发展局",
    ];
    let ends: Vec<usize> = words
        .iter()
        .scan(0, |at, w| {
            *at += w.chars().count();
            Some(*at)
        })
        .collect();
    for (pdf, name) in pdfs.iter().zip([issuer, joint]) {
        let lines: Vec<Line> = all_lines(pdf).concat();
        for line in &lines {
            assert!(line.x0() >= LEFT - 0.5 && line.x1() <= RIGHT + 0.5, "outside the block: {}", line.text());
        }
        // The signature's lines, above the date.
        let date = lines.iter().position(|l| l.text() == "2024年3月1日").expect("the date");
        let signed: Vec<String> =
            lines[..date].iter().rev().take_while(|l| l.text() != "现予印发。").map(Line::text).collect();
        let signed: Vec<String> = signed.into_iter().rev().collect();
        assert_eq!(signed.concat(), name.replace(' ', ""), "{signed:?}");
        assert!(signed.len() >= 2, "{signed:?}");
        if name == issuer {
            let mut at = 0;
            for line in &signed[..signed.len() - 1] {
                at += line.chars().count();
                assert!(ends.contains(&at), "the issuer breaks inside a word after {line}");
            }
        } else {
            // A joint issue: one issuer a line.
            assert_eq!(signed, ["江淮市人民政府办公室", "江淮市财政局"]);
        }
    }
}

#[test]
fn a_title_breaks_between_words_in_balanced_lines() {
    let title = "关于印发《江淮高新技术产业开发区2024年优化营商环境工作要点》的通知";
    let (_dir, pdf) = export(&summary(&format!("title = \"{title}\""), &["各有关单位："]), "gongwen");
    let lines = &all_lines(&pdf)[0];
    let title_lines: Vec<String> = lines.iter().filter(|l| l.size() == 22.0).map(Line::text).collect();
    assert_eq!(title_lines.concat(), title);
    assert_eq!(title_lines.len(), 2, "{title_lines:?}");
    // Word starts (jieba), less the year's 年 and the places kinsoku forbids (after 《, before 》).
    let words = [
        "关于",
        "印发",
        "《",
        "江淮",
        "高新技术",
        "产业",
        "开发区",
        "2024年",
        "优化",
        "营商",
        "环境",
        "工作",
        "要点",
        "》的",
        "通知",
    ];
    let starts: Vec<usize> = words
        .iter()
        .scan(0, |at, w| {
            let s = *at;
            *at += w.chars().count();
            Some(s)
        })
        .collect();
    let first = title_lines[0].chars().count();
    assert!(starts.contains(&first), "the title breaks inside a word: {title_lines:?}");
    // Balanced: the lines differ by a word at most, not 20 characters and the rest.
    let second = title_lines[1].chars().count();
    assert!(first.abs_diff(second) <= 4, "{title_lines:?}");
}

#[test]
fn a_paragraph_never_ends_in_a_line_of_one_character() {
    // 26 characters after the indent, 28, then "定。": the last would stand alone.
    let text = format!("{}定。", han(54));
    let (dir, pdf) = export(&summary("title = \"报告\"", &[&text]), "gongwen");
    let lines: Vec<String> = all_lines(&pdf)[0].iter().filter(|l| l.size() == BODY).map(Line::text).collect();
    assert_eq!(lines.concat(), text);
    let last = lines.last().unwrap();
    let counted = last.chars().filter(|c| !NO_LINE_START.contains(*c)).count();
    assert!(counted >= 2, "{lines:?}");
    // The line that ends early to take a character down holds fewer than its cells (26 after
    // the indent, 28 after); the DOCX breaks there too, and nowhere else: Word and LibreOffice
    // fill the other lines as the PDF does.
    let capacity = |k: usize| if k == 0 { 26 } else { 28 };
    let early: Vec<usize> = (0..lines.len() - 1).filter(|&k| lines[k].chars().count() < capacity(k)).collect();
    assert_eq!(early.len(), 1, "{lines:?}");
    let mut expected = vec![String::new()];
    for (k, line) in lines.iter().enumerate() {
        expected.last_mut().unwrap().push_str(line);
        if early.contains(&k) {
            expected.push(String::new());
        }
    }
    let document = common::docx_xml(&dir.path().join("r0.docx"), "word/document.xml");
    let paragraph = body_paragraphs(&document).into_iter().find(|p| p.text().contains("定")).expect("the paragraph");
    assert_eq!(paragraph.word_lines(), expected, "the DOCX's lines");
}

/// The DOCX's body paragraphs (style BodyText), in order.
fn body_paragraphs(document: &common::Element) -> Vec<&common::Element> {
    document
        .find("w:p")
        .into_iter()
        .filter(|p| p.first("w:pStyle").and_then(|s| s.attr("w:val")) == Some("BodyText"))
        .collect()
}

#[test]
fn the_signature_never_stands_alone_on_the_last_page() {
    // Paragraphs that end the body a line or two either side of a page's foot.
    let reports: Vec<String> = (0..8)
        .map(|extra| {
            let mut paragraphs: Vec<String> = (0..9).map(|_| han(54)).collect();
            paragraphs.push(han(26 + 28 * extra / 2 + extra));
            let paragraphs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
            summary(
                "title = \"报告\"\nissuer = \"江淮高新技术产业开发区管理委员会\"\ndate = \"2024-03-01\"",
                &paragraphs,
            )
        })
        .collect();
    let (dir, pdfs) = export_all(&reports, "gongwen");
    let (mut two_pages, mut taken) = (0, 0);
    for (i, pdf) in pdfs.iter().enumerate() {
        let pages = all_lines(pdf);
        if pages.len() < 2 {
            continue;
        }
        two_pages += 1;
        // Some line of the last page starts at the block's left edge or a paragraph's indent.
        let last = pages.last().unwrap();
        assert!(
            last.iter().any(|l| l.x0() < LEFT + 2.5 * CELL),
            "{:?}",
            last.iter().map(Line::text).collect::<Vec<_>>()
        );
        // Where the last page starts inside the last paragraph (a line at the block's left edge,
        // not the indent), the DOCX starts a page there too: the paragraph's rest goes on as a
        // Body Text Continued paragraph that starts a page, right after the paragraph's start.
        let first = &last[0];
        let document = common::docx_xml(&dir.path().join(format!("r{i}.docx")), "word/document.xml");
        let body = document.first("w:body").expect("a body");
        let paragraphs: Vec<&common::Element> = body.elements().filter(|e| e.name == "w:p").collect();
        let style = |p: &common::Element| p.first("w:pStyle").and_then(|s| s.attr("w:val")).map(str::to_owned);
        let continued: Vec<usize> =
            (0..paragraphs.len()).filter(|&k| style(paragraphs[k]).as_deref() == Some("BodyTextContinued")).collect();
        if (first.x0() - LEFT).abs() < 0.5 && first.size() == BODY {
            taken += 1;
            assert_eq!(continued.len(), 1, "r{i}: the paragraph parted before {}", first.text());
            let rest = paragraphs[continued[0]];
            assert!(rest.first("w:pageBreakBefore").is_some(), "r{i}: the rest starts a page");
            assert_eq!(style(paragraphs[continued[0] - 1]).as_deref(), Some("BodyText"), "r{i}");
            // The paragraph's lines that the last page holds, above the issuer.
            let held: String = last.iter().map(Line::text).take_while(|t| !t.starts_with("江淮高新技术")).collect();
            assert_eq!(rest.word_text(), held, "r{i}: the last page's lines after the break");
            assert!(rest.find("w:br").is_empty(), "r{i}: no page break inside a paragraph");
        } else {
            assert!(continued.is_empty(), "r{i}: the last page starts with a paragraph or the signature");
        }
    }
    assert!(two_pages >= 4, "the reports were to end near a page's foot");
    assert!(taken > 0, "no signature page took a paragraph's last lines");
}

#[test]
fn in_a_free_layout_the_signature_never_stands_alone_either() {
    // briefing spaces its paragraphs: the space after the last one must not part it from the
    // signature. Bodies of 10 to 25 paragraphs, so that some end at a page's foot.
    let reports: Vec<String> = (10..26)
        .map(|count| {
            let paragraphs: Vec<String> = (0..count).map(|k| han(40 + 7 * k)).collect();
            let paragraphs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
            summary(
                "title = \"报告\"\nissuer = \"江淮高新技术产业开发区管理委员会\"\ndate = \"2024-03-01\"",
                &paragraphs,
            )
        })
        .collect();
    let (_dir, pdfs) = export_all(&reports, "briefing");
    for pdf in &pdfs {
        let pages = all_lines(pdf);
        let body = |l: &&Line| l.size() == 12.0;
        let left = pages.iter().flatten().filter(body).map(Line::x0).fold(f32::MAX, f32::min);
        let last = pages.last().unwrap();
        assert!(
            pages.len() == 1 || last.iter().filter(body).any(|l| l.x0() < left + 2.5 * 12.0),
            "the signature alone: {:?}",
            last.iter().map(Line::text).collect::<Vec<_>>()
        );
    }
}

#[test]
fn addressees_stand_flush_left_under_the_title() {
    let meta = "title = \"关于做好2024年统计工作的通知\"\naddressees = [\"各县（市、区）人民政府\", \"市政府各部门、各直属机构\"]";
    let (_dir, pdf) = export(&summary(meta, &["现将有关事项通知如下。"]), "gongwen");
    let lines = &all_lines(&pdf)[0];
    let at = lines.iter().position(|l| l.text().starts_with("各县")).expect("the addressees");
    assert_eq!(lines[at].text(), "各县（市、区）人民政府，市政府各部门、各直属机构：");
    assert!((lines[at].x0() - LEFT).abs() < 0.5);
    assert_eq!(lines[at - 1].size(), 22.0, "right under the title and its blank line");
    assert!((lines[at + 1].x0() - (LEFT + 2.0 * CELL)).abs() < 0.5, "the body's indent");
}

#[test]
fn a_comma_after_a_full_grid_line_hangs_and_a_quote_takes_a_character_down() {
    let comma = format!("{}，{}。", han(54), han(10));
    let quote = format!("{}”{}。", han(54), han(10));
    // A figure that fills a full line to its edge, then a comma: the comma follows a Latin run,
    // not a wide character, and does not hang; the figure goes down with it (LibreOffice 7.4
    // sets "12.6%，" so). The figure takes the whole cells its advances in FandolFang, narrowed
    // to the grid's scale, need; the line's Han characters fill the others.
    let figure = "12.6%";
    let cells = latin_cells(figure);
    let latin = format!("{}{figure}，{}。", han(26 + 28 - cells), han(10));
    let (_dir, pdf) = export(&summary("title = \"报告\"", &[&comma, &quote, &latin]), "gongwen");
    let body: Vec<Line> = all_lines(&pdf)[0].iter().filter(|l| l.size() == BODY).cloned().collect();
    // The comma: 28 characters on their cells, the comma at the block's edge.
    let line = &body[1];
    assert_eq!(line.glyphs.len(), 29, "{}", line.text());
    for (k, g) in line.glyphs[..28].iter().enumerate() {
        assert!((g.x - (LEFT + k as f32 * CELL)).abs() < 0.05, "{} off its cell", g.text);
    }
    let mark = &line.glyphs[28];
    assert!(HANGING.contains(mark.text.as_str()) && (mark.x - RIGHT).abs() < 0.05, "{}", line.text());
    // The quotation mark does not hang: the line before it gives up a character.
    let line = &body[4];
    assert_eq!(line.glyphs.len(), 27, "{}", line.text());
    assert!(body[5].text().starts_with(&format!("{}”", han(54).chars().last().unwrap())));
    // After the figure: nothing hangs; the figure and its comma start the next line, and the
    // line they left holds the Han characters only, stretched to the block's edge.
    let at = body.iter().position(|l| l.text().contains(figure)).expect("the figure");
    assert!(body[at].text().starts_with(&format!("{figure}，")), "{} / {}", body[at - 1].text(), body[at].text());
    let before = &body[at - 1];
    assert_eq!(before.text(), han(26 + 28 - cells).chars().skip(26).collect::<String>());
    assert!((before.x1() - RIGHT).abs() < 0.5, "justified: {}", before.x1());
    for line in &body {
        assert!(line.x1() <= RIGHT + BODY + 0.05, "{}", line.text());
        if let [.., last, mark] = line.glyphs.as_slice() {
            if mark.x >= RIGHT - 0.05 {
                assert!(HANGING.contains(mark.text.as_str()) && !last.text.is_ascii(), "hung: {}", line.text());
            }
        }
    }
}

/// The cells a run of Latin letters or digits takes on the gongwen grid: its advances in the
/// body's font (FandolFang, as the PDF embeds it), narrowed to the grid's scale (98 % for 16 pt
/// on a 15.8 pt cell), in whole cells.
fn latin_cells(run: &str) -> usize {
    let data = std::fs::read(common::root().join("fonts/FandolFang-Regular.ttf")).unwrap();
    let face = rustybuzz::ttf_parser::Face::parse(&data, 0).unwrap();
    let units: f32 =
        run.chars().map(|c| f32::from(face.glyph_hor_advance(face.glyph_index(c).unwrap()).unwrap())).sum();
    let width = units / f32::from(face.units_per_em()) * BODY * common::grid_scale(CELL, BODY);
    (width / CELL - 1e-3).ceil() as usize
}

#[test]
fn han_characters_stand_on_their_cells_after_latin_runs() {
    let text =
        "今年1至11月，规上工业增加值增长12.6%，高新技术产业增长18.3%，引进Huawei等龙头企业5家，建成5G基站120个。";
    let (_dir, pdf) = export(&summary("title = \"报告\"", &[text]), "gongwen");
    let body: Vec<Line> = all_lines(&pdf)[0].iter().filter(|l| l.size() == BODY).cloned().collect();
    let first = &body[0];
    let is_han = |g: &common::Glyph| g.text.chars().all(|c| c as u32 >= 0x2E80);
    for g in first.glyphs.iter().filter(|g| is_han(g)) {
        let cells = (g.x - LEFT) / CELL;
        assert!((cells - cells.round()).abs() < 0.01, "{} at {:.2} cells: {}", g.text, cells, first.text());
    }
    // "1" between 年 and 至 stands in the middle of its cell, the fifth of the line (the
    // indent takes two): its advance (the font's, 8 pt, as the PDF declares it) narrowed to
    // the grid's scale, 98 %, is centred.
    let one = &first.glyphs[2];
    assert_eq!(one.text, "1");
    let middle = LEFT + 4.5 * CELL;
    let advance = (one.x1 - one.x) * common::grid_scale(CELL, BODY);
    assert!((one.x + advance / 2.0 - middle).abs() < 0.05, "{} {}", one.x, one.x1);
    // "11" follows 至 in the next cell, its digits one scaled advance apart.
    let (a, b) = (&first.glyphs[4], &first.glyphs[5]);
    assert_eq!((a.text.as_str(), b.text.as_str()), ("1", "1"));
    assert!((b.x - a.x - (a.x1 - a.x) * common::grid_scale(CELL, BODY)).abs() < 0.01, "{} {}", a.x, b.x);
}

#[test]
fn web_addresses_break_after_separators_and_are_never_letter_spaced() {
    let url = "https://www.example.gov.cn/zwgk/2024/notice-on-the-annual-economic-summary-final-version.html";
    let text = format!("详见{url}，或致函office@example.gov.cn咨询。");
    for template in ["gongwen", "briefing"] {
        let (_dir, pdf) = export(&summary("title = \"报告\"", &[&text]), template);
        let size = if template == "gongwen" { 16.0 } else { 12.0 };
        let body: Vec<Line> = all_lines(&pdf)[0].iter().filter(|l| l.size() == size).cloned().collect();
        let joined: String = body.iter().map(Line::text).collect();
        assert_eq!(joined, text);
        // Where a line ends inside the address, it ends after / - or ?: the host name and
        // the mail address stay whole, as LibreOffice keeps them.
        for line in &body[..body.len() - 1] {
            let end = line.text().chars().last().unwrap();
            if end.is_ascii() {
                assert!("/-?".contains(end), "{template}: a line ends at {end}: {}", line.text());
            }
        }
        assert!(body.iter().any(|line| line.text().contains("www.example.gov.cn/")), "{template}: host name broken");
        assert!(body.iter().any(|line| line.text().contains("office@example.gov.cn")), "{template}: mail broken");
        // Inside a Latin run each letter follows the one before at its advance, give or take
        // the font's kerning (up to 1.3 pt, mostly tighter); letter-spacing would open every
        // gap alike.
        for line in &body {
            let gaps: Vec<f32> = line
                .glyphs
                .windows(2)
                .filter(|pair| pair[0].text.is_ascii() && pair[1].text.is_ascii())
                .map(|pair| pair[1].x - pair[0].x1)
                .collect();
            let mean = gaps.iter().sum::<f32>() / gaps.len().max(1) as f32;
            assert!(gaps.iter().all(|g| g.abs() < 2.0) && mean < 0.1, "{template}: {gaps:?} in {}", line.text());
        }
    }
}

#[test]
fn compressed_marks_are_one_width_inside_lines() {
    let text = format!("{}，{}，{}，{}，{}，{}。", han(9), han(13), han(7), han(21), han(11), han(17));
    let (_dir, pdf) = export(&summary("title = \"报告\"", &[&text, &text]), "briefing");
    let body: Vec<Line> = all_lines(&pdf).concat().into_iter().filter(|l| l.size() == 12.0).collect();
    let mut checked = 0;
    for line in &body {
        let g = &line.glyphs;
        // The pitch of two Han characters on this line: an em plus the line's gap stretch.
        let Some(pitch) = g
            .windows(2)
            .find(|p| !"，。".contains(p[0].text.as_str()) && !"，。".contains(p[1].text.as_str()))
            .map(|p| p[1].x - p[0].x)
        else {
            continue;
        };
        for k in 1..g.len().saturating_sub(1) {
            if g[k].text == "，" {
                assert!((g[k + 1].x - g[k].x - pitch).abs() < 0.05, "a comma of another width in {}", line.text());
                checked += 1;
            }
        }
    }
    assert!(checked >= 6, "{checked} commas inside lines");
}

#[test]
fn a_chinese_dash_is_one_unbroken_line() {
    // A single dash ("1—11月") beside the double one: one glyph for the character in both.
    let text = format!("1—11月，{}——{}。", han(20), han(30));
    let (_dir, pdf) = export(&summary("title = \"报告\"", &[&text]), "briefing");
    let glyphs: Vec<common::Glyph> = all_lines(&pdf).concat().into_iter().flat_map(|l| l.glyphs).collect();
    let at = glyphs.iter().rposition(|g| g.text == "—").expect("a dash") - 1;
    assert_eq!(glyphs[at + 1].text, "—");
    // Noto Sans SC's CJK dash (U+2015) is inked from 72 to 928 of 1000 units: the second
    // piece starts where the first one's ink ends, 0.856 em on.
    let step = glyphs[at + 1].x - glyphs[at].x;
    assert!((step - 0.856 * 12.0).abs() < 0.05, "the pieces stand {step:.2} pt apart");
}

#[test]
fn key_figures_are_chosen_in_the_summary_and_stand_in_their_boxes() {
    let indicators = r#"
[[indicators]]
id = "plan"
name = "地区生产总值预期增长"
value = 6.0
unit = "%"
kind = "target"

[[indicators]]
id = "gdp"
name = "地区生产总值"
value = 1234567.8
unit = "万元"
kind = "total"

[[indicators]]
id = "firms"
name = "新增市场主体"
value = 3.0
unit = "万户"
kind = "count"
comparison = { basis = "同比", change = 3.0, unit = "%" }

[[indicators]]
id = "exports"
name = "出口总额"
value = 98.1
unit = "亿元"
kind = "total"

[[indicators]]
id = "jobs"
name = "城镇新增就业"
value = 8650
unit = "人"
kind = "count"
"#;
    let chosen = format!("[meta]\ntitle = \"简报\"\nkey_figures = [\"firms\", \"gdp\", \"exports\", \"jobs\"]\n{indicators}\n[[body]]\nparagraph = \"正文。\"\n");
    let default = format!("[meta]\ntitle = \"简报\"\n{indicators}\n[[body]]\nparagraph = \"正文。\"\n");
    let (_dir, pdfs) = export_all(&[chosen, default], "briefing");
    let text = |pdf: &Pdf| pdf.text();
    // Chosen: the two named, in their order. By default the results, not the target.
    let chosen_text = text(&pdfs[0]);
    let (firms, gdp) = (chosen_text.find("新增市场主体").unwrap(), chosen_text.find("地区生产总值").unwrap());
    assert!(firms < gdp && !chosen_text.contains("预期增长"), "{chosen_text}");
    assert!(!text(&pdfs[1]).contains("预期增长"));
    // The briefing shows changes with arrows.
    assert!(chosen_text.contains("3.0万户") && chosen_text.contains("同比↑3.0%"), "{chosen_text}");
    // Four boxes across the block (25 mm margins, 160 mm), 4 mm apart: each figure inside its
    // own, the 1234567.8万元 that is wider than its box at 20 pt too.
    let (left, width, gap) = (25.0 * MM, 160.0 * MM, 4.0 * MM);
    let boxed = (width - 3.0 * gap) / 4.0;
    let figures = ["3.0万户", "1234567.8万元", "98.1亿元", "8650人"];
    let glyphs: Vec<common::Glyph> = pdfs[0].lines(0).into_iter().flat_map(|l| l.glyphs).collect();
    for (k, figure) in figures.iter().enumerate() {
        let (from, to) = (left + k as f32 * (boxed + gap), left + k as f32 * (boxed + gap) + boxed);
        let inside: String =
            glyphs.iter().filter(|g| g.x >= from && g.x1 <= to && g.size > 9.0).map(|g| g.text.as_str()).collect();
        assert!(inside.contains(figure), "{figure} not inside [{from}, {to}]: {inside}");
    }
}

#[test]
fn a_long_title_as_running_header_stays_inside_the_block() {
    let title = "关于印发《江淮高新技术产业开发区2024年优化营商环境工作要点》及《2024年重点项目建设推进方案》和《年度考核办法》的通知";
    let (_dir, pdf) = export(&summary(&format!("title = \"{title}\""), &[&han(300)]), "briefing");
    // The briefing's block: 25 mm margins on A4.
    let (left, right) = (25.0 * MM, (210.0 - 25.0) * MM);
    for page in all_lines(&pdf) {
        for line in page {
            assert!(line.x0() >= left - 0.5 && line.x1() <= right + 0.5, "outside the block: {}", line.text());
        }
    }
}

#[test]
fn a_key_figures_change_keeps_its_figure_with_its_unit() {
    // "较1—9月 ↓0.8个百分点" is wider than a box: it breaks between words, never inside
    // "0.8个百分点" (jieba cuts 个 | 百分点).
    let summary = r#"[meta]
title = "简报"

[[indicators]]
id = "rate"
name = "规上工业增加值增速"
value = -2.7
unit = "%"
kind = "growth_rate"
comparison = { basis = "较1—9月", change = -0.8, unit = "个百分点" }

[[indicators]]
id = "gdp"
name = "地区生产总值"
value = 186.4
unit = "亿元"
kind = "total"

[[indicators]]
id = "fai"
name = "固定资产投资"
value = 72.15
unit = "亿元"
kind = "total"

[[indicators]]
id = "retail"
name = "社会消费品零售总额"
value = 58.9
unit = "亿元"
kind = "total"

[[body]]
paragraph = "正文。"
"#;
    let (_dir, pdf) = export(summary, "briefing");
    let lines: Vec<String> = pdf.lines(0).iter().map(|l| l.text()).collect();
    assert!(lines.iter().any(|l| l.contains("0.8个百分点")), "{lines:?}");
    assert!(!lines.iter().any(|l| l.ends_with('个') || l.starts_with("百分点")), "{lines:?}");
}
