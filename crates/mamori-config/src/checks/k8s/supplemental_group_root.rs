//! ## What it does
//! Reports pods whose `securityContext.supplementalGroups` contains 0.
//!
//! ## Why is this bad?
//! A supplementary root group grants group-0 file access to every process of the pod,
//! whatever their primary group.
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
//!   securityContext:
//!     supplementalGroups: [0]
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
//!     supplementalGroups: [10001]
//! ```
//!
//! ## Remediation
//! Remove 0 from `supplementalGroups`.
//!
//! ## References
//! - Trivy: `KSV-0116`
//! - MITRE ATT&CK: [T1068](https://attack.mitre.org/techniques/T1068/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-009",
    name: "supplemental_group_root",
    group: "k8s",
    title: "Pod adds the root group",
    severity: Medium,
    attack: ["T1068"],
    refs: { trivy: ["KSV-0116"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for (g, line) in strings(cx.pod.sc().get("supplementalGroups")) {
        if g == "0" {
            out.emit(line, "pod adds supplemental group 0");
        }
    }
}
