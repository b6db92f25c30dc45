//! ## What it does
//! Reports containers running the Kubernetes Dashboard image.
//!
//! ## Why is this bad?
//! Exposed dashboards with over-privileged service accounts have been the entry point of
//! public cluster compromises (cryptomining on Tesla's cluster, 2018).
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
//!     image: docker.io/kubernetesui/dashboard:v2.7.0
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
//! Remove the dashboard, or run it with a read-only service account behind authentication.
//!
//! ## References
//! - Checkov: `CKV_K8S_33`
//! - MITRE ATT&CK: [T1133](https://attack.mitre.org/techniques/T1133/)
//! - MITRE ATT&CK: [T1078](https://attack.mitre.org/techniques/T1078/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-083",
    name: "dashboard_deployed",
    group: "k8s",
    title: "Kubernetes Dashboard deployed",
    severity: Medium,
    attack: ["T1133", "T1078"],
    refs: { checkov: ["CKV_K8S_33"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for (c, img, line) in images(cx) {
        let r = parse_image(&img);
        if r.repository.ends_with("/dashboard")
            && (r.repository.contains("kubernetesui")
                || r.repository.contains("kubernetes-dashboard"))
        {
            out.emit(
                line,
                format!("{} runs dashboard image {img:?}", c.describe()),
            );
        }
    }
}
