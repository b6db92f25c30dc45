//! ## What it does
//! Reports pods that do not set `automountServiceAccountToken: false`.
//!
//! ## Why is this bad?
//! Every container then has a token for the Kubernetes API at
//! `/var/run/secrets/kubernetes.io/serviceaccount`; an intruder uses it to explore and,
//! with any RBAC grant, move laterally.
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
//!   automountServiceAccountToken: false
//! ```
//!
//! ## Remediation
//! Set `automountServiceAccountToken: false` unless the application calls the API.
//!
//! ## References
//! - Checkov: `CKV_K8S_38`
//! - Trivy: `KSV-0036`
//! - Kubescape: `C-0034`
//! - CIS Kubernetes Benchmark v1.8: `5.1.6`
//! - MITRE ATT&CK: [T1528](https://attack.mitre.org/techniques/T1528/)
//! - MITRE ATT&CK: [T1552.007](https://attack.mitre.org/techniques/T1552/007/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-059",
    name: "automount_service_account_token",
    group: "k8s",
    title: "Service account token mounted",
    severity: Medium,
    attack: ["T1528", "T1552.007"],
    refs: { checkov: ["CKV_K8S_38"], trivy: ["KSV-0036"], kubescape: ["C-0034", "C-0261"], cis: ["5.1.6"], nsa: ["Service account tokens"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    if cx
        .spec()
        .get("automountServiceAccountToken")
        .and_then(Node::as_bool)
        != Some(false)
    {
        out.emit(
            cx.spec()
                .key_line("automountServiceAccountToken")
                .unwrap_or(cx.spec().line),
            "pod mounts a service account token",
        );
    }
}
