//! End to end on the corpus's Debian 11 image: ignore file (expiry, package
//! filter), OpenVEX and CycloneDX VEX suppression with reasons, and
//! re-evaluation of a directory of SBOMs/reports as the database changes.
//! Expectations are derived from the unsuppressed findings and from direct
//! matching. Skips cleanly when the corpus is absent.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use mamori_inventory::Inventory;
use mamori_report::{Report, Target, TargetKind, VulnFinding};
use mamori_vuln::{
    apply_suppressions, match_inventory, rescan_dir, IgnoreFile, MatchOptions, Suppressor, Vex,
    STATE_FILE,
};
use mamori_vulndb::VulnDb;
use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

fn debian11(c: &Path) -> Inventory {
    dpkg_inventory(
        &files_with_prefix(&c.join("pkgdb/dpkg"), "debian-11_")[0],
        "11",
    )
}

#[test]
fn ignore_file_and_vex_end_to_end() {
    let Some(c) = corpus() else { return };
    let (_d, db) = db_of(&c, &["Debian"]);
    let inv = debian11(&c);
    let found = match_inventory(&inv, &db, &MatchOptions::default()).unwrap();
    // Five distinct vulnerability ids, each with its first finding.
    let mut picks: Vec<&VulnFinding> = Vec::new();
    for f in &found {
        if !picks.iter().any(|p| p.id == f.id) {
            picks.push(f);
        }
    }
    assert!(picks.len() >= 5, "need five distinct vulnerabilities");
    let [a, b, cc, d, e] = [picks[0], picks[1], picks[2], picks[3], picks[4]];

    let tmp = tempfile::tempdir().unwrap();
    let ignore_path = tmp.path().join(".mamoriignore");
    std::fs::write(
        &ignore_path,
        format!(
            "# accepted risks\n{} {} exp:2999-12-31 # accepted until the base image moves\n\
             {} exp:2000-01-01 # expired\n{} some-other-package\n",
            a.id.to_lowercase(),
            a.package.name,
            b.id,
            cc.id
        ),
    )
    .unwrap();
    let ignore = IgnoreFile::load(&ignore_path).unwrap();
    let warnings = ignore.warnings();
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains(":3: ignore entry for") && warnings[0].contains(&b.id));

    // OpenVEX by purl without qualifiers or version; CycloneDX by bom-ref.
    let d_purl = mamori_sbom::Purl::parse(&d.package.purl).unwrap();
    let openvex = tmp.path().join("vex.openvex.json");
    std::fs::write(
        &openvex,
        serde_json::json!({
            "@context": "https://openvex.dev/ns/v0.2.0",
            "@id": "https://example.invalid/vex/1",
            "author": "test",
            "timestamp": "2024-01-01T00:00:00Z",
            "version": 1,
            "statements": [{
                "vulnerability": {"name": d.id},
                "products": [{"@id": format!("pkg:deb/debian/{}", d_purl.name)}],
                "status": "not_affected",
                "justification": "vulnerable_code_not_in_execute_path",
                "impact_statement": "the feature is disabled"
            }]
        })
        .to_string(),
    )
    .unwrap();
    let cdx = tmp.path().join("vex.cdx.json");
    std::fs::write(
        &cdx,
        serde_json::json!({
            "bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
            "components": [{"bom-ref": "e-pkg", "type": "library", "name": e.package.name, "purl": e.package.purl}],
            "vulnerabilities": [{
                "id": e.id,
                "analysis": {"state": "resolved", "detail": "patched downstream"},
                "affects": [{"ref": "e-pkg"}]
            }]
        })
        .to_string(),
    )
    .unwrap();
    let vex1 = Vex::load(&openvex).unwrap();
    let vex2 = Vex::load(&cdx).unwrap();
    let sups: [&dyn Suppressor; 3] = [&ignore, &vex1, &vex2];
    let (kept, suppressed) = apply_suppressions(found.clone(), &sups);
    assert_eq!(kept.len() + suppressed.len(), found.len());

    // Expected, derived from the findings.
    let d_name = d.package.name.clone();
    for f in &found {
        let s = suppressed.iter().find(|s| s.finding == *f);
        let want: Option<(&str, &str)> = if f.id == a.id
            && (f.package.name == a.package.name || f.matched_name == a.package.name)
        {
            Some(("ignored", "accepted until the base image moves"))
        } else if f.id == d.id
            && mamori_sbom::Purl::parse(&f.package.purl).unwrap().name == d_purl.name
        {
            Some((
                "not_affected",
                "vulnerable_code_not_in_execute_path: the feature is disabled",
            ))
        } else if f.id == e.id && f.package.purl == e.package.purl {
            Some(("fixed", "patched downstream"))
        } else {
            None
        };
        match (s, want) {
            (Some(s), Some((status, reason))) => {
                assert_eq!(
                    (s.status.as_str(), s.reason.as_str()),
                    (status, reason),
                    "{}",
                    f.id
                )
            }
            (None, None) => {}
            (s, w) => panic!(
                "{} {}: suppressed {:?}, expected {:?}",
                f.id,
                f.package.name,
                s.map(|s| &s.status),
                w
            ),
        }
    }
    let src = |id: &str| {
        suppressed
            .iter()
            .find(|s| s.finding.id == id)
            .unwrap()
            .source
            .clone()
    };
    assert_eq!(src(&a.id), format!("{}:2", ignore_path.display()));
    assert_eq!(src(&d.id), openvex.display().to_string());
    assert_eq!(src(&e.id), cdx.display().to_string());
    assert!(
        kept.iter().any(|f| f.id == b.id),
        "expired entry must not suppress"
    );
    assert!(
        kept.iter().any(|f| f.id == cc.id),
        "package filter must limit the entry"
    );
    assert!(suppressed.iter().any(|s| s.finding.package.name == d_name));
}

