//! Template stage: the layout template (page, grid, fonts, styles) and its application to a
//! summary.
//!
//! A template is a TOML file (`templates/*.toml`); the built-in ones are compiled in.
//! [`Template::load`] reads and checks one and resolves it once into points, so later stages
//! never convert units or look up names. [`apply`] turns a summary into the styled sequence
//! of elements (numbered headings, formatted figures) that the layout and the writers share.

mod apply;
mod figures;
mod file;
mod numbering;

pub use numbering::{NumberPart, NumberStyle};

use std::collections::BTreeMap;
use std::path::Path;

pub use apply::{
    apply, Attachment, Attachments, Bar, Caption, ChartContent, Document, Element, KeyFigure, Running, TableCell,
    TableContent,
};
pub use figures::fill;

use crate::error::{Error, Location, Result};
use crate::input::{InputFormat, Source, Spans};
use crate::model::IndicatorColumn;

/// Points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// The built-in templates: name and TOML text.
pub const BUILTINS: &[(&str, &str)] = &[
    ("gongwen", include_str!("../../templates/gongwen.toml")),
    ("briefing", include_str!("../../templates/briefing.toml")),
];

/// How a line of text sits between the block's edges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    /// Flush left, the last line of a paragraph too.
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
    /// Justified to both edges; a paragraph's last line flush left.
    Justify,
}

/// How full-width punctuation is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Punctuation {
    /// Every mark keeps a full cell (GB/T 9704's grid); a closing mark that may not start a
    /// line pushes a character down with it.
    Grid,
    /// As `Grid`, but a comma, stop, 、；：？ or ！ that would start a line after a full one
    /// hangs in the margin instead, so that every character of the line keeps its cell
    /// (Word's default, 允许标点溢出边界; LibreOffice hangs the same marks).
    Hanging,
    /// A closing mark at a line's end is trimmed to half width, two adjacent marks take one
    /// and a half ems, and marks give up their blank halves to let a line take one more
    /// character (push-in). For modern layouts.
    Compressed,
}

/// How an indicator table shows a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChangeStyle {
    /// With its sign: "+16.4%", "-3.2%".
    Sign,
    /// With an arrow: "↑16.4%", "↓3.2%".
    Arrow,
}

/// Where page numbers stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PageNumberPosition {
    /// Odd pages right, even pages left (double-sided printing).
    Outer,
    /// Centred on every page.
    Center,
    /// At the block's left edge.
    Left,
    /// At the block's right edge.
    Right,
}

/// A font as the template names it.
#[derive(Debug, Clone, PartialEq)]
pub struct FontSpec {
    /// The role key in the template, e.g. "fang".
    pub key: String,
    /// Where the font comes from, tried in order.
    pub sources: Vec<FontSource>,
    /// Typeface name written into the DOCX.
    pub docx: String,
    /// Where the template names the font, for messages.
    pub origin: Location,
}

impl FontSpec {
    /// The first family name among the sources: the name the DOCX gives as the alternate.
    pub fn family(&self) -> Option<&str> {
        self.sources.iter().find_map(|s| match s {
            FontSource::Family(family) => Some(family.as_str()),
            FontSource::File(_) => None,
        })
    }
}

/// One place a font may come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FontSource {
    /// A file name (or path) looked up in the font directories; a collection's first face.
    File(String),
    /// A family name looked up among installed fonts.
    Family(String),
}

impl FontSource {
    /// A file when the name ends in a font file extension or holds a path separator, else a
    /// family name.
    pub fn parse(name: &str) -> Self {
        let lower = name.to_ascii_lowercase();
        let is_file = [".ttf", ".otf", ".ttc", ".otc"].iter().any(|ext| lower.ends_with(ext)) || name.contains('/');
        if is_file {
            FontSource::File(name.to_owned())
        } else {
            FontSource::Family(name.to_owned())
        }
    }
}

