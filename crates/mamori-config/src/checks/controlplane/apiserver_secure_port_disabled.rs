//! ## What it does
//! Reports a kube-apiserver started with `--secure-port=0`.
//!
//! ## Why is this bad?
//! With the secure port disabled the API server serves no TLS, so credentials and secrets
//! travel in clear text, or clients are pushed to an insecure endpoint.
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
//!     - --secure-port=0
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
//!     - --secure-port=6443
//! ```
//!
//! ## Remediation
//! Remove `--secure-port=0`; serve HTTPS on 6443 with a certificate from the cluster CA.
//!
//! ## References
//! - MITRE ATT&CK: [T1040](https://attack.mitre.org/techniques/T1040/)
//! - MITRE ATT&CK: [T1557](https://attack.mitre.org/techniques/T1557/)
//! - <https://kubernetes.io/docs/reference/command-line-tools-reference/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-419",
    name: "apiserver_secure_port_disabled",
    group: "controlplane",
    title: "API server disables its secure port",
    severity: High,
    attack: ["T1040", "T1557"],
    refs: { checkov: ["CKV_K8S_89"], trivy: ["KCV-0017"], kubescape: ["C-0128"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    component_check(
        cx,
        out,
        "kube-apiserver",
        "secure-port",
        |p| p.is("secure-port", "0"),
        "with --secure-port=0: it does not serve HTTPS",
    );
}
