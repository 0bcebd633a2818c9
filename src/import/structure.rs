//! The parts of a report recognised in its pieces: the document number, title and subtitle
//! at the head; the issuer and date at the head or the foot; the attachments note; numbered
//! headings at four levels with their numbers taken off; tables and charts with their
//! captions; and the paragraphs between.

use std::sync::LazyLock;

use regex::Regex;

use super::text::trim;
use super::{Piece, Role, WordChart};
use crate::model::{
    days_in_month, numbered, Block, Cell, Chart, ChartSeries, Meta, Numbering, Section, Table, MAX_HEADING_LEVEL,
};

/// What the head and foot of a report say, and its body.
#[derive(Debug, Default)]
pub struct Parts {
    /// Title, subtitle, document number, issuer, date and attachments; the period and the
    /// keywords are left to the caller.
    pub meta: Meta,
    /// Sections, paragraphs, tables and charts. A chart lists no indicators yet: its bars
    /// become indicators once the figures are (`chart::resolve`).
    pub body: Vec<Block>,
    /// The charts of `body` as read, in the same order.
    pub charts: Vec<WordChart>,
}

/// Decimal numbers, "1　" to "1.1.1.1　", as templates number headings in technical
/// reports; taken off styled headings only, since in plain text "1 " is too often a figure.
static DECIMAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,2}(?:\.\d{1,2}){0,3}[\s\u{3000}]+").expect("a valid pattern"));

/// A styled heading's words: its number, of whichever style, taken off.
fn heading_words(text: &str) -> &str {
    match numbered(text) {
        Some((_, rest)) => rest,
        None => DECIMAL.find(text).map_or(text, |m| &text[m.end()..]),
    }
}

/// A heading is short and is no sentence: a numbered line that ends a sentence
/// ("（1）标准厂房建成12万平方米。") is a numbered paragraph, and keeps its number.
fn heading_like(rest: &str) -> bool {
    rest.chars().count() <= 40 && !rest.contains(SENTENCE_ENDS)
}

/// Marks that end a sentence or a clause of one.
const SENTENCE_ENDS: &[char] = &['。', '；', ';', '！', '？', '!', '?'];

static DOC_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\S{1,20}[〔\[［(（]\d{4}[〕\]］)）]\d{1,4}号$").expect("a valid pattern"));
static SUBTITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[（(][^（）()]{1,40}[）)]$").expect("a valid pattern"));
/// A period in brackets: a year, a half, quarters or months ("（2022年1—11月）", "（2024年上半年）").
static PERIOD_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[（(]\s*((?:\d{4}|[*＊]{4})年(?:[^（）()]{0,16}(?:月|季度|半年|全年))?)\s*[）)]$")
        .expect("a valid pattern")
});
static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^表\s*[0-9一二三四五六七八九十]+(?:[-.．][0-9]+)?[\s\u{3000}:：.．、]*(.+)$").expect("a valid pattern")
});
/// A figure's caption, "图1　主要指标增速": its words after the number.
static FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^图\s*[0-9一二三四五六七八九十]+(?:[-.．][0-9]+)?[\s\u{3000}:：.．、]*(.+)$").expect("a valid pattern")
});
static ATTACHMENTS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^附\s*件[:：]\s*(.*)$").expect("a valid pattern"));
static DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$").expect("a valid pattern"));
static HAN_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$")
        .expect("a valid pattern")
});
/// Words an issuing body's name ends with.
static ISSUER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:委员会|管委会|人民政府|政府|办公室|办公厅|局|厅|委|部|处|科|中心|公司|集团|协会|学会|院|所|站|队|小组)$",
    )
    .expect("a valid pattern")
});

/// A date line as YYYY-MM-DD: "2022年12月20日" or "二〇二二年十二月二十日".
pub fn iso_date(text: &str) -> Option<String> {
    let text = trim(text);
    let (year, month, day) = if let Some(c) = DATE.captures(text) {
        (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)
    } else {
        let c = HAN_DATE.captures(text)?;
        let year = c[1].chars().try_fold(0u32, |year, d| Some(year * 10 + han_digit(d)?))?;
        (year, han_number(&c[2])?, han_number(&c[3])?)
    };
    (1..=days_in_month(year, month)?).contains(&day).then(|| format!("{year:04}-{month:02}-{day:02}"))
}

