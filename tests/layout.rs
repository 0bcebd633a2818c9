//! The line and page engine, through the command line, read back from the PDF: a 30-page
//! generated report on the gongwen grid, and crafted paragraphs for each rule.

mod common;
#[path = "../examples/long_report.rs"]
mod long_report;

use std::path::{Path, PathBuf};

use common::{baogao, squeeze, Line, Pdf};

const NO_LINE_START: &str = "，。、；：？！）》」』】〕〗〉’”%％…·.,;:?!)]}";
const NO_LINE_END: &str = "（《「『【〔〖〈‘“([{";
const MM: f32 = 72.0 / 25.4;
/// The marks the gongwen template hangs past the block's right edge, one cell wide (as Word and
/// LibreOffice hang them).
const HUNG: &str = "，。、；：？！．";
/// The gongwen text block: 28 mm from the left, 28 cells of 156 mm / 28 in whole twips (15.8
/// pt, the pitch Word and LibreOffice keep).
const LEFT: f32 = 28.0 * MM;
const CELL: f32 = common::GONGWEN_CELL;
const RIGHT: f32 = LEFT + 28.0 * CELL;

fn is_page_number(line: &Line) -> bool {
    common::is_page_number(&line.text())
}

/// Lines of the paragraphs on page `page`: body lines, the closing issuer and date aside.
fn paragraph_lines(pdf: &Pdf, page: usize) -> Vec<Line> {
    body_lines(pdf).swap_remove(page).into_iter().filter(|l| l.x0() < LEFT + 40.0).collect()
}

/// Body lines (16 pt, page numbers and the period's line under the title aside) of each page.
fn body_lines(pdf: &Pdf) -> Vec<Vec<Line>> {
    let body = |l: &Line| l.size() == 16.0 && !is_page_number(l) && l.text() != "（2022年）";
    (0..pdf.pages.len()).map(|p| pdf.lines(p).into_iter().filter(body).collect()).collect()
}

fn is_full_width(ch: char) -> bool {
    let o = ch as u32;
    o >= 0x2E80 || (0x2014..=0x201D).contains(&o) || o == 0x2026 || (0xFF00..=0xFFEF).contains(&o)
}

/// A report with `paragraphs` in the body, written to `dir`.
fn report(dir: &Path, name: &str, paragraphs: &[&str]) -> PathBuf {
    let mut toml =
        String::from("[meta]\ntitle = \"测试\"\nissuer = \"某局\"\ndate = \"2023-01-05\"\nperiod = \"2022年\"\n");
    for p in paragraphs {
        toml.push_str(&format!("\n[[body]]\nparagraph = \"{p}\"\n"));
    }
    let path = dir.join(name);
    std::fs::write(&path, toml).unwrap();
    path
}

