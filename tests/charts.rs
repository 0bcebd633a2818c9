//! Charts read back from the PDF: long industry names wrapped between words and never cut,
//! no name, figure or bar over another, negative figures beyond the zero line, the caption
//! under the chart on its page, and lying bars when names are too long for upright ones.
//!
//! The expectations come from outside the code: the words of each name are Python jieba
//! 0.42's cut of it (`jieba.cut(name, HMM=True)`), written out here; the text block is
//! GB/T 9704's (left margin 28 mm, top 37 mm, 156 × 225 mm); a glyph's box is the CJK
//! ideographic em box, 0.88 em above the baseline and 0.12 em below.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{baogao, Pdf};
use lopdf::Object;

const MM: f32 = 72.0 / 25.4;
/// GB/T 9704's text block (gongwen): left, top, right, bottom, pt.
const GONGWEN: (f32, f32, f32, f32) = (28.0 * MM, 37.0 * MM, (28.0 + 156.0) * MM, (37.0 + 225.0) * MM);
/// The briefing's: A4 less margins of 25 mm left and right, 30 mm top, 28 mm bottom.
const BRIEFING: (f32, f32, f32, f32) = (25.0 * MM, 30.0 * MM, (210.0 - 25.0) * MM, (297.0 - 28.0) * MM);
/// Slack for rounding and for half a rule's width, pt.
const SLACK: f32 = 0.5;

/// Names of 10 to 12 characters (industries of GB/T 4754), as jieba cuts them.
const INDUSTRIES: [&[&str]; 12] = [
    &["电气", "机械", "和", "器材", "制造业"],
    &["化学原料", "和", "化学", "制品", "制造业"],
    &["黑色金属", "冶炼", "和", "压延", "加工业"],
    &["有色金属", "冶炼", "和", "压延", "加工业"],
    &["酒", "饮料", "和", "精制", "茶", "制造业"],
    &["石油", "煤炭", "及其", "他", "燃料", "加工业"],
    &["电力", "热力", "生产", "和", "供应", "业"],
    &["印刷", "和", "记录", "媒介", "复制", "业"],
    &["金属制品", "机械", "和", "设备", "修理业"],
    &["新能源", "汽车", "整车", "制造业"],
    &["集成电路", "设计", "和", "制造业"],
    &["光伏", "设备", "及", "元器件", "制造业"],
];

/// Names of 18 to 21 characters, as jieba cuts them.
const LONG_NAMES: [&[&str]; 12] = [
    &["铁路", "船舶", "航空航天", "和", "其他", "运输设备", "制造业", "增加值"],
    &["计算机", "通信", "和", "其他", "电子设备", "制造业", "增加值", "增速"],
    &["规模", "以上", "工业", "企业", "研发", "经费支出", "占", "营业", "收入", "比重"],
    &["高新技术", "产业", "开发区", "内", "规模", "以上", "工业", "总产值"],
    &["文教", "工美", "体育", "和", "娱乐", "用品", "制造业", "营业", "收入"],
    &["皮革", "毛皮", "羽毛", "及其", "制品", "和", "制鞋业", "利润总额"],
    &["木材", "加工", "和", "木", "竹藤", "棕草", "制品业", "出口", "交货值"],
    &["石油", "煤炭", "及其", "他", "燃料", "加工业", "主营业务", "收入"],
    &["黑色金属", "冶炼", "和", "压延", "加工业", "固定资产", "投资"],
    &["战略性", "新兴产业", "规模", "以上", "企业", "营业", "收入", "增速"],
    &["社会", "消费品", "零售总额", "中", "网上", "零售额", "所", "占", "比重"],
    &["城镇", "常住", "居民", "人均", "可", "支配", "收入", "实际", "增长速度"],
];

/// Growth rates, some negative, each printed as written with "%".
const VALUES: [f64; 12] = [15.3, 8.7, -4.2, 11.6, -12.5, 6.1, 3.4, -0.8, 9.9, 2.2, 21.4, 17.8];

