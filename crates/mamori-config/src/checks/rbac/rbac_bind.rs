//! ## What it does
//! Reports rules granting `bind` on roles or clusterroles.
//!
//! ## Why is this bad?
//! `bind` allows creating bindings to roles with more permissions than the subject holds,
//! e.g. binding itself to cluster-admin.
//!
//! ## Example
//! ```yaml
//! apiVersion: rbac.authorization.k8s.io/v1
//! kind: ClusterRole
//! metadata:
//!   name: ops
//! rules:
//! - apiGroups: ["rbac.authorization.k8s.io"]
//!   resources: [clusterroles]
//!   verbs: ["bind"]
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
//!   resources: [clusterroles]
//!   verbs: ["get", "list", "watch"]
//! ```
//!
//! ## Remediation
//! Remove `bind`, or restrict it with `resourceNames` to harmless roles.
//!
//! ## References
//! - CIS Kubernetes Benchmark v1.8: `5.1.8`
//! - MITRE ATT&CK: [T1098](https://attack.mitre.org/techniques/T1098/)
//! - MITRE ATT&CK: [T1078.004](https://attack.mitre.org/techniques/T1078/004/)
//! - <https://kubernetes.io/docs/concepts/security/rbac-good-practices/>
//! - <https://kubernetes.io/docs/reference/access-authn-authz/rbac/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-214",
    name: "rbac_bind",
    group: "rbac",
    title: "Role can bind roles",
    severity: Critical,
    attack: ["T1098", "T1078.004"],
    refs: { kubescape: ["C-0191"], cis: ["5.1.8"], nsa: ["RBAC least privilege"] },
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    rbac_check(
        cx.obj,
        out,
        "rbac.authorization.k8s.io",
        &["roles", "clusterroles"],
        &["bind"],
        "can bind roles",
    );
}
