//! ## What it does
//! Reports pods and containers whose seccomp profile type is `Unconfined`.
//!
//! ## Why is this bad?
//! Seccomp blocks dozens of rarely used, frequently exploited system calls (`keyctl`,
//! `unshare`, `bpf` …). Turning it off re-exposes the whole syscall surface.
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
//!       seccompProfile:
//!         type: Unconfined
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
//!       seccompProfile:
//!         type: RuntimeDefault
//! ```
//!
//! ## Remediation
//! Use `RuntimeDefault`, or a `Localhost` profile built for the application.
//!
//! ## References
//! - Pod Security Standards: `Seccomp`
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-027",
    name: "seccomp_unconfined",
    group: "k8s",
    title: "Seccomp explicitly disabled",
    severity: High,
    attack: ["T1611"],
    refs: { checkov: ["CKV_K8S_31"], trivy: ["KSV-0104"], pss: ["Seccomp"], nsa: ["Kernel hardening (seccomp, AppArmor)"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for c in cx.containers() {
        if let Some(p) = cx.effective(&c, "seccompProfile") {
            if p.get("type").and_then(Node::as_str) == Some("Unconfined") {
                out.emit(
                    p.key_line("type").unwrap_or(p.line),
                    format!("{} runs with seccomp profile Unconfined", c.describe()),
                );
            }
        }
    }
}
