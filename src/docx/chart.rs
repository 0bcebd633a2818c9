//! Word charts: each chart of the document as a DrawingML chart part (`c:chartSpace`) with
//! its figures cached in it, the bars' colours and the labels' font and size of the layout,
//! the figures as printed as the bars' labels; and the same figures in an embedded workbook,
//! so that Word's Edit Data (编辑数据) opens them. docx-rs writes no charts: this module builds
//! the parts, the document's run that shows one, and their relationships.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook};

use super::xml_escape;
use crate::error::{Error, Result};
use crate::layout::Drawing;
use crate::template::{ChartContent, Color};

/// Relationship type of a chart part, from the document.
pub const CHART_RELATIONSHIP: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart";
/// Content type of a chart part.
pub const CHART_CONTENT_TYPE: &str = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
/// Content type of an embedded workbook.
pub const WORKBOOK_CONTENT_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const C: &str = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// The sheet and column headers of the embedded workbook, which the chart's formulas name.
const SHEET: &str = "Sheet1";
const CATEGORY_HEADER: &str = "指标";
const VALUE_HEADER: &str = "数值";

/// One chart as the DOCX shows it.
pub struct WordChart<'a> {
    /// The figures and names.
    pub content: &'a ChartContent,
    /// The layout's drawing of it: its size, whether its bars lie, its labels' size.
    pub drawing: &'a Drawing,
    /// The typeface the labels name.
    pub typeface: String,
    /// Bars of positive and of negative figures.
    pub colors: (Color, Color),
    /// The workbook's creation date (the report's, so that the bytes stay the same).
    pub date: (u16, u8, u8),
}

/// The parts of one chart, numbered `n` in the package.
pub struct ChartParts {
    /// `word/charts/chartN.xml`.
    pub chart: Vec<u8>,
    /// `word/charts/_rels/chartN.xml.rels`.
    pub rels: Vec<u8>,
    /// `word/embeddings/Microsoft_Excel_WorksheetN.xlsx`.
    pub workbook: Vec<u8>,
}

