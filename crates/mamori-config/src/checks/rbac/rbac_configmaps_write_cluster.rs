//! ## What it does
//! Reports ClusterRole rules granting `update` or `patch` on configmaps (cluster-wide when
//! bound by a ClusterRoleBinding).
//!
//! ## Why is this bad?
//! Cluster-wide config map writes reach `kube-system` config maps such as `aws-auth`, which
//! maps IAM roles to Kubernetes groups.
//!
//! ## Example
//! ```yaml
//! apiVersion: rbac.authorization.k8s.io/v1
//! kind: ClusterRole
//! metadata:
//!   name: ops
//! rules:
//! - apiGroups: [""]
//!   resources: [configmaps]
//!   verbs: ["patch"]
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
//! Use namespaced Roles for config map writes.
//!
//! ## References
//! - MITRE ATT&CK: [T1098](https://attack.mitre.org/techniques/T1098/)
//! - MITRE ATT&CK: [T1565](https://attack.mitre.org/techniques/T1565/)
//! - <https://kubernetes.io/docs/concepts/security/rbac-good-practices/>
//! - <https://kubernetes.io/docs/reference/access-authn-authz/rbac/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-226",
    name: "rbac_configmaps_write_cluster",
    group: "rbac",
    title: "ClusterRole can modify config maps",
    severity: Medium,
    attack: ["T1098", "T1565"],
    refs: { trivy: ["KSV-0049"] },
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    rbac_check(
        cx.obj,
        out,
        "",
        &["configmaps"],
        &["update", "patch"],
        "can modify config maps",
    );
}
