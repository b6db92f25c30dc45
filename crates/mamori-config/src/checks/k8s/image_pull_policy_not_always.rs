//! ## What it does
//! Reports containers whose image has no digest and whose `imagePullPolicy` is not
//! `Always`.
//!
//! ## Why is this bad?
//! With `IfNotPresent` a node reuses whatever image it cached under that tag, possibly one
//! pushed earlier by someone else, and the registry's authorization is not re-checked for
//! pods that share the node.
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
//!     imagePullPolicy: IfNotPresent
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
//!     imagePullPolicy: Always
//! ```
//!
//! ## Remediation
//! Set `imagePullPolicy: Always`, or pin images by digest.
//!
//! ## References
//! - Checkov: `CKV_K8S_15`
//! - Kubescape: `C-0075`
//! - MITRE ATT&CK: [T1525](https://attack.mitre.org/techniques/T1525/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-067",
    name: "image_pull_policy_not_always",
    group: "k8s",
    title: "Mutable image not pulled on every start",
    severity: Low,
    attack: ["T1525"],
    refs: { checkov: ["CKV_K8S_15"], kubescape: ["C-0075"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for (c, img, line) in images(cx) {
        let policy = c.node.get("imagePullPolicy");
        if parse_image(&img).digest.is_none() && policy.and_then(Node::as_str) != Some("Always") {
            let line = policy.map(|n| n.line).unwrap_or(line);
            out.emit(
                line,
                format!(
                    "{} pulls mutable image {img:?} with imagePullPolicy {}",
                    c.describe(),
                    policy.and_then(Node::as_str).unwrap_or("unset")
                ),
            );
        }
    }
}
