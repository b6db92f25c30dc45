//! OSV JSON (schema 1.x) parsing and normalisation into the compact form the
//! store keeps: for each record its identifiers, summary and one resolved
//! severity; for each affected package its ranges, version list and any
//! per-package rating.
//!
//! Parsing is lenient where real data is sloppy (null lists, unknown fields,
//! GIT ranges, missing `schema_version`) and strict where matching would
//! otherwise silently go wrong (an event without a version, a record without
//! an id). It never panics on input; memory is bounded by the input size and by
//! serde_json's recursion limit. This module does not compare versions and
//! does not touch the store.

use crate::cvss;
use crate::severity::Severity;
use serde::{Deserialize, Serialize};

/// Largest single OSV record accepted (bytes). The largest real records
/// (PyPI advisories that enumerate every release) are a few hundred KiB.
pub const MAX_RECORD_BYTES: usize = 32 << 20;

/// Why one OSV record was rejected.
#[derive(Debug, thiserror::Error)]
pub enum OsvError {
    /// Not JSON, or JSON of the wrong shape.
    #[error("invalid osv json: {0}")]
    Json(#[from] serde_json::Error),
    /// Valid JSON that breaks a rule matching relies on.
    #[error("invalid osv record {id:?}: {message}")]
    Invalid {
        /// The record id (may be empty).
        id: String,
        /// What is wrong, naming the offending value.
        message: String,
    },
    /// Larger than [`MAX_RECORD_BYTES`].
    #[error("osv record of {0} bytes exceeds the limit")]
    TooLarge(usize),
}

#[derive(Deserialize)]
struct RawRecord {
    id: String,
    #[serde(default)]
    modified: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    withdrawn: Option<String>,
    #[serde(default)]
    aliases: Option<Vec<String>>,
    #[serde(default)]
    upstream: Option<Vec<String>>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    details: Option<String>,
    #[serde(default)]
    severity: Option<Vec<RawSeverity>>,
    #[serde(default)]
    affected: Option<Vec<RawAffected>>,
    #[serde(default)]
    database_specific: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct RawSeverity {
    #[serde(rename = "type")]
    kind: String,
    score: String,
}

#[derive(Deserialize)]
struct RawAffected {
    #[serde(default)]
    package: Option<RawPackage>,
    #[serde(default)]
    ranges: Option<Vec<RawRange>>,
    #[serde(default)]
    versions: Option<Vec<String>>,
    #[serde(default)]
    severity: Option<Vec<RawSeverity>>,
    #[serde(default)]
    ecosystem_specific: Option<serde_json::Value>,
    #[serde(default)]
    database_specific: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct RawPackage {
    #[serde(default)]
    ecosystem: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    purl: Option<String>,
}

#[derive(Deserialize)]
struct RawRange {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    events: Vec<RawEvent>,
}

#[derive(Deserialize)]
struct RawEvent {
    #[serde(default)]
    introduced: Option<String>,
    #[serde(default)]
    fixed: Option<String>,
    #[serde(default)]
    last_affected: Option<String>,
    #[serde(default)]
    limit: Option<String>,
}

/// Where a record's severity came from, best first: matching prefers a lower
/// rank when aliased records disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SeveritySource {
    /// The affected package's own rating (`ecosystem_specific.severity`,
    /// Debian `urgency`): the distro's or advisory's word for this package.
    Package,
    /// A rating for the whole record by its publisher: Ubuntu's priority
    /// (`severity[].type == "Ubuntu"`), the Red Hat-style prefix of an
    /// AlmaLinux/Rocky summary (`Important: …`).
    Vendor,
    /// `database_specific.severity` (GitHub advisories and their copies).
    Advisory,
    /// Computed from a CVSS v4.0 vector.
    CvssV4,
    /// Computed from a CVSS v3.x vector.
    CvssV3,
    /// Nothing usable.
    None,
}

impl SeveritySource {
    /// Short lower-case label for `explain` and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            SeveritySource::Package => "package rating",
            SeveritySource::Vendor => "vendor rating",
            SeveritySource::Advisory => "advisory rating",
            SeveritySource::CvssV4 => "cvss 4.0",
            SeveritySource::CvssV3 => "cvss 3.x",
            SeveritySource::None => "none",
        }
    }
}

