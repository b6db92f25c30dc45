//! ## What it does
//! Reports a kube-apiserver that does not set both `--etcd-certfile` and `--etcd-keyfile`.
//!
//! ## Why is this bad?
//! etcd holds every secret of the cluster. If the API server connects without a client
//! certificate, etcd must accept unauthenticated clients.
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
//!     - --etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt
//!     - --etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key
//! ```
//!
//! ## Remediation
//! Set `--etcd-certfile` and `--etcd-keyfile`, and require client certificates on etcd.
//!
//! ## References
//! - MITRE ATT&CK: [T1557](https://attack.mitre.org/techniques/T1557/)
//! - CIS Kubernetes Benchmark v1.9: 1.2.23
//! - <https://kubernetes.io/docs/reference/command-line-tools-reference/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-414",
    name: "apiserver_etcd_client_cert",
    group: "controlplane",
    title: "API server has no etcd client certificate",
    severity: Medium,
    attack: ["T1557"],
    refs: { checkov: ["CKV_K8S_99"], trivy: ["KCV-0026"], kubescape: ["C-0137"], cis: ["1.2.23"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    component_check(
        cx,
        out,
        "kube-apiserver",
        "etcd-certfile",
        |p| !(p.has("etcd-certfile") && p.has("etcd-keyfile")),
        "without --etcd-certfile and --etcd-keyfile: it cannot authenticate to etcd with a \
         certificate",
    );
}
