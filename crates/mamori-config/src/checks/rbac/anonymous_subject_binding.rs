//! ## What it does
//! Reports bindings whose subjects include `system:anonymous` or `system:unauthenticated`.
//!
//! ## Why is this bad?
//! Anyone who can reach the API server gets the bound role without credentials.
//!
//! ## Example
//! ```yaml
//! apiVersion: rbac.authorization.k8s.io/v1
//! kind: ClusterRoleBinding
//! metadata:
//!   name: ops
//! roleRef:
//!   apiGroup: rbac.authorization.k8s.io
//!   kind: ClusterRole
//!   name: view
//! subjects:
//! - kind: Group
//!   apiGroup: rbac.authorization.k8s.io
//!   name: system:unauthenticated
//! ```
//!
//! Use instead:
//! ```yaml
//! apiVersion: rbac.authorization.k8s.io/v1
//! kind: ClusterRoleBinding
//! metadata:
//!   name: ops
//! roleRef:
//!   apiGroup: rbac.authorization.k8s.io
//!   kind: ClusterRole
//!   name: view
//! subjects:
//! - kind: ServiceAccount
//!   name: web
//!   namespace: shop
//! ```
//!
//! ## Remediation
//! Bind a specific user, group or service account.
//!
//! ## References
//! - Kubescape: `C-0262`
//! - MITRE ATT&CK: [T1078.001](https://attack.mitre.org/techniques/T1078/001/)
//! - MITRE ATT&CK: [T1190](https://attack.mitre.org/techniques/T1190/)
//! - <https://kubernetes.io/docs/concepts/security/rbac-good-practices/>
//! - <https://kubernetes.io/docs/reference/access-authn-authz/rbac/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-229",
    name: "anonymous_subject_binding",
    group: "rbac",
    title: "Binding grants rights to anonymous users",
    severity: Critical,
    attack: ["T1078.001", "T1190"],
    refs: { kubescape: ["C-0262"], nsa: ["Anonymous access"] },
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    for (_, name, _, line) in subjects(cx.obj) {
        if name == "system:anonymous" || name == "system:unauthenticated" {
            out.emit(
                line,
                format!("{} {:?} grants rights to {name}", cx.kind(), cx.obj.name()),
            );
        }
    }
}
