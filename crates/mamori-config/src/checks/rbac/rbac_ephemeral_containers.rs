//! ## What it does
//! Reports rules granting `update` or `patch` on `pods/ephemeralcontainers`.
//!
//! ## Why is this bad?
//! Adding a debug container to a running pod runs an arbitrary image inside it, sharing its
//! namespaces and volumes: an exec equivalent that audit rules for `pods/exec` miss.
//!
//! ## Example
//! ```yaml
//! apiVersion: rbac.authorization.k8s.io/v1
//! kind: ClusterRole
//! metadata:
//!   name: ops
//! rules:
//! - apiGroups: [""]
//!   resources: ["pods/ephemeralcontainers"]
//!   verbs: ["patch"]
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
//!   resources: [pods]
//!   verbs: ["get", "list", "watch"]
//! ```
//!
//! ## Remediation
//! Grant this only to break-glass roles.
//!
//! ## References
//! - MITRE ATT&CK: [T1609](https://attack.mitre.org/techniques/T1609/)
//! - MITRE ATT&CK: [T1610](https://attack.mitre.org/techniques/T1610/)
//! - <https://kubernetes.io/docs/concepts/security/rbac-good-practices/>
//! - <https://kubernetes.io/docs/reference/access-authn-authz/rbac/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-212",
    name: "rbac_ephemeral_containers",
    group: "rbac",
    title: "Role can add ephemeral containers",
    severity: High,
    attack: ["T1609", "T1610"],
    refs: {},
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    rbac_check(
        cx.obj,
        out,
        "",
        &["pods/ephemeralcontainers"],
        &["update", "patch"],
        "can add ephemeral containers",
    );
}
