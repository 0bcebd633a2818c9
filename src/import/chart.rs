//! Word charts read back. docx-rs reads a chart's run as a drawing with nothing in it, so
//! the charts are read here from the package itself: where each `c:chart` stands in
//! `word/document.xml`, the part its relationship names, and in that part the names of the
//! categories and the figures of the first series as the chart caches them (the embedded
//! workbook is left alone: the caches are what Word shows, and every chart writer fills
//! them). Once the text's figures are indicators, [`resolve`] makes each chart a summary's
//! chart: its bars' names become the ids of the indicators so named, and the cached figures
//! tell whether the bars show the indicators' values or their changes.

use std::collections::{BTreeMap, HashMap};
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};

use super::WordChart;
use crate::model::{Block, Chart, ChartSeries, Indicator, Value};

/// A chart and the body block that holds it: its index among the body's paragraphs and
/// tables, counted as docx-rs lists them (those inside content controls included).
#[derive(Debug, PartialEq)]
pub struct Placed {
    /// The index of the paragraph or table that holds the chart.
    pub block: usize,
    /// The chart.
    pub chart: WordChart,
}

/// The charts of the DOCX `bytes` in document order, each with the block that holds it;
/// `blocks` is how many paragraphs and tables docx-rs found in the body. A chart that cannot
/// be read (its part missing, no categories) is left out, as before charts were read at all;
/// so are all of them when this reading of the body counts its blocks otherwise than
/// docx-rs did, since the charts would then stand in the wrong places.
pub fn read(bytes: &[u8], blocks: usize) -> Vec<Placed> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return Vec::new() };
    let Some(document) = part(&mut zip, "word/document.xml") else { return Vec::new() };
    let Some((anchors, counted)) = anchors(&document) else { return Vec::new() };
    if anchors.is_empty() || counted != blocks {
        return Vec::new();
    }
    let targets = part(&mut zip, "word/_rels/document.xml.rels").map(|rels| relationships(&rels)).unwrap_or_default();
    anchors
        .into_iter()
        .filter_map(|(block, id)| {
            let name = targets.get(&id)?;
            let chart = bars(&part(&mut zip, name)?)?;
            Some(Placed { block, chart })
        })
        .collect()
}

/// A member of the package, if it is there and reads.
fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<Vec<u8>> {
    let mut bytes = Vec::new();
    zip.by_name(name).ok()?.read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

/// Each `c:chart` of the document with its relationship id and the index of the body block
/// that holds it, and how many blocks the body has. A block is a `w:p` or `w:tbl` that no
/// other block holds: docx-rs takes paragraphs and tables by their local names wherever it
/// meets them outside one, in content controls too, and so does this count, so that the
/// indices are the positions of docx-rs's blocks.
fn anchors(document: &[u8]) -> Option<(Vec<(usize, String)>, usize)> {
    let mut reader = quick_xml::Reader::from_reader(document);
    let mut buffer = Vec::new();
    let mut anchors = Vec::new();
    let mut blocks = 0usize;
    // Elements open inside the current block, the block's own included; 0 outside blocks.
    let mut depth = 0usize;
    loop {
        let event = reader.read_event_into(&mut buffer).ok()?;
        match &event {
            Event::Start(e) if depth > 0 => {
                depth += 1;
                chart_anchor(e, blocks, &mut anchors);
            }
            Event::Start(e) if is_block(e) => {
                blocks += 1;
                depth = 1;
            }
            Event::Empty(e) if depth == 0 && is_block(e) => blocks += 1,
            Event::Empty(e) if depth > 0 => chart_anchor(e, blocks, &mut anchors),
            Event::End(_) if depth > 0 => depth -= 1,
            Event::Eof => return Some((anchors, blocks)),
            _ => {}
        }
        buffer.clear();
    }
}

/// A paragraph or a table.
fn is_block(e: &BytesStart) -> bool {
    matches!(e.local_name().as_ref(), b"p" | b"tbl")
}

/// Records `e` if it is a chart's reference (`c:chart r:id="…"`), in the block last counted.
fn chart_anchor(e: &BytesStart, blocks: usize, anchors: &mut Vec<(usize, String)>) {
    if e.local_name().as_ref() == b"chart" {
        if let Some(id) = attribute(e, b"id") {
            anchors.push((blocks.saturating_sub(1), id));
        }
    }
}

/// The value of the attribute whose local name is `local` (`r:id`: the prefix varies).
fn attribute(e: &BytesStart, local: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// The document's relationships: id → the part it names, as a path in the package. External
/// targets (links) name no part and are left out.
fn relationships(rels: &[u8]) -> HashMap<String, String> {
    let mut reader = quick_xml::Reader::from_reader(rels);
    let mut buffer = Vec::new();
    let mut targets = HashMap::new();
    loop {
        match reader.read_event_into(&mut buffer) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"Relationship" => {
                let external = attribute(&e, b"TargetMode").is_some_and(|m| m == "External");
                if let (Some(id), Some(target), false) = (attribute(&e, b"Id"), attribute(&e, b"Target"), external) {
                    targets.insert(id, part_path("word", &target));
                }
            }
            Ok(Event::Eof) | Err(_) => return targets,
            _ => {}
        }
        buffer.clear();
    }
}

/// The package path of `target`, relative to the folder `base` unless it starts at the
/// package's root.
fn part_path(base: &str, target: &str) -> String {
    let mut path: Vec<&str> = match target.strip_prefix('/') {
        Some(_) => Vec::new(),
        None => base.split('/').filter(|p| !p.is_empty()).collect(),
    };
    for piece in target.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                path.pop();
            }
            piece => path.push(piece),
        }
    }
    path.join("/")
}

