//! ## What it does
//! Reports containers without `resources.requests.cpu`.
//!
//! ## Why is this bad?
//! Without requests the scheduler cannot place pods sensibly and the pod is first in line
//! for CPU starvation.
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
//!     resources:
//!       requests:
//!         memory: 128Mi
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
//!     resources:
//!       requests:
//!         cpu: 100m
//!         memory: 128Mi
//! ```
//!
//! ## Remediation
//! Set `resources.requests.cpu` for every container.
//!
//! ## References
//! - Checkov: `CKV_K8S_10`
//! - Trivy: `KSV-0015`
//! - Kubescape: `C-0050`
//! - MITRE ATT&CK: [T1496](https://attack.mitre.org/techniques/T1496/)
//! - MITRE ATT&CK: [T1499](https://attack.mitre.org/techniques/T1499/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-072",
    name: "requests_cpu_missing",
    group: "k8s",
    title: "No CPU request",
    severity: Low,
    attack: ["T1496", "T1499"],
    refs: { checkov: ["CKV_K8S_10"], trivy: ["KSV-0015"], kubescape: ["C-0050"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for c in cx.containers() {
        if c.node
            .path(&["resources", "requests", "cpu"])
            .is_none_or(|n| n.is_null())
        {
            let line = c
                .node
                .get("resources")
                .and_then(|r| r.key_line("requests"))
                .or_else(|| c.node.key_line("resources"))
                .unwrap_or(c.node.line);
            out.emit(line, format!("{} has no cpu request", c.describe()));
        }
    }
}
