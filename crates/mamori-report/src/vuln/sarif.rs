//! SARIF 2.1.0 (<https://docs.oasis-open.org/sarif/sarif/v2.1.0/>), shaped
//! for GitHub code scanning: one run, one rule per vulnerability id, one
//! result per finding located at the package's manifest file.
//!
//! A small builder ([`SarifLog`]) owns rule de-duplication, rule indexes and
//! fingerprints so secrets and misconfiguration findings can be added as
//! more rules and results later. This module does not upload anything or
//! know about repositories: URIs are the scanned paths made relative.

use super::{advisory_url, percent_encode, severity_label, severity_rank};
use crate::{Report, VulnFinding};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// mamori's home page, for `tool.driver.informationUri`; mirrors
/// `[workspace.package].repository` (this crate does not inherit that key).
const INFORMATION_URI: &str = "https://example.invalid/mamori";
/// The key of our entry in `partialFingerprints`; bump the suffix if the
/// fingerprint input changes so GitHub does not mix old and new alerts.
const FINGERPRINT_KEY: &str = "mamori/finding/v1";

/// Renders the report's vulnerability findings as a SARIF 2.1.0 log.
/// Suppressed findings are left out, as GitHub would show them as open alerts.
pub fn to_sarif(report: &Report) -> String {
    let mut log = SarifLog::default();
    for f in report.vulnerabilities.as_deref().unwrap_or(&[]) {
        log.add(vuln_rule(f), vuln_result(f));
    }
    for s in report.secrets.as_deref().unwrap_or(&[]) {
        log.add(secret_rule(s), secret_result(s));
    }
    for m in report.malware.as_deref().unwrap_or(&[]) {
        log.add(malware_rule(m), malware_result(m));
    }
    for m in report.misconfigurations.as_deref().unwrap_or(&[]) {
        log.add(misconfig_rule(m), misconfig_result(m));
    }
    serde_json::to_string_pretty(&log.finish(report)).unwrap_or_default()
}

/// A rule (SARIF `reportingDescriptor`) before serialisation.
pub(crate) struct Rule {
    /// Stable id (`CVE-2024-1234`, later `MAM-K8S-017`, a secret rule id).
    pub id: String,
    /// PascalCase kind name GitHub shows next to the id.
    pub name: &'static str,
    /// One-line description.
    pub short: String,
    /// Longer description.
    pub full: String,
    /// Documentation page.
    pub help_uri: String,
    /// Markdown help shown in the alert.
    pub help_markdown: String,
    /// GitHub's `security-severity`: 0.0–10.0.
    pub security_severity: f64,
    /// One of [`crate::SEVERITIES`].
    pub severity: &'static str,
    /// Kind tag (`vulnerability`, `secret`, `misconfiguration`).
    pub kind_tag: &'static str,
}

/// A result before serialisation.
pub(crate) struct Finding {
    /// The rule's id.
    pub rule_id: String,
    /// `error`, `warning` or `note`.
    pub level: &'static str,
    /// What was observed.
    pub message: String,
    /// The scanned path (absolute inside the target, or relative).
    pub path: String,
    /// 1-based line; 1 when the finding is about a whole file.
    pub start_line: u64,
    /// Values that identify this finding across scans.
    pub fingerprint_parts: Vec<String>,
}

/// Collects rules (deduplicated by id) and results for one run.
#[derive(Default)]
pub(crate) struct SarifLog {
    rules: Vec<Rule>,
    index: HashMap<String, usize>,
    results: Vec<Value>,
}

