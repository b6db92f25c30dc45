//! ## What it does
//! Reports containers running the Helm v2 Tiller image.
//!
//! ## Why is this bad?
//! Tiller runs with cluster-admin rights and, by default, an unauthenticated gRPC port:
//! anyone reaching it controls the cluster.
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
//!     image: gcr.io/kubernetes-helm/tiller:v2.16.12
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
//! Migrate to Helm 3 and remove Tiller.
//!
//! ## References
//! - Checkov: `CKV_K8S_34`
//! - MITRE ATT&CK: [T1610](https://attack.mitre.org/techniques/T1610/)
//! - MITRE ATT&CK: [T1078](https://attack.mitre.org/techniques/T1078/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-082",
    name: "tiller_deployed",
    group: "k8s",
    title: "Helm v2 Tiller deployed",
    severity: High,
    attack: ["T1610", "T1078"],
    refs: { checkov: ["CKV_K8S_34"], trivy: ["KSV-0102"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for (c, img, line) in images(cx) {
        if parse_image(&img).repository.ends_with("tiller") {
            out.emit(line, format!("{} runs tiller image {img:?}", c.describe()));
        }
    }
}
