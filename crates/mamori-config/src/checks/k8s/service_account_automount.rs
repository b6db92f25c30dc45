//! ## What it does
//! Reports `ServiceAccount` objects that do not set `automountServiceAccountToken: false`.
//!
//! ## Why is this bad?
//! The service account's default decides whether pods that do not say otherwise receive an
//! API token; opting out at the account level protects pods that forget.
//!
//! ## Example
//! ```yaml
//! apiVersion: v1
//! kind: ServiceAccount
//! metadata:
//!   name: web
//!   namespace: shop
//! ```
//!
//! Use instead:
//! ```yaml
//! apiVersion: v1
//! kind: ServiceAccount
//! metadata:
//!   name: web
//!   namespace: shop
//! automountServiceAccountToken: false
//! ```
//!
//! ## Remediation
//! Set `automountServiceAccountToken: false` and opt in per pod when needed.
//!
//! ## References
//! - CIS Kubernetes Benchmark v1.8: `5.1.6`
//! - MITRE ATT&CK: [T1528](https://attack.mitre.org/techniques/T1528/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-087",
    name: "service_account_automount",
    group: "k8s",
    title: "ServiceAccount automounts its token",
    severity: Low,
    attack: ["T1528"],
    refs: { cis: ["5.1.6"], nsa: ["Service account tokens"] },
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    if cx.kind() == "ServiceAccount"
        && cx
            .root()
            .get("automountServiceAccountToken")
            .and_then(Node::as_bool)
            != Some(false)
    {
        out.emit(
            cx.root()
                .key_line("automountServiceAccountToken")
                .unwrap_or(cx.obj.line()),
            format!("service account {:?} automounts its token", cx.obj.name()),
        );
    }
}
