//! ## What it does
//! Reports containers whose `command` or `args` invoke `sudo`.
//!
//! ## Why is this bad?
//! Using sudo at startup means the image ships a setuid sudo and a sudoers policy: a ready-
//! made privilege escalation path.
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
//!     command: ["sudo", "/app/start"]
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
//!     command: ["/app/start"]
//! ```
//!
//! ## Remediation
//! Run the process as the needed user directly.
//!
//! ## References
//! - Kubescape: `C-0062`
//! - MITRE ATT&CK: [T1548.003](https://attack.mitre.org/techniques/T1548/003/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-081",
    name: "sudo_in_command",
    group: "k8s",
    title: "sudo in container command",
    severity: Medium,
    attack: ["T1548.003"],
    refs: { kubescape: ["C-0062"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for c in cx.containers() {
        for f in ["command", "args"] {
            for (w, line) in strings(c.node.get(f)) {
                if w.split_whitespace().any(|x| x == "sudo") {
                    out.emit(line, format!("{} runs sudo in its {f}", c.describe()));
                }
            }
        }
    }
}
