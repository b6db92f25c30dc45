//! ## What it does
//! Reports pods with any `hostPath` volume.
//!
//! ## Why is this bad?
//! hostPath gives the pod a view of the node's file system. Beyond data exposure, writable
//! hostPaths are a classic escape route (planting files the node executes).
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
//!   - name: data
//!     hostPath:
//!       path: /srv/data
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
//!   - name: data
//!     persistentVolumeClaim:
//!       claimName: data
//! ```
//!
//! ## Remediation
//! Use a PersistentVolumeClaim, `emptyDir`, ConfigMap or CSI volume instead.
//!
//! ## References
//! - Trivy: `KSV-0023`
//! - Kubescape: `C-0048`
//! - Pod Security Standards: `HostPath Volumes`
//! - CIS Kubernetes Benchmark v1.8: `5.2.12`
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - MITRE ATT&CK: [T1006](https://attack.mitre.org/techniques/T1006/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-039",
    name: "host_path_volume",
    group: "k8s",
    title: "hostPath volume",
    severity: Medium,
    attack: ["T1611", "T1006"],
    refs: { trivy: ["KSV-0023"], kubescape: ["C-0048"], pss: ["HostPath Volumes"], cis: ["5.2.12"], nsa: ["hostPath volumes"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for (name, p, line) in host_paths(cx) {
        out.emit(line, format!("volume {name:?} mounts host path {p:?}"));
    }
}
