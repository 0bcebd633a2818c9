//! Indicators found in sentences. A figure becomes an indicator where the sentence names it
//! plainly: a growth rate ("规上工业增加值增长12.5%"), or a count or amount after 新增 or
//! 净增 ("净增“四上”企业36户", "净增3户新建新投产工业企业"). The figure in the text becomes
//! a placeholder, so that the text follows the indicator when its value changes. Other
//! figures stay text: a wrong indicator is worse than none.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use pinyin::ToPinyin;
use regex::Regex;

use crate::model::{is_han, Block, Indicator, IndicatorKind, Number, Value};

/// A figure and its unit: digits or masks (`*`), a decimal part, a unit from the lists below.
static FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    let units = [RATE_UNITS, COUNT_UNITS, AMOUNT_UNITS].concat().join("|");
    Regex::new(&format!(r"[0-9*]+(?:\.[0-9*]+)?(?:{units})")).expect("a valid pattern")
});
static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[0-9*]+(?:\.[0-9*]+)?").expect("a valid pattern"));
/// A place or time the sentence starts with, not part of the indicator's name:
/// "**高新区规上工业增加值增长" names 规上工业增加值.
static SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:今年以来|全年|[*\p{Han}]{0,8}?(?:高新区|开发区|园区|全区|全市|全县|全省|我区|我市|我县))")
        .expect("a valid pattern")
});
/// A standing after the figure's clause: "居全市第一".
static RANK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^居((?:全[国省市区县]|[\p{Han}]{1,4}内)?第[一二三四五六七八九十0-9]+(?:位|名)?)$")
        .expect("a valid pattern")
});

/// Units of rates, longest first so that alternation takes the whole unit.
const RATE_UNITS: &[&str] = &["个百分点", "%", "％"];
/// Units of counts.
const COUNT_UNITS: &[&str] = &["万人次", "户", "家", "个", "件", "项", "套", "条", "人", "所", "座"];
/// Units of amounts.
const AMOUNT_UNITS: &[&str] = &["万平方米", "平方米", "亿元", "万元", "万吨", "元", "亩", "公里", "吨"];
/// Verbs a growth rate follows.
const GROWTH_VERBS: &[&str] = &["增长", "下降", "提高", "提升", "增加", "减少", "上升", "回落"];
/// Verbs a new count or amount follows.
const NEW_VERBS: &[&str] = &["新增", "净增"];
/// A growth clause that names only its basis refers to the figure before it:
/// "新增民营企业300家，同比增长12.5%".
const BASES: &[&str] = &["同比", "比上年", "较上年", "较去年", "较去年同期", "比去年同期", "环比"];
/// Punctuation that ends a clause.
const CLAUSE_ENDS: &[char] = &['，', '。', '；', '：', '！', '？', ',', ';', ':', '!', '?'];
/// Characters an indicator's name may hold besides Han characters and Latin letters.
const NAME_MARKS: &[char] = &['“', '”', '"', '（', '）'];

/// Takes the figures of `body`'s paragraphs into indicators, leaving placeholders.
pub fn extract(body: &mut [Block]) -> Vec<Indicator> {
    let mut found = Found { indicators: Vec::new(), ids: HashSet::new(), numbered: HashMap::new() };
    for block in body {
        found.block(block);
    }
    found.indicators
}

struct Found {
    indicators: Vec<Indicator>,
    ids: HashSet<String>,
    /// For each id made from a name, the last number given to it, so that a name that comes
    /// a thousand times is numbered without a search.
    numbered: HashMap<String, usize>,
}

impl Found {
    fn block(&mut self, block: &mut Block) {
        match block {
            Block::Section(section) => section.content.iter_mut().for_each(|b| self.block(b)),
            Block::Paragraph { paragraph } => *paragraph = self.paragraph(paragraph),
            _ => {}
        }
    }

