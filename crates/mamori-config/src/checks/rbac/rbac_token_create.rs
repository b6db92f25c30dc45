//! ## What it does
//! Reports rules granting `create` on `serviceaccounts/token`.
//!
//! ## Why is this bad?
//! The TokenRequest API mints tokens for any service account in scope: the permissions of
//! all of them.
//!
//! ## Example
//! ```yaml
//! apiVersion: rbac.authorization.k8s.io/v1
//! kind: ClusterRole
//! metadata:
//!   name: ops
//! rules:
//! - apiGroups: [""]
//!   resources: ["serviceaccounts/token"]
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
//!   resources: [serviceaccounts]
//!   verbs: ["get", "list", "watch"]
//! ```
//!
//! ## Remediation
//! Remove the grant; pods get projected tokens without it.
//!
//! ## References
//! - CIS Kubernetes Benchmark v1.8: `5.1.13`
//! - MITRE ATT&CK: [T1528](https://attack.mitre.org/techniques/T1528/)
//! - MITRE ATT&CK: [T1078.004](https://attack.mitre.org/techniques/T1078/004/)
//! - <https://kubernetes.io/docs/concepts/security/rbac-good-practices/>
//! - <https://kubernetes.io/docs/reference/access-authn-authz/rbac/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-219",
    name: "rbac_token_create",
    group: "rbac",
    title: "Role can create service account tokens",
    severity: High,
    attack: ["T1528", "T1078.004"],
    refs: { kubescape: ["C-0282"], cis: ["5.1.13"] },
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    rbac_check(
        cx.obj,
        out,
        "",
        &["serviceaccounts/token"],
        &["create"],
        "can create service account tokens",
    );
}