/// Copies the Debian records whose index passes `keep` into `dir` as single
/// JSON files, so databases with more or fewer records can be built.
fn subset(c: &Path, dir: &Path, keep: impl Fn(usize) -> bool) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).unwrap();
    let f = std::fs::File::open(c.join("osv/Debian/all.zip")).unwrap();
    let mut z = zip::ZipArchive::new(f).unwrap();
    let mut out = Vec::new();
    for i in 0..z.len() {
        if !keep(i) {
            continue;
        }
        let mut e = z.by_index(i).unwrap();
        let name = e.name().rsplit('/').next().unwrap().to_string();
        if !name.ends_with(".json") {
            continue;
        }
        let mut s = Vec::new();
        e.read_to_end(&mut s).unwrap();
        let p = dir.join(name);
        std::fs::write(&p, s).unwrap();
        out.push(p);
    }
    out
}

type Key = (String, String, String, String, String);

fn keyed(file: &str, f: &[VulnFinding]) -> HashSet<Key> {
    f.iter()
        .map(|f| {
            (
                file.to_string(),
                f.id.clone(),
                f.package.name.clone(),
                f.package.version.clone(),
                f.package.location.clone(),
            )
        })
        .collect()
}

fn keyed_pairs(v: &[(String, VulnFinding)]) -> HashSet<Key> {
    v.iter()
        .map(|(file, f)| {
            (
                file.clone(),
                f.id.clone(),
                f.package.name.clone(),
                f.package.version.clone(),
                f.package.location.clone(),
            )
        })
        .collect()
}

