//! ## What it does
//! Reports rules granting `create` on `pods`.
//!
//! ## Why is this bad?
//! Creating a pod means running any image with any service account of the namespace (and
//! its token), and mounting any secret: it is equivalent to reading all secrets in scope.
//!
//! ## Example
//! ```yaml
//! apiVersion: rbac.authorization.k8s.io/v1
//! kind: ClusterRole
//! metadata:
//!   name: ops
//! rules:
//! - apiGroups: [""]
//!   resources: [pods]
//!   verbs: ["create", "get"]
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
//!   resources: [pods]
//!   verbs: ["get", "list", "watch"]
//! ```
//!
//! ## Remediation
//! Let controllers (Deployments, Jobs) create pods; restrict direct pod creation.
//!
//! ## References
//! - Kubescape: `C-0188`
//! - CIS Kubernetes Benchmark v1.8: `5.1.4`
//! - MITRE ATT&CK: [T1610](https://attack.mitre.org/techniques/T1610/)
//! - MITRE ATT&CK: [T1078.004](https://attack.mitre.org/techniques/T1078/004/)
//! - <https://kubernetes.io/docs/concepts/security/rbac-good-practices/>
//! - <https://kubernetes.io/docs/reference/access-authn-authz/rbac/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-207",
    name: "rbac_create_pods",
    group: "rbac",
    title: "Role can create pods",
    severity: High,
    attack: ["T1610", "T1078.004"],
    refs: { trivy: ["KSV-0048"], kubescape: ["C-0188"], cis: ["5.1.4"] },
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    rbac_check(cx.obj, out, "", &["pods"], &["create"], "can create pods");
}
