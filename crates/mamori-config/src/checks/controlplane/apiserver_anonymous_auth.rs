//! ## What it does
//! Reports a kube-apiserver whose command line does not set `--anonymous-auth=false`. The
//! flag defaults to `true`.
//!
//! ## Why is this bad?
//! Requests without credentials are handled as the user `system:anonymous` in the group
//! `system:unauthenticated`. Any RBAC rule that names those subjects, by mistake or for a
//! health endpoint, is then open to the whole network.
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
//!     - --anonymous-auth=true
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
//!     - --anonymous-auth=false
//! ```
//!
//! ## Remediation
//! Set `--anonymous-auth=false` and give health checkers credentials, or grant only
//! `/healthz`, `/livez` and `/readyz` to `system:unauthenticated`.
//!
//! ## References
//! - MITRE ATT&CK: [T1078.001](https://attack.mitre.org/techniques/T1078/001/)
//! - MITRE ATT&CK: [T1190](https://attack.mitre.org/techniques/T1190/)
//! - CIS Kubernetes Benchmark v1.9: 1.2.1
//! - <https://kubernetes.io/docs/reference/command-line-tools-reference/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-401",
    name: "apiserver_anonymous_auth",
    group: "controlplane",
    title: "API server accepts anonymous requests",
    severity: Medium,
    attack: ["T1078.001", "T1190"],
    refs: { checkov: ["CKV_K8S_68"], trivy: ["KCV-0001"], kubescape: ["C-0113"], cis: ["1.2.1"], nsa: ["Anonymous access"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    component_check(
        cx,
        out,
        "kube-apiserver",
        "anonymous-auth",
        |p| !p.is("anonymous-auth", "false"),
        "without --anonymous-auth=false: unauthenticated requests are served as system:anonymous",
    );
}
