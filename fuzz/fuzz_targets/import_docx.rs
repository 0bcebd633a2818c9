//! Bytes as a report to import (docx): a summary or an error, never a panic.
#![no_main]

use baogao::import::{from_bytes, SourceFormat};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = from_bytes("fuzz", data, SourceFormat::Docx);
});
