//! Bytes as a summary in TOML: parsing and validation return a value or an error, never panic.
#![no_main]

use baogao::input::InputFormat;
use libfuzzer_sys::fuzz_target;

// Each target calls one of the shared bodies.
#[allow(dead_code)]
#[path = "../targets.rs"]
mod targets;

fuzz_target!(|data: &[u8]| targets::input(data, InputFormat::Toml));
