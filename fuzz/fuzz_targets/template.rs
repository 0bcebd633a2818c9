//! Bytes as a template file: parsing, `extends` merging and resolution return a template or
//! an error, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

// Each target calls one of the shared bodies.
#[allow(dead_code)]
#[path = "../targets.rs"]
mod targets;

fuzz_target!(|data: &[u8]| targets::template(data));
