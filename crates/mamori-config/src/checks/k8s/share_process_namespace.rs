//! ## What it does
//! Reports pods that set `shareProcessNamespace: true`.
//!
//! ## Why is this bad?
//! All containers of the pod can see and signal each other's processes and read their
//! `/proc/<pid>/environ` and root file systems, so a compromise of a sidecar reaches the
//! main container's secrets.
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
//!   shareProcessNamespace: true
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
//! ```
//!
//! ## Remediation
//! Remove `shareProcessNamespace` unless a debugging sidecar needs it.
//!
//! ## References
//! - MITRE ATT&CK: [T1055](https://attack.mitre.org/techniques/T1055/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-053",
    name: "share_process_namespace",
    group: "k8s",
    title: "Containers share a process namespace",
    severity: Low,
    attack: ["T1055"],
    refs: {},
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    if let Some(n) = cx
        .spec()
        .get("shareProcessNamespace")
        .filter(|n| n.as_bool() == Some(true))
    {
        out.emit(n.line, "pod sets shareProcessNamespace: true");
    }
}
