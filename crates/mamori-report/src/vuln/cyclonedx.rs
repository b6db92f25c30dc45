//! The CycloneDX 1.6 `vulnerabilities` array
//! (<https://cyclonedx.org/docs/1.6/json/#vulnerabilities>).
//!
//! Open findings are grouped by vulnerability id, one entry affecting every
//! component it was found in; each suppressed finding becomes its own entry
//! with an `analysis`, because an analysis applies to the whole entry. The
//! components themselves are built by `crate::cyclonedx`, which hands over
//! the bom-ref of each (purl, location). Nothing here re-rates severities.

use super::{advisory_url, remediation, severity_label};
use crate::{Report, Suppression, VulnFinding};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};

/// Maps a package's (purl, location) to its component's `bom-ref`.
#[derive(Default)]
pub(crate) struct BomRefs {
    exact: HashMap<(String, String), String>,
    by_purl: HashMap<String, String>,
}

impl BomRefs {
    /// Records a component; the first one wins for a purl-only lookup.
    pub(crate) fn insert(&mut self, purl: &str, location: &str, bom_ref: &str) {
        self.exact
            .entry((purl.to_string(), location.to_string()))
            .or_insert_with(|| bom_ref.to_string());
        self.by_purl
            .entry(purl.to_string())
            .or_insert_with(|| bom_ref.to_string());
    }

    /// The bom-ref for a finding's package. Falls back to the purl alone
    /// when the location differs (a finding from an SBOM scan); `None` when
    /// no component has that purl, since `affects` must point at one.
    fn get(&self, f: &VulnFinding) -> Option<&str> {
        self.exact
            .get(&(f.package.purl.clone(), f.package.location.clone()))
            .or_else(|| self.by_purl.get(&f.package.purl))
            .map(String::as_str)
    }
}

/// The entries, or `None` when vulnerability scanning did not run.
pub(crate) fn vulnerabilities(report: &Report, refs: &BomRefs) -> Option<Value> {
    let mut out = Vec::new();
    if let Some(findings) = report.vulnerabilities.as_ref() {
        let mut by_id: BTreeMap<&str, Vec<&VulnFinding>> = BTreeMap::new();
        for f in findings {
            by_id.entry(&f.id).or_default().push(f);
        }
        for group in by_id.values() {
            out.push(entry(group, refs, None));
        }
        for s in &report.suppressed {
            out.push(entry(&[&s.finding], refs, Some(s)));
        }
    }
    out.extend(weaknesses(report));
    if out.is_empty() && report.vulnerabilities.is_none() {
        return None;
    }
    Some(Value::Array(out))
}

/// Secrets, malware and image/configuration findings as CycloneDX
/// vulnerabilities: the specification defines one as "a weakness in a
/// component or service", and hard-coded credentials (CWE-798) and embedded
/// malicious code (CWE-506) are weaknesses of the scanned target. Each points
/// at the BOM's root component; where it is (file, line, layer) goes into
/// `detail` and `mamori:finding:*` properties.
fn weaknesses(report: &Report) -> Vec<Value> {
    let mut out = Vec::new();
    for f in report.secrets.iter().flatten() {
        let location = format!("{}:{}", f.path, f.line);
        out.push(weakness(Weakness {
            kind: "secret",
            id: &f.rule_id,
            title: &f.title,
            severity: &f.severity,
            cwe: Some(798),
            detail: format!("{} at {location}: {}", f.title, f.redacted),
            recommendation: "Revoke and rotate the credential, then rebuild without it: \
                deleting it in a later layer leaves it in the image.",
            location: &location,
            layer: f.layer.as_deref(),
            deleted_later: f.deleted_later,
            attack: &[],
        }));
    }
    for f in report.malware.iter().flatten() {
        let mut detail = format!("{} in {} (sha256 {})", f.title, f.path, f.sha256);
        if !f.matched.is_empty() {
            detail.push_str(&format!("; matched {}", f.matched.join(", ")));
        }
        out.push(weakness(Weakness {
            kind: "malware",
            id: &f.rule_id,
            title: &f.title,
            severity: &f.severity,
            cwe: Some(506),
            detail,
            recommendation: "Remove the file, find how it entered the image and rebuild \
                from a trusted base.",
            location: &f.path,
            layer: f.layer.as_deref(),
            deleted_later: f.deleted_later,
            attack: &f.attack,
        }));
    }
    for f in report.misconfigurations.iter().flatten() {
        out.push(weakness(Weakness {
            kind: "misconfiguration",
            id: &f.check_id,
            title: &f.title,
            severity: &f.severity,
            cwe: None,
            detail: f.message.clone(),
            recommendation: &f.remediation,
            location: &f.location,
            layer: f.layer.as_deref(),
            deleted_later: false,
            attack: &f.attack,
        }));
    }
    out
}

/// What one non-package finding contributes to its CycloneDX entry.
struct Weakness<'a> {
    kind: &'static str,
    id: &'a str,
    title: &'a str,
    severity: &'a str,
    cwe: Option<u32>,
    detail: String,
    recommendation: &'a str,
    location: &'a str,
    layer: Option<&'a str>,
    deleted_later: bool,
    attack: &'a [String],
}

