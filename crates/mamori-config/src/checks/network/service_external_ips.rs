//! ## What it does
//! Reports Services with `spec.externalIPs`.
//!
//! ## Why is this bad?
//! Any user who can create a Service with externalIPs can intercept traffic to those
//! addresses cluster-wide (CVE-2020-8554); the feature is best blocked at admission.
//!
//! ## Example
//! ```yaml
//! apiVersion: v1
//! kind: Service
//! metadata:
//!   name: web
//!   namespace: shop
//! spec:
//!   selector:
//!     app: web
//!   ports:
//!   - port: 80
//!   externalIPs: [198.51.100.7]
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
//!   selector:
//!     app: web
//!   ports:
//!   - port: 80
//! ```
//!
//! ## Remediation
//! Remove `externalIPs`; use a LoadBalancer or Ingress.
//!
//! ## References
//! - MITRE ATT&CK: [T1557](https://attack.mitre.org/techniques/T1557/)
//! - <https://kubernetes.io/docs/concepts/services-networking/network-policies/>
//! - <https://kubernetes.io/docs/concepts/services-networking/service/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-305",
    name: "service_external_ips",
    group: "network",
    title: "Service sets externalIPs",
    severity: High,
    attack: ["T1557"],
    refs: { trivy: ["KSV-0108"] },
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    if cx.kind() == "Service" {
        for (ip, line) in strings(cx.root().path(&["spec", "externalIPs"])) {
            out.emit(
                line,
                format!("service {:?} claims external ip {ip}", cx.obj.name()),
            );
        }
    }
}
