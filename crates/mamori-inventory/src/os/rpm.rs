//! rpm: the installed-package database of RHEL, Fedora, SUSE, Amazon Linux,
//! Mariner… in any of its three containers (SQLite, Berkeley DB, NDB), plus
//! the text manifest that CBL-Mariner distroless images carry instead.
//!
//! The container is recognised by its magic bytes, not its name (an upgraded
//! image may hold an SQLite file called `Packages`); decoding is
//! `mamori-rpmdb`'s job. This module maps its records onto [`Package`]:
//! `VERSION-RELEASE` as the version, the source rpm's file name split into
//! source name and version, and the owned files kept so that language packages
//! installed by rpm are attributed to it. `gpg-pubkey` pseudo-packages (imported
//! signing keys) are left out, as Trivy does. It does not read the rpm index
//! files (`Name`, `Basenames`, `Index.db`…), whose content the headers repeat.

use crate::{file_name, Analysis, AnalyzeError, Analyzer, Ecosystem, FileMeta, Package};
use mamori_rpmdb::RpmPackage;

/// Directories rpm keeps its database in: the classic one and the one Fedora
/// 36+/SUSE moved it to (usually with a symlink from the classic one).
const DB_DIRS: [&str; 2] = ["var/lib/rpm/", "usr/lib/sysimage/rpm/"];
/// Database file names, one per backend.
const DB_FILES: [&str; 3] = ["Packages", "Packages.db", "rpmdb.sqlite"];
/// Mariner/Azure Linux distroless manifest.
const MANIFEST: &str = "var/lib/rpmmanifest/container-manifest-2";

/// Reads rpm databases and Mariner container manifests.
pub struct RpmAnalyzer;

impl Analyzer for RpmAnalyzer {
    fn id(&self) -> &'static str {
        "rpm"
    }
    fn version(&self) -> u32 {
        1
    }
    fn required(&self, path: &str, _meta: &FileMeta) -> bool {
        if path == MANIFEST {
            return true;
        }
        DB_DIRS.iter().any(|d| {
            path.strip_prefix(d)
                .is_some_and(|rest| DB_FILES.contains(&rest))
        })
    }
    fn max_size(&self) -> u64 {
        // Databases of large hosts reach a few hundred MiB; everything is
        // read in memory, so this is also the memory bound per file.
        512 << 20
    }
    fn analyze(&self, path: &str, content: &[u8]) -> Result<Analysis, AnalyzeError> {
        let location = format!("/{path}");
        let records = if path == MANIFEST {
            mamori_rpmdb::parse_container_manifest(&String::from_utf8_lossy(content))
        } else {
            let (records, errors) = mamori_rpmdb::read_packages_lenient(content)
                .map_err(|e| AnalyzeError::parse(path, e.to_string()))?;
            if records.is_empty() {
                // Nothing readable at all: an error, so the scan says so
                // instead of silently reporting an empty image.
                if let Some(e) = errors.into_iter().next() {
                    return Err(AnalyzeError::parse(path, e.to_string()));
                }
            } else {
                for e in &errors {
                    tracing::warn!(file = %location, "skipping rpm record: {e}");
                }
            }
            records
        };
        Ok(Analysis {
            packages: records
                .into_iter()
                .filter_map(|r| to_package(r, &location))
                .collect(),
            ..Analysis::default()
        })
    }
}

/// Maps one rpm record onto a [`Package`]; `None` for `gpg-pubkey`.
fn to_package(r: RpmPackage, location: &str) -> Option<Package> {
    if r.name == "gpg-pubkey" {
        return None;
    }
    let mut p = Package::new(
        Ecosystem::Rpm,
        r.name.as_str(),
        r.version_release(),
        location,
    );
    if let Some((name, version)) = r.source_rpm.as_deref().and_then(split_source_rpm) {
        p.source_name = Some(name.to_string());
        p.source_version = Some(version.to_string());
    }
    p.epoch = r.epoch;
    p.arch = r.arch;
    p.modularity_label = r.modularity_label;
    p.licenses = r.license.into_iter().collect();
    p.files = r.files;
    Some(p)
}

