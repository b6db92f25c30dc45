//! ## What it does
//! Reports Role and ClusterRole rules with `apiGroups: ["*"]`.
//!
//! ## Why is this bad?
//! A group wildcard extends the rule to every API group, including ones added by future
//! operators and CRDs.
//!
//! ## Example
//! ```yaml
//! apiVersion: rbac.authorization.k8s.io/v1
//! kind: ClusterRole
//! metadata:
//!   name: ops
//! rules:
//! - apiGroups: ["*"]
//!   resources: [deployments]
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
//! - apiGroups: ["apps"]
//!   resources: [deployments]
//!   verbs: ["get", "list", "watch"]
//! ```
//!
//! ## Remediation
//! Name the API groups explicitly.
//!
//! ## References
//! - Kubescape: `C-0187`
//! - CIS Kubernetes Benchmark v1.8: `5.1.3`
//! - MITRE ATT&CK: [T1078.004](https://attack.mitre.org/techniques/T1078/004/)
//! - <https://kubernetes.io/docs/concepts/security/rbac-good-practices/>
//! - <https://kubernetes.io/docs/reference/access-authn-authz/rbac/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-203",
    name: "rbac_wildcard_api_groups",
    group: "rbac",
    title: "Role grants access to all API groups",
    severity: Medium,
    attack: ["T1078.004"],
    refs: { kubescape: ["C-0187"], cis: ["5.1.3"], nsa: ["RBAC least privilege"] },
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    for r in rules(cx.obj) {
        if r.api_groups.iter().any(|v| v == "*") {
            out.emit(
                r.node.key_line("apiGroups").unwrap_or(r.node.line),
                format!(
                    "{} {:?} grants access to all api groups",
                    cx.kind(),
                    cx.obj.name()
                ),
            );
        }
    }
}
