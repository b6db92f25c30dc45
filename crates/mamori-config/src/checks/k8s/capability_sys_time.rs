//! ## What it does
//! Reports containers that add the `SYS_TIME` capability.
//!
//! ## Why is this bad?
//! `SYS_TIME` changes the node's clock (the clock is not namespaced), breaking certificate
//! validation and log timelines for every workload on the node.
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
//!       capabilities:
//!         add: [SYS_TIME]
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
//! Remove `SYS_TIME` from `capabilities.add`.
//!
//! ## References
//! - MITRE ATT&CK: [T1070.006](https://attack.mitre.org/techniques/T1070/006/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-021",
    name: "capability_sys_time",
    group: "k8s",
    title: "Container adds CAP_SYS_TIME",
    severity: Medium,
    attack: ["T1070.006"],
    refs: { nsa: ["Linux capabilities"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    cap_added_check(cx, out, "SYS_TIME");
}
