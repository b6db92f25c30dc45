//! ## What it does
//! Reports rules granting `update`/`patch` on `certificatesigningrequests/approval`
//! combined with `approve` on `signers`.
//!
//! ## Why is this bad?
//! Approving a CSR for the `kubernetes.io/kube-apiserver-client` signer issues a client
//! certificate for any user or group, `system:masters` included.
//!
//! ## Example
//! ```yaml
//! apiVersion: rbac.authorization.k8s.io/v1
//! kind: ClusterRole
//! metadata:
//!   name: ops
//! rules:
//! - apiGroups: ["certificates.k8s.io"]
//!   resources: ["certificatesigningrequests/approval"]
//!   verbs: ["update"]
//! - apiGroups: ["certificates.k8s.io"]
//!   resources: [signers]
//!   verbs: ["approve"]
//! ```
//!
//! Use instead:
//! ```yaml
//! apiVersion: rbac.authorization.k8s.io/v1
//! kind: ClusterRole
//! metadata:
//!   name: ops
//! rules:
//! - apiGroups: ["certificates.k8s.io"]
//!   resources: [certificatesigningrequests]
//!   verbs: ["get", "list", "watch"]
//! ```
//!
//! ## Remediation
//! Leave CSR approval to the controller manager.
//!
//! ## References
//! - CIS Kubernetes Benchmark v1.8: `5.1.11`
//! - MITRE ATT&CK: [T1649](https://attack.mitre.org/techniques/T1649/)
//! - MITRE ATT&CK: [T1098](https://attack.mitre.org/techniques/T1098/)
//! - <https://kubernetes.io/docs/concepts/security/rbac-good-practices/>
//! - <https://kubernetes.io/docs/reference/access-authn-authz/rbac/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-217",
    name: "rbac_csr_approval",
    group: "rbac",
    title: "Role can approve certificate signing requests",
    severity: Critical,
    attack: ["T1649", "T1098"],
    refs: { checkov: ["CKV_K8S_156"], kubescape: ["C-0280"], cis: ["5.1.11"] },
    run: Object(run),
}

fn run(cx: &ObjCx<'_>, out: &mut Out) {
    let rs = rules(cx.obj);
    let approval = rs.iter().find(|r| {
        r.group("certificates.k8s.io")
            && r.resource("certificatesigningrequests/approval")
            && r.verb(&["update", "patch"])
    });
    let signers = rs
        .iter()
        .any(|r| r.group("certificates.k8s.io") && r.resource("signers") && r.verb(&["approve"]));
    if let (Some(r), true) = (approval, signers) {
        out.emit(
            r.line(),
            format!(
                "{} {:?} can approve certificate signing requests",
                cx.kind(),
                cx.obj.name()
            ),
        );
    }
}
