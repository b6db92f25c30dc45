//! ## What it does
//! Reports a kube-apiserver whose `--enable-admission-plugins` does not include
//! `NodeRestriction`.
//!
//! ## Why is this bad?
//! NodeRestriction limits the Node and Pod objects a kubelet may modify to its own. Without
//! it, a compromised node can relabel other nodes to attract sensitive workloads.
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
//!     - --enable-admission-plugins=ServiceAccount
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
//! Add `NodeRestriction` to `--enable-admission-plugins` and use the Node authorizer.
//!
//! ## References
//! - MITRE ATT&CK: [T1078](https://attack.mitre.org/techniques/T1078/)
//! - CIS Kubernetes Benchmark v1.9: 1.2.14
//! - <https://kubernetes.io/docs/reference/command-line-tools-reference/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-409",
    name: "apiserver_node_restriction_missing",
    group: "controlplane",
    title: "API server does not enable NodeRestriction",
    severity: Medium,
    attack: ["T1078"],
    refs: { checkov: ["CKV_K8S_85"], trivy: ["KCV-0016"], kubescape: ["C-0127"], cis: ["1.2.14"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    component_check(
        cx,
        out,
        "kube-apiserver",
        "enable-admission-plugins",
        |p| {
            !p.list("enable-admission-plugins")
                .contains(&"NodeRestriction")
        },
        "without the NodeRestriction admission plugin: a kubelet can modify other nodes and their \
         pods",
    );
}
