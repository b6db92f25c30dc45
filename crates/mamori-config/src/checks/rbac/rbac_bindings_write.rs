//! ## What it does
//! Reports rules granting `create`, `update` or `patch` on rolebindings or
//! clusterrolebindings.
//!
//! ## Why is this bad?
//! Binding management decides who holds which role; with `bind` or already-held powerful
//! roles it is a direct escalation path, and it can hand out existing rights to attacker-
//! controlled accounts.
//!
//! ## Example
//! ```yaml
//! apiVersion: rbac.authorization.k8s.io/v1
//! kind: ClusterRole
//! metadata:
//!   name: ops
//! rules:
//! - apiGroups: ["rbac.authorization.k8s.io"]
//!   resources: [clusterrolebindings]
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
//! - apiGroups: ["rbac.authorization.k8s.io"]
//!   resources: [clusterrolebindings]
//!   verbs: ["get", "list", "watch"]
//! ```
//!
//! ## Remediation
//! Restrict binding management to administrators.
//!
//! ## References
//! - MITRE ATT&CK: [T1098](https://attack.mitre.org/techniques/T1098/)
//! - <https://kubernetes.io/docs/concepts/security/rbac-good-practices/>
//! - <https://kubernetes.io/docs/reference/access-authn-authz/rbac/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-221",
    name: "rbac_bindings_write",
    group: "rbac",
    title: "Role can create role bindings",
    severity: High,
    attack: ["T1098"],
    refs: { checkov: ["CKV_K8S_157"], trivy: ["KSV-0050"] },
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    rbac_check(
        cx.obj,
        out,
        "rbac.authorization.k8s.io",
        &["rolebindings", "clusterrolebindings"],
        &["create", "update", "patch"],
        "can create or change role bindings",
    );
}
