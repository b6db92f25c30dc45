//! ## What it does
//! Reports an etcd started with `--peer-auto-tls=true`.
//!
//! ## Why is this bad?
//! Self-signed peer certificates cannot be verified, so an impostor can pose as a member and
//! receive replicated data.
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
//!     - --peer-auto-tls=true
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
//!     - --peer-auto-tls=false
//! ```
//!
//! ## Remediation
//! Remove `--peer-auto-tls` and issue peer certificates from the etcd CA.
//!
//! ## References
//! - MITRE ATT&CK: [T1557](https://attack.mitre.org/techniques/T1557/)
//! - CIS Kubernetes Benchmark v1.9: 2.6
//! - <https://etcd.io/docs/v3.5/op-guide/security/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-431",
    name: "etcd_peer_auto_tls",
    group: "controlplane",
    title: "etcd peers use self-signed certificates",
    severity: Medium,
    attack: ["T1557"],
    refs: { trivy: ["KCV-0047"], kubescape: ["C-0158"], cis: ["2.6"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    component_check(
        cx,
        out,
        "etcd",
        "peer-auto-tls",
        |p| p.is("peer-auto-tls", "true"),
        "with --peer-auto-tls=true: peers cannot verify each other",
    );
}
