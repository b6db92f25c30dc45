//! ## What it does
//! Reports container images with the `latest` tag, or with neither tag nor digest.
//!
//! ## Why is this bad?
//! A floating tag means the code that runs changes without a manifest change: rollbacks do
//! not roll back, and a pushed malicious image is picked up on the next restart.
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
//!     image: nginx:latest
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
//! Pin a version tag, ideally plus a digest.
//!
//! ## References
//! - Checkov: `CKV_K8S_14`
//! - Trivy: `KSV-0013`
//! - MITRE ATT&CK: [T1525](https://attack.mitre.org/techniques/T1525/)
//! - MITRE ATT&CK: [T1195.002](https://attack.mitre.org/techniques/T1195/002/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-065",
    name: "image_tag_latest",
    group: "k8s",
    title: "Image uses the latest tag or no tag",
    severity: Medium,
    attack: ["T1525", "T1195.002"],
    refs: { checkov: ["CKV_K8S_14"], trivy: ["KSV-0013"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for (c, img, line) in images(cx) {
        let r = parse_image(&img);
        if r.digest.is_none() && r.tag.as_deref().is_none_or(|t| t == "latest") {
            out.emit(
                line,
                format!("{} image {img:?} uses the latest tag", c.describe()),
            );
        }
    }
}
