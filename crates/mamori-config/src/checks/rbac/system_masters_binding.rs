//! ## What it does
//! Reports bindings whose subjects include `system:masters`.
//!
//! ## Why is this bad?
//! `system:masters` bypasses RBAC entirely and cannot be revoked by removing bindings;
//! bindings to it suggest credentials are being issued for it.
//!
//! ## Example
//! ```yaml
//! apiVersion: rbac.authorization.k8s.io/v1
//! kind: ClusterRoleBinding
//! metadata:
//!   name: ops
//! roleRef:
//!   apiGroup: rbac.authorization.k8s.io
//!   kind: ClusterRole
//!   name: view
//! subjects:
//! - kind: Group
//!   apiGroup: rbac.authorization.k8s.io
//!   name: system:masters
//! ```
//!
//! Use instead:
//! ```yaml
//! apiVersion: rbac.authorization.k8s.io/v1
//! kind: ClusterRoleBinding
//! metadata:
//!   name: ops
//! roleRef:
//!   apiGroup: rbac.authorization.k8s.io
//!   kind: ClusterRole
//!   name: view
//! subjects:
//! - kind: ServiceAccount
//!   name: web
//!   namespace: shop
//! ```
//!
//! ## Remediation
//! Bind a specific user, group or service account.
//!
//! ## References
//! - CIS Kubernetes Benchmark v1.8: `5.1.7`
//! - MITRE ATT&CK: [T1078.004](https://attack.mitre.org/techniques/T1078/004/)
//! - <https://kubernetes.io/docs/concepts/security/rbac-good-practices/>
//! - <https://kubernetes.io/docs/reference/access-authn-authz/rbac/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-231",
    name: "system_masters_binding",
    group: "rbac",
    title: "Binding names the system:masters group",
    severity: High,
    attack: ["T1078.004"],
    refs: { kubescape: ["C-0246"], cis: ["5.1.7"], nsa: ["RBAC least privilege"] },
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    for (_, name, _, line) in subjects(cx.obj) {
        if name == "system:masters" {
            out.emit(
                line,
                format!("{} {:?} names system:masters", cx.kind(), cx.obj.name()),
            );
        }
    }
}