/// A text style: which font, how big, how aligned.
#[derive(Debug, Clone, PartialEq)]
pub struct TextStyle {
    /// Key into [`Template::fonts`].
    pub font: String,
    /// Size in points.
    pub size: f32,
    /// Alignment of its lines.
    pub align: Align,
    /// Key into [`Template::fonts`] of the font for Latin letters and digits; the style's
    /// own font when `None`.
    pub latin_font: Option<String>,
    /// Bold: the font's own weight when it is a bold face, else emboldened (as Word does).
    pub bold: bool,
    /// Colour of the text.
    pub color: Color,
}

/// A heading level's numbering and style.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadingStyle {
    /// Pattern of the number: `{zh}` Chinese numeral, `{n}` Arabic numeral of this level,
    /// `{n1}` … `{n4}` those of the levels above and this one (1.2.3).
    pub numbering: String,
    /// Font, size, alignment.
    pub style: TextStyle,
    /// Space above and below, pt (whole grid lines on a grid).
    pub space_before: f32,
    pub space_after: f32,
}

/// Table look.
#[derive(Debug, Clone, PartialEq)]
pub struct TableStyle {
    /// Cell text.
    pub cell: TextStyle,
    /// Header row text.
    pub header: TextStyle,
    /// Caption pattern: `{n}` table number, `{caption}` the caption's words.
    pub caption: String,
    /// Caption style.
    pub caption_style: TextStyle,
    /// Rule width, pt.
    pub rule: f32,
    /// Background of the header row, or none.
    pub header_fill: Option<Color>,
    /// Horizontal padding inside a cell, pt.
    pub cell_padding: f32,
    /// Space above and below the text of a cell, pt.
    pub cell_padding_vertical: f32,
    /// Line height inside cells, in ems of the cell text (a multiple, not a grid pitch).
    pub cell_leading: f32,
    /// The smallest size the cell text (and the header's) may shrink to when the columns'
    /// narrowest content does not fit the block, pt; the cell size itself when it may not.
    pub min_size: f32,
    /// The most lines a body row may take at the cells' size: past it the cells are set
    /// smaller, in 0.5 pt steps down to `min_size`; none: rows take what they need.
    pub max_lines: Option<usize>,
    /// The pattern of the line above the repeated header on each page a table continues on,
    /// in the caption's style: `{n}` is the table's number ("续表{n}"); none for no line.
    pub continued: Option<String>,
    /// Where that line stands.
    pub continued_align: Align,
    /// Column headers of indicator tables.
    pub indicator_headers: IndicatorHeaders,
    /// The columns of indicator tables that do not choose their own; a change, rank or note
    /// column is left out when no indicator of the table has one.
    pub indicator_columns: Vec<IndicatorColumn>,
    /// How indicator tables show changes.
    pub change_style: ChangeStyle,
}

/// Column headers of indicator tables.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorHeaders {
    /// Indicator name column.
    pub name: String,
    /// Unit column.
    pub unit: String,
    /// Value column.
    pub value: String,
    /// Change against the basis period.
    pub change: String,
    /// Rank column.
    pub rank: String,
    /// Note column.
    pub note: String,
}

/// An RGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Color(pub u8, pub u8, pub u8);

impl Color {
    /// Text's default.
    pub const BLACK: Color = Color(0, 0, 0);

    /// "RRGGBB", as DOCX writes colours.
    pub fn hex(self) -> String {
        format!("{:02X}{:02X}{:02X}", self.0, self.1, self.2)
    }
}

/// A running header above the text block.
#[derive(Debug, Clone, PartialEq)]
pub struct RunningHeader {
    /// Pattern: `{title}`, `{issuer}`, `{date}`, `{page}`, `{pages}`.
    pub text: String,
    /// Font, size, alignment, colour.
    pub style: TextStyle,
    /// Distance from the header's baseline to the block's top, pt.
    pub above_block: f32,
    /// Width of a rule under the header, pt; 0 for none.
    pub rule: f32,
}

/// A cover page: the title and subtitle high on the page, the issuer and date at its foot;
/// no running header or page number on it.
#[derive(Debug, Clone, PartialEq)]
pub struct CoverStyle {
    /// The title.
    pub title: TextStyle,
    /// The subtitle, issuer and date.
    pub text: TextStyle,
    /// Distance from the block's top to the title's top, pt.
    pub title_top: f32,
}

