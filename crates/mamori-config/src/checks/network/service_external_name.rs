//! ## What it does
//! Reports Services of type `ExternalName`.
//!
//! ## Why is this bad?
//! ExternalName services make cluster DNS names point anywhere; ingress controllers that
//! follow them can be turned into proxies to internal or metadata endpoints.
//!
//! ## Example
//! ```yaml
//! apiVersion: v1
//! kind: Service
//! metadata:
//!   name: web
//!   namespace: shop
//! spec:
//!   type: ExternalName
//!   externalName: db.internal.example.com
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
//!     app: db
//!   ports:
//!   - port: 5432
//! ```
//!
//! ## Remediation
//! Prefer Services with selectors or explicit EndpointSlices.
//!
//! ## References
//! - MITRE ATT&CK: [T1090](https://attack.mitre.org/techniques/T1090/)
//! - <https://kubernetes.io/docs/concepts/services-networking/network-policies/>
//! - <https://kubernetes.io/docs/concepts/services-networking/service/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-306",
    name: "service_external_name",
    group: "network",
    title: "ExternalName Service",
    severity: Low,
    attack: ["T1090"],
    refs: { trivy: ["KSV-0108"] },
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    if cx.kind() == "Service" {
        if let Some(n) = cx
            .root()
            .path(&["spec", "type"])
            .filter(|n| n.as_str() == Some("ExternalName"))
        {
            out.emit(
                n.line,
                format!(
                    "service {:?} is of type ExternalName pointing at {:?}",
                    cx.obj.name(),
                    text(cx.root().path(&["spec", "externalName"]))
                ),
            );
        }
    }
}