    /// `text` with its figures made placeholders, clause by clause.
    fn paragraph(&mut self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        // The indicator that the clause before named, within the sentence.
        let mut last: Option<usize> = None;
        for clause in text.split_inclusive(CLAUSE_ENDS) {
            let (words, end) = match clause.char_indices().last() {
                Some((at, c)) if CLAUSE_ENDS.contains(&c) => (&clause[..at], &clause[at..]),
                _ => (clause, ""),
            };
            if let (Some(index), Some(rank)) = (last, RANK.captures(words)) {
                let indicator = &mut self.indicators[index];
                indicator.rank = Some(rank[1].to_owned());
                out.push_str(&format!("居{{{}.rank}}{end}", indicator.id));
                last = None;
                continue;
            }
            let (clause_text, named) = self.clause(words, last);
            out.push_str(&clause_text);
            out.push_str(end);
            last = if matches!(end, "。" | "！" | "？" | "!" | "?") { None } else { named.or(last) };
        }
        out
    }

    /// A clause with its figures made placeholders, and the last indicator it named.
    fn clause(&mut self, words: &str, before: Option<usize>) -> (String, Option<usize>) {
        let mut out = String::new();
        let mut last = before;
        let mut named = None;
        let mut from = 0;
        for figure in FIGURE.find_iter(words) {
            // The figure's own stretch: from the last 、 or figure before it to the next 、.
            let start = words[from..figure.start()].rfind('、').map_or(from, |at| from + at + '、'.len_utf8());
            let after = &words[figure.end()..];
            let after = &after[..after.find('、').unwrap_or(after.len())];
            let prefix = &words[start..figure.start()];
            let Some(indicator) = self.indicator(prefix, figure.as_str(), after, last) else { continue };
            out.push_str(&words[from..figure.start()]);
            out.push_str(&format!("{{{}}}", indicator.id));
            from = figure.end();
            self.ids.insert(indicator.id.clone());
            self.indicators.push(indicator);
            last = Some(self.indicators.len() - 1);
            named = last;
        }
        out.push_str(&words[from..]);
        (out, named)
    }

    /// The indicator a figure makes, if its stretch names it: `prefix` stands before the
    /// figure, `after` after it; `last` is the one named just before.
    fn indicator(&mut self, prefix: &str, figure: &str, after: &str, last: Option<usize>) -> Option<Indicator> {
        let number = NUMBER.find(figure)?.as_str();
        let unit = &figure[number.len()..];
        let subject = SUBJECT.find(prefix).map_or(0, |m| m.end());
        let prefix = &prefix[subject..];
        let (name, kind) = if RATE_UNITS.contains(&unit) {
            let verb = GROWTH_VERBS.iter().find(|v| prefix.ends_with(*v))?;
            let name = &prefix[..prefix.len() - verb.len()];
            if BASES.contains(&name) {
                (format!("{}增速", self.indicators[last?].name), IndicatorKind::GrowthRate)
            } else {
                // "GDP同比增长": the basis is the sentence's, not part of the name.
                let name = BASES.iter().find_map(|basis| name.strip_suffix(basis)).unwrap_or(name);
                (name.to_owned(), IndicatorKind::GrowthRate)
            }
        } else {
            let kind = if COUNT_UNITS.contains(&unit) { IndicatorKind::Count } else { IndicatorKind::Total };
            let verb = NEW_VERBS.iter().find(|v| prefix.starts_with(*v))?;
            if prefix.len() > verb.len() && after.is_empty() {
                (prefix.to_owned(), kind)
            } else if prefix.len() == verb.len() && is_name(after) {
                (format!("{verb}{after}"), kind)
            } else {
                return None;
            }
        };
        if !is_name(&name) {
            return None;
        }
        let value = if number.contains('*') { Value::Text(number.to_owned()) } else { number_value(number) };
        Some(Indicator {
            id: self.id_for(&name),
            name,
            value: Some(value),
            unit: Some(unit.to_owned()),
            kind,
            comparison: None,
            rank: None,
            note: None,
        })
    }

