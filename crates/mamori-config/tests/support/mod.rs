//! Helpers shared by the tests that run every check's documentation examples
//! (`checks.rs`, `peer_refs.rs`).

#![allow(dead_code)] // Each test binary uses a subset.

use mamori_config::{Level, Settings, Version};

/// The settings the examples are written for: `registry.example.com` is
/// trusted and the restricted Pod Security Standard applies.
pub fn settings() -> Settings {
    Settings {
        trusted_registries: vec!["registry.example.com".to_string()],
        pss: Some((Level::Restricted, Version::LATEST)),
        ..Settings::default()
    }
}

/// The fenced code blocks of a doc, with their language.
pub fn code_blocks(doc: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut cur: Option<(String, String)> = None;
    for line in doc.lines() {
        if let Some(lang) = line.strip_prefix("```") {
            match cur.take() {
                Some(b) => out.push(b),
                None => cur = Some((lang.to_string(), String::new())),
            }
        } else if let Some((_, body)) = cur.as_mut() {
            body.push_str(line);
            body.push('\n');
        }
    }
    out
}

/// The file name an example of language `lang` is scanned as.
pub fn file_name(lang: &str) -> &'static str {
    if lang == "dockerfile" {
        "Dockerfile"
    } else {
        "example.yaml"
    }
}