/// Which cache a `c:pt` belongs to.
#[derive(Clone, Copy, PartialEq)]
enum Cache {
    Names,
    Values,
}

/// The chart part's first series: its categories' names and its cached figures. The first
/// series only, since a summary's chart has one; whatever kind of chart it is (bars, lines,
/// a pie), since the summary keeps which figures a chart shows and the template draws it.
/// None when the part has no series or no category named.
fn bars(xml: &[u8]) -> Option<WordChart> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buffer = Vec::new();
    // By the points' indices, which pair a name with its figure.
    let mut names: BTreeMap<usize, String> = BTreeMap::new();
    let mut values: HashMap<usize, f64> = HashMap::new();
    // Where the reading is: in the first series, in its names or values, in which level of
    // names (a multi-level axis lists the names under the bars first), in which point.
    let mut series = 0usize;
    let mut cache: Option<Cache> = None;
    let mut level = 0usize;
    let mut point: Option<usize> = None;
    let mut in_value = false;
    let mut text = String::new();
    loop {
        let event = reader.read_event_into(&mut buffer).ok()?;
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                b"ser" => series += 1,
                b"cat" if series == 1 => cache = Some(Cache::Names),
                b"val" if series == 1 => cache = Some(Cache::Values),
                b"lvl" if cache.is_some() => level += 1,
                b"pt" if cache.is_some() && level <= 1 => point = attribute(&e, b"idx").and_then(|i| i.parse().ok()),
                b"v" if point.is_some() => {
                    in_value = true;
                    text.clear();
                }
                _ => {}
            },
            Event::Text(t) if in_value => text.push_str(&t.unescape().ok()?),
            Event::CData(t) if in_value => text.push_str(&String::from_utf8_lossy(&t)),
            Event::End(e) => match e.local_name().as_ref() {
                b"v" if in_value => {
                    in_value = false;
                    match (point, cache) {
                        (Some(at), Some(Cache::Names)) => {
                            names.insert(at, squeeze(&text));
                        }
                        (Some(at), Some(Cache::Values)) => {
                            if let Ok(value) = text.trim().parse() {
                                values.insert(at, value);
                            }
                        }
                        _ => {}
                    }
                }
                b"pt" => point = None,
                b"cat" | b"val" => {
                    cache = None;
                    level = 0;
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buffer.clear();
    }
    // A bar whose name is not cached names no indicator: only the named bars are read, each
    // with its figure, none for a gap (a masked figure).
    if names.is_empty() {
        return None;
    }
    let values = names.keys().map(|at| values.get(at).copied()).collect();
    Some(WordChart { names: names.into_values().collect(), values })
}

