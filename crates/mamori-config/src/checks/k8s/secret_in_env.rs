//! ## What it does
//! Reports `env[].valueFrom.secretKeyRef` entries.
//!
//! ## Why is this bad?
//! Environment variables leak: into crash dumps, child processes, `/proc/<pid>/environ`,
//! logs of frameworks that print their config, and `kubectl describe`. Mounted files are
//! not inherited and can be rotated.
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
//!     env:
//!     - name: DB_PASSWORD
//!       valueFrom:
//!         secretKeyRef:
//!           name: db
//!           key: password
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
//!     volumeMounts:
//!     - name: db
//!       mountPath: /etc/db
//!       readOnly: true
//!   volumes:
//!   - name: db
//!     secret:
//!       secretName: db
//! ```
//!
//! ## Remediation
//! Mount the secret as a volume and read it from a file.
//!
//! ## References
//! - Checkov: `CKV_K8S_35`
//! - CIS Kubernetes Benchmark v1.8: `5.4.1`
//! - MITRE ATT&CK: [T1552.007](https://attack.mitre.org/techniques/T1552/007/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-077",
    name: "secret_in_env",
    group: "k8s",
    title: "Secret exposed as an environment variable",
    severity: Low,
    attack: ["T1552.007"],
    refs: { checkov: ["CKV_K8S_35"], cis: ["5.4.1"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for c in cx.containers() {
        for e in c.node.get("env").map(Node::items).unwrap_or(&[]) {
            if let Some(r) = e.path(&["valueFrom", "secretKeyRef"]) {
                out.emit(
                    r.line.max(e.line),
                    format!(
                        "{} reads secret {:?} into env {:?}",
                        c.describe(),
                        text(r.get("name")),
                        text(e.get("name"))
                    ),
                );
            }
        }
    }
}
