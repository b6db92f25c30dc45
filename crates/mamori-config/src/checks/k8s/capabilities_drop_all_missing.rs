//! ## What it does
//! Reports containers whose `securityContext.capabilities.drop` does not contain `ALL`.
//!
//! ## Why is this bad?
//! The runtime's default capability set includes `NET_RAW`, `MKNOD`, `SETUID`,
//! `DAC_OVERRIDE` and more; few applications need any of them, and each one widens the
//! kernel attack surface.
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
//!         drop: [NET_RAW]
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
//! Drop `ALL` and add back only what is needed (usually nothing, sometimes
//! `NET_BIND_SERVICE`).
//!
//! ## References
//! - Trivy: `KSV-0003`
//! - Pod Security Standards: `Capabilities`
//! - CIS Kubernetes Benchmark v1.8: `5.2.10`
//! - MITRE ATT&CK: [T1068](https://attack.mitre.org/techniques/T1068/)
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-011",
    name: "capabilities_drop_all_missing",
    group: "k8s",
    title: "Container does not drop all capabilities",
    severity: Low,
    attack: ["T1068", "T1611"],
    refs: { checkov: ["CKV_K8S_37"], trivy: ["KSV-0003"], pss: ["Capabilities"], cis: ["5.2.10"], nsa: ["Linux capabilities"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for c in cx.containers() {
        if !caps_dropped(&c).iter().any(|(n, _)| n == "ALL") {
            out.emit(
                sc_line(&c, "capabilities"),
                format!("{} does not drop ALL capabilities", c.describe()),
            );
        }
    }
}
