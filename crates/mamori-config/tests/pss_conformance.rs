//! Runs every upstream Pod Security Admission fixture (`../shared/corpus/k8s/pss`)
//! through `evaluate_pss` at the fixture's level and version: rejected pods must
//! give at least one violation, admitted pods none.

#![allow(clippy::unwrap_used)] // Tests may unwrap.

use mamori_config::{evaluate_pss, parse_documents, Level, Version};
use std::path::Path;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus");

#[test]
fn pss_fixtures_agree_with_upstream() {
    let dir = Path::new(CORPUS).join("k8s/pss");
    let Ok(index) = std::fs::read_to_string(dir.join("index.tsv")) else {
        eprintln!("skipping: ../shared/corpus not found");
        return;
    };
    let (mut total, mut agree) = (0usize, 0usize);
    let mut disagreements = Vec::new();
    for row in index.lines().skip(1) {
        let cols: Vec<&str> = row.split('\t').collect();
        let [file, level, version, expected, check_id, ..] = cols[..] else {
            panic!("bad index row {row:?}");
        };
        let bytes = std::fs::read(dir.join(file)).unwrap();
        let objs = parse_documents(file, &bytes).unwrap();
        assert_eq!(objs.len(), 1, "{file}");
        let level: Level = level.parse().unwrap();
        let version = Version::parse(version).unwrap();
        let v = evaluate_pss(&objs[0], level, Some(version));
        total += 1;
        let ok = match expected {
            "pass" => v.is_empty(),
            // The named upstream check must be among the failures, not just any.
            "fail" => v.iter().any(|x| x.check == check_id),
            other => panic!("bad expectation {other}"),
        };
        if ok {
            agree += 1;
        } else {
            disagreements.push(format!(
                "{file} expected {expected} ({check_id}), got {v:?}"
            ));
        }
    }
    eprintln!(
        "pss conformance: {agree}/{total} fixtures agree ({:.2}%)",
        100.0 * agree as f64 / total as f64
    );
    assert!(
        disagreements.is_empty(),
        "{} disagreements:\n{}",
        disagreements.len(),
        disagreements
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert_eq!(total, 4537);
}
