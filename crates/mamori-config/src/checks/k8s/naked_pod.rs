//! ## What it does
//! Reports bare `Pod` objects (no `ownerReferences`), as opposed to Deployments,
//! StatefulSets, Jobs and so on.
//!
//! ## Why is this bad?
//! A bare pod is not rescheduled when its node fails and cannot be rolled out safely; it is
//! also a common shape for a one-off attacker pod.
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
//! apiVersion: apps/v1
//! kind: Deployment
//! metadata:
//!   name: web
//!   namespace: shop
//! spec:
//!   selector:
//!     matchLabels:
//!       app: web
//!   template:
//!     metadata:
//!       labels:
//!         app: web
//!     spec:
//!       containers:
//!       - name: app
//!         image: registry.example.com/shop/web:1.4.2
//! ```
//!
//! ## Remediation
//! Wrap the pod in a Deployment, StatefulSet, DaemonSet or Job.
//!
//! ## References
//! - Kubescape: `C-0073`
//! - MITRE ATT&CK: [T1499](https://attack.mitre.org/techniques/T1499/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-063",
    name: "naked_pod",
    group: "k8s",
    title: "Pod not managed by a controller",
    severity: Low,
    attack: ["T1499"],
    refs: { kubescape: ["C-0073"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    if cx.obj.kind() == "Pod" && cx.obj.root.path(&["metadata", "ownerReferences"]).is_none() {
        out.emit(
            cx.obj.line(),
            format!("pod {:?} is not managed by a controller", cx.obj.name()),
        );
    }
}
