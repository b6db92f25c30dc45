//! ## What it does
//! Reports containers that add `ALL` capabilities.
//!
//! ## Why is this bad?
//! Adding `ALL` grants every capability including `SYS_ADMIN` and `SYS_MODULE`; short of
//! `privileged`, it is the broadest grant possible.
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
//!         add: [ALL]
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
//! List the specific capabilities needed instead of `ALL`.
//!
//! ## References
//! - Kubescape: `C-0046`
//! - Pod Security Standards: `Capabilities`
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-022",
    name: "capability_all",
    group: "k8s",
    title: "Container adds ALL capabilities",
    severity: Critical,
    attack: ["T1611"],
    refs: { kubescape: ["C-0046"], pss: ["Capabilities"], nsa: ["Linux capabilities"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    cap_added_check(cx, out, "ALL");
}
