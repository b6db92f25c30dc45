//! ## What it does
//! Reports containers with `securityContext.procMount` other than `Default`.
//!
//! ## Why is this bad?
//! `Unmasked` exposes `/proc` paths the runtime normally hides or makes read-only
//! (`/proc/sys`, `/proc/sysrq-trigger`, `/proc/kcore`), which leak host data and allow
//! host-level writes.
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
//!       procMount: Unmasked
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
//!       procMount: Default
//! ```
//!
//! ## Remediation
//! Remove `procMount` or set it to `Default`. Unmasked /proc is only reasonable for nested
//! containers in a user namespace (`hostUsers: false`).
//!
//! ## References
//! - Trivy: `KSV-0027`
//! - Pod Security Standards: `/proc Mount Type`
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-033",
    name: "proc_mount_unmasked",
    group: "k8s",
    title: "Unmasked /proc mount",
    severity: High,
    attack: ["T1611"],
    refs: { trivy: ["KSV-0027"], pss: ["/proc Mount Type"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for c in cx.containers() {
        if let Some(n) = c
            .sc()
            .get("procMount")
            .filter(|n| !n.is_null() && n.as_str() != Some("Default"))
        {
            out.emit(
                n.line,
                format!("{} sets procMount {:?}", c.describe(), text(Some(n))),
            );
        }
    }
}
