//! ## What it does
//! Reports containers that do not set `securityContext.allowPrivilegeEscalation: false`.
//!
//! ## Why is this bad?
//! Unless it is disabled, a process can gain more privileges than its parent through setuid
//! binaries or file capabilities (the `no_new_privs` flag is not set), turning a foothold
//! into root inside the container.
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
//!       runAsNonRoot: true
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
//!       allowPrivilegeEscalation: false
//! ```
//!
//! ## Remediation
//! Set `allowPrivilegeEscalation: false` in every container's security context.
//!
//! ## References
//! - Checkov: `CKV_K8S_20`
//! - Trivy: `KSV-0001`
//! - Kubescape: `C-0016`
//! - Pod Security Standards: `Privilege Escalation`
//! - CIS Kubernetes Benchmark v1.8: `5.2.6`
//! - MITRE ATT&CK: [T1068](https://attack.mitre.org/techniques/T1068/)
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-002",
    name: "allow_privilege_escalation",
    group: "k8s",
    title: "Container allows privilege escalation",
    severity: Medium,
    attack: ["T1068", "T1611"],
    refs: { checkov: ["CKV_K8S_20"], trivy: ["KSV-0001"], kubescape: ["C-0016"], pss: ["Privilege Escalation"], cis: ["5.2.6"], nsa: ["Privilege escalation"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for c in cx.containers() {
        let n = c.sc().get("allowPrivilegeEscalation");
        if !is_false(n) {
            let how = if is_true(n) {
                "sets allowPrivilegeEscalation: true"
            } else {
                "does not set allowPrivilegeEscalation: false"
            };
            out.emit(
                n.map(|n| n.line).unwrap_or_else(|| cx.missing_line(&c)),
                format!("{} {how}", c.describe()),
            );
        }
    }
}
