//! ## What it does
//! Reports container ports 22.
//!
//! ## Why is this bad?
//! An SSH server in a container is an extra remote entry point with its own credentials to
//! manage; `kubectl exec` covers the legitimate uses.
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
//!     - containerPort: 22
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
//! Remove the SSH server.
//!
//! ## References
//! - MITRE ATT&CK: [T1021.004](https://attack.mitre.org/techniques/T1021/004/)
//! - MITRE ATT&CK: [T1133](https://attack.mitre.org/techniques/T1133/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-080",
    name: "ssh_port_exposed",
    group: "k8s",
    title: "Container exposes SSH",
    severity: Medium,
    attack: ["T1021.004", "T1133"],
    refs: { kubescape: ["C-0042"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for c in cx.containers() {
        for p in c.node.get("ports").map(Node::items).unwrap_or(&[]) {
            if let Some(n) = p.get("containerPort").filter(|n| n.as_i64() == Some(22)) {
                out.emit(n.line, format!("{} exposes port 22", c.describe()));
            }
        }
    }
}
