//! ## What it does
//! Reports rules granting `create` (or `get`, which older API servers accepted) on
//! `pods/exec`.
//!
//! ## Why is this bad?
//! `kubectl exec` runs commands inside running containers with their service account token
//! and secrets.
//!
//! ## Example
//! ```yaml
//! apiVersion: rbac.authorization.k8s.io/v1
//! kind: ClusterRole
//! metadata:
//!   name: ops
//! rules:
//! - apiGroups: [""]
//!   resources: ["pods/exec"]
//!   verbs: ["create"]
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
//!   resources: ["pods/log"]
//!   verbs: ["get"]
//! ```
//!
//! ## Remediation
//! Remove `pods/exec` from non-administrative roles.
//!
//! ## References
//! - Kubescape: `C-0002`
//! - MITRE ATT&CK: [T1609](https://attack.mitre.org/techniques/T1609/)
//! - <https://kubernetes.io/docs/concepts/security/rbac-good-practices/>
//! - <https://kubernetes.io/docs/reference/access-authn-authz/rbac/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-209",
    name: "rbac_pods_exec",
    group: "rbac",
    title: "Role can exec into pods",
    severity: High,
    attack: ["T1609"],
    refs: { trivy: ["KSV-0053"], kubescape: ["C-0002"] },
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    rbac_check(
        cx.obj,
        out,
        "",
        &["pods/exec"],
        &["create", "get"],
        "can exec into pods",
    );
}
