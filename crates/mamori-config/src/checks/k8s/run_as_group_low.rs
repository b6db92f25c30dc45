//! ## What it does
//! Reports containers whose effective `runAsGroup` is between 1 and 9999.
//!
//! ## Why is this bad?
//! Low GIDs coincide with host system groups (`disk`, `adm`, `docker`); files shared with
//! the host become accessible through them.
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
//!       runAsGroup: 6
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
//!       runAsGroup: 10001
//! ```
//!
//! ## Remediation
//! Use a GID of 10000 or more.
//!
//! ## References
//! - Trivy: `KSV-0021`
//! - MITRE ATT&CK: [T1068](https://attack.mitre.org/techniques/T1068/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-008",
    name: "run_as_group_low",
    group: "k8s",
    title: "Container runs with a low GID",
    severity: Low,
    attack: ["T1068"],
    refs: { trivy: ["KSV-0021"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for c in cx.containers() {
        if let Some(n) = cx
            .effective(&c, "runAsGroup")
            .filter(|n| n.as_i64().is_some_and(|g| (1..10000).contains(&g)))
        {
            out.emit(
                n.line,
                format!(
                    "{} runs with low gid {}",
                    c.describe(),
                    n.as_i64().unwrap_or(0)
                ),
            );
        }
    }
}
