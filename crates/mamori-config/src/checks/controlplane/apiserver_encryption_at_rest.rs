//! ## What it does
//! Reports a kube-apiserver that does not set `--encryption-provider-config`.
//!
//! ## Why is this bad?
//! Secrets are then written to etcd, its snapshots and its backups base64-encoded but
//! unencrypted; anyone with a backup or disk access reads them all.
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
//!     - --encryption-provider-config=/etc/kubernetes/encryption-config.yaml
//! ```
//!
//! ## Remediation
//! Write an EncryptionConfiguration with a `kms` (v2), `aescbc` or `secretbox` provider for
//! `secrets` and pass it with `--encryption-provider-config`.
//!
//! ## References
//! - MITRE ATT&CK: [T1552](https://attack.mitre.org/techniques/T1552/)
//! - CIS Kubernetes Benchmark v1.9: 1.2.27
//! - <https://kubernetes.io/docs/reference/command-line-tools-reference/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-418",
    name: "apiserver_encryption_at_rest",
    group: "controlplane",
    title: "API server does not encrypt secrets at rest",
    severity: Medium,
    attack: ["T1552"],
    refs: { checkov: ["CKV_K8S_104"], trivy: ["KCV-0030"], kubescape: ["C-0141"], cis: ["1.2.27"], nsa: ["Secrets (no hard-coded credentials)"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    component_check(
        cx,
        out,
        "kube-apiserver",
        "encryption-provider-config",
        |p| !p.has("encryption-provider-config"),
        "without --encryption-provider-config: Secrets are stored in etcd in plain text",
    );
}
