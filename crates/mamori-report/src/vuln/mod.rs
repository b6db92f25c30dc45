//! Vulnerability renderings: the findings table, SARIF 2.1.0, OpenVEX v0.2.0
//! and the `vulnerabilities` section of CycloneDX.
//!
//! Everything here reads [`crate::VulnFinding`] and [`crate::Suppression`]
//! as produced by the matcher and only formats them. It deliberately does not
//! decide severities, match packages or read VEX documents; those belong to
//! the vulnerability crates. Advisory text is untrusted: every renderer that
//! writes to a terminal strips control characters first.

pub(crate) mod cyclonedx;
pub(crate) mod openvex;
pub(crate) mod sarif;
pub(crate) mod table;

use crate::SEVERITIES;

/// Position of `severity` in [`SEVERITIES`]; anything unrecognised counts as
/// `UNKNOWN` so a new label from a data source never breaks rendering.
pub(crate) fn severity_rank(severity: &str) -> usize {
    SEVERITIES
        .iter()
        .position(|s| s.eq_ignore_ascii_case(severity))
        .unwrap_or(0)
}

/// The canonical spelling of a severity (one of [`SEVERITIES`]).
pub(crate) fn severity_label(severity: &str) -> &'static str {
    SEVERITIES[severity_rank(severity)]
}

/// A web page for an advisory id. osv.dev resolves CVE, GHSA, distro and
/// ecosystem ids alike, so one URL scheme serves every data source we read.
pub(crate) fn advisory_url(id: &str) -> String {
    format!("https://osv.dev/vulnerability/{}", percent_encode(id))
}

/// Percent-encodes everything except RFC 3986 unreserved characters and `/`,
/// so file paths and ids are valid URI references.
pub(crate) fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Replaces control characters (including ESC and newlines) with spaces:
/// advisory summaries are third-party text and must not be able to move the
/// cursor or recolour the user's terminal.
pub(crate) fn clean_text(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The text a user acts on: "upgrade NAME to VERSION" or "no fix available".
pub(crate) fn remediation(f: &crate::VulnFinding) -> String {
    match &f.fixed_version {
        Some(v) => format!("upgrade {} to {v}", f.package.name),
        None => "no fix available".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_severity_ranks_lowest() {
        assert_eq!(severity_rank("CRITICAL"), 4);
        assert_eq!(severity_rank("high"), 3);
        assert_eq!(severity_rank("IMPORTANT"), 0);
        assert_eq!(severity_label("medium"), "MEDIUM");
    }

    #[test]
    fn urls_and_text_are_sanitised() {
        assert_eq!(
            advisory_url("DSA-1 2#x"),
            "https://osv.dev/vulnerability/DSA-1%202%23x"
        );
        assert_eq!(clean_text("a\u{1b}[31mb\nc"), "a [31mb c");
    }
}
