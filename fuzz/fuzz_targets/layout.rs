//! Bytes as a TOML summary; one that parses and validates is styled with the built-in
//! gongwen template and laid out, as `baogao export` does before writing.
#![no_main]

use libfuzzer_sys::fuzz_target;

// Each target calls one of the shared bodies.
#[allow(dead_code)]
#[path = "../targets.rs"]
mod targets;

fuzz_target!(|data: &[u8]| targets::layout(data));
