//! Bytes as a TOML summary; one that parses and validates is styled with the built-in
//! gongwen template and laid out, as `baogao export` does before writing.
#![no_main]

use std::sync::OnceLock;

use baogao::fonts::{FontDirs, FontSet};
use baogao::input::{from_source, InputFormat, Source};
use baogao::template::{self, Template};
use libfuzzer_sys::fuzz_target;

/// The template and its fonts, loaded once.
fn setup() -> &'static (Template, FontSet) {
    static SETUP: OnceLock<(Template, FontSet)> = OnceLock::new();
    SETUP.get_or_init(|| {
        let template = Template::load("gongwen").expect("the built-in gongwen template loads");
        let fonts = FontSet::load(&template, &FontDirs::new(None)).expect("gongwen's fonts load");
        (template, fonts)
    })
}

fuzz_target!(|data: &[u8]| {
    let (template, fonts) = setup();
    let Ok(text) = std::str::from_utf8(data) else { return };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let source = Source { name: "fuzz.toml".to_owned(), text: text.to_owned() };
    let Ok(summary) = from_source(&source, InputFormat::Toml) else { return };
    // `export::render` refuses sections nested deeper than the template styles.
    if summary.depth() > template.headings.len() {
        return;
    }
    let document = template::apply(&summary, template);
    let _ = baogao::layout::layout(&document, template, fonts);
});
