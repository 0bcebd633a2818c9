//! Heading numbers: "一、", "（一）", "1.", "（1）", "1.2.3" and the like, from a pattern.

const ZH_DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// Checks the pattern of heading level `level` (1-based): it shows its own level's number,
/// as `{zh}` (一), `{n}` (1) or `{nK}` with K its level, once; `{nK}` of a level above
/// may come before (`{n1}.{n2}`).
pub fn check(pattern: &str, level: usize) -> Result<(), String> {
    let own = pattern.matches("{zh}").count()
        + pattern.matches("{n}").count()
        + pattern.matches(&format!("{{n{level}}}")).count();
    let deeper = (level + 1..=9).any(|k| pattern.contains(&format!("{{n{k}}}")));
    if own == 1 && !deeper {
        Ok(())
    } else {
        Err(format!(
            "`{pattern}` needs its level's number once: {{zh}} (一), {{n}} (1) or {{n{level}}}; {{n1}}…{{n{}}} may number the levels above",
            level.saturating_sub(1).max(1)
        ))
    }
}

/// The pattern with its placeholders replaced: `ordinals` are the numbers of the headings
/// above at each level down to this one's (the last).
pub fn format(pattern: &str, ordinals: &[usize]) -> String {
    let own = ordinals.last().copied().unwrap_or(1);
    let mut out = pattern.replace("{zh}", &chinese_numeral(own)).replace("{n}", &own.to_string());
    for (k, n) in ordinals.iter().enumerate() {
        out = out.replace(&format!("{{n{}}}", k + 1), &n.to_string());
    }
    out
}

/// How a number in a heading's pattern is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberStyle {
    /// A Chinese numeral: 一, 十二.
    Chinese,
    /// An Arabic numeral: 1, 12.
    Arabic,
}

/// A piece of a heading's number pattern, for writers that keep the number live (Word's
/// list numbering) rather than print it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberPart {
    /// Text printed as it stands: "、", "（", "．".
    Text(String),
    /// The number of heading level `level` (1-based): the pattern's own, or one above.
    Number { level: usize, style: NumberStyle },
}

/// The pattern of heading level `level` cut into text and numbers, in order. Patterns are
/// checked when the template loads ([`check`]), so every placeholder here is a known one.
pub fn parts(pattern: &str, level: usize) -> Vec<NumberPart> {
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut rest = pattern;
    while !rest.is_empty() {
        let placeholder = rest.strip_prefix('{').and_then(|inner| {
            let (name, after) = inner.split_once('}')?;
            let number = match name {
                "zh" => NumberPart::Number { level, style: NumberStyle::Chinese },
                "n" => NumberPart::Number { level, style: NumberStyle::Arabic },
                _ => {
                    let k: usize = name.strip_prefix('n')?.parse().ok()?;
                    NumberPart::Number { level: k, style: NumberStyle::Arabic }
                }
            };
            Some((number, after))
        });
        match placeholder {
            Some((number, after)) => {
                if !text.is_empty() {
                    parts.push(NumberPart::Text(std::mem::take(&mut text)));
                }
                parts.push(number);
                rest = after;
            }
            None => {
                let mut chars = rest.chars();
                text.extend(chars.next());
                rest = chars.as_str();
            }
        }
    }
    if !text.is_empty() {
        parts.push(NumberPart::Text(text));
    }
    parts
}

/// Chinese numeral as used in heading numbers: 一 … 十, 十一, 二十, 九十九, 一百, 一千零一,
/// 一万 …: the units 十 百 千 within each four digits, 万 and 亿 above them, 零 for the zeros
/// between (the 1000th heading had been "十百").
pub fn chinese_numeral(n: usize) -> String {
    const UNITS: [(usize, &str); 5] = [(100_000_000, "亿"), (10_000, "万"), (1000, "千"), (100, "百"), (10, "十")];
    if n < 10 {
        return ZH_DIGITS[n].to_owned();
    }
    if n < 20 {
        return format!("十{}", if n == 10 { "" } else { ZH_DIGITS[n - 10] });
    }
    let (unit, name) = UNITS.iter().copied().find(|&(unit, _)| n >= unit).unwrap_or((10, "十"));
    let (high, rest) = (n / unit, n % unit);
    let tail = match rest {
        0 => String::new(),
        // A gap of a whole unit or more reads 零 (一千零五, 一万零一十); "一十" after it.
        _ if rest < unit / 10 => format!("零{}", within(rest)),
        _ => within(rest),
    };
    format!("{}{name}{tail}", chinese_numeral(high))
}

/// A numeral after a higher unit: 10 to 19 with their 一 (一百一十, not 一百十).
fn within(n: usize) -> String {
    if (10..20).contains(&n) {
        format!("一{}", chinese_numeral(n))
    } else {
        chinese_numeral(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals() {
        let got: Vec<String> = [1, 4, 10, 11, 20, 23, 100, 105, 110, 999].iter().map(|&n| chinese_numeral(n)).collect();
        assert_eq!(got, ["一", "四", "十", "十一", "二十", "二十三", "一百", "一百零五", "一百一十", "九百九十九"]);
        let got: Vec<String> = [1000, 1001, 1010, 1100, 2024, 10_000, 10_010, 100_000, 110_005]
            .iter()
            .map(|&n| chinese_numeral(n))
            .collect();
        assert_eq!(
            got,
            ["一千", "一千零一", "一千零一十", "一千一百", "二千零二十四", "一万", "一万零一十", "十万", "十一万零五"]
        );
    }

    #[test]
    fn patterns() {
        assert_eq!(format("{zh}、", &[2]), "二、");
        assert_eq!(format("（{zh}）", &[1, 12]), "（十二）");
        assert_eq!(format("{n}.", &[1, 1, 3]), "3.");
        assert_eq!(format("{n1}.{n2}.{n3}", &[2, 1, 3]), "2.1.3");
        assert!(check("第{zh}章", 1).is_ok());
        assert!(check("{n1}.{n2}", 2).is_ok());
        assert!(check("{n1}.{n2}", 1).is_err(), "level 1 cannot show level 2's number");
        assert!(check("{n1}.", 2).is_err(), "level 2 must show its own number");
        assert!(check("{n}.{n}", 1).is_err());
        assert!(check("无", 1).is_err());
    }

    #[test]
    fn patterns_cut_into_text_and_numbers() {
        use NumberPart::{Number, Text};
        assert_eq!(
            parts("（{zh}）", 2),
            [Text("（".into()), Number { level: 2, style: NumberStyle::Chinese }, Text("）".into())]
        );
        assert_eq!(
            parts("{n1}.{n2}　", 2),
            [
                Number { level: 1, style: NumberStyle::Arabic },
                Text(".".into()),
                Number { level: 2, style: NumberStyle::Arabic },
                Text("　".into())
            ]
        );
        assert_eq!(parts("{n}.", 3), [Number { level: 3, style: NumberStyle::Arabic }, Text(".".into())]);
        assert_eq!(parts("第{zh}章", 1)[0], Text("第".into()));
    }
}
