//! ## What it does
//! Reports hostPath volumes whose path is `/`.
//!
//! ## Why is this bad?
//! Mounting `/` exposes every file on the node: kubelet credentials, other pods' secrets,
//! SSH keys, and (if writable) cron and systemd units.
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
//!   volumes:
//!   - name: host
//!     hostPath:
//!       path: /
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
//!   volumes:
//!   - name: cache
//!     emptyDir: {}
//! ```
//!
//! ## Remediation
//! Do not mount the host root. Node agents should mount only the specific paths they read,
//! read-only.
//!
//! ## References
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - MITRE ATT&CK: [T1006](https://attack.mitre.org/techniques/T1006/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-041",
    name: "host_path_root",
    group: "k8s",
    title: "Host root file system mounted",
    severity: Critical,
    attack: ["T1611", "T1006"],
    refs: { trivy: ["KSV-0121"], nsa: ["hostPath volumes"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for (name, p, line) in host_paths(cx) {
        if norm_path(&p) == "/" {
            out.emit(
                line,
                format!("volume {name:?} mounts the host root file system"),
            );
        }
    }
}