fn han_digit(c: char) -> Option<u32> {
    "〇一二三四五六七八九".chars().position(|d| d == c).map(|d| d as u32).or(matches!(c, '○' | '零').then_some(0))
}

/// 一 … 三十一.
fn han_number(text: &str) -> Option<u32> {
    match text.split_once('十') {
        None if text.chars().count() == 1 => han_digit(text.chars().next()?),
        None => None,
        Some((tens, ones)) => {
            let tens = if tens.is_empty() { 1 } else { han_digit(tens.chars().next()?)? };
            let ones = if ones.is_empty() { 0 } else { han_digit(ones.chars().next()?)? };
            Some(tens * 10 + ones)
        }
    }
}

/// A short line with no sentence in it, not even a clause: a name, a date.
fn line_like(text: &str) -> bool {
    text.chars().count() <= 40 && !text.contains(SENTENCE_ENDS) && !text.contains(['，', ','])
}

/// A paragraph's text and role, if the piece is one.
fn paragraph(piece: &Piece) -> Option<(&str, Role)> {
    match piece {
        Piece::Paragraph { text, role } => Some((text, *role)),
        Piece::Table(_) | Piece::Chart(_) => None,
    }
}

/// The parts of a report. Fails only when there is no title to be found.
pub fn recognise(pieces: &[Piece]) -> Result<Parts, String> {
    let mut parts = Parts::default();
    let mut rest = pieces;
    // The head: document number, title, subtitle, then perhaps the issuer and the date.
    if let Some((text, role)) = rest.first().and_then(paragraph) {
        if role == Role::DocNumber || (role == Role::Plain && DOC_NUMBER.is_match(text)) {
            parts.meta.doc_number = Some(text.to_owned());
            rest = &rest[1..];
        }
    }
    let titled = rest.iter().take_while(|p| paragraph(p).is_some_and(|(_, role)| role == Role::Title)).count();
    let title_lines = match (titled, rest.first().and_then(paragraph)) {
        (0, Some(_)) => 1,
        (0, None) => return Err("the report does not start with a title line".to_owned()),
        (n, _) => n,
    };
    parts.meta.title = rest[..title_lines].iter().filter_map(paragraph).map(|(text, _)| text).collect();
    rest = &rest[title_lines..];
    // The subtitle and the period's line, in either order: a line in brackets that names a
    // period ("（2022年1—11月）") is the period, which the template prints there again.
    for _ in 0..2 {
        let Some((text, role)) = rest.first().and_then(paragraph) else { break };
        let bracketed = matches!(role, Role::Plain | Role::Subtitle | Role::Period) && SUBTITLE.is_match(text);
        let period = PERIOD_LINE.captures(text).filter(|_| bracketed && parts.meta.period.is_none());
        if let Some(period) = period {
            parts.meta.period = Some(period[1].to_owned());
        } else if role == Role::Period {
            // baogao's own line in a pattern of the template's: the document's subject
            // gives the period.
        } else if parts.meta.subtitle.is_none()
            && (role == Role::Subtitle || (role == Role::Plain && SUBTITLE.is_match(text) && numbered(text).is_none()))
        {
            parts.meta.subtitle = Some(text.to_owned());
        } else {
            break;
        }
        rest = &rest[1..];
    }
    while let Some((text, Role::Plain)) = rest.first().and_then(paragraph) {
        if !line_like(text) || numbered(text).is_some() {
            break;
        }
        if let Some(date) = iso_date(text).filter(|_| parts.meta.date.is_none()) {
            parts.meta.date = Some(date);
        } else if ISSUER.is_match(text) && parts.meta.issuer.is_none() {
            parts.meta.issuer = Some(text.to_owned());
        } else {
            break;
        }
        rest = &rest[1..];
    }
    // The foot: the issuer over the date, signed after everything else. Only an issuing
    // body's name signs: "特此报告" over a date stays a paragraph.
    if parts.meta.issuer.is_none() && parts.meta.date.is_none() {
        if let Some(date) = rest.last().and_then(paragraph).and_then(|(text, _)| iso_date(text)) {
            parts.meta.date = Some(date);
            rest = &rest[..rest.len() - 1];
            if let Some((text, role)) = rest.last().and_then(paragraph) {
                if role == Role::Closing || (line_like(text) && ISSUER.is_match(text)) {
                    parts.meta.issuer = Some(text.to_owned());
                    rest = &rest[..rest.len() - 1];
                }
            }
        }
    }
    // The attachments note: "附件：" and the names, the last thing before the signature.
    let note = rest.iter().rposition(|p| paragraph(p).is_some_and(|(text, _)| ATTACHMENTS.is_match(text)));
    if let Some((at, names)) = note.and_then(|at| attachments(&rest[at..]).map(|names| (at, names))) {
        parts.meta.attachments = names;
        rest = &rest[..at];
    }
    (parts.body, parts.charts) = body(rest);
    Ok(parts)
}

