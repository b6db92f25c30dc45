//! ## What it does
//! Reports a kube-apiserver that does not set `--profiling=false` (profiling is on by
//! default).
//!
//! ## Why is this bad?
//! The `/debug/pprof` handlers reveal internal program state and let a client trigger CPU-
//! heavy profiles; they are not needed in production.
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
//!     - --profiling=false
//! ```
//!
//! ## Remediation
//! Set `--profiling=false`.
//!
//! ## References
//! - MITRE ATT&CK: [T1082](https://attack.mitre.org/techniques/T1082/)
//! - CIS Kubernetes Benchmark v1.9: 1.2.15
//! - <https://kubernetes.io/docs/reference/command-line-tools-reference/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-410",
    name: "apiserver_profiling",
    group: "controlplane",
    title: "API server exposes profiling data",
    severity: Low,
    attack: ["T1082"],
    refs: { checkov: ["CKV_K8S_90"], trivy: ["KCV-0018"], kubescape: ["C-0129"], cis: ["1.2.15"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    component_check(
        cx,
        out,
        "kube-apiserver",
        "profiling",
        |p| !p.is("profiling", "false"),
        "without --profiling=false: /debug/pprof is served",
    );
}
