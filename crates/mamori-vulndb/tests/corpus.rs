//! Imports the real OSV corpus (`shared/corpus/osv/<Ecosystem>/all.zip`) and
//! checks counts against COUNTS.json and matching against real records. No
//! expectation is hard-coded: every expected value is derived from the
//! records themselves. Skips cleanly when the corpus is absent.

#![allow(clippy::unwrap_used)]

use mamori_vulndb::{Query, VulnDb};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus");

fn osv_dir() -> Option<PathBuf> {
    let p = Path::new(CORPUS).join("osv");
    if p.join("COUNTS.json").is_file() {
        Some(p)
    } else {
        eprintln!("skipping: ../shared/corpus not found");
        None
    }
}

/// Every record of one archive, parsed as plain JSON.
fn records(zip_path: &Path) -> Vec<Value> {
    let f = std::fs::File::open(zip_path).unwrap();
    let mut z = zip::ZipArchive::new(f).unwrap();
    let mut out = Vec::new();
    for i in 0..z.len() {
        let mut e = z.by_index(i).unwrap();
        if !e.name().ends_with(".json") {
            continue;
        }
        let mut s = String::new();
        e.read_to_string(&mut s).unwrap();
        out.push(serde_json::from_str(&s).unwrap());
    }
    out
}

/// A record to test: querying `inside` must find it, querying `fixed` must not.
#[derive(Debug)]
struct Case {
    id: String,
    ecosystem: String,
    name: String,
    inside: String,
    fixed: String,
}

/// Records whose package appears once, with a single evaluable range of
/// exactly `introduced X, fixed Y` and Y not in an explicit version list, so
/// that "affected at `inside`, not at Y" follows from the record alone.
/// `inside_of(X, Y)` gives a version strictly inside `[X, Y)` or None.
fn cases(
    recs: &[Value],
    base: &str,
    want: usize,
    inside_of: impl Fn(&str, &str) -> Option<String>,
) -> Vec<Case> {
    let mut out = Vec::new();
    for r in recs {
        if r.get("withdrawn").is_some() {
            continue;
        }
        let id = r["id"].as_str().unwrap_or_default();
        let affected = r["affected"].as_array().cloned().unwrap_or_default();
        for a in &affected {
            let eco = a["package"]["ecosystem"].as_str().unwrap_or_default();
            let name = a["package"]["name"].as_str().unwrap_or_default();
            if eco.split(':').next() != Some(base) || name.is_empty() {
                continue;
            }
            let same = affected
                .iter()
                .filter(|b| b["package"]["ecosystem"] == eco && b["package"]["name"] == name)
                .count();
            let ranges: Vec<&Value> = a["ranges"]
                .as_array()
                .map(|v| v.iter().filter(|r| r["type"] != "GIT").collect())
                .unwrap_or_default();
            if same != 1 || ranges.len() != 1 {
                continue;
            }
            let ev = ranges[0]["events"].as_array().cloned().unwrap_or_default();
            if ev.len() != 2 {
                continue;
            }
            let (Some(x), Some(y)) = (ev[0]["introduced"].as_str(), ev[1]["fixed"].as_str()) else {
                continue;
            };
            let listed = a["versions"]
                .as_array()
                .is_some_and(|v| v.iter().any(|s| s == y));
            if listed {
                continue;
            }
            if let Some(inside) = inside_of(x, y) {
                out.push(Case {
                    id: id.to_string(),
                    ecosystem: eco.to_string(),
                    name: name.to_string(),
                    inside,
                    fixed: y.to_string(),
                });
                break;
            }
        }
        if out.len() >= want {
            break;
        }
    }
    out
}

fn check(db: &VulnDb, c: &Case, failures: &mut Vec<String>) {
    let hit = db
        .query(&Query::new(&c.ecosystem, &c.name, &c.inside))
        .unwrap();
    match hit.iter().find(|m| m.records.contains(&c.id)) {
        None => failures.push(format!("{c:?}: not matched at {:?}", c.inside)),
        Some(m) => {
            if m.fixed_version.is_none() {
                failures.push(format!("{c:?}: matched without a fixed version"));
            }
            if !m.explain.contains(&c.id) || !m.explain.contains(&c.ecosystem) {
                failures.push(format!(
                    "{c:?}: explain lacks record/ecosystem: {}",
                    m.explain
                ));
            }
        }
    }
    let at_fix = db
        .query(&Query::new(&c.ecosystem, &c.name, &c.fixed))
        .unwrap();
    if at_fix.iter().any(|m| m.records.contains(&c.id)) {
        failures.push(format!("{c:?}: still matched at the fixed version"));
    }
}