/// The attachments' names, if `pieces` are an attachments note: "附件：" and a name, then
/// only further numbered names ("2．…"), none of them a sentence.
fn attachments(pieces: &[Piece]) -> Option<Vec<String>> {
    let lines: Vec<&str> =
        pieces.iter().map(paragraph).collect::<Option<Vec<_>>>()?.into_iter().map(|(t, _)| t).collect();
    let first = ATTACHMENTS.captures(lines.first()?)?.get(1)?.as_str();
    let names: Vec<&str> = std::iter::once(first).chain(lines[1..].iter().copied()).collect();
    let several = names.len() > 1;
    let mut out = Vec::new();
    for name in names {
        let name = match numbered(name).filter(|(numbering, _)| *numbering == Numbering::Arabic).map(|(_, rest)| rest) {
            Some(rest) => rest,
            None if several => return None,
            None => name,
        };
        if name.is_empty() || name.contains(SENTENCE_ENDS) {
            return None;
        }
        out.push(name.to_owned());
    }
    Some(out)
}

/// A body block before it finds its section.
enum Item {
    Heading(usize, String),
    Block(Block),
}

/// The body: headings become sections holding what follows them; and the charts as read.
fn body(pieces: &[Piece]) -> (Vec<Block>, Vec<WordChart>) {
    let levels = heading_levels(pieces);
    let mut items = Vec::new();
    let mut charts = Vec::new();
    let mut caption: Option<String> = None;
    // The index of a caption taken by the chart before it.
    let mut taken: Option<usize> = None;
    for (i, piece) in pieces.iter().enumerate() {
        if taken == Some(i) {
            continue;
        }
        let next_is_table = matches!(pieces.get(i + 1), Some(Piece::Table(_)));
        match piece {
            Piece::Table(rows) => items.push(Item::Block(table(rows, caption.take()))),
            Piece::Chart(read) => {
                // A figure's caption stands under it (baogao's, and the custom), or above it
                // in a document that captions its figures there: a caption right above the
                // chart, left a paragraph (no chart took it), is its caption.
                let above = match (i.checked_sub(1).and_then(|at| pieces.get(at)), items.last()) {
                    (Some(Piece::Paragraph { text, role }), Some(Item::Block(Block::Paragraph { paragraph })))
                        if text == paragraph =>
                    {
                        figure_caption(text, *role)
                    }
                    _ => None,
                };
                let words = match above {
                    Some(words) => {
                        items.pop();
                        words
                    }
                    None => match pieces.get(i + 1) {
                        Some(Piece::Paragraph { text, role }) => match figure_caption(text, *role) {
                            Some(words) => {
                                taken = Some(i + 1);
                                words
                            }
                            None => String::new(),
                        },
                        _ => String::new(),
                    },
                };
                let chart = Chart { caption: words, indicators: Vec::new(), series: ChartSeries::Value };
                items.push(Item::Block(Block::Chart { chart }));
                charts.push(read.clone());
            }
            Piece::Paragraph { text, role } => {
                if next_is_table {
                    let captioned = CAPTION.captures(text).map(|c| c[1].to_owned());
                    if let Some(words) = captioned.or_else(|| (*role == Role::Caption).then(|| text.clone())) {
                        caption = Some(words);
                        continue;
                    }
                }
                let heading = match (role, numbered(text)) {
                    (Role::Heading(level), _) => Some((*level, heading_words(text))),
                    (Role::Plain, Some((numbering, rest))) if heading_like(rest) => {
                        levels.iter().position(|n| *n == numbering).map(|at| (at + 1, rest))
                    }
                    _ => None,
                };
                items.push(match heading {
                    Some((level, words)) => Item::Heading(level, trim(words).to_owned()),
                    None => Item::Block(Block::Paragraph { paragraph: text.clone() }),
                });
            }
        }
    }
    (nest(&mut items.into_iter().peekable(), 1), charts)
}

