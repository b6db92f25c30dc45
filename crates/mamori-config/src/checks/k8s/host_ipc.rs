//! ## What it does
//! Reports pods that set `hostIPC: true`.
//!
//! ## Why is this bad?
//! The host IPC namespace exposes shared memory segments and message queues of host
//! processes, which may hold secrets or accept commands.
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
//!   hostIPC: true
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
//!   hostIPC: false
//! ```
//!
//! ## Remediation
//! Remove `hostIPC: true`.
//!
//! ## References
//! - Checkov: `CKV_K8S_18`
//! - Trivy: `KSV-0008`
//! - Kubescape: `C-0038`
//! - Pod Security Standards: `Host Namespaces`
//! - CIS Kubernetes Benchmark v1.8: `5.2.4`
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-037",
    name: "host_ipc",
    group: "k8s",
    title: "Pod shares the host IPC namespace",
    severity: High,
    attack: ["T1611"],
    refs: { checkov: ["CKV_K8S_18"], trivy: ["KSV-0008"], kubescape: ["C-0038"], pss: ["Host Namespaces"], cis: ["5.2.4"], nsa: ["Host namespaces"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    if let Some(n) = cx
        .spec()
        .get("hostIPC")
        .filter(|n| n.as_bool() == Some(true))
    {
        out.emit(n.line, "pod sets hostIPC: true");
    }
}
