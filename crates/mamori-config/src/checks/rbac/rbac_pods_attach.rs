//! ## What it does
//! Reports rules granting `create` or `get` on `pods/attach`.
//!
//! ## Why is this bad?
//! Attaching gives interactive access to a container's main process (stdin), which for
//! shells is the same as exec.
//!
//! ## Example
//! ```yaml
//! apiVersion: rbac.authorization.k8s.io/v1
//! kind: ClusterRole
//! metadata:
//!   name: ops
//! rules:
//! - apiGroups: [""]
//!   resources: ["pods/attach"]
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
//! Remove `pods/attach`.
//!
//! ## References
//! - Kubescape: `C-0002`
//! - MITRE ATT&CK: [T1609](https://attack.mitre.org/techniques/T1609/)
//! - <https://kubernetes.io/docs/concepts/security/rbac-good-practices/>
//! - <https://kubernetes.io/docs/reference/access-authn-authz/rbac/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-210",
    name: "rbac_pods_attach",
    group: "rbac",
    title: "Role can attach to pods",
    severity: High,
    attack: ["T1609"],
    refs: { kubescape: ["C-0002"] },
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    rbac_check(
        cx.obj,
        out,
        "",
        &["pods/attach"],
        &["create", "get"],
        "can attach to pods",
    );
}