/// A severity together with its provenance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rated {
    /// The level.
    pub level: Severity,
    /// Where it came from.
    pub source: SeveritySource,
}

impl Rated {
    /// No rating at all.
    pub const NONE: Rated = Rated {
        level: Severity::Unknown,
        source: SeveritySource::None,
    };

    /// The better-sourced of two ratings; for equal sources the more severe.
    pub fn prefer(self, other: Rated) -> Rated {
        match self.source.cmp(&other.source) {
            std::cmp::Ordering::Less => self,
            std::cmp::Ordering::Greater => other,
            std::cmp::Ordering::Equal => {
                if other.level > self.level {
                    other
                } else {
                    self
                }
            }
        }
    }
}

/// A CVSS vector carried by a record, with its computed base score (None when
/// the vector could not be scored).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CvssVector {
    /// The vector string as published.
    pub vector: String,
    /// Base score, if the vector parsed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
}

/// Kind of an OSV event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EventKind {
    /// `introduced`: affected from this version on ("0": from the beginning).
    #[serde(rename = "i")]
    Introduced,
    /// `last_affected`: affected up to and including this version.
    #[serde(rename = "l")]
    LastAffected,
    /// `fixed`: not affected from this version on.
    #[serde(rename = "f")]
    Fixed,
    /// `limit`: nothing at or above this version is affected by the range.
    #[serde(rename = "x")]
    Limit,
}

impl EventKind {
    /// The OSV field name.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Introduced => "introduced",
            EventKind::LastAffected => "last_affected",
            EventKind::Fixed => "fixed",
            EventKind::Limit => "limit",
        }
    }
}

/// One event of a range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event(pub EventKind, pub String);

/// Kind of a range that can be evaluated (GIT ranges are dropped at import).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RangeKind {
    /// Versions compared with the ecosystem's own ordering.
    #[serde(rename = "E")]
    Ecosystem,
    /// Versions compared as SemVer 2.0.
    #[serde(rename = "S")]
    Semver,
}

impl RangeKind {
    /// The OSV type name.
    pub fn as_str(self) -> &'static str {
        match self {
            RangeKind::Ecosystem => "ECOSYSTEM",
            RangeKind::Semver => "SEMVER",
        }
    }
}

/// An evaluable range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range {
    /// ECOSYSTEM or SEMVER.
    #[serde(rename = "t")]
    pub kind: RangeKind,
    /// Events in record order.
    #[serde(rename = "e")]
    pub events: Vec<Event>,
}

/// One `affected[]` entry, reduced to what matching needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Affected {
    /// Exact OSV ecosystem string (`Debian:11`, `PyPI`, `Ubuntu:22.04:LTS`).
    #[serde(rename = "eco")]
    pub ecosystem: String,
    /// Package name as the record spells it (lookup uses [`crate::normalize_name`]).
    #[serde(rename = "n")]
    pub name: String,
    /// ECOSYSTEM and SEMVER ranges.
    #[serde(rename = "r", default, skip_serializing_if = "Vec::is_empty")]
    pub ranges: Vec<Range>,
    /// Explicitly listed affected versions.
    #[serde(rename = "v", default, skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<String>,
    /// The rating given for this package only, if any.
    #[serde(rename = "s", default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Rated>,
}

/// The per-record data kept in the store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordMeta {
    /// Record id (`GHSA-…`, `DSA-…`, `PYSEC-…`).
    pub id: String,
    /// `aliases[]`: ids of the same vulnerability in other databases.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// `upstream[]`: ids this record was derived from (a DSA's CVEs).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub upstream: Vec<String>,
    /// One line: `summary`, else the first line of `details` (shortened).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    /// Record-level severity (package-level ratings live in [`Affected`]).
    pub severity: Rated,
    /// CVSS vectors of the record.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cvss: Vec<CvssVector>,
    /// `modified` timestamp as published (RFC 3339).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub modified: String,
    /// `published` timestamp, if any.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub published: String,
}

