//! Fuzzes the position-keeping YAML/JSON parser and every Kubernetes check:
//! arbitrary bytes must give objects or an error, never a panic, a stack
//! overflow or unbounded memory (alias bombs are budgeted).

#![no_main]

use libfuzzer_sys::fuzz_target;
use mamori_config::{evaluate_pss, parse_documents, Level, Scanner, Settings, Version};

fuzz_target!(|data: &[u8]| {
    if let Ok(objects) = parse_documents("fuzz.yaml", data) {
        for o in &objects {
            let _ = evaluate_pss(o, Level::Restricted, Some(Version::LATEST));
        }
        let settings = Settings {
            trusted_registries: vec!["registry.example.com".to_string()],
            pss: Some((Level::Baseline, Version(20))),
            ..Settings::default()
        };
        let _ = Scanner::new(settings).scan_objects(&objects);
    }
});
