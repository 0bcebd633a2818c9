//! Bytes as a report to import (docx): a summary or an error, never a panic.
#![no_main]

use baogao::import::SourceFormat;
use libfuzzer_sys::fuzz_target;

// Each target calls one of the shared bodies.
#[allow(dead_code)]
#[path = "../targets.rs"]
mod targets;

fuzz_target!(|data: &[u8]| targets::import(data, SourceFormat::Docx));
