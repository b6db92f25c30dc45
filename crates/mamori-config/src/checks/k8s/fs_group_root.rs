//! ## What it does
//! Reports pods that set `securityContext.fsGroup: 0`.
//!
//! ## Why is this bad?
//! `fsGroup` is added to every container process and applied to volume ownership; 0 makes
//! all volumes root-group owned and every process a member of the root group.
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
//!   securityContext:
//!     fsGroup: 0
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
//!   securityContext:
//!     fsGroup: 10001
//! ```
//!
//! ## Remediation
//! Use a non-zero `fsGroup`.
//!
//! ## References
//! - Trivy: `KSV-0116`
//! - MITRE ATT&CK: [T1068](https://attack.mitre.org/techniques/T1068/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-010",
    name: "fs_group_root",
    group: "k8s",
    title: "Pod volumes owned by the root group",
    severity: Medium,
    attack: ["T1068"],
    refs: { trivy: ["KSV-0116"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    if let Some(n) = cx.pod.sc().get("fsGroup").filter(|n| n.as_i64() == Some(0)) {
        out.emit(n.line, "pod sets fsGroup: 0");
    }
}