/// A panel of key figures (indicators) under the title: one box per figure.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyFiguresStyle {
    /// How many indicators, the first of the summary that have a value.
    pub count: usize,
    /// The figure and its unit.
    pub value: TextStyle,
    /// The indicator's name and its change.
    pub label: TextStyle,
    /// Box colour.
    pub fill: Color,
    /// Space between boxes, pt.
    pub gap: f32,
}

/// Bar charts.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartStyle {
    /// Caption pattern: `{n}` chart number, `{caption}` the caption's words.
    pub caption: String,
    /// Caption style.
    pub caption_style: TextStyle,
    /// Labels under and over the bars.
    pub label: TextStyle,
    /// The smallest size labels shrink to, to fit their slots, before the chart turns to
    /// horizontal bars, pt.
    pub label_min_size: f32,
    /// Height of the chart, labels included, pt.
    pub height: f32,
    /// Bars of positive figures.
    pub bar_color: Color,
    /// Bars of negative figures.
    pub negative_color: Color,
    /// How the DOCX shows a chart.
    pub docx: DocxChart,
}

/// The names a DOCX gives the office's Chinese typefaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocxFontNames {
    /// The names of the GB2312 fonts Chinese offices install (仿宋_GB2312, 楷体_GB2312,
    /// 方正小标宋简体, 黑体, 宋体), which GB/T 9704 templates name.
    Gb2312,
    /// The names a stock Windows has (仿宋, 楷体, 黑体, 宋体).
    Windows,
}

/// Each office typeface under its GB2312 font name and the name a stock Windows has
/// (方正小标宋 has no Windows counterpart: 宋体 stands in).
pub const OFFICE_TYPEFACES: &[(&str, &str)] =
    &[("仿宋_GB2312", "仿宋"), ("楷体_GB2312", "楷体"), ("方正小标宋简体", "宋体"), ("黑体", "黑体"), ("宋体", "宋体")];

impl DocxFontNames {
    /// The name this choice gives the typeface the template names `name`, and the other
    /// choice's name as its alternate (none for a typeface not among the office's).
    pub fn names(self, name: &str) -> (String, Option<String>) {
        let known = OFFICE_TYPEFACES
            .iter()
            .find(|(gb, _)| name == *gb)
            .or_else(|| OFFICE_TYPEFACES.iter().find(|(_, windows)| name == *windows));
        match (known, self) {
            (Some((gb, windows)), DocxFontNames::Gb2312) => ((*gb).to_owned(), Some((*windows).to_owned())),
            (Some((gb, windows)), DocxFontNames::Windows) => ((*windows).to_owned(), Some((*gb).to_owned())),
            (None, _) => (name.to_owned(), None),
        }
    }
}

/// How the DOCX shows a chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocxChart {
    /// A Word chart, its figures in an embedded workbook (Word's Edit Data), its labels text.
    Chart,
    /// A picture of the PDF's drawing.
    Picture,
}

/// Page numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct PageNumberStyle {
    /// Pattern with `{page}`.
    pub format: String,
    /// Font and size (alignment follows `position`).
    pub style: TextStyle,
    /// Outer side, centred, left or right.
    pub position: PageNumberPosition,
    /// Inset from the block's side edge, pt.
    pub inset: f32,
    /// Distance from the block's lower edge to the top of the number, pt.
    pub below_block: f32,
}

/// The issuer and date after the body.
#[derive(Debug, Clone, PartialEq)]
pub struct ClosingStyle {
    /// Font and size.
    pub style: TextStyle,
    /// The date's distance from the right edge of the block, pt.
    pub date_inset: f32,
    /// Blank lines between the body and the issuer.
    pub lines_before: usize,
    /// What precedes the attachments' names, e.g. "附件：".
    pub attachments_label: String,
    /// Pattern numbering each of several attachments, `{n}` the number, e.g. "{n}．".
    pub attachment_number: String,
}

