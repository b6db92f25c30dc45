//! `mamori config` and `mamori checks list` end to end.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::io::Write;
use std::process::{Command, Stdio};
use support::*;

const DEPLOYMENT: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: prod\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: nginx:1.25\n          securityContext:\n            privileged: true\n";

#[test]
fn findings_exit_code_stdin_and_nested_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("deploy.yaml");
    std::fs::write(&f, DEPLOYMENT).unwrap();
    let r = mamori_json(&["config", f.to_str().unwrap(), "-f", "json"]);
    let privileged = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["check_id"] == "MAM-K8S-001")
        .unwrap();
    // `privileged: true` is on line 13 of the file.
    assert_eq!(privileged["line"], 13);
    assert_eq!(privileged["object"]["name"], "web");
    let o = mamori(&[
        "config",
        f.to_str().unwrap(),
        "--exit-code",
        "5",
        "--severity",
        "CRITICAL",
    ]);
    assert_eq!(o.status.code(), Some(5));
    let o = mamori(&[
        "config",
        f.to_str().unwrap(),
        "--exit-code",
        "5",
        "--disable",
        "MAM-K8S-001",
        "--severity",
        "CRITICAL",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );

    let mut child = Command::new(env!("CARGO_BIN_EXE_mamori"))
        .args(["config", "-", "-f", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(DEPLOYMENT.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["check_id"] == "MAM-K8S-001" && x["file"] == "-"));
}

#[test]
fn pss_mode_reports_only_pss_controls() {
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("deploy.yaml");
    std::fs::write(&f, DEPLOYMENT).unwrap();
    let r = mamori_json(&[
        "config",
        f.to_str().unwrap(),
        "-f",
        "json",
        "--pss",
        "baseline@v1.30",
    ]);
    let ids: Vec<&str> = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["check_id"].as_str().unwrap())
        .collect();
    assert!(
        !ids.is_empty() && ids.iter().all(|i| *i == "MAM-K8S-058"),
        "{ids:?}"
    );
    let o = mamori(&["config", f.to_str().unwrap(), "--pss", "bogus"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn checks_list_json_has_metadata_for_150_or_more() {
    let out = mamori(&["checks", "list", "--format", "json"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let checks = v.as_array().unwrap();
    assert!(checks.len() >= 150, "{} checks", checks.len());
    for c in checks {
        assert!(c["id"].is_string() && c["title"].is_string() && c["severity"].is_string());
        assert!(c["attack"].is_array() && c["references"].is_object());
    }
    // Pure hygiene checks (apt cache clean-up…) map to no ATT&CK technique.
    let with_attack = checks
        .iter()
        .filter(|c| c["attack"].as_array().is_some_and(|a| !a.is_empty()))
        .count();
    assert!(
        with_attack >= 150,
        "{with_attack} checks carry an ATT&CK technique"
    );
}

#[test]
fn rego_policy_conftest_style() {
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("deploy.yaml");
    std::fs::write(&f, DEPLOYMENT).unwrap();
    let pol = tmp.path().join("policy");
    std::fs::create_dir_all(&pol).unwrap();
    std::fs::write(
        pol.join("ns.rego"),
        "package main\n\ndeny contains msg if {\n  input.metadata.namespace == \"prod\"\n  msg := sprintf(\"%s is in prod\", [input.metadata.name])\n}\n",
    )
    .unwrap();
    let r = mamori_json(&[
        "config",
        f.to_str().unwrap(),
        "-f",
        "json",
        "--policy",
        pol.to_str().unwrap(),
    ]);
    assert!(
        r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["message"] == "web is in prod"),
        "{r}"
    );
    // A policy that does not compile: a clear error naming the file.
    std::fs::write(
        pol.join("bad.rego"),
        "package main\n\ndeny contains msg if {\n",
    )
    .unwrap();
    let o = mamori(&[
        "config",
        f.to_str().unwrap(),
        "--policy",
        pol.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("bad.rego"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn sarif_over_a_directory_validates_and_points_at_nested_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("manifests");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("deploy.yaml"), DEPLOYMENT).unwrap();
    std::fs::write(
        dir.join("sub/Dockerfile"),
        "FROM ubuntu:latest\nRUN curl -fsSL https://get.example.invalid | sh\n",
    )
    .unwrap();
    let out = tmp.path().join("r.sarif");
    let o = mamori(&[
        "config",
        dir.to_str().unwrap(),
        "-f",
        "sarif",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let s: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let results = s["runs"][0]["results"].as_array().unwrap();
    // One run over a directory reports every file.
    let uris: std::collections::BTreeSet<&str> = results
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(
        uris.iter().any(|u| u.ends_with("deploy.yaml"))
            && uris.iter().any(|u| u.ends_with("Dockerfile")),
        "{uris:?}"
    );
    let privileged = results
        .iter()
        .find(|r| r["ruleId"] == "MAM-K8S-001")
        .unwrap();
    assert_eq!(
        privileged["locations"][0]["physicalLocation"]["region"]["startLine"],
        13
    );
    if let Some(py) = python_with("jsonschema") {
        let schema = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../mamori-report/testdata/sarif-schema-2.1.0.json"
        );
        let script = "import json,sys,jsonschema\njsonschema.Draft7Validator(json.load(open(sys.argv[1]))).validate(json.load(open(sys.argv[2])))\n";
        let o = std::process::Command::new(&py)
            .args(["-c", script, schema, out.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "SARIF invalid: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
}

#[test]
fn compliance_nsa_counts_controls_and_names_failing_objects() {
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("deploy.yaml");
    std::fs::write(&f, DEPLOYMENT).unwrap();
    let r = mamori_json(&[
        "config",
        f.to_str().unwrap(),
        "-f",
        "json",
        "--compliance",
        "nsa",
    ]);
    let controls = r["compliance"].as_array().unwrap();
    let get = |name: &str| {
        controls
            .iter()
            .find(|c| c["control"] == name)
            .unwrap_or_else(|| panic!("no control {name}"))
    };
    let privileged = get("Privileged containers");
    assert_eq!(privileged["status"], "fail");
    assert_eq!(privileged["findings"], 1);
    let failing = privileged["failing"].as_array().unwrap();
    assert_eq!(failing.len(), 1);
    assert!(failing[0]
        .as_str()
        .unwrap()
        .ends_with("deploy.yaml: Deployment/prod/web"));
    // No hostPath volume and no Role in the file: those controls pass.
    assert_eq!(get("hostPath volumes")["status"], "pass");
    assert_eq!(get("RBAC least privilege")["status"], "pass");
    // The table prints the summary line and the failing object.
    let o = mamori(&["config", f.to_str().unwrap(), "--compliance", "nsa"]);
    let text = String::from_utf8_lossy(&o.stdout);
    let failing = controls.iter().filter(|c| c["status"] == "fail").count();
    assert!(
        text.contains(&format!(
            "nsa: {} controls, {} pass, {failing} fail",
            controls.len(),
            controls.len() - failing
        )),
        "{text}"
    );
    assert!(
        text.contains("[FAIL] Privileged containers (1 findings)"),
        "{text}"
    );
    assert!(text.contains("Deployment/prod/web"), "{text}");
}