impl SarifLog {
    /// Adds a result under `rule`. When the rule exists, the higher severity
    /// wins so GitHub ranks the alert by its worst occurrence.
    pub(crate) fn add(&mut self, rule: Rule, finding: Finding) {
        let i = match self.index.get(&rule.id) {
            Some(&i) => {
                let r = &mut self.rules[i];
                if rule.security_severity > r.security_severity {
                    r.security_severity = rule.security_severity;
                    r.severity = rule.severity;
                }
                i
            }
            None => {
                self.index.insert(rule.id.clone(), self.rules.len());
                self.rules.push(rule);
                self.rules.len() - 1
            }
        };
        let mut h = Sha256::new();
        for p in &finding.fingerprint_parts {
            h.update(p.as_bytes());
            h.update([0]);
        }
        let uri = percent_encode(finding.path.trim_start_matches('/'));
        self.results.push(json!({
            "ruleId": finding.rule_id,
            "ruleIndex": i,
            "level": finding.level,
            "message": {"text": finding.message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": uri},
                    "region": {"startLine": finding.start_line.max(1)},
                }
            }],
            "partialFingerprints": {FINGERPRINT_KEY: hex::encode(h.finalize())},
        }));
    }

    /// The complete log.
    pub(crate) fn finish(self, report: &Report) -> Value {
        let rules: Vec<Value> = self
            .rules
            .into_iter()
            .map(|r| {
                json!({
                    "id": r.id,
                    "name": r.name,
                    "shortDescription": {"text": r.short},
                    "fullDescription": {"text": r.full},
                    "helpUri": r.help_uri,
                    "help": {"text": r.full, "markdown": r.help_markdown},
                    "defaultConfiguration": {"level": level(r.severity)},
                    "properties": {
                        "security-severity": format!("{:.1}", r.security_severity),
                        "precision": "very-high",
                        "tags": [r.kind_tag, "security", r.severity],
                    },
                })
            })
            .collect();
        json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": report.tool.name,
                    "version": report.tool.version,
                    "semanticVersion": report.tool.version,
                    "informationUri": INFORMATION_URI,
                    "rules": rules,
                }},
                "results": self.results,
                "columnKind": "utf16CodeUnits",
                "properties": {"mamori:target": report.target.name},
            }],
        })
    }
}

/// SARIF level for a severity: GitHub fails checks on `error`.
fn level(severity: &str) -> &'static str {
    match severity_rank(severity) {
        3 | 4 => "error",
        2 => "warning",
        _ => "note",
    }
}

/// The `security-severity` score. A CVSS base score is used when it lies in
/// the band of the finding's own severity; otherwise (a distro rated the
/// issue differently from NVD, or no score) a value inside that band is,
/// so GitHub's ranking never contradicts the severity mamori reports.
fn security_severity(f: &VulnFinding) -> f64 {
    let (lo, hi, default) = match severity_rank(&f.severity) {
        4 => (9.0, 10.0, 9.5),
        3 => (7.0, 8.9, 8.0),
        2 => (4.0, 6.9, 5.5),
        1 => (0.1, 3.9, 2.0),
        _ => return 0.0,
    };
    f.cvss
        .iter()
        .filter_map(|c| c.score)
        .filter(|s| (lo..=hi).contains(s))
        .fold(None, |m: Option<f64>, s| Some(m.map_or(s, |m| m.max(s))))
        .unwrap_or(default)
}

fn vuln_rule(f: &VulnFinding) -> Rule {
    let severity = severity_label(&f.severity);
    let summary = if f.summary.trim().is_empty() {
        f.id.clone()
    } else {
        f.summary.clone()
    };
    let mut full = summary.clone();
    if !f.aliases.is_empty() {
        full.push_str(&format!(" (aliases: {})", f.aliases.join(", ")));
    }
    let url = advisory_url(&f.id);
    let mut md = format!(
        "**Vulnerability {}**\n\n{summary}\n\n| Severity | Package | Fixed version | Link |\n| --- | --- | --- | --- |\n| {severity} | {} | {} | [{}]({url}) |\n",
        f.id,
        f.package.name,
        f.fixed_version.as_deref().unwrap_or("none"),
        f.id,
    );
    for c in &f.cvss {
        md.push_str(&format!("\nCVSS: `{}`", c.vector));
        if let Some(s) = c.score {
            md.push_str(&format!(" ({s:.1})"));
        }
    }
    Rule {
        id: f.id.clone(),
        name: if f.package.ecosystem.is_os() {
            "OsPackageVulnerability"
        } else {
            "LanguagePackageVulnerability"
        },
        short: summary,
        full,
        help_uri: url,
        help_markdown: md,
        security_severity: security_severity(f),
        severity,
        kind_tag: "vulnerability",
    }
}

fn vuln_result(f: &VulnFinding) -> Finding {
    let p = &f.package;
    let fixed = match &f.fixed_version {
        Some(v) => format!("fixed version: {v}"),
        None => "no fix available".to_string(),
    };
    Finding {
        rule_id: f.id.clone(),
        level: level(&f.severity),
        message: format!(
            "Package: {}\nInstalled version: {}\n{fixed}\nSeverity: {}\nVulnerability: {}\nLocation: {}",
            p.name,
            p.version,
            severity_label(&f.severity),
            f.id,
            p.location
        ),
        path: p.location.clone(),
        start_line: 1,
        fingerprint_parts: vec![
            f.id.clone(),
            p.name.clone(),
            p.version.clone(),
            p.location.clone(),
        ],
    }
}

