//! Generates a report with one long table, for tests and benchmarks: districts and their
//! figures (varied decimals, masked and negative values), a table that runs over pages; or,
//! given a number of columns, a wide statistical table (names, units, figures with and
//! without units, ranks, long notes) such as a statistics bureau prints.
//!
//! `cargo run --release --example table_report -- ROWS [COLUMNS] > report.toml`
//! `cargo run --release --example table_report -- --time ROWS COLUMNS [TEMPLATE]` lays the
//! wide table out and prints how long the layout took (the median of five runs).

/// Figures of the value column: whole, one and two decimals, masked, negative.
const VALUES: &[&str] = &["12.6", "1234.56", "7", "**.*", "-3.5", "86.25", "0.4", "305", "45.0", "999.99"];

/// A report whose table has `rows` rows, as TOML.
pub fn report(rows: usize) -> String {
    let mut out = String::from(
        "version = 1\n\n[meta]\ntitle = \"各园区主要指标完成情况\"\nissuer = \"某某统计局\"\ndate = \"2023-01-10\"\nperiod = \"2022年\"\n\n[[body]]\nparagraph = \"今年以来，各园区坚持稳中求进工作总基调，主要经济指标保持平稳增长，增加值总量和增速均好于预期；部分园区受上年同期基数较高和新设立园区统计口径调整影响，增速有所回落。各园区主要指标完成情况见下表。\"\n\n[[body]]\n[body.table]\ncaption = \"各园区主要指标\"\nheader = [\"序号\", \"园区\", \"增加值（亿元）\", \"备注\"]\nrows = [\n",
    );
    for r in 0..rows {
        let note = if r % 7 == 3 { "含新设立园区，数据为快报数" } else { "" };
        out.push_str(&format!(
            "  [\"{}\", \"第{}工业园区\", \"{}\", \"{}\"],\n",
            r + 1,
            r + 1,
            VALUES[r % VALUES.len()],
            note
        ));
    }
    out.push_str("]\n\n[[body]]\nparagraph = \"以上数据均为初步统计数。\"\n");
    out
}

