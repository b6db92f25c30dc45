//! Scores the built-in scanner on a freshly generated labelled corpus
//! (see `tests/corpus/gen.rs`): recall over the planted secrets and precision
//! over all findings, matched by (file, line). Fails below 0.95 / 0.90.

#![allow(clippy::unwrap_used)] // tests may unwrap

#[path = "corpus/gen.rs"]
mod gen;

use mamori_secrets::Scanner;
use std::collections::{BTreeMap, HashMap, HashSet};

#[test]
fn generated_corpus_recall_and_precision() {
    let corpus = gen::generate(0x6d61_6d6f_7269, 200);
    let kinds: HashSet<&str> = corpus.secrets.iter().map(|l| l.kind.as_str()).collect();
    assert!(
        corpus.secrets.len() >= 300,
        "only {} secrets",
        corpus.secrets.len()
    );
    assert!(
        corpus.decoys.len() >= 300,
        "only {} decoys",
        corpus.decoys.len()
    );
    assert!(kinds.len() >= 50, "only {} secret kinds", kinds.len());

    let scanner = Scanner::builtin();
    let mut found: HashMap<(String, usize), Vec<String>> = HashMap::new();
    for (path, content) in &corpus.files {
        if !scanner.wants(path, content.len() as u64) {
            continue;
        }
        for f in scanner.scan(path, content.as_bytes()) {
            found
                .entry((f.path.clone(), f.line))
                .or_default()
                .push(f.rule_id);
        }
    }
    let secret_lines: HashSet<(String, usize)> = corpus
        .secrets
        .iter()
        .map(|l| (l.file.clone(), l.line))
        .collect();
    let decoy_kind: HashMap<(String, usize), &str> = corpus
        .decoys
        .iter()
        .map(|l| ((l.file.clone(), l.line), l.kind.as_str()))
        .collect();

    let mut hits = 0;
    let mut same_rule = 0;
    let mut missed: BTreeMap<&str, usize> = BTreeMap::new();
    for l in &corpus.secrets {
        match found.get(&(l.file.clone(), l.line)) {
            Some(rules) => {
                hits += 1;
                if rules.contains(&l.kind) {
                    same_rule += 1;
                }
            }
            None => *missed.entry(&l.kind).or_default() += 1,
        }
    }
    let mut false_pos: BTreeMap<String, usize> = BTreeMap::new();
    let mut fp = 0;
    for (key, rules) in &found {
        if !secret_lines.contains(key) {
            fp += 1;
            let what = decoy_kind.get(key).copied().unwrap_or("unlabelled line");
            *false_pos
                .entry(format!("{what} <- {}", rules.join(",")))
                .or_default() += 1;
        }
    }
    let tp_lines = found.len() - fp;
    let recall = hits as f64 / corpus.secrets.len() as f64;
    let precision = tp_lines as f64 / found.len().max(1) as f64;
    eprintln!(
        "corpus: {} files, {} secrets ({} kinds), {} decoys",
        corpus.files.len(),
        corpus.secrets.len(),
        kinds.len(),
        corpus.decoys.len()
    );
    eprintln!(
        "recall {recall:.3} ({hits}/{}), precision {precision:.3} ({tp_lines}/{}), same rule ID {same_rule}/{hits}",
        corpus.secrets.len(),
        found.len()
    );
    eprintln!("missed by kind: {missed:?}");
    eprintln!("false positives: {false_pos:?}");
    assert!(
        recall >= 0.95,
        "recall {recall:.3} < 0.95; missed {missed:?}"
    );
    assert!(
        precision >= 0.90,
        "precision {precision:.3} < 0.90; false positives {false_pos:?}"
    );
}
