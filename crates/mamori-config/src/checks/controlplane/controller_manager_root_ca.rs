//! ## What it does
//! Reports a kube-controller-manager that does not set `--root-ca-file`.
//!
//! ## Why is this bad?
//! The root CA is what pods use to verify the API server's certificate. Without it, clients
//! in pods cannot verify the server and are open to a machine in the middle.
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
//!     - --root-ca-file=/etc/kubernetes/pki/ca.crt
//! ```
//!
//! ## Remediation
//! Set `--root-ca-file` to the cluster CA bundle.
//!
//! ## References
//! - MITRE ATT&CK: [T1557](https://attack.mitre.org/techniques/T1557/)
//! - CIS Kubernetes Benchmark v1.9: 1.3.5
//! - <https://kubernetes.io/docs/reference/command-line-tools-reference/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-422",
    name: "controller_manager_root_ca",
    group: "controlplane",
    title: "Controller manager does not publish the root CA",
    severity: Low,
    attack: ["T1557"],
    refs: { trivy: ["KCV-0037"], kubescape: ["C-0148"], cis: ["1.3.5"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    component_check(
        cx,
        out,
        "kube-controller-manager",
        "root-ca-file",
        |p| !p.has("root-ca-file"),
        "without --root-ca-file: pods get no CA to verify the API server",
    );
}
