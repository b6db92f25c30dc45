//! ## What it does
//! Reports container images referenced without an `@sha256:` digest.
//!
//! ## Why is this bad?
//! Tags are mutable: whoever can push to the repository can change what a tag points to. A
//! digest pins the exact content.
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
//!     image: registry.example.com/shop/web:1.4.2@sha256:0f4b4bbd1d2b4ba8a4c7a2b7c4b0d1e5b7a2f1c3d4e5f6a7b8c9d0e1f2a3b4c5
//! ```
//!
//! ## Remediation
//! Reference images as `name:tag@sha256:…` (tools like Renovate keep digests current).
//!
//! ## References
//! - Checkov: `CKV_K8S_43`
//! - MITRE ATT&CK: [T1525](https://attack.mitre.org/techniques/T1525/)
//! - MITRE ATT&CK: [T1195.002](https://attack.mitre.org/techniques/T1195/002/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-066",
    name: "image_without_digest",
    group: "k8s",
    title: "Image not pinned by digest",
    severity: Low,
    attack: ["T1525", "T1195.002"],
    refs: { checkov: ["CKV_K8S_43"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for (c, img, line) in images(cx) {
        if parse_image(&img).digest.is_none() {
            out.emit(
                line,
                format!("{} image {img:?} is not pinned by digest", c.describe()),
            );
        }
    }
}
