//! ## What it does
//! Reports `seLinuxOptions.type` values other than `container_t`, `container_init_t`,
//! `container_kvm_t` and `container_engine_t` (pod or container).
//!
//! ## Why is this bad?
//! The SELinux type decides what the process may touch on the host; a type such as `spc_t`
//! or `unconfined_t` disables SELinux confinement for the container.
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
//!       seLinuxOptions:
//!         type: spc_t
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
//!       seLinuxOptions:
//!         level: "s0:c123,c456"
//! ```
//!
//! ## Remediation
//! Remove the custom type; set only `level` if you need MCS separation.
//!
//! ## References
//! - Trivy: `KSV-0025`
//! - Pod Security Standards: `SELinux`
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-031",
    name: "selinux_custom_type",
    group: "k8s",
    title: "Custom SELinux type",
    severity: Medium,
    attack: ["T1611"],
    refs: { trivy: ["KSV-0025"], pss: ["SELinux"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for c in cx.containers() {
        if let Some(o) = cx.effective(&c, "seLinuxOptions") {
            let t = text(o.get("type"));
            if !matches!(
                t.as_str(),
                "" | "container_t" | "container_init_t" | "container_kvm_t" | "container_engine_t"
            ) {
                out.emit(
                    o.key_line("type").unwrap_or(o.line),
                    format!("{} uses SELinux type {t:?}", c.describe()),
                );
            }
        }
    }
}
