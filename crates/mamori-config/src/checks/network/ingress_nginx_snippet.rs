//! ## What it does
//! Reports `nginx.ingress.kubernetes.io/configuration-snippet`, `server-snippet` and `auth-
//! snippet` annotations.
//!
//! ## Why is this bad?
//! Snippets inject raw nginx configuration into the shared controller, which can read its
//! service account token and every TLS secret (CVE-2021-25742, CVE-2025-1974 family).
//!
//! ## Example
//! ```yaml
//! apiVersion: networking.k8s.io/v1
//! kind: Ingress
//! metadata:
//!   name: web
//!   namespace: shop
//!   annotations:
//!     nginx.ingress.kubernetes.io/configuration-snippet: |
//!       more_set_headers "X-Frame-Options: DENY";
//! spec:
//!   tls:
//!   - hosts: [shop.example.com]
//!     secretName: shop-tls
//!   rules:
//!   - host: shop.example.com
//!     http:
//!       paths:
//!       - path: /
//!         pathType: Prefix
//!         backend:
//!           service:
//!             name: web
//!             port:
//!               number: 80
//! ```
//!
//! Use instead:
//! ```yaml
//! apiVersion: networking.k8s.io/v1
//! kind: Ingress
//! metadata:
//!   name: web
//!   namespace: shop
//! spec:
//!   tls:
//!   - hosts: [shop.example.com]
//!     secretName: shop-tls
//!   rules:
//!   - host: shop.example.com
//!     http:
//!       paths:
//!       - path: /
//!         pathType: Prefix
//!         backend:
//!           service:
//!             name: web
//!             port:
//!               number: 80
//! ```
//!
//! ## Remediation
//! Use dedicated annotations or a ConfigMap-wide setting; disable snippets in the
//! controller (`allow-snippet-annotations: false`).
//!
//! ## References
//! - Checkov: `CKV_K8S_153`
//! - MITRE ATT&CK: [T1190](https://attack.mitre.org/techniques/T1190/)
//! - MITRE ATT&CK: [T1552.007](https://attack.mitre.org/techniques/T1552/007/)
//! - <https://kubernetes.io/docs/concepts/services-networking/network-policies/>
//! - <https://kubernetes.io/docs/concepts/services-networking/service/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-309",
    name: "ingress_nginx_snippet",
    group: "network",
    title: "ingress-nginx configuration snippet",
    severity: High,
    attack: ["T1190", "T1552.007"],
    refs: { checkov: ["CKV_K8S_153"] },
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    if cx.kind() == "Ingress" {
        for (k, _) in cx
            .root()
            .path(&["metadata", "annotations"])
            .map(Node::entries)
            .unwrap_or(&[])
        {
            if k.text.starts_with("nginx.ingress.kubernetes.io/") && k.text.ends_with("-snippet") {
                out.emit(
                    k.line,
                    format!("ingress {:?} uses annotation {}", cx.obj.name(), k.text),
                );
            }
        }
    }
}
