//! Heading numbers: "一、", "（一）", "1.", "（1）" and the like, from a pattern.

const ZH_DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// Checks that a pattern has exactly one number placeholder.
pub fn check(pattern: &str) -> Result<(), String> {
    let count = pattern.matches("{zh}").count() + pattern.matches("{n}").count();
    if count == 1 {
        Ok(())
    } else {
        Err(format!("`{pattern}` needs exactly one of {{zh}} (一) or {{n}} (1)"))
    }
}

/// The pattern with its placeholder replaced by `n`.
pub fn format(pattern: &str, n: usize) -> String {
    pattern.replace("{zh}", &chinese_numeral(n)).replace("{n}", &n.to_string())
}

/// Chinese numeral as used in heading numbers: 一 … 十, 十一, 二十, 九十九, 一百 ….
pub fn chinese_numeral(n: usize) -> String {
    match n {
        0..=9 => ZH_DIGITS[n].to_owned(),
        10..=19 => format!("十{}", if n == 10 { "" } else { ZH_DIGITS[n - 10] }),
        20..=99 => format!("{}十{}", ZH_DIGITS[n / 10], if n.is_multiple_of(10) { "" } else { ZH_DIGITS[n % 10] }),
        _ => {
            let rest = n % 100;
            let tail = match rest {
                0 => String::new(),
                1..=9 => format!("零{}", ZH_DIGITS[rest]),
                10..=19 => format!("一{}", chinese_numeral(rest)),
                _ => chinese_numeral(rest),
            };
            format!("{}百{tail}", chinese_numeral(n / 100))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals() {
        let got: Vec<String> = [1, 4, 10, 11, 20, 23, 100, 105, 110, 999].iter().map(|&n| chinese_numeral(n)).collect();
        assert_eq!(got, ["一", "四", "十", "十一", "二十", "二十三", "一百", "一百零五", "一百一十", "九百九十九"]);
    }

    #[test]
    fn patterns() {
        assert_eq!(format("{zh}、", 2), "二、");
        assert_eq!(format("（{zh}）", 12), "（十二）");
        assert_eq!(format("{n}.", 3), "3.");
        assert!(check("第{zh}章").is_ok());
        assert!(check("{n}.{n}").is_err());
        assert!(check("无").is_err());
    }
}
