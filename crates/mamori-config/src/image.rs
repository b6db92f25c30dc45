//! Image configuration checks: what `docker inspect` and the layers say about
//! how an image will run (its user, health check, exposed ports, environment,
//! build history) and what its layers leave behind (setuid/setgid and
//! world-writable files, package manager caches).
//!
//! The caller (the CLI) gathers [`ImageFacts`] from the image configuration and
//! the file facts recorded during the one pass over each layer; the checks in
//! `checks/image/` are pure functions over those facts. Nothing here reads
//! files or layers.

use crate::checks::{registry, Run, Severity};
use crate::scanner::Settings;
use serde::Serialize;

/// Everything the image checks look at.
#[derive(Debug, Clone, Default)]
pub struct ImageFacts {
    /// `config.User` (empty or absent means root).
    pub user: Option<String>,
    /// `config.Healthcheck.Test`, if any.
    pub healthcheck: Option<Vec<String>>,
    /// `config.ExposedPorts` keys (`22/tcp`).
    pub exposed_ports: Vec<String>,
    /// `config.Env` entries (`NAME=value`).
    pub env: Vec<String>,
    /// Build history, oldest first.
    pub history: Vec<HistoryStep>,
    /// Setuid/setgid/world-writable files, with their layers.
    pub files: Vec<ImageFile>,
    /// Package caches left in layers.
    pub caches: Vec<ImageCache>,
}

/// One build step from the image history.
#[derive(Debug, Clone, Default)]
pub struct HistoryStep {
    /// The `created_by` command.
    pub created_by: String,
    /// The layer (diff_id) the step produced; `None` for empty layers.
    pub layer: Option<String>,
}

/// Why a file is in [`ImageFacts::files`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFileKind {
    /// Setuid regular file.
    Setuid,
    /// Setgid regular file.
    Setgid,
    /// World-writable regular file.
    WorldWritable,
    /// World-writable directory without the sticky bit.
    WorldWritableDir,
}

/// A file with notable permissions in some layer.
#[derive(Debug, Clone)]
pub struct ImageFile {
    /// Path without a leading `/`.
    pub path: String,
    /// Why it is listed.
    pub kind: ImageFileKind,
    /// Permission bits.
    pub mode: u32,
    /// Layer (diff_id) holding this version of the file.
    pub layer: String,
    /// True when a later layer deletes or replaces it (not in the final
    /// filesystem).
    pub deleted_later: bool,
}

/// A package manager cache one layer left behind.
#[derive(Debug, Clone)]
pub struct ImageCache {
    /// Cache name (`apt package lists`).
    pub cache: String,
    /// Directory without a leading `/`.
    pub dir: String,
    /// Files in it.
    pub files: u64,
    /// Their total size.
    pub bytes: u64,
    /// Layer (diff_id).
    pub layer: String,
}

/// A finding from an image check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImageFinding {
    /// Check ID (`MAM-IMG-001`).
    pub check_id: String,
    /// Check title.
    pub title: String,
    /// Severity (after user overrides).
    pub severity: Severity,
    /// What exactly is wrong.
    pub message: String,
    /// Where: a configuration field (`config.User`), a history step
    /// (`history[3]`) or an absolute file path.
    pub location: String,
    /// The layer (diff_id) concerned, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layer: Option<String>,
    /// MITRE ATT&CK technique IDs.
    pub attack: Vec<String>,
    /// Remediation, from the check's documentation.
    pub remediation: String,
}

/// Where image checks put what they found.
#[derive(Debug, Default)]
pub struct ImageOut {
    items: Vec<(String, Option<String>, String)>,
}

impl ImageOut {
    /// Reports a problem at `location`, optionally in a layer.
    pub fn emit(
        &mut self,
        location: impl Into<String>,
        layer: Option<&str>,
        message: impl Into<String>,
    ) {
        self.items
            .push((location.into(), layer.map(str::to_string), message.into()));
    }
}

/// `(cache name, directory)` of the package manager caches the
/// package-cache check looks for; hand these to the layer walk.
pub use crate::checks::image::package_cache_left::PACKAGE_CACHE_DIRS;

/// Runs every enabled image check.
pub fn scan_image(facts: &ImageFacts, settings: &Settings) -> Vec<ImageFinding> {
    let mut out = Vec::new();
    for c in registry() {
        let Run::Image(f) = c.run else { continue };
        if settings.disabled.contains(c.id) {
            continue;
        }
        let mut o = ImageOut::default();
        f(facts, &mut o);
        let severity = settings
            .severity_overrides
            .get(c.id)
            .copied()
            .unwrap_or(c.severity);
        let remediation = section(c.doc(), "Remediation");
        for (location, layer, message) in o.items {
            out.push(ImageFinding {
                check_id: c.id.to_string(),
                title: c.title.to_string(),
                severity,
                message,
                location,
                layer,
                attack: c.attack.iter().map(|s| s.to_string()).collect(),
                remediation: remediation.clone(),
            });
        }
    }
    out
}

/// The text of a `## name` section of a check's documentation.
fn section(doc: &str, name: &str) -> String {
    let head = format!("## {name}");
    let mut lines = doc.lines().skip_while(|l| l.trim() != head);
    lines.next();
    lines
        .take_while(|l| !l.starts_with("## "))
        .collect::<Vec<_>>()
        .join(" ")
        .trim()
        .to_string()
}

/// True when `user` (a `config.User` value) means root: empty, `root`, `0`,
/// or either with a group.
pub(crate) fn is_root_user(user: Option<&str>) -> bool {
    let u = user.unwrap_or("").trim();
    let name = u.split(':').next().unwrap_or("");
    name.is_empty() || name == "root" || name == "0"
}
