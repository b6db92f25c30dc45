//! ## What it does
//! Reports `emptyDir` volumes with `medium: Memory` and no `sizeLimit`.
//!
//! ## Why is this bad?
//! A tmpfs volume counts against node memory; without a limit a pod can consume memory
//! beyond what the scheduler accounted for.
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
//!   volumes:
//!   - name: cache
//!     emptyDir:
//!       medium: Memory
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
//!   volumes:
//!   - name: cache
//!     emptyDir:
//!       medium: Memory
//!       sizeLimit: 64Mi
//! ```
//!
//! ## Remediation
//! Set `sizeLimit`.
//!
//! ## References
//! - MITRE ATT&CK: [T1499](https://attack.mitre.org/techniques/T1499/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-085",
    name: "emptydir_memory_unbounded",
    group: "k8s",
    title: "Memory-backed emptyDir without a size limit",
    severity: Low,
    attack: ["T1499"],
    refs: {},
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for v in cx.volumes() {
        if let Some(e) = v.get("emptyDir") {
            if e.get("medium").and_then(Node::as_str) == Some("Memory")
                && e.get("sizeLimit").is_none()
            {
                out.emit(
                    e.line,
                    format!(
                        "volume {:?} is a memory emptyDir without sizeLimit",
                        text(v.get("name"))
                    ),
                );
            }
        }
    }
}