/// `text` without whitespace: baogao breaks a long name into lines where the layout breaks
/// it, and names of indicators have no spaces that matter.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Makes the charts of `body` (each read as `charts` holds it, in the same order) summary
/// charts of `indicators`: each name becomes the id of the indicator so named. What cannot
/// be matched is said in the notes returned, as the import says what it could not find;
/// a bar whose name no indicator has is left out, and a chart none of whose names is an
/// indicator's is left out altogether, since a summary's chart lists ids and an id made up
/// for it would name nothing.
pub fn resolve(body: &mut Vec<Block>, charts: &[WordChart], indicators: &[Indicator]) -> Vec<String> {
    let mut notes = Vec::new();
    resolve_in(body, &mut charts.iter(), indicators, &mut notes);
    notes
}

fn resolve_in<'a>(
    blocks: &mut Vec<Block>,
    charts: &mut impl Iterator<Item = &'a WordChart>,
    indicators: &[Indicator],
    notes: &mut Vec<String>,
) {
    blocks.retain_mut(|block| match block {
        Block::Section(section) => {
            resolve_in(&mut section.content, charts, indicators, notes);
            true
        }
        Block::Chart { chart } => charts.next().is_some_and(|read| fill(chart, read, indicators, notes)),
        _ => true,
    });
}

/// Fills `chart`'s indicators and series from `read`; false when no bar is an indicator.
fn fill(chart: &mut Chart, read: &WordChart, indicators: &[Indicator], notes: &mut Vec<String>) -> bool {
    let label = if chart.caption.is_empty() {
        "a chart without a caption".to_owned()
    } else {
        format!("chart 「{}」", chart.caption)
    };
    // Each bar with the indicators of its name (a name may come twice) and its figure.
    let mut bars: Vec<(Vec<&Indicator>, Option<f64>)> = Vec::new();
    let mut unmatched: Vec<&str> = Vec::new();
    for (name, cached) in read.names.iter().zip(&read.values) {
        let named: Vec<&Indicator> = indicators.iter().filter(|i| squeeze(&i.name) == *name).collect();
        if named.is_empty() {
            unmatched.push(if name.is_empty() { "(no name)" } else { name });
        } else {
            bars.push((named, *cached));
        }
    }
    if bars.is_empty() {
        notes.push(format!(
            "{label} left out: no indicator named {} found; add the indicators and a chart of their ids",
            unmatched.join("、")
        ));
        return false;
    }
    if !unmatched.is_empty() {
        notes.push(format!(
            "{label}: no indicator named {} found, {} left out; add the indicator and its id to the chart",
            unmatched.join("、"),
            if unmatched.len() == 1 { "its bar" } else { "their bars" }
        ));
    }
    // The series whose figures every bar shows; the value, the default, when both would do.
    let shows = |figure: Figure| bars.iter().all(|(named, cached)| named.iter().any(|i| agrees(figure(i), *cached)));
    let (series, figure): (ChartSeries, Figure) = if shows(value_of) {
        (ChartSeries::Value, value_of)
    } else if shows(change_of) {
        (ChartSeries::Change, change_of)
    } else {
        notes.push(format!(
            "{label}: its figures are neither the indicators' values nor their changes; it shows the values now"
        ));
        (ChartSeries::Value, value_of)
    };
    // Of indicators of one name, the one whose figure the bar shows.
    chart.indicators = bars
        .iter()
        .filter_map(|(named, cached)| {
            named.iter().find(|i| agrees(figure(i), *cached)).or(named.first()).map(|i| i.id.clone())
        })
        .collect();
    chart.series = series;
    true
}

/// A figure of an indicator that a chart may show.
type Figure = fn(&Indicator) -> Option<&Value>;

fn value_of(indicator: &Indicator) -> Option<&Value> {
    indicator.value.as_ref()
}

