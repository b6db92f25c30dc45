//! ## What it does
//! Reports containers without `resources.limits.memory`.
//!
//! ## Why is this bad?
//! Without a memory limit a leak or an attack exhausts node memory and the kernel OOM-kills
//! other pods.
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
//!       limits:
//!         cpu: 500m
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
//!       limits:
//!         cpu: 500m
//!         memory: 256Mi
//! ```
//!
//! ## Remediation
//! Set `resources.limits.memory` for every container.
//!
//! ## References
//! - Checkov: `CKV_K8S_13`
//! - Trivy: `KSV-0018`
//! - Kubescape: `C-0004`
//! - MITRE ATT&CK: [T1496](https://attack.mitre.org/techniques/T1496/)
//! - MITRE ATT&CK: [T1499](https://attack.mitre.org/techniques/T1499/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-071",
    name: "limits_memory_missing",
    group: "k8s",
    title: "No memory limit",
    severity: Medium,
    attack: ["T1496", "T1499"],
    refs: { checkov: ["CKV_K8S_13"], trivy: ["KSV-0018"], kubescape: ["C-0004"], nsa: ["Resource policies (limits)"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for c in cx.containers() {
        if c.node
            .path(&["resources", "limits", "memory"])
            .is_none_or(|n| n.is_null())
        {
            let line = c
                .node
                .get("resources")
                .and_then(|r| r.key_line("limits"))
                .or_else(|| c.node.key_line("resources"))
                .unwrap_or(c.node.line);
            out.emit(line, format!("{} has no memory limit", c.describe()));
        }
    }
}
