//! ## What it does
//! Reports rules granting `create` on `persistentvolumes`.
//!
//! ## Why is this bad?
//! A PersistentVolume can be a `hostPath`, so creating PVs bypasses the Pod Security
//! hostPath restriction and gives node file-system access.
//!
//! ## Example
//! ```yaml
//! apiVersion: rbac.authorization.k8s.io/v1
//! kind: ClusterRole
//! metadata:
//!   name: ops
//! rules:
//! - apiGroups: [""]
//!   resources: [persistentvolumes]
//!   verbs: ["create"]
//! ```
//!
//! Use instead:
//! ```yaml
//! apiVersion: rbac.authorization.k8s.io/v1
//! kind: ClusterRole
//! metadata:
//!   name: ops
//! rules:
//! - apiGroups: [""]
//!   resources: [persistentvolumeclaims]
//!   verbs: ["create"]
//! ```
//!
//! ## Remediation
//! Grant PVC creation and let a StorageClass provision volumes.
//!
//! ## References
//! - CIS Kubernetes Benchmark v1.8: `5.1.9`
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - MITRE ATT&CK: [T1006](https://attack.mitre.org/techniques/T1006/)
//! - <https://kubernetes.io/docs/concepts/security/rbac-good-practices/>
//! - <https://kubernetes.io/docs/reference/access-authn-authz/rbac/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-220",
    name: "rbac_pv_create",
    group: "rbac",
    title: "Role can create persistent volumes",
    severity: High,
    attack: ["T1611", "T1006"],
    refs: { kubescape: ["C-0278"], cis: ["5.1.9"] },
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    rbac_check(
        cx.obj,
        out,
        "",
        &["persistentvolumes"],
        &["create"],
        "can create persistent volumes",
    );
}
