//! Matching real inventories from the corpus (dpkg and apk databases,
//! lockfiles, AlmaLinux rpm packages built from AlmaLinux records) against a
//! database imported from the corpus's OSV archives. No expectation is
//! hard-coded: every finding is checked against the OSV record it names,
//! re-read from the archive and evaluated independently, and packages without
//! findings are checked to be outside every range of their records.
//! Skips cleanly when the corpus is absent.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use mamori_inventory::{Ecosystem, Inventory, Package};
use mamori_version::{compare, Scheme};
use mamori_vuln::{match_inventory, package_query, MatchOptions};
use mamori_vulndb::{os_ecosystem, Severity};
use serde_json::Value;
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

/// Checks every finding of `inv` against its records, and every package
/// without findings against all records of its queried name. Returns the
/// number of findings.
fn verify(
    inv: &Inventory,
    findings: &[mamori_report::VulnFinding],
    recs: &HashMap<String, Value>,
    opts: &MatchOptions,
) -> usize {
    let index = by_package(recs);
    let mut with_findings: HashSet<(String, String, String)> = HashSet::new();
    for f in findings {
        let pkg = inv
            .packages
            .iter()
            .find(|p| p.name == f.package.name && p.version == f.package.version)
            .unwrap();
        let q = package_query(pkg, inv.os.as_ref(), opts).unwrap();
        assert_eq!(f.matched_name, q.name);
        // Independently of the query builder: Debian/Ubuntu and Alpine
        // advisories are keyed by source package (origin) and source version.
        if matches!(pkg.ecosystem, Ecosystem::Deb | Ecosystem::Apk) {
            assert_eq!(q.name, *pkg.source_name.as_ref().unwrap_or(&pkg.name));
            assert_eq!(
                q.version,
                *pkg.source_version.as_ref().unwrap_or(&pkg.version)
            );
        }
        let ids = explained_records(&f.explain);
        assert!(!ids.is_empty(), "{}", f.explain);
        for id in &ids {
            let r = recs
                .get(id)
                .unwrap_or_else(|| panic!("record {id} not in the archive"));
            assert!(
                record_affects(r, &f.data_source, &q.name, &q.version),
                "{id} does not affect {} {} in {}",
                q.name,
                q.version,
                f.data_source
            );
            assert!(
                f.id == *id || f.aliases.contains(id),
                "{id} not among the finding's ids"
            );
        }
        with_findings.insert((
            f.package.name.clone(),
            f.package.version.clone(),
            f.package.location.clone(),
        ));
    }
    // Packages without findings: no record of their queried name affects them.
    let mut checked = 0;
    for p in &inv.packages {
        if with_findings.contains(&(p.name.clone(), p.version.clone(), p.location.clone())) {
            continue;
        }
        let Some(q) = package_query(p, inv.os.as_ref(), opts) else {
            continue;
        };
        let Some(ids) = index.get(&(q.osv_ecosystem.clone(), norm(&q.osv_ecosystem, &q.name)))
        else {
            continue;
        };
        for id in ids {
            assert!(
                !record_affects(&recs[id], &q.osv_ecosystem, &q.name, &q.version),
                "{id} affects {} {} but no finding was reported",
                q.name,
                q.version
            );
        }
        checked += 1;
    }
    eprintln!(
        "{} findings verified, {checked} non-affected packages with records verified",
        findings.len()
    );
    findings.len()
}

fn sorted_ok(f: &[mamori_report::VulnFinding]) {
    let rank = |s: &str| {
        mamori_report::SEVERITIES
            .iter()
            .position(|x| *x == s)
            .unwrap()
    };
    for w in f.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        let ka = (
            std::cmp::Reverse(rank(&a.severity)),
            &a.package.name,
            &a.package.version,
            &a.package.location,
            &a.id,
        );
        let kb = (
            std::cmp::Reverse(rank(&b.severity)),
            &b.package.name,
            &b.package.version,
            &b.package.location,
            &b.id,
        );
        assert!(ka <= kb, "not sorted: {ka:?} > {kb:?}");
    }
}

