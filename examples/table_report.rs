//! Generates a report with one long table, for tests and benchmarks: districts and their
//! figures (varied decimals, masked and negative values), a table that runs over pages.
//!
//! `cargo run --release --example table_report -- ROWS > report.toml`

/// Figures of the value column: whole, one and two decimals, masked, negative.
const VALUES: &[&str] = &["12.6", "1234.56", "7", "**.*", "-3.5", "86.25", "0.4", "305", "45.0", "999.99"];

/// A report whose table has `rows` rows, as TOML.
pub fn report(rows: usize) -> String {
    let mut out = String::from(
        "version = 1\n\n[meta]\ntitle = \"各园区主要指标完成情况\"\nissuer = \"某某统计局\"\ndate = \"2023-01-10\"\nperiod = \"2022年\"\n\n[[body]]\nparagraph = \"各园区主要指标完成情况见下表。\"\n\n[[body]]\n[body.table]\ncaption = \"各园区主要指标\"\nheader = [\"序号\", \"园区\", \"增加值（亿元）\", \"备注\"]\nrows = [\n",
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

#[allow(dead_code)] // the tests include this file for `report` alone
fn main() {
    let rows = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(120);
    print!("{}", report(rows));
}
