//! ## What it does
//! Reports `httpGet.host` or `tcpSocket.host` in liveness, readiness and startup probes and
//! in `postStart`/`preStop` hooks.
//!
//! ## Why is this bad?
//! The kubelet performs these requests from the node. A custom host turns the kubelet into
//! a proxy towards arbitrary addresses (node-local services, metadata endpoints).
//!
//! ## Example
//! ```yaml
//! apiVersion: v1
//! kind: Pod
//! metadata:
//!   name: web
//!   namespace: shop
//! spec:
//!   containers:
//!   - name: app
//!     image: registry.example.com/shop/web:1.4.2
//!     livenessProbe:
//!       httpGet:
//!         host: 169.254.169.254
//!         path: /latest/meta-data
//!         port: 80
//! ```
//!
//! Use instead:
//! ```yaml
//! apiVersion: v1
//! kind: Pod
//! metadata:
//!   name: web
//!   namespace: shop
//! spec:
//!   containers:
//!   - name: app
//!     image: registry.example.com/shop/web:1.4.2
//!     livenessProbe:
//!       httpGet:
//!         path: /healthz
//!         port: 8080
//! ```
//!
//! ## Remediation
//! Remove `host`; probes then target the pod IP.
//!
//! ## References
//! - Pod Security Standards: `Probes and lifecycle hooks host`
//! - MITRE ATT&CK: [T1090](https://attack.mitre.org/techniques/T1090/)
//! - MITRE ATT&CK: [T1599](https://attack.mitre.org/techniques/T1599/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-050",
    name: "probe_host_set",
    group: "k8s",
    title: "Probe or lifecycle hook targets another host",
    severity: Medium,
    attack: ["T1090", "T1599"],
    refs: { pss: ["Probes and lifecycle hooks host"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for c in cx.containers() {
        let mut handlers: Vec<&Node> = Vec::new();
        for p in ["livenessProbe", "readinessProbe", "startupProbe"] {
            handlers.extend(c.node.get(p));
        }
        for h in ["postStart", "preStop"] {
            handlers.extend(c.node.path(&["lifecycle", h]));
        }
        for h in handlers {
            for action in ["httpGet", "tcpSocket"] {
                if let Some(n) = h
                    .path(&[action, "host"])
                    .filter(|n| n.scalar_text().is_some_and(|s| !s.is_empty()))
                {
                    out.emit(
                        n.line,
                        format!("{} {action} targets host {:?}", c.describe(), text(Some(n))),
                    );
                }
            }
        }
    }
}
