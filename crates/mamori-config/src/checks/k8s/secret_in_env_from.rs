//! ## What it does
//! Reports `envFrom[].secretRef` entries, which turn every key of a secret into an
//! environment variable.
//!
//! ## Why is this bad?
//! Same leaks as single secret variables, for every key, including keys added to the secret
//! later.
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
//!     envFrom:
//!     - secretRef:
//!         name: app-secrets
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
//!     envFrom:
//!     - configMapRef:
//!         name: app-config
//! ```
//!
//! ## Remediation
//! Mount the secret as a volume.
//!
//! ## References
//! - Checkov: `CKV_K8S_35`
//! - CIS Kubernetes Benchmark v1.8: `5.4.1`
//! - MITRE ATT&CK: [T1552.007](https://attack.mitre.org/techniques/T1552/007/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-078",
    name: "secret_in_env_from",
    group: "k8s",
    title: "Whole secret exposed as environment",
    severity: Low,
    attack: ["T1552.007"],
    refs: { checkov: ["CKV_K8S_35"], cis: ["5.4.1"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for c in cx.containers() {
        for e in c.node.get("envFrom").map(Node::items).unwrap_or(&[]) {
            if let Some(r) = e.get("secretRef") {
                out.emit(
                    r.line,
                    format!(
                        "{} loads secret {:?} into env",
                        c.describe(),
                        text(r.get("name"))
                    ),
                );
            }
        }
    }
}
