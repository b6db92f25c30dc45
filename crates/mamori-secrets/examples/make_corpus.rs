//! Writes the labelled secret-scanning corpus to a directory, for comparing
//! scanners (`bench/secrets/compare.sh`):
//!
//! ```text
//! cargo run -p mamori-secrets --example make_corpus -- /tmp/secret-corpus [N_FILES] [SEED]
//! ```
//!
//! The output is deterministic for a given N_FILES and SEED; `labels.json`
//! lists the planted secrets and decoys as (file, line, kind).

#[path = "../tests/corpus/gen.rs"]
mod gen;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(out) = args.first().map(PathBuf::from) else {
        eprintln!("usage: make_corpus OUT_DIR [N_FILES] [SEED]");
        return ExitCode::from(2);
    };
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(200);
    let seed: u64 = args
        .get(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x6d61_6d6f_7269);
    let corpus = gen::generate(seed, n);
    let files = out.join("files");
    for (path, content) in &corpus.files {
        let dest = files.join(path);
        if let Err(e) = dest
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&dest, content))
        {
            eprintln!("make_corpus: {}: {e}", dest.display());
            return ExitCode::FAILURE;
        }
    }
    if let Err(e) = std::fs::write(out.join("labels.json"), gen::labels_json(&corpus)) {
        eprintln!("make_corpus: labels.json: {e}");
        return ExitCode::FAILURE;
    }
    let kinds: std::collections::HashSet<&str> =
        corpus.secrets.iter().map(|l| l.kind.as_str()).collect();
    println!(
        "wrote {} files, {} secrets ({} kinds), {} decoys to {}",
        corpus.files.len(),
        corpus.secrets.len(),
        kinds.len(),
        corpus.decoys.len(),
        out.display()
    );
    ExitCode::SUCCESS
}