impl WordChart<'_> {
    /// The chart's parts, as chart number `n` of the package.
    pub fn parts(&self, n: usize) -> Result<ChartParts> {
        Ok(ChartParts {
            chart: self.chart_space().into_bytes(),
            rels: format!(
                concat!(
                    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
                    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
                    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/package" "#,
                    r#"Target="../embeddings/Microsoft_Excel_Worksheet{}.xlsx" /></Relationships>"#
                ),
                n
            )
            .into_bytes(),
            workbook: self.workbook()?,
        })
    }

    /// The run that shows the chart inline, at the layout's size; `relationship` is the
    /// document's relationship id of the chart part, `id` a drawing id unique in the document.
    pub fn run(&self, relationship: &str, id: usize) -> String {
        let emu = |pt: f32| (pt * 12700.0).round() as u64;
        format!(
            concat!(
                r#"<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">"#,
                r#"<wp:extent cx="{cx}" cy="{cy}" /><wp:effectExtent l="0" t="0" r="0" b="0" />"#,
                r#"<wp:docPr id="{id}" name="Chart {id}" descr="{descr}" /><wp:cNvGraphicFramePr />"#,
                r#"<a:graphic xmlns:a="{a}"><a:graphicData uri="{c}">"#,
                r#"<c:chart xmlns:c="{c}" xmlns:r="{r}" r:id="{rel}" />"#,
                r#"</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#
            ),
            cx = emu(self.drawing.width),
            cy = emu(self.drawing.height),
            id = id,
            descr = xml_escape(&self.content.caption.text),
            a = A,
            c = C,
            r = R,
            rel = relationship,
        )
    }

    /// `c:chartSpace`: one bar series over the names, each bar labelled with its figure as
    /// printed, no value axis (the PDF has none), names top to bottom when the bars lie.
    fn chart_space(&self) -> String {
        let bars = &self.content.bars;
        let count = bars.len();
        let size = (self.drawing.label_size * 100.0).round() as u32;
        let text = text_properties(&self.typeface, size, "");
        // Names stay level and wrap, as the PDF sets them: LibreOffice turns crowded ones 45°.
        let names = text_properties(&self.typeface, size, r#" rot="0" vert="horz" wrap="square""#);
        let fill = |color: Color| {
            format!(r#"<c:spPr><a:solidFill><a:srgbClr val="{}" /></a:solidFill></c:spPr>"#, color.hex())
        };
        let (positive, negative) = self.colors;
        let mut xml = format!(
            concat!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
                r#"<c:chartSpace xmlns:c="{}" xmlns:a="{}" xmlns:r="{}">"#,
                r#"<c:date1904 val="0" /><c:lang val="zh-CN" /><c:roundedCorners val="0" />"#,
                r#"<c:chart><c:autoTitleDeleted val="1" /><c:plotArea><c:layout />"#,
                r#"<c:barChart><c:barDir val="{}" /><c:grouping val="clustered" /><c:varyColors val="0" />"#,
                r#"<c:ser><c:idx val="0" /><c:order val="0" />"#,
                r#"<c:tx><c:strRef><c:f>{}!$B$1</c:f><c:strCache><c:ptCount val="1" /><c:pt idx="0"><c:v>{}</c:v></c:pt></c:strCache></c:strRef></c:tx>"#,
            ),
            C,
            A,
            R,
            if self.drawing.lying { "bar" } else { "col" },
            SHEET,
            VALUE_HEADER,
        );
        xml += &fill(positive);
        xml += r#"<c:invertIfNegative val="0" />"#;
        for (i, bar) in bars.iter().enumerate() {
            if bar.value.is_some_and(|v| v < 0.0) {
                xml += &format!(r#"<c:dPt><c:idx val="{i}" /><c:invertIfNegative val="0" /><c:bubble3D val="0" />"#);
                xml += &fill(negative);
                xml += "</c:dPt>";
            }
        }
        // Each bar's label is its figure as the PDF prints it ("12.6%", "-3.1%").
        xml += "<c:dLbls>";
        for (i, bar) in bars.iter().enumerate() {
            xml += &format!(
                concat!(
                    r#"<c:dLbl><c:idx val="{}" /><c:tx><c:rich><a:bodyPr /><a:lstStyle /><a:p><a:r><a:t>{}</a:t></a:r></a:p></c:rich></c:tx>"#,
                    r#"<c:dLblPos val="outEnd" /><c:showLegendKey val="0" /><c:showVal val="1" /><c:showCatName val="0" />"#,
                    r#"<c:showSerName val="0" /><c:showPercent val="0" /><c:showBubbleSize val="0" /></c:dLbl>"#
                ),
                i,
                xml_escape(&bar.text)
            );
        }
        xml += &text;
        xml += concat!(
            r#"<c:dLblPos val="outEnd" /><c:showLegendKey val="0" /><c:showVal val="1" /><c:showCatName val="0" />"#,
            r#"<c:showSerName val="0" /><c:showPercent val="0" /><c:showBubbleSize val="0" /></c:dLbls>"#
        );
        xml += &format!(
            r#"<c:cat><c:strRef><c:f>{SHEET}!$A$2:$A${}</c:f><c:strCache><c:ptCount val="{count}" />"#,
            count + 1
        );
        for i in 0..count {
            xml += &format!(r#"<c:pt idx="{i}"><c:v>{}</c:v></c:pt>"#, xml_escape(&self.name(i)));
        }
        xml += "</c:strCache></c:strRef></c:cat>";
        xml += &format!(
            r#"<c:val><c:numRef><c:f>{SHEET}!$B$2:$B${}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="{count}" />"#,
            count + 1
        );
        // A figure not given (masked) stands at zero, as Excel plots the text its workbook
        // cell holds, and its label prints the masked figure as the PDF does: LibreOffice
        // labels no point without a value, and "-**.*%" was lost.
        for (i, bar) in bars.iter().enumerate() {
            let value = bar.value.unwrap_or(0.0);
            xml += &format!(r#"<c:pt idx="{i}"><c:v>{value}</c:v></c:pt>"#);
        }
        xml += "</c:numCache></c:numRef></c:val></c:ser>";
        let (category_position, value_position) = if self.drawing.lying { ("l", "b") } else { ("b", "l") };
        // Lying bars read top to bottom, as the PDF sets them; Word draws the first at the foot.
        let order = if self.drawing.lying { "maxMin" } else { "minMax" };
        xml += &format!(
            concat!(
                r#"<c:gapWidth val="100" /><c:axId val="1001" /><c:axId val="1002" /></c:barChart>"#,
                r#"<c:catAx><c:axId val="1001" /><c:scaling><c:orientation val="{order}" /></c:scaling><c:delete val="0" />"#,
                r#"<c:axPos val="{category_position}" /><c:numFmt formatCode="General" sourceLinked="0" />"#,
                r#"<c:majorTickMark val="none" /><c:minorTickMark val="none" /><c:tickLblPos val="low" />"#,
                r#"<c:spPr><a:ln w="9525"><a:solidFill><a:srgbClr val="000000" /></a:solidFill></a:ln></c:spPr>"#,
                r#"{names}<c:crossAx val="1002" /><c:crosses val="autoZero" /><c:auto val="1" /><c:lblAlgn val="ctr" />"#,
                r#"<c:lblOffset val="100" /><c:tickLblSkip val="1" /><c:noMultiLvlLbl val="0" /></c:catAx>"#,
                r#"<c:valAx><c:axId val="1002" /><c:scaling><c:orientation val="minMax" /></c:scaling><c:delete val="1" />"#,
                r#"<c:axPos val="{value_position}" /><c:numFmt formatCode="General" sourceLinked="1" />"#,
                r#"<c:majorTickMark val="none" /><c:minorTickMark val="none" /><c:tickLblPos val="nextTo" />"#,
                r#"<c:crossAx val="1001" /><c:crosses val="autoZero" /><c:crossBetween val="between" /></c:valAx>"#,
                r#"</c:plotArea><c:plotVisOnly val="1" /><c:dispBlanksAs val="gap" /></c:chart>"#,
                r#"<c:spPr><a:noFill /><a:ln><a:noFill /></a:ln></c:spPr>{text}"#,
                r#"<c:externalData r:id="rId1"><c:autoUpdate val="0" /></c:externalData></c:chartSpace>"#
            ),
            order = order,
            category_position = category_position,
            value_position = value_position,
            text = text,
            names = names,
        );
        xml
    }

    /// Bar `i`'s name with line breaks where the layout breaks it: a word processor would
    /// set a crowded axis's names slanted, or cut them.
    fn name(&self, i: usize) -> String {
        let label = &self.content.bars[i].label;
        let breaks = self.drawing.label_breaks.get(i).map_or(&[][..], Vec::as_slice);
        let mut name = String::with_capacity(label.len() + breaks.len());
        for (k, ch) in label.chars().enumerate() {
            if k > 0 && breaks.contains(&k) {
                name.push('\n');
            }
            name.push(ch);
        }
        name
    }

    /// The workbook behind the chart: names in column A, figures in column B under the
    /// headers the chart's formulas name; a masked figure as its printed text.
    fn workbook(&self) -> Result<Vec<u8>> {
        let failed = |e: rust_xlsxwriter::XlsxError| Error::Output(format!("cannot write a chart's workbook: {e}"));
        let (year, month, day) = self.date;
        let created = ExcelDateTime::from_ymd(year, month, day).map_err(failed)?;
        let mut workbook = Workbook::new();
        workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
        let sheet = workbook.add_worksheet();
        sheet.set_name(SHEET).map_err(failed)?;
        sheet.write_string(0, 0, CATEGORY_HEADER).map_err(failed)?;
        sheet.write_string(0, 1, VALUE_HEADER).map_err(failed)?;
        for (i, bar) in self.content.bars.iter().enumerate() {
            let row = i as u32 + 1;
            sheet.write_string(row, 0, self.name(i)).map_err(failed)?;
            match bar.value {
                Some(value) => sheet.write_number(row, 1, value).map_err(failed)?,
                None => sheet.write_string(row, 1, &bar.text).map_err(failed)?,
            };
        }
        workbook.save_to_buffer().map_err(failed)
    }
}

/// Text properties naming `typeface` for Latin and East Asian text at `size` hundredths of
/// a point; `body` the text body's attributes.
fn text_properties(typeface: &str, size: u32, body: &str) -> String {
    let face = xml_escape(typeface);
    format!(
        concat!(
            r#"<c:txPr><a:bodyPr{body} /><a:lstStyle /><a:p><a:pPr><a:defRPr sz="{size}" b="0">"#,
            r#"<a:solidFill><a:srgbClr val="000000" /></a:solidFill>"#,
            r#"<a:latin typeface="{face}" /><a:ea typeface="{face}" /><a:cs typeface="{face}" /></a:defRPr></a:pPr>"#,
            r#"<a:endParaRPr lang="zh-CN" /></a:p></c:txPr>"#
        ),
        size = size,
        face = face,
        body = body,
    )
}
