//! ## What it does
//! Reports a kube-controller-manager whose `--bind-address` is not a loopback address. When
//! unset it listens on all interfaces.
//!
//! ## Why is this bad?
//! The controller manager's health, metrics and debug endpoints then answer from the network,
//! which widens the attack surface of a component that holds cluster-wide credentials.
//!
//! The check reads the command line of any container that runs `kube-controller-manager`, as
//! in the static pod manifest `/etc/kubernetes/manifests/kube-controller-manager.yaml` that
//! kubeadm writes.
//!
//! ## Example
//! ```yaml
//! apiVersion: v1
//! kind: Pod
//! metadata:
//!   name: kube-controller-manager
//!   namespace: kube-system
//! spec:
//!   hostNetwork: true
//!   containers:
//!   - name: kube-controller-manager
//!     image: registry.k8s.io/kube-controller-manager:v1.31.2
//!     command:
//!     - kube-controller-manager
//!     - --kubeconfig=/etc/kubernetes/controller-manager.conf
//!     - --bind-address=0.0.0.0
//! ```
//!
//! Use instead:
//! ```yaml
//! apiVersion: v1
//! kind: Pod
//! metadata:
//!   name: kube-controller-manager
//!   namespace: kube-system
//! spec:
//!   hostNetwork: true
//!   containers:
//!   - name: kube-controller-manager
//!     image: registry.k8s.io/kube-controller-manager:v1.31.2
//!     command:
//!     - kube-controller-manager
//!     - --kubeconfig=/etc/kubernetes/controller-manager.conf
//!     - --bind-address=127.0.0.1
//! ```
//!
//! ## Remediation
//! Set `--bind-address=127.0.0.1`.
//!
//! ## References
//! - MITRE ATT&CK: [T1190](https://attack.mitre.org/techniques/T1190/)
//! - CIS Kubernetes Benchmark v1.9: 1.3.7
//! - <https://kubernetes.io/docs/reference/command-line-tools-reference/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-423",
    name: "controller_manager_bind_address",
    group: "controlplane",
    title: "Controller manager listens on all interfaces",
    severity: Medium,
    attack: ["T1190"],
    refs: { checkov: ["CKV_K8S_113"], trivy: ["KCV-0039"], kubescape: ["C-0150"], cis: ["1.3.7"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    component_check(
        cx,
        out,
        "kube-controller-manager",
        "bind-address",
        |p| {
            !matches!(
                p.value("bind-address"),
                Some("127.0.0.1" | "::1" | "localhost")
            )
        },
        "without --bind-address=127.0.0.1: its HTTPS endpoint listens on every interface",
    );
}
