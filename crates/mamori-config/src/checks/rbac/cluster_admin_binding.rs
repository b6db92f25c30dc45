//! ## What it does
//! Reports RoleBindings and ClusterRoleBindings whose `roleRef` is the `cluster-admin`
//! ClusterRole.
//!
//! ## Why is this bad?
//! cluster-admin is unrestricted superuser; every binding to it is a full cluster
//! compromise if that subject is.
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
//!   name: cluster-admin
//! subjects:
//! - kind: ServiceAccount
//!   name: web
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
//! Bind a narrower role.
//!
//! ## References
//! - Kubescape: `C-0035`
//! - CIS Kubernetes Benchmark v1.8: `5.1.1`
//! - MITRE ATT&CK: [T1078.004](https://attack.mitre.org/techniques/T1078/004/)
//! - MITRE ATT&CK: [T1098](https://attack.mitre.org/techniques/T1098/)
//! - <https://kubernetes.io/docs/concepts/security/rbac-good-practices/>
//! - <https://kubernetes.io/docs/reference/access-authn-authz/rbac/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-227",
    name: "cluster_admin_binding",
    group: "rbac",
    title: "Binding to cluster-admin",
    severity: High,
    attack: ["T1078.004", "T1098"],
    refs: { trivy: ["KSV-0111"], kubescape: ["C-0035"], cis: ["5.1.1"], nsa: ["RBAC least privilege"] },
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    if matches!(cx.kind(), "RoleBinding" | "ClusterRoleBinding") {
        if let Some(n) = cx
            .root()
            .path(&["roleRef", "name"])
            .filter(|n| n.as_str() == Some("cluster-admin"))
        {
            out.emit(
                n.line,
                format!("{} {:?} binds cluster-admin", cx.kind(), cx.obj.name()),
            );
        }
    }
}
