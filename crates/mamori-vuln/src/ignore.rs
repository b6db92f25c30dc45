//! Ignore files: `.mamoriignore`, and Trivy's plain `.trivyignore`, which is
//! a subset of the same format.
//!
//! # Format
//!
//! One entry per line; blank lines and lines starting with `#` are comments.
//!
//! ```text
//! # ID        [PACKAGE]                    [exp:YYYY-MM-DD]   [# reason]
//! CVE-2023-1234
//! CVE-2023-5678  openssl                   exp:2026-06-30     # patched in our fork
//! GHSA-aaaa-bbbb-cccc  pkg:npm/lodash@4.17.20                 # not reachable
//! DSA-5000-1  *
//! ```
//!
//! - `ID` matches a finding's primary id or any of its aliases,
//!   case-insensitively, so `CVE-…` also hides a finding reported as `DSA-…`.
//! - `PACKAGE` (optional) limits the entry to one package: a purl (`pkg:…`,
//!   covering the finding's package purl: a purl without version or
//!   qualifiers covers every version, arch and distro), or a plain name
//!   compared with the installed package name and with the matched (source)
//!   name. `*` or no package means every package.
//! - `exp:YYYY-MM-DD` (optional) is the last day the entry applies. After it
//!   the entry no longer suppresses and is listed by [`IgnoreFile::warnings`].
//! - Text after a `#` preceded by a blank is the reason, recorded in the
//!   suppression.
//!
//! The tokens after the id may come in any order. Anything else (a second
//! package, a malformed date, an id with spaces or quotes) is an error naming
//! the file and line: a typo in an ignore file must not silently hide
//! nothing, or everything.
//!
//! This module does not read Trivy's YAML ignore format or OPA ignore policies.

use crate::error::{read_capped, Error, Result};
use crate::suppress::{names_finding, purl_covers, Suppressor, Verdict};
use mamori_report::VulnFinding;
use mamori_sbom::Purl;
use std::path::{Path, PathBuf};

/// Largest ignore file read (they are hand-written; 16 MiB is generous).
pub const MAX_IGNORE_FILE: u64 = 16 << 20;

/// Which packages an entry covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackageFilter {
    /// A package URL (see the module docs for how it is compared).
    Purl(Purl),
    /// A package name or matched source name.
    Name(String),
}

/// One line of an ignore file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IgnoreEntry {
    /// The vulnerability id as written.
    pub id: String,
    /// The package filter; `None` covers every package.
    pub package: Option<PackageFilter>,
    /// Last day the entry applies (`YYYY-MM-DD`).
    pub expires: Option<String>,
    /// The reason after `#`, trimmed (may be empty).
    pub reason: String,
    /// 1-based line number.
    pub line: usize,
}

/// A parsed ignore file.
#[derive(Debug, Clone)]
pub struct IgnoreFile {
    path: PathBuf,
    today: String,
    entries: Vec<IgnoreEntry>,
}

/// Today's date (UTC) as `YYYY-MM-DD`.
pub fn today() -> String {
    let now = humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string();
    now.get(..10).unwrap_or("1970-01-01").to_string()
}

fn valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| {
        s.get(r)
            .filter(|x| x.bytes().all(|c| c.is_ascii_digit()))
            .and_then(|x| x.parse::<u32>().ok())
    };
    matches!((num(0..4), num(5..7), num(8..10)), (Some(_), Some(m), Some(d)) if (1..=12).contains(&m) && (1..=31).contains(&d))
}

fn valid_id(s: &str) -> bool {
    s.len() <= 256
        && s.bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b':' | b'/'))
}

impl IgnoreFile {
    /// Reads an ignore file, judging expiry against today's date.
    pub fn load(path: &Path) -> Result<IgnoreFile> {
        IgnoreFile::load_at(path, &today())
    }

