//! ## What it does
//! Reports containers that add the `SYS_RAWIO` capability.
//!
//! ## Why is this bad?
//! `SYS_RAWIO` gives raw I/O port and `/dev/mem` access, enough to read or corrupt host
//! memory and devices.
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
//!         add: [SYS_RAWIO]
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
//! Remove `SYS_RAWIO` from `capabilities.add`.
//!
//! ## References
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-019",
    name: "capability_sys_rawio",
    group: "k8s",
    title: "Container adds CAP_SYS_RAWIO",
    severity: High,
    attack: ["T1611"],
    refs: { nsa: ["Linux capabilities"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    cap_added_check(cx, out, "SYS_RAWIO");
}
