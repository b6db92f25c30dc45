//! Differential test against rpm's own Python bindings (`import rpm`).
//!
//! Two comparisons, over every rpm database of the shared corpus:
//!
//! 1. header parsing: every blob our backends extract is decoded both by
//!    [`parse_header`] and by `rpm.hdr(blob)` (librpm's `headerImport`), and
//!    name, epoch, version, release, arch, source rpm, licence, modularity
//!    label and the full owned-file list must agree;
//! 2. database reading: where this librpm build has the backend (SQLite and
//!    the read-only Berkeley DB reader on Debian; its NDB support is often
//!    compiled out), `rpm.TransactionSet` opens a private copy of the database
//!    and every package it lists must be one we list too. librpm may list
//!    fewer: it skips headers that fail its stricter tag-type checks (the rpm5
//!    Yocto database), which we still read.
//!
//! Skips with a message when the bindings or the corpus are absent.
#![allow(clippy::unwrap_used)] // Tests may unwrap: a panic is a failure report.

use mamori_rpmdb::{header_blobs, parse_header, read_packages, RpmPackage};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

const PYTHON: &str = "/usr/bin/python3";

/// Decodes the blob files named on the command line, one output line each.
const DECODE_BLOBS: &str = r#"
import rpm, sys
def s(v):
    if v is None: return ""
    if isinstance(v, bytes): return v.decode("utf-8", "replace")
    return str(v)
for path in sys.argv[1:]:
    try:
        h = rpm.hdr(open(path, "rb").read())
    except Exception as e:
        print(path + "\x1fERROR " + str(e).replace("\n", " "))
        continue
    fields = [h["epoch"], h["name"], h["version"], h["release"], h["arch"],
              h["sourcerpm"], h["license"], h[rpm.RPMTAG_MODULARITYLABEL]]
    files = "\x1e".join(s(f) for f in h[rpm.RPMTAG_FILENAMES])
    print("\x1f".join([path] + [s(f) for f in fields] + [files]))
"#;

/// Lists the packages of a database copied into a private directory.
const LIST_DB: &str = r#"
import rpm, sys
dbpath, backend = sys.argv[1], sys.argv[2]
rpm.addMacro("_dbpath", dbpath)
rpm.addMacro("_db_backend", backend)
ts = rpm.TransactionSet("/")
ts.setVSFlags(rpm._RPMVSF_NOSIGNATURES | rpm._RPMVSF_NODIGESTS)
for h in ts.dbMatch():
    e = h["epoch"]
    print("%s\x1f%s\x1f%s\x1f%s\x1f%s" % ("" if e is None else e, h["name"], h["version"], h["release"], h["arch"] or ""))
"#;

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

