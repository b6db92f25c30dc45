//! Compliance summaries: findings grouped by the controls of a framework
//! (`pss-baseline`, `pss-restricted`, `cis-k8s`, `mitre`), each control marked
//! pass or fail with the checks that implement it.
//!
//! A control's membership comes only from the checks' own reference metadata
//! (`Refs::pss`, `Refs::cis`, `Check::attack`), so a summary never claims more
//! coverage than the registry documents. It does not implement the NSA/CISA
//! hardening guide: we have no check-to-control mapping for it yet, and an
//! invented one would be worse than none.

use crate::checks::registry;
use crate::scanner::Finding;
use serde::Serialize;
use std::collections::BTreeMap;

/// Pod Security Standards controls that belong to the baseline level (the
/// others in check metadata are restricted-only).
const PSS_BASELINE: &[&str] = &[
    "HostProcess",
    "Host Namespaces",
    "Privileged Containers",
    "Capabilities",
    "HostPath Volumes",
    "Host Ports",
    "AppArmor",
    "SELinux",
    "/proc Mount Type",
    "Seccomp",
    "Sysctls",
    "Probes and lifecycle hooks host",
];

/// One control of a framework.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ControlStatus {
    /// Control ID or name (`5.2.2`, `T1611`, `Privileged Containers`).
    pub control: String,
    /// Checks mapped to the control.
    pub checks: Vec<&'static str>,
    /// Findings of those checks.
    pub findings: usize,
    /// `pass` when no mapped check fired, else `fail`.
    pub status: &'static str,
}

/// The frameworks [`compliance_summary`] knows.
pub const FRAMEWORKS: &[&str] = &["pss-baseline", "pss-restricted", "cis-k8s", "mitre"];

/// Groups `findings` by the controls of `framework`. Unknown framework names
/// give an error naming the known ones.
pub fn compliance_summary(
    framework: &str,
    findings: &[Finding],
) -> Result<Vec<ControlStatus>, String> {
    let mut controls: BTreeMap<String, Vec<&'static str>> = BTreeMap::new();
    for c in registry() {
        let keys: Vec<&str> = match framework {
            "pss-restricted" => c.refs.pss.to_vec(),
            "pss-baseline" => c
                .refs
                .pss
                .iter()
                .copied()
                .filter(|p| PSS_BASELINE.contains(p))
                .collect(),
            "cis-k8s" => c.refs.cis.to_vec(),
            "mitre" => c.attack.to_vec(),
            other => {
                return Err(format!(
                    "unknown compliance framework {other:?} (known: {})",
                    FRAMEWORKS.join(", ")
                ))
            }
        };
        for k in keys {
            controls.entry(k.to_string()).or_default().push(c.id);
        }
    }
    Ok(controls
        .into_iter()
        .map(|(control, checks)| {
            let n = findings
                .iter()
                .filter(|f| checks.contains(&f.check_id.as_str()))
                .count();
            ControlStatus {
                control,
                checks,
                findings: n,
                status: if n == 0 { "pass" } else { "fail" },
            }
        })
        .collect())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap.
mod tests {
    use super::*;
    use crate::scanner::{Input, Scanner, Settings};

    #[test]
    fn summaries_group_findings_by_control() {
        let pod = b"kind: Pod\nmetadata:\n  name: p\n  namespace: n\nspec:\n  containers:\n  - name: c\n    image: x\n    securityContext:\n      privileged: true\n";
        let scan = Scanner::new(Settings::default()).scan(&[Input::new("p.yaml", pod.to_vec())]);
        let cis = compliance_summary("cis-k8s", &scan.findings).unwrap();
        let c522 = cis.iter().find(|c| c.control == "5.2.2").unwrap();
        assert_eq!((c522.status, c522.findings), ("fail", 1));
        assert_eq!(
            cis.iter().find(|c| c.control == "5.2.5").unwrap().status,
            "pass"
        );
        let base = compliance_summary("pss-baseline", &scan.findings).unwrap();
        assert!(base
            .iter()
            .any(|c| c.control == "Privileged Containers" && c.status == "fail"));
        assert!(!base.iter().any(|c| c.control == "Running as Non-root"));
        let restricted = compliance_summary("pss-restricted", &scan.findings).unwrap();
        assert!(restricted
            .iter()
            .any(|c| c.control == "Running as Non-root" && c.status == "fail"));
        let mitre = compliance_summary("mitre", &scan.findings).unwrap();
        assert!(mitre
            .iter()
            .any(|c| c.control == "T1611" && c.status == "fail"));
        assert!(compliance_summary("nsa", &[])
            .unwrap_err()
            .contains("\"nsa\""));
    }
}
