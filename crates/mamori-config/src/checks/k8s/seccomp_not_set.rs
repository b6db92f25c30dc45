//! ## What it does
//! Reports containers with no effective seccomp profile of type `RuntimeDefault` or
//! `Localhost` (set on the container or inherited from the pod).
//!
//! ## Why is this bad?
//! Kubernetes runs containers unconfined by default (unless the kubelet's `SeccompDefault`
//! is on), so without a profile every system call is available.
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
//! Set `securityContext.seccompProfile.type: RuntimeDefault` on the pod.
//!
//! ## References
//! - Checkov: `CKV_K8S_31`
//! - Trivy: `KSV-0030`
//! - Kubescape: `C-0055`
//! - Pod Security Standards: `Seccomp`
//! - CIS Kubernetes Benchmark v1.8: `5.7.2`
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-028",
    name: "seccomp_not_set",
    group: "k8s",
    title: "No seccomp profile",
    severity: Medium,
    attack: ["T1611"],
    refs: { checkov: ["CKV_K8S_31"], trivy: ["KSV-0030"], kubescape: ["C-0055"], pss: ["Seccomp"], cis: ["5.7.2"], nsa: ["Kernel hardening (seccomp, AppArmor)"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for c in cx.containers() {
        let ok = cx
            .effective(&c, "seccompProfile")
            .and_then(|p| p.get("type"))
            .and_then(Node::as_str)
            .is_some_and(|t| t == "RuntimeDefault" || t == "Localhost");
        let annotated = cx.pod.annotations().iter().any(|(k, v)| {
            (k.text == "seccomp.security.alpha.kubernetes.io/pod"
                || k.text
                    == format!(
                        "container.seccomp.security.alpha.kubernetes.io/{}",
                        c.name()
                    ))
                && v.as_str().is_some_and(|s| {
                    s == "runtime/default" || s == "docker/default" || s.starts_with("localhost/")
                })
        });
        if !ok && !annotated {
            out.emit(
                cx.missing_line(&c),
                format!(
                    "{} has no RuntimeDefault or Localhost seccomp profile",
                    c.describe()
                ),
            );
        }
    }
}
