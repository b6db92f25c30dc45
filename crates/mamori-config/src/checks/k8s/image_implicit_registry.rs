//! ## What it does
//! Reports images that name no registry host (e.g. `nginx:1.27`), which resolve to Docker
//! Hub or to whatever the node's runtime mirrors configure.
//!
//! ## Why is this bad?
//! Implicit registries make provenance depend on node configuration and invite typo-
//! squatting on a public registry.
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
//!     image: nginx:1.27
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
//!     image: docker.io/library/nginx:1.27
//! ```
//!
//! ## Remediation
//! Write the full reference including the registry host.
//!
//! ## References
//! - MITRE ATT&CK: [T1195.002](https://attack.mitre.org/techniques/T1195/002/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-069",
    name: "image_implicit_registry",
    group: "k8s",
    title: "Image without an explicit registry",
    severity: Low,
    attack: ["T1195.002"],
    refs: {},
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for (c, img, line) in images(cx) {
        if parse_image(&img).implicit_registry {
            out.emit(
                line,
                format!("{} image {img:?} names no registry", c.describe()),
            );
        }
    }
}
