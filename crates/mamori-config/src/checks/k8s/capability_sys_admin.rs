//! ## What it does
//! Reports containers that add the `SYS_ADMIN` capability.
//!
//! ## Why is this bad?
//! `SYS_ADMIN` is "the new root": it allows mounting file systems, using many namespaces
//! operations and, with cgroup v1, the `release_agent` escape to the host.
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
//!         add: [SYS_ADMIN]
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
//! Remove `SYS_ADMIN` from `capabilities.add`.
//!
//! ## References
//! - Checkov: `CKV_K8S_39`
//! - Trivy: `KSV-0005`
//! - Kubescape: `C-0046`
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-013",
    name: "capability_sys_admin",
    group: "k8s",
    title: "Container adds CAP_SYS_ADMIN",
    severity: Critical,
    attack: ["T1611"],
    refs: { checkov: ["CKV_K8S_39"], trivy: ["KSV-0005"], kubescape: ["C-0046"], nsa: ["Linux capabilities"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    cap_added_check(cx, out, "SYS_ADMIN");
}
