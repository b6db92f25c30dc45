//! Version parsing and ordering for every ecosystem mamori matches: dpkg,
//! apk, rpm, PEP 440, SemVer (npm, crates.io), Go, Maven, RubyGems, NuGet,
//! Composer, Hex, Pub, CRAN and Hackage — each written by hand after the
//! ecosystem's reference implementation, one module per scheme.
//!
//! Every comparator is a *total* order over arbitrary strings and never
//! panics: versions a scheme cannot parse still get a deterministic place
//! (each module documents its rule — for the grammar-based schemes, invalid
//! strings sort before every valid version and among themselves by bytes).
//! Numbers of any length compare correctly without big-integer arithmetic,
//! and nothing allocates more than a small multiple of the input.
//!
//! This crate deliberately knows nothing about version *ranges* or
//! constraints (`>=1,<2`, `^1.2`, `~> 1.0`), advisories, packages or I/O;
//! `mamori-vulndb` builds range matching on top of [`compare`].
//!
//! ```
//! use mamori_version::{compare, validate, Scheme};
//! use std::cmp::Ordering;
//!
//! let deb = Scheme::for_osv_ecosystem("Debian:12").unwrap();
//! assert_eq!(compare(deb, "1:2.30-1~bpo1", "1:2.30-1"), Ordering::Less);
//! assert_eq!(compare(Scheme::Pep440, "1.0rc1", "1.0"), Ordering::Less);
//! assert!(validate(Scheme::Semver, "1.2.3-beta.1").is_ok());
//! assert!(validate(Scheme::Semver, "not-a-version").is_err());
//! ```

mod apk;
mod composer;
mod cran;
mod dpkg;
mod go;
mod hackage;
mod hex;
mod maven;
mod nuget;
mod num;
mod pep440;
mod pubdev;
mod rpm;
mod rubygems;
mod semver;

use std::cmp::Ordering;
use std::fmt;

/// Which comparison algorithm to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// Debian/Ubuntu dpkg.
    Dpkg,
    /// Alpine apk.
    Apk,
    /// RPM (rpmvercmp with epoch).
    Rpm,
    /// PEP 440.
    Pep440,
    /// SemVer 2.0 (npm, crates.io, generic SEMVER ranges).
    Semver,
    /// Go modules.
    Go,
    /// Maven ComparableVersion.
    Maven,
    /// RubyGems.
    Rubygems,
    /// NuGet.
    Nuget,
    /// Composer.
    Composer,
    /// Hex (Erlang/Elixir, SemVer-like).
    Hex,
    /// Dart Pub.
    Pub,
    /// CRAN (R `package_version`).
    Cran,
    /// Hackage (Haskell `Data.Version`).
    Hackage,
}

impl Scheme {
    /// Every scheme, in declaration order.
    pub const ALL: [Scheme; 14] = [
        Scheme::Dpkg,
        Scheme::Apk,
        Scheme::Rpm,
        Scheme::Pep440,
        Scheme::Semver,
        Scheme::Go,
        Scheme::Maven,
        Scheme::Rubygems,
        Scheme::Nuget,
        Scheme::Composer,
        Scheme::Hex,
        Scheme::Pub,
        Scheme::Cran,
        Scheme::Hackage,
    ];

    /// The scheme for an OSV ecosystem name (`Debian:12` → Dpkg, `PyPI` → Pep440, …).
    pub fn for_osv_ecosystem(eco: &str) -> Option<Scheme> {
        let base = eco.split(':').next().unwrap_or(eco);
        Some(match base {
            "Debian" | "Ubuntu" => Scheme::Dpkg,
            "Alpine" | "Wolfi" | "Chainguard" | "MinimOS" => Scheme::Apk,
            "AlmaLinux" | "Rocky Linux" | "Red Hat" | "SUSE" | "openSUSE" | "Mageia"
            | "openEuler" | "Photon OS" | "Azure Linux" => Scheme::Rpm,
            "PyPI" => Scheme::Pep440,
            "npm" | "crates.io" | "Bitnami" => Scheme::Semver,
            "Go" => Scheme::Go,
            "Maven" => Scheme::Maven,
            "RubyGems" => Scheme::Rubygems,
            "NuGet" => Scheme::Nuget,
            "Packagist" => Scheme::Composer,
            "Hex" => Scheme::Hex,
            "Pub" => Scheme::Pub,
            "CRAN" => Scheme::Cran,
            "Hackage" => Scheme::Hackage,
            _ => return None,
        })
    }

    /// A short lower-case name for messages (`dpkg`, `pep440`, …).
    pub fn name(self) -> &'static str {
        match self {
            Scheme::Dpkg => "dpkg",
            Scheme::Apk => "apk",
            Scheme::Rpm => "rpm",
            Scheme::Pep440 => "pep440",
            Scheme::Semver => "semver",
            Scheme::Go => "go",
            Scheme::Maven => "maven",
            Scheme::Rubygems => "rubygems",
            Scheme::Nuget => "nuget",
            Scheme::Composer => "composer",
            Scheme::Hex => "hex",
            Scheme::Pub => "pub",
            Scheme::Cran => "cran",
            Scheme::Hackage => "hackage",
        }
    }
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Longest version text quoted in an error message, so that a hostile
/// megabyte-long "version" cannot flood a log.
const QUOTE_MAX: usize = 80;

