//! ## What it does
//! Reports ClusterRoleBindings to the `admin` or `edit` ClusterRoles, which are meant to be
//! bound per namespace.
//!
//! ## Why is this bad?
//! Bound cluster-wide, `admin`/`edit` grant secret access and pod creation in every
//! namespace, kube-system included.
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
//!   name: edit
//! subjects:
//! - kind: ServiceAccount
//!   name: web
//!   namespace: shop
//! ```
//!
//! Use instead:
//! ```yaml
//! apiVersion: rbac.authorization.k8s.io/v1
//! kind: RoleBinding
//! metadata:
//!   name: ops
//!   namespace: shop
//! roleRef:
//!   apiGroup: rbac.authorization.k8s.io
//!   kind: ClusterRole
//!   name: edit
//! subjects:
//! - kind: ServiceAccount
//!   name: web
//!   namespace: shop
//! ```
//!
//! ## Remediation
//! Use a RoleBinding in the namespaces where the rights are needed.
//!
//! ## References
//! - MITRE ATT&CK: [T1078.004](https://attack.mitre.org/techniques/T1078/004/)
//! - <https://kubernetes.io/docs/concepts/security/rbac-good-practices/>
//! - <https://kubernetes.io/docs/reference/access-authn-authz/rbac/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-228",
    name: "admin_role_cluster_binding",
    group: "rbac",
    title: "Cluster-wide binding to admin or edit",
    severity: Medium,
    attack: ["T1078.004"],
    refs: { nsa: ["RBAC least privilege"] },
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    if cx.kind() == "ClusterRoleBinding" {
        if let Some(n) = cx
            .root()
            .path(&["roleRef", "name"])
            .filter(|n| matches!(n.as_str(), Some("admin") | Some("edit")))
        {
            out.emit(
                n.line,
                format!(
                    "ClusterRoleBinding {:?} binds {:?} cluster-wide",
                    cx.obj.name(),
                    text(Some(n))
                ),
            );
        }
    }
}
