//! ## What it does
//! Reports a kube-controller-manager that does not set `--use-service-account-
//! credentials=true`.
//!
//! ## Why is this bad?
//! Without it, all controllers run with the controller manager's own credentials, which must
//! then hold the union of their permissions; one abused controller has them all.
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
//!     - --use-service-account-credentials=true
//! ```
//!
//! ## Remediation
//! Set `--use-service-account-credentials=true` so each controller uses its own service
//! account and role.
//!
//! ## References
//! - MITRE ATT&CK: [T1078](https://attack.mitre.org/techniques/T1078/)
//! - CIS Kubernetes Benchmark v1.9: 1.3.3
//! - <https://kubernetes.io/docs/reference/command-line-tools-reference/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-421",
    name: "controller_manager_sa_credentials",
    group: "controlplane",
    title: "Controllers share the controller manager's credentials",
    severity: Medium,
    attack: ["T1078"],
    refs: { checkov: ["CKV_K8S_108"], trivy: ["KCV-0035"], kubescape: ["C-0146"], cis: ["1.3.3"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    component_check(
        cx,
        out,
        "kube-controller-manager",
        "use-service-account-credentials",
        |p| !p.is("use-service-account-credentials", "true"),
        "without --use-service-account-credentials=true: every controller acts with one broad \
         identity",
    );
}
