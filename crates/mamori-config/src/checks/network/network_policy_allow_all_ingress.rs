//! ## What it does
//! Reports NetworkPolicies with an ingress rule that has no `from` (or an empty peer),
//! which admits traffic from everywhere.
//!
//! ## Why is this bad?
//! An allow-all rule silently cancels the namespace's default-deny policy for the selected
//! pods.
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
//!   policyTypes: [Ingress]
//!   ingress:
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
//!   policyTypes: [Ingress]
//!   ingress:
//!   - from:
//!     - podSelector:
//!         matchLabels:
//!           app: frontend
//! ```
//!
//! ## Remediation
//! List the allowed peers.
//!
//! ## References
//! - MITRE ATT&CK: [T1021](https://attack.mitre.org/techniques/T1021/)
//! - <https://kubernetes.io/docs/concepts/services-networking/network-policies/>
//! - <https://kubernetes.io/docs/concepts/services-networking/service/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-310",
    name: "network_policy_allow_all_ingress",
    group: "network",
    title: "NetworkPolicy allows all ingress",
    severity: Medium,
    attack: ["T1021"],
    refs: {},
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    if cx.kind() == "NetworkPolicy" {
        for r in cx
            .root()
            .path(&["spec", "ingress"])
            .map(Node::items)
            .unwrap_or(&[])
        {
            let from = r.get("from");
            if from.is_none_or(|f| {
                f.items().is_empty() || f.items().iter().any(|p| p.entries().is_empty())
            }) {
                out.emit(
                    r.line,
                    format!(
                        "network policy {:?} allows ingress from anywhere",
                        cx.obj.name()
                    ),
                );
            }
        }
    }
}
