//! ## What it does
//! Reports Role and ClusterRole rules with `resources: ["*"]`.
//!
//! ## Why is this bad?
//! A resource wildcard includes secrets, roles and every custom resource installed later.
//!
//! ## Example
//! ```yaml
//! apiVersion: rbac.authorization.k8s.io/v1
//! kind: ClusterRole
//! metadata:
//!   name: ops
//! rules:
//! - apiGroups: [""]
//!   resources: ["*"]
//!   verbs: ["get", "list", "watch"]
//! ```
//!
//! Use instead:
//! ```yaml
//! apiVersion: rbac.authorization.k8s.io/v1
//! kind: ClusterRole
//! metadata:
//!   name: ops
//! rules:
//! - apiGroups: [""]
//!   resources: [configmaps]
//!   verbs: ["get", "list", "watch"]
//! ```
//!
//! ## Remediation
//! List the resources the subject needs.
//!
//! ## References
//! - Checkov: `CKV_K8S_49`
//! - Kubescape: `C-0187`
//! - CIS Kubernetes Benchmark v1.8: `5.1.3`
//! - MITRE ATT&CK: [T1078.004](https://attack.mitre.org/techniques/T1078/004/)
//! - MITRE ATT&CK: [T1098](https://attack.mitre.org/techniques/T1098/)
//! - <https://kubernetes.io/docs/concepts/security/rbac-good-practices/>
//! - <https://kubernetes.io/docs/reference/access-authn-authz/rbac/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-202",
    name: "rbac_wildcard_resources",
    group: "rbac",
    title: "Role grants access to all resources",
    severity: High,
    attack: ["T1078.004", "T1098"],
    refs: { checkov: ["CKV_K8S_49"], trivy: ["KSV-0046"], kubescape: ["C-0187"], cis: ["5.1.3"], nsa: ["RBAC least privilege"] },
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    for r in rules(cx.obj) {
        if r.resources.iter().any(|v| v == "*") {
            out.emit(
                r.node.key_line("resources").unwrap_or(r.node.line),
                format!(
                    "{} {:?} grants access to all resources",
                    cx.kind(),
                    cx.obj.name()
                ),
            );
        }
    }
}
