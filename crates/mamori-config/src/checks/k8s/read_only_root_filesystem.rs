//! ## What it does
//! Reports containers that do not set `readOnlyRootFilesystem: true`.
//!
//! ## Why is this bad?
//! A writable image file system lets an intruder drop tools, modify binaries and persist
//! for the container's lifetime; read-only roots force writes onto explicit volumes.
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
//!     securityContext:
//!       readOnlyRootFilesystem: false
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
//!     securityContext:
//!       readOnlyRootFilesystem: true
//!     volumeMounts:
//!     - name: tmp
//!       mountPath: /tmp
//!   volumes:
//!   - name: tmp
//!     emptyDir: {}
//! ```
//!
//! ## Remediation
//! Set `readOnlyRootFilesystem: true` and mount `emptyDir` volumes where the application
//! writes.
//!
//! ## References
//! - Checkov: `CKV_K8S_22`
//! - Trivy: `KSV-0014`
//! - Kubescape: `C-0017`
//! - MITRE ATT&CK: [T1105](https://attack.mitre.org/techniques/T1105/)
//! - MITRE ATT&CK: [T1543](https://attack.mitre.org/techniques/T1543/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-026",
    name: "read_only_root_filesystem",
    group: "k8s",
    title: "Root file system is writable",
    severity: Low,
    attack: ["T1105", "T1543"],
    refs: { checkov: ["CKV_K8S_22"], trivy: ["KSV-0014"], kubescape: ["C-0017"], nsa: ["Immutable container file systems"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for c in cx.containers() {
        let n = c.sc().get("readOnlyRootFilesystem");
        if !is_true(n) {
            out.emit(
                n.map(|n| n.line).unwrap_or_else(|| cx.missing_line(&c)),
                format!("{} has a writable root file system", c.describe()),
            );
        }
    }
}
