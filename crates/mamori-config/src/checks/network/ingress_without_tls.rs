//! ## What it does
//! Reports Ingress objects with no `spec.tls`, and hosts of the rules not covered by any
//! TLS entry.
//!
//! ## Why is this bad?
//! Traffic to the ingress travels in clear text: credentials and session cookies can be
//! sniffed or altered.
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
//! Add a `tls` section (cert-manager can issue the certificate).
//!
//! ## References
//! - MITRE ATT&CK: [T1040](https://attack.mitre.org/techniques/T1040/)
//! - MITRE ATT&CK: [T1557](https://attack.mitre.org/techniques/T1557/)
//! - <https://kubernetes.io/docs/concepts/services-networking/network-policies/>
//! - <https://kubernetes.io/docs/concepts/services-networking/service/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-307",
    name: "ingress_without_tls",
    group: "network",
    title: "Ingress without TLS",
    severity: Medium,
    attack: ["T1040", "T1557"],
    refs: { kubescape: ["C-0263"], nsa: ["TLS for exposed services"] },
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    if cx.kind() == "Ingress" {
        let spec = cx.root().get("spec").unwrap_or(Node::null());
        let tls_hosts: Vec<String> = spec
            .get("tls")
            .map(Node::items)
            .unwrap_or(&[])
            .iter()
            .flat_map(|t| strings(t.get("hosts")).into_iter().map(|(h, _)| h))
            .collect();
        if spec.get("tls").is_none_or(|t| t.items().is_empty()) {
            out.emit(spec.line, format!("ingress {:?} has no tls", cx.obj.name()));
            return;
        }
        for r in spec.get("rules").map(Node::items).unwrap_or(&[]) {
            if let Some(h) = r.get("host") {
                let host = text(Some(h));
                if !tls_hosts.contains(&host) {
                    out.emit(
                        h.line,
                        format!(
                            "ingress {:?} host {host:?} is not covered by tls",
                            cx.obj.name()
                        ),
                    );
                }
            }
        }
    }
}
