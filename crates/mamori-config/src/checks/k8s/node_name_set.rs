//! ## What it does
//! Reports pods that set `spec.nodeName`.
//!
//! ## Why is this bad?
//! `nodeName` skips the scheduler and its admission controls (taints, node restrictions);
//! it is used to land a pod on a specific, perhaps control-plane, node.
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
//!   nodeName: control-plane-1
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
//!   nodeSelector:
//!     pool: web
//! ```
//!
//! ## Remediation
//! Use `nodeSelector` or affinity instead.
//!
//! ## References
//! - MITRE ATT&CK: [T1610](https://attack.mitre.org/techniques/T1610/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-064",
    name: "node_name_set",
    group: "k8s",
    title: "Pod bypasses the scheduler",
    severity: Low,
    attack: ["T1610"],
    refs: {},
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    if let Some(n) = cx
        .spec()
        .get("nodeName")
        .filter(|n| n.scalar_text().is_some_and(|s| !s.is_empty()))
    {
        out.emit(n.line, format!("pod is pinned to node {:?}", text(Some(n))));
    }
}
