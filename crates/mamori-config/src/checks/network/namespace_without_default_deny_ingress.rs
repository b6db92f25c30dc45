//! ## What it does
//! Looks at the whole set of scanned objects: reports every namespace that has workloads
//! (or a Namespace object) but no NetworkPolicy that selects all pods (`podSelector: {}`)
//! with `Ingress` in `policyTypes` and no ingress rules. Only meaningful when the scan
//! covers all manifests of those namespaces.
//!
//! ## Why is this bad?
//! Kubernetes allows all pod-to-pod traffic by default: one compromised pod can reach every
//! database and internal API in the cluster.
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
//!   policyTypes: [Ingress]
//! ```
//!
//! ## Remediation
//! Add a default-deny ingress NetworkPolicy to each namespace and allow the needed flows
//! explicitly.
//!
//! ## References
//! - Kubescape: `C-0260`
//! - CIS Kubernetes Benchmark v1.8: `5.3.2`
//! - MITRE ATT&CK: [T1021](https://attack.mitre.org/techniques/T1021/)
//! - MITRE ATT&CK: [T1046](https://attack.mitre.org/techniques/T1046/)
//! - <https://kubernetes.io/docs/concepts/services-networking/network-policies/>
//! - <https://kubernetes.io/docs/concepts/services-networking/service/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-301",
    name: "namespace_without_default_deny_ingress",
    group: "network",
    title: "Namespace without default-deny ingress policy",
    severity: Medium,
    attack: ["T1021", "T1046"],
    refs: { kubescape: ["C-0260"], cis: ["5.3.2"], nsa: ["Network policies (default deny)"] },
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
                let has_type = types.iter().any(|(t, _)| t == "Ingress") || types.is_empty();
                let no_rules = spec.get("ingress").is_none_or(|r| r.items().is_empty());
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
                format!("namespace {ns:?} has no default-deny ingress NetworkPolicy"),
            );
        }
    }
}
