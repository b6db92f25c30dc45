//! ## What it does
//! Reports rules granting write verbs on validating or mutating webhook configurations.
//!
//! ## Why is this bad?
//! Admission webhooks see (and mutating ones rewrite) every object written to the cluster:
//! removing one disables policy enforcement, adding one intercepts secrets.
//!
//! ## Example
//! ```yaml
//! apiVersion: rbac.authorization.k8s.io/v1
//! kind: ClusterRole
//! metadata:
//!   name: ops
//! rules:
//! - apiGroups: ["admissionregistration.k8s.io"]
//!   resources: [mutatingwebhookconfigurations]
//!   verbs: ["create", "patch"]
//! ```
//!
//! Use instead:
//! ```yaml
//! apiVersion: rbac.authorization.k8s.io/v1
//! kind: ClusterRole
//! metadata:
//!   name: ops
//! rules:
//! - apiGroups: ["admissionregistration.k8s.io"]
//!   resources: [mutatingwebhookconfigurations]
//!   verbs: ["get", "list", "watch"]
//! ```
//!
//! ## Remediation
//! Restrict webhook configuration to cluster administrators.
//!
//! ## References
//! - CIS Kubernetes Benchmark v1.8: `5.1.12`
//! - MITRE ATT&CK: [T1562.001](https://attack.mitre.org/techniques/T1562/001/)
//! - MITRE ATT&CK: [T1098](https://attack.mitre.org/techniques/T1098/)
//! - <https://kubernetes.io/docs/concepts/security/rbac-good-practices/>
//! - <https://kubernetes.io/docs/reference/access-authn-authz/rbac/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-218",
    name: "rbac_webhook_config",
    group: "rbac",
    title: "Role can change admission webhooks",
    severity: High,
    attack: ["T1562.001", "T1098"],
    refs: { checkov: ["CKV_K8S_155"], trivy: ["KSV-0114"], kubescape: ["C-0281"], cis: ["5.1.12"] },
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    rbac_check(
        cx.obj,
        out,
        "admissionregistration.k8s.io",
        &[
            "validatingwebhookconfigurations",
            "mutatingwebhookconfigurations",
        ],
        &["create", "update", "patch", "delete"],
        "can change admission webhooks",
    );
}
