//! Benchmark of `rescan_dir`: generates 1,000 SBOMs (CycloneDX, SPDX and
//! mamori JSON reports) with varied but overlapping package sets taken from
//! the corpus's dpkg/apk databases and lockfiles, imports the corpus's OSV
//! archives into a database, and times a cold rescan (no state), a warm one
//! (same database: stored evaluations reused) and one after a database
//! update (everything re-matched).
//!
//! ```text
//! cargo run -p mamori-vuln --example rescan_bench [--release] [-- COUNT]
//! ```
//!
//! It needs `../shared/corpus` (next to the repository) and does nothing else
//! without it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use mamori_inventory::{all_analyzers, FileMeta, Inventory, OsInfo, Package};
use mamori_report::{Report, Target, TargetKind};
use mamori_vuln::{rescan_dir, MatchOptions};
use mamori_vulndb::VulnDb;
use std::path::{Path, PathBuf};
use std::time::Instant;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus");

fn analyze(path: &str, bytes: &[u8]) -> Vec<Package> {
    let meta = FileMeta {
        size: bytes.len() as u64,
        mode: 0o644,
    };
    all_analyzers()
        .iter()
        .filter(|a| a.required(path, &meta))
        .filter_map(|a| a.analyze(path, bytes).ok())
        .flat_map(|a| a.packages)
        .collect()
}

fn os(id: &str, v: &str) -> OsInfo {
    OsInfo {
        id: id.into(),
        version_id: v.into(),
        pretty_name: None,
        codename: None,
        id_like: vec![],
        precedence: 0,
    }
}

/// A small deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn main() {
    let count: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    let c = Path::new(CORPUS);
    if !c.join("osv").is_dir() {
        eprintln!("skipping: ../shared/corpus not found");
        return;
    }
    let read = |rel: &str| std::fs::read(c.join(rel)).unwrap_or_default();
    // Operating-system bases.
    let bases: Vec<Inventory> = vec![
        Inventory {
            os: Some(os("debian", "11")),
            packages: analyze(
                "var/lib/dpkg/status",
                &read("pkgdb/dpkg/debian-11_nginx-image.status"),
            ),
        },
        Inventory {
            os: Some(os("debian", "12")),
            packages: analyze(
                "var/lib/dpkg/status",
                &read("pkgdb/dpkg/debian-12_langflow-backend-image.status"),
            ),
        },
        Inventory {
            os: Some(os("alpine", "3.6.2")),
            packages: analyze(
                "lib/apk/db/installed",
                &read("pkgdb/apk/alpine-3.6_troyfontaine.installed"),
            ),
        },
        Inventory {
            os: Some(os("alpine", "3.14.0")),
            packages: analyze(
                "lib/apk/db/installed",
                &read("pkgdb/apk/alpine-3.14.0_minirootfs.installed"),
            ),
        },
    ];
    // Application layers.
    let apps: Vec<Vec<Package>> = [
        (
            "lockfiles/cargo/kubewarden-policy-server_Cargo.lock",
            "app/Cargo.lock",
        ),
        ("lockfiles/go/trivy_go.mod", "app/go.mod"),
        ("lockfiles/go/syft_go.mod", "app/go.mod"),
        (
            "lockfiles/npm-package-lock/v2/loopback-security_package-lock.json",
            "app/package-lock.json",
        ),
        (
            "lockfiles/npm-package-lock/v3/langflow-frontend_package-lock.json",
            "app/package-lock.json",
        ),
        ("lockfiles/poetry/osv.dev_poetry.lock", "app/poetry.lock"),
        ("lockfiles/uv-lock/langflow-backend_uv.lock", "app/uv.lock"),
        (
            "lockfiles/gradle/terra-cli_gradle.lockfile",
            "app/gradle.lockfile",
        ),
    ]
    .iter()
    .map(|(rel, as_path)| analyze(as_path, &read(rel)))
    .filter(|v| !v.is_empty())
    .collect();

    let tmp = tempfile::tempdir().unwrap();
    let dbdir = tmp.path().join("db");
    let sboms = tmp.path().join("sboms");
    std::fs::create_dir_all(&sboms).unwrap();

    let t = Instant::now();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut total_pkgs = 0;
    for i in 0..count {
        let base = &bases[i % bases.len()];
        let mut pkgs: Vec<Package> = base
            .packages
            .iter()
            .filter(|_| rng.next() % 10 < 8)
            .cloned()
            .collect();
        for _ in 0..1 + rng.next() % 2 {
            let app = &apps[(rng.next() % apps.len() as u64) as usize];
            pkgs.extend(app.iter().filter(|_| rng.next() % 10 < 6).cloned());
        }
        total_pkgs += pkgs.len();
        let report = Report::new(
            Target {
                kind: TargetKind::Image,
                name: format!("registry.invalid/app-{i}:latest"),
                image: None,
            },
            base.os.clone(),
            pkgs,
        );
        let (name, text) = match i % 3 {
            0 => (
                format!("app-{i:04}.cdx.json"),
                mamori_report::to_cyclonedx(&report),
            ),
            1 => (
                format!("app-{i:04}.spdx.json"),
                mamori_report::to_spdx(&report),
            ),
            _ => (format!("app-{i:04}.json"), mamori_report::to_json(&report)),
        };
        std::fs::write(sboms.join(name), text).unwrap();
    }
    println!(
        "generated {count} sboms ({total_pkgs} packages, {:.1} avg) in {:.2?}",
        total_pkgs as f64 / count as f64,
        t.elapsed()
    );

    let archives: Vec<PathBuf> = std::fs::read_dir(c.join("osv"))
        .unwrap()
        .filter_map(|e| {
            let p = e.ok()?.path().join("all.zip");
            p.is_file().then_some(p)
        })
        .collect();
    let t = Instant::now();
    VulnDb::import(&dbdir, &archives, &mut |_| {}).unwrap();
    println!(
        "imported {} osv archives in {:.2?}",
        archives.len(),
        t.elapsed()
    );

    let opts = MatchOptions::default();
    let run = |label: &str| {
        let db = VulnDb::open(&dbdir).unwrap();
        let t = Instant::now();
        let r = rescan_dir(&sboms, &db, &opts).unwrap();
        println!(
            "{label}: {:.2?} — {} files ({} reused, {} errors), {} new, {} fixed, {} unchanged",
            t.elapsed(),
            r.files,
            r.reused,
            r.errors.len(),
            r.new.len(),
            r.fixed.len(),
            r.unchanged_count
        );
    };
    println!("rayon threads: {}", rayon::current_num_threads());
    println!("parsing only (1 thread): {:.2?}", parse_only(&sboms));
    run("cold rescan (no state)");
    run("warm rescan (same db)");
    // A database update replaces the file: every document is re-matched.
    VulnDb::import(&dbdir, &archives, &mut |_| {}).unwrap();
    run("rescan after db update");
    let state = std::fs::metadata(sboms.join(mamori_vuln::STATE_FILE))
        .unwrap()
        .len();
    println!("state file: {:.1} MiB", state as f64 / (1 << 20) as f64);
}

/// Time spent only reading documents into inventories (sequentially), to
/// tell parsing from matching in the rescan figures.
fn parse_only(dir: &Path) -> std::time::Duration {
    let t = Instant::now();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let _ = mamori_vuln::read_document(&name, &std::fs::read(&p).unwrap());
    }
    t.elapsed()
}
