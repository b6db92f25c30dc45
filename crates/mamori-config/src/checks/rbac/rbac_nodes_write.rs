//! ## What it does
//! Reports rules granting `update`, `patch` or `delete` on `nodes`.
//!
//! ## Why is this bad?
//! Changing labels and taints lets an attacker steer sensitive pods onto a node they
//! control, or cordon healthy nodes.
//!
//! ## Example
//! ```yaml
//! apiVersion: rbac.authorization.k8s.io/v1
//! kind: ClusterRole
//! metadata:
//!   name: ops
//! rules:
//! - apiGroups: [""]
//!   resources: [nodes]
//!   verbs: ["patch"]
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
//!   resources: [nodes]
//!   verbs: ["get", "list", "watch"]
//! ```
//!
//! ## Remediation
//! Only node-lifecycle controllers need this.
//!
//! ## References
//! - MITRE ATT&CK: [T1610](https://attack.mitre.org/techniques/T1610/)
//! - MITRE ATT&CK: [T1098](https://attack.mitre.org/techniques/T1098/)
//! - <https://kubernetes.io/docs/concepts/security/rbac-good-practices/>
//! - <https://kubernetes.io/docs/reference/access-authn-authz/rbac/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-224",
    name: "rbac_nodes_write",
    group: "rbac",
    title: "Role can modify nodes",
    severity: High,
    attack: ["T1610", "T1098"],
    refs: {},
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    rbac_check(
        cx.obj,
        out,
        "",
        &["nodes"],
        &["update", "patch", "delete"],
        "can modify nodes",
    );
}
