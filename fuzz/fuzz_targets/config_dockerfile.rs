//! Fuzzes the Dockerfile parser (directives, continuations, heredocs, flags)
//! and every Dockerfile check: arbitrary bytes must never panic.

#![no_main]

use libfuzzer_sys::fuzz_target;
use mamori_config::{Input, InputKind, Scanner, Settings};

fuzz_target!(|data: &[u8]| {
    let input = Input {
        path: "Dockerfile".to_string(),
        bytes: data.to_vec(),
        kind: InputKind::Dockerfile,
    };
    let _ = Scanner::new(Settings::default()).scan(&[input]);
});
