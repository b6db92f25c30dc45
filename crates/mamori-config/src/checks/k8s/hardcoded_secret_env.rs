//! ## What it does
//! Reports `env` entries whose name looks like a credential (`PASSWORD`, `TOKEN`, `SECRET`,
//! `API_KEY` …) and whose `value` is a literal.
//!
//! ## Why is this bad?
//! The credential is in version control, in every copy of the manifest and readable by
//! anyone who can read the workload object.
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
//!       value: hunter2
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
//!     env:
//!     - name: DB_PASSWORD_FILE
//!       value: /etc/db/password
//! ```
//!
//! ## Remediation
//! Store it in a Secret (or an external secret manager) and mount it.
//!
//! ## References
//! - Kubescape: `C-0012`
//! - MITRE ATT&CK: [T1552.001](https://attack.mitre.org/techniques/T1552/001/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-079",
    name: "hardcoded_secret_env",
    group: "k8s",
    title: "Credential hard-coded in an environment variable",
    severity: High,
    attack: ["T1552.001"],
    refs: { kubescape: ["C-0012"], nsa: ["Secrets (no hard-coded credentials)"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for c in cx.containers() {
        for e in c.node.get("env").map(Node::items).unwrap_or(&[]) {
            let name = text(e.get("name"));
            if let Some(v) = e
                .get("value")
                .filter(|v| v.scalar_text().is_some_and(|s| !s.is_empty()))
            {
                if secret_like_name(&name) {
                    out.emit(
                        v.line,
                        format!("{} sets {name:?} to a literal value", c.describe()),
                    );
                }
            }
        }
    }
}
