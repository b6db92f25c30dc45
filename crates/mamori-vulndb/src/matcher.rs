//! Matching one installed `(ecosystem, name, version)` against the affected
//! entries of OSV records, per the OSV schema's evaluation rules, and merging
//! the records that describe the same vulnerability into one [`Match`].
//!
//! Rules implemented:
//! - `versions[]`: the installed version is affected if listed (string equality,
//!   or equality under the ecosystem's ordering, so PEP 440 `1.0` = `1.0.0`).
//! - `ranges[]` of type ECOSYSTEM (ecosystem ordering) and SEMVER (SemVer 2.0
//!   ordering); GIT ranges were dropped at import. Events are sorted by version
//!   (`introduced: "0"` first; at equal versions `introduced` before
//!   `last_affected` before `fixed`) and walked: an `introduced` <= v opens,
//!   a `fixed` <= v closes, a `last_affected` < v closes. A range with `limit`
//!   events only affects versions below at least one limit.
//! - Go versions are compared without their leading `v` (OSV's Go data has none).
//! - Aliases: records whose id or `aliases` overlap are one vulnerability, and
//!   a record with exactly one `upstream` id (ALPINE-CVE-x → CVE-x, a USN
//!   derived from one UBUNTU-CVE) joins that id's group. Records with several
//!   upstream ids (a DSA fixing five CVEs) do not glue those CVEs together; the
//!   ids are listed in [`Match::upstream`].
//! - Primary id: for OS ecosystems the distro's own record id (not CVE-/GHSA-),
//!   else the smallest CVE id, else the smallest GHSA id, else the smallest
//!   record id (all comparisons are plain string order, so the choice is
//!   deterministic).
//!
//! It does not read the store (the caller hands it decoded rows) and knows
//! nothing of images or inventories.

use crate::advisory::{Affected, CvssVector, EventKind, Range, RangeKind, Rated, RecordMeta};
use crate::ecosystem::is_os_ecosystem;
use crate::severity::Severity;
use mamori_version::{compare, Scheme};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::{BTreeSet, HashMap};

/// One vulnerability affecting one package: possibly several DB records that
/// are aliases of each other.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Match {
    /// Primary id (see the module docs for how it is chosen).
    pub id: String,
    /// Every other id of this vulnerability: the matched records' ids, their
    /// aliases and sole upstream ids. Sorted.
    pub aliases: Vec<String>,
    /// Upstream ids of multi-issue advisories (a DSA's CVEs), not merged. Sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub upstream: Vec<String>,
    /// Ids of the DB records that matched. Sorted.
    pub records: Vec<String>,
    /// One-line summary.
    pub summary: String,
    /// Resolved severity.
    pub severity: Severity,
    /// Where the severity came from (`package rating`, `vendor rating`,
    /// `advisory rating`, `cvss 4.0`, `cvss 3.x`, `none`).
    pub severity_source: String,
    /// CVSS vectors of the matched records, with scores.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cvss: Vec<CvssVector>,
    /// The smallest `fixed` version greater than the installed one, if any.
    pub fixed_version: Option<String>,
    /// The DB ecosystem the match was found in (`Ubuntu:22.04:LTS`).
    pub ecosystem: String,
    /// Package name as queried.
    pub package: String,
    /// Installed version as queried.
    pub installed_version: String,
    /// Why it matched: which record, which range and events or version list,
    /// which DB ecosystem.
    pub explain: String,
}

/// True when no fixed version is known (for `--ignore-unfixed`).
pub fn is_unfixed(m: &Match) -> bool {
    m.fixed_version.is_none()
}

/// The ordering used for a range in a DB ecosystem.
fn scheme_for(kind: RangeKind, ecosystem: &str) -> Option<Scheme> {
    match kind {
        RangeKind::Semver => Some(Scheme::Semver),
        RangeKind::Ecosystem => Scheme::for_osv_ecosystem(ecosystem),
    }
}

fn cmp(scheme: Scheme, a: &str, b: &str) -> Ordering {
    if a == b {
        Ordering::Equal
    } else {
        compare(scheme, a, b)
    }
}

