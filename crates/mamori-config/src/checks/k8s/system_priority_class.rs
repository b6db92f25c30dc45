//! ## What it does
//! Reports pods using `system-node-critical` or `system-cluster-critical` priority classes
//! outside `kube-system`.
//!
//! ## Why is this bad?
//! System priority lets the pod pre-empt other workloads and resist eviction; an
//! application (or attacker) using it can starve the cluster.
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
//!   priorityClassName: system-node-critical
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
//!   priorityClassName: web-high
//! ```
//!
//! ## Remediation
//! Create a dedicated PriorityClass with a lower value.
//!
//! ## References
//! - MITRE ATT&CK: [T1499](https://attack.mitre.org/techniques/T1499/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-086",
    name: "system_priority_class",
    group: "k8s",
    title: "Workload uses a system priority class",
    severity: Low,
    attack: ["T1499"],
    refs: {},
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    if let Some(n) = cx.spec().get("priorityClassName") {
        let p = text(Some(n));
        if (p == "system-node-critical" || p == "system-cluster-critical")
            && cx.obj.namespace() != Some("kube-system")
        {
            out.emit(n.line, format!("pod uses priority class {p:?}"));
        }
    }
}
