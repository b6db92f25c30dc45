//! The dpkg and apk analyzers against the real databases in `../shared/corpus/pkgdb`,
//! with dpkg checked differentially against `dpkg-query` itself.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use mamori_inventory::{all_analyzers, Analysis, FileMeta, Package};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn corpus() -> Option<PathBuf> {
    let p = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus/pkgdb"
    ));
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipping: ../shared/corpus not found");
        None
    }
}

/// Runs every analyzer that claims `path` on `content`.
fn analyze(path: &str, content: &[u8]) -> Analysis {
    let meta = FileMeta {
        size: content.len() as u64,
        mode: 0o644,
    };
    let mut out = Analysis::default();
    for a in all_analyzers() {
        if a.required(path, &meta) {
            let r = a
                .analyze(path, content)
                .unwrap_or_else(|e| panic!("{}: {e}", a.id()));
            out.packages.extend(r.packages);
        }
    }
    out
}

fn files(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.to_string_lossy().ends_with(suffix))
        .collect();
    v.sort();
    v
}

fn set(pkgs: &[Package]) -> BTreeSet<(String, String)> {
    pkgs.iter()
        .map(|p| (p.name.clone(), p.version.clone()))
        .collect()
}

#[test]
fn dpkg_status_matches_dpkg_query() {
    let Some(corpus) = corpus() else { return };
    let have_dpkg = Command::new("dpkg-query")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !have_dpkg {
        eprintln!("skipping the dpkg-query comparison: dpkg-query not installed");
    }
    let mut compared = 0;
    for f in files(&corpus.join("dpkg"), ".status") {
        let content = std::fs::read(&f).unwrap();
        let found = analyze("var/lib/dpkg/status", &content).packages;
        assert!(!found.is_empty(), "{}: no packages", f.display());
        for p in &found {
            assert!(
                p.source_name.is_some() && p.source_version.is_some(),
                "{}: {} lacks source",
                f.display(),
                p.name
            );
        }
        if !have_dpkg {
            continue;
        }
        let admin = tempfile::tempdir().unwrap();
        std::fs::copy(&f, admin.path().join("status")).unwrap();
        std::fs::create_dir_all(admin.path().join("updates")).unwrap();
        std::fs::create_dir_all(admin.path().join("info")).unwrap();
        let out = Command::new("dpkg-query")
            .arg(format!("--admindir={}", admin.path().display()))
            .args(["-W", "-f", "${Package}\t${Version}\t${db:Status-Status}\t${source:Package}\t${source:Version}\n"])
            .output()
            .unwrap();
        assert!(out.status.success(), "dpkg-query failed on {}", f.display());
        let text = String::from_utf8(out.stdout).unwrap();
        // dpkg-query -W also lists packages of which only configuration files remain
        // ("rc"); mamori reports only packages whose files are on disk, by design.
        let mut expected = BTreeSet::new();
        let mut sources = BTreeSet::new();
        for line in text.lines() {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() == 5 && !matches!(cols[2], "config-files" | "not-installed") {
                expected.insert((cols[0].to_string(), cols[1].to_string()));
                sources.insert((
                    cols[0].to_string(),
                    cols[3].to_string(),
                    cols[4].to_string(),
                ));
            }
        }
        assert_eq!(set(&found), expected, "{}", f.display());
        let ours: BTreeSet<(String, String, String)> = found
            .iter()
            .map(|p| {
                (
                    p.name.clone(),
                    p.source_name.clone().unwrap(),
                    p.source_version.clone().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            ours,
            sources,
            "{}: source packages differ from dpkg-query's",
            f.display()
        );
        compared += 1;
    }
    eprintln!("dpkg: {compared} real status databases identical to dpkg-query");
}

#[test]
fn distroless_status_d_and_edge_cases() {
    let Some(corpus) = corpus() else { return };
    let dir = corpus.join("dpkg/status.d-distroless");
    let mut total = 0;
    for f in std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()) {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        if name.ends_with(".txt") {
            continue;
        }
        let path = format!("var/lib/dpkg/status.d/{name}");
        let r = analyze(&path, &std::fs::read(&f).unwrap());
        if name.ends_with(".md5sums") {
            assert!(r.packages.is_empty());
            continue;
        }
        // Independent count: paragraphs with both Package and Version, not deinstalled.
        let text = std::fs::read_to_string(&f).unwrap();
        let expected = text
            .split("\n\n")
            .filter(|p| {
                p.lines().any(|l| l.starts_with("Package:"))
                    && p.lines().any(|l| l.starts_with("Version:"))
                    && !p.lines().any(|l| {
                        l.starts_with("Status:")
                            && (l.contains("config-files") || l.contains("not-installed"))
                    })
            })
            .count();
        assert_eq!(r.packages.len(), expected, "{name}");
        total += r.packages.len();
    }
    assert!(total > 0);
    // Edge cases and corrupt files: never a panic.
    for f in files(&corpus.join("dpkg/edge-cases"), "") {
        let _ = analyze("var/lib/dpkg/status", &std::fs::read(&f).unwrap());
    }
}

#[test]
fn apk_databases() {
    let Some(corpus) = corpus() else { return };
    for f in files(&corpus.join("apk"), ".installed") {
        let text = std::fs::read_to_string(&f).unwrap();
        let r = analyze("lib/apk/db/installed", text.as_bytes());
        // Independent count: records (blank-line separated) with a P: and a V: line.
        let expected: BTreeSet<(String, String)> = text
            .split("\n\n")
            .filter_map(|rec| {
                let get = |k: &str| {
                    rec.lines()
                        .find_map(|l| l.strip_prefix(k))
                        .map(str::to_string)
                };
                Some((get("P:")?, get("V:")?))
            })
            .collect();
        assert_eq!(set(&r.packages), expected, "{}", f.display());
        for p in &r.packages {
            assert!(
                p.source_name.is_some(),
                "{}: {} has no origin",
                f.display(),
                p.name
            );
        }
    }
    for f in files(&corpus.join("apk/edge-cases"), "") {
        let _ = analyze("lib/apk/db/installed", &std::fs::read(&f).unwrap());
    }
}
