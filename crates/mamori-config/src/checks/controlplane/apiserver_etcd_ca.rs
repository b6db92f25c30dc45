//! ## What it does
//! Reports a kube-apiserver that does not set `--etcd-cafile`.
//!
//! ## Why is this bad?
//! Without the etcd CA the API server cannot tell the real etcd from an impostor that would
//! receive every secret written to the cluster.
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
//!     - --etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt
//! ```
//!
//! ## Remediation
//! Set `--etcd-cafile` to the CA that signs the etcd serving certificates.
//!
//! ## References
//! - MITRE ATT&CK: [T1557](https://attack.mitre.org/techniques/T1557/)
//! - CIS Kubernetes Benchmark v1.9: 1.2.26
//! - <https://kubernetes.io/docs/reference/command-line-tools-reference/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-417",
    name: "apiserver_etcd_ca",
    group: "controlplane",
    title: "API server does not verify etcd",
    severity: Medium,
    attack: ["T1557"],
    refs: { checkov: ["CKV_K8S_102"], trivy: ["KCV-0029"], kubescape: ["C-0140"], cis: ["1.2.26"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    component_check(
        cx,
        out,
        "kube-apiserver",
        "etcd-cafile",
        |p| !p.has("etcd-cafile"),
        "without --etcd-cafile: the etcd server certificate is not verified",
    );
}
