//! SBOMs written by the real tools — mamori, Syft and Trivy — in every format
//! they offer, generated inside the test from the corpus Alpine image and from
//! a small Debian root filesystem the test writes, must read back into the
//! inventory mamori's own image scan produces: the same packages, the same
//! source packages (what Alpine and Debian advisories are keyed by), the same
//! OS, and the layer where the producer records one.
//!
//! Tools are found through `MAMORI_SYFT` / `MAMORI_TRIVY` / `MAMORI_BIN`, then
//! `/tmp/benchvenv/bin`, then `$PATH` (mamori: the workspace's
//! `target/debug/mamori`, built with `cargo build -p mamori`). A missing tool
//! or corpus skips its part with a message. Nothing here uses the network:
//! Syft's update check is off and Trivy runs with `--offline-scan
//! --skip-db-update`, which together with an SBOM `--format` needs no
//! vulnerability database.
#![allow(clippy::unwrap_used)] // Tests may unwrap.

use mamori_inventory::{Ecosystem, OsInfo, Package};
use mamori_sbom::{read_sbom, Sbom, SbomFormat};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

fn corpus() -> Option<PathBuf> {
    let p = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus"
    ));
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipping: ../shared/corpus not found");
        None
    }
}

fn find_tool(env: &str, name: &str, extra: &[PathBuf]) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(env).map(PathBuf::from) {
        return p.is_file().then_some(p);
    }
    let mut candidates: Vec<PathBuf> = extra.to_vec();
    candidates.push(Path::new("/tmp/benchvenv/bin").join(name));
    if let Some(path) = std::env::var_os("PATH") {
        candidates.extend(std::env::split_paths(&path).map(|d| d.join(name)));
    }
    let found = candidates.into_iter().find(|p| p.is_file());
    if found.is_none() {
        eprintln!("skipping {name}: not found (set {env})");
    }
    found
}

fn syft() -> Option<PathBuf> {
    find_tool("MAMORI_SYFT", "syft", &[])
}

fn trivy() -> Option<PathBuf> {
    find_tool("MAMORI_TRIVY", "trivy", &[])
}

fn mamori() -> Option<PathBuf> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut extra = Vec::new();
    if let Some(t) = std::env::var_os("CARGO_TARGET_DIR") {
        extra.push(workspace.join(t).join("debug/mamori"));
    }
    extra.push(workspace.join("target/debug/mamori"));
    find_tool("MAMORI_BIN", "mamori", &extra)
}

