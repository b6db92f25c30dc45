//! ## What it does
//! Reports a kube-scheduler whose `--bind-address` is not a loopback address. When unset it
//! listens on all interfaces.
//!
//! ## Why is this bad?
//! The scheduler's health, metrics and debug endpoints then answer from the network, widening
//! the attack surface of a control-plane component.
//!
//! The check reads the command line of any container that runs `kube-scheduler`, as in the
//! static pod manifest `/etc/kubernetes/manifests/kube-scheduler.yaml` that kubeadm writes.
//!
//! ## Example
//! ```yaml
//! apiVersion: v1
//! kind: Pod
//! metadata:
//!   name: kube-scheduler
//!   namespace: kube-system
//! spec:
//!   hostNetwork: true
//!   containers:
//!   - name: kube-scheduler
//!     image: registry.k8s.io/kube-scheduler:v1.31.2
//!     command:
//!     - kube-scheduler
//!     - --kubeconfig=/etc/kubernetes/scheduler.conf
//!     - --bind-address=0.0.0.0
//! ```
//!
//! Use instead:
//! ```yaml
//! apiVersion: v1
//! kind: Pod
//! metadata:
//!   name: kube-scheduler
//!   namespace: kube-system
//! spec:
//!   hostNetwork: true
//!   containers:
//!   - name: kube-scheduler
//!     image: registry.k8s.io/kube-scheduler:v1.31.2
//!     command:
//!     - kube-scheduler
//!     - --kubeconfig=/etc/kubernetes/scheduler.conf
//!     - --bind-address=127.0.0.1
//! ```
//!
//! ## Remediation
//! Set `--bind-address=127.0.0.1`.
//!
//! ## References
//! - MITRE ATT&CK: [T1190](https://attack.mitre.org/techniques/T1190/)
//! - CIS Kubernetes Benchmark v1.9: 1.4.2
//! - <https://kubernetes.io/docs/reference/command-line-tools-reference/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-425",
    name: "scheduler_bind_address",
    group: "controlplane",
    title: "Scheduler listens on all interfaces",
    severity: Medium,
    attack: ["T1190"],
    refs: { checkov: ["CKV_K8S_115"], trivy: ["KCV-0041"], kubescape: ["C-0152"], cis: ["1.4.2"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    component_check(
        cx,
        out,
        "kube-scheduler",
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
