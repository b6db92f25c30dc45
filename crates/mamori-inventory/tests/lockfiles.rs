//! Lockfile analyzers against the real lockfiles of `../shared/corpus/lockfiles`.
//!
//! For every file of `INDEX.tsv` that is present, the analyzer that claims the
//! file's canonical name must parse it and find exactly the package count below.
//! INDEX.tsv's counts are approximate, so the expected numbers were established
//! independently: a separate Python script (tomllib/json/PyYAML/ElementTree and
//! regular expressions, no code shared with the Rust parsers) applied the policy
//! each module documents and counted distinct `(name, version)` pairs and, of
//! those, the development-only ones. Several counts were also checked by hand
//! with grep/jq:
//! - Cargo: `grep -c '^\[\[package\]\]'` (all packages, path members included);
//! - Pipfile.lock: `jq '.default + .develop | length'` minus entries without a
//!   `version` (trivy-ci-test's editable git checkout);
//! - package-lock v2/v3: distinct name@version over keys with a `node_modules/`
//!   segment, links resolved to their target folder (trivy's v3 workspace file:
//!   debug 2.5.2 and 2.6.9, ms 0.7.2 and 2.0.0, and the link `nested_func` → 1.0.0;
//!   the link `function1` points at a folder without a version: 5);
//! - yarn v1: 1129 entry headers in gatekeeper-website; the alias
//!   `react-loadable@npm:@docusaurus/react-loadable@5.5.2` is the same package as
//!   the `@docusaurus/react-loadable@5.5.2` entry, giving 1128;
//! - pnpm v9 multiple documents: only the second document is the project's
//!   (`is-number@7.0.0`); the first is pnpm's own environment.
//!
//! INDEX rows whose files are not in the corpus are reported and skipped; go.sum
//! and SOURCE.txt rows are not lockfiles any analyzer claims, and the test checks
//! that none does.

#![allow(clippy::unwrap_used)] // tests may unwrap

use mamori_inventory::{all_analyzers, Analyzer, FileMeta, Package};
use std::path::{Path, PathBuf};

