//! ## What it does
//! Reports container ports that set a non-zero `hostPort`.
//!
//! ## Why is this bad?
//! A host port opens the pod directly on the node's address, bypassing Services and
//! NetworkPolicies, and pins the pod to nodes where the port is free.
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
//!     - containerPort: 8080
//!       hostPort: 8080
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
//! Remove `hostPort` and expose the pod through a Service.
//!
//! ## References
//! - Checkov: `CKV_K8S_26`
//! - Trivy: `KSV-0024`
//! - Kubescape: `C-0044`
//! - Pod Security Standards: `Host Ports`
//! - CIS Kubernetes Benchmark v1.8: `5.2.13`
//! - MITRE ATT&CK: [T1133](https://attack.mitre.org/techniques/T1133/)
//! - MITRE ATT&CK: [T1599](https://attack.mitre.org/techniques/T1599/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-038",
    name: "host_port",
    group: "k8s",
    title: "Container uses a host port",
    severity: Medium,
    attack: ["T1133", "T1599"],
    refs: { checkov: ["CKV_K8S_26"], trivy: ["KSV-0024"], kubescape: ["C-0044"], pss: ["Host Ports"], cis: ["5.2.13"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for c in cx.containers() {
        for p in c.node.get("ports").map(Node::items).unwrap_or(&[]) {
            if let Some(h) = p
                .get("hostPort")
                .filter(|h| h.as_i64().is_some_and(|x| x != 0))
            {
                out.emit(
                    h.line,
                    format!("{} uses hostPort {}", c.describe(), h.as_i64().unwrap_or(0)),
                );
            }
        }
    }
}
