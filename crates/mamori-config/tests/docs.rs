//! The committed `docs/checks.md` and `docs/checks/*.md` must match what the
//! registry renders (CI's `--check` mode). Run with `UPDATE_DOCS=1` to rewrite them.

#![allow(clippy::unwrap_used)] // Tests may unwrap.

use mamori_config::{check_docs_dir, checks_json, registry, write_docs};
use std::path::Path;

#[test]
fn committed_docs_are_up_to_date() {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    if std::env::var_os("UPDATE_DOCS").is_some() {
        write_docs(root).unwrap();
    }
    let stale = check_docs_dir(root);
    assert!(
        stale.is_empty(),
        "docs are stale (run `UPDATE_DOCS=1 cargo test -p mamori-config --test docs`):\n{}",
        stale.join("\n")
    );
}

#[test]
fn checks_json_has_the_documented_shape() {
    let v = checks_json();
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), registry().len());
    let first = arr.iter().find(|c| c["id"] == "MAM-K8S-001").unwrap();
    assert_eq!(first["severity"], "CRITICAL");
    assert_eq!(first["attack"][0], "T1611");
    assert_eq!(first["references"]["trivy"][0], "KSV-0017");
    assert_eq!(first["references"]["pss"][0], "Privileged Containers");
    assert_eq!(first["references"]["nsa"][0], "Privileged containers");
    // Keys appear only when non-empty.
    for c in arr {
        for (k, v) in c["references"].as_object().unwrap() {
            assert!([
                "checkov",
                "trivy",
                "hadolint",
                "kubescape",
                "pss",
                "cis",
                "cis_docker",
                "nsa"
            ]
            .contains(&k.as_str()));
            assert!(!v.as_array().unwrap().is_empty(), "{}: empty {k}", c["id"]);
        }
    }
}
