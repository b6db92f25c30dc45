//! ## What it does
//! Reports a kube-apiserver whose `--authorization-mode` does not include `RBAC`.
//!
//! ## Why is this bad?
//! Without the RBAC authorizer the cluster's Roles and bindings have no effect; access is
//! decided by the remaining modes, often far more broadly.
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
//!     - --authorization-mode=Node,ABAC
//!     - --authorization-policy-file=/etc/kubernetes/abac.jsonl
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
//! Include `RBAC` in `--authorization-mode`, for example `Node,RBAC`.
//!
//! ## References
//! - MITRE ATT&CK: [T1078](https://attack.mitre.org/techniques/T1078/)
//! - CIS Kubernetes Benchmark v1.9: 1.2.8
//! - <https://kubernetes.io/docs/reference/command-line-tools-reference/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-407",
    name: "apiserver_authz_rbac_missing",
    group: "controlplane",
    title: "API server does not use RBAC",
    severity: Medium,
    attack: ["T1078"],
    refs: { checkov: ["CKV_K8S_77"], trivy: ["KCV-0009"], kubescape: ["C-0120"], cis: ["1.2.8"], nsa: ["RBAC least privilege"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    component_check(
        cx,
        out,
        "kube-apiserver",
        "authorization-mode",
        |p| !p.list("authorization-mode").contains(&"RBAC"),
        "without RBAC in --authorization-mode: Roles and RoleBindings are ignored",
    );
}
