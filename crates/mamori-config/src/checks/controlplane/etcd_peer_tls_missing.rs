//! ## What it does
//! Reports an etcd that does not set both `--peer-cert-file` and `--peer-key-file`.
//!
//! ## Why is this bad?
//! Members replicate every write to each other; without peer TLS the cluster's Secrets cross
//! the network in clear text.
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
//!     - --peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt
//!     - --peer-key-file=/etc/kubernetes/pki/etcd/peer.key
//! ```
//!
//! ## Remediation
//! Set `--peer-cert-file` and `--peer-key-file` to a certificate signed by the etcd peer CA.
//!
//! ## References
//! - MITRE ATT&CK: [T1040](https://attack.mitre.org/techniques/T1040/)
//! - MITRE ATT&CK: [T1557](https://attack.mitre.org/techniques/T1557/)
//! - CIS Kubernetes Benchmark v1.9: 2.4
//! - <https://etcd.io/docs/v3.5/op-guide/security/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-429",
    name: "etcd_peer_tls_missing",
    group: "controlplane",
    title: "etcd peers talk without TLS",
    severity: Medium,
    attack: ["T1040", "T1557"],
    refs: { checkov: ["CKV_K8S_119"], trivy: ["KCV-0045"], kubescape: ["C-0156"], cis: ["2.4"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    component_check(
        cx,
        out,
        "etcd",
        "peer-cert-file",
        |p| !(p.has("peer-cert-file") && p.has("peer-key-file")),
        "without --peer-cert-file and --peer-key-file: replication traffic is not encrypted",
    );
}
