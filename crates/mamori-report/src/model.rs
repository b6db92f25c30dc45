//! The report model: everything a scan produced, in the shape the JSON output
//! documents (`docs/json-schema.md`). Renderers read only this.

use mamori_inventory::{OsInfo, Package};
use serde::{Deserialize, Serialize};

/// Version of the JSON report layout; bumped on incompatible changes.
pub const SCHEMA_VERSION: u32 = 1;

/// The complete result of one scan.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Report {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The producing tool.
    pub tool: Tool,
    /// What was scanned.
    pub target: Target,
    /// The detected operating system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub os: Option<OsInfo>,
    /// Packages, each with its purl.
    pub packages: Vec<ReportPackage>,
    /// Vulnerability findings; `None` when vulnerability scanning did not run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vulnerabilities: Option<Vec<VulnFinding>>,
    /// Findings suppressed by an ignore file or VEX statements, with the reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<Suppression>,
    /// Secrets found; `None` when secret scanning did not run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secrets: Option<Vec<SecretFinding>>,
    /// Malware found; `None` when malware scanning did not run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub malware: Option<Vec<MalwareFinding>>,
    /// Image configuration findings; `None` when those checks did not run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub misconfigurations: Option<Vec<MisconfigFinding>>,
}

/// A YARA rule or known-bad hash matching a file of the target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MalwareFinding {
    /// Rule ID (`MAM-MAL-002`, a user rule's ID, `MAM-MAL-HASH`).
    pub rule_id: String,
    /// Rule title.
    pub title: String,
    /// One of [`SEVERITIES`].
    pub severity: String,
    /// MITRE ATT&CK technique IDs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attack: Vec<String>,
    /// Absolute path inside the target.
    pub path: String,
    /// SHA-256 of the file.
    pub sha256: String,
    /// Matched patterns (`$name@0x10`) or the hash list's name for the file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub matched: Vec<String>,
    /// `built-in`, or the rule file / hash list it came from.
    pub source: String,
    /// The layer (diff_id) holding the file, for images.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layer: Option<String>,
    /// True when a later layer deletes or replaces the file (this version is
    /// still inside the image).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deleted_later: bool,
}

/// A problem with how an image is built or configured.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MisconfigFinding {
    /// Check ID (`MAM-IMG-001`).
    pub check_id: String,
    /// Check title.
    pub title: String,
    /// One of [`SEVERITIES`].
    pub severity: String,
    /// What exactly is wrong.
    pub message: String,
    /// `config.User`, `history[3]`, or an absolute path in the image.
    pub location: String,
    /// The layer (diff_id) concerned, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layer: Option<String>,
    /// MITRE ATT&CK technique IDs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attack: Vec<String>,
    /// How to fix it.
    pub remediation: String,
}

/// A secret found in a file of the target (or in the image configuration).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SecretFinding {
    /// Rule that matched (`aws-access-key-id`…).
    pub rule_id: String,
    /// Rule title.
    pub title: String,
    /// One of [`SEVERITIES`].
    pub severity: String,
    /// Absolute path inside the target, or `(image config)` / `(image history)`.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based byte column.
    pub column: usize,
    /// The match with all but a short prefix replaced by `*`.
    pub redacted: String,
    /// Stable fingerprint (rule, path, secret), for baselines.
    pub fingerprint: String,
    /// The layer (diff_id) holding the file, for images.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layer: Option<String>,
    /// True when a later layer deletes or replaces the file: this version is
    /// gone from the final filesystem but still inside the image for anyone
    /// who pulls it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deleted_later: bool,
}

/// Severity levels, lowest first, spelled as in reports.
pub const SEVERITIES: [&str; 5] = ["UNKNOWN", "LOW", "MEDIUM", "HIGH", "CRITICAL"];

/// The package a finding is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackageRef {
    /// Package name as installed.
    pub name: String,
    /// Installed version.
    pub version: String,
    /// Ecosystem (`deb`, `npm`…).
    pub ecosystem: mamori_inventory::Ecosystem,
    /// purl of the package.
    pub purl: String,
    /// File it was found in.
    pub location: String,
    /// Layer (diff_id) that introduced it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layer: Option<String>,
}

/// A CVSS vector with its base score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cvss {
    /// The vector as published (`CVSS:3.1/AV:N/…`).
    pub vector: String,
    /// Base score when the vector parsed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
}

/// One vulnerability affecting one package.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VulnFinding {
    /// Primary id (distro id for OS packages, else CVE, else GHSA, else the record id).
    pub id: String,
    /// Other ids of the same vulnerability (CVE, GHSA, distro ids), sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The affected package.
    pub package: PackageRef,
    /// One of [`SEVERITIES`].
    pub severity: String,
    /// Where the severity came from (`package rating`, `cvss 3.x`…).
    pub severity_source: String,
    /// CVSS vectors and scores.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cvss: Vec<Cvss>,
    /// The lowest fixed version above the installed one, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed_version: Option<String>,
    /// One-line summary.
    pub summary: String,
    /// The advisory data it came from (OSV ecosystem, e.g. `Debian:12`, `PyPI`).
    pub data_source: String,
    /// The name that was matched (the source package for Debian/Alpine).
    pub matched_name: String,
    /// Why it matched: record, range or version list.
    pub explain: String,
}

/// A finding left out of the results, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suppression {
    /// The finding.
    pub finding: VulnFinding,
    /// `ignored` (ignore file), `not_affected` or `fixed` (VEX).
    pub status: String,
    /// The statement's justification or reason, as written.
    pub reason: String,
    /// Where the statement came from (`.mamoriignore:12`, `vex.json`).
    pub source: String,
}

/// Tool identification.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Tool {
    /// `mamori`.
    pub name: String,
    /// Crate version.
    pub version: String,
}

impl Default for Tool {
    fn default() -> Self {
        Tool {
            name: "mamori".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        }
    }
}

/// What kind of thing was scanned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TargetKind {
    /// A container image.
    Image,
    /// A project directory.
    Fs,
    /// An unpacked root filesystem.
    Rootfs,
    /// An SBOM document.
    Sbom,
}

/// The scanned target.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Target {
    /// Kind.
    pub kind: TargetKind,
    /// The reference or path as given.
    pub name: String,
    /// Image details (images only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<ImageInfo>,
}

/// Image metadata.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImageInfo {
    /// Manifest digest, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manifest_digest: Option<String>,
    /// Config digest (the image ID).
    pub config_digest: String,
    /// Repository tag, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repo_tag: Option<String>,
    /// `os/architecture`.
    pub platform: String,
    /// Layers, base first.
    pub layers: Vec<LayerInfo>,
}

/// One image layer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LayerInfo {
    /// Blob digest.
    pub digest: String,
    /// Uncompressed digest.
    pub diff_id: String,
    /// The build step that made it, from the config history.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
}

/// A package with its package URL.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportPackage {
    /// The package.
    #[serde(flatten)]
    pub package: Package,
    /// Its purl.
    pub purl: String,
}

impl Report {
    /// Builds a report, computing purls with the detected OS.
    pub fn new(target: Target, os: Option<OsInfo>, packages: Vec<Package>) -> Report {
        let packages = packages
            .into_iter()
            .map(|mut p| {
                p.files.clear();
                let purl = mamori_inventory::purl(&p, os.as_ref());
                ReportPackage { package: p, purl }
            })
            .collect();
        Report {
            schema_version: SCHEMA_VERSION,
            tool: Tool::default(),
            target,
            os,
            packages,
            vulnerabilities: None,
            suppressed: Vec::new(),
            secrets: None,
            malware: None,
            misconfigurations: None,
        }
    }
}
