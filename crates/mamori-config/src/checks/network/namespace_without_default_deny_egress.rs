//! ## What it does
//! Looks at the whole set of scanned objects: reports every namespace that has workloads
//! (or a Namespace object) but no NetworkPolicy that selects all pods (`podSelector: {}`)
//! with `Egress` in `policyTypes` and no egress rules. Only meaningful when the scan covers
//! all manifests of those namespaces.
//!
//! ## Why is this bad?
//! Without egress restrictions a compromised pod can exfiltrate data, reach cloud metadata
//! endpoints and download tooling.
//!
//! ## Example
//! ```yaml
//! apiVersion: apps/v1
//! kind: Deployment
//! metadata:
//!   name: web
//!   namespace: shop
//! spec:
//!   template:
//!     spec:
//!       containers:
//!       - name: app
//!         image: registry.example.com/shop/web:1.4.2
//! ```
//!
//! Use instead:
//! ```yaml
//! apiVersion: apps/v1
//! kind: Deployment
//! metadata:
//!   name: web
//!   namespace: shop
//! spec:
//!   template:
//!     spec:
//!       containers:
//!       - name: app
//!         image: registry.example.com/shop/web:1.4.2
//! ---
//! apiVersion: networking.k8s.io/v1
//! kind: NetworkPolicy
//! metadata:
//!   name: default-deny
//!   namespace: shop
//! spec:
//!   podSelector: {}
//!   policyTypes: [Egress]
//! ```
//!
//! ## Remediation
//! Add a default-deny egress NetworkPolicy to each namespace and allow the needed flows
//! explicitly.
//!
//! ## References
//! - CIS Kubernetes Benchmark v1.8: `5.3.2`
//! - MITRE ATT&CK: [T1041](https://attack.mitre.org/techniques/T1041/)
//! - MITRE ATT&CK: [T1071](https://attack.mitre.org/techniques/T1071/)
//! - <https://kubernetes.io/docs/concepts/services-networking/network-policies/>
//! - <https://kubernetes.io/docs/concepts/services-networking/service/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-302",
    name: "namespace_without_default_deny_egress",
    group: "network",
    title: "Namespace without default-deny egress policy",
    severity: Medium,
    attack: ["T1041", "T1071"],
    refs: { cis: ["5.3.2"], nsa: ["Network policies (default deny)"] },
    run: Set(run),
}

fn run(objs: &[Summary], settings: &Settings, out: &mut Out) {
    use std::collections::BTreeMap;
    let _ = settings;
    // namespace -> (index of the first object that shows it exists, line)
    let mut seen: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut covered: Vec<String> = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        let ns = o.namespace().unwrap_or("default").to_string();
        match o.kind() {
            "Namespace" => {
                seen.entry(o.name().to_string()).or_insert((i, o.line));
            }
            "NetworkPolicy" => {
                let spec = o.policy_spec.as_ref().unwrap_or(Node::null());
                let all_pods = spec
                    .get("podSelector")
                    .is_some_and(|s| s.entries().is_empty());
                let types = strings(spec.get("policyTypes"));
                let has_type = types.iter().any(|(t, _)| t == "Egress");
                let no_rules = spec.get("egress").is_none_or(|r| r.items().is_empty());
                if all_pods && has_type && no_rules {
                    covered.push(ns);
                }
            }
            _ if o.has_pod => {
                seen.entry(ns).or_insert((i, o.line));
            }
            _ => {}
        }
    }
    for (ns, (i, line)) in seen {
        if !covered.contains(&ns) {
            out.emit_for(
                i,
                line,
                format!("namespace {ns:?} has no default-deny egress NetworkPolicy"),
            );
        }
    }
}