fn secret_rule(s: &crate::SecretFinding) -> Rule {
    let severity = severity_label(&s.severity);
    let score = label_score(severity);
    Rule {
        id: s.rule_id.clone(),
        name: "Secret",
        short: s.title.clone(),
        full: format!("{}: a credential committed to the image or repository", s.title),
        help_uri: "https://example.invalid/mamori/docs/secret-rules".to_string(),
        help_markdown: format!(
            "**Secret: {}**\n\nRemove it from the file and from every layer or commit that holds it, then revoke and rotate it.",
            s.title
        ),
        security_severity: score,
        severity,
        kind_tag: "secret",
    }
}

/// `security-severity` for findings rated by a label only.
fn label_score(severity: &str) -> f64 {
    match severity {
        "CRITICAL" => 9.5,
        "HIGH" => 8.0,
        "MEDIUM" => 5.5,
        _ => 2.0,
    }
}

fn malware_rule(m: &crate::MalwareFinding) -> Rule {
    let severity = severity_label(&m.severity);
    let attack = if m.attack.is_empty() {
        String::new()
    } else {
        format!("\n\nMITRE ATT&CK: {}", m.attack.join(", "))
    };
    Rule {
        id: m.rule_id.clone(),
        name: "Malware",
        short: m.title.clone(),
        full: format!("{} (rule source: {})", m.title, m.source),
        help_uri: "https://example.invalid/mamori/docs/malware-rules".to_string(),
        help_markdown: format!(
            "**Malware: {}**{attack}\n\nFind the build step or base image that added the file, remove it, and treat the image as compromised.",
            m.title
        ),
        security_severity: label_score(severity),
        severity,
        kind_tag: "malware",
    }
}

fn malware_result(m: &crate::MalwareFinding) -> Finding {
    let mut message = format!("{} in {} (sha256 {})", m.title, m.path, m.sha256);
    if !m.matched.is_empty() {
        message.push_str(&format!("; matched {}", m.matched.join(", ")));
    }
    if let Some(l) = &m.layer {
        message.push_str(&format!(" (layer {l})"));
    }
    if m.deleted_later {
        message.push_str("; deleted or replaced by a later layer but still in the image");
    }
    Finding {
        rule_id: m.rule_id.clone(),
        level: level(&m.severity),
        message,
        path: m.path.clone(),
        start_line: 1,
        fingerprint_parts: vec![
            m.sha256.clone(),
            m.path.clone(),
            m.layer.clone().unwrap_or_default(),
        ],
    }
}

fn misconfig_rule(m: &crate::MisconfigFinding) -> Rule {
    let severity = severity_label(&m.severity);
    Rule {
        id: m.check_id.clone(),
        name: "ImageMisconfiguration",
        short: m.title.clone(),
        full: m.title.clone(),
        help_uri: format!("https://example.invalid/mamori/docs/checks/{}", m.check_id),
        help_markdown: format!("**{}**\n\n{}", m.title, m.remediation),
        security_severity: label_score(severity),
        severity,
        kind_tag: "misconfiguration",
    }
}

fn misconfig_result(m: &crate::MisconfigFinding) -> Finding {
    let mut message = m.message.clone();
    if let Some(l) = &m.layer {
        message.push_str(&format!(" (layer {l})"));
    }
    // File findings point at the file; configuration and history findings at
    // the image configuration.
    let path = if m.location.starts_with('/') {
        m.location.clone()
    } else {
        "image-config.json".to_string()
    };
    Finding {
        rule_id: m.check_id.clone(),
        level: level(&m.severity),
        message: format!("{}: {message}", m.location),
        path,
        start_line: 1,
        fingerprint_parts: vec![m.location.clone(), m.layer.clone().unwrap_or_default()],
    }
}

fn secret_result(s: &crate::SecretFinding) -> Finding {
    let mut message = format!("{} found: {}", s.title, s.redacted);
    if let Some(l) = &s.layer {
        message.push_str(&format!(" (layer {l})"));
    }
    if s.deleted_later {
        message.push_str("; deleted or replaced by a later layer but still in the image");
    }
    Finding {
        rule_id: s.rule_id.clone(),
        level: level(&s.severity),
        message,
        path: s.path.clone(),
        start_line: s.line as u64,
        fingerprint_parts: vec![s.fingerprint.clone(), s.layer.clone().unwrap_or_default()],
    }
}
