//! ## What it does
//! Reports containers for which neither the container nor the pod security context sets
//! `runAsNonRoot: true` (explicit `false` is reported by a separate check).
//!
//! ## Why is this bad?
//! Without `runAsNonRoot: true` the kubelet starts the container as whatever user the image
//! says, which is root for most images. Root in a container is one kernel bug or one
//! misconfiguration away from root on the node.
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
//!     securityContext:
//!       runAsNonRoot: true
//!       runAsUser: 10001
//! ```
//!
//! ## Remediation
//! Set `runAsNonRoot: true` on the pod (inherited by all containers) and build images that
//! run as a numeric non-root user.
//!
//! ## References
//! - Checkov: `CKV_K8S_23`
//! - Trivy: `KSV-0012`
//! - Kubescape: `C-0013`
//! - Pod Security Standards: `Running as Non-root`
//! - CIS Kubernetes Benchmark v1.8: `5.2.7`
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - MITRE ATT&CK: [T1068](https://attack.mitre.org/techniques/T1068/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-003",
    name: "run_as_non_root_missing",
    group: "k8s",
    title: "Container may run as root",
    severity: Medium,
    attack: ["T1611", "T1068"],
    refs: { checkov: ["CKV_K8S_23"], trivy: ["KSV-0012"], kubescape: ["C-0013"], pss: ["Running as Non-root"], cis: ["5.2.7"], nsa: ["Non-root containers"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for c in cx.containers() {
        if cx.effective(&c, "runAsNonRoot").is_none() {
            out.emit(
                cx.missing_line(&c),
                format!("{} does not set runAsNonRoot: true", c.describe()),
            );
        }
    }
}
