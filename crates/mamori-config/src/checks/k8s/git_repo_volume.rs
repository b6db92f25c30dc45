//! ## What it does
//! Reports volumes of the deprecated `gitRepo` type.
//!
//! ## Why is this bad?
//! The kubelet runs `git` on the node to populate a gitRepo volume; crafted repositories
//! have been used to run commands on the node as root (CVE-2024-10220).
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
//!   - name: src
//!     gitRepo:
//!       repository: https://git.example.com/app.git
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
//!   - name: src
//!     emptyDir: {}
//! ```
//!
//! ## Remediation
//! Clone the repository in an init container into an `emptyDir`.
//!
//! ## References
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - MITRE ATT&CK: [T1059](https://attack.mitre.org/techniques/T1059/)
//! - <https://github.com/kubernetes/kubernetes/issues/128885>
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-052",
    name: "git_repo_volume",
    group: "k8s",
    title: "gitRepo volume",
    severity: High,
    attack: ["T1611", "T1059"],
    refs: { trivy: ["KSV-0028"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for v in cx.volumes() {
        if let Some(line) = v.key_line("gitRepo") {
            out.emit(
                line,
                format!("volume {:?} is a gitRepo volume", text(v.get("name"))),
            );
        }
    }
}
