//! ## What it does
//! When `Settings.trusted_registries` is not empty, reports images whose
//! registry/repository does not start with one of the trusted prefixes (`docker.io` is
//! implied for images without a registry).
//!
//! ## Why is this bad?
//! Images from arbitrary registries bypass the scanning, signing and provenance controls
//! applied to the organisation's own registries.
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
//!     image: docker.io/someone/web:1.0
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
//! Mirror the image into a trusted registry and reference it there.
//!
//! ## References
//! - Kubescape: `C-0078`
//! - MITRE ATT&CK: [T1525](https://attack.mitre.org/techniques/T1525/)
//! - MITRE ATT&CK: [T1195.002](https://attack.mitre.org/techniques/T1195/002/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-068",
    name: "image_untrusted_registry",
    group: "k8s",
    title: "Image from an untrusted registry",
    severity: Medium,
    attack: ["T1525", "T1195.002"],
    refs: { kubescape: ["C-0078"], nsa: ["Trusted image repositories"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    let trusted = &cx.settings.trusted_registries;
    if trusted.is_empty() {
        return;
    }
    for (c, img, line) in images(cx) {
        let r = parse_image(&img);
        let full = format!("{}/{}", r.registry, r.repository);
        let ok = trusted.iter().any(|t| {
            let t = t.trim_end_matches('/');
            full == t || full.starts_with(&format!("{t}/"))
        });
        if !ok {
            out.emit(
                line,
                format!(
                    "{} image {img:?} is not from a trusted registry",
                    c.describe()
                ),
            );
        }
    }
}
