//! OpenVEX v0.2.0 (<https://github.com/openvex/spec/blob/main/OPENVEX-SPEC.md>):
//! what the scan concluded about each vulnerability, as statements a VEX
//! consumer (mamori itself, Trivy, Grype, vexctl) can read back.
//!
//! Open findings become `affected` statements with an `action_statement`;
//! VEX suppressions become `not_affected` (with the justification when it is
//! one of the spec's labels, else an `impact_statement`) or `fixed`.
//! Suppressions from an ignore file are left out: they record a decision
//! not to act, not a claim about the product. Products are package purls;
//! this module does not describe the image as a product with subcomponents.

use super::remediation;
use crate::{report_seed, stable_uuid, timestamp, Report, VulnFinding};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The justification labels OpenVEX v0.2.0 defines for `not_affected`.
const JUSTIFICATIONS: [&str; 5] = [
    "component_not_present",
    "vulnerable_code_not_present",
    "vulnerable_code_not_in_execute_path",
    "vulnerable_code_cannot_be_controlled_by_adversary",
    "inline_mitigations_already_exist",
];

/// What sets statements apart besides the vulnerability: the status and
/// its explanatory field. Findings that agree on all of it share a statement.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum Claim {
    Affected {
        action: String,
    },
    NotAffected {
        justification: Option<String>,
        impact: String,
    },
    Fixed,
}

/// Renders an OpenVEX v0.2.0 document for the report's findings.
pub fn to_openvex(report: &Report) -> String {
    let mut statements: BTreeMap<(String, Claim), (Vec<String>, Vec<String>)> = BTreeMap::new();
    let mut add = |f: &VulnFinding, claim: Claim| {
        let (products, aliases) = statements.entry((f.id.clone(), claim)).or_default();
        if !products.contains(&f.package.purl) {
            products.push(f.package.purl.clone());
        }
        for a in &f.aliases {
            if !aliases.contains(a) {
                aliases.push(a.clone());
            }
        }
    };
    for f in report.vulnerabilities.as_deref().unwrap_or(&[]) {
        add(
            f,
            Claim::Affected {
                action: capitalise(&remediation(f)),
            },
        );
    }
    for s in &report.suppressed {
        let claim = match s.status.as_str() {
            "not_affected" => {
                let known = JUSTIFICATIONS.contains(&s.reason.as_str());
                Claim::NotAffected {
                    justification: known.then(|| s.reason.clone()),
                    // The spec requires a justification or an impact
                    // statement; free-text reasons go in the latter.
                    impact: if known {
                        String::new()
                    } else if s.reason.is_empty() {
                        format!("declared not affected by {}", s.source)
                    } else {
                        s.reason.clone()
                    },
                }
            }
            "fixed" => Claim::Fixed,
            _ => continue,
        };
        add(&s.finding, claim);
    }

    let statements: Vec<Value> = statements
        .into_iter()
        .map(|((id, claim), (products, aliases))| {
            let mut vuln = json!({"name": id});
            if !aliases.is_empty() {
                vuln["aliases"] = json!(aliases);
            }
            let products: Vec<Value> = products
                .iter()
                .map(|p| json!({"@id": p, "identifiers": {"purl": p}}))
                .collect();
            let mut st = json!({"vulnerability": vuln, "products": products});
            match claim {
                Claim::Affected { action } => {
                    st["status"] = json!("affected");
                    st["action_statement"] = json!(action);
                }
                Claim::NotAffected {
                    justification,
                    impact,
                } => {
                    st["status"] = json!("not_affected");
                    if let Some(j) = justification {
                        st["justification"] = json!(j);
                    }
                    if !impact.is_empty() {
                        st["impact_statement"] = json!(impact);
                    }
                }
                Claim::Fixed => st["status"] = json!("fixed"),
            }
            st
        })
        .collect();
    let doc = json!({
        "@context": "https://openvex.dev/ns/v0.2.0",
        "@id": format!("urn:uuid:{}", stable_uuid(&report_seed(report))),
        "author": report.tool.name,
        "role": "automated scanner",
        "timestamp": timestamp(),
        "version": 1,
        "tooling": format!("{} {}", report.tool.name, report.tool.version),
        "statements": statements,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

/// "upgrade x" → "Upgrade x": action statements read as sentences.
fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
