//! ## What it does
//! Reports pods that do not set `hostUsers: false`.
//!
//! ## Why is this bad?
//! With `hostUsers: false` the pod gets its own user namespace: root inside maps to an
//! unprivileged user on the node, which defuses most container escapes. It is available
//! from Kubernetes 1.30 (beta).
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
//!   hostUsers: false
//! ```
//!
//! ## Remediation
//! Set `hostUsers: false` where the node's runtime and file systems support it.
//!
//! ## References
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - <https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/>
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-057",
    name: "host_users_enabled",
    group: "k8s",
    title: "Pod does not use a user namespace",
    severity: Low,
    attack: ["T1611"],
    refs: {},
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    if cx.spec().get("hostUsers").and_then(Node::as_bool) != Some(false) {
        out.emit(
            cx.spec().key_line("hostUsers").unwrap_or(cx.spec().line),
            "pod shares the host user namespace (hostUsers is not false)",
        );
    }
}
