//! ## What it does
//! Reports rules granting `create`, `update` or `patch` on `secrets`.
//!
//! ## Why is this bad?
//! Creating a secret of type `kubernetes.io/service-account-token` mints a token for any
//! service account in the namespace; updating secrets can swap credentials used by other
//! workloads.
//!
//! ## Example
//! ```yaml
//! apiVersion: rbac.authorization.k8s.io/v1
//! kind: ClusterRole
//! metadata:
//!   name: ops
//! rules:
//! - apiGroups: [""]
//!   resources: [secrets]
//!   verbs: ["create", "update"]
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
//!   resources: [secrets]
//!   verbs: ["get"]
//! ```
//!
//! ## Remediation
//! Grant secret writes only to the controllers that own those secrets.
//!
//! ## References
//! - CIS Kubernetes Benchmark v1.8: `5.1.2`
//! - MITRE ATT&CK: [T1098](https://attack.mitre.org/techniques/T1098/)
//! - MITRE ATT&CK: [T1528](https://attack.mitre.org/techniques/T1528/)
//! - <https://kubernetes.io/docs/concepts/security/rbac-good-practices/>
//! - <https://kubernetes.io/docs/reference/access-authn-authz/rbac/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-206",
    name: "rbac_secrets_write",
    group: "rbac",
    title: "Role can create or modify secrets",
    severity: Medium,
    attack: ["T1098", "T1528"],
    refs: { cis: ["5.1.2"] },
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    rbac_check(
        cx.obj,
        out,
        "",
        &["secrets"],
        &["create", "update", "patch"],
        "can create or modify secrets",
    );
}
