//! ## What it does
//! Reports a kube-apiserver that does not set `--client-ca-file`.
//!
//! ## Why is this bad?
//! Without a client CA the API server cannot authenticate client certificates, so kubelets
//! and controllers fall back to weaker credentials such as static tokens.
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
//!     - --client-ca-file=/etc/kubernetes/pki/ca.crt
//! ```
//!
//! ## Remediation
//! Set `--client-ca-file` to the cluster CA bundle.
//!
//! ## References
//! - MITRE ATT&CK: [T1557](https://attack.mitre.org/techniques/T1557/)
//! - CIS Kubernetes Benchmark v1.9: 1.2.25
//! - <https://kubernetes.io/docs/reference/command-line-tools-reference/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-416",
    name: "apiserver_client_ca",
    group: "controlplane",
    title: "API server has no client CA",
    severity: Medium,
    attack: ["T1557"],
    refs: { trivy: ["KCV-0028"], kubescape: ["C-0139"], cis: ["1.2.25"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    component_check(
        cx,
        out,
        "kube-apiserver",
        "client-ca-file",
        |p| !p.has("client-ca-file"),
        "without --client-ca-file: client certificates are not verified",
    );
}
