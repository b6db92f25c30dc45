//! ## What it does
//! Reports containers (including init and ephemeral containers) that set
//! `securityContext.privileged: true`.
//!
//! ## Why is this bad?
//! A privileged container gets every capability and all host devices, and AppArmor, seccomp
//! and SELinux confinement are lifted. Escaping to the node is trivial (mount the host
//! disk, load a kernel module).
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
//!       privileged: true
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
//!       privileged: false
//! ```
//!
//! ## Remediation
//! Remove `privileged: true`. Grant the single capability the workload needs instead, or
//! move device access to a device plugin.
//!
//! ## References
//! - Checkov: `CKV_K8S_16`
//! - Trivy: `KSV-0017`
//! - Kubescape: `C-0057`
//! - Pod Security Standards: `Privileged Containers`
//! - CIS Kubernetes Benchmark v1.8: `5.2.2`
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - MITRE ATT&CK: [T1610](https://attack.mitre.org/techniques/T1610/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-001",
    name: "privileged_container",
    group: "k8s",
    title: "Container runs privileged",
    severity: Critical,
    attack: ["T1611", "T1610"],
    refs: { checkov: ["CKV_K8S_16"], trivy: ["KSV-0017"], kubescape: ["C-0057"], pss: ["Privileged Containers"], cis: ["5.2.2"], nsa: ["Privileged containers"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for c in cx.containers() {
        if let Some(n) = c
            .sc()
            .get("privileged")
            .filter(|n| n.as_bool() == Some(true))
        {
            out.emit(n.line, format!("{} runs privileged", c.describe()));
        }
    }
}