/// A parsed record.
#[derive(Debug, Clone, PartialEq)]
pub struct Advisory {
    /// Record-level data.
    pub meta: RecordMeta,
    /// Affected packages (entries with neither a name nor an evaluable range
    /// or version list are dropped).
    pub affected: Vec<Affected>,
    /// True when the record carries `withdrawn`; such records are never matched
    /// and are not stored.
    pub withdrawn: bool,
}

impl Advisory {
    /// The base name (before the first `:`) of the first affected ecosystem,
    /// e.g. `Debian` for `Debian:11`; `unknown` when there is none. Used to
    /// attribute single-file imports to an ecosystem in the `meta` table.
    pub fn base_ecosystem(&self) -> &str {
        self.affected
            .first()
            .map(|a| a.ecosystem.split(':').next().unwrap_or(&a.ecosystem))
            .filter(|e| !e.is_empty())
            .unwrap_or("unknown")
    }
}

/// Longest summary kept; full details stay with the upstream record.
const MAX_SUMMARY_CHARS: usize = 240;

fn one_line(s: &str) -> String {
    let line = s
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    if line.chars().count() > MAX_SUMMARY_CHARS {
        let mut t: String = line.chars().take(MAX_SUMMARY_CHARS - 1).collect();
        t.push('…');
        t
    } else {
        line.to_string()
    }
}

fn rate_cvss(vector: &str) -> Option<(Rated, f64)> {
    let score = cvss::score(vector).ok()?;
    let source = if vector.trim_start().starts_with("CVSS:4.0/") {
        SeveritySource::CvssV4
    } else {
        SeveritySource::CvssV3
    };
    Some((
        Rated {
            level: Severity::from_cvss_score(score),
            source,
        },
        score,
    ))
}

/// Ratings in `severity[]`: CVSS vectors are scored, Ubuntu's word is a vendor
/// rating; other types (CVSS_V2) are ignored.
fn rate_severity_list(list: &[RawSeverity], cvss_out: &mut Vec<CvssVector>) -> Rated {
    let mut best = Rated::NONE;
    for s in list {
        match s.kind.as_str() {
            "CVSS_V3" | "CVSS_V4" => {
                let scored = rate_cvss(&s.score);
                if !cvss_out.iter().any(|c| c.vector == s.score) {
                    cvss_out.push(CvssVector {
                        vector: s.score.clone(),
                        score: scored.map(|(_, n)| n),
                    });
                }
                if let Some((r, _)) = scored {
                    best = best.prefer(r);
                }
            }
            "Ubuntu" => {
                if let Some(level) = Severity::from_vendor(&s.score) {
                    best = best.prefer(Rated {
                        level,
                        source: SeveritySource::Vendor,
                    });
                }
            }
            _ => {}
        }
    }
    best
}

/// Red Hat-style advisories (AlmaLinux ALSA, Rocky RLSA, RHSA) carry their
/// rating only as the first word of the summary: `Important: kernel update`.
fn rate_summary_prefix(id: &str, summary: &str) -> Option<Rated> {
    let distro = [
        "ALSA-", "ALBA-", "ALEA-", "RLSA-", "RXSA-", "RHSA-", "RHBA-",
    ];
    if !distro.iter().any(|p| id.starts_with(p)) {
        return None;
    }
    let (word, _) = summary.split_once(':')?;
    Some(Rated {
        level: Severity::from_vendor(word)?,
        source: SeveritySource::Vendor,
    })
}

fn string_at<'a>(v: &'a Option<serde_json::Value>, key: &str) -> Option<&'a str> {
    v.as_ref()?.get(key)?.as_str()
}

