//! Secret scanning glue: building the scanner from flags, and turning the
//! per-layer findings into report entries (with the layer that holds each file
//! and whether a later layer deletes it), plus the image configuration.

use crate::vuln_cmd::VulnArgs;
use anyhow::{Context, Result};
use mamori_image::Image;
use mamori_report::SecretFinding;
use mamori_scan::LayerResult;
use mamori_secrets::{Config, Scanner};

/// The secret scanner when `secret` is among the scanners to run.
pub fn scanner(args: &VulnArgs, defaults: &[&str]) -> Result<Option<Scanner>> {
    if !args.wants("secret", defaults) {
        return Ok(None);
    }
    match &args.secret_config {
        None => Ok(Some(Scanner::builtin())),
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            let name = path.display().to_string();
            let config = Config::from_gitleaks_toml(&name, &text)?;
            Ok(Some(Scanner::with_named_config(&name, config)?))
        }
    }
}

fn convert(
    f: mamori_secrets::Finding,
    layer: Option<String>,
    deleted_later: bool,
) -> SecretFinding {
    let path = if f.path.starts_with('(') || f.path.starts_with('/') {
        f.path
    } else {
        format!("/{}", f.path)
    };
    SecretFinding {
        rule_id: f.rule_id,
        title: f.title,
        severity: serde_json::to_value(f.severity)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_else(|| "UNKNOWN".into()),
        path,
        line: f.line,
        column: f.column,
        redacted: f.redacted,
        fingerprint: f.fingerprint,
        layer,
        deleted_later,
    }
}

/// Secrets of every layer (also in files later layers delete) and of the
/// image configuration (environment, labels, build history).
pub fn image_secrets(
    scanner: &Scanner,
    image: &Image,
    layers: &[LayerResult],
) -> Vec<SecretFinding> {
    let mut out = Vec::new();
    for (i, layer) in layers.iter().enumerate() {
        for f in &layer.secrets {
            let deleted = mamori_scan::deleted_later(layers, i, &f.path);
            out.push(convert(f.clone(), layer.analysis.diff_id.clone(), deleted));
        }
    }
    // The config as stored: ENV, LABEL and `created_by` of every build step (ARGs
    // and inline tokens of RUN commands end up there).
    for f in scanner.scan("(image config)", &image.config_raw) {
        out.push(convert(f, None, false));
    }
    out
}

/// Secrets of a directory scan.
pub fn dir_secrets(found: Vec<mamori_secrets::Finding>) -> Vec<SecretFinding> {
    found.into_iter().map(|f| convert(f, None, false)).collect()
}
