//! ## What it does
//! Reports `containerPort` values below 1024.
//!
//! ## Why is this bad?
//! Binding ports below 1024 needs root or `NET_BIND_SERVICE`, which keeps the container
//! from running fully unprivileged.
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
//!     ports:
//!     - containerPort: 80
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
//!     ports:
//!     - containerPort: 8080
//! ```
//!
//! ## Remediation
//! Listen on a high port and map it in the Service.
//!
//! ## References
//! - MITRE ATT&CK: [T1068](https://attack.mitre.org/techniques/T1068/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-084",
    name: "privileged_port",
    group: "k8s",
    title: "Container listens on a privileged port",
    severity: Low,
    attack: ["T1068"],
    refs: { trivy: ["KSV-0117"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for c in cx.containers() {
        for p in c.node.get("ports").map(Node::items).unwrap_or(&[]) {
            if let Some(n) = p
                .get("containerPort")
                .filter(|n| n.as_i64().is_some_and(|x| x > 0 && x < 1024 && x != 22))
            {
                out.emit(
                    n.line,
                    format!(
                        "{} listens on privileged port {}",
                        c.describe(),
                        n.as_i64().unwrap_or(0)
                    ),
                );
            }
        }
    }
}