/// A template resolved for use: every length in points, every size a number.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    /// Name, for messages.
    pub name: String,
    /// Page width and height, pt.
    pub page_size: (f32, f32),
    /// Text block: left, top (from the page's top edge), width, height, pt.
    pub block: Block,
    /// Lines per page and characters per line of a fixed grid; `None` lays out freely.
    pub grid: Option<Grid>,
    /// Distance between baselines of body lines, pt.
    pub line_pitch: f32,
    /// Fonts by role key.
    pub fonts: BTreeMap<String, FontSpec>,
    /// Installed families tried, in order, for a character that no template font has.
    pub fallback_families: Vec<String>,
    /// How full-width punctuation is set.
    pub punctuation: Punctuation,
    /// A fifth of an em between Han characters and Latin letters or digits, off the grid.
    pub latin_space: bool,
    /// The typeface names the DOCX gives the office fonts.
    pub docx_font_names: DocxFontNames,
    /// The report's title.
    pub title: TextStyle,
    /// Blank lines after the title block.
    pub title_lines_after: usize,
    /// The subtitle under the title.
    pub subtitle: TextStyle,
    /// The period's line under the title (and subtitle), if the template prints it there.
    pub period: Option<PeriodLine>,
    /// The document number above the title.
    pub doc_number: TextStyle,
    /// Running text.
    pub body: TextStyle,
    /// First-line indent of paragraphs and headings, in characters of the body size.
    pub first_line_indent: f32,
    /// Ems each gap of a paragraph's last full line may widen to carry a character over to
    /// its last line, which would otherwise hold one alone.
    pub loosen: f32,
    /// Heading levels 1.. in order.
    pub headings: Vec<HeadingStyle>,
    /// Tables.
    pub table: TableStyle,
    /// Charts.
    pub chart: ChartStyle,
    /// Page numbers.
    pub page_number: PageNumberStyle,
    /// The issuer and date after the body.
    pub closing: ClosingStyle,
    /// Space above and below each body paragraph, pt (whole grid lines on a grid).
    pub paragraph_space: (f32, f32),
    /// A running header, or none.
    pub header: Option<RunningHeader>,
    /// Key figures under the title, or none.
    pub key_figures: Option<KeyFiguresStyle>,
    /// A cover page, or none.
    pub cover: Option<CoverStyle>,
}

/// The text block on the page, pt.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Block {
    /// Left edge from the page's left edge.
    pub left: f32,
    /// Top edge from the page's top edge.
    pub top: f32,
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
}

/// A fixed line grid.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Grid {
    /// Lines per full page.
    pub lines: usize,
    /// Characters per full line.
    pub chars: usize,
    /// The cell, pt: the block's width over `chars`, in whole twips. Word and LibreOffice
    /// keep a character grid's pitch in twips (GB/T 9704's 156 mm / 28 = 15.79 pt is 316
    /// twips, 15.8 pt, in both), so the PDF sets the cell they set and the block is
    /// `chars` cells wide.
    pub cell: f32,
}

/// The line under the title that gives the period covered, e.g. "（2024年1—9月）".
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodLine {
    /// The pattern, `{period}` standing for the summary's period.
    pub text: String,
    /// Its style.
    pub style: TextStyle,
}

impl Grid {
    /// Horizontal scale, per cent, of text in `size` on the grid. LibreOffice gives a
    /// character wider than the cell two cells (measured, 7.4: 16 pt 仿宋 on the 15.8 pt
    /// cell set 14 a line), so text larger than the cell is narrowed until it fits one, as
    /// Word's `w:w` does: 98 % for 三号 on GB/T 9704's grid. Latin letters and digits are
    /// measured so too, in the PDF as in the DOCX, to count the whole cells a run takes.
    pub fn scale(&self, size: f32) -> u32 {
        ((self.cell / size * 100.0 + 1e-3).floor() as u32).min(100)
    }
}

/// An input error met in a template's file is the template's.
fn as_template_error(error: Error) -> Error {
    match error {
        Error::Input { location, field, message } => Error::Template { location, field, message },
        other => other,
    }
}

