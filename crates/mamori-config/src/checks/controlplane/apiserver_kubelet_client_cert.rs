//! ## What it does
//! Reports a kube-apiserver that does not set both `--kubelet-client-certificate` and
//! `--kubelet-client-key`.
//!
//! ## Why is this bad?
//! The API server calls kubelets for `exec`, `attach`, `logs` and `port-forward`. Without a
//! client certificate it cannot authenticate, so kubelets must accept unauthenticated
//! requests for these features to work.
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
//!     - --kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt
//!     - --kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key
//! ```
//!
//! ## Remediation
//! Issue a client certificate for the API server and set `--kubelet-client-certificate` and
//! `--kubelet-client-key`.
//!
//! ## References
//! - MITRE ATT&CK: [T1557](https://attack.mitre.org/techniques/T1557/)
//! - CIS Kubernetes Benchmark v1.9: 1.2.4
//! - <https://kubernetes.io/docs/reference/command-line-tools-reference/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-403",
    name: "apiserver_kubelet_client_cert",
    group: "controlplane",
    title: "API server has no kubelet client certificate",
    severity: Medium,
    attack: ["T1557"],
    refs: { checkov: ["CKV_K8S_72"], trivy: ["KCV-0005"], kubescape: ["C-0116"], cis: ["1.2.4"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    component_check(
        cx,
        out,
        "kube-apiserver",
        "kubelet-client-certificate",
        |p| !(p.has("kubelet-client-certificate") && p.has("kubelet-client-key")),
        "without --kubelet-client-certificate and --kubelet-client-key: it cannot authenticate to \
         kubelets",
    );
}
