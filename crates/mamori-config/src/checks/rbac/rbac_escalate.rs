//! ## What it does
//! Reports rules granting `escalate` on roles or clusterroles.
//!
//! ## Why is this bad?
//! `escalate` lifts the RBAC check that prevents granting permissions one does not hold:
//! the subject can give itself anything.
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
//!   verbs: ["escalate"]
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
//! Remove `escalate`.
//!
//! ## References
//! - CIS Kubernetes Benchmark v1.8: `5.1.8`
//! - MITRE ATT&CK: [T1098](https://attack.mitre.org/techniques/T1098/)
//! - MITRE ATT&CK: [T1078.004](https://attack.mitre.org/techniques/T1078/004/)
//! - <https://kubernetes.io/docs/concepts/security/rbac-good-practices/>
//! - <https://kubernetes.io/docs/reference/access-authn-authz/rbac/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-213",
    name: "rbac_escalate",
    group: "rbac",
    title: "Role can escalate roles",
    severity: Critical,
    attack: ["T1098", "T1078.004"],
    refs: { checkov: ["CKV_K8S_158"], kubescape: ["C-0191"], cis: ["5.1.8"], nsa: ["RBAC least privilege"] },
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    rbac_check(
        cx.obj,
        out,
        "rbac.authorization.k8s.io",
        &["roles", "clusterroles"],
        &["escalate"],
        "can escalate roles",
    );
}