/// `(path under corpus/lockfiles, canonical file name, packages, dev packages)`.
const EXPECTED: &[(&str, &str, usize, usize)] = &[
    (
        "bundler/osv-scanner-docs_Gemfile.lock",
        "Gemfile.lock",
        51,
        0,
    ),
    (
        "bundler/regorus-ruby-bindings_Gemfile.lock",
        "Gemfile.lock",
        24,
        0,
    ),
    (
        "bundler/scalibr_has-git-gem.Gemfile.lock",
        "Gemfile.lock",
        5,
        0,
    ),
    (
        "cargo/kubewarden-policy-server_Cargo.lock",
        "Cargo.lock",
        698,
        0,
    ),
    ("cargo/regorus_Cargo.lock", "Cargo.lock", 241, 0),
    ("cargo/syft_Cargo.lock", "Cargo.lock", 14, 0),
    ("cargo/trivy-ci-test_Cargo.lock", "Cargo.lock", 74, 0),
    ("cargo/trivy_cargo_mixed.lock", "Cargo.lock", 8, 0),
    ("cargo/trivy_cargo_v3.lock", "Cargo.lock", 9, 0),
    (
        "composer/osv-scanner_locks-many-with-insecure_composer.lock",
        "composer.lock",
        6,
        0,
    ),
    ("composer/trivy_composer_happy.lock", "composer.lock", 10, 2),
    ("go/osv-scanner_go.mod", "go.mod", 206, 0),
    ("go/syft_go.mod", "go.mod", 314, 0),
    ("go/trivy_go.mod", "go.mod", 473, 0),
    ("go/trivy_go116_go.mod", "go.mod", 2, 0),
    ("go/trivy_replaced_go.mod", "go.mod", 2, 0),
    (
        "gradle/datadog-vulnerable-java-application_gradle.lockfile",
        "gradle.lockfile",
        68,
        31,
    ),
    (
        "gradle/terra-cli_gradle.lockfile",
        "gradle.lockfile",
        348,
        43,
    ),
    ("gradle/trivy_happy.lockfile", "gradle.lockfile", 4, 1),
    ("maven/dependency-track-apiserver_pom.xml", "pom.xml", 49, 4),
    ("maven/dependency-track_pom.xml", "pom.xml", 0, 0),
    ("maven/trivy_happy_pom.xml", "pom.xml", 3, 1),
    (
        "maven/trivy_parent-properties/child/pom.xml",
        "pom.xml",
        0,
        0,
    ),
    ("maven/trivy_parent-properties/pom.xml", "pom.xml", 1, 0),
    (
        "npm-package-lock/v1/nodejs-security-wg_package-lock.json",
        "package-lock.json",
        525,
        435,
    ),
    (
        "npm-package-lock/v1/polaris-docs_package-lock.json",
        "package-lock.json",
        1066,
        937,
    ),
    (
        "npm-package-lock/v1/trivy_package-lock_v1.json",
        "package-lock.json",
        31,
        2,
    ),
    (
        "npm-package-lock/v2/loopback-security_package-lock.json",
        "package-lock.json",
        1041,
        1041,
    ),
    (
        "npm-package-lock/v2/trivy_package-lock_v2.json",
        "package-lock.json",
        31,
        2,
    ),
    (
        "npm-package-lock/v3/langflow-frontend_package-lock.json",
        "package-lock.json",
        1185,
        202,
    ),
    (
        "npm-package-lock/v3/osv-offline_package-lock.json",
        "package-lock.json",
        977,
        860,
    ),
    (
        "npm-package-lock/v3/polaris-docs_package-lock.json",
        "package-lock.json",
        1198,
        1069,
    ),
    (
        "npm-package-lock/v3/trivy_package-lock_v3_with_workspace.json",
        "package-lock.json",
        5,
        0,
    ),
    ("pipfile-lock/checkov_Pipfile.lock", "Pipfile.lock", 161, 62),
    (
        "pipfile-lock/ruby-advisory-db_Pipfile.lock",
        "Pipfile.lock",
        5,
        0,
    ),
    (
        "pipfile-lock/trivy-ci-test_Pipfile.lock",
        "Pipfile.lock",
        85,
        31,
    ),
    (
        "pnpm/kube-score_pnpm-lock.v9.yaml",
        "pnpm-lock.yaml",
        202,
        180,
    ),
    (
        "pnpm/osv-offline_pnpm-lock.v9.yaml",
        "pnpm-lock.yaml",
        583,
        507,
    ),
    (
        "pnpm/osv.dev-frontend3_pnpm-lock.v9.yaml",
        "pnpm-lock.yaml",
        416,
        377,
    ),
    (
        "pnpm/trivy_pnpm-lock_many.v5.4.yaml",
        "pnpm-lock.yaml",
        134,
        78,
    ),
    (
        "pnpm/trivy_pnpm-lock_normal.v5.3.yaml",
        "pnpm-lock.yaml",
        3,
        0,
    ),
    (
        "pnpm/trivy_pnpm-lock_v6_with_dev.yaml",
        "pnpm-lock.yaml",
        85,
        79,
    ),
    (
        "pnpm/trivy_pnpm-lock_v9_multiple_documents.yaml",
        "pnpm-lock.yaml",
        1,
        0,
    ),
    (
        "poetry/falco-mitre-checker_poetry.lock",
        "poetry.lock",
        31,
        0,
    ),
    ("poetry/osv.dev_poetry.lock", "poetry.lock", 63, 17),
    (
        "requirements-txt/osv.dev-docker-poetry_requirements.txt",
        "requirements.txt",
        44,
        0,
    ),
    (
        "requirements-txt/scalibr_requirements.txt",
        "requirements.txt",
        1,
        0,
    ),
    (
        "requirements-txt/trivy-docs_requirements.txt",
        "requirements.txt",
        39,
        0,
    ),
    (
        "requirements-txt/trivy_requirements_comments.txt",
        "requirements.txt",
        4,
        0,
    ),
    (
        "requirements-txt/trivy_requirements_compatible.txt",
        "requirements.txt",
        0,
        0,
    ),
    (
        "requirements-txt/trivy_requirements_hash.txt",
        "requirements.txt",
        2,
        0,
    ),
    (
        "requirements-txt/trivy_requirements_hyphens.txt",
        "requirements.txt",
        2,
        0,
    ),
    (
        "requirements-txt/trivy_requirements_no_version.txt",
        "requirements.txt",
        1,
        0,
    ),
    (
        "requirements-txt/trivy_requirements_operator.txt",
        "requirements.txt",
        2,
        0,
    ),
    (
        "requirements-txt/trivy_requirements_spaces.txt",
        "requirements.txt",
        4,
        0,
    ),
    (
        "requirements-txt/trivy_requirements_utf16le.txt",
        "requirements.txt",
        1,
        0,
    ),
    (
        "requirements-txt/trivy_requirements_with_templating_engine.txt",
        "requirements.txt",
        0,
        0,
    ),
    ("uv-lock/grype-db_uv.lock", "uv.lock", 74, 33),
    ("uv-lock/langflow-backend_uv.lock", "uv.lock", 316, 0),
    ("uv-lock/vunnel_uv.lock", "uv.lock", 101, 57),
    (
        "yarn/berry/trivy_yarn_v2_deps_with_protocol.lock",
        "yarn.lock",
        2,
        0,
    ),
    ("yarn/berry/trivy_yarn_v2_happy.lock", "yarn.lock", 16, 0),
    ("yarn/v1/gatekeeper-website_yarn.lock", "yarn.lock", 1128, 0),
];

