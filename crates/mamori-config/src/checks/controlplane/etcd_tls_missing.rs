//! ## What it does
//! Reports an etcd that does not set both `--cert-file` and `--key-file`.
//!
//! ## Why is this bad?
//! etcd stores every object of the cluster, Secrets included. Without TLS that data crosses
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
//!     - --cert-file=/etc/kubernetes/pki/etcd/server.crt
//!     - --key-file=/etc/kubernetes/pki/etcd/server.key
//! ```
//!
//! ## Remediation
//! Set `--cert-file` and `--key-file` to a certificate signed by the etcd CA and serve
//! clients on `https://` URLs only.
//!
//! ## References
//! - MITRE ATT&CK: [T1040](https://attack.mitre.org/techniques/T1040/)
//! - MITRE ATT&CK: [T1557](https://attack.mitre.org/techniques/T1557/)
//! - CIS Kubernetes Benchmark v1.9: 2.1
//! - <https://etcd.io/docs/v3.5/op-guide/security/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-426",
    name: "etcd_tls_missing",
    group: "controlplane",
    title: "etcd serves clients without TLS",
    severity: High,
    attack: ["T1040", "T1557"],
    refs: { checkov: ["CKV_K8S_116"], trivy: ["KCV-0042"], kubescape: ["C-0153"], cis: ["2.1"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    component_check(
        cx,
        out,
        "etcd",
        "cert-file",
        |p| !(p.has("cert-file") && p.has("key-file")),
        "without --cert-file and --key-file: client traffic, including every Secret, is not \
         encrypted",
    );
}
