//! ## What it does
//! Reports containers whose effective `runAsUser` (container, else pod) is 0.
//!
//! ## Why is this bad?
//! UID 0 in the container is UID 0 on the host unless user namespaces are used; file-system
//! and kernel protections that rely on UIDs no longer apply.
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
//!       runAsUser: 0
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
//!       runAsUser: 10001
//! ```
//!
//! ## Remediation
//! Run as a non-zero UID, preferably above 10000.
//!
//! ## References
//! - Pod Security Standards: `Running as Non-root user`
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - MITRE ATT&CK: [T1068](https://attack.mitre.org/techniques/T1068/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-005",
    name: "run_as_user_root",
    group: "k8s",
    title: "Container runs as UID 0",
    severity: High,
    attack: ["T1611", "T1068"],
    refs: { checkov: ["CKV_K8S_23"], trivy: ["KSV-0105"], pss: ["Running as Non-root user"], nsa: ["Non-root containers"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for c in cx.containers() {
        if let Some(n) = cx
            .effective(&c, "runAsUser")
            .filter(|n| n.as_i64() == Some(0))
        {
            out.emit(n.line, format!("{} runs as uid 0", c.describe()));
        }
    }
}
