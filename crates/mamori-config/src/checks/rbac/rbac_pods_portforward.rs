//! ## What it does
//! Reports rules granting `create` or `get` on `pods/portforward`.
//!
//! ## Why is this bad?
//! Port-forwarding tunnels into any pod port, bypassing NetworkPolicies and Service
//! exposure.
//!
//! ## Example
//! ```yaml
//! apiVersion: rbac.authorization.k8s.io/v1
//! kind: ClusterRole
//! metadata:
//!   name: ops
//! rules:
//! - apiGroups: [""]
//!   resources: ["pods/portforward"]
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
//!   resources: ["pods/log"]
//!   verbs: ["get"]
//! ```
//!
//! ## Remediation
//! Remove `pods/portforward`.
//!
//! ## References
//! - Kubescape: `C-0063`
//! - MITRE ATT&CK: [T1090](https://attack.mitre.org/techniques/T1090/)
//! - MITRE ATT&CK: [T1572](https://attack.mitre.org/techniques/T1572/)
//! - <https://kubernetes.io/docs/concepts/security/rbac-good-practices/>
//! - <https://kubernetes.io/docs/reference/access-authn-authz/rbac/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-211",
    name: "rbac_pods_portforward",
    group: "rbac",
    title: "Role can port-forward to pods",
    severity: Medium,
    attack: ["T1090", "T1572"],
    refs: { kubescape: ["C-0063"] },
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    rbac_check(
        cx.obj,
        out,
        "",
        &["pods/portforward"],
        &["create", "get"],
        "can port-forward to pods",
    );
}
