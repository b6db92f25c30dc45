//! ## What it does
//! Reports user workloads placed in the `kube-system` namespace.
//!
//! ## Why is this bad?
//! kube-system holds control-plane components and highly privileged service accounts;
//! workloads there blend in and inherit that trust.
//!
//! ## Example
//! ```yaml
//! apiVersion: v1
//! kind: Pod
//! metadata:
//!   name: web
//!   namespace: kube-system
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
//! ```
//!
//! ## Remediation
//! Use a dedicated namespace.
//!
//! ## References
//! - Trivy: `KSV-0037`
//! - MITRE ATT&CK: [T1078](https://attack.mitre.org/techniques/T1078/)
//! - MITRE ATT&CK: [T1036](https://attack.mitre.org/techniques/T1036/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-062",
    name: "workload_in_kube_system",
    group: "k8s",
    title: "Workload in kube-system",
    severity: Medium,
    attack: ["T1078", "T1036"],
    refs: { trivy: ["KSV-0037"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    if cx.obj.namespace() == Some("kube-system") {
        let line = cx
            .obj
            .root
            .path(&["metadata", "namespace"])
            .map(|n| n.line)
            .unwrap_or(cx.obj.line());
        out.emit(
            line,
            format!("{} {:?} is in kube-system", cx.obj.kind(), cx.obj.name()),
        );
    }
}
