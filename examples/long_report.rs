//! Generates a long structured summary from varied text, for tests and benchmarks:
//! punctuation-dense sentences, figures, Latin words, long unbreakable strings, nested
//! headings. Deterministic: the same page count gives the same report.
//!
//! `cargo run --release --example long_report -- PAGES > report.toml`

/// Clauses the paragraphs are built from.
const CLAUSES: &[&str] = &[
    "坚持以人民为中心的发展思想",
    "全面落实中央、省、市各项决策部署",
    "认真贯彻“疫情要防住、经济要稳住、发展要安全”重要要求",
    "锚定大数据、新型显示为代表的新一代信息技术产业",
    "总投资{n}亿元的{n}英寸硅基OLED微显示器制造项目顺利签约落地",
    "规上工业增加值增长{p}%，高新技术产业增长{p}%",
    "推行政务服务“一件事一次办”——企业办事更便捷",
    "建成5G基站{n}个，R&D经费投入强度达到{p}%",
    "开放使用{n}个文化站、{n}个基层综合文化服务中心",
    "通过“政银担”、“科技贷”、“园区贷”等业务发放贷款{p}亿元",
    "详见https://www.example.gov.cn/reports/2022/annual-economic-summary-final-version.html",
    "完成《关于加快推进高质量发展的实施意见》（试行）的修订",
    "持续推进重点领域安全生产专项整治……保持了社会大局和谐稳定",
    "GDP同比增长{p}%，居全省第{n}位",
    "引进Huawei、BOE等龙头企业{n}家",
    "编号为ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGHIJKL的项目档案已归档",
    "“十四五”规划确定的目标任务稳步推进：产业、人才、资金“三链”融合",
    "全年采集核酸样本{p}万人次，做到应检尽检（含重点人群）",
];

const HEADINGS: &[&str] =
    &["聚力聚焦，壮大新兴产业", "创新驱动，澎湃发展动力", "优化环境，厚植发展沃土", "以民为本，增进民生福祉"];

/// A small deterministic generator (a linear congruential one: no dependency needed).
struct Numbers(u64);

impl Numbers {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

fn paragraph(numbers: &mut Numbers) -> String {
    let clauses = 3 + numbers.next(6);
    let mut text = String::new();
    for c in 0..clauses {
        let clause = CLAUSES[numbers.next(CLAUSES.len() as u64) as usize];
        let mut filled = String::new();
        for (i, part) in clause.split("{n}").enumerate() {
            if i > 0 {
                filled.push_str(&(1 + numbers.next(500)).to_string());
            }
            let mut pieces = part.split("{p}");
            filled.push_str(pieces.next().unwrap_or(""));
            for piece in pieces {
                filled.push_str(&format!("{}.{}", numbers.next(40), numbers.next(10)));
                filled.push_str(piece);
            }
        }
        text.push_str(&filled);
        text.push_str(if c + 1 == clauses { "。" } else { ["，", "；", "，"][numbers.next(3) as usize] });
    }
    text
}

/// A report of about `pages` pages on the gongwen grid, as TOML.
pub fn report(pages: usize) -> String {
    let mut numbers = Numbers(2022);
    let mut out = String::from(
        "version = 1\n\n[meta]\ntitle = \"高新区2022年经济社会发展总结（长篇测试稿）\"\nissuer = \"某某高新技术产业开发区管理委员会\"\ndate = \"2022-12-20\"\nperiod = \"2022年\"\n",
    );
    // About six paragraphs of some five lines each fill a page.
    let sections = pages.div_ceil(3).max(1);
    for s in 0..sections {
        out.push_str(&format!("\n[[body]]\nheading = \"{}\"\n", HEADINGS[s % HEADINGS.len()]));
        for sub in 0..2 {
            out.push_str(&format!("\n[[body.content]]\nheading = \"第{}项重点工作\"\n", sub + 1));
            for _ in 0..6 {
                out.push_str(&format!("\n[[body.content.content]]\nparagraph = \"{}\"\n", paragraph(&mut numbers)));
            }
        }
    }
    out
}

#[allow(dead_code)] // the tests include this file for `report` alone
fn main() {
    let pages = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(30);
    print!("{}", report(pages));
}
