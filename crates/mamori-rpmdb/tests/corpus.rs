//! Reads the real rpm databases of the shared corpus (`../shared/corpus/pkgdb`)
//! and checks them against the package lists rpm itself printed, plus the
//! malformed files, which must fail cleanly or read as empty.
#![allow(clippy::unwrap_used)] // Tests may unwrap: a panic is a failure report.

use mamori_rpmdb::{detect, parse_container_manifest, read_packages, Format, RpmPackage};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn corpus() -> Option<PathBuf> {
    let p = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus"
    ));
    if p.is_dir() {
        Some(p.join("pkgdb"))
    } else {
        eprintln!("skipping: ../shared/corpus not found");
        None
    }
}

/// The databases (not edge cases, not provenance notes) in one corpus folder.
fn databases(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.is_file()
                && !p.file_name().unwrap().to_string_lossy().ends_with(".txt")
                && !p.to_string_lossy().ends_with(".csv")
        })
        .collect();
    v.sort();
    v
}

fn nevra(p: &RpmPackage) -> String {
    format!(
        "{}¶{}¶{}¶{}¶{}",
        p.epoch.map(|e| e.to_string()).unwrap_or_default(),
        p.name,
        p.version,
        p.release,
        p.arch.as_deref().unwrap_or("")
    )
}

#[test]
fn every_corpus_database_reads() {
    let Some(root) = corpus() else { return };
    let mut seen = 0;
    for (folder, format) in [
        ("rpm-sqlite", Format::Sqlite),
        ("rpm-bdb", Format::BdbHash),
        ("rpm-ndb", Format::Ndb),
    ] {
        for db in databases(&root.join(folder)) {
            let bytes = std::fs::read(&db).unwrap();
            assert_eq!(detect(&bytes), Some(format), "{}", db.display());
            let pkgs = read_packages(&bytes).unwrap_or_else(|e| panic!("{}: {e}", db.display()));
            assert!(!pkgs.is_empty(), "{}: no packages", db.display());
            for p in &pkgs {
                assert!(
                    !p.name.is_empty() && !p.version.is_empty(),
                    "{}: {p:?}",
                    db.display()
                );
                if p.name != "gpg-pubkey" {
                    assert!(p.arch.is_some(), "{}: {} has no arch", db.display(), p.name);
                    assert!(
                        p.source_rpm.is_some(),
                        "{}: {} has no source rpm",
                        db.display(),
                        p.name
                    );
                }
            }
            eprintln!("{}: {} packages", db.display(), pkgs.len());
            seen += 1;
        }
    }
    assert!(seen >= 6, "only {seen} databases found");
}

/// Single-package databases whose content the corpus notes document.
#[test]
fn known_packages() {
    let Some(root) = corpus() else { return };
    let cases = [
        (
            "rpm-bdb/rhel8_libuuid_Packages",
            "¶libuuid¶2.32.1¶42.el8_8¶x86_64",
        ),
        ("rpm-bdb/scalibr_epoch_Packages", "1¶hello¶0.0.1¶rls¶x86_64"),
        (
            "rpm-bdb/ubi-rhel8_tzdata_Packages",
            "¶tzdata¶2022a¶1.el8¶noarch",
        ),
        (
            "rpm-sqlite/fedora36_tzdata_rpmdb.sqlite",
            "¶tzdata¶2022a¶2.fc36¶noarch",
        ),
    ];
    for (file, want) in cases {
        let pkgs = read_packages(&std::fs::read(root.join(file)).unwrap()).unwrap();
        let got: Vec<String> = pkgs
            .iter()
            .filter(|p| p.name != "gpg-pubkey")
            .map(nevra)
            .collect();
        assert!(got.contains(&want.to_string()), "{file}: {got:?}");
    }
    let dive =
        read_packages(&std::fs::read(root.join("rpm-bdb/centos8_dive_Packages")).unwrap()).unwrap();
    let dive = dive.iter().find(|p| p.name == "dive").expect("dive");
    assert_eq!(dive.version, "0.9.2");
    assert!(
        dive.files.iter().any(|f| f == "/usr/local/bin/dive"),
        "{:?}",
        dive.files
    );

    let mariner = read_packages(
        &std::fs::read(root.join("rpm-sqlite/cbl-mariner-2.0_rpmdb.sqlite")).unwrap(),
    )
    .unwrap();
    assert_eq!(mariner.len(), 129);
    let bash = mariner.iter().find(|p| p.name == "bash").expect("bash");
    assert!(
        bash.files.iter().any(|f| f == "/bin/bash"),
        "{:?}",
        bash.files
    );
    assert!(bash.license.is_some());
}

