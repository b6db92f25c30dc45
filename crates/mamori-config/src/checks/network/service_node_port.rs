//! ## What it does
//! Reports Services of type `NodePort`.
//!
//! ## Why is this bad?
//! A NodePort opens the port on every node's address, usually outside the ingress
//! controller's TLS, authentication and logging.
//!
//! ## Example
//! ```yaml
//! apiVersion: v1
//! kind: Service
//! metadata:
//!   name: web
//!   namespace: shop
//! spec:
//!   type: NodePort
//!   selector:
//!     app: web
//!   ports:
//!   - port: 80
//!     nodePort: 30080
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
//!   type: ClusterIP
//!   selector:
//!     app: web
//!   ports:
//!   - port: 80
//! ```
//!
//! ## Remediation
//! Use ClusterIP behind an Ingress or Gateway.
//!
//! ## References
//! - MITRE ATT&CK: [T1133](https://attack.mitre.org/techniques/T1133/)
//! - <https://kubernetes.io/docs/concepts/services-networking/network-policies/>
//! - <https://kubernetes.io/docs/concepts/services-networking/service/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-303",
    name: "service_node_port",
    group: "network",
    title: "NodePort Service",
    severity: Low,
    attack: ["T1133"],
    refs: {},
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    if cx.kind() == "Service" {
        if let Some(n) = cx
            .root()
            .path(&["spec", "type"])
            .filter(|n| n.as_str() == Some("NodePort"))
        {
            out.emit(
                n.line,
                format!("service {:?} is of type NodePort", cx.obj.name()),
            );
        }
    }
}
