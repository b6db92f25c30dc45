//! ## What it does
//! Reports Services of type `LoadBalancer` without `loadBalancerSourceRanges`, or with
//! `0.0.0.0/0` / `::/0` in them.
//!
//! ## Why is this bad?
//! The cloud load balancer exposes the service to the whole internet unless source ranges
//! restrict it.
//!
//! ## Example
//! ```yaml
//! apiVersion: v1
//! kind: Service
//! metadata:
//!   name: web
//!   namespace: shop
//! spec:
//!   type: LoadBalancer
//!   selector:
//!     app: web
//!   ports:
//!   - port: 443
//! ```
//!
//! Use instead:
//! ```yaml
//! apiVersion: v1
//! kind: Service
//! metadata:
//!   name: web
//!   namespace: shop
//! spec:
//!   type: LoadBalancer
//!   loadBalancerSourceRanges: [203.0.113.0/24]
//!   selector:
//!     app: web
//!   ports:
//!   - port: 443
//! ```
//!
//! ## Remediation
//! Set `loadBalancerSourceRanges`, or use an internal load balancer annotation.
//!
//! ## References
//! - MITRE ATT&CK: [T1133](https://attack.mitre.org/techniques/T1133/)
//! - MITRE ATT&CK: [T1190](https://attack.mitre.org/techniques/T1190/)
//! - <https://kubernetes.io/docs/concepts/services-networking/network-policies/>
//! - <https://kubernetes.io/docs/concepts/services-networking/service/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-304",
    name: "service_load_balancer_open",
    group: "network",
    title: "LoadBalancer Service open to the internet",
    severity: Medium,
    attack: ["T1133", "T1190"],
    refs: {},
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    if cx.kind() == "Service" {
        let spec = cx.root().get("spec").unwrap_or(Node::null());
        if let Some(t) = spec
            .get("type")
            .filter(|n| n.as_str() == Some("LoadBalancer"))
        {
            let ranges = strings(spec.get("loadBalancerSourceRanges"));
            if ranges.is_empty() {
                out.emit(
                    t.line,
                    format!(
                        "service {:?} is a LoadBalancer without source ranges",
                        cx.obj.name()
                    ),
                );
            }
            for (r, line) in ranges {
                if r == "0.0.0.0/0" || r == "::/0" {
                    out.emit(
                        line,
                        format!("service {:?} allows source range {r}", cx.obj.name()),
                    );
                }
            }
        }
    }
}