/// Compares with `rpm -qa` output recorded next to the database: the set of
/// `EPOCH¶NAME¶VERSION¶RELEASE¶ARCH¶SOURCERPM` plus licence and vendor.
#[test]
fn matches_expected_lists() {
    let Some(root) = corpus() else { return };
    let mut checked = 0;
    for folder in ["rpm-sqlite", "rpm-bdb", "rpm-ndb"] {
        for csv in std::fs::read_dir(root.join(folder)).unwrap() {
            let csv = csv.unwrap().path();
            let name = csv.file_name().unwrap().to_string_lossy().into_owned();
            let Some(stem) = name.strip_suffix(".expected.csv") else {
                continue;
            };
            let db = std::fs::read_dir(root.join(folder))
                .unwrap()
                .map(|e| e.unwrap().path())
                .find(|p| {
                    let n = p.file_name().unwrap().to_string_lossy();
                    n.starts_with(stem) && !n.ends_with(".csv") && !n.ends_with(".txt")
                });
            let Some(db) = db else {
                eprintln!("{name}: its database is not in the corpus; skipped");
                continue;
            };
            let want: BTreeSet<String> = std::fs::read_to_string(&csv)
                .unwrap()
                .lines()
                .filter(|l| !l.is_empty())
                .map(|l| {
                    let f: Vec<&str> = l.split('¶').collect();
                    // EPOCH NAME VERSION RELEASE ARCH SOURCERPM _SIZE LICENSE VENDOR
                    format!("{}¶{}¶{}", f[..6].join("¶"), f[7], f[8])
                })
                .collect();
            let got: BTreeSet<String> = read_packages(&std::fs::read(&db).unwrap())
                .unwrap()
                .iter()
                .map(|p| {
                    format!(
                        "{}¶{}¶{}¶{}",
                        nevra(p),
                        p.source_rpm.as_deref().unwrap_or(""),
                        p.license.as_deref().unwrap_or(""),
                        p.vendor.as_deref().unwrap_or("")
                    )
                })
                .collect();
            let missing: Vec<_> = want.difference(&got).collect();
            let extra: Vec<_> = got.difference(&want).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{}: missing {missing:#?}\nextra {extra:#?}",
                db.display()
            );
            checked += 1;
        }
    }
    assert!(checked >= 1, "no expected list had its database");
}

#[test]
fn edge_cases_fail_cleanly() {
    let Some(root) = corpus() else { return };
    for folder in ["rpm-sqlite/edge-cases", "rpm-bdb/edge-cases"] {
        for f in databases(&root.join(folder)) {
            let bytes = std::fs::read(&f).unwrap();
            match read_packages(&bytes) {
                Ok(p) => eprintln!("{}: {} packages", f.display(), p.len()),
                Err(e) => {
                    let msg = e.to_string();
                    assert!(!msg.is_empty() && !msg.contains('\n'), "{msg:?}");
                    eprintln!("{}: error: {msg}", f.display());
                }
            }
        }
    }
}

/// Truncating or flipping bytes of real databases must never panic. Set
/// `MAMORI_RPMDB_MUTATIONS` to run more mutations per file than the default.
#[test]
fn damaged_databases_do_not_panic() {
    let Some(root) = corpus() else { return };
    let rounds: usize = std::env::var("MAMORI_RPMDB_MUTATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    for file in [
        "rpm-bdb/centos8_dive_Packages",
        "rpm-bdb/rhel8_libuuid_Packages",
        "rpm-bdb/edge-cases/yocto-2015_btree_Packages",
        "rpm-ndb/sle15-bci_Packages.db",
        "rpm-sqlite/fedora36_tzdata_rpmdb.sqlite",
    ] {
        let bytes = std::fs::read(root.join(file)).unwrap();
        for cut in (0..bytes.len()).step_by(bytes.len() / 31 + 1) {
            let _ = mamori_rpmdb::read_packages_lenient(&bytes[..cut]);
        }
        let mut state = 0x9e37_79b9_u32;
        // Fewer rounds for big files keep the default run short.
        let n = (rounds * 300_000 / bytes.len()).clamp(10, rounds);
        for _ in 0..n {
            let mut b = bytes.clone();
            for _ in 0..8 {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                let i = state as usize % b.len();
                b[i] = (state >> 24) as u8;
            }
            let _ = mamori_rpmdb::read_packages_lenient(&b);
        }
    }
}

#[test]
fn mariner_manifest() {
    let Some(root) = corpus() else { return };
    let text = std::fs::read_to_string(
        root.join("rpm-manifest/cbl-mariner-distroless_container-manifest-2"),
    )
    .unwrap();
    let pkgs = parse_container_manifest(&text);
    let got: Vec<String> = pkgs.iter().map(nevra).collect();
    assert_eq!(
        got,
        [
            "¶mariner-release¶2.0¶12.cm2¶noarch",
            "¶filesystem¶1.1¶9.cm2¶x86_64",
            "¶glibc¶2.35¶2.cm2¶x86_64",
            "¶openssl-libs¶1.1.1k¶15.cm2¶x86_64",
            "2¶vim¶9.0¶1.cm2¶x86_64",
        ]
    );
    assert_eq!(
        pkgs[3].source_rpm.as_deref(),
        Some("openssl-1.1.1k-15.cm2.src.rpm")
    );
}
