//! Regenerates `docs/secret-rules.md` from the built-in rule tables:
//!
//! ```text
//! cargo run -p mamori-secrets --example gen_docs
//! ```
//!
//! The `docs_are_current` test fails when the committed file is stale.

use std::process::ExitCode;

fn main() -> ExitCode {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/secret-rules.md");
    match std::fs::write(path, mamori_secrets::rules_markdown()) {
        Ok(()) => {
            println!("wrote {path}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_docs: {path}: {e}");
            ExitCode::FAILURE
        }
    }
}
