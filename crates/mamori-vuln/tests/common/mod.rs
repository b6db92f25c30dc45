//! Shared helpers of the corpus tests: locating the corpus, building a
//! database from some of its OSV archives, reading records back from the
//! archives, and an independent evaluation of OSV ranges (written from the
//! OSV schema, not from the matcher) to derive expectations from records.

#![allow(clippy::unwrap_used, dead_code)]

use mamori_inventory::{all_analyzers, FileMeta, Inventory, OsInfo, Package};
use mamori_version::{compare, Scheme};
use mamori_vulndb::VulnDb;
use serde_json::Value;
use std::cmp::Ordering;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

pub const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus");

/// The corpus root, or `None` (with the skip message) when it is absent.
pub fn corpus() -> Option<PathBuf> {
    let p = Path::new(CORPUS);
    if p.join("osv").is_dir() {
        Some(p.to_path_buf())
    } else {
        eprintln!("skipping: ../shared/corpus not found");
        None
    }
}

/// A database in a temporary directory holding the given ecosystems' archives.
pub fn db_of(corpus: &Path, ecosystems: &[&str]) -> (tempfile::TempDir, VulnDb) {
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<PathBuf> = ecosystems
        .iter()
        .map(|e| corpus.join("osv").join(e).join("all.zip"))
        .collect();
    VulnDb::import(dir.path(), &paths, &mut |_| {}).unwrap();
    let db = VulnDb::open(dir.path()).unwrap();
    (dir, db)
}

/// Every record of one ecosystem's archive, by id.
pub fn records(corpus: &Path, ecosystem: &str) -> HashMap<String, Value> {
    let f = std::fs::File::open(corpus.join("osv").join(ecosystem).join("all.zip")).unwrap();
    let mut z = zip::ZipArchive::new(f).unwrap();
    let mut out = HashMap::new();
    for i in 0..z.len() {
        let mut e = z.by_index(i).unwrap();
        if !e.name().ends_with(".json") {
            continue;
        }
        let mut s = String::new();
        e.read_to_string(&mut s).unwrap();
        let v: Value = serde_json::from_str(&s).unwrap();
        if v.get("withdrawn").is_some() {
            continue;
        }
        out.insert(v["id"].as_str().unwrap().to_string(), v);
    }
    out
}

/// Index: (ecosystem, name) → record ids affecting that package.
pub fn by_package(recs: &HashMap<String, Value>) -> HashMap<(String, String), Vec<String>> {
    let mut out: HashMap<(String, String), Vec<String>> = HashMap::new();
    for (id, r) in recs {
        for a in r["affected"].as_array().into_iter().flatten() {
            let eco = a["package"]["ecosystem"].as_str().unwrap_or_default();
            let name = norm(eco, a["package"]["name"].as_str().unwrap_or_default());
            let v = out.entry((eco.to_string(), name)).or_default();
            if !v.contains(id) {
                v.push(id.clone());
            }
        }
    }
    out
}

pub fn norm(eco: &str, name: &str) -> String {
    if eco == "PyPI" {
        name.to_ascii_lowercase().replace(['_', '.'], "-")
    } else {
        name.to_string()
    }
}

/// The OSV rule, written independently: a version is affected by a range
/// when, walking the events in version order, the last event at or below it
/// is an `introduced` (or a `last_affected` equal to it).
fn in_range(scheme: Scheme, events: &[Value], v: &str) -> bool {
    let mut ev: Vec<(&str, &str)> = Vec::new();
    for e in events {
        for k in ["introduced", "fixed", "last_affected", "limit"] {
            if let Some(x) = e.get(k).and_then(Value::as_str) {
                ev.push((k, x));
            }
        }
    }
    let limits: Vec<&str> = ev.iter().filter(|e| e.0 == "limit").map(|e| e.1).collect();
    if !limits.is_empty()
        && limits
            .iter()
            .all(|l| compare(scheme, v, l) != Ordering::Less)
    {
        return false;
    }
    let mut affected = false;
    // For every introduced <= v, affected unless some fixed in (introduced, v]
    // or last_affected in [introduced, v).
    for &(k, i) in &ev {
        if k != "introduced" {
            continue;
        }
        if i != "0" && compare(scheme, v, i) == Ordering::Less {
            continue;
        }
        let closed = ev.iter().any(|&(k2, x)| {
            let after_intro = i == "0" || compare(scheme, x, i) != Ordering::Less;
            match k2 {
                "fixed" => after_intro && compare(scheme, x, v) != Ordering::Greater,
                "last_affected" => after_intro && compare(scheme, x, v) == Ordering::Less,
                _ => false,
            }
        });
        if !closed {
            affected = true;
        }
    }
    affected
}

/// True when record `r` says `name` `version` in `eco` is affected.
pub fn record_affects(r: &Value, eco: &str, name: &str, version: &str) -> bool {
    let version = if eco == "Go" {
        version.strip_prefix('v').unwrap_or(version)
    } else {
        version
    };
    let eco_scheme = Scheme::for_osv_ecosystem(eco);
    r["affected"].as_array().into_iter().flatten().any(|a| {
        a["package"]["ecosystem"].as_str() == Some(eco)
            && norm(eco, a["package"]["name"].as_str().unwrap_or_default()) == norm(eco, name)
            && (a["versions"].as_array().into_iter().flatten().any(|x| {
                x.as_str().is_some_and(|x| {
                    x == version
                        || eco_scheme.is_some_and(|s| compare(s, x, version) == Ordering::Equal)
                })
            }) || a["ranges"].as_array().into_iter().flatten().any(|rg| {
                let scheme = match rg["type"].as_str() {
                    Some("SEMVER") => Some(Scheme::Semver),
                    Some("ECOSYSTEM") => eco_scheme,
                    _ => None,
                };
                scheme.is_some_and(|s| {
                    in_range(
                        s,
                        rg["events"].as_array().map(Vec::as_slice).unwrap_or(&[]),
                        version,
                    )
                })
            }))
    })
}

/// The record ids a finding's explanation names (`ID (eco package …): …`).
pub fn explained_records(explain: &str) -> Vec<String> {
    let body = explain
        .rsplit_once("; severity")
        .map_or(explain, |(b, _)| b);
    body.split("; ")
        .filter_map(|part| part.split_once(" (").map(|(id, _)| id.to_string()))
        .collect()
}

/// Packages an analyzer finds in `bytes` read as `path`.
pub fn analyze(path: &str, bytes: &[u8]) -> Vec<Package> {
    let meta = FileMeta {
        size: bytes.len() as u64,
        mode: 0o644,
    };
    let mut out = Vec::new();
    for a in all_analyzers() {
        if a.required(path, &meta) {
            if let Ok(found) = a.analyze(path, bytes) {
                out.extend(found.packages);
            }
        }
    }
    out
}

pub fn os(id: &str, version: &str) -> OsInfo {
    OsInfo {
        id: id.to_string(),
        version_id: version.to_string(),
        pretty_name: None,
        codename: None,
        id_like: Vec::new(),
        precedence: 0,
    }
}

/// The inventory of a corpus dpkg status file read as a Debian `version` system.
pub fn dpkg_inventory(file: &Path, version: &str) -> Inventory {
    let bytes = std::fs::read(file).unwrap();
    Inventory {
        os: Some(os("debian", version)),
        packages: analyze("var/lib/dpkg/status", &bytes),
    }
}

/// The corpus files in `dir` whose name starts with `prefix`.
pub fn files_with_prefix(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix))
        })
        .collect();
    v.sort();
    v
}
