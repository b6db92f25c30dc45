//! ## What it does
//! Reports containers whose effective `runAsUser` is between 1 and 9999.
//!
//! ## Why is this bad?
//! Low UIDs are shared with system accounts on the host. If the container escapes, or
//! shares a volume with the host, it acts as that host account.
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
//!       runAsUser: 1000
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
//! Use a UID of 10000 or more that no host account uses.
//!
//! ## References
//! - Checkov: `CKV_K8S_40`
//! - Trivy: `KSV-0020`
//! - MITRE ATT&CK: [T1068](https://attack.mitre.org/techniques/T1068/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-006",
    name: "run_as_user_low",
    group: "k8s",
    title: "Container runs with a low UID",
    severity: Low,
    attack: ["T1068"],
    refs: { checkov: ["CKV_K8S_40"], trivy: ["KSV-0020"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for c in cx.containers() {
        if let Some(n) = cx
            .effective(&c, "runAsUser")
            .filter(|n| n.as_i64().is_some_and(|u| (1..10000).contains(&u)))
        {
            out.emit(
                n.line,
                format!(
                    "{} runs as low uid {}",
                    c.describe(),
                    n.as_i64().unwrap_or(0)
                ),
            );
        }
    }
}
