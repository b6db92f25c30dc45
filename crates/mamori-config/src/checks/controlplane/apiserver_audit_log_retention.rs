//! ## What it does
//! Reports a kube-apiserver that writes an audit log file but sets `--audit-log-maxage` below
//! 30 days, `--audit-log-maxbackup` below 10 files or `--audit-log-maxsize` below 100 MB, or
//! leaves any of them unset.
//!
//! ## Why is this bad?
//! Intrusions are often found weeks later; when the log rotates away within days, the
//! evidence of what the attacker did is gone.
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
//!     - --audit-log-path=/var/log/kubernetes/audit.log
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
//!     - --audit-log-maxage=30
//!     - --audit-log-maxbackup=10
//!     - --audit-log-maxsize=100
//! ```
//!
//! ## Remediation
//! Set `--audit-log-maxage=30`, `--audit-log-maxbackup=10` and `--audit-log-maxsize=100` or
//! more, or ship the log to a central store.
//!
//! ## References
//! - MITRE ATT&CK: [T1562](https://attack.mitre.org/techniques/T1562/)
//! - CIS Kubernetes Benchmark v1.9: 1.2.17
//! - CIS Kubernetes Benchmark v1.9: 1.2.18
//! - CIS Kubernetes Benchmark v1.9: 1.2.19
//! - <https://kubernetes.io/docs/reference/command-line-tools-reference/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-412",
    name: "apiserver_audit_log_retention",
    group: "controlplane",
    title: "API server keeps audit logs too briefly",
    severity: Low,
    attack: ["T1562"],
    refs: { checkov: ["CKV_K8S_92", "CKV_K8S_93", "CKV_K8S_94"], trivy: ["KCV-0020", "KCV-0021", "KCV-0022"], kubescape: ["C-0131", "C-0132", "C-0133"], cis: ["1.2.17", "1.2.18", "1.2.19"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for p in component_flags(cx, "kube-apiserver") {
        if !p.has("audit-log-path") {
            continue;
        }
        for (flag, min) in [
            ("audit-log-maxage", 30),
            ("audit-log-maxbackup", 10),
            ("audit-log-maxsize", 100),
        ] {
            if p.number(flag).is_none_or(|n| n < min) {
                out.emit(
                    p.line_of(flag),
                    format!(
                        "{} with --{flag} unset or below {min}: audit history is rotated away \
                         early",
                        p.describe()
                    ),
                );
            }
        }
    }
}
