//! Extracts each check's leading `//!` doc block from `src/checks/<group>/<name>.rs`
//! at build time, so the binary carries the documentation text (not the source)
//! and the docs generator and `checks list` read the same words as the code.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new("src/checks");
    println!("cargo:rerun-if-changed=src/checks");
    let mut entries = Vec::new();
    let mut groups: Vec<_> = std::fs::read_dir(root)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    groups.sort();
    for g in groups.into_iter().filter(|p| p.is_dir()) {
        println!("cargo:rerun-if-changed={}", g.display());
        let mut files: Vec<_> = std::fs::read_dir(&g)
            .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        for f in files {
            let Some(stem) = f.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            if f.extension().and_then(|e| e.to_str()) != Some("rs") || stem == "mod" {
                continue;
            }
            println!("cargo:rerun-if-changed={}", f.display());
            let text = std::fs::read_to_string(&f).unwrap_or_default();
            let doc: Vec<&str> = text
                .lines()
                .take_while(|l| l.starts_with("//!"))
                .map(|l| {
                    l.strip_prefix("//! ")
                        .unwrap_or(l.trim_start_matches("//!"))
                })
                .collect();
            let group = g
                .file_name()
                .and_then(|s| s.to_str())
                .unwrap_or("")
                .to_string();
            entries.push((group, stem.to_string(), doc.join("\n")));
        }
    }
    let mut out = String::from("/// `(group, file stem, doc text)` for every check file.\npub(crate) const CHECK_DOCS: &[(&str, &str, &str)] = &[\n");
    for (g, n, d) in &entries {
        let _ = writeln!(out, "    ({g:?}, {n:?}, {d:?}),");
    }
    out.push_str("];\n");
    let dest =
        Path::new(&std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("check_docs.rs");
    if let Err(e) = std::fs::write(&dest, out) {
        panic!("cannot write {}: {e}", dest.display());
    }
}
