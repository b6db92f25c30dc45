//! ## What it does
//! Reports a kube-apiserver whose `--enable-admission-plugins` includes `AlwaysAdmit`.
//!
//! ## Why is this bad?
//! AlwaysAdmit admits every request regardless of the other admission plugins, so Pod
//! Security Admission and policy webhooks can no longer stop privileged workloads.
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
//!     - --enable-admission-plugins=AlwaysAdmit
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
//!     - --enable-admission-plugins=NodeRestriction
//! ```
//!
//! ## Remediation
//! Remove `AlwaysAdmit` from `--enable-admission-plugins`.
//!
//! ## References
//! - MITRE ATT&CK: [T1610](https://attack.mitre.org/techniques/T1610/)
//! - CIS Kubernetes Benchmark v1.9: 1.2.10
//! - <https://kubernetes.io/docs/reference/command-line-tools-reference/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-408",
    name: "apiserver_always_admit",
    group: "controlplane",
    title: "API server enables the AlwaysAdmit plugin",
    severity: High,
    attack: ["T1610"],
    refs: { checkov: ["CKV_K8S_79"], trivy: ["KCV-0011"], kubescape: ["C-0122"], cis: ["1.2.10"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    component_check(
        cx,
        out,
        "kube-apiserver",
        "enable-admission-plugins",
        |p| p.list("enable-admission-plugins").contains(&"AlwaysAdmit"),
        "with the AlwaysAdmit admission plugin: admission control is bypassed",
    );
}