/// Runs a tool; a failure is a test failure (the tool exists, so it must work).
fn run(cmd: &mut Command) {
    let out = cmd.output().expect("spawn tool");
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

fn syft_cmd(bin: &Path, tmp: &Path) -> Command {
    let mut c = Command::new(bin);
    c.env("SYFT_CHECK_FOR_APP_UPDATE", "false")
        .env("XDG_CACHE_HOME", tmp.join("cache"))
        .arg("-q");
    c
}

fn trivy_cmd(bin: &Path, tmp: &Path, mode: &str) -> Command {
    let mut c = Command::new(bin);
    c.arg(mode).args([
        "-q",
        "--cache-dir",
        tmp.join("trivy-cache").to_str().unwrap(),
        "--offline-scan",
        "--skip-db-update",
        "--skip-java-db-update",
        "--skip-version-check",
        "--disable-telemetry",
    ]);
    c
}

fn mamori_cmd(bin: &Path, tmp: &Path) -> Command {
    let mut c = Command::new(bin);
    c.args([
        "-q",
        "--cache-dir",
        tmp.join("mamori-cache").to_str().unwrap(),
    ]);
    c
}

/// What mamori's own scan says, read from its JSON report (which comes straight
/// from the package databases).
struct Expected {
    os: OsInfo,
    packages: Vec<Package>,
}

fn expected_from_json(path: &Path) -> Expected {
    #[derive(serde::Deserialize)]
    struct Report {
        os: OsInfo,
        packages: Vec<Package>,
    }
    let r: Report = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    Expected {
        os: r.os,
        packages: r.packages,
    }
}

fn read(path: &Path) -> Sbom {
    let bytes = std::fs::read(path).unwrap();
    read_sbom(&path.display().to_string(), &bytes)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

type Key = (Ecosystem, String, String);

fn by_key(pkgs: &[Package]) -> BTreeMap<Key, &Package> {
    pkgs.iter()
        .map(|p| ((p.ecosystem, p.name.clone(), p.version.clone()), p))
        .collect()
}

/// How much of the image scan a producer's SBOM is expected to carry.
struct Carries {
    source: bool,
    layer: bool,
    location: bool,
}

fn check(label: &str, sbom: &Sbom, want: &Expected, carries: &Carries) {
    let got = by_key(&sbom.inventory.packages);
    let exp = by_key(&want.packages);
    let got_keys: BTreeSet<_> = got.keys().collect();
    let exp_keys: BTreeSet<_> = exp.keys().collect();
    assert_eq!(got_keys, exp_keys, "{label}: package sets differ");
    let os = sbom
        .inventory
        .os
        .as_ref()
        .unwrap_or_else(|| panic!("{label}: no os"));
    assert_eq!(os.id, want.os.id, "{label}");
    // Trivy takes Debian's version from etc/debian_version (12.5) where
    // os-release says 12; advisories are matched on the major version.
    let major = |v: &str| v.split('.').next().unwrap_or("").to_string();
    assert_eq!(major(&os.version_id), major(&want.os.version_id), "{label}");
    if want.os.id == "alpine" {
        assert_eq!(os.version_id, want.os.version_id, "{label}");
    }
    let mut sources_differing = 0;
    for (k, e) in &exp {
        let g = got[k];
        assert_eq!(g.arch, e.arch, "{label}: {k:?} arch");
        assert_eq!(g.epoch, e.epoch, "{label}: {k:?} epoch");
        if e.source_name.as_ref() != Some(&e.name) {
            sources_differing += 1;
        }
        if carries.source {
            assert_eq!(
                (&g.source_name, &g.source_version),
                (&e.source_name, &e.source_version),
                "{label}: {k:?} source"
            );
        } else {
            // Without recorded sources the package is its own source — or the
            // real one, should the producer start recording it.
            assert!(
                g.source_name == e.source_name || g.source_name.as_ref() == Some(&g.name),
                "{label}: {k:?} source {:?}",
                g.source_name
            );
        }
        if carries.layer {
            assert_eq!(g.layer, e.layer, "{label}: {k:?} layer");
        }
        if carries.location {
            assert_eq!(g.location, e.location, "{label}: {k:?} location");
        }
    }
    // The comparison means something only if some origins differ from names.
    assert!(sources_differing > 5, "{label}: {sources_differing}");
    assert_eq!(sbom.skipped_total(), 0, "{label}: {:?}", sbom.skipped);
    eprintln!(
        "{label}: {} {} by {:?}: {} packages match",
        sbom.format,
        sbom.spec_version,
        sbom.producer,
        exp.len()
    );
}

const ALL: Carries = Carries {
    source: true,
    layer: true,
    location: true,
};

#[test]
fn alpine_image_sboms_from_every_producer() {
    let Some(corpus) = corpus() else { return };
    let image = corpus.join("images/alpine-3.23");
    let Some(mamori) = mamori() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let oci = format!("oci:{}", image.display());
    for (fmt, file) in [
        ("json", "m.json"),
        ("cyclonedx", "m.cdx.json"),
        ("spdx-json", "m.spdx.json"),
    ] {
        run(mamori_cmd(&mamori, t)
            .args(["image", &oci, "-f", fmt, "-o"])
            .arg(t.join(file)));
    }
    let want = expected_from_json(&t.join("m.json"));
    assert_eq!(want.packages.len(), 59);
    assert!(want.packages.iter().all(|p| p.ecosystem == Ecosystem::Apk));
    assert_eq!(want.os.id, "alpine");
    assert!(want.os.version_id.starts_with("3.23."), "{:?}", want.os);

    let mut checked = vec![];
    let m = read(&t.join("m.cdx.json"));
    assert_eq!(m.format, SbomFormat::CycloneDxJson);
    check("mamori cyclonedx", &m, &want, &ALL);
    let m = read(&t.join("m.spdx.json"));
    assert_eq!(m.format, SbomFormat::SpdxJson);
    // mamori's SPDX writer records location and layer but not the source package.
    check(
        "mamori spdx-json",
        &m,
        &want,
        &Carries {
            source: false,
            ..ALL
        },
    );
    checked.push("mamori");

    if let Some(syft) = syft() {
        run(syft_cmd(&syft, t)
            .arg(format!("oci-dir:{}", image.display()))
            .arg("-o")
            .arg(format!("cyclonedx-json={}", t.join("s.cdx.json").display()))
            .arg("-o")
            .arg(format!("cyclonedx-xml={}", t.join("s.cdx.xml").display()))
            .arg("-o")
            .arg(format!("spdx-json={}", t.join("s.spdx.json").display()))
            .arg("-o")
            .arg(format!("spdx-tag-value={}", t.join("s.spdx").display())));
        for (file, format, layer) in [
            ("s.cdx.json", SbomFormat::CycloneDxJson, true),
            ("s.cdx.xml", SbomFormat::CycloneDxXml, true),
            // Syft's SPDX has no layer information.
            ("s.spdx.json", SbomFormat::SpdxJson, false),
            ("s.spdx", SbomFormat::SpdxTagValue, false),
        ] {
            let s = read(&t.join(file));
            assert_eq!(s.format, format);
            assert!(s
                .producer
                .as_deref()
                .is_some_and(|p| p.starts_with("syft ")));
            check(
                &format!("syft {file}"),
                &s,
                &want,
                &Carries { layer, ..ALL },
            );
        }
        checked.push("syft");
    }

    if let Some(trivy) = trivy() {
        // Trivy reads an OCI layout directory as `--input` directly.
        for (fmt, file) in [
            ("cyclonedx", "t.cdx.json"),
            ("spdx-json", "t.spdx.json"),
            ("spdx", "t.spdx"),
        ] {
            run(trivy_cmd(&trivy, t, "image")
                .arg("--input")
                .arg(&image)
                .args(["--format", fmt, "--output"])
                .arg(t.join(file)));
        }
        for (file, format, layer) in [
            ("t.cdx.json", SbomFormat::CycloneDxJson, true),
            ("t.spdx.json", SbomFormat::SpdxJson, true),
            // Trivy's tag-value output drops the annotations carrying the layer.
            ("t.spdx", SbomFormat::SpdxTagValue, false),
        ] {
            let s = read(&t.join(file));
            assert_eq!(s.format, format);
            assert!(s
                .producer
                .as_deref()
                .is_some_and(|p| p.starts_with("trivy ")));
            // Trivy records no location for OS packages: they point at the SBOM.
            assert!(s
                .inventory
                .packages
                .iter()
                .all(|p| p.location.ends_with(file)));
            check(
                &format!("trivy {file}"),
                &s,
                &want,
                &Carries {
                    layer,
                    location: false,
                    ..ALL
                },
            );
        }
        checked.push("trivy");
    }
    eprintln!("checked producers: {checked:?}");
}

/// A Debian root filesystem with `Source:` fields in every form dpkg writes
/// (none, name only, name and version) and epochs, which Trivy moves into a
/// purl qualifier.
fn write_debian_rootfs(root: &Path) {
    std::fs::create_dir_all(root.join("etc")).unwrap();
    std::fs::create_dir_all(root.join("var/lib/dpkg")).unwrap();
    std::fs::write(
        root.join("etc/os-release"),
        "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n\
         VERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\nID=debian\n",
    )
    .unwrap();
    std::fs::write(root.join("etc/debian_version"), "12.5\n").unwrap();
    let pkgs = [
        ("libc6", "2.36-9+deb12u4", Some("glibc")),
        ("bash", "5.2.15-2+b2", None),
        ("libssl3", "3.0.11-1~deb12u2", Some("openssl")),
        ("libgcc-s1", "12.2.0-14", Some("gcc-12 (12.2.0-14)")),
        ("login", "1:4.13+dfsg1-1+b1", Some("shadow")),
        (
            "libsystemd0",
            "252.22-1~deb12u1",
            Some("systemd (252.22-1~deb12u1)"),
        ),
        ("zlib1g", "1:1.2.13.dfsg-1", Some("zlib (1:1.2.13.dfsg-1)")),
        (
            "libperl5.36",
            "5.36.0-7+deb12u1",
            Some("perl (5.36.0-7+deb12u1)"),
        ),
        ("e2fsprogs", "1.47.0-2", None),
        ("libext2fs2", "1.47.0-2", Some("e2fsprogs")),
    ];
    let mut status = String::new();
    for (name, version, source) in pkgs {
        status.push_str(&format!(
            "Package: {name}\nStatus: install ok installed\nPriority: optional\nSection: libs\n\
             Installed-Size: 100\nMaintainer: Someone <someone@example.invalid>\nArchitecture: amd64\n"
        ));
        if let Some(s) = source {
            status.push_str(&format!("Source: {s}\n"));
        }
        status.push_str(&format!("Version: {version}\nDescription: {name}\n\n"));
    }
    std::fs::write(root.join("var/lib/dpkg/status"), status).unwrap();
}

/// Scans `root` with mamori (JSON as the reference, CycloneDX, SPDX), Syft
/// and Trivy, and checks every SBOM against the reference.
fn check_rootfs(root: &Path, t: &Path, want_count: usize, want_os: (&str, &str)) {
    let Some(mamori) = mamori() else { return };
    for (fmt, file) in [
        ("json", "m.json"),
        ("cyclonedx", "m.cdx.json"),
        ("spdx-json", "m.spdx.json"),
    ] {
        run(mamori_cmd(&mamori, t)
            .arg("rootfs")
            .arg(root)
            .args(["-f", fmt, "-o"])
            .arg(t.join(file)));
    }
    let want = expected_from_json(&t.join("m.json"));
    assert_eq!(want.packages.len(), want_count);
    assert_eq!((want.os.id.as_str(), want.os.version_id.as_str()), want_os);
    let no_layer = Carries {
        layer: false,
        ..ALL
    };
    check(
        "mamori cyclonedx",
        &read(&t.join("m.cdx.json")),
        &want,
        &no_layer,
    );
    check(
        "mamori spdx-json",
        &read(&t.join("m.spdx.json")),
        &want,
        &Carries {
            source: false,
            ..no_layer
        },
    );
    if let Some(syft) = syft() {
        run(syft_cmd(&syft, t)
            .arg(format!("dir:{}", root.display()))
            .arg("-o")
            .arg(format!("cyclonedx-json={}", t.join("s.cdx.json").display()))
            .arg("-o")
            .arg(format!("spdx-json={}", t.join("s.spdx.json").display())));
        for file in ["s.cdx.json", "s.spdx.json"] {
            check(
                &format!("syft {file}"),
                &read(&t.join(file)),
                &want,
                &no_layer,
            );
        }
    }
    if let Some(trivy) = trivy() {
        for (fmt, file) in [("cyclonedx", "t.cdx.json"), ("spdx-json", "t.spdx.json")] {
            run(trivy_cmd(&trivy, t, "rootfs")
                .arg(root)
                .args(["--format", fmt, "--output"])
                .arg(t.join(file)));
            check(
                &format!("trivy {file}"),
                &read(&t.join(file)),
                &want,
                &Carries {
                    location: false,
                    ..no_layer
                },
            );
        }
    }
}

#[test]
fn debian_rootfs_sboms_from_every_producer() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("rootfs");
    write_debian_rootfs(&root);
    check_rootfs(&root, tmp.path(), 10, ("debian", "12"));
}

/// RPM: the corpus's CBL-Mariner 2.0 rpmdb.sqlite (129 packages, some with
/// epochs and source rpms named differently) under an os-release the test
/// writes, in a temporary root filesystem.
#[test]
fn mariner_rpm_rootfs_sboms_from_every_producer() {
    let Some(corpus) = corpus() else { return };
    let db = corpus.join("pkgdb/rpm-sqlite/cbl-mariner-2.0_rpmdb.sqlite");
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("rootfs");
    std::fs::create_dir_all(root.join("etc")).unwrap();
    std::fs::create_dir_all(root.join("var/lib/rpm")).unwrap();
    std::fs::write(
        root.join("etc/os-release"),
        "NAME=\"Common Base Linux Mariner\"\nID=mariner\nVERSION_ID=\"2.0\"\n",
    )
    .unwrap();
    let bytes = std::fs::read(&db).unwrap();
    std::fs::write(root.join("var/lib/rpm/rpmdb.sqlite"), bytes).unwrap();
    check_rootfs(&root, tmp.path(), 129, ("mariner", "2.0"));
}

/// A project directory with lockfiles the test writes. Lockfile packages carry
/// no source package or layer; what must survive is name, version and the
/// lockfile they came from — for Trivy through its dependency graph, since its
/// lockfile packages have no `FilePath`.
#[test]
fn project_lockfile_sboms_from_every_producer() {
    let Some(mamori) = mamori() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let root = t.join("project");
    std::fs::create_dir_all(root.join("rs")).unwrap();
    std::fs::create_dir_all(root.join("rb")).unwrap();
    std::fs::write(
        root.join("package-lock.json"),
        r#"{"name":"app","version":"1.0.0","lockfileVersion":3,"requires":true,"packages":{
          "":{"name":"app","version":"1.0.0","dependencies":{"lodash":"4.17.20","@babel/core":"7.0.0"}},
          "node_modules/lodash":{"version":"4.17.20"},
          "node_modules/@babel/core":{"version":"7.0.0"}}}"#,
    )
    .unwrap();
    std::fs::write(
        root.join("rs/Cargo.lock"),
        "version = 3\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\ndependencies = [\"serde\"]\n\n\
         [[package]]\nname = \"serde\"\nversion = \"1.0.190\"\n\
         source = \"registry+https://github.com/rust-lang/crates.io-index\"\n",
    )
    .unwrap();
    std::fs::write(
        root.join("rb/Gemfile.lock"),
        "GEM\n  remote: https://rubygems.org/\n  specs:\n    rack (2.2.8)\n\nPLATFORMS\n  ruby\n\n\
         DEPENDENCIES\n  rack\n\nBUNDLED WITH\n   2.4.10\n",
    )
    .unwrap();
    std::fs::write(
        root.join("requirements.txt"),
        "requests==2.31.0\nDjango_Rest==1.0\n",
    )
    .unwrap();
    for (fmt, file) in [("json", "m.json"), ("cyclonedx", "m.cdx.json")] {
        run(mamori_cmd(&mamori, t)
            .arg("fs")
            .arg(&root)
            .args(["-f", fmt, "-o"])
            .arg(t.join(file)));
    }
    #[derive(serde::Deserialize)]
    struct Report {
        packages: Vec<Package>,
    }
    let want: Report = serde_json::from_slice(&std::fs::read(t.join("m.json")).unwrap()).unwrap();
    assert_eq!(want.packages.len(), 7, "{:?}", want.packages);
    // PyPI names compare normalised: Syft writes the purl's spelling.
    let keys = |pkgs: &[Package]| -> BTreeSet<(Ecosystem, String, String, String)> {
        pkgs.iter()
            .map(|p| {
                let name = if p.ecosystem == Ecosystem::Pypi {
                    p.name.to_ascii_lowercase().replace('_', "-")
                } else {
                    p.name.clone()
                };
                (p.ecosystem, name, p.version.clone(), p.location.clone())
            })
            .collect()
    };
    let want = keys(&want.packages);
    let m = read(&t.join("m.cdx.json"));
    assert_eq!(keys(&m.inventory.packages), want, "mamori");
    if let Some(trivy) = trivy() {
        run(trivy_cmd(&trivy, t, "fs")
            .arg(&root)
            .args(["--format", "cyclonedx", "--output"])
            .arg(t.join("t.cdx.json")));
        let s = read(&t.join("t.cdx.json"));
        assert_eq!(keys(&s.inventory.packages), want, "trivy");
        assert_eq!(s.skipped_total(), 0, "{:?}", s.skipped);
    }
    if let Some(syft) = syft() {
        run(syft_cmd(&syft, t)
            .arg(format!("dir:{}", root.display()))
            .arg("-o")
            .arg(format!("cyclonedx-json={}", t.join("s.cdx.json").display())));
        let got = keys(&read(&t.join("s.cdx.json")).inventory.packages);
        // Syft also lists the npm project itself.
        let missing: Vec<_> = want.difference(&got).collect();
        assert!(missing.is_empty(), "syft lacks {missing:?}");
    }
}