/// The gongwen template with `from` replaced by `to`, written to `dir`.
fn template(dir: &Path, name: &str, changes: &[(&str, &str)]) -> PathBuf {
    let mut text = std::fs::read_to_string(common::root().join("templates/gongwen.toml")).unwrap();
    for (from, to) in changes {
        assert!(text.contains(from), "the template has no `{from}`");
        text = text.replace(from, to);
    }
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn export_with(input: &Path, dir: &Path, template: Option<&Path>) -> (Pdf, String) {
    // Exports of one input under several templates replace each other.
    let mut args = vec!["export", input.to_str().unwrap(), "-o", dir.to_str().unwrap(), "-f", "pdf,txt", "--force"];
    if let Some(t) = template {
        args.extend(["-t", t.to_str().unwrap()]);
    }
    let out = baogao(&args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    let stem = input.file_stem().unwrap().to_str().unwrap();
    (Pdf::open(&dir.join(format!("{stem}.pdf"))), stderr)
}

#[test]
fn a_thirty_page_report_fills_the_grid_and_keeps_every_rule() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("long.toml");
    let toml = long_report::report(30);
    std::fs::write(&input, &toml).unwrap();
    // Kept for .ci/run, which measures the same report with pdf-check.
    std::fs::write(Path::new(env!("CARGO_TARGET_TMPDIR")).join("long-report.toml"), &toml).unwrap();
    let (pdf, _) = export_with(&input, dir.path(), None);
    assert!(pdf.pages.len() >= 30, "{} pages", pdf.pages.len());

    let txt = std::fs::read_to_string(dir.path().join("long.txt")).unwrap();
    let all: String =
        (0..pdf.pages.len()).flat_map(|p| pdf.lines(p)).filter(|l| !is_page_number(l)).map(|l| l.text()).collect();
    assert_eq!(squeeze(&all), squeeze(&txt), "the PDF's text is the text export's");
    let pages = body_lines(&pdf);

    let body_font = "FandolFang";
    let mut full_pages = 0;
    for (p, lines) in pages.iter().enumerate() {
        // Full pages of running text hold exactly 22 lines, 28.99 pt apart.
        let last_page = p + 1 == pages.len();
        let next_starts_with_heading =
            pages.get(p + 1).and_then(|l| l.first()).is_some_and(|l| !l.glyphs[0].font.contains(body_font));
        if !last_page && !next_starts_with_heading && p > 0 {
            assert_eq!(lines.len(), 22, "page {}", p + 1);
            full_pages += 1;
        }
        // Lines stand on the grid: 28.99 pt apart (225 mm / 22), or whole multiples of that
        // where blank lines stand between (before the closing issuer and date).
        for pair in lines.windows(2) {
            let gap = pair[1].y - pair[0].y;
            let pitch = gap / (gap / 28.99).round();
            assert!((28.9..=29.7).contains(&pitch) && gap > 28.0, "line pitch {gap} on page {}", p + 1);
        }
        // A heading never ends a page.
        let last = lines.last().unwrap();
        assert!(
            last.glyphs[0].font.contains(body_font) || last_page,
            "page {} ends with a heading: {}",
            p + 1,
            last.text()
        );
        for (i, line) in lines.iter().enumerate() {
            let text = line.text();
            let (first, end) = (text.chars().next().unwrap(), text.chars().last().unwrap());
            assert!(!NO_LINE_START.contains(first), "line starts with {first}: {text}");
            assert!(!NO_LINE_END.contains(end), "line ends with {end}: {text}");
            // A hung mark stands in the cell just past the edge, and only there.
            let hung = HUNG.contains(end) && line.x1() > RIGHT + 1.0;
            let right = if hung { line.glyphs.last().unwrap().x } else { line.x1() };
            assert!(line.x0() >= LEFT - 0.5 && right <= RIGHT + 1.0, "outside the block: {text}");
            if hung {
                assert!((right - RIGHT).abs() < 1.0, "a hung mark stands at the edge: {text}");
            }
            let next = lines.get(i + 1).or_else(|| pages.get(p + 1).and_then(|n| n.first()));
            let Some(next) = next else { continue };
            let next_text = next.text();
            let next_first = next_text.chars().next().unwrap();
            for mark in ['—', '…'] {
                assert!(!(end == mark && next_first == mark), "{mark}{mark} split: {text} / {next_text}");
            }
            // A line continued by the next (which starts at the block's edge) is justified.
            let continued = (next.x0() - LEFT).abs() < 1.0 && next.glyphs[0].font.contains(body_font);
            // Latin letters are never spaced out (as in Word), and no gap is widened past half
            // an em (16 pt / 2): a line of few gaps (详见 and a web address) stays short.
            let chars: Vec<char> = text.chars().collect();
            let gaps = chars.windows(2).filter(|w| !(w[0].is_ascii_graphic() && w[1].is_ascii_graphic())).count();
            // Gaps already half an em wide (two Han characters a cell and 8 pt apart) left
            // the line short: its slack was more than they could take (a host name, which
            // goes down whole, after a few characters).
            let opened = line.glyphs.windows(2).any(|pair| {
                pair.iter().all(|g| g.text.chars().all(is_full_width)) && pair[1].x - pair[0].x > CELL + 8.0 - 0.1
            });
            let stretchable = !opened && gaps as f32 * 8.0 >= RIGHT - right - 1.0;
            if continued && stretchable && line.glyphs[0].font.contains(body_font) {
                assert!((right - RIGHT).abs() < 1.0, "not justified ({} pt short): {text}", RIGHT - right);
                // A continued line of Han characters and full-width marks holds the grid's 28
                // characters, less the two of the indent on a paragraph's first line, and one
                // less where a closing mark would have started the next line (push-out), one
                // more where a mark hangs.
                if text.chars().all(is_full_width) {
                    let expected = if line.x0() - LEFT > 10.0 { 26 } else { 28 } + usize::from(hung);
                    let count = text.chars().count();
                    let next_chars: Vec<char> = next_text.chars().take(3).collect();
                    let pushed_out = NO_LINE_END.contains(next_chars[0])
                        || next_chars[1..].iter().any(|&c| NO_LINE_START.contains(c))
                        || next_text.starts_with("——")
                        || next_text.starts_with("……");
                    // A Latin word that did not fit in the cells left goes down whole, and the
                    // line's gaps take up its cells.
                    let word: usize = next_text.chars().take_while(char::is_ascii_alphanumeric).count();
                    let word_cells = word.div_ceil(2);
                    let word_down = word > 0 && count < expected && count + word_cells + 1 >= expected;
                    assert!(
                        count == expected || (pushed_out && count + 2 >= expected && count < expected) || word_down,
                        "{count} characters, expected {expected}: {text} / {next_text}"
                    );
                }
            }
        }
    }
    assert!(full_pages >= 25, "{full_pages} full pages");
}

#[test]
fn a_closing_mark_that_would_start_a_line_hangs_is_pushed_out_on_the_grid_and_in_when_compressed() {
    let dir = tempfile::tempdir().unwrap();
    // 26 characters fill the indented first line; the 27th is "，".
    let text = "一二三四五六七八九十一二三四五六七八九十一二三四五六，七八九十一二三四五六七八九十。";
    let input = report(dir.path(), "comma.toml", &[text]);
    let (pdf, _) = export_with(&input, dir.path(), None);
    let lines = &body_lines(&pdf)[0];
    assert!(lines[0].text().ends_with("六，"), "hanging: {}", lines[0].text());
    assert!(lines[1].text().starts_with('七'));
    // The mark takes the whole cell past the edge; the line's Han characters keep their cells.
    let comma = lines[0].glyphs.last().unwrap();
    assert!((comma.x - RIGHT).abs() < 1.0, "the comma's cell starts at the edge: {}", comma.x);
    let six = &lines[0].glyphs[lines[0].glyphs.len() - 2];
    assert!((six.x + CELL - RIGHT).abs() < 0.05, "六 in the line's last cell: {}", six.x);

    let grid = template(dir.path(), "grid.toml", &[("punctuation = \"hanging\"", "punctuation = \"grid\"")]);
    let (pdf, _) = export_with(&input, dir.path(), Some(&grid));
    let lines = &body_lines(&pdf)[0];
    assert_eq!(lines[0].text().chars().count(), 25, "push-out: {}", lines[0].text());
    assert!(lines[1].text().starts_with("六，"), "{}", lines[1].text());
    assert!((lines[0].x1() - RIGHT).abs() < 1.0, "the shortened line is stretched to the edge");

    // Compressed punctuation on the grid: the comma's blank half would take half a cell, and
    // no gap shrinks to make room for it (Word and LibreOffice shrink none), so a line of
    // whole cells cannot take it in. It pushes "六" out as the grid does.
    let compressed =
        template(dir.path(), "compressed.toml", &[("punctuation = \"hanging\"", "punctuation = \"compressed\"")]);
    let (pdf, _) = export_with(&input, dir.path(), Some(&compressed));
    let lines = &body_lines(&pdf)[0];
    assert_eq!(lines[0].text().chars().count(), 25, "push-out on the grid: {}", lines[0].text());
    assert!(lines[1].text().starts_with("六，"), "{}", lines[1].text());
    assert!((lines[0].x1() - RIGHT).abs() < 1.0, "the shortened line is stretched to the edge");

    // In a free layout a line that has half an em left takes the comma in: the briefing's
    // block is A4 less 25 mm margins, 160 mm, its body 12 pt with a first-line indent of two
    // ems. 35 characters fill the indented line and leave more than half an em, less than an
    // em: the comma, the 36th, is pushed in with its blank half trimmed.
    let (size, left, right) = (12.0, 25.0 * MM, (210.0 - 25.0) * MM);
    let first_line = right - left - 2.0 * size;
    let fit = (first_line / size).floor() as usize;
    let room = first_line - fit as f32 * size;
    assert!(fit == 35 && room >= size / 2.0 && room < size, "{fit} characters and {room} pt");
    let digits = "一二三四五六七八九十";
    let han: String = digits.chars().cycle().take(fit).collect();
    let text = format!("{han}，{digits}。");
    let input = report(dir.path(), "free.toml", &[&text]);
    let free = dir.path().join("free-compressed.toml");
    std::fs::write(&free, "extends = \"briefing\"\npunctuation = \"compressed\"\n").unwrap();
    let (pdf, _) = export_with(&input, dir.path(), Some(&free));
    let lines: Vec<Line> = pdf.lines(0).into_iter().filter(|l| l.size() == size && l.text().contains('一')).collect();
    assert_eq!(lines[0].text(), format!("{han}，"), "push-in: {}", lines[0].text());
    assert!(lines[1].text().starts_with('一'), "{}", lines[1].text());
    // The mark keeps its glyph inside the block; only its blank half passes the edge.
    let comma = lines[0].glyphs.last().unwrap();
    assert!(comma.x < right - 1.0 && comma.x + size / 2.0 <= right + 0.05, "the comma at {}", comma.x);
    // Under the briefing's own hanging punctuation the same comma hangs past the edge instead.
    let (pdf, _) = export_with(&input, dir.path(), Some(Path::new("briefing")));
    let lines: Vec<Line> = pdf.lines(0).into_iter().filter(|l| l.size() == size && l.text().contains('一')).collect();
    assert_eq!(lines[0].text(), format!("{han}，"), "hanging: {}", lines[0].text());
    let comma = lines[0].glyphs.last().unwrap();
    assert!((comma.x - right).abs() < 0.05, "the hung comma at {}", comma.x);
}

#[test]
fn an_opening_mark_at_a_line_end_moves_down() {
    let dir = tempfile::tempdir().unwrap();
    let text = "一二三四五六七八九十一二三四五六七八九十一二三四五（六）七八九十一二三四五六七八九十。";
    let input = report(dir.path(), "paren.toml", &[text]);
    let (pdf, _) = export_with(&input, dir.path(), None);
    let lines = &body_lines(&pdf)[0];
    assert!(lines[0].text().ends_with('五'), "{}", lines[0].text());
    assert!(lines[1].text().starts_with('（'), "{}", lines[1].text());
    assert!((lines[0].x1() - RIGHT).abs() < 1.0);
}

#[test]
fn a_latin_word_longer_than_a_line_is_broken_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let word = "Pneumonoultramicroscopicsilicovolcanoconiosisandmuchlongerstill";
    let input = report(dir.path(), "word.toml", &[&format!("前面的话{word}后面的话。")]);
    let (pdf, stderr) = export_with(&input, dir.path(), None);
    let lines = &paragraph_lines(&pdf, 0);
    assert!(lines[0].text().starts_with("前面的话Pneumono"), "the word starts where it stands: {}", lines[0].text());
    assert_eq!(squeeze(&lines.iter().map(Line::text).collect::<String>()), format!("前面的话{word}后面的话。"));
    assert!(stderr.contains("word.toml:8:18:"), "warning with its place: {stderr}");
    assert!(stderr.contains("field `body[0].paragraph`") && stderr.contains("broken inside"), "{stderr}");
}

