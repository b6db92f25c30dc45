//! ## What it does
//! Reports a kube-scheduler that does not set `--profiling=false` (profiling is on by
//! default).
//!
//! ## Why is this bad?
//! The `/debug/pprof` handlers reveal internal program state and let a client trigger CPU-
//! heavy profiles; they are not needed in production.
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
//!     - --profiling=false
//! ```
//!
//! ## Remediation
//! Set `--profiling=false`.
//!
//! ## References
//! - MITRE ATT&CK: [T1082](https://attack.mitre.org/techniques/T1082/)
//! - CIS Kubernetes Benchmark v1.9: 1.4.1
//! - <https://kubernetes.io/docs/reference/command-line-tools-reference/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-424",
    name: "scheduler_profiling",
    group: "controlplane",
    title: "Scheduler exposes profiling data",
    severity: Low,
    attack: ["T1082"],
    refs: { checkov: ["CKV_K8S_114"], trivy: ["KCV-0040"], kubescape: ["C-0151"], cis: ["1.4.1"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    component_check(
        cx,
        out,
        "kube-scheduler",
        "profiling",
        |p| !p.is("profiling", "false"),
        "without --profiling=false: /debug/pprof is served",
    );
}
