//! Feeds arbitrary bytes to every lockfile and manifest analyzer (Cargo.lock,
//! requirements.txt, Pipfile.lock, poetry.lock, uv.lock, package-lock.json,
//! yarn.lock, pnpm-lock.yaml, go.mod, pom.xml, gradle.lockfile, Gemfile.lock,
//! composer.lock, packages.lock.json, *.deps.json). The first byte picks the
//! format, so each parser gets the whole corpus of inputs over time; they must
//! return packages or an error, never panic, and keep memory bounded.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mamori_inventory::{all_analyzers, Analyzer, FileMeta};
use std::sync::OnceLock;

/// One file name per lockfile format; each is claimed by exactly one analyzer.
const NAMES: [&str; 15] = [
    "Cargo.lock",
    "requirements.txt",
    "Pipfile.lock",
    "poetry.lock",
    "uv.lock",
    "package-lock.json",
    "yarn.lock",
    "pnpm-lock.yaml",
    "go.mod",
    "pom.xml",
    "gradle.lockfile",
    "Gemfile.lock",
    "composer.lock",
    "packages.lock.json",
    "app.deps.json",
];

fn targets() -> &'static [(String, Box<dyn Analyzer>)] {
    static TARGETS: OnceLock<Vec<(String, Box<dyn Analyzer>)>> = OnceLock::new();
    TARGETS.get_or_init(|| {
        let meta = FileMeta {
            size: 0,
            mode: 0o644,
        };
        NAMES
            .iter()
            .filter_map(|n| {
                let path = format!("src/{n}");
                let a = all_analyzers()
                    .into_iter()
                    .find(|a| a.required(&path, &meta))?;
                Some((path, a))
            })
            .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let targets = targets();
    if targets.is_empty() {
        return;
    }
    let (path, a) = &targets[pick as usize % targets.len()];
    let _ = a.analyze(path, rest);
});