/// Strips Go's `v` prefix: go.mod says `v1.2.3`, OSV's Go data says `1.2.3`.
fn query_version<'a>(ecosystem: &str, v: &'a str) -> &'a str {
    if ecosystem == "Go" {
        v.strip_prefix('v').unwrap_or(v)
    } else {
        v
    }
}

/// Result of evaluating one range against one version.
struct RangeHit {
    introduced: String,
    until: Option<(EventKind, String)>,
}

fn eval_range(range: &Range, scheme: Scheme, v: &str) -> Option<RangeHit> {
    let is_zero = |k: EventKind, s: &str| k == EventKind::Introduced && s == "0";
    let limits: Vec<&str> = range
        .events
        .iter()
        .filter(|e| e.0 == EventKind::Limit)
        .map(|e| e.1.as_str())
        .collect();
    if !limits.is_empty() && limits.iter().all(|l| cmp(scheme, v, l) != Ordering::Less) {
        return None;
    }
    let mut sorted: Vec<&crate::advisory::Event> = range.events.iter().collect();
    sorted.sort_by(|a, b| {
        match (is_zero(a.0, &a.1), is_zero(b.0, &b.1)) {
            (true, true) => Ordering::Equal,
            (true, false) => Ordering::Less,
            (false, true) => Ordering::Greater,
            (false, false) => cmp(scheme, &a.1, &b.1),
        }
        .then(a.0.cmp(&b.0))
    });
    let mut affected = false;
    let mut introduced = None;
    for e in &sorted {
        match e.0 {
            EventKind::Introduced => {
                if is_zero(e.0, &e.1) || cmp(scheme, v, &e.1) != Ordering::Less {
                    affected = true;
                    introduced = Some(e.1.clone());
                }
            }
            EventKind::Fixed => {
                if cmp(scheme, v, &e.1) != Ordering::Less {
                    affected = false;
                }
            }
            EventKind::LastAffected => {
                if cmp(scheme, v, &e.1) == Ordering::Greater {
                    affected = false;
                }
            }
            EventKind::Limit => {}
        }
    }
    if !affected {
        return None;
    }
    let until = sorted.iter().find_map(|e| {
        let upper = match e.0 {
            EventKind::Fixed => cmp(scheme, v, &e.1) == Ordering::Less,
            EventKind::LastAffected => cmp(scheme, v, &e.1) != Ordering::Greater,
            _ => false,
        };
        upper.then(|| (e.0, e.1.clone()))
    });
    Some(RangeHit {
        introduced: introduced.unwrap_or_else(|| "0".to_string()),
        until,
    })
}

/// Why one affected entry matched, plus the fixed versions above the installed one.
pub(crate) struct EntryHit {
    pub reason: String,
    pub fixed: Vec<(Scheme, String)>,
}

/// Evaluates one affected entry (already selected by ecosystem and name).
pub(crate) fn eval_affected(a: &Affected, record_id: &str, version: &str) -> Option<EntryHit> {
    let v = query_version(&a.ecosystem, version);
    let eco_scheme = Scheme::for_osv_ecosystem(&a.ecosystem);
    let mut reasons = Vec::new();
    if a.versions
        .iter()
        .any(|x| x == v || eco_scheme.is_some_and(|s| cmp(s, x, v) == Ordering::Equal))
    {
        reasons.push("listed in affected versions".to_string());
    }
    for r in &a.ranges {
        let Some(scheme) = scheme_for(r.kind, &a.ecosystem) else {
            continue;
        };
        if let Some(hit) = eval_range(r, scheme, v) {
            let until = match &hit.until {
                Some((k, s)) => format!(", {} {s:?}", k.as_str()),
                None => ", no fix recorded".to_string(),
            };
            reasons.push(format!(
                "{} range introduced {:?}{until}",
                r.kind.as_str(),
                hit.introduced
            ));
        }
    }
    if reasons.is_empty() {
        return None;
    }
    let mut fixed = Vec::new();
    for r in &a.ranges {
        let Some(scheme) = scheme_for(r.kind, &a.ecosystem) else {
            continue;
        };
        for e in &r.events {
            if e.0 == EventKind::Fixed && cmp(scheme, v, &e.1) == Ordering::Less {
                fixed.push((scheme, e.1.clone()));
            }
        }
    }
    Some(EntryHit {
        reason: format!(
            "{record_id} ({} package {:?}): installed {version:?} {}",
            a.ecosystem,
            a.name,
            reasons.join(" and ")
        ),
        fixed,
    })
}