    /// Reads an ignore file, judging expiry against `today` (`YYYY-MM-DD`).
    pub fn load_at(path: &Path, today: &str) -> Result<IgnoreFile> {
        let bytes = read_capped(path, MAX_IGNORE_FILE)?;
        let text = String::from_utf8(bytes).map_err(|e| Error::Ignore {
            path: path.to_path_buf(),
            line: 1 + e.as_bytes()[..e.utf8_error().valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count(),
            message: "not valid utf-8".to_string(),
        })?;
        IgnoreFile::parse(&text, path, today)
    }

    /// Parses ignore-file text; `path` is used in messages and sources.
    pub fn parse(text: &str, path: &Path, today: &str) -> Result<IgnoreFile> {
        let mut entries = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let fail = |message: String| Error::Ignore {
                path: path.to_path_buf(),
                line,
                message,
            };
            let raw = raw.trim_start_matches('\u{feff}');
            // The reason starts at a `#` that begins the line or follows a
            // blank; a `#` inside a purl (its subpath) is not a comment.
            let cut = raw
                .char_indices()
                .find(|&(j, c)| {
                    c == '#' && (j == 0 || raw[..j].ends_with(|p: char| p.is_whitespace()))
                })
                .map(|(j, _)| j);
            let (body, reason) = match cut {
                Some(j) => (&raw[..j], raw[j + 1..].trim()),
                None => (raw, ""),
            };
            let mut tokens = body.split_whitespace();
            let Some(id) = tokens.next() else {
                continue;
            };
            if !valid_id(id) {
                return Err(fail(format!("invalid vulnerability id {id:?}")));
            }
            let mut entry = IgnoreEntry {
                id: id.to_string(),
                package: None,
                expires: None,
                reason: reason.to_string(),
                line,
            };
            let mut saw_package = false;
            for t in tokens {
                if let Some(date) = t.strip_prefix("exp:") {
                    if entry.expires.is_some() {
                        return Err(fail(format!("second expiry {t:?}")));
                    }
                    if !valid_date(date) {
                        return Err(fail(format!(
                            "invalid expiry date {date:?} (expected YYYY-MM-DD)"
                        )));
                    }
                    entry.expires = Some(date.to_string());
                    continue;
                }
                if saw_package {
                    return Err(fail(format!(
                        "unexpected {t:?}: one package per entry (put reasons after \"#\")"
                    )));
                }
                saw_package = true;
                entry.package = if t == "*" {
                    None
                } else if t.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("pkg:")) {
                    Some(PackageFilter::Purl(
                        Purl::parse(t).map_err(|e| fail(e.to_string()))?,
                    ))
                } else {
                    Some(PackageFilter::Name(t.to_string()))
                };
            }
            entries.push(entry);
        }
        Ok(IgnoreFile {
            path: path.to_path_buf(),
            today: today.to_string(),
            entries,
        })
    }

    /// Every entry, in file order.
    pub fn entries(&self) -> &[IgnoreEntry] {
        &self.entries
    }

    /// Entries whose expiry date has passed.
    pub fn expired(&self) -> Vec<&IgnoreEntry> {
        self.entries.iter().filter(|e| self.is_expired(e)).collect()
    }

    /// One warning per expired entry, for the CLI to print.
    pub fn warnings(&self) -> Vec<String> {
        self.expired()
            .into_iter()
            .map(|e| {
                format!(
                    "{}:{}: ignore entry for {} expired on {}; it no longer suppresses findings",
                    self.path.display(),
                    e.line,
                    e.id,
                    e.expires.as_deref().unwrap_or_default()
                )
            })
            .collect()
    }

    fn is_expired(&self, e: &IgnoreEntry) -> bool {
        // ISO dates order as strings.
        e.expires
            .as_deref()
            .is_some_and(|d| d < self.today.as_str())
    }
}

fn package_matches(filter: &PackageFilter, f: &VulnFinding) -> bool {
    match filter {
        PackageFilter::Name(n) => f.package.name == *n || f.matched_name == *n,
        PackageFilter::Purl(want) => {
            Purl::parse(&f.package.purl).is_ok_and(|have| purl_covers(want, &have))
        }
    }
}

