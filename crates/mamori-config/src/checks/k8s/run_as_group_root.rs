//! ## What it does
//! Reports containers whose effective `runAsGroup` is 0.
//!
//! ## Why is this bad?
//! Group 0 owns many sensitive files (and on OpenShift-style images, group-writable
//! application directories). A process in the root group can read or modify them.
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
//!     securityContext:
//!       runAsGroup: 0
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
//!     securityContext:
//!       runAsGroup: 10001
//! ```
//!
//! ## Remediation
//! Set `runAsGroup` to a non-zero GID.
//!
//! ## References
//! - Trivy: `KSV-0116`
//! - MITRE ATT&CK: [T1068](https://attack.mitre.org/techniques/T1068/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-007",
    name: "run_as_group_root",
    group: "k8s",
    title: "Container runs with GID 0",
    severity: Medium,
    attack: ["T1068"],
    refs: { trivy: ["KSV-0116"], nsa: ["Non-root containers"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for c in cx.containers() {
        if let Some(n) = cx
            .effective(&c, "runAsGroup")
            .filter(|n| n.as_i64() == Some(0))
        {
            out.emit(n.line, format!("{} runs with gid 0", c.describe()));
        }
    }
}