#[test]
fn rescan_reports_new_and_fixed() {
    let Some(c) = corpus() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let dbdir = tmp.path().join("db");
    let sboms = tmp.path().join("sboms");
    std::fs::create_dir_all(&sboms).unwrap();

    // Two documents of one image: mamori's JSON report and CycloneDX.
    let inv = debian11(&c);
    let report = Report::new(
        Target {
            kind: TargetKind::Rootfs,
            name: "debian-11".into(),
            image: None,
        },
        inv.os.clone(),
        inv.packages.clone(),
    );
    std::fs::write(sboms.join("app.json"), mamori_report::to_json(&report)).unwrap();
    std::fs::write(
        sboms.join("app.cdx.json"),
        mamori_report::to_cyclonedx(&report),
    )
    .unwrap();
    std::fs::write(sboms.join("notes.md"), "not an sbom").unwrap();
    std::fs::write(sboms.join("broken.json"), "{ nope").unwrap();
    let inv_of = |name: &str| {
        mamori_vuln::read_document(name, &std::fs::read(sboms.join(name)).unwrap()).unwrap()
    };
    let docs = ["app.cdx.json", "app.json"];
    let opts = MatchOptions::default();
    let expect = |db: &VulnDb| -> HashSet<Key> {
        docs.iter()
            .flat_map(|d| keyed(d, &match_inventory(&inv_of(d), db, &opts).unwrap()))
            .collect()
    };

    // Database 1: half of the Debian records.
    let half = subset(&c, &tmp.path().join("half"), |i| i % 2 == 0);
    VulnDb::import(&dbdir, &half, &mut |_| {}).unwrap();
    let db1 = VulnDb::open(&dbdir).unwrap();
    let want1 = expect(&db1);
    assert!(!want1.is_empty());
    let r = rescan_dir(&sboms, &db1, &opts).unwrap();
    assert_eq!(r.files, 2);
    assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
    assert_eq!(r.errors[0].0, "broken.json");
    assert_eq!(keyed_pairs(&r.new), want1, "first run: everything is new");
    assert!(r.fixed.is_empty());
    assert_eq!(r.unchanged_count, 0);
    assert!(sboms.join(STATE_FILE).is_file());

    // Same database, same files: all reused, nothing new or fixed.
    let r = rescan_dir(&sboms, &db1, &opts).unwrap();
    assert_eq!((r.new.len(), r.fixed.len(), r.reused), (0, 0, 2));
    assert_eq!(r.unchanged_count, want1.len());

    // Database 2: every record. New = findings now minus before.
    VulnDb::import(&dbdir, &[c.join("osv/Debian/all.zip")], &mut |_| {}).unwrap();
    let db2 = VulnDb::open(&dbdir).unwrap();
    let want2 = expect(&db2);
    let r = rescan_dir(&sboms, &db2, &opts).unwrap();
    assert_eq!(r.reused, 0);
    assert_eq!(keyed_pairs(&r.new), &want2 - &want1);
    assert_eq!(keyed_pairs(&r.fixed), &want1 - &want2);
    assert_eq!(r.unchanged_count, want2.intersection(&want1).count());
    assert!(!r.new.is_empty());

    // Database 3: the other half. Fixed = gone since database 2.
    let other = subset(&c, &tmp.path().join("other"), |i| i % 2 == 1);
    VulnDb::import(&dbdir, &other, &mut |_| {}).unwrap();
    let db3 = VulnDb::open(&dbdir).unwrap();
    let want3 = expect(&db3);
    let r = rescan_dir(&sboms, &db3, &opts).unwrap();
    assert_eq!(keyed_pairs(&r.fixed), &want2 - &want3);
    assert_eq!(keyed_pairs(&r.new), &want3 - &want2);
    assert!(!r.fixed.is_empty());

    // A document that shrinks reports its dropped packages' findings fixed;
    // a deleted document is listed as removed, not fixed.
    let mut small = inv.clone();
    small
        .packages
        .retain(|p| p.name.starts_with('a') || p.name.starts_with('b'));
    let small_report = Report::new(
        report.target.clone(),
        small.os.clone(),
        small.packages.clone(),
    );
    std::fs::write(
        sboms.join("app.json"),
        mamori_report::to_json(&small_report),
    )
    .unwrap();
    std::fs::remove_file(sboms.join("app.cdx.json")).unwrap();
    let now = keyed("app.json", &match_inventory(&small, &db3, &opts).unwrap());
    let before: HashSet<Key> = want3
        .iter()
        .filter(|k| k.0 == "app.json")
        .cloned()
        .collect();
    let r = rescan_dir(&sboms, &db3, &opts).unwrap();
    assert_eq!(r.removed, vec!["app.cdx.json".to_string()]);
    assert_eq!(keyed_pairs(&r.fixed), &before - &now);
    assert!(r.new.is_empty());
    assert!(!r.fixed.is_empty());

    // A corrupt state file is an error naming it, not a silent fresh start.
    std::fs::write(sboms.join(STATE_FILE), "[]").unwrap();
    let e = rescan_dir(&sboms, &db3, &opts).unwrap_err().to_string();
    assert!(
        e.contains(STATE_FILE) && e.contains("invalid rescan state"),
        "{e}"
    );
}
