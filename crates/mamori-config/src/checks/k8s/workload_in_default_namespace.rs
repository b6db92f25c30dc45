//! ## What it does
//! Reports workloads whose `metadata.namespace` is missing or `default`.
//!
//! ## Why is this bad?
//! The default namespace usually has no Pod Security level, quotas or network policies, and
//! everything in it shares one trust boundary.
//!
//! ## Example
//! ```yaml
//! apiVersion: v1
//! kind: Pod
//! metadata:
//!   name: web
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
//! ```
//!
//! ## Remediation
//! Deploy into a dedicated namespace.
//!
//! ## References
//! - Checkov: `CKV_K8S_21`
//! - Kubescape: `C-0061`
//! - CIS Kubernetes Benchmark v1.8: `5.7.4`
//! - MITRE ATT&CK: [T1078](https://attack.mitre.org/techniques/T1078/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-061",
    name: "workload_in_default_namespace",
    group: "k8s",
    title: "Workload in the default namespace",
    severity: Low,
    attack: ["T1078"],
    refs: { checkov: ["CKV_K8S_21"], trivy: ["KSV-0110"], kubescape: ["C-0061"], cis: ["5.7.4"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    if cx.obj.namespace().is_none_or(|n| n == "default") {
        let line = cx
            .obj
            .root
            .path(&["metadata", "namespace"])
            .map(|n| n.line)
            .unwrap_or(cx.obj.line());
        out.emit(
            line,
            format!(
                "{} {:?} is in the default namespace",
                cx.obj.kind(),
                cx.obj.name()
            ),
        );
    }
}
