//! ## What it does
//! Reports an etcd that does not set `--peer-client-cert-auth=true`.
//!
//! ## Why is this bad?
//! Without peer certificate authentication a host that reaches the peer port can join the
//! cluster and receive a full copy of the data.
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
//!     - --peer-client-cert-auth=true
//!     - --peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt
//! ```
//!
//! ## Remediation
//! Set `--peer-client-cert-auth=true` and `--peer-trusted-ca-file`.
//!
//! ## References
//! - MITRE ATT&CK: [T1557](https://attack.mitre.org/techniques/T1557/)
//! - CIS Kubernetes Benchmark v1.9: 2.5
//! - <https://etcd.io/docs/v3.5/op-guide/security/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-430",
    name: "etcd_peer_client_cert_auth",
    group: "controlplane",
    title: "etcd does not authenticate its peers",
    severity: Medium,
    attack: ["T1557"],
    refs: { checkov: ["CKV_K8S_121"], trivy: ["KCV-0046"], kubescape: ["C-0157"], cis: ["2.5"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    component_check(
        cx,
        out,
        "etcd",
        "peer-client-cert-auth",
        |p| !p.is("peer-client-cert-auth", "true"),
        "without --peer-client-cert-auth=true: any host can join as a peer",
    );
}