#[test]
fn debian_dpkg_databases() {
    let Some(c) = corpus() else { return };
    let (_d, db) = db_of(&c, &["Debian"]);
    let recs = records(&c, "Debian");
    let opts = MatchOptions::default();
    let mut total = 0;
    for (prefix, ver) in [("debian-10_", "10"), ("debian-11_", "11")] {
        for file in files_with_prefix(&c.join("pkgdb/dpkg"), prefix) {
            let inv = dpkg_inventory(&file, ver);
            assert!(!inv.packages.is_empty());
            let found = match_inventory(&inv, &db, &opts).unwrap();
            sorted_ok(&found);
            for f in &found {
                assert_eq!(f.data_source, format!("Debian:{ver}"));
                assert!(f.package.purl.starts_with("pkg:deb/debian/"));
            }
            total += verify(&inv, &found, &recs, &opts);
        }
    }
    assert!(
        total > 0,
        "the debian 11 image has known vulnerabilities in the corpus data"
    );
}

#[test]
fn debian_source_packages_duplicates_and_filters() {
    let Some(c) = corpus() else { return };
    let (_d, db) = db_of(&c, &["Debian"]);
    let file = files_with_prefix(&c.join("pkgdb/dpkg"), "debian-11_").remove(0);
    let inv = dpkg_inventory(&file, "11");
    let opts = MatchOptions::default();
    let found = match_inventory(&inv, &db, &opts).unwrap();

    // A binary package named differently from its source is matched through
    // the source's records.
    let by_source: Vec<_> = found
        .iter()
        .filter(|f| f.package.name != f.matched_name)
        .collect();
    assert!(!by_source.is_empty(), "no finding through a source package");
    let recs = records(&c, "Debian");
    for f in &by_source {
        for id in explained_records(&f.explain) {
            let names: Vec<&str> = recs[&id]["affected"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|a| a["package"]["name"].as_str())
                .collect();
            assert!(names.contains(&f.matched_name.as_str()));
            assert!(
                !names.contains(&f.package.name.as_str()),
                "{id} names the binary package"
            );
        }
    }
    // Several binary packages of one source: one finding each.
    let mut per_source: HashMap<(&str, &str), HashSet<&str>> = HashMap::new();
    for f in &found {
        per_source
            .entry((&f.matched_name, &f.id))
            .or_default()
            .insert(&f.package.name);
    }
    assert!(
        per_source.values().any(|s| s.len() > 1),
        "expected a source with several binaries"
    );

    // The same package twice at the same location does not double.
    let mut doubled = inv.clone();
    doubled.packages.extend(inv.packages.iter().cloned());
    assert_eq!(match_inventory(&doubled, &db, &opts).unwrap(), found);

    // Filters derive from the unfiltered result.
    let high = MatchOptions {
        min_severity: Some(Severity::High),
        ..opts.clone()
    };
    let want: Vec<_> = found
        .iter()
        .filter(|f| f.severity == "HIGH" || f.severity == "CRITICAL")
        .cloned()
        .collect();
    assert_eq!(match_inventory(&inv, &db, &high).unwrap(), want);
    let fixed_only = MatchOptions {
        ignore_unfixed: true,
        ..opts.clone()
    };
    let want: Vec<_> = found
        .iter()
        .filter(|f| f.fixed_version.is_some())
        .cloned()
        .collect();
    assert_eq!(match_inventory(&inv, &db, &fixed_only).unwrap(), want);
    for f in found.iter().filter(|f| f.fixed_version.is_some()) {
        let fv = f.fixed_version.as_deref().unwrap();
        let q = package_query(
            inv.packages
                .iter()
                .find(|p| p.name == f.package.name)
                .unwrap(),
            inv.os.as_ref(),
            &opts,
        )
        .unwrap();
        assert_eq!(
            compare(Scheme::Dpkg, &q.version, fv),
            Ordering::Less,
            "{}",
            f.id
        );
    }
}

