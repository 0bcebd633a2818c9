//! `baogao import` reads back the Word charts that `baogao export` writes: each chart at its
//! place, with its caption (its number taken off), its bars as the indicators so named and
//! the figures they show; a bar whose name the import found no indicator for is said in the
//! notes, not made up.

mod common;

use std::path::Path;

use baogao::import::{self, Imported, SourceFormat};
use baogao::input::InputFormat;
use baogao::model::{Block, Chart, ChartSeries, Summary};
use common::{example, word_charts};

/// The source summary's blocks, depth first, in reading order.
fn blocks(body: &[Block]) -> Vec<&Block> {
    let mut out = Vec::new();
    for block in body {
        out.push(block);
        if let Block::Section(section) = block {
            out.extend(blocks(&section.content));
        }
    }
    out
}

/// What a block shows, whatever it became: an indicator table comes back as a plain table
/// of the same caption.
fn label(block: &Block) -> String {
    match block {
        Block::Section(section) => format!("heading {}", section.heading),
        Block::Paragraph { paragraph } => format!("paragraph {}", paragraph.chars().take(20).collect::<String>()),
        Block::IndicatorTable { indicator_table } => format!("table {}", indicator_table.caption),
        Block::Table { table } => format!("table {}", table.caption.as_deref().unwrap_or_default()),
        Block::Chart { chart } => format!("chart {}", chart.caption),
        Block::PageBreak { .. } => "page break".to_owned(),
    }
}

/// The charts of a body with the labels of the blocks before and after each.
fn charts_in_place(body: &[Block]) -> Vec<(String, &Chart, String)> {
    let all = blocks(body);
    all.iter()
        .enumerate()
        .filter_map(|(i, block)| match block {
            Block::Chart { chart } => {
                let before = i.checked_sub(1).map(|b| label(all[b])).unwrap_or_default();
                let after = all.get(i + 1).map(|a| label(a)).unwrap_or_default();
                Some((before, chart, after))
            }
            _ => None,
        })
        .collect()
}

/// Exports `input` as DOCX under `template` into `dir` and imports the DOCX.
fn export_and_import(input: &Path, template: &str, dir: &Path) -> Imported {
    let docx = common::export_docx(input, template, dir);
    import::from_bytes("exported", &docx, SourceFormat::Docx).unwrap_or_else(|e| panic!("{template}: {e}"))
}

#[test]
fn the_filled_examples_chart_imports_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let input = example("gaoxin-2022-filled.toml");
    let source = baogao::input::load(&input, None).unwrap().summary;
    let source_charts = charts_in_place(&source.body);
    assert_eq!(source_charts.len(), 1, "the example has one chart");
    for template in ["gongwen", "briefing"] {
        let imported = export_and_import(&input, template, dir.path());
        let summary = &imported.summary;
        let charts = charts_in_place(&summary.body);
        assert_eq!(charts.len(), source_charts.len(), "{template}: {:#?}", summary.body);
        for ((before, chart, after), (source_before, source_chart, source_after)) in charts.iter().zip(&source_charts) {
            assert_eq!((before, after), (source_before, source_after), "{template}: the chart's place");
            // The import names indicators itself (ids from their pinyin): the source's ids
            // become those of the imported indicators of the same names, and a name the
            // import found no indicator for drops out, said in a note.
            let name = |summary: &Summary, id: &str| summary.indicator(id).map(|i| i.name.clone()).unwrap();
            let (found, missing): (Vec<String>, Vec<String>) = source_chart
                .indicators
                .iter()
                .map(|id| name(&source, id))
                .partition(|n| summary.indicators.iter().any(|i| &i.name == n));
            let ids =
                found.iter().map(|n| summary.indicators.iter().find(|i| &i.name == n).unwrap().id.clone()).collect();
            let expected =
                Chart { caption: source_chart.caption.clone(), indicators: ids, series: source_chart.series };
            assert_eq!(*chart, &expected, "{template}");
            // 高新技术产业增加值's sentence names it 高新技术产业: the import's indicator
            // has the shorter name.
            assert_eq!(missing, ["高新技术产业增加值"], "{template}");
            let notes: Vec<&String> = imported.notes.iter().filter(|n| n.contains(&source_chart.caption)).collect();
            assert_eq!(notes.len(), 1, "{template}: {:?}", imported.notes);
            assert!(missing.iter().all(|m| notes[0].contains(m.as_str())), "{template}: {notes:?}");
            // And the figures are the same.
            for id in &chart.indicators {
                let value = &summary.indicator(id).unwrap().value;
                let source_value = source.indicators.iter().find(|i| i.name == name(summary, id)).map(|i| &i.value);
                assert_eq!(Some(value), source_value, "{template}: {id}");
            }
        }
    }
}

#[test]
fn an_imported_summarys_charts_import_back_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    // The example as imported, with a second chart, in a section, of every indicator: a
    // crowded chart whose names the layout breaks into lines.
    let first = export_and_import(&example("gaoxin-2022-filled.toml"), "gongwen", dir.path());
    let mut summary = first.summary.clone();
    let every: Vec<String> = summary.indicators.iter().map(|i| i.id.clone()).collect();
    let Some(Block::Section(section)) = summary.body.iter_mut().rev().find(|b| matches!(b, Block::Section(_))) else {
        panic!("no section")
    };
    section.content.insert(
        1,
        Block::Chart { chart: Chart { caption: "全部指标".into(), indicators: every, series: ChartSeries::Value } },
    );
    let input = dir.path().join("imported.toml");
    let imported = Imported { summary: summary.clone(), notes: Vec::new() };
    std::fs::write(&input, import::to_text(&imported, InputFormat::Toml, "test").unwrap()).unwrap();
    for template in ["gongwen", "briefing"] {
        let again = export_and_import(&input, template, dir.path());
        let docx = dir.path().join("imported.docx");
        let names: Vec<String> = word_charts(&docx).into_iter().flat_map(|c| c.names).collect();
        assert!(names.iter().any(|n| n.contains('\n')), "{template}: no name broken into lines: {names:?}");
        assert_eq!(again.summary, summary, "{template}");
    }
}
