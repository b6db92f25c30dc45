//! ## What it does
//! Reports a kube-apiserver that does not set both `--tls-cert-file` and `--tls-private-key-
//! file`.
//!
//! ## Why is this bad?
//! The API server then generates a self-signed certificate that clients cannot verify, which
//! trains them to skip verification and lets a machine in the middle read credentials.
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
//!     - --tls-cert-file=/etc/kubernetes/pki/apiserver.crt
//!     - --tls-private-key-file=/etc/kubernetes/pki/apiserver.key
//! ```
//!
//! ## Remediation
//! Set `--tls-cert-file` and `--tls-private-key-file` to a certificate signed by the cluster
//! CA.
//!
//! ## References
//! - MITRE ATT&CK: [T1557](https://attack.mitre.org/techniques/T1557/)
//! - CIS Kubernetes Benchmark v1.9: 1.2.24
//! - <https://kubernetes.io/docs/reference/command-line-tools-reference/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-415",
    name: "apiserver_tls_cert",
    group: "controlplane",
    title: "API server has no serving certificate",
    severity: Medium,
    attack: ["T1557"],
    refs: { checkov: ["CKV_K8S_100"], trivy: ["KCV-0027"], kubescape: ["C-0138"], cis: ["1.2.24"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    component_check(
        cx,
        out,
        "kube-apiserver",
        "tls-cert-file",
        |p| !(p.has("tls-cert-file") && p.has("tls-private-key-file")),
        "without --tls-cert-file and --tls-private-key-file: it serves a self-signed certificate",
    );
}
