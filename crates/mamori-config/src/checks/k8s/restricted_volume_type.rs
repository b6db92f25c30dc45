//! ## What it does
//! Reports volumes whose type is not one of `configMap`, `csi`, `downwardAPI`, `emptyDir`,
//! `ephemeral`, `persistentVolumeClaim`, `projected`, `secret`.
//!
//! ## Why is this bad?
//! Other volume types (NFS, iSCSI, cloud disks, hostPath) bypass PersistentVolume access
//! control and often carry credentials or node access in the pod spec.
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
//!   - name: share
//!     nfs:
//!       server: 10.0.0.5
//!       path: /exports
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
//!   - name: share
//!     persistentVolumeClaim:
//!       claimName: share
//! ```
//!
//! ## Remediation
//! Provision storage through PersistentVolumeClaims.
//!
//! ## References
//! - Trivy: `KSV-0028`
//! - Pod Security Standards: `Volume Types`
//! - MITRE ATT&CK: [T1006](https://attack.mitre.org/techniques/T1006/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-051",
    name: "restricted_volume_type",
    group: "k8s",
    title: "Volume type not allowed by the restricted standard",
    severity: Low,
    attack: ["T1006"],
    refs: { trivy: ["KSV-0028"], pss: ["Volume Types"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    const ALLOWED: &[&str] = &[
        "name",
        "configMap",
        "csi",
        "downwardAPI",
        "emptyDir",
        "ephemeral",
        "persistentVolumeClaim",
        "projected",
        "secret",
    ];
    for v in cx.volumes() {
        for (k, _) in v.entries() {
            if !ALLOWED.contains(&k.text.as_str()) {
                out.emit(
                    k.line,
                    format!(
                        "volume {:?} uses volume type {}",
                        text(v.get("name")),
                        k.text
                    ),
                );
            }
        }
    }
}
