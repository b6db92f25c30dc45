//! Runs every "A < B" fixture of `shared/corpus/version-ordering` (copied
//! byte-exact from osv-scalibr's `semantic/testdata`) through [`compare`] in
//! both directions. Skips with a message when the corpus is absent.

#![allow(clippy::unwrap_used)] // Tests may unwrap.

use mamori_version::{compare, Scheme};
use std::cmp::Ordering;
use std::path::Path;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus");

/// Fixture lines that contradict a total order, with the reason.
///
/// * PHP's `version_compare` says `#` equals every number, so the fixtures
///   want `1.2.3.# = 1.2.3` and `1.2.3.# = 1.2.3.1`, hence `1.2.3 =
///   1.2.3.1` by transitivity — while PHP (and the fixture `1.0.0 > 1.0`)
///   orders a longer version with an extra number after the shorter one.
/// * Maven's `ComparableVersion` is not transitive either, and its generated
///   fixtures record it: a `-N` sub-list sorts after the release but before
///   `.RCn` of the same release, which sorts before the release
///   (`2.9.0.RC3 < 2.9.0`, `2.9.0 < 2.9.0-1` and `2.9.0-1 < 2.9.0.RC1` are
///   consecutive fixture lines, and `RC1 < RC3`). Each excused Maven line is
///   the `X-sub < X.0.Qualifier` step of such a cycle; `maven.rs` keeps the
///   other steps (see its `bands` doc and unit tests).
const NON_TRANSITIVE: &[(&str, &str)] = &[
    ("packagist-versions.txt", "1.2.3.# = 1.2.3.1"),
    (
        "maven-versions-generated.txt",
        "1.0.0-gradle-rework-beta3 < 1.0.0.RC7-3",
    ),
    ("maven-versions-generated.txt", "2.9.0-1 < 2.9.0.RC1"),
    (
        "maven-versions-generated.txt",
        "1.1.0-01-glassfish < 1.1.0.Beta1",
    ),
];

/// Which schemes each fixture file is checked against.
fn schemes(file: &str) -> &'static [Scheme] {
    match file.trim_end_matches(".txt").trim_end_matches("-generated") {
        "alpine-versions" => &[Scheme::Apk],
        "cran-versions" => &[Scheme::Cran],
        "debian-versions" => &[Scheme::Dpkg],
        "hackage-versions" => &[Scheme::Hackage],
        "maven-versions" => &[Scheme::Maven],
        "nuget-versions" => &[Scheme::Nuget],
        "packagist-versions" => &[Scheme::Composer],
        "pub-versions" => &[Scheme::Pub],
        "pypi-versions" => &[Scheme::Pep440],
        "redhat-versions" => &[Scheme::Rpm],
        "rubygems-versions" => &[Scheme::Rubygems],
        "semver-versions" => &[Scheme::Semver, Scheme::Go, Scheme::Hex],
        _ => &[],
    }
}

#[test]
fn version_ordering_fixtures() {
    let dir = Path::new(CORPUS).join("version-ordering");
    if !dir.is_dir() {
        eprintln!("skipping: ../shared/corpus not found");
        return;
    }
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with("-versions.txt") || n.ends_with("-versions-generated.txt"))
        .collect();
    files.sort();
    let mut failures = Vec::new();
    let mut total = 0usize;
    let mut excused = 0usize;
    for file in &files {
        let schemes = schemes(file);
        assert!(!schemes.is_empty(), "no scheme for fixture file {file}");
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        for line in text.lines() {
            if line.is_empty() || line.starts_with("# ") || line.starts_with("// ") {
                continue;
            }
            let parts: Vec<&str> = line.split(' ').collect();
            assert_eq!(parts.len(), 3, "{file}: malformed line {line:?}");
            let want = match parts[1] {
                "<" => Ordering::Less,
                "=" => Ordering::Equal,
                ">" => Ordering::Greater,
                op => panic!("{file}: unknown operator {op:?}"),
            };
            for &scheme in schemes {
                total += 1;
                let fwd = compare(scheme, parts[0], parts[2]);
                let back = compare(scheme, parts[2], parts[0]);
                if fwd == want && back == want.reverse() {
                    continue;
                }
                if NON_TRANSITIVE.contains(&(file.as_str(), line)) {
                    excused += 1;
                    continue;
                }
                failures.push(format!("{file} [{scheme}]: {line} (got {fwd:?}/{back:?})"));
            }
        }
    }
    eprintln!(
        "checked {total} fixture comparisons in {} files; {} failed, {excused} excused as non-transitive",
        files.len(),
        failures.len()
    );
    assert_eq!(
        excused,
        NON_TRANSITIVE.len(),
        "an excused line now passes or is gone"
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures
            .iter()
            .take(60)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
