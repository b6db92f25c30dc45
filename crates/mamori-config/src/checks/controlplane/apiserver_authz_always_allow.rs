//! ## What it does
//! Reports a kube-apiserver whose `--authorization-mode` includes `AlwaysAllow` or is not set
//! (the default is `AlwaysAllow`).
//!
//! ## Why is this bad?
//! Every authenticated identity, including every service account token in every pod, can do
//! anything in the cluster: RBAC is not consulted.
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
//!     - --authorization-mode=AlwaysAllow
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
//!     - --authorization-mode=Node,RBAC
//! ```
//!
//! ## Remediation
//! Set `--authorization-mode=Node,RBAC`.
//!
//! ## References
//! - MITRE ATT&CK: [T1078](https://attack.mitre.org/techniques/T1078/)
//! - CIS Kubernetes Benchmark v1.9: 1.2.6
//! - <https://kubernetes.io/docs/reference/command-line-tools-reference/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-405",
    name: "apiserver_authz_always_allow",
    group: "controlplane",
    title: "API server authorizes every request",
    severity: Critical,
    attack: ["T1078"],
    refs: { checkov: ["CKV_K8S_74"], trivy: ["KCV-0007"], kubescape: ["C-0118"], cis: ["1.2.6"], nsa: ["RBAC least privilege"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    // Unset means the kube-apiserver default, AlwaysAllow.
    let always_allow = |p: &ComponentFlags<'_>| {
        p.value("authorization-mode").is_none()
            || p.list("authorization-mode").contains(&"AlwaysAllow")
    };
    component_check(
        cx,
        out,
        "kube-apiserver",
        "authorization-mode",
        always_allow,
        "with --authorization-mode AlwaysAllow (the default when unset): \
         every authenticated request is allowed",
    );
}
