//! ## What it does
//! Reports pods without a pod-level `securityContext`.
//!
//! ## Why is this bad?
//! The pod security context is where `runAsNonRoot`, `runAsUser`, `fsGroup` and
//! `seccompProfile` are set once for all containers; without it each container must get
//! them right.
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
//!   securityContext:
//!     runAsNonRoot: true
//!     seccompProfile:
//!       type: RuntimeDefault
//! ```
//!
//! ## Remediation
//! Add a pod `securityContext`.
//!
//! ## References
//! - Checkov: `CKV_K8S_29`
//! - Kubescape: `C-0211`
//! - CIS Kubernetes Benchmark v1.8: `5.7.3`
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-056",
    name: "pod_security_context_missing",
    group: "k8s",
    title: "Pod has no security context",
    severity: Low,
    attack: ["T1611"],
    refs: { checkov: ["CKV_K8S_29"], kubescape: ["C-0211"], cis: ["5.7.3"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    if cx.spec().get("securityContext").is_none_or(|n| n.is_null()) {
        out.emit(cx.spec().line, "pod has no securityContext");
    }
}
