//! ## What it does
//! Reports NetworkPolicy egress `ipBlock` CIDRs that contain 169.254.169.254 (the cloud
//! instance metadata address) without excluding it.
//!
//! ## Why is this bad?
//! The metadata service hands out the node's cloud credentials; pods rarely need it and it
//! is a prime SSRF target.
//!
//! ## Example
//! ```yaml
//! apiVersion: networking.k8s.io/v1
//! kind: NetworkPolicy
//! metadata:
//!   name: egress
//!   namespace: shop
//! spec:
//!   podSelector: {}
//!   policyTypes: [Egress]
//!   egress:
//!   - to:
//!     - ipBlock:
//!         cidr: 0.0.0.0/0
//! ```
//!
//! Use instead:
//! ```yaml
//! apiVersion: networking.k8s.io/v1
//! kind: NetworkPolicy
//! metadata:
//!   name: egress
//!   namespace: shop
//! spec:
//!   podSelector: {}
//!   policyTypes: [Egress]
//!   egress:
//!   - to:
//!     - ipBlock:
//!         cidr: 0.0.0.0/0
//!         except: [169.254.169.254/32]
//! ```
//!
//! ## Remediation
//! Add `169.254.169.254/32` to `except`.
//!
//! ## References
//! - MITRE ATT&CK: [T1552.005](https://attack.mitre.org/techniques/T1552/005/)
//! - <https://kubernetes.io/docs/concepts/services-networking/network-policies/>
//! - <https://kubernetes.io/docs/concepts/services-networking/service/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-312",
    name: "network_policy_metadata_egress",
    group: "network",
    title: "Egress to the cloud metadata service allowed",
    severity: High,
    attack: ["T1552.005"],
    refs: { nsa: ["Cloud metadata service access"] },
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    fn contains_metadata(cidr: &str) -> bool {
        let Some((ip, bits)) = cidr.split_once('/') else {
            return cidr == "169.254.169.254";
        };
        let (Ok(ip), Ok(bits)) = (ip.parse::<std::net::Ipv4Addr>(), bits.parse::<u32>()) else {
            return false;
        };
        if bits > 32 {
            return false;
        }
        let mask = if bits == 0 {
            0
        } else {
            u32::MAX << (32 - bits)
        };
        (u32::from(ip) & mask) == (u32::from(std::net::Ipv4Addr::new(169, 254, 169, 254)) & mask)
    }
    if cx.kind() == "NetworkPolicy" {
        for r in cx
            .root()
            .path(&["spec", "egress"])
            .map(Node::items)
            .unwrap_or(&[])
        {
            for p in r.get("to").map(Node::items).unwrap_or(&[]) {
                if let Some(b) = p.get("ipBlock") {
                    let cidr = text(b.get("cidr"));
                    let excluded = strings(b.get("except"))
                        .iter()
                        .any(|(e, _)| contains_metadata(e));
                    if contains_metadata(&cidr) && !excluded {
                        out.emit(b.get("cidr").map(|n| n.line).unwrap_or(b.line), format!("network policy {:?} allows egress to the metadata service via {cidr}", cx.obj.name()));
                    }
                }
            }
        }
    }
}