fn change_of(indicator: &Indicator) -> Option<&Value> {
    indicator.comparison.as_ref().map(|c| &c.change)
}

/// Whether a bar's cached figure is `figure`: the same number, or for a figure that is masked
/// or not given a gap or zero (baogao caches zero, as Excel plots the text of its cell). A
/// figure kept as text because it prints otherwise ("12.50") agrees with its number too,
/// which another writer caches.
fn agrees(figure: Option<&Value>, cached: Option<f64>) -> bool {
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0);
    match (figure, cached) {
        (Some(Value::Number(n)), Some(cached)) => close(n.value, cached),
        (Some(Value::Number(_)), None) => false,
        (Some(Value::Text(text)), Some(cached)) => match text.trim().parse::<f64>() {
            Ok(v) => close(v, cached),
            Err(_) => cached == 0.0,
        },
        (None, Some(cached)) => cached == 0.0,
        (Some(Value::Text(_)) | None, None) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Comparison, IndicatorKind, Number, Section};

    fn indicator(id: &str, name: &str, value: f64, change: Option<f64>) -> Indicator {
        Indicator {
            id: id.into(),
            name: name.into(),
            value: Some(Value::Number(Number::with_point(value))),
            unit: Some("%".into()),
            kind: IndicatorKind::GrowthRate,
            comparison: change.map(|c| Comparison {
                basis: "同比".into(),
                change: Value::Number(Number::with_point(c)),
                unit: None,
            }),
            rank: None,
            note: None,
        }
    }

    fn placeholder(caption: &str) -> Block {
        Block::Chart { chart: Chart { caption: caption.into(), indicators: Vec::new(), series: ChartSeries::Value } }
    }

    fn chart(block: &Block) -> &Chart {
        match block {
            Block::Chart { chart } => chart,
            other => panic!("not a chart: {other:?}"),
        }
    }

    #[test]
    fn the_part_and_the_place_of_a_chart() {
        let document = br#"<w:document xmlns:w="w" xmlns:c="c" xmlns:r="r"><w:body>
            <w:p><w:r><w:t>lead</w:t></w:r></w:p><w:p/>
            <w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>
            <w:sdt><w:sdtContent><w:p><w:r><w:drawing><c:chart r:id="rId9"/></w:drawing></w:r></w:p></w:sdtContent></w:sdt>
            <w:p/><w:sectPr/></w:body></w:document>"#;
        assert_eq!(anchors(document), Some((vec![(3, "rId9".to_owned())], 5)));
        let rels = br#"<Relationships><Relationship Id="rId9" Target="charts/chart1.xml"/>
            <Relationship Id="rId3" Target="https://example.com" TargetMode="External"/></Relationships>"#;
        let targets = relationships(rels);
        assert_eq!(targets.get("rId9").map(String::as_str), Some("word/charts/chart1.xml"));
        assert_eq!(targets.len(), 1);
        assert_eq!(part_path("word", "/word/charts/chart2.xml"), "word/charts/chart2.xml");
        assert_eq!(part_path("word", "../customXml/item1.xml"), "customXml/item1.xml");
    }

    #[test]
    fn names_and_figures_of_the_first_series() {
        let xml = r#"<c:chartSpace xmlns:c="c"><c:chart><c:plotArea><c:barChart>
            <c:ser><c:tx><c:strRef><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>数值</c:v></c:pt></c:strCache></c:strRef></c:tx>
            <c:cat><c:strRef><c:strCache><c:ptCount val="3"/><c:pt idx="0"><c:v>规上工业
增加值</c:v></c:pt><c:pt idx="1"><c:v>进出口总额</c:v></c:pt><c:pt idx="2"><c:v>专利</c:v></c:pt></c:strCache></c:strRef></c:cat>
            <c:val><c:numRef><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="3"/>
            <c:pt idx="0"><c:v>12.6</c:v></c:pt><c:pt idx="1"><c:v>-3.1</c:v></c:pt></c:numCache></c:numRef></c:val></c:ser>
            <c:ser><c:cat><c:strRef><c:strCache><c:pt idx="0"><c:v>other</c:v></c:pt></c:strCache></c:strRef></c:cat></c:ser>
            </c:barChart></c:plotArea></c:chart></c:chartSpace>"#;
        let read = bars(xml.as_bytes()).unwrap();
        assert_eq!(read.names, ["规上工业增加值", "进出口总额", "专利"]);
        assert_eq!(read.values, [Some(12.6), Some(-3.1), None]);
        assert_eq!(bars(b"<c:chartSpace xmlns:c=\"c\"><c:chart/></c:chartSpace>"), None);
        // A multi-level axis: the names under the bars are its first level.
        let levels = r#"<c:chartSpace xmlns:c="c"><c:ser><c:cat><c:multiLvlStrRef><c:multiLvlStrCache><c:ptCount val="2"/>
            <c:lvl><c:pt idx="0"><c:v>工业</c:v></c:pt><c:pt idx="1"><c:v>外贸</c:v></c:pt></c:lvl>
            <c:lvl><c:pt idx="0"><c:v>2022年</c:v></c:pt></c:lvl></c:multiLvlStrCache></c:multiLvlStrRef></c:cat>
            <c:val><c:numLit><c:pt idx="1"><c:v>2.5</c:v></c:pt></c:numLit></c:val></c:ser></c:chartSpace>"#;
        let read = bars(levels.as_bytes()).unwrap();
        assert_eq!(
            (read.names.as_slice(), read.values.as_slice()),
            (&["工业".to_owned(), "外贸".to_owned()][..], &[None, Some(2.5)][..])
        );
    }

    #[test]
    fn names_become_ids_and_figures_tell_the_series() {
        let indicators = [
            indicator("a", "规上工业增加值", 12.6, Some(2.0)),
            indicator("b", "进出口总额", 21.7, Some(-3.1)),
            indicator("b_2", "进出口总额", 5.0, Some(1.5)),
        ];
        let read = |names: &[&str], values: &[Option<f64>]| WordChart {
            names: names.iter().map(|n| (*n).to_owned()).collect(),
            values: values.to_vec(),
        };
        let mut body = vec![
            placeholder("增速"),
            Block::Section(Section { heading: "一".into(), content: vec![placeholder("增减"), placeholder("无")] }),
        ];
        let charts = [
            read(&["规上工业增加值", "进出口总额", "高新技术产业"], &[Some(12.6), Some(5.0), Some(18.3)]),
            read(&["进出口总额", "规上工业增加值"], &[Some(-3.1), Some(2.0)]),
            read(&["高新技术产业"], &[Some(18.3)]),
        ];
        let notes = resolve(&mut body, &charts, &indicators);
        let values = chart(&body[0]);
        assert_eq!(
            (values.indicators.as_slice(), values.series),
            (&["a".to_owned(), "b_2".to_owned()][..], ChartSeries::Value)
        );
        let Block::Section(section) = &body[1] else { panic!("{body:?}") };
        assert_eq!(section.content.len(), 1, "the chart of no indicator is left out");
        let changes = chart(&section.content[0]);
        assert_eq!(
            (changes.indicators.as_slice(), changes.series),
            (&["b".to_owned(), "a".to_owned()][..], ChartSeries::Change)
        );
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(notes[0].contains("「增速」") && notes[0].contains("高新技术产业"), "{notes:?}");
        assert!(notes[1].contains("「无」 left out"), "{notes:?}");
    }

    #[test]
    fn masked_figures_are_gaps() {
        let masked = Some(Value::Text("**.*".into()));
        assert!(agrees(masked.as_ref(), None));
        assert!(agrees(masked.as_ref(), Some(0.0)), "a masked figure plotted at zero");
        assert!(!agrees(masked.as_ref(), Some(12.0)));
        assert!(agrees(Some(&Value::Text("12.50".into())), Some(12.5)));
        assert!(agrees(Some(&Value::Number(Number::with_point(0.1 + 0.2))), Some(0.3)));
        assert!(!agrees(None, Some(1.0)));
    }
}
