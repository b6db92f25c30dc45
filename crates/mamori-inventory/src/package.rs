//! The package model every analyzer produces and every report consumes.
//!
//! A [`Package`] is deliberately flat and serialisable: it is what the layer
//! cache stores and what the JSON report documents (`docs/json-schema.md`).
//! It knows nothing of vulnerabilities.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Where a package comes from. OS variants are matched against distro advisories,
/// language variants against their registry's advisories. The `osv_name` of each
/// variant is the ecosystem string of the OSV schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ecosystem {
    /// Debian-family dpkg packages (`deb` purl type).
    Deb,
    /// Alpine apk packages.
    Apk,
    /// RPM packages (RHEL, Fedora, SUSE, Mariner…).
    Rpm,
    /// Rust crates (Cargo.lock, cargo-auditable binaries).
    Cargo,
    /// Python distributions.
    Pypi,
    /// npm packages (package-lock, yarn, pnpm, node_modules).
    Npm,
    /// Go modules (go.mod, binaries' build info, the Go stdlib).
    Go,
    /// Maven artifacts (jars, pom.xml, gradle lockfiles).
    Maven,
    /// Ruby gems.
    Rubygems,
    /// PHP Composer packages.
    Composer,
    /// .NET NuGet packages.
    Nuget,
}

impl Ecosystem {
    /// All ecosystems, in display order.
    pub const ALL: [Ecosystem; 11] = [
        Ecosystem::Deb,
        Ecosystem::Apk,
        Ecosystem::Rpm,
        Ecosystem::Cargo,
        Ecosystem::Pypi,
        Ecosystem::Npm,
        Ecosystem::Go,
        Ecosystem::Maven,
        Ecosystem::Rubygems,
        Ecosystem::Composer,
        Ecosystem::Nuget,
    ];

    /// The package-url type (<https://github.com/package-url/purl-spec>).
    pub fn purl_type(self) -> &'static str {
        match self {
            Ecosystem::Deb => "deb",
            Ecosystem::Apk => "apk",
            Ecosystem::Rpm => "rpm",
            Ecosystem::Cargo => "cargo",
            Ecosystem::Pypi => "pypi",
            Ecosystem::Npm => "npm",
            Ecosystem::Go => "golang",
            Ecosystem::Maven => "maven",
            Ecosystem::Rubygems => "gem",
            Ecosystem::Composer => "composer",
            Ecosystem::Nuget => "nuget",
        }
    }

    /// True for packages managed by the operating system's package manager.
    pub fn is_os(self) -> bool {
        matches!(self, Ecosystem::Deb | Ecosystem::Apk | Ecosystem::Rpm)
    }

    /// The OSV ecosystem name for language ecosystems (OS ecosystems depend on the distro).
    pub fn osv_name(self) -> Option<&'static str> {
        Some(match self {
            Ecosystem::Cargo => "crates.io",
            Ecosystem::Pypi => "PyPI",
            Ecosystem::Npm => "npm",
            Ecosystem::Go => "Go",
            Ecosystem::Maven => "Maven",
            Ecosystem::Rubygems => "RubyGems",
            Ecosystem::Composer => "Packagist",
            Ecosystem::Nuget => "NuGet",
            Ecosystem::Deb | Ecosystem::Apk | Ecosystem::Rpm => return None,
        })
    }

    /// Short lower-case name used in tables and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Ecosystem::Deb => "deb",
            Ecosystem::Apk => "apk",
            Ecosystem::Rpm => "rpm",
            Ecosystem::Cargo => "cargo",
            Ecosystem::Pypi => "pypi",
            Ecosystem::Npm => "npm",
            Ecosystem::Go => "go",
            Ecosystem::Maven => "maven",
            Ecosystem::Rubygems => "rubygems",
            Ecosystem::Composer => "composer",
            Ecosystem::Nuget => "nuget",
        }
    }
}

impl fmt::Display for Ecosystem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One installed or declared package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Package {
    /// Package name as its ecosystem spells it. Maven: `group:artifact`.
    /// Go: the module path. npm: including the `@scope/` prefix.
    pub name: String,
    /// Version as recorded. OS packages: the full version (`[epoch:]version[-release]`
    /// for deb/rpm, `version-rN` for apk).
    pub version: String,
    /// Ecosystem the package belongs to.
    pub ecosystem: Ecosystem,
    /// Source package name (dpkg `Source:`, apk origin, rpm source rpm name) where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_name: Option<String>,
    /// Source package version where it differs or is recorded (dpkg `Source: name (ver)`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_version: Option<String>,
    /// CPU architecture for OS packages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arch: Option<String>,
    /// RPM epoch, kept separately because it changes comparison and purls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub epoch: Option<u32>,
    /// RPM modularity label (`name:stream:version:context`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modularity_label: Option<String>,
    /// Declared licences (free text as recorded).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub licenses: Vec<String>,
    /// The file this package was read from (absolute path inside the scanned target).
    pub location: String,
    /// The layer (diff_id) that introduced this package, for image scans.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layer: Option<String>,
    /// True for development-only dependencies declared as such by a lockfile.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dev: bool,
    /// Files owned by an OS package (absolute paths). Not serialised in reports;
    /// used to attribute language packages to the OS package that installed them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<String>,
}

impl Package {
    /// A package with the required fields set and everything else empty.
    pub fn new(
        ecosystem: Ecosystem,
        name: impl Into<String>,
        version: impl Into<String>,
        location: impl Into<String>,
    ) -> Package {
        Package {
            name: name.into(),
            version: version.into(),
            ecosystem,
            source_name: None,
            source_version: None,
            arch: None,
            epoch: None,
            modularity_label: None,
            licenses: Vec::new(),
            location: location.into(),
            layer: None,
            dev: false,
            files: Vec::new(),
        }
    }
}