/// A report of one paragraph, `before` more paragraphs, then a chart of `names` with
/// `values`, and a closing paragraph.
fn report(names: &[&[&str]], values: &[f64], before: usize) -> String {
    let mut out = String::from(
        "version = 1\n\n[meta]\ntitle = \"分行业增加值增速\"\nissuer = \"某某市统计局\"\n\
         date = \"2023-01-10\"\nperiod = \"2022年\"\n\n",
    );
    for (i, (words, value)) in names.iter().zip(values).enumerate() {
        out += &format!(
            "[[indicators]]\nid = \"i{i}\"\nname = \"{}\"\nvalue = {value}\nunit = \"%\"\nkind = \"growth_rate\"\n\n",
            words.concat()
        );
    }
    for _ in 0..=before {
        out += "[[body]]\nparagraph = \"全年规模以上工业分行业增加值增速如下图所示，其中部分行业同比下降。\"\n\n";
    }
    let ids: Vec<String> = (0..names.len()).map(|i| format!("\"i{i}\"")).collect();
    out += &format!("[[body]]\nchart = {{ caption = \"分行业增加值增速\", indicators = [{}] }}\n\n", ids.join(", "));
    out += "[[body]]\nparagraph = \"以上数据为快报数。\"\n";
    out
}

/// A piece of text on one baseline: glyphs that touch.
#[derive(Debug, Clone)]
struct Piece {
    text: String,
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
}

impl Piece {
    /// The ideographic em box: left, top, right, bottom.
    fn bbox(&self) -> (f32, f32, f32, f32) {
        (self.x0, self.y - 0.88 * self.size, self.x1, self.y + 0.12 * self.size)
    }
}

/// A chart read back from its page.
struct Chart {
    page: usize,
    pieces: Vec<Piece>,
    /// Filled rectangles: left, top, right, bottom, pt from the page's top-left.
    bars: Vec<(f32, f32, f32, f32)>,
    /// Stroked lines: from and to.
    lines: Vec<((f32, f32), (f32, f32))>,
    /// Top of the caption's line, pt.
    caption_top: f32,
}

