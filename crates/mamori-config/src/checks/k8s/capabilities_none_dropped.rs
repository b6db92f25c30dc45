//! ## What it does
//! Reports containers that drop no capability at all (no `capabilities.drop` list).
//!
//! ## Why is this bad?
//! Keeping the whole default set is the least hardened configuration: even dropping the
//! obviously unneeded capabilities removes kernel attack surface.
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
//!     securityContext:
//!       capabilities:
//!         drop: [ALL]
//! ```
//!
//! ## Remediation
//! Add a `capabilities.drop` list, ideally `[ALL]`.
//!
//! ## References
//! - Trivy: `KSV-0004`
//! - MITRE ATT&CK: [T1068](https://attack.mitre.org/techniques/T1068/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-012",
    name: "capabilities_none_dropped",
    group: "k8s",
    title: "Container drops no capabilities",
    severity: Low,
    attack: ["T1068"],
    refs: { trivy: ["KSV-0004"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for c in cx.containers() {
        if caps_dropped(&c).is_empty() {
            out.emit(
                sc_line(&c, "capabilities"),
                format!("{} drops no capabilities", c.describe()),
            );
        }
    }
}
