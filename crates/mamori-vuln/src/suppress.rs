//! Suppression: moving findings that an ignore file or a VEX document rules
//! out into the report's `suppressed` list, with the status, reason and the
//! statement's source, instead of silently dropping them.
//!
//! This module only applies verdicts; reading the documents is done by
//! [`crate::IgnoreFile`] and [`crate::Vex`]. It does not decide precedence
//! between sources beyond "the first suppressor that matches wins".

use mamori_report::{Suppression, VulnFinding};

/// Why a finding is suppressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// `ignored` (ignore file), `not_affected` or `fixed` (VEX).
    pub status: String,
    /// The justification or reason as written (may be empty).
    pub reason: String,
    /// Where the statement is (`.mamoriignore:12`, `vex.json`).
    pub source: String,
}

/// Something that can rule a finding out.
pub trait Suppressor {
    /// The verdict for `finding`, or `None` to keep it.
    fn verdict(&self, finding: &VulnFinding) -> Option<Verdict>;
}

/// Splits `findings` into those kept and those suppressed. Suppressors are
/// asked in order; the first verdict wins. The order of both lists follows
/// the input.
pub fn apply_suppressions(
    findings: Vec<VulnFinding>,
    suppressors: &[&dyn Suppressor],
) -> (Vec<VulnFinding>, Vec<Suppression>) {
    let mut kept = Vec::with_capacity(findings.len());
    let mut suppressed = Vec::new();
    for f in findings {
        match suppressors.iter().find_map(|s| s.verdict(&f)) {
            Some(v) => suppressed.push(Suppression {
                finding: f,
                status: v.status,
                reason: v.reason,
                source: v.source,
            }),
            None => kept.push(f),
        }
    }
    (kept, suppressed)
}

/// True when `id` names the finding: its primary id or any alias
/// (case-insensitive, as ids are written `cve-…` in some documents).
pub(crate) fn names_finding(id: &str, f: &VulnFinding) -> bool {
    let id = id.trim();
    !id.is_empty()
        && (f.id.eq_ignore_ascii_case(id) || f.aliases.iter().any(|a| a.eq_ignore_ascii_case(id)))
}

/// The version a purl names, with an RPM/deb `epoch` qualifier folded in
/// (`5.1-2` + `epoch=1` → `1:5.1-2`), so both spellings compare equal.
fn full_version(p: &mamori_sbom::Purl) -> Option<String> {
    let v = p.version.as_deref()?;
    match p.qualifier("epoch").filter(|e| *e != "0") {
        Some(e) if !v.contains(':') => Some(format!("{e}:{v}")),
        _ => Some(v.strip_prefix("0:").unwrap_or(v).to_string()),
    }
}

fn norm_name(ty: &str, name: &str) -> String {
    if ty == "pypi" {
        name.to_ascii_lowercase().replace(['_', '.'], "-")
    } else {
        name.to_string()
    }
}

/// True when a statement's purl `want` covers the package purl `have`: same
/// type, namespace (case-insensitive, distros spell `Debian`/`debian`) and
/// name; the version must be equal when `want` has one; every qualifier of
/// `want` (other than `epoch`, folded into the version) must be present with
/// the same value in `have`, so a statement without qualifiers covers every
/// arch and distro.
pub(crate) fn purl_covers(want: &mamori_sbom::Purl, have: &mamori_sbom::Purl) -> bool {
    if want.ty != have.ty
        || norm_name(&want.ty, &want.name) != norm_name(&have.ty, &have.name)
        || !want
            .namespace
            .as_deref()
            .unwrap_or("")
            .eq_ignore_ascii_case(have.namespace.as_deref().unwrap_or(""))
    {
        return false;
    }
    if want.version.is_some() && full_version(want) != full_version(have) {
        return false;
    }
    want.qualifiers
        .iter()
        .filter(|(k, _)| k != "epoch")
        .all(|(k, v)| have.qualifier(k) == Some(v.as_str()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use mamori_sbom::Purl;

    fn covers(want: &str, have: &str) -> bool {
        purl_covers(&Purl::parse(want).unwrap(), &Purl::parse(have).unwrap())
    }

    #[test]
    fn purl_rules() {
        let have = "pkg:deb/debian/openssl@1.1.1n-0%2Bdeb11u3?arch=amd64&distro=debian-11";
        assert!(covers("pkg:deb/debian/openssl", have));
        assert!(covers("pkg:deb/Debian/openssl@1.1.1n-0+deb11u3", have));
        assert!(covers("pkg:deb/debian/openssl?arch=amd64", have));
        assert!(!covers("pkg:deb/debian/openssl?arch=arm64", have));
        assert!(!covers("pkg:deb/debian/openssl@1.1.1n-0", have));
        assert!(!covers("pkg:deb/ubuntu/openssl", have));
        assert!(!covers("pkg:rpm/debian/openssl", have));
        assert!(covers(
            "pkg:rpm/almalinux/bash@1:5.1-2",
            "pkg:rpm/almalinux/bash@5.1-2?epoch=1&arch=x86_64"
        ));
        assert!(covers("pkg:pypi/Foo_Bar@1.0", "pkg:pypi/foo-bar@1.0"));
    }
}