fn bindings_available() -> bool {
    let ok = Command::new(PYTHON)
        .args(["-c", "import rpm"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok {
        eprintln!("skipping: {PYTHON} cannot `import rpm` (install python3-rpm)");
    }
    ok
}

/// `(path in the corpus, file name rpm expects, librpm backend name, whether
/// librpm lists every package)`. librpm 4.18 skips most headers of the rpm5
/// Yocto database (its file-state tag has type INT8 where rpm4 wants CHAR).
const DATABASES: &[(&str, &str, &str, bool)] = &[
    (
        "rpm-sqlite/cbl-mariner-2.0_rpmdb.sqlite",
        "rpmdb.sqlite",
        "sqlite",
        true,
    ),
    (
        "rpm-sqlite/fedora36_tzdata_rpmdb.sqlite",
        "rpmdb.sqlite",
        "sqlite",
        true,
    ),
    ("rpm-bdb/centos8_dive_Packages", "Packages", "bdb_ro", true),
    ("rpm-bdb/rhel8_libuuid_Packages", "Packages", "bdb_ro", true),
    ("rpm-bdb/scalibr_epoch_Packages", "Packages", "bdb_ro", true),
    (
        "rpm-bdb/ubi-rhel8_tzdata_Packages",
        "Packages",
        "bdb_ro",
        true,
    ),
    (
        "rpm-bdb/edge-cases/yocto-2015_btree_Packages",
        "Packages",
        "bdb_ro",
        false,
    ),
    ("rpm-ndb/sle15-bci_Packages.db", "Packages.db", "ndb", true),
];

fn ours(p: &RpmPackage) -> Vec<String> {
    vec![
        p.epoch.map(|e| e.to_string()).unwrap_or_default(),
        p.name.clone(),
        p.version.clone(),
        p.release.clone(),
        p.arch.clone().unwrap_or_default(),
        p.source_rpm.clone().unwrap_or_default(),
        p.license.clone().unwrap_or_default(),
        p.modularity_label.clone().unwrap_or_default(),
        p.files.join("\x1e"),
    ]
}

#[test]
fn header_parsing_matches_librpm() {
    let Some(root) = corpus() else { return };
    if !bindings_available() {
        return;
    }
    let mut compared = 0;
    for (file, _, _, _) in DATABASES {
        let Ok(db) = std::fs::read(root.join(file)) else {
            eprintln!("{file}: not in the corpus; skipped");
            continue;
        };
        let blobs = header_blobs(&db).unwrap_or_else(|e| panic!("{file}: {e}"));
        let dir = tempfile::tempdir().unwrap();
        let mut paths = Vec::new();
        for (i, (_, blob)) in blobs.iter().enumerate() {
            let p = dir.path().join(format!("{i}.hdr"));
            std::fs::write(&p, blob).unwrap();
            paths.push(p);
        }
        let out = Command::new(PYTHON)
            .arg("-c")
            .arg(DECODE_BLOBS)
            .args(&paths)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), blobs.len(), "{file}");
        let mut rejected_by_rpm = 0;
        for (line, (_, blob)) in lines.iter().zip(&blobs) {
            let theirs: Vec<&str> = line.split('\x1f').skip(1).collect();
            let mine = parse_header(blob);
            if theirs.first().is_some_and(|t| t.starts_with("ERROR")) {
                // librpm refuses some headers we accept (see the module doc);
                // never the other way round.
                rejected_by_rpm += 1;
                continue;
            }
            let mine = mine.unwrap_or_else(|e| panic!("{file}: rpm reads a header we reject: {e}"));
            assert_eq!(ours(&mine), theirs, "{file}: {}", mine.name);
            compared += 1;
        }
        eprintln!(
            "{file}: {} headers agree with librpm, {rejected_by_rpm} rejected by librpm",
            blobs.len() - rejected_by_rpm
        );
    }
    assert!(compared > 100, "only {compared} headers compared");
}

#[test]
fn database_reading_matches_librpm() {
    let Some(root) = corpus() else { return };
    if !bindings_available() {
        return;
    }
    for (file, name, backend, lists_all) in DATABASES {
        let Ok(db) = std::fs::read(root.join(file)) else {
            eprintln!("{file}: not in the corpus; skipped");
            continue;
        };
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(name), &db).unwrap();
        let out = Command::new(PYTHON)
            .arg("-c")
            .arg(LIST_DB)
            .arg(dir.path())
            .arg(backend)
            .output()
            .unwrap();
        let theirs: BTreeSet<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_string)
            .collect();
        if !out.status.success() || theirs.is_empty() {
            eprintln!("{file}: this librpm cannot open {backend} databases; compared headers only");
            continue;
        }
        let mine: BTreeSet<String> = read_packages(&db)
            .unwrap()
            .iter()
            .map(|p| ours(p)[..5].join("\x1f"))
            .collect();
        let missing: Vec<_> = theirs.difference(&mine).collect();
        assert!(
            missing.is_empty(),
            "{file}: librpm lists {missing:?} which we miss"
        );
        if *lists_all {
            let extra: Vec<_> = mine.difference(&theirs).collect();
            assert!(
                extra.is_empty(),
                "{file}: we list {extra:?} which librpm does not"
            );
        }
        eprintln!(
            "{file}: librpm lists {} packages, all among our {}",
            theirs.len(),
            mine.len()
        );
    }
}
