//! Bytes as a summary in JSON: parsing and validation return a value or an error, never panic.
#![no_main]

use baogao::input::{from_source, InputFormat, Source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // As `Source::read` does: UTF-8 only, a byte order mark dropped.
    let Ok(text) = std::str::from_utf8(data) else { return };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let source = Source { name: "fuzz.json".to_owned(), text: text.to_owned() };
    let _ = from_source(&source, InputFormat::Json);
});
