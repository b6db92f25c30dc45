//! ## What it does
//! Reports regular containers without a `readinessProbe`.
//!
//! ## Why is this bad?
//! Without a readiness probe traffic is sent to pods before they can serve it and during
//! shutdown.
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
//!     readinessProbe:
//!       httpGet:
//!         path: /ready
//!         port: 8080
//! ```
//!
//! ## Remediation
//! Add a readiness probe.
//!
//! ## References
//! - Checkov: `CKV_K8S_9`
//! - Kubescape: `C-0018`
//! - MITRE ATT&CK: [T1499](https://attack.mitre.org/techniques/T1499/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-076",
    name: "readiness_probe_missing",
    group: "k8s",
    title: "No readiness probe",
    severity: Low,
    attack: ["T1499"],
    refs: { checkov: ["CKV_K8S_9"], kubescape: ["C-0018"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for c in cx.containers() {
        if c.kind == crate::workload::ContainerKind::Regular
            && c.node.get("readinessProbe").is_none()
        {
            out.emit(
                c.node.line,
                format!("{} has no readinessProbe", c.describe()),
            );
        }
    }
}
