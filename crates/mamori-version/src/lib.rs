//! Version ordering per ecosystem (work in progress).

use std::cmp::Ordering;

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
}

impl Scheme {
    /// The scheme for an OSV ecosystem name (`Debian:12` → Dpkg, `PyPI` → Pep440, …).
    pub fn for_osv_ecosystem(eco: &str) -> Option<Scheme> {
        let base = eco.split(':').next().unwrap_or(eco);
        Some(match base {
            "Debian" | "Ubuntu" => Scheme::Dpkg,
            "Alpine" | "Wolfi" | "Chainguard" => Scheme::Apk,
            "AlmaLinux" | "Rocky Linux" | "Red Hat" | "SUSE" | "openSUSE" | "Mageia" | "openEuler" => Scheme::Rpm,
            "PyPI" => Scheme::Pep440,
            "npm" | "crates.io" => Scheme::Semver,
            "Go" => Scheme::Go,
            "Maven" => Scheme::Maven,
            "RubyGems" => Scheme::Rubygems,
            "NuGet" => Scheme::Nuget,
            "Packagist" => Scheme::Composer,
            "Hex" => Scheme::Hex,
            "Pub" => Scheme::Pub,
            _ => return None,
        })
    }
}

/// Compares two versions under `scheme`. Total: unparsable input still gets a
/// deterministic order (never panics).
pub fn compare(scheme: Scheme, a: &str, b: &str) -> Ordering {
    let _ = scheme;
    a.cmp(b)
}