/// INDEX rows that name files no analyzer should claim.
const NOT_LOCKFILES: &[&str] = &["go.sum", "SOURCE.txt"];

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus"
    ))
    .join("lockfiles");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: ../shared/corpus not found");
        None
    }
}

fn meta(len: usize) -> FileMeta {
    FileMeta {
        size: len as u64,
        mode: 0o644,
    }
}

/// The analyzers that claim `path`; exactly one is expected for lockfiles.
fn claimants(path: &str, len: usize) -> Vec<Box<dyn Analyzer>> {
    all_analyzers()
        .into_iter()
        .filter(|a| a.required(path, &meta(len)))
        .collect()
}

fn analyze(dir: &Path, rel: &str, canonical: &str) -> Vec<Package> {
    let bytes = std::fs::read(dir.join(rel)).unwrap();
    let path = format!("srv/app/{canonical}");
    let mut found = claimants(&path, bytes.len());
    assert_eq!(
        found.len(),
        1,
        "{rel}: expected exactly one analyzer to claim {path}"
    );
    let a = found.remove(0);
    let analysis = a
        .analyze(&path, &bytes)
        .unwrap_or_else(|e| panic!("{rel}: {e}"));
    for p in &analysis.packages {
        assert_eq!(p.location, format!("/{path}"));
        assert!(
            !p.name.is_empty() && !p.version.is_empty(),
            "{rel}: empty field in {p:?}"
        );
    }
    analysis.packages
}

