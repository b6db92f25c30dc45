//! ## What it does
//! Reports an etcd that does not set `--client-cert-auth=true`.
//!
//! ## Why is this bad?
//! etcd does not authorize by Kubernetes RBAC. A client that can connect without a
//! certificate reads and writes every object, which is full control of the cluster.
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
//!     - --client-cert-auth=false
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
//!     - --client-cert-auth=true
//!     - --trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt
//! ```
//!
//! ## Remediation
//! Set `--client-cert-auth=true` and `--trusted-ca-file` to the etcd CA.
//!
//! ## References
//! - MITRE ATT&CK: [T1552](https://attack.mitre.org/techniques/T1552/)
//! - MITRE ATT&CK: [T1078](https://attack.mitre.org/techniques/T1078/)
//! - CIS Kubernetes Benchmark v1.9: 2.2
//! - <https://etcd.io/docs/v3.5/op-guide/security/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-427",
    name: "etcd_client_cert_auth",
    group: "controlplane",
    title: "etcd does not require client certificates",
    severity: High,
    attack: ["T1552", "T1078"],
    refs: { checkov: ["CKV_K8S_117"], trivy: ["KCV-0043"], kubescape: ["C-0154"], cis: ["2.2"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    component_check(
        cx,
        out,
        "etcd",
        "client-cert-auth",
        |p| !p.is("client-cert-auth", "true"),
        "without --client-cert-auth=true: any client that reaches it can read every Secret",
    );
}
