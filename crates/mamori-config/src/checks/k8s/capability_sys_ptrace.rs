//! ## What it does
//! Reports containers that add the `SYS_PTRACE` capability.
//!
//! ## Why is this bad?
//! `SYS_PTRACE` allows reading and writing the memory of other processes; combined with a
//! shared or host PID namespace it injects code into them.
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
//!         add: [SYS_PTRACE]
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
//! Remove `SYS_PTRACE` from `capabilities.add`.
//!
//! ## References
//! - Kubescape: `C-0046`
//! - MITRE ATT&CK: [T1055](https://attack.mitre.org/techniques/T1055/)
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-015",
    name: "capability_sys_ptrace",
    group: "k8s",
    title: "Container adds CAP_SYS_PTRACE",
    severity: High,
    attack: ["T1055", "T1611"],
    refs: { kubescape: ["C-0046"], nsa: ["Linux capabilities"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    cap_added_check(cx, out, "SYS_PTRACE");
}