#[test]
fn kernel_headers_need_include_kernel() {
    let Some(c) = corpus() else { return };
    let (_d, db) = db_of(&c, &["Debian"]);
    let recs = records(&c, "Debian");
    // An old linux source version some Debian 11 record of `linux` affects.
    let index = by_package(&recs);
    let Some(ids) = index.get(&("Debian:11".to_string(), "linux".to_string())) else {
        eprintln!("skipping: no Debian:11 linux records");
        return;
    };
    assert!(ids
        .iter()
        .any(|id| record_affects(&recs[id], "Debian:11", "linux", "5.10.0-1")));
    let mut p = Package::new(
        Ecosystem::Deb,
        "linux-libc-dev",
        "5.10.0-1",
        "/var/lib/dpkg/status",
    );
    p.source_name = Some("linux".into());
    p.source_version = Some("5.10.0-1".into());
    let inv = Inventory {
        os: Some(os("debian", "11")),
        packages: vec![p],
    };
    assert!(match_inventory(&inv, &db, &MatchOptions::default())
        .unwrap()
        .is_empty());
    let with = MatchOptions {
        include_kernel: true,
        ..MatchOptions::default()
    };
    let found = match_inventory(&inv, &db, &with).unwrap();
    assert!(!found.is_empty());
    assert!(found.iter().all(|f| f.matched_name == "linux"));
}

#[test]
fn alpine_apk_databases() {
    let Some(c) = corpus() else { return };
    let (_d, db) = db_of(&c, &["Alpine"]);
    let recs = records(&c, "Alpine");
    let opts = MatchOptions::default();
    // Alpine data in the corpus covers v3.3–v3.11; alpine-3.6 is such a release.
    let file = c.join("pkgdb/apk/alpine-3.6_troyfontaine.installed");
    let bytes = std::fs::read(&file).unwrap();
    let inv = Inventory {
        os: Some(os("alpine", "3.6.2")),
        packages: analyze("lib/apk/db/installed", &bytes),
    };
    assert!(!inv.packages.is_empty());
    let found = match_inventory(&inv, &db, &opts).unwrap();
    sorted_ok(&found);
    for f in &found {
        assert_eq!(f.data_source, "Alpine:v3.6");
    }
    assert!(verify(&inv, &found, &recs, &opts) > 0);
    // Alpine matches by origin: libressl's subpackages (libressl2.5-libcrypto…)
    // get libressl's findings whenever libressl has any.
    let sub: Vec<_> = inv
        .packages
        .iter()
        .filter(|p| p.source_name.as_deref().is_some_and(|o| o != p.name))
        .collect();
    for p in sub {
        let origin = p.source_name.as_deref().unwrap();
        let via_origin: HashSet<&str> = found
            .iter()
            .filter(|f| f.package.name == p.name)
            .map(|f| f.id.as_str())
            .collect();
        let index = by_package(&recs);
        let want: HashSet<&str> = index
            .get(&("Alpine:v3.6".to_string(), origin.to_string()))
            .into_iter()
            .flatten()
            .filter(|id| record_affects(&recs[*id], "Alpine:v3.6", origin, &p.version))
            .map(String::as_str)
            .collect();
        assert_eq!(
            via_origin.is_empty(),
            want.is_empty(),
            "{} (origin {origin})",
            p.name
        );
        assert!(found
            .iter()
            .filter(|f| f.package.name == p.name)
            .all(|f| f.matched_name == origin));
    }
}

