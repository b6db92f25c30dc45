//! ## What it does
//! Reports pods that set `hostPID: true`.
//!
//! ## Why is this bad?
//! With the host PID namespace the pod sees every process on the node, their environment
//! and command lines, and with ptrace can inject into them.
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
//!   hostPID: true
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
//!   hostPID: false
//! ```
//!
//! ## Remediation
//! Remove `hostPID: true`.
//!
//! ## References
//! - Checkov: `CKV_K8S_17`
//! - Trivy: `KSV-0010`
//! - Kubescape: `C-0038`
//! - Pod Security Standards: `Host Namespaces`
//! - CIS Kubernetes Benchmark v1.8: `5.2.3`
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - MITRE ATT&CK: [T1055](https://attack.mitre.org/techniques/T1055/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-036",
    name: "host_pid",
    group: "k8s",
    title: "Pod shares the host PID namespace",
    severity: High,
    attack: ["T1611", "T1055"],
    refs: { checkov: ["CKV_K8S_17"], trivy: ["KSV-0010"], kubescape: ["C-0038"], pss: ["Host Namespaces"], cis: ["5.2.3"], nsa: ["Host namespaces"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    if let Some(n) = cx
        .spec()
        .get("hostPID")
        .filter(|n| n.as_bool() == Some(true))
    {
        out.emit(n.line, "pod sets hostPID: true");
    }
}