#[test]
fn corpus_counts_are_exact() {
    let Some(dir) = corpus() else { return };
    let index = std::fs::read_to_string(dir.join("INDEX.tsv")).unwrap();
    let mut checked = 0;
    let mut wrong = Vec::new();
    for line in index.lines().skip(1) {
        let rel = line.split('\t').next().unwrap();
        if !dir.join(rel).exists() {
            eprintln!("note: INDEX.tsv lists {rel}, which is not in the corpus; skipped");
            continue;
        }
        let base = rel.rsplit('/').next().unwrap();
        if NOT_LOCKFILES.iter().any(|n| base.ends_with(n)) {
            let bytes = std::fs::read(dir.join(rel)).unwrap();
            let as_named = format!(
                "srv/app/{}",
                if base.ends_with("go.sum") {
                    "go.sum"
                } else {
                    base
                }
            );
            assert!(
                claimants(&as_named, bytes.len()).is_empty(),
                "{rel}: no analyzer should claim {as_named}"
            );
            checked += 1;
            continue;
        }
        let Some(&(_, canonical, want, want_dev)) = EXPECTED.iter().find(|e| e.0 == rel) else {
            panic!("{rel}: listed in INDEX.tsv but has no expected count here");
        };
        let pkgs = analyze(&dir, rel, canonical);
        let dev = pkgs.iter().filter(|p| p.dev).count();
        if (pkgs.len(), dev) != (want, want_dev) {
            wrong.push(format!(
                "{rel}: got {} packages ({dev} dev), want {want} ({want_dev} dev)",
                pkgs.len()
            ));
        }
        checked += 1;
    }
    // Files in the corpus but missing from INDEX.tsv are checked too.
    for &(rel, canonical, want, want_dev) in EXPECTED {
        if !index.lines().any(|l| l.split('\t').next() == Some(rel)) {
            let pkgs = analyze(&dir, rel, canonical);
            assert_eq!(
                (pkgs.len(), pkgs.iter().filter(|p| p.dev).count()),
                (want, want_dev),
                "{rel}"
            );
            checked += 1;
        }
    }
    assert!(wrong.is_empty(), "wrong counts:\n{}", wrong.join("\n"));
    assert!(
        checked >= EXPECTED.len(),
        "only {checked} corpus files checked"
    );
}

fn has(pkgs: &[Package], name: &str, version: &str) -> bool {
    pkgs.iter().any(|p| p.name == name && p.version == version)
}

#[test]
fn corpus_spot_checks() {
    let Some(dir) = corpus() else { return };
    let p = analyze(&dir, "cargo/trivy_cargo_mixed.lock", "Cargo.lock");
    assert!(has(&p, "normal", "0.1.0") && has(&p, "url", "1.7.2"));
    let p = analyze(
        &dir,
        "pnpm/trivy_pnpm-lock_v9_multiple_documents.yaml",
        "pnpm-lock.yaml",
    );
    assert!(has(&p, "is-number", "7.0.0"));
    let p = analyze(
        &dir,
        "npm-package-lock/v3/trivy_package-lock_v3_with_workspace.json",
        "package-lock.json",
    );
    assert!(
        has(&p, "nested_func", "1.0.0") && has(&p, "debug", "2.6.9") && has(&p, "debug", "2.5.2")
    );
    let p = analyze(
        &dir,
        "npm-package-lock/v3/osv-offline_package-lock.json",
        "package-lock.json",
    );
    assert!(has(
        &p,
        "@renovatebot/osv-offline",
        "0.0.0-semantic-release"
    ));
    let p = analyze(&dir, "go/trivy_replaced_go.mod", "go.mod");
    assert!(has(
        &p,
        "github.com/aquasecurity/go-dep-parser",
        "v0.0.0-20220406074731-71021a481237"
    ));
    let p = analyze(&dir, "maven/trivy_happy_pom.xml", "pom.xml");
    assert!(has(&p, "org.example:example-api", "1.7.30"));
    assert!(p
        .iter()
        .any(|p| p.name == "org.example:example-provided" && p.dev));
    let p = analyze(
        &dir,
        "requirements-txt/trivy_requirements_utf16le.txt",
        "requirements.txt",
    );
    assert!(has(&p, "attrs", "20.3.0"));
    let p = analyze(&dir, "composer/trivy_composer_happy.lock", "composer.lock");
    assert!(p.iter().all(|p| !p.version.starts_with('v')));
    let p = analyze(
        &dir,
        "bundler/scalibr_has-git-gem.Gemfile.lock",
        "Gemfile.lock",
    );
    assert!(has(&p, "hanami-controller", "2.0.0.alpha1"));
    let p = analyze(
        &dir,
        "yarn/berry/trivy_yarn_v2_deps_with_protocol.lock",
        "yarn.lock",
    );
    assert!(has(&p, "debug", "4.3.4") && !p.iter().any(|p| p.name == "app"));
}

