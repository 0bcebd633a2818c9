//! What each fuzz target does with its bytes, in one place: the cargo-fuzz targets in
//! `fuzz_targets/` call these, and `tests/fuzz_corpus.rs` replays the kept corpus through
//! the same functions on the stable toolchain, so a crash once found stays a test.
//!
//! Every function takes any bytes and must return without panicking; what it returns
//! (a summary, a template, an error) is not the point.

use std::sync::OnceLock;

use baogao::fonts::{FontDirs, FontSet};
use baogao::import::{from_bytes, SourceFormat};
use baogao::input::{advise, from_source, InputFormat, Source};
use baogao::template::{self, Template};

/// The bytes as text, as `Source::read` takes them: UTF-8 only, a byte order mark dropped.
fn source(name: &str, data: &[u8]) -> Option<Source> {
    let text = std::str::from_utf8(data).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    Some(Source { name: name.to_owned(), text: text.to_owned() })
}

/// A summary in one of the three input formats: parsed, validated, and advised on.
pub fn input(data: &[u8], format: InputFormat) {
    let name = match format {
        InputFormat::Toml => "fuzz.toml",
        InputFormat::Json => "fuzz.json",
        InputFormat::Yaml => "fuzz.yaml",
    };
    if let Some(source) = source(name, data) {
        if let Ok(summary) = from_source(&source, format) {
            let _ = advise(&summary, &source, format);
        }
    }
}

/// A template file: parsed, its `extends` merged, resolved.
pub fn template(data: &[u8]) {
    if let Some(source) = source("fuzz-template.toml", data) {
        let _ = Template::from_source(&source);
    }
}

/// The built-in gongwen template and its fonts, loaded once per process.
fn gongwen() -> &'static (Template, FontSet) {
    static GONGWEN: OnceLock<(Template, FontSet)> = OnceLock::new();
    GONGWEN.get_or_init(|| {
        let template = Template::load("gongwen").expect("the built-in gongwen template loads");
        let fonts = FontSet::load(&template, &FontDirs::new(None)).expect("gongwen's fonts load");
        (template, fonts)
    })
}

/// A TOML summary that validates, styled with gongwen and laid out, as `baogao export`
/// does before it writes.
pub fn layout(data: &[u8]) {
    let (template, fonts) = gongwen();
    let Some(source) = source("fuzz.toml", data) else { return };
    let Ok(summary) = from_source(&source, InputFormat::Toml) else { return };
    // `export::render` refuses sections nested deeper than the template styles.
    if summary.depth() > template.headings.len() {
        return;
    }
    let document = template::apply(&summary, template);
    let _ = baogao::layout::layout(&document, template, fonts);
}

/// A report to import, as text or as DOCX.
pub fn import(data: &[u8], format: SourceFormat) {
    let _ = from_bytes("fuzz", data, format);
}