/// Exports `source` under `template` and reads its chart back: the text smaller than the
/// body (the chart's; its caption is in the caption size) between the paragraph before it
/// and its caption, and the page's fills and lines.
fn chart(source: &str, template: &str, dir: &Path) -> (Chart, Pdf) {
    let input = dir.join("chart.toml");
    std::fs::write(&input, source).unwrap();
    let out = baogao(&[
        "export",
        input.to_str().unwrap(),
        "-o",
        dir.to_str().unwrap(),
        "-f",
        "pdf,docx",
        "--force",
        "-t",
        template,
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "no warning: {}", String::from_utf8_lossy(&out.stderr));
    let pdf = Pdf::open(&dir.join("chart.pdf"));
    let (page, caption) = (0..pdf.pages.len())
        .find_map(|p| pdf.lines(p).into_iter().find(|l| l.text().starts_with("图1")).map(|l| (p, l)))
        .expect("the caption");
    let caption_top = caption.y - 0.88 * caption.size();
    let lines = pdf.lines(page);
    let above =
        lines.iter().filter(|l| l.y < caption.y && l.text().contains("同比下降")).map(|l| l.y).fold(0.0f32, f32::max);
    let mut glyphs: Vec<_> = pdf.pages[page]
        .iter()
        .filter(|g| g.y > above && g.y < caption_top && !g.text.trim().is_empty())
        .cloned()
        .collect();
    glyphs.sort_by(|a, b| (a.y, a.x).partial_cmp(&(b.y, b.x)).unwrap());
    let mut pieces: Vec<Piece> = Vec::new();
    for g in glyphs {
        match pieces.last_mut() {
            Some(p) if (p.y - g.y).abs() < 0.05 && (g.x - p.x1).abs() < 1.0 => {
                p.text += &g.text;
                p.x1 = g.x1;
            }
            _ => pieces.push(Piece { text: g.text.clone(), x0: g.x, x1: g.x1, y: g.y, size: g.size }),
        }
    }
    let (bars, strokes) = drawn(&pdf, page);
    let bars = bars.into_iter().filter(|b| b.1 > above && b.3 < caption_top).collect();
    let lines = strokes.into_iter().filter(|l| l.0 .1 > above && l.1 .1 < caption_top).collect();
    (Chart { page, pieces, bars, lines, caption_top }, pdf)
}

/// The filled rectangles and stroked lines of a page, in pt from its top-left.
#[allow(clippy::type_complexity)]
fn drawn(pdf: &Pdf, page: usize) -> (Vec<(f32, f32, f32, f32)>, Vec<((f32, f32), (f32, f32))>) {
    let id = pdf.doc.get_pages()[&(page as u32 + 1)];
    let content = pdf.doc.get_and_decode_page_content(id).unwrap();
    let n = |o: &Object| common::number(o);
    let (mut rects, mut lines) = (Vec::new(), Vec::new());
    let mut start = None;
    for (i, op) in content.operations.iter().enumerate() {
        match op.operator.as_str() {
            "re" if content.operations.get(i + 1).is_some_and(|o| o.operator == "f") => {
                let (x, y, w, h) = (n(&op.operands[0]), n(&op.operands[1]), n(&op.operands[2]), n(&op.operands[3]));
                rects.push((x, pdf.height - y - h, x + w, pdf.height - y));
            }
            "m" => start = Some((n(&op.operands[0]), pdf.height - n(&op.operands[1]))),
            "l" => {
                let to = (n(&op.operands[0]), pdf.height - n(&op.operands[1]));
                if let Some(from) = start {
                    lines.push((from, to));
                }
                start = Some(to);
            }
            _ => {}
        }
    }
    (rects, lines)
}

/// Each name's lines: chains of pieces, each line under the one before and overlapping it,
/// that spell the name. Panics when a name cannot be found whole.
fn name_lines(names: &[String], pieces: &[Piece], used: &mut [bool]) -> Vec<Vec<usize>> {
    fn chain(rest: &str, prev: Option<&Piece>, pieces: &[Piece], used: &mut [bool]) -> Option<Vec<usize>> {
        if rest.is_empty() {
            return Some(Vec::new());
        }
        for (i, p) in pieces.iter().enumerate() {
            let follows =
                prev.is_none_or(|q| p.y > q.y + 0.5 && p.y - q.y < 2.0 * q.size && p.x0 < q.x1 && q.x0 < p.x1);
            if used[i] || !follows || !rest.starts_with(&p.text) {
                continue;
            }
            used[i] = true;
            if let Some(mut more) = chain(&rest[p.text.len()..], Some(p), pieces, used) {
                more.insert(0, i);
                return Some(more);
            }
            used[i] = false;
        }
        None
    }
    names
        .iter()
        .map(|name| chain(name, None, pieces, used).unwrap_or_else(|| panic!("「{name}」 whole in {pieces:#?}")))
        .collect()
}

fn overlap(a: (f32, f32, f32, f32), b: (f32, f32, f32, f32)) -> bool {
    a.0 < b.2 - SLACK && b.0 < a.2 - SLACK && a.1 < b.3 - SLACK && b.1 < a.3 - SLACK
}

fn union(boxes: impl Iterator<Item = (f32, f32, f32, f32)>) -> (f32, f32, f32, f32) {
    boxes
        .fold((f32::MAX, f32::MAX, f32::MIN, f32::MIN), |a, b| (a.0.min(b.0), a.1.min(b.1), a.2.max(b.2), a.3.max(b.3)))
}

fn inside(b: (f32, f32, f32, f32), block: (f32, f32, f32, f32)) -> bool {
    b.0 >= block.0 - SLACK && b.1 >= block.1 - SLACK && b.2 <= block.2 + SLACK && b.3 <= block.3 + SLACK
}

/// What the checks found out about a chart.
struct Found {
    /// The zero line runs down the page (lying bars).
    lying: bool,
    /// Each name's lines, as text.
    lines: Vec<Vec<String>>,
    /// The sizes the chart's text is set in.
    sizes: Vec<f32>,
}

/// The checks every chart passes: all text there, exactly; names broken between words into
/// lines of more than one character; names, figures and bars clear of each other; figures
/// beyond their bars' ends, negative ones below or left of the zero line; all inside the
/// block and above the caption.
fn check(chart: &Chart, names: &[&[&str]], values: &[f64], block: (f32, f32, f32, f32)) -> Found {
    let names_text: Vec<String> = names.iter().map(|w| w.concat()).collect();
    let figures: Vec<String> = values.iter().map(|v| format!("{v}%")).collect();

    // Every character, no more, no less.
    let count = |texts: &mut dyn Iterator<Item = String>| {
        let mut m: BTreeMap<char, usize> = BTreeMap::new();
        texts.flat_map(|t| t.chars().collect::<Vec<_>>()).for_each(|c| *m.entry(c).or_default() += 1);
        m
    };
    let drawn = count(&mut chart.pieces.iter().map(|p| p.text.clone()));
    let expected = count(&mut names_text.iter().chain(&figures).cloned());
    assert_eq!(drawn, expected, "the chart's characters");

    let mut used = vec![false; chart.pieces.len()];
    let figure_of: Vec<usize> = figures
        .iter()
        .map(|f| {
            let i = chart.pieces.iter().position(|p| &p.text == f).unwrap_or_else(|| panic!("figure {f}"));
            used[i] = true;
            i
        })
        .collect();
    let names_at = name_lines(&names_text, &chart.pieces, &mut used);
    assert!(used.iter().all(|u| *u), "every piece is a name's line or a figure");

    let mut lines_text = Vec::new();
    for (words, lines) in names.iter().zip(&names_at) {
        let texts: Vec<String> = lines.iter().map(|&i| chart.pieces[i].text.clone()).collect();
        let starts: Vec<usize> = words
            .iter()
            .scan(0, |at, w| {
                let start = *at;
                *at += w.chars().count();
                Some(start)
            })
            .collect();
        let mut at = 0;
        for text in &texts {
            assert!(text.chars().count() > 1, "a line of one character in {texts:?}");
            assert!(starts.contains(&at), "{texts:?} breaks inside a word of {words:?}");
            at += text.chars().count();
        }
        lines_text.push(texts);
    }

    // Boxes: each name (its lines together), each figure, each bar.
    let name_boxes: Vec<_> = names_at.iter().map(|l| union(l.iter().map(|&i| chart.pieces[i].bbox()))).collect();
    let figure_boxes: Vec<_> = figure_of.iter().map(|&i| chart.pieces[i].bbox()).collect();
    let mut boxes: Vec<(String, (f32, f32, f32, f32))> = Vec::new();
    boxes.extend(names_text.iter().cloned().zip(name_boxes.iter().copied()));
    boxes.extend(figures.iter().cloned().zip(figure_boxes.iter().copied()));
    boxes.extend(chart.bars.iter().map(|b| ("a bar".to_owned(), *b)));
    for (i, (a, ab)) in boxes.iter().enumerate() {
        assert!(inside(*ab, block), "{a} {ab:?} outside the block {block:?}");
        assert!(ab.3 <= chart.caption_top + SLACK, "{a} under the caption");
        for (b, bb) in &boxes[i + 1..] {
            assert!(!overlap(*ab, *bb), "{a} {ab:?} and {b} {bb:?} overlap");
        }
    }
    assert_eq!(chart.bars.len(), values.len(), "a bar per figure");
    assert_eq!(chart.lines.len(), 1, "one zero line: {:?}", chart.lines);
    let (from, to) = chart.lines[0];
    assert!(inside((from.0.min(to.0), from.1.min(to.1), from.0.max(to.0), from.1.max(to.1)), block));
    let lying = (from.0 - to.0).abs() < 0.01;
    for (value, figure) in values.iter().zip(&figure_boxes) {
        match (lying, *value < 0.0) {
            (false, true) => assert!(figure.1 > from.1, "{value} below the zero line"),
            (false, false) => assert!(figure.3 < from.1, "{value} above the zero line"),
            (true, true) => assert!(figure.2 < from.0, "{value} left of the zero line"),
            (true, false) => assert!(figure.0 > from.0, "{value} right of the zero line"),
        }
    }
    // Each bar starts at the zero line; its figure stands beyond its far end.
    for ((bar, figure), value) in chart.bars.iter().zip(&figure_boxes).zip(values) {
        let (start, beyond) = match (lying, *value < 0.0) {
            (false, true) => (bar.1 - from.1, figure.1 >= bar.3),
            (false, false) => (bar.3 - from.1, figure.3 <= bar.1),
            (true, true) => (bar.2 - from.0, figure.2 <= bar.0),
            (true, false) => (bar.0 - from.0, figure.0 >= bar.2),
        };
        assert!(start.abs() < 0.05, "the bar of {value} {bar:?} starts off the zero line {from:?}");
        assert!(beyond, "{value} {figure:?} beyond its bar's end {bar:?}");
    }
    if lying {
        let plot = chart.bars.iter().map(|b| b.0).fold(f32::MAX, f32::min);
        for (name, b) in names_text.iter().zip(&name_boxes) {
            assert!(b.2 < plot, "「{name}」 left of the bars");
        }
    }
    let mut sizes: Vec<f32> = chart.pieces.iter().map(|p| p.size).collect();
    sizes.dedup();
    Found { lying, lines: lines_text, sizes }
}

#[test]
fn eight_long_names_stand_under_upright_bars_broken_between_words() {
    let dir = tempfile::tempdir().unwrap();
    let (chart, _) = chart(&report(&INDUSTRIES[..8], &VALUES[..8], 0), "gongwen", dir.path());
    let found = check(&chart, &INDUSTRIES[..8], &VALUES[..8], GONGWEN);
    // 156 mm in 8 slots of 55 pt: at 小五 (9 pt) five characters and a gap of one fit a slot,
    // and every name goes in three lines of at most five characters between its words.
    assert!(!found.lying, "upright bars");
    assert!(found.sizes.iter().all(|s| (9.0..=10.5).contains(s)), "between 小五 and 五号: {:?}", found.sizes);
    assert!(found.lines.iter().all(|l| l.len() <= 3), "{:?}", found.lines);
}

#[test]
fn twelve_long_names_lie_beside_their_bars_on_both_templates() {
    for template in ["gongwen", "briefing"] {
        let dir = tempfile::tempdir().unwrap();
        let (chart, _) = chart(&report(&INDUSTRIES, &VALUES, 0), template, dir.path());
        let block = if template == "gongwen" { GONGWEN } else { BRIEFING };
        let found = check(&chart, &INDUSTRIES, &VALUES, block);
        // 12 slots of 37 or 38 pt take three characters and a gap at the floor (小五 on
        // gongwen, 六号 7.5 pt on the briefing: 4 × 7.5 + 7.5 > 37.8): "黑色金属" does not fit.
        assert!(found.lying, "lying bars on {template}");
    }
}

#[test]
fn names_too_long_even_at_the_floor_lie_beside_their_bars_and_keep_all_their_text() {
    let dir = tempfile::tempdir().unwrap();
    let (chart, _) = chart(&report(&LONG_NAMES, &VALUES, 0), "gongwen", dir.path());
    let found = check(&chart, &LONG_NAMES, &VALUES, GONGWEN);
    assert!(found.lying, "lying bars");
    assert!(found.lines.iter().all(|l| l.len() >= 2), "20 characters take two lines: {:?}", found.lines);
}

#[test]
fn a_chart_stays_on_the_page_of_its_caption() {
    // Paragraphs before the chart push it down the page: it goes over with its caption.
    for before in [4, 8, 12] {
        let dir = tempfile::tempdir().unwrap();
        let (chart, pdf) = chart(&report(&LONG_NAMES, &VALUES, before), "gongwen", dir.path());
        check(&chart, &LONG_NAMES, &VALUES, GONGWEN);
        let small: usize = pdf
            .pages
            .iter()
            .enumerate()
            .filter(|(p, _)| *p != chart.page)
            .map(|(_, glyphs)| glyphs.iter().filter(|g| g.size < 11.0).count())
            .sum();
        assert_eq!(small, 0, "chart text on another page than the caption's ({before} paragraphs before)");
    }
}

/// The bands of a picture's rows (or columns, `across`) that hold a pixel of `colors`, as
/// ranges of pixels, and each band's extent the other way.
fn bands(png: &tiny_skia::Pixmap, colors: &[(u8, u8, u8)], across: bool) -> Vec<((u32, u32), (u32, u32))> {
    let (w, h) = (png.width(), png.height());
    let (outer, inner) = if across { (w, h) } else { (h, w) };
    let hit = |o: u32, i: u32| {
        let (x, y) = if across { (o, i) } else { (i, o) };
        let p = png.pixel(x, y).unwrap();
        colors.contains(&(p.red(), p.green(), p.blue()))
    };
    let mut found: Vec<((u32, u32), (u32, u32))> = Vec::new();
    for o in 0..outer {
        let hits: Vec<u32> = (0..inner).filter(|&i| hit(o, i)).collect();
        let (Some(&first), Some(&last)) = (hits.first(), hits.last()) else { continue };
        match found.last_mut() {
            Some((band, extent)) if band.1 + 1 == o => {
                band.1 = o;
                extent.0 = extent.0.min(first);
                extent.1 = extent.1.max(last);
            }
            _ => found.push(((o, o), (first, last))),
        }
    }
    found
}

#[test]
fn the_docx_picture_is_the_pdf_drawing_upright_and_lying() {
    // gongwen's bar colours, #2F5597 and #C00000; the picture is drawn at 200 dpi.
    let colors = [(0x2F, 0x55, 0x97), (0xC0, 0x00, 0x00)];
    let px = 200.0 / 72.0;
    for (names, lying) in [(&INDUSTRIES[..8], false), (&LONG_NAMES[..], true)] {
        let values = &VALUES[..names.len()];
        let dir = tempfile::tempdir().unwrap();
        // A template that asks for the PDF's drawing as a picture rather than a Word chart.
        let template = dir.path().join("picture.toml");
        std::fs::write(&template, "extends = \"gongwen\"\n\n[chart]\ndocx = \"picture\"\n").unwrap();
        let (chart, _) = chart(&report(names, values, 0), template.to_str().unwrap(), dir.path());
        let docx = dir.path().join("chart.docx");
        assert!(common::word_charts(&docx).is_empty(), "no Word chart");
        let media: Vec<String> =
            common::zip_names(&docx).into_iter().filter(|n| n.starts_with("word/media/")).collect();
        assert_eq!(media.len(), 1, "one picture: {media:?}");
        assert!(media[0].ends_with(".png"));
        let png = tiny_skia::Pixmap::decode_png(&common::zip_bytes(&docx, &media[0])).unwrap();
        // The block's width: 28 cells of the grid (156 mm / 28 in whole twips, 15.8 pt).
        let block = 28.0 * common::GONGWEN_CELL;
        assert!((png.width() as f32 / px - block).abs() < 1.0, "the block's width: {} px", png.width());
        // One band of bar colour per bar, each as long as the PDF's bar, from the same place.
        let found = bands(&png, &colors, !lying);
        assert_eq!(found.len(), names.len(), "{found:?}");
        for ((band, extent), bar) in found.iter().zip(&chart.bars) {
            let (thick, long) = if lying { (bar.3 - bar.1, bar.2 - bar.0) } else { (bar.2 - bar.0, bar.3 - bar.1) };
            let (band, extent) = ((band.1 - band.0 + 1) as f32 / px, (extent.1 - extent.0 + 1) as f32 / px);
            assert!((band - thick).abs() < 1.0 && (extent - long).abs() < 1.0, "{band}×{extent} pt for {bar:?}");
        }
        if lying {
            // The bars' left ends, from the block's left edge.
            for (((_, extent), bar), value) in found.iter().zip(&chart.bars).zip(values) {
                let x = extent.0 as f32 / px;
                assert!((x - (bar.0 - GONGWEN.0)).abs() < 1.0, "the bar of {value} at {x} pt");
            }
        }
        // Text drawn as dark pixels left of the bars (lying) or under them (upright).
        let dark = (0..png.height())
            .flat_map(|y| (0..png.width()).map(move |x| (x, y)))
            .filter(|&(x, y)| png.pixel(x, y).unwrap().red() < 0x40 && png.pixel(x, y).unwrap().blue() < 0x40)
            .count();
        assert!(dark > 5000, "{dark} dark pixels");
    }
}

#[test]
fn the_docx_chart_is_a_word_chart_of_the_same_figures_upright_and_lying() {
    for (template, names, block) in [
        ("gongwen", &INDUSTRIES[..8], GONGWEN),
        ("gongwen", &LONG_NAMES[..], GONGWEN),
        ("briefing", &INDUSTRIES[..], BRIEFING),
    ] {
        let values = &VALUES[..names.len()];
        let dir = tempfile::tempdir().unwrap();
        let (drawn, _) = chart(&report(names, values, 0), template, dir.path());
        let found = check(&drawn, names, values, block);
        let docx = dir.path().join("chart.docx");
        assert!(
            common::zip_names(&docx).iter().all(|n| !n.starts_with("word/media/")),
            "{template}: no picture besides the chart"
        );
        let charts = common::word_charts(&docx);
        assert_eq!(charts.len(), 1, "{template}: one Word chart");
        let chart = &charts[0];
        // Bars that lie in the PDF lie in Word ("bar"); upright ones stand ("col").
        assert_eq!(chart.bar_dir, if found.lying { "bar" } else { "col" }, "{template}, lying: {}", found.lying);
        // The names whole, in the report's order; each bar labelled with its figure as the PDF
        // prints it; the figures as numbers.
        let names_text: Vec<String> = names.iter().map(|w| w.concat()).collect();
        let figures: Vec<String> = values.iter().map(|v| format!("{v}%")).collect();
        // Each name broken where the PDF breaks it, so that Word and LibreOffice neither slant
        // a crowded axis's names nor cut them: every line of it is a line the PDF draws.
        let unbroken: Vec<String> = chart.names.iter().map(|n| n.replace('\n', "")).collect();
        assert_eq!(unbroken, names_text, "{template}");
        for line in chart.names.iter().flat_map(|n| n.split('\n')) {
            assert!(drawn.pieces.iter().any(|p| p.text == line), "{template}: name line {line:?} drawn in the PDF");
        }
        assert_eq!(chart.labels, figures, "{template}");
        assert_eq!(chart.values, values.iter().map(|v| Some(*v)).collect::<Vec<_>>(), "{template}");
        for figure in &figures {
            assert!(drawn.pieces.iter().any(|p| &p.text == figure), "{figure} printed in the PDF");
        }
        // The workbook behind it: a header row, then a name and its figure a row.
        assert_eq!(chart.workbook.get("A1").map(String::as_str), Some("指标"));
        assert_eq!(chart.workbook.get("B1").map(String::as_str), Some("数值"));
        for (row, (name, value)) in names_text.iter().zip(values).enumerate() {
            let cell = chart.workbook.get(&format!("A{}", row + 2)).map(|n| n.replace('\n', ""));
            assert_eq!(cell.as_ref(), Some(name), "{template}: row {}", row + 2);
            let figure = chart.workbook.get(&format!("B{}", row + 2)).map(|v| v.parse::<f64>().unwrap());
            assert_eq!(figure, Some(*value), "{template}: row {}", row + 2);
        }
        assert_eq!(chart.workbook.len(), 2 * (names.len() + 1), "{template}: nothing else in the sheet");
        let xml = common::docx_xml(&docx, &chart.part);
        // Negative figures' bars take the other colour: a data point of its own each.
        let points: Vec<usize> =
            xml.find("c:dPt").iter().map(|p| p.child("c:idx").unwrap().attr("val").unwrap().parse().unwrap()).collect();
        let negative: Vec<usize> = (0..values.len()).filter(|&i| values[i] < 0.0).collect();
        assert_eq!(points, negative, "{template}: the negative bars' points");
        // Lying bars read top to bottom in the report's order, as in the PDF: Word draws the
        // first category at the axis' start, the foot, unless the axis runs from max to min.
        let orientation = xml.first("c:catAx").and_then(|a| a.first("c:orientation")).and_then(|o| o.attr("val"));
        assert_eq!(orientation, Some(if found.lying { "maxMin" } else { "minMax" }), "{template}");
        if found.lying {
            let ys: Vec<f32> = drawn.bars.iter().map(|b| b.1).collect();
            assert!(ys.windows(2).all(|w| w[0] < w[1]), "{template}: the PDF's bars top to bottom in order");
        }
        // The labels in the PDF's size.
        let size = xml.first("a:defRPr").and_then(|r| r.attr("sz")).map(|v| v.parse::<f32>().unwrap() / 100.0);
        assert!(
            size.is_some_and(|s| found.sizes.iter().all(|f| (f - s).abs() < 0.05)),
            "{template}: {size:?} for {:?}",
            found.sizes
        );
        // The chart is as wide as the block, as the PDF draws it.
        let document = common::docx_xml(&docx, "word/document.xml");
        let extent = document.first("wp:extent").expect("the chart's extent");
        let width = extent.attr("cx").unwrap().parse::<f32>().unwrap() / 12700.0;
        let right = drawn.bars.iter().map(|b| b.2).fold(0.0, f32::max);
        assert!(width <= block.2 - block.0 + 1.0 && right - block.0 <= width + SLACK, "{template}: {width} pt wide");
    }
}

#[test]
fn the_floor_is_the_templates_and_what_gives_way_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    // No shrinking below 五号: eight names of 12 characters no longer stand under their bars.
    let template = dir.path().join("no-shrink.toml");
    std::fs::write(&template, "extends = \"gongwen\"\n\n[chart]\nlabel_min_size = \"五号\"\n").unwrap();
    let (chart8, _) = chart(&report(&INDUSTRIES[..8], &VALUES[..8], 0), template.to_str().unwrap(), dir.path());
    let found = check(&chart8, &INDUSTRIES[..8], &VALUES[..8], GONGWEN);
    assert!(found.lying && found.sizes == [10.5], "lying at 五号: {:?}", found.sizes);

    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "extends = \"gongwen\"\n\n[chart]\nlabel_min_size = \"小四\"\n").unwrap();
    let input = dir.path().join("chart.toml");
    let out = baogao(&[
        "export",
        input.to_str().unwrap(),
        "-o",
        dir.path().to_str().unwrap(),
        "--force",
        "-t",
        bad.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("chart.label_min_size"), "{stderr}");

    // A name with a word wider than the names' column: broken inside it, with a warning,
    // and not one character lost.
    let word = "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let source = report(&INDUSTRIES[..4], &VALUES[..4], 0).replace("电气机械和器材制造业", &format!("{word}制造业"));
    std::fs::write(&input, source).unwrap();
    let out = baogao(&["export", input.to_str().unwrap(), "-o", dir.path().to_str().unwrap(), "-f", "pdf", "--force"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && stderr.contains("broken inside a word"), "{stderr}");
    let pdf = Pdf::open(&dir.path().join("chart.pdf"));
    let text = common::squeeze(&pdf.text());
    let drawn = |c: char| text.chars().filter(|&t| t == c).count();
    assert!(word.chars().all(|c| drawn(c) >= 2), "every letter, twice");
}

#[test]
fn a_masked_figure_keeps_its_label_in_the_word_chart() {
    let dir = tempfile::tempdir().unwrap();
    let names: &[&[&str]] = &[&["工业"], &["外贸"], &["消费"]];
    // The second figure masked, as a report sent out before its figures are final.
    let source = report(names, &[12.5, 0.0, 6.0], 0).replacen("value = 0\n", "value = \"-**.*\"\n", 1);
    let input = dir.path().join("masked.toml");
    std::fs::write(&input, source).unwrap();
    let out = baogao(&["export", input.to_str().unwrap(), "-o", dir.path().to_str().unwrap(), "-f", "docx", "--force"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let charts = common::word_charts(&dir.path().join("masked.docx"));
    let chart = &charts[0];
    assert_eq!(chart.labels[1], "-**.*%", "the masked figure is printed: {:?}", chart.labels);
    assert_eq!(chart.values[1], Some(0.0), "plotted at zero, where a reader labels it");
    assert!(
        chart.workbook.values().any(|v| v == "-**.*%"),
        "the workbook holds the printed figure: {:?}",
        chart.workbook
    );
}

#[test]
fn a_chart_before_a_heading_goes_over_only_when_it_does_not_fit() {
    // A chart, then a section (heading, a paragraph of three lines) and the signature: kept
    // together, a chart that fitted went over with the rest and left half a page empty.
    let section = format!(
        "[[body]]\nheading = \"居民收入\"\n[[body.content]]\nparagraph = \"{}\"\n",
        "城镇居民人均可支配收入稳步增长，农村居民收入增速快于城镇。".repeat(4)
    );
    let mut moved = 0;
    for before in (10..40).step_by(2) {
        let dir = tempfile::tempdir().unwrap();
        let source = report(&INDUSTRIES[..6], &VALUES[..6], before)
            .replace("[[body]]\nparagraph = \"以上数据为快报数。\"\n", &section);
        let (chart, pdf) = chart(&source, "briefing", dir.path());
        let top =
            chart.pieces.iter().map(|p| p.bbox().1).chain(chart.bars.iter().map(|b| b.1)).fold(f32::MAX, f32::min);
        if chart.page == 0 || top > BRIEFING.1 + 30.0 {
            continue;
        }
        moved += 1;
        // It starts a page: the page before (its lines in the block, the footer aside) had no
        // room for it and its caption.
        let caption_bottom = chart.caption_top + 12.0;
        let last = pdf
            .lines(chart.page - 1)
            .into_iter()
            .filter(|l| l.y < BRIEFING.3 + SLACK)
            .map(|l| l.y)
            .fold(0.0f32, f32::max);
        let room = BRIEFING.3 - last;
        assert!(
            room < caption_bottom - top,
            "{before} paragraphs: the chart ({:.0} pt with its caption) went over with {room:.0} pt left",
            caption_bottom - top
        );
    }
    assert!(moved > 0, "some charts start a page");
}
