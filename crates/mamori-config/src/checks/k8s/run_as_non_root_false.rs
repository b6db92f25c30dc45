//! ## What it does
//! Reports pods and containers that set `runAsNonRoot: false`, with pod→container
//! inheritance applied.
//!
//! ## Why is this bad?
//! Setting the field to `false` is a deliberate opt-out of the kubelet's non-root
//! enforcement; the container is allowed to run as UID 0.
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
//!       runAsNonRoot: false
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
//!       runAsNonRoot: true
//! ```
//!
//! ## Remediation
//! Set `runAsNonRoot: true` and give the image a non-root `USER`.
//!
//! ## References
//! - Pod Security Standards: `Running as Non-root`
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - MITRE ATT&CK: [T1068](https://attack.mitre.org/techniques/T1068/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-004",
    name: "run_as_non_root_false",
    group: "k8s",
    title: "runAsNonRoot explicitly disabled",
    severity: High,
    attack: ["T1611", "T1068"],
    refs: { checkov: ["CKV_K8S_23"], trivy: ["KSV-0012"], pss: ["Running as Non-root"], nsa: ["Non-root containers"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for c in cx.containers() {
        if let Some(n) = cx
            .effective(&c, "runAsNonRoot")
            .filter(|n| n.as_bool() == Some(false))
        {
            out.emit(n.line, format!("{} sets runAsNonRoot: false", c.describe()));
        }
    }
}
