//! Compliance summaries: findings grouped by the controls of a framework
//! (`pss-baseline`, `pss-restricted`, `nsa`, `cis-k8s`, `cis-docker`,
//! `mitre`), each control marked pass or fail with the checks that implement
//! it and the objects that fail it.
//!
//! A control's membership comes only from the checks' own reference metadata
//! (`Refs::pss`, `Refs::nsa`, `Refs::cis`, `Refs::cis_docker`,
//! `Check::attack`), so a summary never claims more coverage than the
//! registry documents. `nsa` follows the
//! NSA/CISA Kubernetes Hardening Guide v1.2 (August 2022). The guide does not
//! number its recommendations, so controls are short names of them ("Non-root
//! containers", "Immutable container file systems", "Network policies (default
//! deny)", …), and only checks that test a recommendation on a manifest are
//! mapped: the guide's control-plane, etcd, kubelet, audit-logging and
//! upgrade advice cannot be judged from manifests and has no control here.

use crate::checks::registry;
use crate::scanner::Finding;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

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
    /// The failing objects (`file: Kind/namespace/name`, or the file alone),
    /// each once, in finding order.
    pub failing: Vec<String>,
    /// `pass` when no mapped check fired, else `fail`.
    pub status: &'static str,
}

/// The frameworks [`compliance_summary`] knows.
pub const FRAMEWORKS: &[&str] = &[
    "pss-baseline",
    "pss-restricted",
    "nsa",
    "cis-k8s",
    "cis-docker",
    "mitre",
];

/// Groups `findings` by the controls of `framework`. Unknown framework names
/// give an error naming the known ones.
pub fn compliance_summary(
    framework: &str,
    findings: &[Finding],
) -> Result<Vec<ControlStatus>, String> {
    // Keyed so that section numbers sort numerically (1.2.2 before 1.2.10);
    // names and ATT&CK IDs keep their text order.
    type Key = (Vec<(u64, String)>, &'static str);
    let mut controls: BTreeMap<Key, Vec<&'static str>> = BTreeMap::new();
    for c in registry() {
        let keys: Vec<&'static str> = match framework {
            "pss-restricted" => c.refs.pss.to_vec(),
            "pss-baseline" => c
                .refs
                .pss
                .iter()
                .copied()
                .filter(|p| PSS_BASELINE.contains(p))
                .collect(),
            "nsa" => c.refs.nsa.to_vec(),
            "cis-k8s" => c.refs.cis.to_vec(),
            "cis-docker" => c.refs.cis_docker.to_vec(),
            "mitre" => c.attack.to_vec(),
            other => {
                return Err(format!(
                    "unknown compliance framework {other:?} (known: {})",
                    FRAMEWORKS.join(", ")
                ))
            }
        };
        for k in keys {
            controls
                .entry((control_order(k), k))
                .or_default()
                .push(c.id);
        }
    }
    // Findings per check, once, rather than once per control.
    let mut by_check: HashMap<&str, Vec<&Finding>> = HashMap::new();
    for f in findings {
        by_check.entry(&f.check_id).or_default().push(f);
    }
    Ok(controls
        .into_iter()
        .map(|((_, control), checks)| {
            let mut hits: Vec<&Finding> = checks
                .iter()
                .filter_map(|c| by_check.get(c))
                .flatten()
                .copied()
                .collect();
            hits.sort_by(|a, b| (&*a.file, a.line).cmp(&(&*b.file, b.line)));
            let mut seen = HashSet::new();
            let failing = hits
                .iter()
                .map(|f| describe(f))
                .filter(|d| seen.insert(d.clone()))
                .collect();
            ControlStatus {
                control: control.to_string(),
                checks,
                findings: hits.len(),
                status: if hits.is_empty() { "pass" } else { "fail" },
                failing,
            }
        })
        .collect())
}

/// Sort key of a control: dotted numbers compare numerically, anything else
/// by its text.
fn control_order(k: &str) -> Vec<(u64, String)> {
    k.split('.')
        .map(|p| match p.parse::<u64>() {
            Ok(n) => (n, String::new()),
            Err(_) => (u64::MAX, p.to_string()),
        })
        .collect()
}

