//! ## What it does
//! Reports pods whose `serviceAccountName` is missing or `default`.
//!
//! ## Why is this bad?
//! Permissions granted to the namespace's default service account apply to every pod that
//! forgets to name its own; dedicated accounts keep grants scoped.
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
//!   serviceAccountName: web
//! ```
//!
//! ## Remediation
//! Create a service account per workload and set `serviceAccountName`.
//!
//! ## References
//! - Kubescape: `C-0189`
//! - CIS Kubernetes Benchmark v1.8: `5.1.5`
//! - MITRE ATT&CK: [T1078.004](https://attack.mitre.org/techniques/T1078/004/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-060",
    name: "default_service_account",
    group: "k8s",
    title: "Pod uses the default service account",
    severity: Low,
    attack: ["T1078.004"],
    refs: { kubescape: ["C-0189"], cis: ["5.1.5"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    let sa = cx
        .spec()
        .get("serviceAccountName")
        .or_else(|| cx.spec().get("serviceAccount"));
    if sa
        .and_then(Node::as_str)
        .is_none_or(|s| s.is_empty() || s == "default")
    {
        out.emit(
            sa.map(|n| n.line).unwrap_or(cx.spec().line),
            "pod uses the default service account",
        );
    }
}