#[test]
fn numbers_and_latin_words_keep_their_widths_and_lines_stay_justified() {
    let dir = tempfile::tempdir().unwrap();
    let text = "全年实现GDP增长12.6%，引进OLED项目35个，R&D投入2.36亿元，5G基站1200个，较上年提升3位次，居全市第一，为全年目标任务完成奠定了坚实基础。";
    let input = report(dir.path(), "mixed.toml", &[text, text]);
    let (pdf, _) = export_with(&input, dir.path(), None);
    let lines = &paragraph_lines(&pdf, 0);
    let scale = common::grid_scale(CELL, 16.0);
    let mut digits = 0;
    for line in &lines[..lines.len() - 1] {
        if line.text().ends_with('。') {
            continue;
        }
        assert!((line.x1() - RIGHT).abs() < 1.0, "not justified: {}", line.text());
        // Inside a number the digits sit at their advances (as the PDF's font declares them)
        // narrowed to the grid's scale, 98 % for 16 pt on the 15.8 pt cell (the DOCX body's
        // character scale): no stretch within "1200", no tracking either.
        let glyphs = &line.glyphs;
        for pair in glyphs.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            if a.text.chars().all(|c| c.is_ascii_digit()) && b.text.chars().all(|c| c.is_ascii_digit()) {
                digits += 1;
                let advance = (a.x1 - a.x) * scale;
                assert!((b.x - a.x - advance).abs() < 0.01, "digits spread apart in {}", line.text());
            }
        }
    }
    assert!(digits >= 5, "{digits} pairs of digits inside lines");
}