/// Everything known about one matched record, input to [`merge`].
pub(crate) struct RecordHit {
    pub meta: RecordMeta,
    pub ecosystem: String,
    pub package_severity: Option<Rated>,
    pub reasons: Vec<String>,
    pub fixed: Vec<(Scheme, String)>,
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Groups aliased records and builds one [`Match`] per group, sorted by id.
pub(crate) fn merge(hits: Vec<RecordHit>, package: &str, version: &str) -> Vec<Match> {
    let mut parent: Vec<usize> = (0..hits.len()).collect();
    let mut owner: HashMap<&str, usize> = HashMap::new();
    for (i, h) in hits.iter().enumerate() {
        let sole_upstream = (h.meta.upstream.len() == 1).then(|| h.meta.upstream[0].as_str());
        let keys = std::iter::once(h.meta.id.as_str())
            .chain(h.meta.aliases.iter().map(String::as_str))
            .chain(sole_upstream);
        for k in keys {
            match owner.get(k) {
                Some(&j) => {
                    let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                    if a != b {
                        parent[a] = b;
                    }
                }
                None => {
                    owner.insert(k, i);
                }
            }
        }
    }
    let mut groups: HashMap<usize, Vec<&RecordHit>> = HashMap::new();
    for (i, h) in hits.iter().enumerate() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(h);
    }
    let mut out: Vec<Match> = groups
        .into_values()
        .map(|mut g| {
            g.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
            build_match(&g, package, version)
        })
        .collect();
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

fn build_match(group: &[&RecordHit], package: &str, version: &str) -> Match {
    let records: BTreeSet<&str> = group.iter().map(|h| h.meta.id.as_str()).collect();
    let mut ids: BTreeSet<&str> = records.clone();
    let mut multi_upstream: BTreeSet<&str> = BTreeSet::new();
    for h in group {
        ids.extend(h.meta.aliases.iter().map(String::as_str));
        if h.meta.upstream.len() == 1 {
            ids.insert(&h.meta.upstream[0]);
        } else {
            multi_upstream.extend(h.meta.upstream.iter().map(String::as_str));
        }
    }
    let ecosystem = group
        .first()
        .map(|h| h.ecosystem.clone())
        .unwrap_or_default();
    let is_foreign = |id: &&str| id.starts_with("CVE-") || id.starts_with("GHSA-");
    let primary = is_os_ecosystem(&ecosystem)
        .then(|| records.iter().copied().find(|id| !is_foreign(id)))
        .flatten()
        .or_else(|| ids.iter().copied().find(|id| id.starts_with("CVE-")))
        .or_else(|| ids.iter().copied().find(|id| id.starts_with("GHSA-")))
        .or_else(|| records.iter().copied().next())
        .unwrap_or_default()
        .to_string();

    let mut rated = Rated::NONE;
    for h in group {
        rated = rated.prefer(h.meta.severity);
        if let Some(p) = h.package_severity {
            rated = rated.prefer(p);
        }
    }
    let summary = group
        .iter()
        .find(|h| h.meta.id == primary && !h.meta.summary.is_empty())
        .or_else(|| group.iter().find(|h| !h.meta.summary.is_empty()))
        .map(|h| h.meta.summary.clone())
        .unwrap_or_default();
    let mut cvss: Vec<CvssVector> = Vec::new();
    for h in group {
        for c in &h.meta.cvss {
            if !cvss.iter().any(|x| x.vector == c.vector) {
                cvss.push(c.clone());
            }
        }
    }
    let fixed_version = group
        .iter()
        .flat_map(|h| h.fixed.iter())
        .min_by(|a, b| cmp(a.0, &a.1, &b.1))
        .map(|(_, v)| v.clone());
    let mut reasons: Vec<&str> = group
        .iter()
        .flat_map(|h| h.reasons.iter().map(String::as_str))
        .collect();
    reasons.dedup();
    let explain = format!(
        "{}; severity {} from {}",
        reasons.join("; "),
        rated.level,
        rated.source.as_str()
    );
    Match {
        aliases: ids
            .iter()
            .filter(|i| **i != primary)
            .map(|s| s.to_string())
            .collect(),
        upstream: multi_upstream
            .iter()
            .filter(|u| !ids.contains(*u))
            .map(|s| s.to_string())
            .collect(),
        records: records.iter().map(|s| s.to_string()).collect(),
        id: primary,
        summary,
        severity: rated.level,
        severity_source: rated.source.as_str().to_string(),
        cvss,
        fixed_version,
        ecosystem,
        package: package.to_string(),
        installed_version: version.to_string(),
        explain,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::advisory::{Event, SeveritySource};

    fn range(kind: RangeKind, ev: &[(EventKind, &str)]) -> Range {
        Range {
            kind,
            events: ev.iter().map(|(k, v)| Event(*k, v.to_string())).collect(),
        }
    }

    fn affected(eco: &str, ranges: Vec<Range>, versions: &[&str]) -> Affected {
        Affected {
            ecosystem: eco.to_string(),
            name: "p".to_string(),
            ranges,
            versions: versions.iter().map(|s| s.to_string()).collect(),
            severity: None,
        }
    }

    use EventKind::*;

    fn hits(a: &Affected, v: &str) -> bool {
        eval_affected(a, "R", v).is_some()
    }

    // Versions below use only single digits so that they order the same under
    // string comparison and under SemVer/PEP 440.
    #[test]
    fn introduced_fixed() {
        let a = affected(
            "npm",
            vec![range(
                RangeKind::Semver,
                &[(Introduced, "1.0.0"), (Fixed, "1.2.0")],
            )],
            &[],
        );
        assert!(!hits(&a, "0.9.0"));
        assert!(hits(&a, "1.0.0"));
        assert!(hits(&a, "1.1.9"));
        assert!(!hits(&a, "1.2.0"));
        assert!(!hits(&a, "1.3.0"));
    }

    #[test]
    fn introduced_zero_and_unfixed() {
        let a = affected(
            "npm",
            vec![range(RangeKind::Semver, &[(Introduced, "0")])],
            &[],
        );
        let h = eval_affected(&a, "R", "0.0.1").unwrap();
        assert!(h.fixed.is_empty());
        assert!(h.reason.contains("no fix recorded"), "{}", h.reason);
        assert!(hits(&a, "9.9.9"));
    }

    #[test]
    fn last_affected_is_inclusive() {
        let a = affected(
            "PyPI",
            vec![range(
                RangeKind::Ecosystem,
                &[(Introduced, "0"), (LastAffected, "2.0")],
            )],
            &[],
        );
        assert!(hits(&a, "1.5"));
        assert!(hits(&a, "2.0"));
        assert!(!hits(&a, "2.1"));
        assert!(eval_affected(&a, "R", "2.0").unwrap().fixed.is_empty());
    }

    #[test]
    fn limit_caps_the_range() {
        let a = affected(
            "npm",
            vec![range(
                RangeKind::Semver,
                &[(Introduced, "1.0.0"), (Limit, "2.0.0")],
            )],
            &[],
        );
        assert!(hits(&a, "1.5.0"));
        assert!(!hits(&a, "2.0.0"));
        assert!(!hits(&a, "3.0.0"));
    }

    #[test]
    fn several_intervals_in_one_range() {
        // Unsorted on purpose: the evaluation sorts events itself.
        let a = affected(
            "npm",
            vec![range(
                RangeKind::Semver,
                &[
                    (Introduced, "3.0.0"),
                    (Fixed, "3.1.0"),
                    (Introduced, "1.0.0"),
                    (Fixed, "1.2.0"),
                ],
            )],
            &[],
        );
        assert!(hits(&a, "1.1.0"));
        assert!(!hits(&a, "2.0.0"));
        assert!(hits(&a, "3.0.5"));
        assert!(!hits(&a, "3.1.0"));
        let h = eval_affected(&a, "R", "1.1.0").unwrap();
        let mut fixed: Vec<&str> = h.fixed.iter().map(|f| f.1.as_str()).collect();
        fixed.sort();
        assert_eq!(fixed, ["1.2.0", "3.1.0"]);
    }

    #[test]
    fn introduced_equal_to_fixed_is_empty() {
        let a = affected(
            "npm",
            vec![range(
                RangeKind::Semver,
                &[(Fixed, "1.0.0"), (Introduced, "1.0.0")],
            )],
            &[],
        );
        assert!(!hits(&a, "1.0.0"));
    }

    #[test]
    fn versions_list() {
        let a = affected("PyPI", vec![], &["1.0", "1.1"]);
        assert!(hits(&a, "1.1"));
        assert!(!hits(&a, "1.2"));
        assert!(eval_affected(&a, "R", "1.0")
            .unwrap()
            .reason
            .contains("listed in affected versions"));
    }

    #[test]
    fn unknown_ecosystem_uses_versions_only() {
        let a = affected(
            "SwiftURL",
            vec![range(RangeKind::Ecosystem, &[(Introduced, "0")])],
            &["2.0"],
        );
        assert!(!hits(&a, "1.0"));
        assert!(hits(&a, "2.0"));
    }

    #[test]
    fn go_v_prefix_is_ignored() {
        let a = affected(
            "Go",
            vec![range(
                RangeKind::Semver,
                &[(Introduced, "1.0.0"), (Fixed, "1.2.0")],
            )],
            &[],
        );
        assert!(hits(&a, "v1.1.0"));
        assert!(!hits(&a, "v1.2.0"));
    }

    // These need real version ordering (string order would get them wrong).
    #[test]
    fn uses_ecosystem_ordering() {
        let a = affected(
            "npm",
            vec![range(
                RangeKind::Semver,
                &[(Introduced, "1.2.0"), (Fixed, "1.10.0")],
            )],
            &[],
        );
        assert!(hits(&a, "1.9.0"));
        assert!(!hits(&a, "1.10.0"));
        assert!(!hits(&a, "1.11.0"));
        // dpkg: an epoch outranks everything after it.
        let d = affected(
            "Debian:12",
            vec![range(
                RangeKind::Ecosystem,
                &[(Introduced, "0"), (Fixed, "1:1.0-1")],
            )],
            &[],
        );
        assert!(hits(&d, "2.0-1"));
        assert!(hits(&d, "1:1.0-0.1"));
        assert!(!hits(&d, "1:1.0-1"));
        // PEP 440: 1.0 and 1.0.0 are the same version.
        let p = affected("PyPI", vec![], &["1.0"]);
        assert!(hits(&p, "1.0.0"));
    }

    #[test]
    fn smallest_fix_above_installed_by_version_order() {
        let a = meta("GHSA-x", &[], &[], Severity::Unknown, SeveritySource::None);
        let out = merge(vec![rh(a, "npm", &["1.10.0", "1.9.1"])], "p", "1.9.0");
        assert_eq!(out[0].fixed_version.as_deref(), Some("1.9.1"));
    }

    fn meta(
        id: &str,
        aliases: &[&str],
        upstream: &[&str],
        level: Severity,
        source: SeveritySource,
    ) -> RecordMeta {
        RecordMeta {
            id: id.to_string(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            upstream: upstream.iter().map(|s| s.to_string()).collect(),
            summary: format!("summary of {id}"),
            severity: Rated { level, source },
            cvss: vec![],
            modified: String::new(),
            published: String::new(),
        }
    }

    fn rh(m: RecordMeta, eco: &str, fixed: &[&str]) -> RecordHit {
        RecordHit {
            reasons: vec![format!("{} matched", m.id)],
            meta: m,
            ecosystem: eco.to_string(),
            package_severity: None,
            fixed: fixed
                .iter()
                .map(|f| (Scheme::Semver, f.to_string()))
                .collect(),
        }
    }

    #[test]
    fn aliases_merge_into_one_finding() {
        let a = meta(
            "PYSEC-2021-1",
            &["CVE-2021-5", "GHSA-aaaa"],
            &[],
            Severity::Unknown,
            SeveritySource::None,
        );
        let b = meta(
            "GHSA-aaaa",
            &["CVE-2021-5"],
            &[],
            Severity::High,
            SeveritySource::Advisory,
        );
        let c = meta(
            "PYSEC-2021-2",
            &[],
            &[],
            Severity::Low,
            SeveritySource::CvssV3,
        );
        let out = merge(
            vec![
                rh(a, "PyPI", &["1.2.0"]),
                rh(b, "PyPI", &["1.1.0"]),
                rh(c, "PyPI", &[]),
            ],
            "p",
            "1.0.0",
        );
        assert_eq!(out.len(), 2);
        let m = &out[0];
        assert_eq!(m.id, "CVE-2021-5");
        assert_eq!(m.aliases, ["GHSA-aaaa", "PYSEC-2021-1"]);
        assert_eq!(m.records, ["GHSA-aaaa", "PYSEC-2021-1"]);
        assert_eq!(m.severity, Severity::High);
        assert_eq!(m.fixed_version.as_deref(), Some("1.1.0"));
        assert!(
            m.explain.contains("GHSA-aaaa matched") && m.explain.contains("PYSEC-2021-1 matched")
        );
        assert_eq!(out[1].id, "PYSEC-2021-2");
        assert!(is_unfixed(&out[1]));
        assert!(!is_unfixed(m));
    }

    #[test]
    fn os_findings_prefer_the_distro_id() {
        let a = meta(
            "ALPINE-CVE-2020-1",
            &[],
            &["CVE-2020-1"],
            Severity::Unknown,
            SeveritySource::None,
        );
        let b = meta(
            "CVE-2020-1",
            &[],
            &[],
            Severity::Medium,
            SeveritySource::CvssV3,
        );
        let out = merge(
            vec![rh(a, "Alpine:v3.11", &[]), rh(b, "Alpine:v3.11", &[])],
            "p",
            "1",
        );
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].id, "ALPINE-CVE-2020-1");
        assert_eq!(out[0].aliases, ["CVE-2020-1"]);
        // The same pair in a language ecosystem prefers the CVE.
        let a = meta(
            "ALPINE-CVE-2020-1",
            &[],
            &["CVE-2020-1"],
            Severity::Unknown,
            SeveritySource::None,
        );
        let b = meta(
            "CVE-2020-1",
            &[],
            &[],
            Severity::Medium,
            SeveritySource::CvssV3,
        );
        let out = merge(vec![rh(a, "npm", &[]), rh(b, "npm", &[])], "p", "1");
        assert_eq!(out[0].id, "CVE-2020-1");
    }

    #[test]
    fn multi_upstream_does_not_glue() {
        let a = meta(
            "DSA-1-1",
            &[],
            &["CVE-1", "CVE-2"],
            Severity::Unknown,
            SeveritySource::None,
        );
        let b = meta(
            "DSA-2-1",
            &[],
            &["CVE-2", "CVE-3"],
            Severity::Unknown,
            SeveritySource::None,
        );
        let out = merge(
            vec![rh(a, "Debian:11", &[]), rh(b, "Debian:11", &[])],
            "p",
            "1",
        );
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].id, "DSA-1-1");
        assert_eq!(out[0].upstream, ["CVE-1", "CVE-2"]);
        assert!(out[0].aliases.is_empty());
    }

    #[test]
    fn package_rating_beats_cvss() {
        let a = meta(
            "DLA-1",
            &[],
            &[],
            Severity::Critical,
            SeveritySource::CvssV3,
        );
        let mut h = rh(a, "Debian:10", &[]);
        h.package_severity = Some(Rated {
            level: Severity::Low,
            source: SeveritySource::Package,
        });
        let out = merge(vec![h], "p", "1");
        assert_eq!(out[0].severity, Severity::Low);
        assert_eq!(out[0].severity_source, "package rating");
    }
}