#[test]
fn every_lockfile_analyzer_rejects_garbage_without_panicking() {
    let names = [
        "Cargo.lock",
        "Pipfile.lock",
        "poetry.lock",
        "uv.lock",
        "package-lock.json",
        "yarn.lock",
        "pnpm-lock.yaml",
        "go.mod",
        "pom.xml",
        "gradle.lockfile",
        "Gemfile.lock",
        "composer.lock",
        "packages.lock.json",
        "app.deps.json",
        "requirements.txt",
    ];
    let garbage: &[u8] = b"\x00\x9f\x92\x96 {[ <garbage> ]]: \xff\xfe";
    for name in names {
        let path = format!("x/{name}");
        let mut found = claimants(&path, garbage.len());
        assert_eq!(found.len(), 1, "{name}");
        let a = found.remove(0);
        let err = a.analyze(&path, garbage).expect_err(name).to_string();
        assert!(err.starts_with(&format!("{path}: ")), "{err}");
        assert!(!err.contains('\n'), "multi-line error: {err}");
        // Truncated and deeply nested inputs must also be errors, not panics.
        let _ = a.analyze(&path, &"[{\"a\":".repeat(10_000).into_bytes());
        let _ = a.analyze(&path, &"- ".repeat(10_000).into_bytes());
        let _ = a.analyze(&path, &"<a>".repeat(10_000).into_bytes());
        // Deep nesting in each syntax: toml arrays and inline tables, yaml flow
        // collections, json arrays. Recursion limits must turn these into errors.
        for deep in [
            format!("a = {}", "[".repeat(100_000)),
            format!("a = {}", "{b = ".repeat(100_000)),
            format!(
                "[[package]]\nname = \"x\"\nversion = {}",
                "[".repeat(100_000)
            ),
            "[".repeat(100_000),
            format!("a: {}", "{b: ".repeat(100_000)),
            format!("{{\"packages\": {}", "[".repeat(100_000)),
        ] {
            let _ = a.analyze(&path, deep.as_bytes());
        }
    }
}

#[test]
fn claims_by_base_name_only() {
    let claimed = |p: &str| !claimants(p, 10).is_empty();
    assert!(claimed("Cargo.lock") && claimed("deep/dir/package-lock.json"));
    assert!(!claimed("srv/app/go.sum"));
    assert!(!claimed("srv/app/Cargo.lock.bak") && !claimed("srv/app/cargo.lock"));
    assert!(!claimed("srv/app/package.json"));
}

/// A deterministic stand-in for the fuzz target that runs in CI: every corpus
/// file, truncated at several points and with bytes flipped, must give packages
/// or an error, never a panic.
#[test]
fn corpus_mutations_never_panic() {
    let Some(dir) = corpus() else { return };
    for &(rel, canonical, _, _) in EXPECTED {
        let bytes = std::fs::read(dir.join(rel)).unwrap();
        let path = format!("srv/app/{canonical}");
        let a = claimants(&path, bytes.len()).remove(0);
        let n = bytes.len();
        for k in 1..8 {
            let cut = n * k / 8;
            let _ = a.analyze(&path, &bytes[..cut]);
            let mut flipped = bytes.clone();
            for (j, b) in flipped.iter_mut().enumerate() {
                // A sparse, position-dependent pattern of corruptions.
                if j % (97 * k + 13) == k {
                    *b ^= [0x20, 0xFF, 0x0A, 0x22][j % 4];
                }
            }
            let _ = a.analyze(&path, &flipped);
        }
    }
}
