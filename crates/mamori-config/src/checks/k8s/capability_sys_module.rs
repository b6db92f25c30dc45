//! ## What it does
//! Reports containers that add the `SYS_MODULE` capability.
//!
//! ## Why is this bad?
//! `SYS_MODULE` loads kernel modules: arbitrary code in the host kernel.
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
//!         add: [SYS_MODULE]
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
//! Remove `SYS_MODULE` from `capabilities.add`.
//!
//! ## References
//! - Kubescape: `C-0046`
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - MITRE ATT&CK: [T1547.006](https://attack.mitre.org/techniques/T1547/006/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-016",
    name: "capability_sys_module",
    group: "k8s",
    title: "Container adds CAP_SYS_MODULE",
    severity: Critical,
    attack: ["T1611", "T1547.006"],
    refs: { trivy: ["KSV-0120"], kubescape: ["C-0046"], nsa: ["Linux capabilities"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    cap_added_check(cx, out, "SYS_MODULE");
}