/// The JSON Schema of template files (see [`file::json_schema`]).
pub fn json_schema() -> serde_json::Value {
    let names: Vec<&str> = BUILTINS.iter().map(|(name, _)| *name).collect();
    file::json_schema(&names)
}

impl Template {
    /// The style of the period's line under the title: its own, else the subtitle's.
    pub fn period_style(&self) -> &TextStyle {
        self.period.as_ref().map_or(&self.subtitle, |p| &p.style)
    }

    /// The character grid's cell, pt.
    pub fn grid_cell(&self) -> Option<f32> {
        self.grid.map(|grid| grid.cell)
    }

    /// Whether text in `style` stands on the character grid: text in the body size does,
    /// when there is one; larger and smaller text (a title, table cells) is set on its own.
    pub fn on_grid(&self, style: &TextStyle) -> bool {
        self.grid.is_some() && (style.size - self.body.size).abs() < 0.01
    }

    /// The horizontal scale of text in `style`, per cent: below 100 on a grid whose cell is
    /// narrower than the text (see [`Grid::scale`]).
    pub fn width_scale(&self, style: &TextStyle) -> u32 {
        match self.grid {
            Some(grid) if self.on_grid(style) => grid.scale(style.size),
            _ => 100,
        }
    }

    /// A built-in template by name, or a template file (anything with a `.toml` extension or
    /// a path separator).
    pub fn load(name_or_path: &str) -> Result<Self> {
        if let Some((name, text)) = BUILTINS.iter().find(|(name, _)| *name == name_or_path) {
            let source = Source { name: format!("<built-in template {name}>"), text: (*text).to_owned() };
            return Self::from_source(&source);
        }
        let path = Path::new(name_or_path);
        if path.extension().is_some() || name_or_path.contains(std::path::MAIN_SEPARATOR) {
            let source = Source::read(path).map_err(|e| match e {
                Error::Io { path, source } => Error::Usage(format!("template file {}: {source}", path.display())),
                other => as_template_error(other),
            })?;
            return Self::from_source(&source);
        }
        Err(Error::Usage(format!(
            "no built-in template `{name_or_path}` (built-ins: {}); a template file needs a .toml extension",
            builtin_names()
        )))
    }

