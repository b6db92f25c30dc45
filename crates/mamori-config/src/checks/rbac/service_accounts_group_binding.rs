//! ## What it does
//! Reports bindings to the `system:serviceaccounts` group or a
//! `system:serviceaccounts:<namespace>` group.
//!
//! ## Why is this bad?
//! Every pod (in the cluster or namespace) gets the role through its token, including pods
//! created by attackers.
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
//!   name: system:serviceaccounts
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
//! - MITRE ATT&CK: [T1078.004](https://attack.mitre.org/techniques/T1078/004/)
//! - <https://kubernetes.io/docs/concepts/security/rbac-good-practices/>
//! - <https://kubernetes.io/docs/reference/access-authn-authz/rbac/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-233",
    name: "service_accounts_group_binding",
    group: "rbac",
    title: "Binding grants rights to all service accounts",
    severity: High,
    attack: ["T1078.004"],
    refs: {},
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    for (kind, name, _, line) in subjects(cx.obj) {
        if kind == "Group"
            && (name == "system:serviceaccounts" || name.starts_with("system:serviceaccounts:"))
        {
            out.emit(
                line,
                format!(
                    "{} {:?} grants rights to group {name}",
                    cx.kind(),
                    cx.obj.name()
                ),
            );
        }
    }
}