fn weakness(w: Weakness<'_>) -> Value {
    let severity = match w.severity.to_ascii_lowercase().as_str() {
        s @ ("critical" | "high" | "medium" | "low" | "info" | "none") => s.to_string(),
        _ => "unknown".to_string(),
    };
    let mut properties = vec![
        json!({"name": "mamori:finding:kind", "value": w.kind}),
        json!({"name": "mamori:finding:location", "value": w.location}),
    ];
    if let Some(layer) = w.layer {
        properties.push(json!({"name": "mamori:finding:layer", "value": layer}));
    }
    if w.deleted_later {
        properties.push(json!({"name": "mamori:finding:deleted_later", "value": "true"}));
    }
    for t in w.attack {
        properties.push(json!({"name": "mamori:finding:attack", "value": t}));
    }
    let mut v = json!({
        "id": w.id,
        "source": {"name": "mamori"},
        "ratings": [{"source": {"name": "mamori"}, "severity": severity, "method": "other"}],
        "description": w.title,
        "detail": w.detail,
        "affects": [{"ref": "mamori:target"}],
        "properties": properties,
    });
    if !w.recommendation.is_empty() {
        v["recommendation"] = json!(w.recommendation);
    }
    if let Some(cwe) = w.cwe {
        v["cwes"] = json!([cwe]);
    }
    v
}

/// One vulnerability entry for findings that share an id.
fn entry(group: &[&VulnFinding], refs: &BomRefs, suppressed: Option<&Suppression>) -> Value {
    let first = group[0];
    let mut v = json!({
        "id": first.id,
        "source": {"name": first.data_source, "url": advisory_url(&first.id)},
    });
    if !first.aliases.is_empty() {
        v["references"] = Value::Array(
            first
                .aliases
                .iter()
                .map(|a| json!({"id": a, "source": {"name": source_name(a), "url": advisory_url(a)}}))
                .collect(),
        );
    }
    v["ratings"] = Value::Array(ratings(first));
    if !first.summary.is_empty() {
        v["description"] = json!(first.summary);
    }
    let mut recs: Vec<String> = Vec::new();
    for f in group {
        let r = remediation(f);
        if !recs.contains(&r) {
            recs.push(r);
        }
    }
    v["recommendation"] = json!(recs.join("; "));
    let mut affects: Vec<Value> = Vec::new();
    for f in group {
        let Some(r) = refs.get(f) else { continue };
        // VEX says the installed version is not affected (or already fixed);
        // an ignore-file entry leaves it affected.
        let status = match suppressed.map(|s| s.status.as_str()) {
            Some("not_affected" | "fixed") => "unaffected",
            _ => "affected",
        };
        let item =
            json!({"ref": r, "versions": [{"version": f.package.version, "status": status}]});
        if !affects.contains(&item) {
            affects.push(item);
        }
    }
    if !affects.is_empty() {
        v["affects"] = Value::Array(affects);
    }
    if let Some(s) = suppressed {
        v["analysis"] = analysis(s);
    }
    v
}

/// The finding's severity as a rating from its data source, then one rating
/// per CVSS vector with the method CycloneDX names.
fn ratings(f: &VulnFinding) -> Vec<Value> {
    let mut out = vec![json!({
        "source": {"name": f.data_source},
        "severity": severity_label(&f.severity).to_ascii_lowercase(),
        "method": "other",
        "justification": format!("severity from {}", f.severity_source),
    })];
    for c in &f.cvss {
        let method = if c.vector.starts_with("CVSS:4") {
            "CVSSv4"
        } else if c.vector.starts_with("CVSS:3.1") {
            "CVSSv31"
        } else if c.vector.starts_with("CVSS:3") {
            "CVSSv3"
        } else {
            "CVSSv2"
        };
        let mut r = json!({"method": method, "vector": c.vector});
        if let Some(s) = c.score {
            r["score"] = json!(s);
            r["severity"] = json!(cvss_band(s));
        }
        out.push(r);
    }
    out
}

/// The qualitative severity of a CVSS score (the v3/v4 bands).
fn cvss_band(score: f64) -> &'static str {
    match score {
        s if s >= 9.0 => "critical",
        s if s >= 7.0 => "high",
        s if s >= 4.0 => "medium",
        s if s > 0.0 => "low",
        _ => "none",
    }
}

/// Who publishes an id, from its prefix.
fn source_name(id: &str) -> &'static str {
    match id.split('-').next().unwrap_or("") {
        "CVE" => "NVD",
        "GHSA" => "GitHub Advisory Database",
        "PYSEC" => "PyPA Advisory Database",
        "RUSTSEC" => "RustSec Advisory Database",
        "GO" => "Go Vulnerability Database",
        "DSA" | "DLA" | "DTSA" => "Debian Security Tracker",
        _ => "OSV",
    }
}

/// The VEX-style analysis of a suppression. OpenVEX justifications are
/// mapped to the nearest CycloneDX ones; an ignore-file entry is a decision
/// not to act, not a claim about exploitability, so it gets no state.
fn analysis(s: &Suppression) -> Value {
    let mut a = json!({});
    match s.status.as_str() {
        "not_affected" => a["state"] = json!("not_affected"),
        "fixed" => a["state"] = json!("resolved"),
        _ => a["response"] = json!(["will_not_fix"]),
    }
    let justification = match s.reason.as_str() {
        "component_not_present" | "vulnerable_code_not_present" => Some("code_not_present"),
        "vulnerable_code_not_in_execute_path" => Some("code_not_reachable"),
        "vulnerable_code_cannot_be_controlled_by_adversary"
        | "inline_mitigations_already_exist" => Some("protected_by_mitigating_control"),
        _ => None,
    };
    if let (Some(j), "not_affected") = (justification, s.status.as_str()) {
        a["justification"] = json!(j);
    }
    let detail = if s.reason.is_empty() {
        format!("{} by {}", s.status, s.source)
    } else {
        format!("{} by {}: {}", s.status, s.source, s.reason)
    };
    a["detail"] = json!(detail);
    a
}