    /// The TOML text of a built-in template.
    pub fn builtin_text(name: &str) -> Option<&'static str> {
        BUILTINS.iter().find(|(n, _)| *n == name).map(|(_, text)| *text)
    }

    /// Parses and checks a template's text. A template with `extends = "NAME"` is the
    /// built-in NAME with the template's values put over it: tables key by key, arrays of
    /// tables (the heading levels) entry by entry.
    pub fn from_source(source: &Source) -> Result<Self> {
        let mut own: toml::Table = crate::input::parse(source, InputFormat::Toml).map_err(as_template_error)?;
        let raw: file::TemplateFile = match own.remove("extends") {
            // From the table parsed already; where that fails, from the text again, whose
            // deserializer knows the line and column to tell.
            None => match toml::Value::Table(own).try_into() {
                Ok(raw) => raw,
                Err(_) => crate::input::parse(source, InputFormat::Toml).map_err(as_template_error)?,
            },
            Some(toml::Value::String(base)) => {
                let located = |field: &str, message: String| Error::Template {
                    location: locate_key(source, field),
                    field: Some(field.to_owned()),
                    message,
                };
                let text = Self::builtin_text(&base).ok_or_else(|| {
                    located("extends", format!("no built-in template `{base}` (built-ins: {})", builtin_names()))
                })?;
                let mut merged: toml::Table = toml::from_str(text).expect("built-in templates parse");
                merge(&mut merged, own);
                serde_path_to_error::deserialize(toml::Value::Table(merged)).map_err(|e| {
                    let path = e.path().to_string();
                    located(&path, crate::error::with_suggestion(e.into_inner().message().to_owned()))
                })?
            }
            Some(_) => {
                return Err(Error::Template {
                    location: locate_key(source, "extends"),
                    field: Some("extends".into()),
                    message: "`extends` names a built-in template, e.g. \"gongwen\"".into(),
                })
            }
        };
        let mut template = raw.resolve().map_err(|(field, message)| Error::Template {
            location: locate_key(source, &field),
            field: Some(field),
            message,
        })?;
        // One map of the file's keys for every font (building it is a parse of the file).
        let spans = Spans::build(&source.text, InputFormat::Toml);
        for spec in template.fonts.values_mut() {
            spec.origin = located_in(&spans, source, &format!("fonts.{}.pdf", spec.key));
        }
        Ok(template)
    }

    /// The pattern of heading level `level` (1-based) cut into text and numbers.
    pub fn heading_number_parts(&self, level: usize) -> Vec<NumberPart> {
        numbering::parts(&self.headings[level - 1].numbering, level)
    }

    /// The number of a heading from its ordinals (1-based): the heading above's at each level
    /// down to its own, whose count is its level.
    pub fn heading_number(&self, ordinals: &[usize]) -> String {
        numbering::format(&self.headings[ordinals.len() - 1].numbering, ordinals)
    }

    /// The space a free layout leaves under a table or a chart (its caption), pt: what a
    /// paragraph leaves after itself. None on a grid, where the next line goes back to the
    /// next grid line instead, and where there is no space to leave.
    pub fn space_after_blocks(&self) -> Option<f32> {
        let space = self.paragraph_space.1;
        (self.grid.is_none() && space > 0.0).then_some(space)
    }

    /// The room a table's rule takes in a row, pt. In a free layout its width, as Word and
    /// LibreOffice give it (measured, LibreOffice 7.4: rows of 21.0 pt under 0.5 pt borders
    /// stood 21.5 pt apart). On a grid none: a table ends on the next grid line either way,
    /// and rows with their rules (28.85 pt at 三号 cells) tipped tables one grid line taller
    /// than LibreOffice sets them, which goes on right under a table (g19: 3 pages of 19
    /// began where the PDF's do, against 19).
    pub fn table_rule_band(&self) -> f32 {
        if self.grid.is_some() {
            0.0
        } else {
            self.table.rule
        }
    }

    /// Height of a line of text at `size`: the whole line pitches (grid lines) that hold it.
    pub fn line_height(&self, size: f32) -> f32 {
        (size * 1.25 / self.line_pitch).ceil().max(1.0) * self.line_pitch
    }

    /// The font spec for a role key; keys are checked when the template is loaded.
    pub fn font(&self, key: &str) -> &FontSpec {
        &self.fonts[key]
    }
}

fn builtin_names() -> String {
    BUILTINS.iter().map(|(name, _)| *name).collect::<Vec<_>>().join(", ")
}

/// Puts `over` over `base`: tables merge key by key, arrays of tables entry by entry, any
/// other value replaces the base's.
fn merge(base: &mut toml::Table, over: toml::Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (Some(toml::Value::Array(b)), toml::Value::Array(o))
                if b.iter().chain(&o).all(toml::Value::is_table) && !o.is_empty() =>
            {
                let entries = o.len().max(b.len());
                let mut o = o.into_iter();
                for i in 0..entries {
                    match (b.get_mut(i), o.next()) {
                        (Some(toml::Value::Table(bt)), Some(toml::Value::Table(ot))) => merge(bt, ot),
                        (None, Some(v)) => b.push(v),
                        _ => {}
                    }
                }
            }
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

/// Where the template file sets `field` (e.g. `headings[1].numbering`), from the positions
/// toml_edit keeps; the nearest table that the file writes when it does not set the key
/// itself (a value from the template it extends), else the file.
fn locate_key(source: &Source, field: &str) -> Location {
    located_in(&Spans::build(&source.text, InputFormat::Toml), source, field)
}

/// As [`locate_key`], with the file's keys mapped already.
fn located_in(spans: &Spans, source: &Source, field: &str) -> Location {
    match spans.find(field) {
        Some(offset) => source.location_at(offset),
        None => source.location_at_start(),
    }
}