/// Parses and normalises one OSV record.
pub fn parse_record(bytes: &[u8]) -> Result<Advisory, OsvError> {
    if bytes.len() > MAX_RECORD_BYTES {
        return Err(OsvError::TooLarge(bytes.len()));
    }
    let raw: RawRecord = serde_json::from_slice(bytes)?;
    let invalid = |message: String| OsvError::Invalid {
        id: raw.id.clone(),
        message,
    };
    if raw.id.trim().is_empty() {
        return Err(invalid("empty id".to_string()));
    }

    let mut cvss = Vec::new();
    let mut severity = rate_severity_list(raw.severity.as_deref().unwrap_or(&[]), &mut cvss);
    let summary = raw
        .summary
        .as_deref()
        .map(one_line)
        .filter(|s| !s.is_empty())
        .or_else(|| raw.details.as_deref().map(one_line))
        .unwrap_or_default();
    if let Some(r) = raw
        .summary
        .as_deref()
        .and_then(|s| rate_summary_prefix(&raw.id, s))
    {
        severity = severity.prefer(r);
    }
    if let Some(level) =
        string_at(&raw.database_specific, "severity").and_then(Severity::from_vendor)
    {
        severity = severity.prefer(Rated {
            level,
            source: SeveritySource::Advisory,
        });
    }

    let mut affected = Vec::new();
    for a in raw.affected.unwrap_or_default() {
        let Some(pkg) = a.package else { continue };
        let Some(ecosystem) = pkg.ecosystem.filter(|e| !e.is_empty()) else {
            continue;
        };
        let name = match pkg.name.filter(|n| !n.is_empty()) {
            Some(n) => n,
            None => match pkg.purl.as_deref().and_then(name_from_purl) {
                Some(n) => n,
                None => continue,
            },
        };
        let mut ranges = Vec::new();
        for r in a.ranges.unwrap_or_default() {
            let kind = match r.kind.as_str() {
                "ECOSYSTEM" => RangeKind::Ecosystem,
                "SEMVER" => RangeKind::Semver,
                // GIT ranges name commits, which an installed package does not have.
                _ => continue,
            };
            let mut events = Vec::with_capacity(r.events.len());
            for e in r.events {
                let (k, v) = match (e.introduced, e.fixed, e.last_affected, e.limit) {
                    (Some(v), None, None, None) => (EventKind::Introduced, v),
                    (None, Some(v), None, None) => (EventKind::Fixed, v),
                    (None, None, Some(v), None) => (EventKind::LastAffected, v),
                    (None, None, None, Some(v)) => (EventKind::Limit, v),
                    _ => {
                        return Err(invalid(format!(
                            "package {name:?}: an event must have exactly one of introduced, fixed, last_affected, limit"
                        )))
                    }
                };
                if v.is_empty() {
                    return Err(invalid(format!(
                        "package {name:?}: empty {} version",
                        k.as_str()
                    )));
                }
                events.push(Event(k, v));
            }
            if !events.is_empty() {
                ranges.push(Range { kind, events });
            }
        }
        let versions: Vec<String> = a
            .versions
            .unwrap_or_default()
            .into_iter()
            .filter(|v| !v.is_empty())
            .collect();

        let mut pkg_sev: Option<Rated> = None;
        let vendor_word = string_at(&a.ecosystem_specific, "severity")
            .or_else(|| string_at(&a.ecosystem_specific, "urgency"))
            .or_else(|| string_at(&a.database_specific, "severity"));
        if let Some(level) = vendor_word.and_then(Severity::from_vendor) {
            pkg_sev = Some(Rated {
                level,
                source: SeveritySource::Package,
            });
        }
        // RustSec keeps its CVSS vector per package.
        if let Some(v) = string_at(&a.database_specific, "cvss") {
            let scored = rate_cvss(v);
            if !cvss.iter().any(|c| c.vector == v) {
                cvss.push(CvssVector {
                    vector: v.to_string(),
                    score: scored.map(|(_, n)| n),
                });
            }
            if let Some((r, _)) = scored {
                severity = severity.prefer(r);
            }
        }
        if let Some(list) = a.severity.as_deref() {
            let r = rate_severity_list(list, &mut cvss);
            if r.source != SeveritySource::None {
                severity = severity.prefer(r);
            }
        }
        if ranges.is_empty() && versions.is_empty() {
            continue;
        }
        affected.push(Affected {
            ecosystem,
            name,
            ranges,
            versions,
            severity: pkg_sev,
        });
    }

    let mut aliases = raw.aliases.unwrap_or_default();
    aliases.retain(|a| !a.is_empty() && *a != raw.id);
    aliases.sort();
    aliases.dedup();
    let mut upstream = raw.upstream.unwrap_or_default();
    upstream.retain(|a| !a.is_empty() && *a != raw.id);
    upstream.sort();
    upstream.dedup();

    Ok(Advisory {
        meta: RecordMeta {
            id: raw.id,
            aliases,
            upstream,
            summary,
            severity,
            cvss,
            modified: raw.modified.unwrap_or_default(),
            published: raw.published.unwrap_or_default(),
        },
        affected,
        withdrawn: raw.withdrawn.is_some_and(|w| !w.is_empty()),
    })
}

