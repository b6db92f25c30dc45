//! ## What it does
//! Reports pods that set `hostNetwork: true`.
//!
//! ## Why is this bad?
//! In the host network namespace the pod sees all node traffic, can bind node ports and
//! reach services listening on localhost (the kubelet read-only port, cloud metadata
//! proxies).
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
//!   hostNetwork: true
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
//!   hostNetwork: false
//! ```
//!
//! ## Remediation
//! Remove `hostNetwork: true`.
//!
//! ## References
//! - Checkov: `CKV_K8S_19`
//! - Trivy: `KSV-0009`
//! - Kubescape: `C-0041`
//! - Pod Security Standards: `Host Namespaces`
//! - CIS Kubernetes Benchmark v1.8: `5.2.5`
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - MITRE ATT&CK: [T1557](https://attack.mitre.org/techniques/T1557/)
//! - MITRE ATT&CK: [T1040](https://attack.mitre.org/techniques/T1040/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-035",
    name: "host_network",
    group: "k8s",
    title: "Pod uses the host network",
    severity: High,
    attack: ["T1611", "T1557", "T1040"],
    refs: { checkov: ["CKV_K8S_19"], trivy: ["KSV-0009"], kubescape: ["C-0041"], pss: ["Host Namespaces"], cis: ["5.2.5"], nsa: ["Host namespaces"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    if let Some(n) = cx
        .spec()
        .get("hostNetwork")
        .filter(|n| n.as_bool() == Some(true))
    {
        out.emit(n.line, "pod sets hostNetwork: true");
    }
}
