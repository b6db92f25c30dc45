//! ## What it does
//! Reports a kube-apiserver that does not set `--kubelet-certificate-authority`.
//!
//! ## Why is this bad?
//! Without a CA the API server does not verify the kubelet it connects to, so a machine in
//! the middle can receive `exec` sessions and the credentials typed into them.
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
//!     - --kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt
//! ```
//!
//! ## Remediation
//! Set `--kubelet-certificate-authority` to the CA that signs kubelet serving certificates
//! (and enable serving-certificate rotation).
//!
//! ## References
//! - MITRE ATT&CK: [T1557](https://attack.mitre.org/techniques/T1557/)
//! - CIS Kubernetes Benchmark v1.9: 1.2.5
//! - <https://kubernetes.io/docs/reference/command-line-tools-reference/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-404",
    name: "apiserver_kubelet_ca",
    group: "controlplane",
    title: "API server does not verify kubelet certificates",
    severity: Medium,
    attack: ["T1557"],
    refs: { checkov: ["CKV_K8S_73"], trivy: ["KCV-0006"], kubescape: ["C-0117"], cis: ["1.2.5"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    component_check(
        cx,
        out,
        "kube-apiserver",
        "kubelet-certificate-authority",
        |p| !p.has("kubelet-certificate-authority"),
        "without --kubelet-certificate-authority: kubelet serving certificates are not verified",
    );
}
