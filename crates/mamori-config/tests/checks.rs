//! One generic harness for every check: the check's own documentation example
//! (the block under `## Example`) must produce at least one finding of that check,
//! the "Use instead:" block none. The rendered findings of all bad examples are
//! compared with `tests/snapshots/checks.snap` (what users see: ID, severity,
//! message, file:line, object). Run with `UPDATE_SNAPSHOTS=1` to accept changes.

#![allow(clippy::unwrap_used)] // Tests may unwrap.

use mamori_config::{registry, Input, Scanner};
use std::fmt::Write as _;

mod support;

use support::{code_blocks, file_name, settings};

fn input(lang: &str, body: &str) -> Input {
    Input::new(file_name(lang), body.as_bytes().to_vec())
}

#[test]
fn every_check_fires_on_its_bad_example_only() {
    let mut snapshot = String::new();
    let mut failures = Vec::new();
    let checks = registry();
    for c in &checks {
        let doc = c.doc();
        let sections = [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "Use instead:",
            "## Remediation",
            "## References",
        ];
        let mut pos = 0;
        for s in sections {
            match doc[pos..].find(s) {
                Some(p) => pos += p,
                None => failures.push(format!(
                    "{}: doc section {s:?} missing or out of order",
                    c.id
                )),
            }
        }
        let blocks = code_blocks(doc);
        let [(lang, bad), (_, good), ..] = blocks.as_slice() else {
            failures.push(format!("{}: needs a bad and a good example", c.id));
            continue;
        };
        if c.is_image() {
            // Image checks run over image facts, not files: tests/image.rs.
            continue;
        }
        let scanner = Scanner::new(settings()).only(c.id);
        let b = scanner.scan(&[input(lang, bad)]);
        let g = scanner.scan(&[input(lang, good)]);
        if !b.errors.is_empty() || !g.errors.is_empty() {
            failures.push(format!(
                "{}: example does not parse: {:?} {:?}",
                c.id, b.errors, g.errors
            ));
        }
        if b.findings.is_empty() {
            failures.push(format!("{}: bad example gives no finding", c.id));
        }
        if let Some(f) = g.findings.first() {
            failures.push(format!("{}: good example gives a finding: {f}", c.id));
        }
        for f in &b.findings {
            assert_eq!(f.check_id, c.id);
            let _ = writeln!(snapshot, "{f}");
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/snapshots/checks.snap");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(path, &snapshot).unwrap();
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    if expected != snapshot {
        let diff: Vec<String> = snapshot
            .lines()
            .zip(expected.lines().chain(std::iter::repeat("<missing>")))
            .filter(|(a, b)| a != b)
            .take(10)
            .map(|(a, b)| format!("  got:      {a}\n  expected: {b}"))
            .collect();
        panic!(
            "snapshot differs (UPDATE_SNAPSHOTS=1 to accept):\n{}",
            diff.join("\n")
        );
    }
    eprintln!(
        "{} checks, each fires on its bad example and not on its good one",
        checks.len()
    );
}

#[test]
fn at_least_150_checks_with_metadata() {
    let checks = registry();
    assert!(checks.len() >= 150, "{} checks", checks.len());
    // Issue #5: at least 150 checks with both an ATT&CK technique and
    // cross-references (peer IDs, PSS, CIS or NSA); tests/peer_refs.rs checks
    // the peer IDs against the peers.
    let described = checks
        .iter()
        .filter(|c| !c.attack.is_empty() && !c.refs.entries().is_empty())
        .count();
    assert!(
        described >= 150,
        "only {described} checks have both ATT&CK and references"
    );
    for c in &checks {
        assert!(
            c.id.starts_with("MAM-K8S-")
                || c.id.starts_with("MAM-DF-")
                || c.id.starts_with("MAM-IMG-"),
            "{}",
            c.id
        );
        assert_eq!(c.is_dockerfile(), c.id.starts_with("MAM-DF-"), "{}", c.id);
        assert_eq!(c.is_image(), c.id.starts_with("MAM-IMG-"), "{}", c.id);
        assert!(!c.title.is_empty());
        for a in c.attack {
            assert!(
                a.starts_with('T')
                    && a[1..]
                        .split('.')
                        .all(|p| p.chars().all(|ch| ch.is_ascii_digit())),
                "{}: {a}",
                c.id
            );
        }
    }
}

/// Control-plane checks read flags from `command` and `args`, in the
/// `--name=value`, `--name value` and `sh -c "…"` forms, with the last
/// occurrence winning, and only for the container that runs the component.
#[test]
fn control_plane_flags_are_read_in_every_form() {
    let yaml = r#"apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
  namespace: kube-system
spec:
  containers:
  - name: sidecar
    image: registry.example.com/tools/proxy:1.0
    args: ["--profiling=true"]
  - name: kube-apiserver
    image: registry.k8s.io/kube-apiserver:v1.31.2
    command:
    - /bin/sh
    - -c
    - /usr/local/bin/kube-apiserver --anonymous-auth=false --profiling=true
    args:
    - --authorization-mode
    - Node,RBAC
    - --profiling=false
"#;
    let scan = |id: &str| {
        Scanner::new(settings())
            .only(id)
            .scan(&[Input::new("apiserver.yaml", yaml.as_bytes().to_vec())])
            .findings
    };
    // --anonymous-auth=false inside the sh -c string.
    assert!(scan("MAM-K8S-401").is_empty());
    // --authorization-mode given as two words in args.
    assert!(scan("MAM-K8S-405").is_empty());
    assert!(scan("MAM-K8S-406").is_empty());
    // --profiling=true in the command, then =false in args: the last wins.
    assert!(scan("MAM-K8S-410").is_empty());
    // No --audit-log-path: reported once (the sidecar does not run the API
    // server), at the line of the command list.
    let f = scan("MAM-K8S-411");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].line, 14);
}

/// MAM-DF-047 fires only on values that turn verification off.
#[test]
fn tls_verification_settings_that_keep_verification_are_not_reported() {
    let ok = "FROM node:22\nENV NODE_TLS_REJECT_UNAUTHORIZED=1 PYTHONHTTPSVERIFY=1\n\
              ARG NPM_CONFIG_STRICT_SSL=true\n\
              RUN git config --global http.sslVerify true && npm config set strict-ssl true\n\
              RUN git -c http.sslVerify=true clone https://git.example.com/a.git\n";
    let bad = "FROM node:22\nRUN git -c http.sslVerify=false clone https://git.example.com/a.git\n\
               RUN dnf install -y --setopt=sslverify=0 tool\n";
    let scan = |text: &str| {
        Scanner::new(settings())
            .only("MAM-DF-047")
            .scan(&[Input::new("Dockerfile", text.as_bytes().to_vec())])
            .findings
    };
    assert!(scan(ok).is_empty(), "{:?}", scan(ok));
    let lines: Vec<usize> = scan(bad).iter().map(|f| f.line).collect();
    assert_eq!(lines, [2, 3]);
}
