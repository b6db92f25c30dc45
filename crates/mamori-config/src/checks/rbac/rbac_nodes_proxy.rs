//! ## What it does
//! Reports rules granting access to `nodes/proxy`.
//!
//! ## Why is this bad?
//! `nodes/proxy` reaches the kubelet API directly, whose `/exec` and `/run` endpoints run
//! commands in any pod on the node without audit logs of a `pods/exec` call.
//!
//! ## Example
//! ```yaml
//! apiVersion: rbac.authorization.k8s.io/v1
//! kind: ClusterRole
//! metadata:
//!   name: ops
//! rules:
//! - apiGroups: [""]
//!   resources: ["nodes/proxy"]
//!   verbs: ["get"]
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
//!   resources: [nodes]
//!   verbs: ["get", "list", "watch"]
//! ```
//!
//! ## Remediation
//! Remove `nodes/proxy`; use `nodes/metrics` or `nodes/stats` for monitoring.
//!
//! ## References
//! - CIS Kubernetes Benchmark v1.8: `5.1.10`
//! - MITRE ATT&CK: [T1609](https://attack.mitre.org/techniques/T1609/)
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - <https://kubernetes.io/docs/concepts/security/rbac-good-practices/>
//! - <https://kubernetes.io/docs/reference/access-authn-authz/rbac/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-216",
    name: "rbac_nodes_proxy",
    group: "rbac",
    title: "Role can use the nodes/proxy subresource",
    severity: Critical,
    attack: ["T1609", "T1611"],
    refs: { trivy: ["KSV-0047"], kubescape: ["C-0279"], cis: ["5.1.10"] },
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    rbac_check(
        cx.obj,
        out,
        "",
        &["nodes/proxy"],
        &["get", "create", "update", "patch"],
        "can use nodes/proxy",
    );
}
