//! The cross-references of every check are checked against the peers
//! themselves: each Trivy, Checkov and Hadolint ID a check declares must be
//! reported by that tool on the check's own bad example, or on one of the extra
//! inputs under `tests/peers/<CHECK-ID>/` (for peers that look at a variant the
//! example does not show, such as `apk --allow-untrusted` next to
//! `apt-get --allow-unauthenticated`). mamori itself must report the check on
//! every extra input, so both tools flag the same file.
//!
//! The peers come from the environment (`.ci/run` installs them into its venv):
//! `MAMORI_TRIVY`, `MAMORI_CHECKOV`, `MAMORI_HADOLINT`. A missing tool is
//! skipped with a message; the mamori half of the test always runs. Image
//! checks (`MAM-IMG-*`) run over image facts, not files, and are not compared.

#![allow(clippy::unwrap_used)] // Tests may unwrap.

use mamori_config::{registry, Input, Scanner};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

const EXTRAS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/peers");

mod support;

use support::{code_blocks, file_name, settings};

/// The first two fenced blocks of a check's doc: (language, bad, good).
fn examples(doc: &str) -> Option<(String, String, String)> {
    let mut it = code_blocks(doc).into_iter();
    let (lang, bad) = it.next()?;
    let (_, good) = it.next()?;
    Some((lang, bad, good))
}

/// The extra inputs of a check: `(file name, content)`.
fn extras(id: &str) -> Vec<(String, String)> {
    let dir = Path::new(EXTRAS).join(id);
    let mut v: Vec<(String, String)> = std::fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    (name, std::fs::read_to_string(e.path()).unwrap())
                })
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn mamori_reports_each_check_on_its_extra_peer_inputs() {
    let ids: BTreeSet<&str> = registry().iter().map(|c| c.id).collect();
    let mut n = 0;
    for entry in std::fs::read_dir(EXTRAS).unwrap() {
        let entry = entry.unwrap();
        let id = entry.file_name().to_string_lossy().into_owned();
        assert!(ids.contains(id.as_str()), "tests/peers/{id}: no such check");
        for (name, body) in extras(&id) {
            let scan = Scanner::new(settings())
                .only(&id)
                .scan(&[Input::new(&name, body.into_bytes())]);
            assert!(scan.errors.is_empty(), "{id}/{name}: {:?}", scan.errors);
            assert!(
                !scan.findings.is_empty(),
                "tests/peers/{id}/{name}: mamori does not report {id}"
            );
            n += 1;
        }
    }
    assert!(n >= 10, "only {n} extra inputs");
}

/// What one peer reported: `(check id, "bad"|"good"|"extra") -> peer IDs`.
type Reported = BTreeMap<(String, String), BTreeSet<String>>;

/// Writes `<dir>/<ID>/{bad,good,extra-N}/<file>` for every non-image check.
fn write_tree(dir: &Path) -> Vec<PathBuf> {
    let mut dockerfiles = Vec::new();
    for c in registry() {
        if c.is_image() {
            continue;
        }
        let Some((lang, bad, good)) = examples(c.doc()) else {
            continue;
        };
        let mut put = |variant: &str, name: &str, body: &str| {
            let d = dir.join(c.id).join(variant);
            std::fs::create_dir_all(&d).unwrap();
            let p = d.join(name);
            std::fs::write(&p, body).unwrap();
            if name.ends_with("Dockerfile") {
                dockerfiles.push(p);
            }
        };
        put("bad", file_name(&lang), &bad);
        put("good", file_name(&lang), &good);
        for (i, (name, body)) in extras(c.id).into_iter().enumerate() {
            put(&format!("extra-{i}"), &name, &body);
        }
    }
    dockerfiles
}

/// `(check id, variant)` from a path `…/<ID>/<variant>/<file>`.
fn key(path: &str) -> Option<(String, String)> {
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    let n = parts.len();
    (n >= 3).then(|| (parts[n - 3].to_string(), parts[n - 2].to_string()))
}

fn tool(var: &str) -> Option<PathBuf> {
    match std::env::var_os(var) {
        Some(p) if Path::new(&p).exists() => Some(PathBuf::from(p)),
        _ => {
            eprintln!("skipping the {var} half: set {var} to the tool (.ci/run does)");
            None
        }
    }
}

