//! What package managers leave in an installed filesystem: Python
//! `dist-info`/`egg-info` metadata, `node_modules/*/package.json`, installed Ruby
//! gemspecs, Composer's `vendor/composer/installed.json`, Java archives, and Go and
//! Rust (cargo-auditable) executables.
//!
//! One module per kind, each an [`Analyzer`] that claims its files by path (and,
//! for executables, by mode) and parses bytes without I/O. These analyzers report
//! what is *installed*; they deliberately do not read project manifests or
//! lockfiles (that is `lang::lockfiles`), do not resolve dependency graphs, and
//! never run any package manager or interpreter.

mod binaries;
mod composer;
mod gemspec;
mod go;
mod jar;
mod node;
mod python;
mod rust_audit;

use crate::Analyzer;

/// Every analyzer in this group.
pub fn analyzers() -> Vec<Box<dyn Analyzer>> {
    vec![
        Box::new(python::PythonInstalledAnalyzer),
        Box::new(node::NodeModulesAnalyzer),
        Box::new(gemspec::GemspecAnalyzer),
        Box::new(composer::ComposerInstalledAnalyzer),
        Box::new(jar::JarAnalyzer),
        Box::new(binaries::BinariesAnalyzer),
    ]
}

/// The `location` of a package read from `path` (relative, no leading `/`).
fn location(path: &str) -> String {
    format!("/{path}")
}

/// True if some directory component of `path` (not the file name) equals `dir`.
fn has_dir_component(path: &str, dir: &str) -> bool {
    let mut parts = path.split('/');
    parts.next_back();
    parts.any(|p| p == dir)
}