/// Splits `name-version-release.src.rpm` into `(name, "version-release")`.
/// Names may contain `-`, versions and releases may not, so the split is at
/// the last two dashes.
fn split_source_rpm(file: &str) -> Option<(&str, &str)> {
    let base = file_name(file);
    let stem = base
        .strip_suffix(".src.rpm")
        .or_else(|| base.strip_suffix(".nosrc.rpm"))?;
    let (rest, release) = stem.rsplit_once('-')?;
    let (name, version) = rest.rsplit_once('-')?;
    if name.is_empty() || version.is_empty() || release.is_empty() {
        return None;
    }
    Some((name, &stem[name.len() + 1..]))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::path::Path;

    fn meta() -> FileMeta {
        FileMeta {
            size: 1,
            mode: 0o644,
        }
    }

    #[test]
    fn claims_database_paths_only() {
        let a = RpmAnalyzer;
        for p in [
            "var/lib/rpm/Packages",
            "var/lib/rpm/Packages.db",
            "var/lib/rpm/rpmdb.sqlite",
            "usr/lib/sysimage/rpm/Packages",
            "usr/lib/sysimage/rpm/Packages.db",
            "usr/lib/sysimage/rpm/rpmdb.sqlite",
            "var/lib/rpmmanifest/container-manifest-2",
        ] {
            assert!(a.required(p, &meta()), "{p}");
        }
        for p in [
            "var/lib/rpm/Name",
            "var/lib/rpm/Index.db",
            "var/lib/rpm/rpmdb.sqlite-shm",
            "var/lib/rpm/sub/Packages",
            "opt/var/lib/rpm/Packages",
            "var/lib/rpmmanifest/container-manifest-1",
        ] {
            assert!(!a.required(p, &meta()), "{p}");
        }
        assert_eq!(a.max_size(), 512 << 20);
        assert_eq!(a.version(), 1);
    }

    #[test]
    fn source_rpm_names() {
        assert_eq!(
            split_source_rpm("openssl-1.1.1k-15.cm2.src.rpm"),
            Some(("openssl", "1.1.1k-15.cm2"))
        );
        assert_eq!(
            split_source_rpm("python3-setuptools-53.0.0-10.el9.src.rpm"),
            Some(("python3-setuptools", "53.0.0-10.el9"))
        );
        assert_eq!(split_source_rpm("weird.src.rpm"), None);
        assert_eq!(split_source_rpm("a-1.src"), None);
        assert_eq!(split_source_rpm("-1-2.src.rpm"), None);
    }

    #[test]
    fn maps_records_and_drops_gpg_pubkey() {
        let r = RpmPackage {
            name: "bash".into(),
            epoch: Some(1),
            version: "5.1.8".into(),
            release: "6.el9".into(),
            arch: Some("x86_64".into()),
            source_rpm: Some("bash-5.1.8-6.el9.src.rpm".into()),
            license: Some("GPLv3+".into()),
            modularity_label: Some("m:1:2:3".into()),
            files: vec!["/usr/bin/bash".into()],
            ..RpmPackage::default()
        };
        let p = to_package(r, "/var/lib/rpm/rpmdb.sqlite").unwrap();
        assert_eq!(p.ecosystem, Ecosystem::Rpm);
        assert_eq!(p.version, "5.1.8-6.el9");
        assert_eq!(p.epoch, Some(1));
        assert_eq!(p.source_name.as_deref(), Some("bash"));
        assert_eq!(p.source_version.as_deref(), Some("5.1.8-6.el9"));
        assert_eq!(p.licenses, vec!["GPLv3+"]);
        assert_eq!(p.modularity_label.as_deref(), Some("m:1:2:3"));
        assert_eq!(p.files, vec!["/usr/bin/bash"]);
        assert_eq!(p.location, "/var/lib/rpm/rpmdb.sqlite");

        let key = RpmPackage {
            name: "gpg-pubkey".into(),
            version: "fd431d51".into(),
            release: "4ae0493b".into(),
            ..RpmPackage::default()
        };
        assert!(to_package(key, "/x").is_none());
    }

    #[test]
    fn owned_language_files_are_attributed_to_the_rpm() {
        use crate::{assemble, LayerAnalysis};
        let meta = "/usr/lib/python3.9/site-packages/six-1.15.0.dist-info/METADATA";
        let rpm = RpmPackage {
            name: "python3-six".into(),
            version: "1.15.0".into(),
            release: "9.el9".into(),
            files: vec![meta.into()],
            ..RpmPackage::default()
        };
        let layer = LayerAnalysis {
            files: vec![
                (
                    "var/lib/rpm/rpmdb.sqlite".into(),
                    Analysis {
                        packages: vec![to_package(rpm, "/var/lib/rpm/rpmdb.sqlite").unwrap()],
                        ..Analysis::default()
                    },
                ),
                (
                    meta[1..].into(),
                    Analysis {
                        packages: vec![Package::new(Ecosystem::Pypi, "six", "1.15.0", meta)],
                        ..Analysis::default()
                    },
                ),
            ],
            ..LayerAnalysis::default()
        };
        let inv = assemble(&[layer]);
        let names: Vec<&str> = inv.packages.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, vec!["python3-six"]);
    }

    #[test]
    fn manifest_and_garbage() {
        let a = RpmAnalyzer;
        let text = b"vim\t9.0-1.cm2\t1\t1\tMicrosoft Corporation\t2\t45000\tx86_64\t2\tvim-9.0-1.cm2.src.rpm\n";
        let got = a.analyze(MANIFEST, text).unwrap();
        assert_eq!(got.packages.len(), 1);
        assert_eq!(got.packages[0].version, "9.0-1.cm2");
        assert_eq!(got.packages[0].epoch, Some(2));
        assert_eq!(got.packages[0].source_name.as_deref(), Some("vim"));

        let e = a.analyze("var/lib/rpm/Packages", b"CORRUPT\n").unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.starts_with("var/lib/rpm/Packages: not an rpm database"),
            "{msg}"
        );
    }

    #[test]
    fn corpus_databases() {
        let root = Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/corpus"
        ));
        if !root.is_dir() {
            eprintln!("skipping: ../shared/corpus not found");
            return;
        }
        let a = RpmAnalyzer;
        let db = std::fs::read(root.join("pkgdb/rpm-sqlite/cbl-mariner-2.0_rpmdb.sqlite")).unwrap();
        let got = a.analyze("var/lib/rpm/rpmdb.sqlite", &db).unwrap();
        assert!(got.packages.iter().all(|p| p.name != "gpg-pubkey"));
        assert!(got.packages.len() >= 120, "{}", got.packages.len());
        let bash = got
            .packages
            .iter()
            .find(|p| p.name == "bash")
            .expect("bash");
        assert!(bash.version.contains('-'));
        assert!(bash.source_name.is_some() && bash.arch.is_some());
        assert!(bash.files.iter().all(|f| f.starts_with('/')));
        assert!(bash.files.iter().any(|f| f == "/bin/bash"));

        // The same reader behind another file name: detection is by magic.
        let ndb = std::fs::read(root.join("pkgdb/rpm-ndb/sle15-bci_Packages.db")).unwrap();
        let got = a.analyze("usr/lib/sysimage/rpm/Packages", &ndb).unwrap();
        let glibc = got
            .packages
            .iter()
            .find(|p| p.name == "glibc")
            .expect("glibc");
        assert_eq!(glibc.version, "2.31-150300.41.1");
        assert_eq!(glibc.source_name.as_deref(), Some("glibc"));
        assert_eq!(glibc.location, "/usr/lib/sysimage/rpm/Packages");

        let epoch = std::fs::read(root.join("pkgdb/rpm-bdb/scalibr_epoch_Packages")).unwrap();
        let got = a.analyze("var/lib/rpm/Packages", &epoch).unwrap();
        assert_eq!(got.packages[0].epoch, Some(1));
        assert_eq!(got.packages[0].version, "0.0.1-rls");
    }
}
