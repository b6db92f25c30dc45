//! ## What it does
//! Reports an etcd started with `--auto-tls=true`.
//!
//! ## Why is this bad?
//! Auto TLS generates a self-signed certificate, so clients cannot tell etcd from an impostor
//! in the middle.
//!
//! The check reads the command line of any container that runs `etcd`, as in the static pod
//! manifest `/etc/kubernetes/manifests/etcd.yaml` that kubeadm writes.
//!
//! ## Example
//! ```yaml
//! apiVersion: v1
//! kind: Pod
//! metadata:
//!   name: etcd
//!   namespace: kube-system
//! spec:
//!   hostNetwork: true
//!   containers:
//!   - name: etcd
//!     image: registry.k8s.io/etcd:3.5.15-0
//!     command:
//!     - etcd
//!     - --data-dir=/var/lib/etcd
//!     - --listen-client-urls=https://10.0.0.10:2379
//!     - --auto-tls=true
//! ```
//!
//! Use instead:
//! ```yaml
//! apiVersion: v1
//! kind: Pod
//! metadata:
//!   name: etcd
//!   namespace: kube-system
//! spec:
//!   hostNetwork: true
//!   containers:
//!   - name: etcd
//!     image: registry.k8s.io/etcd:3.5.15-0
//!     command:
//!     - etcd
//!     - --data-dir=/var/lib/etcd
//!     - --listen-client-urls=https://10.0.0.10:2379
//!     - --auto-tls=false
//! ```
//!
//! ## Remediation
//! Remove `--auto-tls` and set `--cert-file`/`--key-file` from the etcd CA.
//!
//! ## References
//! - MITRE ATT&CK: [T1557](https://attack.mitre.org/techniques/T1557/)
//! - CIS Kubernetes Benchmark v1.9: 2.3
//! - <https://etcd.io/docs/v3.5/op-guide/security/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-428",
    name: "etcd_auto_tls",
    group: "controlplane",
    title: "etcd uses self-signed client certificates",
    severity: Medium,
    attack: ["T1557"],
    refs: { checkov: ["CKV_K8S_118"], trivy: ["KCV-0044"], kubescape: ["C-0155"], cis: ["2.3"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    component_check(
        cx,
        out,
        "etcd",
        "auto-tls",
        |p| p.is("auto-tls", "true"),
        "with --auto-tls=true: it serves a self-signed certificate clients cannot verify",
    );
}