/// `file: Kind/namespace/name` (or the file alone, for Dockerfiles).
fn describe(f: &Finding) -> String {
    match &f.object {
        Some(o) => match &o.namespace {
            Some(ns) => format!("{}: {}/{}/{}", f.file, o.kind, ns, o.name),
            None => format!("{}: {}/{}", f.file, o.kind, o.name),
        },
        None => f.file.to_string(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap.
mod tests {
    use super::*;
    use crate::scanner::{Input, Scanner, Settings};

    #[test]
    fn cis_docker_controls_fail_on_a_dockerfile() {
        let df = b"FROM debian:12\nADD app /app\nENV DB_PASSWORD=hunter2\nUSER app\nHEALTHCHECK CMD true\n";
        let scan = Scanner::new(Settings::default()).scan(&[Input::new("Dockerfile", df.to_vec())]);
        let cis = compliance_summary("cis-docker", &scan.findings).unwrap();
        let status = |id: &str| cis.iter().find(|c| c.control == id).unwrap().status;
        assert_eq!(status("4.9"), "fail"); // ADD
        assert_eq!(status("4.10"), "fail"); // secret in ENV
        assert_eq!(status("4.1"), "pass"); // USER app
        assert_eq!(status("4.6"), "pass"); // HEALTHCHECK
        let ids: Vec<&str> = cis.iter().map(|c| c.control.as_str()).collect();
        assert_eq!(ids.first(), Some(&"4.1"));
        assert_eq!(ids.last(), Some(&"4.11"));
    }

    #[test]
    fn cis_sections_are_in_numeric_order() {
        let cis = compliance_summary("cis-k8s", &[]).unwrap();
        let ids: Vec<&str> = cis.iter().map(|c| c.control.as_str()).collect();
        let pos = |id: &str| ids.iter().position(|x| *x == id).unwrap();
        assert!(pos("1.2.2") < pos("1.2.10"), "{ids:?}");
        assert!(pos("2.6") < pos("5.1.1"), "{ids:?}");
        assert!(pos("5.1.9") < pos("5.1.10"), "{ids:?}");
        let mut sorted = ids.clone();
        sorted.sort_by_cached_key(|k| control_order(k));
        assert_eq!(ids, sorted);
    }

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
        assert!(compliance_summary("fedramp", &[])
            .unwrap_err()
            .contains("\"fedramp\""));
    }

    #[test]
    fn nsa_controls_pass_and_fail() {
        // Root user and the host network fail their controls; everything else
        // the guide asks of this pod is in place, and the namespace has
        // default-deny policies both ways.
        let y = br#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: prod
spec:
  template:
    spec:
      hostNetwork: true
      automountServiceAccountToken: false
      securityContext:
        seccompProfile:
          type: RuntimeDefault
      containers:
      - name: app
        image: registry.example/app@sha256:0123
        securityContext:
          runAsUser: 0
          runAsNonRoot: false
          readOnlyRootFilesystem: true
          allowPrivilegeEscalation: false
          privileged: false
          capabilities:
            drop: ["ALL"]
        resources:
          limits: {cpu: 500m, memory: 128Mi}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny
  namespace: prod
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
"#;
        let scan = Scanner::new(Settings::default()).scan(&[Input::new("d.yaml", y.to_vec())]);
        let nsa = compliance_summary("nsa", &scan.findings).unwrap();
        let get = |name: &str| nsa.iter().find(|c| c.control == name).unwrap();
        let non_root = get("Non-root containers");
        assert_eq!((non_root.status, non_root.findings), ("fail", 2));
        assert_eq!(non_root.failing, ["d.yaml: Deployment/prod/web"]);
        assert_eq!(
            non_root.checks,
            ["MAM-K8S-003", "MAM-K8S-004", "MAM-K8S-005", "MAM-K8S-007"]
        );
        let host = get("Host namespaces");
        assert_eq!((host.status, host.findings), ("fail", 1));
        for ok in [
            "Immutable container file systems",
            "Privileged containers",
            "Privilege escalation",
            "Linux capabilities",
            "Kernel hardening (seccomp, AppArmor)",
            "Service account tokens",
            "Resource policies (limits)",
            "Network policies (default deny)",
        ] {
            let c = get(ok);
            assert_eq!((c.status, c.findings), ("pass", 0), "{ok}");
            assert!(c.failing.is_empty());
        }
        // Removing the NetworkPolicy fails the network control for namespace prod.
        let pod_only = &y[..y.windows(4).position(|w| w == b"---\n").unwrap()];
        let scan =
            Scanner::new(Settings::default()).scan(&[Input::new("d.yaml", pod_only.to_vec())]);
        let nsa = compliance_summary("nsa", &scan.findings).unwrap();
        let net = nsa
            .iter()
            .find(|c| c.control == "Network policies (default deny)")
            .unwrap();
        assert_eq!((net.status, net.findings), ("fail", 2));
        // Controls the manifests cannot show (audit logging, etcd) are not claimed.
        assert!(!nsa
            .iter()
            .any(|c| c.control.to_lowercase().contains("audit")));
    }
}
