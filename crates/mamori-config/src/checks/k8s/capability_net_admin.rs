//! ## What it does
//! Reports containers that add the `NET_ADMIN` capability.
//!
//! ## Why is this bad?
//! `NET_ADMIN` reconfigures interfaces, routes and iptables; in the host network namespace
//! it can intercept or redirect node traffic.
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
//!         add: [NET_ADMIN]
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
//! Remove `NET_ADMIN` from `capabilities.add`.
//!
//! ## References
//! - Kubescape: `C-0046`
//! - MITRE ATT&CK: [T1557](https://attack.mitre.org/techniques/T1557/)
//! - MITRE ATT&CK: [T1599](https://attack.mitre.org/techniques/T1599/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-017",
    name: "capability_net_admin",
    group: "k8s",
    title: "Container adds CAP_NET_ADMIN",
    severity: High,
    attack: ["T1557", "T1599"],
    refs: { kubescape: ["C-0046"], nsa: ["Linux capabilities"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    cap_added_check(cx, out, "NET_ADMIN");
}