/// `pkg:type/namespace/name@version?…` → the name as OSV spells it for that
/// type (`namespace/name` for npm scopes and Go, `group:artifact` for Maven).
fn name_from_purl(purl: &str) -> Option<String> {
    let rest = purl.strip_prefix("pkg:")?;
    let rest = rest.split(['?', '#']).next()?;
    let rest = rest.split('@').next()?;
    let (ty, path) = rest.split_once('/')?;
    let path = path.trim_matches('/');
    if path.is_empty() {
        return None;
    }
    Some(match ty {
        "maven" => path.replacen('/', ":", 1),
        "deb" | "apk" | "rpm" | "pypi" | "gem" | "cargo" | "nuget" => {
            path.rsplit('/').next()?.to_string()
        }
        _ => path.to_string(),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_minimal_record() {
        let a = parse_record(br#"{"id":"X-1","affected":[{"package":{"ecosystem":"PyPI","name":"foo"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.0"}]}]}]}"#).unwrap();
        assert_eq!(a.meta.id, "X-1");
        assert_eq!(a.affected.len(), 1);
        assert_eq!(
            a.affected[0].ranges[0].events[1],
            Event(EventKind::Fixed, "1.0".into())
        );
        assert!(!a.withdrawn);
        assert_eq!(a.base_ecosystem(), "PyPI");
    }

    #[test]
    fn drops_git_ranges_and_empty_entries() {
        let a = parse_record(br#"{"id":"X-2","affected":[{"package":{"ecosystem":"PyPI","name":"foo"},"ranges":[{"type":"GIT","repo":"r","events":[{"introduced":"abc"}]}]}]}"#).unwrap();
        assert!(a.affected.is_empty());
        assert_eq!(a.base_ecosystem(), "unknown");
    }

    #[test]
    fn rejects_ambiguous_events_and_bad_json() {
        let e = parse_record(br#"{"id":"X-3","affected":[{"package":{"ecosystem":"npm","name":"a"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0","fixed":"1"}]}]}]}"#).unwrap_err();
        assert!(e.to_string().contains("X-3"), "{e}");
        assert!(parse_record(b"{").is_err());
        assert!(parse_record(b"[]").is_err());
        assert!(parse_record(br#"{"id":""}"#).is_err());
        assert!(parse_record(br#"{"id":"X","affected":[{"package":{"ecosystem":"npm","name":"a"},"ranges":[{"type":"SEMVER","events":[{"fixed":""}]}]}]}"#).is_err());
    }

    #[test]
    fn null_lists_are_empty() {
        let a = parse_record(br#"{"id":"X-4","aliases":null,"affected":null,"severity":null}"#)
            .unwrap();
        assert!(a.meta.aliases.is_empty() && a.affected.is_empty());
        assert_eq!(a.meta.severity, Rated::NONE);
    }

    #[test]
    fn severity_sources_in_order() {
        // GHSA-style: database_specific.severity beats the CVSS vector.
        let a = parse_record(br#"{"id":"GHSA-1","severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],"database_specific":{"severity":"MODERATE"}}"#).unwrap();
        assert_eq!(a.meta.severity.level, Severity::Medium);
        assert_eq!(a.meta.severity.source, SeveritySource::Advisory);
        assert_eq!(a.meta.cvss[0].score, Some(9.8));
        // Ubuntu's priority beats CVSS.
        let a = parse_record(br#"{"id":"UBUNTU-CVE-1","severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"},{"type":"Ubuntu","score":"negligible"}]}"#).unwrap();
        assert_eq!(a.meta.severity.level, Severity::Low);
        // CVSS v4 beats v3 when both are present.
        let a = parse_record(br#"{"id":"X","severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"},{"type":"CVSS_V4","score":"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N"}]}"#).unwrap();
        assert_eq!(a.meta.severity.level, Severity::Medium);
        assert_eq!(a.meta.severity.source, SeveritySource::CvssV4);
        // AlmaLinux summary prefix.
        let a =
            parse_record(br#"{"id":"ALSA-2024:1","summary":"Important: kernel security update"}"#)
                .unwrap();
        assert_eq!(a.meta.severity.level, Severity::High);
        // Per-package Debian urgency.
        let a = parse_record(br#"{"id":"CVE-1","affected":[{"package":{"ecosystem":"Debian:10","name":"p"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"}]}],"ecosystem_specific":{"urgency":"unimportant"}}]}"#).unwrap();
        assert_eq!(a.affected[0].severity.map(|s| s.level), Some(Severity::Low));
        // An unscorable vector is kept but rates nothing.
        let a =
            parse_record(br#"{"id":"X","severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/"}]}"#)
                .unwrap();
        assert_eq!(a.meta.severity, Rated::NONE);
        assert_eq!(a.meta.cvss[0].score, None);
    }

    #[test]
    fn summary_falls_back_to_details_first_line() {
        let a = parse_record(br#"{"id":"X","details":"\n  First line.\nSecond."}"#).unwrap();
        assert_eq!(a.meta.summary, "First line.");
        let long = format!(r#"{{"id":"X","summary":"{}"}}"#, "a".repeat(1000));
        let a = parse_record(long.as_bytes()).unwrap();
        assert_eq!(a.meta.summary.chars().count(), MAX_SUMMARY_CHARS);
    }

    #[test]
    fn name_from_purl_when_name_is_missing() {
        assert_eq!(
            name_from_purl("pkg:npm/%40scope/a@1.0").as_deref(),
            Some("%40scope/a")
        );
        assert_eq!(
            name_from_purl("pkg:maven/org.x/lib@1").as_deref(),
            Some("org.x:lib")
        );
        assert_eq!(
            name_from_purl("pkg:deb/debian/curl?arch=source").as_deref(),
            Some("curl")
        );
        assert_eq!(
            name_from_purl("pkg:golang/github.com/a/b").as_deref(),
            Some("github.com/a/b")
        );
        assert_eq!(name_from_purl("npm/a"), None);
        let a = parse_record(br#"{"id":"X","affected":[{"package":{"ecosystem":"Maven","purl":"pkg:maven/g/a"},"versions":["1"]}]}"#).unwrap();
        assert_eq!(a.affected[0].name, "g:a");
    }

    #[test]
    fn withdrawn_is_flagged() {
        let a = parse_record(br#"{"id":"X","withdrawn":"2021-01-01T00:00:00Z"}"#).unwrap();
        assert!(a.withdrawn);
    }

    #[test]
    fn oversized_input_is_rejected_without_parsing() {
        let big = vec![b' '; MAX_RECORD_BYTES + 1];
        assert!(matches!(parse_record(&big), Err(OsvError::TooLarge(_))));
    }
}
