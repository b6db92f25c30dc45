//! ## What it does
//! Reports containers without `resources.limits.ephemeral-storage`.
//!
//! ## Why is this bad?
//! Container logs, `emptyDir` volumes and writable layers consume node disk; without a
//! limit one pod can fill the disk and trigger node-wide eviction.
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
//!         memory: 256Mi
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
//!         memory: 256Mi
//!         ephemeral-storage: 1Gi
//! ```
//!
//! ## Remediation
//! Set `resources.limits.ephemeral-storage` for every container.
//!
//! ## References
//! - MITRE ATT&CK: [T1496](https://attack.mitre.org/techniques/T1496/)
//! - MITRE ATT&CK: [T1499](https://attack.mitre.org/techniques/T1499/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-074",
    name: "limits_ephemeral_storage_missing",
    group: "k8s",
    title: "No ephemeral storage limit",
    severity: Medium,
    attack: ["T1496", "T1499"],
    refs: {},
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for c in cx.containers() {
        if c.node
            .path(&["resources", "limits", "ephemeral-storage"])
            .is_none_or(|n| n.is_null())
        {
            let line = c
                .node
                .get("resources")
                .and_then(|r| r.key_line("limits"))
                .or_else(|| c.node.key_line("resources"))
                .unwrap_or(c.node.line);
            out.emit(
                line,
                format!("{} has no ephemeral-storage limit", c.describe()),
            );
        }
    }
}
