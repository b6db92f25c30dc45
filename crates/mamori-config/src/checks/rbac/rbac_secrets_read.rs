//! ## What it does
//! Reports rules granting `get`, `list` or `watch` on `secrets`.
//!
//! ## Why is this bad?
//! Reading secrets reveals service account tokens, registry credentials and application
//! passwords; `list` and `watch` return the values of every secret in scope.
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
//!   verbs: ["get", "list", "watch"]
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
//!   resources: [configmaps]
//!   verbs: ["get", "list", "watch"]
//! ```
//!
//! ## Remediation
//! Restrict secret access to the few components that need it, with `resourceNames`.
//!
//! ## References
//! - Kubescape: `C-0015`
//! - CIS Kubernetes Benchmark v1.8: `5.1.2`
//! - MITRE ATT&CK: [T1552.007](https://attack.mitre.org/techniques/T1552/007/)
//! - MITRE ATT&CK: [T1528](https://attack.mitre.org/techniques/T1528/)
//! - <https://kubernetes.io/docs/concepts/security/rbac-good-practices/>
//! - <https://kubernetes.io/docs/reference/access-authn-authz/rbac/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-205",
    name: "rbac_secrets_read",
    group: "rbac",
    title: "Role can read secrets",
    severity: High,
    attack: ["T1552.007", "T1528"],
    refs: { trivy: ["KSV-0041"], kubescape: ["C-0015"], cis: ["5.1.2"] },
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    rbac_check(
        cx.obj,
        out,
        "",
        &["secrets"],
        &["get", "list", "watch"],
        "can read secrets",
    );
}
