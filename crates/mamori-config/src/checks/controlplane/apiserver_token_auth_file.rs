//! ## What it does
//! Reports a kube-apiserver started with `--token-auth-file`.
//!
//! ## Why is this bad?
//! Static tokens are kept in clear text on the control-plane node, never expire and can only
//! be changed by restarting the API server. Whoever reads the file holds those identities
//! indefinitely.
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
//!     - --token-auth-file=/etc/kubernetes/tokens.csv
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
//! ```
//!
//! ## Remediation
//! Remove `--token-auth-file` and authenticate with client certificates, OIDC or service
//! account tokens.
//!
//! ## References
//! - MITRE ATT&CK: [T1552.001](https://attack.mitre.org/techniques/T1552/001/)
//! - MITRE ATT&CK: [T1078](https://attack.mitre.org/techniques/T1078/)
//! - CIS Kubernetes Benchmark v1.9: 1.2.2
//! - <https://kubernetes.io/docs/reference/command-line-tools-reference/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-402",
    name: "apiserver_token_auth_file",
    group: "controlplane",
    title: "API server uses a static token file",
    severity: High,
    attack: ["T1552.001", "T1078"],
    refs: { checkov: ["CKV_K8S_70"], trivy: ["KCV-0002"], kubescape: ["C-0114"], cis: ["1.2.2"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    component_check(
        cx,
        out,
        "kube-apiserver",
        "token-auth-file",
        |p| p.has("token-auth-file"),
        "with --token-auth-file: static bearer tokens stored in a file on the node",
    );
}