/// A column of the wide table: its header, and its cell in row `r`.
type Column = (&'static str, fn(usize) -> String);

/// Columns of the wide table.
const WIDE: &[Column] = &[
    ("序号", |r| (r + 1).to_string()),
    ("指标名称", |r| NAMES[r % NAMES.len()].to_owned()),
    ("单位", |r| UNITS[r % UNITS.len()].to_owned()),
    ("本期", |r| figure(r, 7)),
    ("增速", |r| ["12.6%", "-3.0%", "**.*", "0.5%", "21.75%", "36户"][r % 6].to_owned()),
    ("位次", |r| ["全市第一", "第3", "", "全省第十二", "第1"][r % 5].to_owned()),
    ("备注", note),
    ("上年同期", |r| figure(r, 11)),
    ("累计", |r| figure(r, 13)),
    ("累计增速", |r| ["8.1%", "-12.4%", "**.*", "105.0%"][r % 4].to_owned()),
    ("占全市比重", |r| ["23.5%", "4.0%", "61.25%"][r % 3].to_owned()),
    ("责任单位", |r| ["区发展改革局", "区商务局", "区统计局", "区科技局"][r % 4].to_owned()),
    ("目标", |r| ["15%", "1200", "**", "8.5%"][r % 4].to_owned()),
    ("完成率", |r| ["98.6%", "101.2%", "76.0%"][r % 3].to_owned()),
];

const NAMES: &[&str] = &[
    "规模以上工业增加值",
    "接待游客人数",
    "实际利用外资",
    "社会消费品零售总额",
    "净增“四上”企业",
    "高新技术产业增加值",
    "进出口总额",
    "研究与试验发展（R&D）经费投入",
];

const UNITS: &[&str] = &["亿元", "万人次", "亿美元", "亿元", "户", "亿元", "亿美元", "万元"];

const NOTES: &[&str] = &[
    "1至11月上报新签约亿元以上项目42个，其中10亿元以上项目6个，总投资356.42亿元。",
    "受上年同期基数较高影响，增速较前三季度回落2.1个百分点，但仍高于全市平均水平。",
    "含新设立园区，数据为快报数，以统计部门年报为准（不含跨区域合作项目）。",
    "新增国家级专精特新“小巨人”企业3家、省级专精特新中小企业16家，均创历史新高。",
];

/// A figure that varies from row to row: whole, one or two decimals, now and then masked
/// or negative.
fn figure(r: usize, salt: usize) -> String {
    let n = (r * 7919 + salt * 104_729) % 100_000;
    match (r + salt) % 9 {
        0 => "**.*".to_owned(),
        1 => format!("-{}.{}", n % 100, n % 10),
        2 | 3 => format!("{}", n % 5000),
        4 | 5 => format!("{}.{:02}", n / 10, n % 100),
        _ => format!("{}.{}", n % 2000, n % 10),
    }
}

/// A note of 40 to 60 characters (a quarter of the rows have none), cut from the notes in
/// turn, so that rows differ as they do in a real table.
fn note(r: usize) -> String {
    if r % 4 == 2 {
        return String::new();
    }
    let all: String = NOTES.iter().cycle().skip(r % NOTES.len()).take(3).copied().collect();
    let length = 40 + (r * 13) % 21;
    all.chars().take(length).collect()
}

/// A report whose one table has `rows` rows of the first `columns` columns of [`WIDE`], with
/// a paragraph before it long enough to fill lines (checkers find the text block from them).
pub fn wide(rows: usize, columns: usize) -> String {
    let columns = &WIDE[..columns.clamp(1, WIDE.len())];
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\\\""));
    let mut out = String::from(
        "version = 1\n\n[meta]\ntitle = \"主要统计指标完成情况\"\nissuer = \"某某统计局\"\ndate = \"2023-01-10\"\nperiod = \"2022年\"\n\n[[body]]\nparagraph = \"今年以来，全区上下坚持稳中求进工作总基调，主要统计指标保持平稳增长，规模以上工业增加值、社会消费品零售总额和实际利用外资等指标增速均高于全市平均水平，现将各项指标完成情况列表如下。\"\n\n[[body]]\n[body.table]\ncaption = \"主要统计指标完成情况\"\n",
    );
    let header: Vec<String> = columns.iter().map(|(h, _)| quote(h)).collect();
    out.push_str(&format!("header = [{}]\nrows = [\n", header.join(", ")));
    for r in 0..rows {
        let cells: Vec<String> = columns.iter().map(|(_, cell)| quote(&cell(r))).collect();
        out.push_str(&format!("  [{}],\n", cells.join(", ")));
    }
    out.push_str("]\n\n[[body]]\nparagraph = \"以上数据均为初步统计数，最终数据以统计年鉴为准。\"\n");
    out
}

/// Lays out the wide table of `rows` rows and `columns` columns on `template` five times and
/// returns the median layout time, s.
#[allow(dead_code)] // the tests include this file for the generators
pub fn time_layout(rows: usize, columns: usize, template: &str) -> Result<f64, String> {
    use baogao::{fonts, input, layout, template};
    let text = wide(rows, columns);
    let source = input::Source { name: "wide.toml".into(), text };
    let summary = input::from_source(&source, input::InputFormat::Toml).map_err(|e| e.to_string())?;
    let template = template::Template::load(template).map_err(|e| e.to_string())?;
    let fonts = fonts::FontSet::load(&template, &fonts::FontDirs::new(None)).map_err(|e| e.to_string())?;
    let document = template::apply(&summary, &template);
    let mut times: Vec<f64> = (0..5)
        .map(|_| {
            let started = std::time::Instant::now();
            let laid_out = layout::layout(&document, &template, &fonts);
            std::hint::black_box(laid_out);
            started.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    Ok(times[2])
}

#[allow(dead_code)] // the tests include this file for the generators
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |i: usize, default: usize| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    if args.first().is_some_and(|a| a == "--time") {
        let (rows, columns) = (number(1, 400), number(2, 14));
        let template = args.get(3).map_or("gongwen", String::as_str);
        match time_layout(rows, columns, template) {
            Ok(seconds) => println!("{rows} rows x {columns} columns on {template}: layout {:.3} s", seconds),
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(2);
            }
        }
        return;
    }
    let rows = number(0, 120);
    match args.get(1).and_then(|a| a.parse().ok()) {
        Some(columns) => print!("{}", wide(rows, columns)),
        None => print!("{}", report(rows)),
    }
}