/// AlmaLinux: no rpmdb in the corpus, so packages are built from records: a
/// version just below the fixed one (keeping a non-zero epoch) must match
/// the record, the fixed version must not.
#[test]
fn almalinux_rpm_from_records() {
    let Some(c) = corpus() else { return };
    let (_d, db) = db_of(&c, &["AlmaLinux"]);
    let recs = records(&c, "AlmaLinux");
    let mut ids: Vec<&String> = recs.keys().collect();
    ids.sort();
    let mut cases = Vec::new();
    let mut with_epoch = 0;
    for id in ids {
        let r = &recs[id];
        let aff = r["affected"].as_array().unwrap();
        for a in aff {
            let eco = a["package"]["ecosystem"].as_str().unwrap_or_default();
            let name = a["package"]["name"].as_str().unwrap_or_default();
            // Only packages listed once in the record with a single
            // `introduced 0, fixed F` range, so F alone decides.
            if !eco.starts_with("AlmaLinux:")
                || aff.iter().filter(|b| b["package"] == a["package"]).count() != 1
            {
                continue;
            }
            let ev = &a["ranges"][0]["events"];
            let (Some("0"), Some(fixed)) = (ev[0]["introduced"].as_str(), ev[1]["fixed"].as_str())
            else {
                continue;
            };
            if a["ranges"].as_array().unwrap().len() != 1 || ev.as_array().unwrap().len() != 2 {
                continue;
            }
            let (epoch, vr) = match fixed.split_once(':') {
                Some((e, vr)) => (e.parse::<u32>().unwrap(), vr),
                None => (0, fixed),
            };
            let Some((v, _rel)) = vr.rsplit_once('-') else {
                continue;
            };
            let below = format!("{v}-0");
            let full = |x: &str| {
                if epoch > 0 {
                    format!("{epoch}:{x}")
                } else {
                    x.to_string()
                }
            };
            if compare(Scheme::Rpm, &full(&below), fixed) != Ordering::Less {
                continue;
            }
            if epoch > 0 {
                if with_epoch >= 15 {
                    continue;
                }
                with_epoch += 1;
            } else if cases.len() >= 40 {
                continue;
            }
            cases.push((
                id.clone(),
                eco.to_string(),
                name.to_string(),
                epoch,
                below,
                vr.to_string(),
            ));
        }
    }
    assert!(with_epoch > 0, "no AlmaLinux record with an epoch");
    for (id, eco, name, epoch, below, fixed) in &cases {
        let major = eco.trim_start_matches("AlmaLinux:");
        let alma = os("almalinux", &format!("{major}.3"));
        assert_eq!(
            os_ecosystem("almalinux", &alma.version_id).as_deref(),
            Some(eco.as_str())
        );
        let mk = |v: &str| {
            let mut p = Package::new(Ecosystem::Rpm, name.clone(), v, "/var/lib/rpm/rpmdb.sqlite");
            p.epoch = (*epoch > 0).then_some(*epoch);
            Inventory {
                os: Some(alma.clone()),
                packages: vec![p],
            }
        };
        let hit = match_inventory(&mk(below), &db, &MatchOptions::default()).unwrap();
        let f = hit
            .iter()
            .find(|f| explained_records(&f.explain).contains(id))
            .unwrap_or_else(|| panic!("{id}: {name} {epoch}:{below} not matched"));
        assert_eq!(f.data_source, *eco);
        assert!(f.fixed_version.is_some());
        if *epoch > 0 {
            assert!(
                f.package.purl.contains(&format!("epoch={epoch}")),
                "{}",
                f.package.purl
            );
        }
        let at_fix = match_inventory(&mk(fixed), &db, &MatchOptions::default()).unwrap();
        assert!(
            !at_fix
                .iter()
                .any(|f| explained_records(&f.explain).contains(id)),
            "{id}: fixed version {epoch}:{fixed} still matched"
        );
    }
    eprintln!(
        "{} almalinux cases ({with_epoch} with an epoch)",
        cases.len()
    );
}

/// Lockfiles of several ecosystems: a sample of findings is re-verified from
/// the records, and packages with records but no finding are verified to be
/// outside every range.
#[test]
fn lockfiles() {
    let Some(c) = corpus() else { return };
    let ecos = [
        "crates.io",
        "Go",
        "npm",
        "PyPI",
        "Maven",
        "RubyGems",
        "Packagist",
    ];
    let (_d, db) = db_of(&c, &ecos);
    let mut recs = HashMap::new();
    for e in ecos {
        recs.extend(records(&c, e));
    }
    let files = [
        ("cargo/kubewarden-policy-server_Cargo.lock", "Cargo.lock"),
        ("cargo/trivy-ci-test_Cargo.lock", "Cargo.lock"),
        ("go/trivy_go.mod", "go.mod"),
        ("go/syft_go.mod", "go.mod"),
        (
            "npm-package-lock/v2/loopback-security_package-lock.json",
            "package-lock.json",
        ),
        ("pnpm/osv-offline_pnpm-lock.v9.yaml", "pnpm-lock.yaml"),
        ("poetry/osv.dev_poetry.lock", "poetry.lock"),
        ("uv-lock/langflow-backend_uv.lock", "uv.lock"),
        ("bundler/osv-scanner-docs_Gemfile.lock", "Gemfile.lock"),
        (
            "composer/osv-scanner_locks-many-with-insecure_composer.lock",
            "composer.lock",
        ),
        ("pipfile-lock/trivy-ci-test_Pipfile.lock", "Pipfile.lock"),
        (
            "gradle/datadog-vulnerable-java-application_gradle.lockfile",
            "gradle.lockfile",
        ),
    ];
    let opts = MatchOptions::default();
    let mut total = 0;
    let mut parsed = 0;
    for (rel, as_name) in files {
        let path = c.join("lockfiles").join(rel);
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("{rel}: not in this corpus");
            continue;
        };
        let inv = Inventory {
            os: None,
            packages: analyze(&format!("app/{as_name}"), &bytes),
        };
        if inv.packages.is_empty() {
            eprintln!("{rel}: no packages parsed");
            continue;
        }
        parsed += 1;
        let found = match_inventory(&inv, &db, &opts).unwrap();
        sorted_ok(&found);
        eprint!("{rel}: {} packages, ", inv.packages.len());
        total += verify(&inv, &found, &recs, &opts);
    }
    assert!(total > 0);
    assert!(parsed >= files.len() / 2, "only {parsed} lockfiles parsed");
}

