//! ## What it does
//! Reports a kube-apiserver started with `--service-account-lookup=false`.
//!
//! ## Why is this bad?
//! Without the lookup, the API server only checks a token's signature, so a stolen token
//! keeps working after its service account has been deleted to revoke it.
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
//!     - --service-account-lookup=false
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
//!     - --service-account-lookup=true
//! ```
//!
//! ## Remediation
//! Remove `--service-account-lookup=false` (the default is `true`).
//!
//! ## References
//! - MITRE ATT&CK: [T1078](https://attack.mitre.org/techniques/T1078/)
//! - MITRE ATT&CK: [T1528](https://attack.mitre.org/techniques/T1528/)
//! - CIS Kubernetes Benchmark v1.9: 1.2.21
//! - <https://kubernetes.io/docs/reference/command-line-tools-reference/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-413",
    name: "apiserver_service_account_lookup",
    group: "controlplane",
    title: "API server accepts tokens of deleted service accounts",
    severity: Medium,
    attack: ["T1078", "T1528"],
    refs: { checkov: ["CKV_K8S_96"], trivy: ["KCV-0024"], kubescape: ["C-0135"], cis: ["1.2.21"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    component_check(
        cx,
        out,
        "kube-apiserver",
        "service-account-lookup",
        |p| p.is("service-account-lookup", "false"),
        "with --service-account-lookup=false: tokens stay valid after their service account is \
         deleted",
    );
}