/// A version string that does not follow its scheme's grammar.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {scheme} version {version:?}: {reason}")]
pub struct VersionError {
    /// The scheme the version was checked against.
    pub scheme: Scheme,
    /// The offending version, cut to at most 80 characters.
    pub version: String,
    /// What is wrong, in lower case.
    pub reason: String,
}

/// Compares two versions under `scheme`. Total: unparsable input still gets a
/// deterministic order (never panics).
pub fn compare(scheme: Scheme, a: &str, b: &str) -> Ordering {
    match scheme {
        Scheme::Dpkg => dpkg::compare(a, b),
        Scheme::Apk => apk::compare(a, b),
        Scheme::Rpm => rpm::compare(a, b),
        Scheme::Pep440 => pep440::compare(a, b),
        Scheme::Semver => semver::compare(a, b),
        Scheme::Go => go::compare(a, b),
        Scheme::Maven => maven::compare(a, b),
        Scheme::Rubygems => rubygems::compare(a, b),
        Scheme::Nuget => nuget::compare(a, b),
        Scheme::Composer => composer::compare(a, b),
        Scheme::Hex => hex::compare(a, b),
        Scheme::Pub => pubdev::compare(a, b),
        Scheme::Cran => cran::compare(a, b),
        Scheme::Hackage => hackage::compare(a, b),
    }
}

/// Checks that `version` follows `scheme`'s grammar. [`compare`] accepts
/// invalid versions too; use this to report them.
pub fn validate(scheme: Scheme, version: &str) -> Result<(), VersionError> {
    let reason: Option<String> = if version.trim().is_empty() {
        Some("version is empty".into())
    } else {
        match scheme {
            Scheme::Dpkg => dpkg::validate(version).err(),
            Scheme::Apk => (!apk::parse(version.trim()).is_valid())
                .then(|| "does not match number{.number}{letter}{_suffix{n}}{~hash}{-rN}".into()),
            Scheme::Rpm => version
                .trim()
                .chars()
                .find(|&c| !(c.is_ascii_alphanumeric() || "._+~^:-".contains(c)))
                .map(|c| format!("invalid character {c:?}")),
            Scheme::Pep440 => pep440::parse(version)
                .is_none()
                .then(|| "does not follow pep 440".into()),
            Scheme::Semver | Scheme::Go | Scheme::Hex => semver::parse(version, semver::SEMVER)
                .is_none()
                .then(|| "expected major[.minor[.patch]][-pre][+build]".into()),
            Scheme::Nuget => (!nuget::is_valid(version))
                .then(|| "expected major[.minor[.patch[.revision]]][-pre][+build]".into()),
            Scheme::Pub => (!pubdev::is_valid(version))
                .then(|| "expected major.minor.patch[-pre][+build]".into()),
            Scheme::Rubygems => (!rubygems::is_valid(version))
                .then(|| "does not match gem::version's pattern".into()),
            Scheme::Maven | Scheme::Composer => None,
            Scheme::Cran => cran::parse(version)
                .is_none()
                .then(|| "expected numbers separated by '.' or '-'".into()),
            Scheme::Hackage => hackage::parse(version)
                .is_none()
                .then(|| "expected numbers separated by '.'".into()),
        }
    };
    match reason {
        None => Ok(()),
        Some(reason) => Err(VersionError {
            scheme,
            version: version.chars().take(QUOTE_MAX).collect(),
            reason,
        }),
    }
}

/// Whether `version` follows `scheme`'s grammar (see [`validate`]).
pub fn is_valid(scheme: Scheme, version: &str) -> bool {
    validate(scheme, version).is_ok()
}

/// The shared rule of the grammar-based schemes: versions that parse compare by
/// their parsed form; an invalid version sorts before every valid one, and
/// invalid versions compare by bytes, so the order stays total.
pub(crate) fn valid_first<T: Ord>(a: &str, b: &str, parse: impl Fn(&str) -> Option<T>) -> Ordering {
    match (parse(a), parse(b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (None, None) => a.cmp(b),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap.
mod tests {
    use super::*;

    #[test]
    fn osv_ecosystems_map_to_schemes() {
        assert_eq!(Scheme::for_osv_ecosystem("Debian:12"), Some(Scheme::Dpkg));
        assert_eq!(Scheme::for_osv_ecosystem("Alpine:v3.19"), Some(Scheme::Apk));
        assert_eq!(
            Scheme::for_osv_ecosystem("Red Hat:enterprise_linux:9"),
            Some(Scheme::Rpm)
        );
        assert_eq!(Scheme::for_osv_ecosystem("crates.io"), Some(Scheme::Semver));
        assert_eq!(Scheme::for_osv_ecosystem("CRAN"), Some(Scheme::Cran));
        assert_eq!(Scheme::for_osv_ecosystem("Nope"), None);
    }

    #[test]
    fn errors_name_scheme_and_value() {
        let e = validate(Scheme::Pep440, "french toast").unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid pep440 version \"french toast\": does not follow pep 440"
        );
        let long = "x".repeat(10_000);
        let e = validate(Scheme::Semver, &long).unwrap_err();
        assert!(e.to_string().len() < 200);
        assert!(validate(Scheme::Maven, " ").is_err());
        for s in Scheme::ALL {
            assert_eq!(s.to_string(), s.name());
        }
    }
}
