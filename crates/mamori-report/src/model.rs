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
        }
    }
}