/// The words of a figure's caption, if `text` is one: "图1　…", short and no sentence
/// ("图1显示，…" is text), with its number taken off, as the template numbers figures; or
/// a paragraph in the caption style, its number taken off if it has one.
fn figure_caption(text: &str, role: Role) -> Option<String> {
    match FIGURE.captures(text).map(|c| trim(&c[1]).to_owned()) {
        Some(words) if role == Role::Caption || heading_like(&words) => Some(words),
        _ => (role == Role::Caption).then(|| text.to_owned()),
    }
}

/// The numbering styles used by headings, outermost first; at most four, the deepest ones
/// beyond that stay numbered paragraphs. None where styles mark the headings: a numbered
/// paragraph in a styled document is a paragraph.
fn heading_levels(pieces: &[Piece]) -> Vec<Numbering> {
    if pieces.iter().filter_map(paragraph).any(|(_, role)| matches!(role, Role::Heading(_))) {
        return Vec::new();
    }
    let mut used: Vec<Numbering> = pieces
        .iter()
        .filter_map(paragraph)
        .filter(|(_, role)| *role == Role::Plain)
        .filter_map(|(text, _)| numbered(text))
        .filter(|(_, rest)| heading_like(rest))
        .map(|(numbering, _)| numbering)
        .collect();
    used.sort();
    used.dedup();
    used.truncate(MAX_HEADING_LEVEL);
    used
}

/// Sections at `level` and deeper from `items`, up to a heading above `level`.
fn nest(items: &mut std::iter::Peekable<impl Iterator<Item = Item>>, level: usize) -> Vec<Block> {
    let mut blocks = Vec::new();
    while let Some(item) = items.peek() {
        match item {
            Item::Heading(at, _) if *at < level => break,
            Item::Heading(..) => {
                let Some(Item::Heading(at, heading)) = items.next() else { unreachable!("peeked a heading") };
                // A level skipped (一、 straight to 1.) nests one deeper, not two.
                let content = nest(items, at.max(level) + 1);
                blocks.push(Block::Section(Section { heading, content }));
            }
            Item::Block(_) => {
                let Some(Item::Block(block)) = items.next() else { unreachable!("peeked a block") };
                blocks.push(block);
            }
        }
    }
    blocks
}

