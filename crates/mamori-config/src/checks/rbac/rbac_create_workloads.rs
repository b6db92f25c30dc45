//! ## What it does
//! Reports rules granting `create`, `update` or `patch` on deployments, daemonsets,
//! statefulsets, replicasets, jobs or cronjobs.
//!
//! ## Why is this bad?
//! Whoever writes a workload template decides which image runs with which service account;
//! it is pod creation one step removed.
//!
//! ## Example
//! ```yaml
//! apiVersion: rbac.authorization.k8s.io/v1
//! kind: ClusterRole
//! metadata:
//!   name: ops
//! rules:
//! - apiGroups: ["apps"]
//!   resources: [deployments]
//!   verbs: ["create", "patch"]
//! ```
//!
//! Use instead:
//! ```yaml
//! apiVersion: rbac.authorization.k8s.io/v1
//! kind: ClusterRole
//! metadata:
//!   name: ops
//! rules:
//! - apiGroups: ["apps"]
//!   resources: [deployments]
//!   verbs: ["get", "list", "watch"]
//! ```
//!
//! ## Remediation
//! Limit workload writes to CI/CD service accounts.
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
    id: "MAM-K8S-208",
    name: "rbac_create_workloads",
    group: "rbac",
    title: "Role can create or change workloads",
    severity: High,
    attack: ["T1610", "T1078.004"],
    refs: { trivy: ["KSV-0048"], kubescape: ["C-0188"], cis: ["5.1.4"] },
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    rbac_check(
        cx.obj,
        out,
        "?",
        &[
            "deployments",
            "daemonsets",
            "statefulsets",
            "replicasets",
            "jobs",
            "cronjobs",
        ],
        &["create", "update", "patch"],
        "can create or change workloads",
    );
}
