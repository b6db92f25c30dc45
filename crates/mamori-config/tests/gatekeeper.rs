//! Runs every gator case of the Gatekeeper library corpus
//! (`../shared/corpus/k8s/gatekeeper-library/cases.tsv`) through
//! `ConstraintTemplate::review` and prints the pass rate. The rate must not
//! fall below the floor measured when this was written.

#![allow(clippy::unwrap_used)] // Tests may unwrap.

use mamori_config::{parse_documents, Constraint, ConstraintTemplate};
use std::collections::HashMap;
use std::path::Path;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus");
/// Cases that passed when this test was written; raise it when more pass.
const FLOOR: usize = 270;

fn assertion_holds(a: &serde_json::Value, msgs: &[String]) -> bool {
    let re = a
        .get("message")
        .and_then(|m| m.as_str())
        .map(|m| regex::Regex::new(m).unwrap());
    let n = msgs
        .iter()
        .filter(|m| re.as_ref().is_none_or(|r| r.is_match(m)))
        .count();
    match a
        .get("violations")
        .and_then(|v| v.as_str())
        .unwrap_or("yes")
    {
        "yes" => n > 0,
        "no" => n == 0,
        k => k.parse::<usize>().is_ok_and(|k| k == n),
    }
}

#[test]
fn gatekeeper_library_cases() {
    let dir = Path::new(CORPUS).join("k8s/gatekeeper-library");
    let Ok(index) = std::fs::read_to_string(dir.join("cases.tsv")) else {
        eprintln!("skipping: ../shared/corpus not found");
        return;
    };
    let load = |rel: &str| {
        let bytes = std::fs::read(dir.join(rel)).unwrap();
        parse_documents(rel, &bytes)
    };
    let mut templates: HashMap<String, Result<ConstraintTemplate, String>> = HashMap::new();
    let (mut total, mut passed) = (0usize, 0usize);
    let mut failures = Vec::new();
    for row in index.lines().skip(1) {
        let c: Vec<&str> = row.split('\t').collect();
        let [_, test, template, constraint, case, object, inventory, assertions] = c[..] else {
            panic!("bad row {row:?}");
        };
        total += 1;
        let t = templates.entry(template.to_string()).or_insert_with(|| {
            load(template)
                .map_err(|e| e.to_string())
                .and_then(|o| ConstraintTemplate::from_object(&o[0]).map_err(|e| e.to_string()))
        });
        let t = match t {
            Ok(t) => t,
            Err(e) => {
                failures.push(format!("{test}/{case}: {e}"));
                continue;
            }
        };
        let parsed = (|| {
            let constraint = Constraint::from_object(&load(constraint)?[0]);
            let obj = load(object)?.remove(0);
            let mut inv = Vec::new();
            for f in inventory.split(',').filter(|s| !s.is_empty()) {
                inv.extend(load(f)?);
            }
            Ok::<_, mamori_config::ParseError>((constraint, obj, inv))
        })();
        let (constraint, obj, inv) = match parsed {
            Ok(p) => p,
            Err(e) => {
                failures.push(format!("{test}/{case}: {e}"));
                continue;
            }
        };
        let assertions: Vec<serde_json::Value> = serde_json::from_str(assertions).unwrap();
        match t.review(&constraint, &obj, &inv) {
            Ok(msgs) if assertions.iter().all(|a| assertion_holds(a, &msgs)) => passed += 1,
            Ok(msgs) => failures.push(format!("{test}/{case}: got {msgs:?}, want {assertions:?}")),
            Err(e) => failures.push(format!("{test}/{case}: {e}")),
        }
    }
    eprintln!(
        "gatekeeper library: {passed}/{total} cases pass ({:.1}%)",
        100.0 * passed as f64 / total as f64
    );
    for f in &failures {
        eprintln!("  failed: {f}");
    }
    assert!(passed >= FLOOR, "{passed} cases pass, floor is {FLOOR}");
}