fn json_of(out: &std::process::Output, what: &str) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{what}: unreadable JSON ({e}); stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn run_trivy(bin: &Path, dir: &Path) -> Reported {
    let out = Command::new(bin)
        .args([
            "config",
            "--skip-check-update",
            "--format",
            "json",
            "--quiet",
        ])
        .arg(dir)
        .output()
        .unwrap();
    let v = json_of(&out, "trivy config");
    let mut r = Reported::new();
    for res in v["Results"].as_array().into_iter().flatten() {
        let Some(k) = res["Target"].as_str().and_then(key) else {
            continue;
        };
        for m in res["Misconfigurations"].as_array().into_iter().flatten() {
            if m["Status"] == "FAIL" {
                let id = m["ID"].as_str().unwrap_or_default().to_string();
                r.entry(k.clone()).or_default().insert(id);
            }
        }
    }
    r
}

fn run_checkov(bin: &Path, dir: &Path) -> Reported {
    let out = Command::new(bin)
        .args(["--framework", "dockerfile", "kubernetes", "--skip-download"])
        .args(["--output", "json", "--quiet", "--directory"])
        .arg(dir)
        // A Dockerfile with two stages of the same name (MAM-DF-036's inputs)
        // makes checkov 3.3 drop every graph check (CKV2_DOCKER_*) of the
        // whole run; MAM-DF-036 declares no checkov ID, so it is left out.
        .args(["--skip-path", "MAM-DF-036"])
        .env("BC_SKIP_MAPPING", "TRUE")
        .output()
        .unwrap();
    let v = json_of(&out, "checkov");
    let reports = match v {
        Value::Array(a) => a,
        other => vec![other],
    };
    let mut r = Reported::new();
    for rep in &reports {
        for f in rep["results"]["failed_checks"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let Some(k) = f["file_path"].as_str().and_then(key) else {
                continue;
            };
            let id = f["check_id"].as_str().unwrap_or_default().to_string();
            r.entry(k).or_default().insert(id);
        }
    }
    r
}

fn run_hadolint(bin: &Path, files: &[PathBuf]) -> Reported {
    // One run over every Dockerfile; each result names its file.
    let out = Command::new(bin)
        .args(["--no-fail", "--format", "json"])
        .args(files)
        .output()
        .unwrap();
    let mut r = Reported::new();
    for m in json_of(&out, "hadolint").as_array().into_iter().flatten() {
        let Some(k) = m["file"].as_str().and_then(key) else {
            continue;
        };
        let id = m["code"].as_str().unwrap_or_default().to_string();
        r.entry(k).or_default().insert(id);
    }
    r
}

#[test]
fn every_declared_peer_id_is_reported_by_that_peer() {
    let dir = std::env::temp_dir().join(format!("mamori-peer-refs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let dockerfiles = write_tree(&dir);
    let mut runs: Vec<(&str, Reported)> = Vec::new();
    if let Some(b) = tool("MAMORI_TRIVY") {
        runs.push(("trivy", run_trivy(&b, &dir)));
    }
    if let Some(b) = tool("MAMORI_CHECKOV") {
        runs.push(("checkov", run_checkov(&b, &dir)));
    }
    if let Some(b) = tool("MAMORI_HADOLINT") {
        runs.push(("hadolint", run_hadolint(&b, &dockerfiles)));
    }
    let _ = std::fs::remove_dir_all(&dir);
    let mut failures = Vec::new();
    let mut confirmed = 0;
    for c in registry().into_iter().filter(|c| !c.is_image()) {
        let refs = c.refs.entries();
        for (tool_name, reported) in &runs {
            let Some((_, ids)) = refs.iter().find(|(k, _)| k == tool_name) else {
                continue;
            };
            for want in *ids {
                let hit = reported
                    .iter()
                    .filter(|((id, variant), _)| id == c.id && variant != "good")
                    .any(|(_, got)| got.contains(*want));
                if hit {
                    confirmed += 1;
                } else {
                    failures.push(format!(
                        "{}: {tool_name} does not report {want} on the bad example or tests/peers/{}/*",
                        c.id, c.id
                    ));
                }
            }
        }
    }
    eprintln!(
        "{confirmed} declared peer IDs confirmed by {:?}",
        runs.iter().map(|(n, _)| *n).collect::<Vec<_>>()
    );
    assert!(
        failures.is_empty(),
        "{} declared peer IDs not confirmed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
