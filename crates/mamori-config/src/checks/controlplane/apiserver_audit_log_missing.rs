//! ## What it does
//! Reports a kube-apiserver that does not set `--audit-log-path`.
//!
//! ## Why is this bad?
//! Without an audit log there is no record of who read secrets, created pods or changed
//! bindings, which leaves an intrusion undetected and uninvestigable.
//!
//! The check reads the command line of any container that runs `kube-apiserver`, as in the
//! static pod manifest `/etc/kubernetes/manifests/kube-apiserver.yaml` that kubeadm writes.
//!
//! ## Example
//! ```yaml
//! apiVersion: v1
//! kind: Pod
//! metadata:
//!   name: kube-apiserver
//!   namespace: kube-system
//! spec:
//!   hostNetwork: true
//!   containers:
//!   - name: kube-apiserver
//!     image: registry.k8s.io/kube-apiserver:v1.31.2
//!     command:
//!     - kube-apiserver
//!     - --advertise-address=10.0.0.10
//!     - --secure-port=6443
//! ```
//!
//! Use instead:
//! ```yaml
//! apiVersion: v1
//! kind: Pod
//! metadata:
//!   name: kube-apiserver
//!   namespace: kube-system
//! spec:
//!   hostNetwork: true
//!   containers:
//!   - name: kube-apiserver
//!     image: registry.k8s.io/kube-apiserver:v1.31.2
//!     command:
//!     - kube-apiserver
//!     - --advertise-address=10.0.0.10
//!     - --secure-port=6443
//!     - --audit-log-path=/var/log/kubernetes/audit.log
//!     - --audit-policy-file=/etc/kubernetes/audit-policy.yaml
//! ```
//!
//! ## Remediation
//! Set `--audit-log-path` and an `--audit-policy-file`, or send audit events to a webhook
//! backend.
//!
//! ## References
//! - MITRE ATT&CK: [T1562](https://attack.mitre.org/techniques/T1562/)
//! - CIS Kubernetes Benchmark v1.9: 1.2.16
//! - <https://kubernetes.io/docs/reference/command-line-tools-reference/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-411",
    name: "apiserver_audit_log_missing",
    group: "controlplane",
    title: "API server writes no audit log",
    severity: Medium,
    attack: ["T1562"],
    refs: { checkov: ["CKV_K8S_91"], trivy: ["KCV-0019"], kubescape: ["C-0130"], cis: ["1.2.16"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    component_check(
        cx,
        out,
        "kube-apiserver",
        "audit-log-path",
        |p| !p.has("audit-log-path"),
        "without --audit-log-path: API requests are not audited",
    );
}
