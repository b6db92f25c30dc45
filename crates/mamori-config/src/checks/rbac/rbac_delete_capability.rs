//! ## What it does
//! Reports rules granting `delete` or `deletecollection` on pods, deployments,
//! statefulsets, daemonsets or replicasets.
//!
//! ## Why is this bad?
//! Delete rights enable denial of service and removal of evidence; `deletecollection` wipes
//! a namespace's workloads at once.
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
//!   verbs: ["delete"]
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
//! Keep delete rights for controllers and on-call roles.
//!
//! ## References
//! - Kubescape: `C-0007`
//! - MITRE ATT&CK: [T1485](https://attack.mitre.org/techniques/T1485/)
//! - MITRE ATT&CK: [T1489](https://attack.mitre.org/techniques/T1489/)
//! - <https://kubernetes.io/docs/concepts/security/rbac-good-practices/>
//! - <https://kubernetes.io/docs/reference/access-authn-authz/rbac/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-223",
    name: "rbac_delete_capability",
    group: "rbac",
    title: "Role can delete workloads or pods",
    severity: Medium,
    attack: ["T1485", "T1489"],
    refs: { trivy: ["KSV-0048"], kubescape: ["C-0007"] },
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    rbac_check(
        cx.obj,
        out,
        "?",
        &[
            "pods",
            "deployments",
            "statefulsets",
            "daemonsets",
            "replicasets",
        ],
        &["delete", "deletecollection"],
        "can delete pods or workloads",
    );
}
