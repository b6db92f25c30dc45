//! ## What it does
//! Reports Ingress rules with no `host` or a bare `*` host.
//!
//! ## Why is this bad?
//! Host-less rules answer for any name pointed at the load balancer, including names an
//! attacker controls, and collide with other teams' ingresses.
//!
//! ## Example
//! ```yaml
//! apiVersion: networking.k8s.io/v1
//! kind: Ingress
//! metadata:
//!   name: web
//!   namespace: shop
//! spec:
//!   rules:
//!   - http:
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
//! Give every rule an explicit host.
//!
//! ## References
//! - MITRE ATT&CK: [T1190](https://attack.mitre.org/techniques/T1190/)
//! - <https://kubernetes.io/docs/concepts/services-networking/network-policies/>
//! - <https://kubernetes.io/docs/concepts/services-networking/service/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-308",
    name: "ingress_wildcard_host",
    group: "network",
    title: "Ingress rule without a host",
    severity: Low,
    attack: ["T1190"],
    refs: {},
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    if cx.kind() == "Ingress" {
        for r in cx
            .root()
            .path(&["spec", "rules"])
            .map(Node::items)
            .unwrap_or(&[])
        {
            let h = r.get("host");
            if h.is_none_or(|h| text(Some(h)).is_empty() || text(Some(h)) == "*") {
                out.emit(
                    h.map(|h| h.line).unwrap_or(r.line),
                    format!("ingress {:?} has a rule without a host", cx.obj.name()),
                );
            }
        }
    }
}
