//! ## What it does
//! Reports a kube-apiserver whose `--authorization-mode` does not include `Node`.
//!
//! ## Why is this bad?
//! The Node authorizer limits each kubelet to the pods, secrets and config maps of its own
//! node. Without it, the credentials of one compromised node read the secrets of every node.
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
//!     - --authorization-mode=RBAC
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
//! Set `--authorization-mode=Node,RBAC` (and enable the NodeRestriction admission plugin).
//!
//! ## References
//! - MITRE ATT&CK: [T1078](https://attack.mitre.org/techniques/T1078/)
//! - CIS Kubernetes Benchmark v1.9: 1.2.7
//! - <https://kubernetes.io/docs/reference/command-line-tools-reference/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-406",
    name: "apiserver_authz_node_missing",
    group: "controlplane",
    title: "API server does not use the Node authorizer",
    severity: Medium,
    attack: ["T1078"],
    refs: { checkov: ["CKV_K8S_75"], trivy: ["KCV-0008"], kubescape: ["C-0119"], cis: ["1.2.7"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    component_check(
        cx,
        out,
        "kube-apiserver",
        "authorization-mode",
        |p| !p.list("authorization-mode").contains(&"Node"),
        "without Node in --authorization-mode: kubelet credentials are not limited to their own \
         node",
    );
}