/// Ubuntu: no Ubuntu dpkg database in the corpus has packages the corpus's
/// Ubuntu records cover, so binary packages are built from the records'
/// listed versions (source name and version as dpkg records them). Records
/// filed under `Ubuntu:X:LTS` must match an `ubuntu` `X` system; Ubuntu Pro
/// records must not.
#[test]
fn ubuntu_from_records() {
    let Some(c) = corpus() else { return };
    let (_d, db) = db_of(&c, &["Ubuntu"]);
    let recs = records(&c, "Ubuntu");
    let (mut checked, mut pro_checked) = (0, 0);
    let mut ids: Vec<&String> = recs.keys().collect();
    ids.sort();
    for id in ids {
        for a in recs[id]["affected"].as_array().unwrap() {
            let eco = a["package"]["ecosystem"].as_str().unwrap_or_default();
            let name = a["package"]["name"].as_str().unwrap_or_default();
            let Some(v) = a["versions"][0].as_str() else {
                continue;
            };
            let (pro, release) = match eco.strip_prefix("Ubuntu:Pro:") {
                Some(rest) => (true, rest),
                None => (false, eco.trim_start_matches("Ubuntu:")),
            };
            let release = release.trim_end_matches(":LTS");
            let mut p = Package::new(
                Ecosystem::Deb,
                format!("lib{name}-bin"),
                v,
                "/var/lib/dpkg/status",
            );
            p.source_name = Some(name.to_string());
            p.source_version = Some(v.to_string());
            let inv = Inventory {
                os: Some(os("ubuntu", release)),
                packages: vec![p],
            };
            let found = match_inventory(&inv, &db, &MatchOptions::default()).unwrap();
            let hit = found
                .iter()
                .find(|f| explained_records(&f.explain).contains(id));
            if pro {
                // Pro-only fixes need a subscription; only checked when no
                // public entry of the record covers the same release and name.
                let public = recs[id]["affected"].as_array().unwrap().iter().any(|b| {
                    b["package"]["name"] == a["package"]["name"]
                        && b["package"]["ecosystem"].as_str().is_some_and(|e| {
                            !e.starts_with("Ubuntu:Pro:")
                                && e.trim_start_matches("Ubuntu:").trim_end_matches(":LTS")
                                    == release
                        })
                });
                if !public {
                    assert!(hit.is_none(), "{id}: pro entry {eco} matched");
                    pro_checked += 1;
                }
            } else {
                let f = hit
                    .unwrap_or_else(|| panic!("{id}: {name} {v} on ubuntu {release} not matched"));
                assert_eq!(f.data_source, eco);
                assert_eq!(f.matched_name, name);
                assert!(
                    f.package.purl.starts_with("pkg:deb/ubuntu/"),
                    "{}",
                    f.package.purl
                );
                checked += 1;
            }
        }
    }
    assert!(
        checked > 0 && pro_checked > 0,
        "{checked} public, {pro_checked} pro entries"
    );
    eprintln!("{checked} ubuntu entries matched, {pro_checked} pro-only entries not matched");
}
