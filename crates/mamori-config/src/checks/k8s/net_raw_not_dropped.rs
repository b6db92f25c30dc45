//! ## What it does
//! Reports containers that neither drop `NET_RAW` nor `ALL`; `NET_RAW` is in the runtime's
//! default set.
//!
//! ## Why is this bad?
//! Docker and containerd grant `NET_RAW` by default, so unless it is dropped every
//! container can craft raw packets for spoofing attacks on the pod network.
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
//!         drop: [SYS_CHROOT]
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
//!         drop: [NET_RAW]
//! ```
//!
//! ## Remediation
//! Drop `NET_RAW` (or `ALL`).
//!
//! ## References
//! - Checkov: `CKV_K8S_28`
//! - CIS Kubernetes Benchmark v1.8: `5.2.8`
//! - MITRE ATT&CK: [T1557](https://attack.mitre.org/techniques/T1557/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-025",
    name: "net_raw_not_dropped",
    group: "k8s",
    title: "Container keeps CAP_NET_RAW",
    severity: Low,
    attack: ["T1557"],
    refs: { checkov: ["CKV_K8S_28"], cis: ["5.2.8"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for c in cx.containers() {
        let d = caps_dropped(&c);
        if !d.iter().any(|(n, _)| n == "ALL" || n == "NET_RAW") {
            out.emit(
                sc_line(&c, "capabilities"),
                format!("{} does not drop NET_RAW", c.describe()),
            );
        }
    }
}