#[test]
fn latin_runs_are_kerned_in_a_font_that_kerns() {
    let dir = tempfile::tempdir().unwrap();
    let latin = template(
        dir.path(),
        "latin.toml",
        &[("[body]\nfont = \"fang\"", "[body]\nfont = \"fang\"\nlatin_font = \"song\"")],
    );
    let input = report(dir.path(), "kern.toml", &["项目名称AVATAR。"]);
    let (pdf, _) = export_with(&input, dir.path(), Some(&latin));
    let line = &body_lines(&pdf)[0][0];
    let a = line.glyphs.iter().position(|g| g.text == "A").unwrap();
    assert!(line.glyphs[a].font.contains("NotoSerifSC"), "Latin from the template's Latin font");
    let (first, second) = (&line.glyphs[a], &line.glyphs[a + 1]);
    assert_eq!(second.text, "V");
    assert!(second.x < first.x1 - 0.5, "A and V kerned: A ends at {}, V starts at {}", first.x1, second.x);
}

#[test]
fn a_character_no_font_has_is_drawn_visibly_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let input = report(dir.path(), "rare.toml", &["姓名：王𠀀明。"]);
    let (pdf, stderr) = export_with(&input, dir.path(), None);
    assert!(squeeze(&pdf.text()).contains("王□明"), "replacement drawn: {}", pdf.text());
    assert!(
        stderr.contains("rare.toml:8:18: field `body[0].paragraph`: no font has the character '𠀀' (U+20000)"),
        "{stderr}"
    );
}