#[test]
fn corpus_import_counts_and_real_matches() {
    let Some(osv) = osv_dir() else { return };
    let counts: BTreeMap<String, u64> =
        serde_json::from_str(&std::fs::read_to_string(osv.join("COUNTS.json")).unwrap()).unwrap();
    let zips: Vec<PathBuf> = counts.keys().map(|e| osv.join(e).join("all.zip")).collect();

    let db_dir = tempfile::tempdir().unwrap();
    let summary = VulnDb::import(db_dir.path(), &zips, &mut |_| {}).unwrap();
    assert_eq!(summary.skipped, 0, "{:#?}", summary.problems);

    // Per source: COUNTS.json minus the withdrawn records (which are not stored).
    let db = VulnDb::open(db_dir.path()).unwrap();
    let status = db.status().unwrap();
    let mut all = BTreeMap::new();
    for (eco, n) in &counts {
        let recs = records(&osv.join(eco).join("all.zip"));
        assert_eq!(
            recs.len() as u64,
            *n,
            "{eco}: archive entries vs COUNTS.json"
        );
        let withdrawn = recs.iter().filter(|r| r.get("withdrawn").is_some()).count() as u64;
        assert_eq!(summary.per_source.get(eco), Some(&(n - withdrawn)), "{eco}");
        let st = status
            .ecosystems
            .iter()
            .find(|s| s.ecosystem == *eco)
            .unwrap();
        assert_eq!(st.records, n - withdrawn, "{eco} in meta");
        all.insert(eco.clone(), recs);
    }
    assert_eq!(status.records, summary.records);

    let mut failures = Vec::new();
    let mut tested = BTreeMap::new();
    let mut run = |eco: &str, cs: Vec<Case>, failures: &mut Vec<String>| {
        assert!(!cs.is_empty(), "{eco}: no suitable record found");
        for c in &cs {
            check(&db, c, failures);
        }
        tested.insert(eco.to_string(), cs.len());
    };

    // Debian: all ranges start at "0"; "Y~" sorts just below Y in dpkg order.
    let cs = cases(&all["Debian"], "Debian", 25, |x, y| {
        (x == "0").then(|| format!("{y}~"))
    });
    run("Debian", cs, &mut failures);

    // AlmaLinux: rpm also sorts "Y~" just below Y.
    let cs = cases(&all["AlmaLinux"], "AlmaLinux", 25, |x, y| {
        (x == "0").then(|| format!("{y}~"))
    });
    run("AlmaLinux", cs, &mut failures);

    // Alpine: all ranges start at "0"; one package release below the fix.
    let cs = cases(&all["Alpine"], "Alpine", 25, |x, y| {
        let (ver, rel) = y.rsplit_once("-r")?;
        let n: u32 = rel.parse().ok()?;
        (x == "0" && n > 0).then(|| format!("{ver}-r{}", n - 1))
    });
    run("Alpine", cs, &mut failures);

    // Language ecosystems: the introduced version itself is affected.
    for eco in ["PyPI", "npm", "Go", "Maven", "crates.io"] {
        let cs = cases(&all[eco], eco, 25, |x, _| {
            (x != "0" && !x.starts_with("0.0.0-")).then(|| x.to_string())
        });
        if eco == "Go" {
            // go.mod spells versions with a leading v.
            for c in &cs {
                let v = Case {
                    inside: format!("v{}", c.inside),
                    fixed: format!("v{}", c.fixed),
                    id: c.id.clone(),
                    ecosystem: c.ecosystem.clone(),
                    name: c.name.clone(),
                };
                check(&db, &v, &mut failures);
            }
        }
        run(eco, cs, &mut failures);
    }
    eprintln!("records tested per ecosystem: {tested:?}");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Ubuntu records are filed under `Ubuntu:22.04:LTS`; a query for
/// `Ubuntu:22.04` must find them, and a listed version must match.
#[test]
fn corpus_ubuntu_versions_lists() {
    let Some(osv) = osv_dir() else { return };
    let zip = osv.join("Ubuntu").join("all.zip");
    let db_dir = tempfile::tempdir().unwrap();
    VulnDb::import(db_dir.path(), std::slice::from_ref(&zip), &mut |_| {}).unwrap();
    let db = VulnDb::open(db_dir.path()).unwrap();
    let mut checked = 0;
    for r in records(&zip) {
        if r.get("withdrawn").is_some() {
            continue;
        }
        let id = r["id"].as_str().unwrap().to_string();
        for a in r["affected"].as_array().unwrap() {
            let eco = a["package"]["ecosystem"].as_str().unwrap();
            let Some(bare) = eco.strip_suffix(":LTS").filter(|e| !e.contains(":Pro:")) else {
                continue;
            };
            let Some(v) = a["versions"].as_array().and_then(|v| v.first()) else {
                continue;
            };
            let name = a["package"]["name"].as_str().unwrap();
            let found = db
                .query(&Query::new(bare, name, v.as_str().unwrap()))
                .unwrap();
            let m = found.iter().find(|m| m.records.contains(&id));
            assert!(m.is_some(), "{id} {bare} {name} {v}: {found:#?}");
            assert_eq!(m.unwrap().ecosystem, eco);
            checked += 1;
        }
    }
    assert!(checked > 0);
}