impl Suppressor for IgnoreFile {
    fn verdict(&self, f: &VulnFinding) -> Option<Verdict> {
        let e = self.entries.iter().find(|e| {
            !self.is_expired(e)
                && names_finding(&e.id, f)
                && e.package.as_ref().is_none_or(|p| package_matches(p, f))
        })?;
        Some(Verdict {
            status: "ignored".to_string(),
            reason: e.reason.clone(),
            source: format!("{}:{}", self.path.display(), e.line),
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use mamori_inventory::Ecosystem;
    use mamori_report::PackageRef;

    fn finding(id: &str, aliases: &[&str], name: &str, matched: &str, purl: &str) -> VulnFinding {
        VulnFinding {
            id: id.into(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            package: PackageRef {
                name: name.into(),
                version: "1.0-1".into(),
                ecosystem: Ecosystem::Deb,
                purl: purl.into(),
                location: "/var/lib/dpkg/status".into(),
                layer: None,
            },
            severity: "HIGH".into(),
            severity_source: "none".into(),
            cvss: vec![],
            fixed_version: None,
            summary: String::new(),
            data_source: "Debian:11".into(),
            matched_name: matched.into(),
            explain: String::new(),
        }
    }

    fn parse(text: &str) -> Result<IgnoreFile> {
        IgnoreFile::parse(text, Path::new(".mamoriignore"), "2025-06-15")
    }

    #[test]
    fn format() {
        let f = parse(
            "# comment\n\nCVE-1  # plain\nCVE-2 libssl exp:2025-06-15 # until today\n\
             CVE-3 exp:2025-06-14\nCVE-4 pkg:deb/debian/libssl#sub\nCVE-5 *\n",
        )
        .unwrap();
        let e = f.entries();
        assert_eq!(e.len(), 5);
        assert_eq!(
            (e[0].id.as_str(), e[0].reason.as_str(), e[0].line),
            ("CVE-1", "plain", 3)
        );
        assert_eq!(e[1].package, Some(PackageFilter::Name("libssl".into())));
        assert_eq!(e[1].expires.as_deref(), Some("2025-06-15"));
        assert!(matches!(e[3].package, Some(PackageFilter::Purl(_))));
        assert_eq!(e[4].package, None);
        // Expiry is inclusive of its day.
        assert_eq!(f.expired().len(), 1);
        assert_eq!(f.expired()[0].id, "CVE-3");
        let w = f.warnings();
        assert_eq!(w.len(), 1);
        assert!(
            w[0].starts_with(".mamoriignore:5: ignore entry for CVE-3 expired on 2025-06-14"),
            "{w:?}"
        );
    }

    #[test]
    fn errors_name_file_and_line() {
        for (text, want) in [
            (
                "CVE-1\nCVE-2 exp:2025-13-01\n",
                ".mamoriignore:2: invalid expiry date",
            ),
            ("CVE-1 a b\n", ".mamoriignore:1: unexpected \"b\""),
            ("\"CVE-1\"\n", ".mamoriignore:1: invalid vulnerability id"),
            ("CVE-1 pkg:\n", ".mamoriignore:1: invalid purl"),
            (
                "CVE-1 exp:2025-01-01 exp:2025-01-02\n",
                ".mamoriignore:1: second expiry",
            ),
        ] {
            let e = parse(text).unwrap_err().to_string();
            assert!(e.starts_with(want), "{text:?}: {e}");
        }
    }

    #[test]
    fn trivyignore_plain_format() {
        let f = parse(
            "# Accept the risk\nCVE-2018-14618\n\n# No impact\nCVE-2019-1543 exp:2030-01-01\n",
        )
        .unwrap();
        assert_eq!(f.entries().len(), 2);
        assert!(f.expired().is_empty());
    }

    #[test]
    fn verdicts() {
        let f = parse(
            "cve-1 # by alias\nCVE-2 libssl1.1\nCVE-3 openssl\nCVE-4 pkg:deb/debian/libssl1.1\n\
             CVE-5 exp:2020-01-01\nCVE-6 pkg:deb/debian/libssl1.1@9.9\n",
        )
        .unwrap();
        let purl = "pkg:deb/debian/libssl1.1@1.0-1?arch=amd64&distro=debian-11";
        let mk = |id: &str| finding("DSA-1", &[id], "libssl1.1", "openssl", purl);
        let v = f.verdict(&mk("CVE-1")).unwrap();
        assert_eq!(
            (v.status.as_str(), v.reason.as_str(), v.source.as_str()),
            ("ignored", "by alias", ".mamoriignore:1")
        );
        assert!(f.verdict(&mk("CVE-2")).is_some());
        assert!(f.verdict(&mk("CVE-3")).is_some(), "matched source name");
        assert!(f.verdict(&mk("CVE-4")).is_some());
        assert!(f.verdict(&mk("CVE-5")).is_none(), "expired");
        assert!(f.verdict(&mk("CVE-6")).is_none(), "other version");
        assert!(f.verdict(&mk("CVE-7")).is_none());
        let other = finding("DSA-1", &["CVE-2"], "bash", "bash", "pkg:deb/debian/bash@1");
        assert!(f.verdict(&other).is_none(), "package filter");
    }
}