#[test]
fn a_long_title_is_balanced() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("title.toml");
    std::fs::write(
        &input,
        "[meta]\ntitle = \"关于2022年度全区经济社会发展主要指标完成情况及2023年工作安排的报告\"\nissuer = \"某局\"\ndate = \"2023-01-05\"\nperiod = \"2022年\"\n\n[[body]]\nparagraph = \"正文。\"\n",
    )
    .unwrap();
    let (pdf, _) = export_with(&input, dir.path(), None);
    let title: Vec<Line> = pdf.lines(0).into_iter().filter(|l| l.size() == 22.0).collect();
    assert_eq!(title.len(), 2);
    let (a, b) = (title[0].x1() - title[0].x0(), title[1].x1() - title[1].x0());
    assert!(b > a * 0.75, "unbalanced: {} / {}", title[0].text(), title[1].text());
    // Each line centred.
    for line in &title {
        assert!(((line.x0() + line.x1()) / 2.0 - (LEFT + RIGHT) / 2.0).abs() < 1.0);
    }
}

#[test]
fn free_layouts_leave_no_widows_or_orphans() {
    let dir = tempfile::tempdir().unwrap();
    let free = template(
        dir.path(),
        "free.toml",
        &[("[grid]\nleading = 1.8\n", ""), ("[page]\n", "line_pitch = 27.0\n\n[page]\n")],
    );
    let input = dir.path().join("long.toml");
    std::fs::write(&input, long_report::report(8)).unwrap();
    let (pdf, _) = export_with(&input, dir.path(), Some(&free));
    let pages = body_lines(&pdf);
    let starts_paragraph = |l: &Line| l.x0() - LEFT > 10.0 || !l.glyphs[0].font.contains("FandolFang");
    let mut breaks_inside = 0;
    for p in 0..pages.len() - 1 {
        let (this, next) = (&pages[p], &pages[p + 1]);
        let (last, first) = (this.last().unwrap(), next.first().unwrap());
        if starts_paragraph(first) {
            continue;
        }
        breaks_inside += 1;
        // The paragraph goes on over the page: at least two of its lines on each side.
        assert!(!starts_paragraph(last), "orphan at the foot of page {}: {}", p + 1, last.text());
        let second = next.get(1);
        assert!(second.is_some_and(|s| !starts_paragraph(s)), "widow at the head of page {}: {}", p + 2, first.text());
    }
    assert!(breaks_inside > 0, "no page break fell inside a paragraph");
}
