//! ## What it does
//! Reports bindings whose subjects include the `system:authenticated` group.
//!
//! ## Why is this bad?
//! Every identity that can authenticate (on managed clusters this can include any account
//! of the cloud provider) receives the role.
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
//!   name: system:authenticated
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
    id: "MAM-K8S-230",
    name: "authenticated_group_binding",
    group: "rbac",
    title: "Binding grants rights to all authenticated users",
    severity: High,
    attack: ["T1078.004"],
    refs: { kubescape: ["C-0265"] },
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    for (_, name, _, line) in subjects(cx.obj) {
        if name == "system:authenticated" {
            out.emit(
                line,
                format!(
                    "{} {:?} grants rights to system:authenticated",
                    cx.kind(),
                    cx.obj.name()
                ),
            );
        }
    }
}
