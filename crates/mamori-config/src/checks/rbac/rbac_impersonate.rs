//! ## What it does
//! Reports rules granting `impersonate` on users, groups, serviceaccounts or uids.
//!
//! ## Why is this bad?
//! Impersonation lets the subject act as any user, group (including `system:masters`) or
//! service account.
//!
//! ## Example
//! ```yaml
//! apiVersion: rbac.authorization.k8s.io/v1
//! kind: ClusterRole
//! metadata:
//!   name: ops
//! rules:
//! - apiGroups: [""]
//!   resources: [users, groups]
//!   verbs: ["impersonate"]
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
//!   resources: [serviceaccounts]
//!   verbs: ["get", "list", "watch"]
//! ```
//!
//! ## Remediation
//! Remove `impersonate`.
//!
//! ## References
//! - Kubescape: `C-0065`
//! - CIS Kubernetes Benchmark v1.8: `5.1.8`
//! - MITRE ATT&CK: [T1078.004](https://attack.mitre.org/techniques/T1078/004/)
//! - MITRE ATT&CK: [T1134](https://attack.mitre.org/techniques/T1134/)
//! - <https://kubernetes.io/docs/concepts/security/rbac-good-practices/>
//! - <https://kubernetes.io/docs/reference/access-authn-authz/rbac/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-215",
    name: "rbac_impersonate",
    group: "rbac",
    title: "Role can impersonate",
    severity: Critical,
    attack: ["T1078.004", "T1134"],
    refs: { kubescape: ["C-0065"], cis: ["5.1.8"], nsa: ["RBAC least privilege"] },
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    rbac_check(
        cx.obj,
        out,
        "",
        &["users", "groups", "serviceaccounts", "uids"],
        &["impersonate"],
        "can impersonate",
    );
}
