//! ## What it does
//! Reports containers that add any capability other than `NET_BIND_SERVICE`, the only one
//! the restricted Pod Security Standard allows.
//!
//! ## Why is this bad?
//! Restricted workloads should run with no capabilities at all; even the default ones
//! (`CHOWN`, `SETUID`, `DAC_OVERRIDE`) help an attacker who gets code execution.
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
//!         add: [CHOWN]
//!         drop: [ALL]
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
//!         add: [NET_BIND_SERVICE]
//!         drop: [ALL]
//! ```
//!
//! ## Remediation
//! Fix file ownership at image build time instead of at runtime; keep `add` empty or
//! `[NET_BIND_SERVICE]`.
//!
//! ## References
//! - Pod Security Standards: `Capabilities`
//! - MITRE ATT&CK: [T1068](https://attack.mitre.org/techniques/T1068/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-024",
    name: "capability_restricted_add",
    group: "k8s",
    title: "Container adds a capability other than NET_BIND_SERVICE",
    severity: Low,
    attack: ["T1068"],
    refs: { trivy: ["KSV-0106"], pss: ["Capabilities"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for c in cx.containers() {
        for (cap, line) in caps_added(&c) {
            if cap != "NET_BIND_SERVICE" {
                out.emit(line, format!("{} adds capability {cap}", c.describe()));
            }
        }
    }
}
