//! ## What it does
//! Reports ClusterRole rules with `nonResourceURLs: ["*"]`.
//!
//! ## Why is this bad?
//! Non-resource URLs include `/metrics`, `/debug/pprof` and `/logs` on the API server; a
//! wildcard exposes profiling and debug endpoints that leak data or consume resources.
//!
//! ## Example
//! ```yaml
//! apiVersion: rbac.authorization.k8s.io/v1
//! kind: ClusterRole
//! metadata:
//!   name: ops
//! rules:
//! - nonResourceURLs: ["*"]
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
//! - nonResourceURLs: ["/healthz"]
//!   verbs: ["get"]
//! ```
//!
//! ## Remediation
//! List the URLs needed.
//!
//! ## References
//! - MITRE ATT&CK: [T1078.004](https://attack.mitre.org/techniques/T1078/004/)
//! - <https://kubernetes.io/docs/concepts/security/rbac-good-practices/>
//! - <https://kubernetes.io/docs/reference/access-authn-authz/rbac/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-204",
    name: "rbac_non_resource_wildcard",
    group: "rbac",
    title: "Role grants all non-resource URLs",
    severity: Medium,
    attack: ["T1078.004"],
    refs: { nsa: ["RBAC least privilege"] },
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    if cx.kind() == "ClusterRole" {
        for r in cx.root().get("rules").map(Node::items).unwrap_or(&[]) {
            if strings(r.get("nonResourceURLs"))
                .iter()
                .any(|(u, _)| u == "*")
            {
                out.emit(
                    r.key_line("nonResourceURLs").unwrap_or(r.line),
                    format!(
                        "ClusterRole {:?} grants all non-resource urls",
                        cx.obj.name()
                    ),
                );
            }
        }
    }
}
