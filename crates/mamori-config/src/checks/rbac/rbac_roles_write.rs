//! ## What it does
//! Reports rules granting `create`, `update` or `patch` on roles or clusterroles.
//!
//! ## Why is this bad?
//! Editing a role that is already bound to the subject (or to a workload it controls)
//! widens its own permissions.
//!
//! ## Example
//! ```yaml
//! apiVersion: rbac.authorization.k8s.io/v1
//! kind: ClusterRole
//! metadata:
//!   name: ops
//! rules:
//! - apiGroups: ["rbac.authorization.k8s.io"]
//!   resources: [roles]
//!   verbs: ["update"]
//! ```
//!
//! Use instead:
//! ```yaml
//! apiVersion: rbac.authorization.k8s.io/v1
//! kind: ClusterRole
//! metadata:
//!   name: ops
//! rules:
//! - apiGroups: ["rbac.authorization.k8s.io"]
//!   resources: [roles]
//!   verbs: ["get", "list", "watch"]
//! ```
//!
//! ## Remediation
//! Restrict role management to administrators.
//!
//! ## References
//! - MITRE ATT&CK: [T1098](https://attack.mitre.org/techniques/T1098/)
//! - <https://kubernetes.io/docs/concepts/security/rbac-good-practices/>
//! - <https://kubernetes.io/docs/reference/access-authn-authz/rbac/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-222",
    name: "rbac_roles_write",
    group: "rbac",
    title: "Role can modify roles",
    severity: High,
    attack: ["T1098"],
    refs: {},
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    rbac_check(
        cx.obj,
        out,
        "rbac.authorization.k8s.io",
        &["roles", "clusterroles"],
        &["create", "update", "patch"],
        "can create or change roles",
    );
}
