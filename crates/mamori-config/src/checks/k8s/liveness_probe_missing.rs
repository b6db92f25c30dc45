//! ## What it does
//! Reports regular containers without a `livenessProbe` (init and ephemeral containers are
//! exempt).
//!
//! ## Why is this bad?
//! Without a liveness probe a hung process stays in rotation forever.
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
//! Add a liveness probe.
//!
//! ## References
//! - Checkov: `CKV_K8S_8`
//! - Kubescape: `C-0056`
//! - MITRE ATT&CK: [T1499](https://attack.mitre.org/techniques/T1499/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-075",
    name: "liveness_probe_missing",
    group: "k8s",
    title: "No liveness probe",
    severity: Low,
    attack: ["T1499"],
    refs: { checkov: ["CKV_K8S_8"], kubescape: ["C-0056"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for c in cx.containers() {
        if c.kind == crate::workload::ContainerKind::Regular
            && c.node.get("livenessProbe").is_none()
        {
            out.emit(
                c.node.line,
                format!("{} has no livenessProbe", c.describe()),
            );
        }
    }
}
