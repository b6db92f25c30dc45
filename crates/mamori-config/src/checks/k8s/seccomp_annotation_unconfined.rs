//! ## What it does
//! Reports the deprecated `seccomp.security.alpha.kubernetes.io/pod` and
//! `container.seccomp.security.alpha.kubernetes.io/*` annotations set to `unconfined`.
//!
//! ## Why is this bad?
//! Older clusters still honour these annotations; `unconfined` disables syscall filtering
//! exactly like the `Unconfined` field value.
//!
//! ## Example
//! ```yaml
//! apiVersion: v1
//! kind: Pod
//! metadata:
//!   name: web
//!   namespace: shop
//!   annotations:
//!     seccomp.security.alpha.kubernetes.io/pod: unconfined
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
//!   securityContext:
//!     seccompProfile:
//!       type: RuntimeDefault
//! ```
//!
//! ## Remediation
//! Delete the annotation and set the `seccompProfile` field instead.
//!
//! ## References
//! - Pod Security Standards: `Seccomp`
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-029",
    name: "seccomp_annotation_unconfined",
    group: "k8s",
    title: "Seccomp disabled by annotation",
    severity: High,
    attack: ["T1611"],
    refs: { trivy: ["KSV-0104"], pss: ["Seccomp"], nsa: ["Kernel hardening (seccomp, AppArmor)"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for (k, v) in cx.pod.annotations() {
        let relevant = k.text == "seccomp.security.alpha.kubernetes.io/pod"
            || k.text
                .starts_with("container.seccomp.security.alpha.kubernetes.io/");
        if relevant && v.as_str() == Some("unconfined") {
            out.emit(k.line, format!("annotation {} is unconfined", k.text));
        }
    }
}