    /// An id from the name's pinyin ("规上工业增加值" → `gui_shang_gong_ye_zeng_jia_zhi`),
    /// numbered when taken.
    fn id_for(&mut self, name: &str) -> String {
        let mut words: Vec<String> = Vec::new();
        let mut latin = String::new();
        for (c, pinyin) in name.chars().zip(name.to_pinyin()) {
            if c.is_ascii_alphanumeric() {
                latin.push(c.to_ascii_lowercase());
                continue;
            }
            if !latin.is_empty() {
                words.push(std::mem::take(&mut latin));
            }
            if let Some(pinyin) = pinyin {
                words.push(pinyin.plain().to_owned());
            }
        }
        if !latin.is_empty() {
            words.push(latin);
        }
        let base = if words.is_empty() { "indicator".to_owned() } else { words.join("_") };
        let base = if base.starts_with(|c: char| c.is_ascii_digit()) { format!("n_{base}") } else { base };
        let last = self.numbered.entry(base.clone()).or_insert(0);
        loop {
            *last += 1;
            let id = if *last == 1 { base.clone() } else { format!("{base}_{last}") };
            if !self.ids.contains(&id) {
                return id;
            }
        }
    }
}

/// An indicator's name: a few words, no figures, no list.
fn is_name(text: &str) -> bool {
    let count = text.chars().count();
    (2..=16).contains(&count)
        && text.chars().all(|c| is_han(c) || c.is_ascii_alphabetic() || NAME_MARKS.contains(&c))
        && !text.contains(['的', '等'])
}

/// A number as a number when it prints back as written ("12.5", "3.0"), else verbatim
/// ("12.50").
fn number_value(text: &str) -> Value {
    match Number::from_written(text) {
        Some(n) => Value::Number(n),
        None => Value::Text(text.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (String, Vec<Indicator>) {
        let mut body = vec![Block::Paragraph { paragraph: text.to_owned() }];
        let indicators = extract(&mut body);
        let Block::Paragraph { paragraph } = &body[0] else { unreachable!() };
        (paragraph.clone(), indicators)
    }

    #[test]
    fn growth_counts_ranks_and_bases() {
        let (text, found) = run("**高新区规上工业增加值增长**.*%、高新技术产业增长12.5%；净增“四上”企业**户，净增*户新建新投产工业企业，居全市第一；新增民营企业300家，同比增长**.*%一组数字。");
        assert_eq!(
            text,
            "**高新区规上工业增加值增长{gui_shang_gong_ye_zeng_jia_zhi}、高新技术产业增长{gao_xin_ji_shu_chan_ye}；\
             净增“四上”企业{jing_zeng_si_shang_qi_ye}，净增{jing_zeng_xin_jian_xin_tou_chan_gong_ye_qi_ye}新建新投产工业企业，\
             居{jing_zeng_xin_jian_xin_tou_chan_gong_ye_qi_ye.rank}；新增民营企业{xin_zeng_min_ying_qi_ye}，\
             同比增长{xin_zeng_min_ying_qi_ye_zeng_su}一组数字。"
        );
        let names: Vec<&str> = found.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "规上工业增加值",
                "高新技术产业",
                "净增“四上”企业",
                "净增新建新投产工业企业",
                "新增民营企业",
                "新增民营企业增速"
            ]
        );
        assert_eq!(found[0].value, Some(Value::Text("**.*".into())));
        assert_eq!(found[0].unit.as_deref(), Some("%"));
        assert_eq!(found[0].kind, IndicatorKind::GrowthRate);
        assert_eq!(found[1].value, Some(Value::Number(Number::with_point(12.5))));
        assert_eq!((found[2].unit.as_deref(), found[2].kind), (Some("户"), IndicatorKind::Count));
        assert_eq!(found[3].rank.as_deref(), Some("全市第一"));
        assert_eq!(found[4].value, Some(Value::Number(Number::whole(300.0))));
        let (text, found) = run("GDP同比增长6.5%。");
        assert_eq!((text.as_str(), found[0].name.as_str()), ("GDP同比增长{gdp}。", "GDP"));
    }

    #[test]
    fn figures_without_a_plain_name_stay_text() {
        let plain = "引进大数据、人工智能等领域企业12家，总投资**亿元的项目，累计达**家，开工1.50万平方米。";
        assert_eq!(run(plain), (plain.to_owned(), vec![]));
        // The same name twice gets two ids; a value that would print otherwise stays verbatim.
        let (text, found) = run("新增企业12.50家。新增企业3家。");
        assert_eq!(text, "新增企业{xin_zeng_qi_ye}。新增企业{xin_zeng_qi_ye_2}。");
        assert_eq!(found[0].value, Some(Value::Text("12.50".into())));
    }
}
