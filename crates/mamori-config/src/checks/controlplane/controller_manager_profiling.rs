//! ## What it does
//! Reports a kube-controller-manager that does not set `--profiling=false` (profiling is on
//! by default).
//!
//! ## Why is this bad?
//! The `/debug/pprof` handlers reveal internal program state and let a client trigger CPU-
//! heavy profiles; they are not needed in production.
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
//!     - --profiling=false
//! ```
//!
//! ## Remediation
//! Set `--profiling=false`.
//!
//! ## References
//! - MITRE ATT&CK: [T1082](https://attack.mitre.org/techniques/T1082/)
//! - CIS Kubernetes Benchmark v1.9: 1.3.2
//! - <https://kubernetes.io/docs/reference/command-line-tools-reference/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-420",
    name: "controller_manager_profiling",
    group: "controlplane",
    title: "Controller manager exposes profiling data",
    severity: Low,
    attack: ["T1082"],
    refs: { checkov: ["CKV_K8S_107"], trivy: ["KCV-0034"], kubescape: ["C-0145"], cis: ["1.3.2"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    component_check(
        cx,
        out,
        "kube-controller-manager",
        "profiling",
        |p| !p.is("profiling", "false"),
        "without --profiling=false: /debug/pprof is served",
    );
}
