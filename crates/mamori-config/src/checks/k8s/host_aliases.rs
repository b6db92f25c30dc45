//! ## What it does
//! Reports pods with `hostAliases`.
//!
//! ## Why is this bad?
//! `hostAliases` writes entries into the pod's `/etc/hosts`, silently redirecting names; it
//! is used to hide traffic redirection and is rarely needed.
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
//!   hostAliases:
//!   - ip: 10.1.2.3
//!     hostnames: [api.example.com]
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
//! Use DNS (a Service or ExternalName) instead of `hostAliases`.
//!
//! ## References
//! - Trivy: `KSV-0007`
//! - MITRE ATT&CK: [T1565.002](https://attack.mitre.org/techniques/T1565/002/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-054",
    name: "host_aliases",
    group: "k8s",
    title: "Pod overrides host name resolution",
    severity: Low,
    attack: ["T1565.002"],
    refs: { trivy: ["KSV-0007"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    if let Some(line) = cx.spec().key_line("hostAliases") {
        out.emit(line, "pod sets hostAliases");
    }
}
