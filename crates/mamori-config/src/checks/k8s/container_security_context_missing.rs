//! ## What it does
//! Reports containers without a `securityContext`.
//!
//! ## Why is this bad?
//! A missing security context means every hardening field takes the permissive default.
//!
//! ## Example
//! ```yaml
//! apiVersion: v1
//! kind: Pod
//! metadata:
//!   name: web
//!   namespace: shop
//! spec:
//!   containers:
//!   - name: app
//!     image: registry.example.com/shop/web:1.4.2
//! ```
//!
//! Use instead:
//! ```yaml
//! apiVersion: v1
//! kind: Pod
//! metadata:
//!   name: web
//!   namespace: shop
//! spec:
//!   containers:
//!   - name: app
//!     image: registry.example.com/shop/web:1.4.2
//!     securityContext:
//!       allowPrivilegeEscalation: false
//!       capabilities:
//!         drop: [ALL]
//! ```
//!
//! ## Remediation
//! Add a security context to every container.
//!
//! ## References
//! - Checkov: `CKV_K8S_30`
//! - Kubescape: `C-0211`
//! - CIS Kubernetes Benchmark v1.8: `5.7.3`
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-055",
    name: "container_security_context_missing",
    group: "k8s",
    title: "Container has no security context",
    severity: Low,
    attack: ["T1611"],
    refs: { checkov: ["CKV_K8S_30"], kubescape: ["C-0211"], cis: ["5.7.3"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for c in cx.containers() {
        if c.node.get("securityContext").is_none_or(|n| n.is_null()) {
            out.emit(
                c.node.line,
                format!("{} has no securityContext", c.describe()),
            );
        }
    }
}
