//! ## What it does
//! Reports AppArmor set to unconfined, through the `appArmorProfile` field (pod or
//! container) or the `container.apparmor.security.beta.kubernetes.io/*` annotation.
//!
//! ## Why is this bad?
//! The runtime's default AppArmor profile denies writes to `/proc/sys`, mounting and other
//! escape primitives; `unconfined` removes that layer.
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
//!       appArmorProfile:
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
//!       appArmorProfile:
//!         type: RuntimeDefault
//! ```
//!
//! ## Remediation
//! Use `RuntimeDefault` or a `Localhost` profile.
//!
//! ## References
//! - Trivy: `KSV-0002`
//! - Pod Security Standards: `AppArmor`
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-030",
    name: "apparmor_unconfined",
    group: "k8s",
    title: "AppArmor disabled",
    severity: High,
    attack: ["T1611"],
    refs: { trivy: ["KSV-0002"], pss: ["AppArmor"], nsa: ["Kernel hardening (seccomp, AppArmor)"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for (k, v) in cx.pod.annotations() {
        if k.text
            .starts_with("container.apparmor.security.beta.kubernetes.io/")
            && v.as_str() == Some("unconfined")
        {
            out.emit(k.line, format!("annotation {} is unconfined", k.text));
        }
    }
    for c in cx.containers() {
        if let Some(p) = cx.effective(&c, "appArmorProfile") {
            if p.get("type").and_then(Node::as_str) == Some("Unconfined") {
                out.emit(
                    p.key_line("type").unwrap_or(p.line),
                    format!("{} runs with AppArmor profile Unconfined", c.describe()),
                );
            }
        }
    }
}
