//! The committed rule reference must match what the rule tables generate.

#![allow(clippy::unwrap_used)] // tests may unwrap

#[test]
fn docs_are_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/secret-rules.md");
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == mamori_secrets::rules_markdown(),
        "docs/secret-rules.md is stale: run `cargo run -p mamori-secrets --example gen_docs`"
    );
}
