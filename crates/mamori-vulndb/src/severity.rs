//! The five-level severity scale every finding is reported on, and the
//! translation of the vocabularies advisories use into it.
//!
//! This module only names levels; it does not decide *which* rating of a record
//! wins (that is [`crate::advisory`]'s job) and it does not score CVSS vectors
//! ([`crate::cvss`] does).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Severity of a finding. Ordered from least to most severe, so `max()` picks
/// the worst and `--severity HIGH` filters with `>=`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "UPPERCASE")]
pub enum Severity {
    /// No rating and no scorable CVSS vector.
    #[default]
    Unknown,
    /// CVSS 0.1–3.9, or a vendor's low/negligible/unimportant.
    Low,
    /// CVSS 4.0–6.9, or moderate/medium.
    Medium,
    /// CVSS 7.0–8.9, or high/important.
    High,
    /// CVSS 9.0–10.0, or critical.
    Critical,
}

impl Severity {
    /// All levels, least severe first.
    pub const ALL: [Severity; 5] = [
        Severity::Unknown,
        Severity::Low,
        Severity::Medium,
        Severity::High,
        Severity::Critical,
    ];

    /// Upper-case name as printed in reports (`UNKNOWN`, `LOW`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Unknown => "UNKNOWN",
            Severity::Low => "LOW",
            Severity::Medium => "MEDIUM",
            Severity::High => "HIGH",
            Severity::Critical => "CRITICAL",
        }
    }

    /// The qualitative rating of a CVSS (v3 or v4) score. A score of 0.0 is
    /// "None" in CVSS; we report it as [`Severity::Unknown`] because a finding
    /// that matched is never "no severity" to a user.
    pub fn from_cvss_score(score: f64) -> Severity {
        if score >= 9.0 {
            Severity::Critical
        } else if score >= 7.0 {
            Severity::High
        } else if score >= 4.0 {
            Severity::Medium
        } else if score > 0.0 {
            Severity::Low
        } else {
            Severity::Unknown
        }
    }

    /// Lenient reading of the words advisory sources use: GHSA's `MODERATE`,
    /// Red Hat/AlmaLinux `Important`, Ubuntu's `negligible`, Debian's
    /// `unimportant` urgency (all case-insensitive). Anything else, such as
    /// Debian's "not yet assigned", is `None`.
    pub fn from_vendor(word: &str) -> Option<Severity> {
        let w = word.trim().trim_end_matches('*').to_ascii_lowercase();
        Some(match w.as_str() {
            "critical" => Severity::Critical,
            "high" | "important" => Severity::High,
            "moderate" | "medium" => Severity::Medium,
            "low" | "negligible" | "unimportant" => Severity::Low,
            _ => return None,
        })
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The string is not one of UNKNOWN, LOW, MEDIUM, HIGH, CRITICAL.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid severity {0:?} (expected UNKNOWN, LOW, MEDIUM, HIGH or CRITICAL)")]
pub struct ParseSeverityError(pub String);

impl FromStr for Severity {
    type Err = ParseSeverityError;

    /// Strict, case-insensitive parse of the five level names (for CLI flags
    /// and config files, where a typo must be an error, not a silent UNKNOWN).
    fn from_str(s: &str) -> Result<Severity, ParseSeverityError> {
        Severity::ALL
            .into_iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| ParseSeverityError(s.to_string()))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn ordered_least_to_most_severe() {
        assert!(Severity::Unknown < Severity::Low);
        assert!(Severity::Low < Severity::Medium);
        assert!(Severity::High < Severity::Critical);
        assert_eq!(Severity::ALL.iter().max(), Some(&Severity::Critical));
    }

    #[test]
    fn parses_strictly() {
        assert_eq!("high".parse::<Severity>(), Ok(Severity::High));
        assert_eq!(" CRITICAL ".parse::<Severity>(), Ok(Severity::Critical));
        assert!("moderate".parse::<Severity>().is_err());
        assert!("".parse::<Severity>().is_err());
        for s in Severity::ALL {
            assert_eq!(s.to_string().parse::<Severity>(), Ok(s));
        }
    }

    #[test]
    fn vendor_words() {
        assert_eq!(Severity::from_vendor("MODERATE"), Some(Severity::Medium));
        assert_eq!(Severity::from_vendor("Important"), Some(Severity::High));
        assert_eq!(Severity::from_vendor("negligible"), Some(Severity::Low));
        assert_eq!(Severity::from_vendor("unimportant"), Some(Severity::Low));
        assert_eq!(Severity::from_vendor("not yet assigned"), None);
    }

    #[test]
    fn cvss_bands() {
        assert_eq!(Severity::from_cvss_score(0.0), Severity::Unknown);
        assert_eq!(Severity::from_cvss_score(0.1), Severity::Low);
        assert_eq!(Severity::from_cvss_score(3.9), Severity::Low);
        assert_eq!(Severity::from_cvss_score(4.0), Severity::Medium);
        assert_eq!(Severity::from_cvss_score(6.9), Severity::Medium);
        assert_eq!(Severity::from_cvss_score(7.0), Severity::High);
        assert_eq!(Severity::from_cvss_score(8.9), Severity::High);
        assert_eq!(Severity::from_cvss_score(9.0), Severity::Critical);
        assert_eq!(Severity::from_cvss_score(10.0), Severity::Critical);
    }
}
