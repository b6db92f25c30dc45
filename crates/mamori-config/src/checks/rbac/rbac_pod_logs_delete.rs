//! ## What it does
//! Reports rules granting `delete` or `deletecollection` on events.
//!
//! ## Why is this bad?
//! Deleting events removes the cluster's audit trail of scheduling, image pulls and
//! failures.
//!
//! ## Example
//! ```yaml
//! apiVersion: rbac.authorization.k8s.io/v1
//! kind: ClusterRole
//! metadata:
//!   name: ops
//! rules:
//! - apiGroups: [""]
//!   resources: [events]
//!   verbs: ["delete"]
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
//!   resources: [events]
//!   verbs: ["get", "list", "watch"]
//! ```
//!
//! ## Remediation
//! Do not grant event deletion.
//!
//! ## References
//! - MITRE ATT&CK: [T1070](https://attack.mitre.org/techniques/T1070/)
//! - <https://kubernetes.io/docs/concepts/security/rbac-good-practices/>
//! - <https://kubernetes.io/docs/reference/access-authn-authz/rbac/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-225",
    name: "rbac_pod_logs_delete",
    group: "rbac",
    title: "Role can delete pod logs or events",
    severity: Low,
    attack: ["T1070"],
    refs: { kubescape: ["C-0031"] },
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    rbac_check(
        cx.obj,
        out,
        "",
        &["events"],
        &["delete", "deletecollection"],
        "can delete events",
    );
}
