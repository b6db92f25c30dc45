//! ## What it does
//! Reports bindings whose subjects include a ServiceAccount named `default`.
//!
//! ## Why is this bad?
//! Every pod that does not name a service account runs as `default`, so rights granted to
//! it spread to unrelated workloads.
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
//! - kind: ServiceAccount
//!   name: default
//!   namespace: shop
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
//! - Kubescape: `C-0189`
//! - CIS Kubernetes Benchmark v1.8: `5.1.5`
//! - MITRE ATT&CK: [T1078.004](https://attack.mitre.org/techniques/T1078/004/)
//! - <https://kubernetes.io/docs/concepts/security/rbac-good-practices/>
//! - <https://kubernetes.io/docs/reference/access-authn-authz/rbac/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-232",
    name: "default_service_account_binding",
    group: "rbac",
    title: "Binding grants rights to a default service account",
    severity: Medium,
    attack: ["T1078.004"],
    refs: { checkov: ["CKV_K8S_42"], kubescape: ["C-0189"], cis: ["5.1.5"] },
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    for (kind, name, _, line) in subjects(cx.obj) {
        if kind == "ServiceAccount" && name == "default" {
            out.emit(
                line,
                format!(
                    "{} {:?} grants rights to a default service account",
                    cx.kind(),
                    cx.obj.name()
                ),
            );
        }
    }
}
