//! ## What it does
//! Reports containers that add the `NET_RAW` capability.
//!
//! ## Why is this bad?
//! Raw sockets let a container forge packets, ARP-spoof and DNS-spoof other pods on the
//! node network.
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
//!         add: [NET_RAW]
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
//! Remove `NET_RAW` from `capabilities.add`.
//!
//! ## References
//! - Kubescape: `C-0046`
//! - MITRE ATT&CK: [T1557](https://attack.mitre.org/techniques/T1557/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-014",
    name: "capability_net_raw",
    group: "k8s",
    title: "Container adds CAP_NET_RAW",
    severity: Medium,
    attack: ["T1557"],
    refs: { checkov: ["CKV_K8S_28"], trivy: ["KSV-0119"], kubescape: ["C-0046"], nsa: ["Linux capabilities"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    cap_added_check(cx, out, "NET_RAW");
}
