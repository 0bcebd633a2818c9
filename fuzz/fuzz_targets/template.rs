//! Bytes as a template file: parsing, `extends` merging and resolution return a template or
//! an error, never panic.
#![no_main]

use baogao::input::Source;
use baogao::template::Template;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let source = Source { name: "fuzz-template.toml".to_owned(), text: text.to_owned() };
    let _ = Template::from_source(&source);
});
