//! ## What it does
//! Reports `seLinuxOptions` that set `user` or `role` (pod or container).
//!
//! ## Why is this bad?
//! Custom SELinux users and roles can map the container to a more privileged SELinux
//! identity than the runtime assigns.
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
//!         user: system_u
//!         role: system_r
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
//! Remove `user` and `role`.
//!
//! ## References
//! - Trivy: `KSV-0025`
//! - Pod Security Standards: `SELinux`
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-032",
    name: "selinux_user_or_role",
    group: "k8s",
    title: "SELinux user or role set",
    severity: Medium,
    attack: ["T1611"],
    refs: { trivy: ["KSV-0025"], pss: ["SELinux"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for c in cx.containers() {
        if let Some(o) = cx.effective(&c, "seLinuxOptions") {
            for f in ["user", "role"] {
                if let Some(n) = o
                    .get(f)
                    .filter(|n| n.scalar_text().is_some_and(|s| !s.is_empty()))
                {
                    out.emit(
                        n.line,
                        format!("{} sets SELinux {f} {:?}", c.describe(), text(Some(n))),
                    );
                }
            }
        }
    }
}
