//! Reports: the [`Report`] model and its renderings — an aligned text table,
//! mamori's JSON, CycloneDX 1.6 JSON and SPDX 2.3 JSON, and for vulnerability
//! findings SARIF 2.1.0 ([`to_sarif`]) and OpenVEX v0.2.0 ([`to_openvex`]).
//!
//! Renderers are pure functions from a [`Report`] to a string: no I/O, no
//! scanning, no terminal detection (the CLI decides colours and destinations).
//! Timestamps honour `SOURCE_DATE_EPOCH` so outputs can be reproducible.

mod cyclonedx;
mod model;
mod spdx;
mod table;
mod vuln;

pub use cyclonedx::to_cyclonedx;
pub use model::{
    Cvss, ImageInfo, LayerInfo, MalwareFinding, MisconfigFinding, PackageRef, Report,
    ReportPackage, SecretFinding, Suppression, Target, TargetKind, Tool, VulnFinding,
    SCHEMA_VERSION, SEVERITIES,
};
pub use spdx::to_spdx;
pub use table::{to_table, to_table_colored};
pub use vuln::openvex::to_openvex;
pub use vuln::sarif::to_sarif;

use sha2::{Digest, Sha256};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// mamori's JSON report (documented in `docs/json-schema.md`).
pub fn to_json(report: &Report) -> String {
    // Serialising plain data structures cannot fail.
    serde_json::to_string_pretty(report).unwrap_or_default()
}

/// The document timestamp: `SOURCE_DATE_EPOCH` when set, else now.
pub(crate) fn timestamp() -> String {
    let t = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .map(|s| UNIX_EPOCH + Duration::from_secs(s))
        .unwrap_or_else(SystemTime::now);
    humantime::format_rfc3339_seconds(t).to_string()
}

/// A UUID (RFC 4122 layout, version 5-style bits) derived from `seed`, so the
/// same report yields the same document identifiers.
pub(crate) fn stable_uuid(seed: &[u8]) -> String {
    let h = Sha256::digest(seed);
    let mut b = [0u8; 16];
    b.copy_from_slice(&h[..16]);
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    let x = hex::encode(b);
    format!(
        "{}-{}-{}-{}-{}",
        &x[0..8],
        &x[8..12],
        &x[12..16],
        &x[16..20],
        &x[20..32]
    )
}

/// A seed that identifies a report's content.
pub(crate) fn report_seed(report: &Report) -> Vec<u8> {
    let mut s = format!("{}\n{}\n", report.target.name, timestamp());
    for p in &report.packages {
        s.push_str(&p.purl);
        s.push('\n');
        s.push_str(&p.package.location);
        s.push('\n');
    }
    s.into_bytes()
}