/// A table: its first row the header, every row as wide as the widest.
fn table(rows: &[Vec<String>], caption: Option<String>) -> Block {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let padded = |row: &Vec<String>| -> Vec<String> {
        let mut row = row.clone();
        row.resize(width, String::new());
        row
    };
    let header = rows.first().map(padded).unwrap_or_default();
    let rows = rows.iter().skip(1).map(|row| padded(row).into_iter().map(Cell::Text).collect()).collect();
    Block::Table { table: Table { caption, header, rows, align: None } }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[&str]) -> Vec<Piece> {
        lines.iter().map(|t| Piece::Paragraph { text: (*t).into(), role: Role::Plain }).collect()
    }

    #[test]
    fn numbers_and_dates() {
        assert_eq!(numbered("一、聚力聚焦"), Some((Numbering::Han, "聚力聚焦")));
        assert_eq!(numbered("（二）强化招商"), Some((Numbering::ParenHan, "强化招商")));
        assert_eq!(numbered("3．加快建设"), Some((Numbering::Arabic, "加快建设")));
        assert_eq!(numbered("(4) 稳定就业"), Some((Numbering::ParenArabic, "稳定就业")));
        assert_eq!(numbered("第三章　发展环境"), Some((Numbering::Chapter, "发展环境")));
        assert_eq!(numbered("第二节 产业"), Some((Numbering::Subchapter, "产业")));
        assert_eq!(numbered("1.5亿元投入使用"), None);
        assert_eq!(heading_words("1.2.3　园区"), "园区");
        assert_eq!(heading_words("（二）强化招商"), "强化招商");
        assert_eq!(iso_date("2022年12月20日").as_deref(), Some("2022-12-20"));
        assert_eq!(iso_date("二〇二三年一月五日").as_deref(), Some("2023-01-05"));
        assert_eq!(iso_date("二〇二二年十二月三十一日").as_deref(), Some("2022-12-31"));
        assert_eq!(iso_date("****年**月**日"), None);
        assert_eq!(iso_date("2022年2月30日"), None);
        assert_eq!(iso_date("2024年2月29日").as_deref(), Some("2024-02-29"));
        assert_eq!(iso_date("二〇二二年一二月五日"), None);
    }

    #[test]
    fn head_foot_levels_and_attachments() {
        let pieces = plain(&[
            "高新〔2022〕12号",
            "关于2022年工作的总结",
            "（2022年1—11月）",
            "导语。",
            "第一章　总体情况",
            "一、产业",
            "（一）工业",
            "1.园区",
            "（1）载体",
            "正文。",
            "二、民生",
            "附件：1.主要指标表",
            "2.项目清单",
            "某某高新区管理委员会",
            "2022年12月20日",
        ]);
        let parts = recognise(&pieces).unwrap();
        let meta = &parts.meta;
        assert_eq!(meta.doc_number.as_deref(), Some("高新〔2022〕12号"));
        assert_eq!(meta.title, "关于2022年工作的总结");
        // A bracketed period under the title is the period: the template prints it there.
        assert_eq!(meta.subtitle, None);
        assert_eq!(meta.period.as_deref(), Some("2022年1—11月"));
        assert_eq!(meta.issuer.as_deref(), Some("某某高新区管理委员会"));
        assert_eq!(meta.date.as_deref(), Some("2022-12-20"));
        assert_eq!(meta.attachments, ["主要指标表", "项目清单"]);
        // Five numbering styles: the fifth, （1）, stays a numbered paragraph.
        let section = |b: &Block| match b {
            Block::Section(s) => s.clone(),
            other => panic!("not a section: {other:?}"),
        };
        assert_eq!(parts.body[0], Block::Paragraph { paragraph: "导语。".into() });
        let chapter = section(&parts.body[1]);
        assert_eq!(chapter.heading, "总体情况");
        let han: Vec<String> = chapter.content.iter().map(|b| section(b).heading).collect();
        assert_eq!(han, ["产业", "民生"]);
        let industry = section(&section(&chapter.content[0]).content[0]);
        assert_eq!(industry.heading, "工业");
        let park = section(&industry.content[0]);
        assert_eq!(park.heading, "园区");
        assert_eq!(
            park.content,
            [Block::Paragraph { paragraph: "（1）载体".into() }, Block::Paragraph { paragraph: "正文。".into() }]
        );
    }

    #[test]
    fn captions_and_tables() {
        let mut pieces = plain(&["标题", "表1　主要指标"]);
        pieces.push(Piece::Table(vec![vec!["指标".into(), "数值".into()], vec!["增加值".into()]]));
        let parts = recognise(&pieces).unwrap();
        let Block::Table { table } = &parts.body[0] else { panic!("{:?}", parts.body) };
        assert_eq!(table.caption.as_deref(), Some("主要指标"));
        assert_eq!(table.rows, [vec![Cell::Text("增加值".into()), Cell::Text(String::new())]]);
        assert!(recognise(&[Piece::Table(vec![])]).is_err());
    }

    #[test]
    fn charts_take_their_captions_below_or_above() {
        let chart = |name: &str| Piece::Chart(WordChart { names: vec![name.into()], values: vec![Some(1.0)] });
        let caption = |text: &str| Piece::Paragraph { text: text.into(), role: Role::Caption };
        let mut pieces = plain(&["标题", "导语。"]);
        // Under the chart (baogao's), in the caption style or numbered; above it; none.
        pieces.extend([chart("甲"), caption("图1　主要指标增速（%）"), chart("乙")]);
        pieces.extend(plain(&["正文。", "图3 产业结构"]));
        pieces.extend([chart("丙")]);
        pieces.extend(plain(&["图4显示，增速回升。"]));
        pieces.extend([chart("丁")]);
        pieces.extend(plain(&["图4显示，增速回升。"]));
        let parts = recognise(&pieces).unwrap();
        let captions: Vec<&str> = parts
            .body
            .iter()
            .map(|b| match b {
                Block::Chart { chart } => chart.caption.as_str(),
                Block::Paragraph { paragraph } => paragraph.as_str(),
                other => panic!("{other:?}"),
            })
            .collect();
        let expected =
            ["导语。", "主要指标增速（%）", "", "正文。", "产业结构", "图4显示，增速回升。", "", "图4显示，增速回升。"];
        assert_eq!(captions, expected);
        let names: Vec<&str> = parts.charts.iter().map(|c| c.names[0].as_str()).collect();
        assert_eq!(names, ["甲", "乙", "丙", "丁"]);
    }
}
