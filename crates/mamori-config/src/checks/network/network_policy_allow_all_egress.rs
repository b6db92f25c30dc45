//! ## What it does
//! Reports NetworkPolicies with an egress rule that has no `to` (or an empty peer) and no
//! port restriction.
//!
//! ## Why is this bad?
//! The rule lets selected pods reach any address, cancelling default-deny egress.
//!
//! ## Example
//! ```yaml
//! apiVersion: networking.k8s.io/v1
//! kind: NetworkPolicy
//! metadata:
//!   name: web
//!   namespace: shop
//! spec:
//!   podSelector:
//!     matchLabels:
//!       app: web
//!   policyTypes: [Egress]
//!   egress:
//!   - {}
//! ```
//!
//! Use instead:
//! ```yaml
//! apiVersion: networking.k8s.io/v1
//! kind: NetworkPolicy
//! metadata:
//!   name: web
//!   namespace: shop
//! spec:
//!   podSelector:
//!     matchLabels:
//!       app: web
//!   policyTypes: [Egress]
//!   egress:
//!   - to:
//!     - namespaceSelector:
//!         matchLabels:
//!           kubernetes.io/metadata.name: kube-system
//!     ports:
//!     - port: 53
//!       protocol: UDP
//! ```
//!
//! ## Remediation
//! List the allowed destinations and ports.
//!
//! ## References
//! - MITRE ATT&CK: [T1041](https://attack.mitre.org/techniques/T1041/)
//! - <https://kubernetes.io/docs/concepts/services-networking/network-policies/>
//! - <https://kubernetes.io/docs/concepts/services-networking/service/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-311",
    name: "network_policy_allow_all_egress",
    group: "network",
    title: "NetworkPolicy allows all egress",
    severity: Low,
    attack: ["T1041"],
    refs: {},
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    if cx.kind() == "NetworkPolicy" {
        for r in cx
            .root()
            .path(&["spec", "egress"])
            .map(Node::items)
            .unwrap_or(&[])
        {
            let to = r.get("to");
            let open = to.is_none_or(|f| {
                f.items().is_empty() || f.items().iter().any(|p| p.entries().is_empty())
            });
            if open && r.get("ports").is_none_or(|p| p.items().is_empty()) {
                out.emit(
                    r.line,
                    format!(
                        "network policy {:?} allows egress to anywhere",
                        cx.obj.name()
                    ),
                );
            }
        }
    }
}
