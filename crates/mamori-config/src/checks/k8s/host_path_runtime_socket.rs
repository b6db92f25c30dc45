//! ## What it does
//! Reports hostPath volumes whose path is, contains or lies under `/var/run/docker.sock`,
//! `/run/docker.sock`, `/var/run/containerd/containerd.sock`,
//! `/run/containerd/containerd.sock`, `/var/run/crio/crio.sock`, `/run/crio/crio.sock`,
//! `/var/run/cri-dockerd.sock`.
//!
//! ## Why is this bad?
//! Whoever can talk to the runtime socket can start a privileged container on the node:
//! full node takeover.
//!
//! ## Example
//! ```yaml
//! apiVersion: v1
//! kind: Pod
//! metadata:
//!   name: web
//!   namespace: shop
//! spec:
//!   containers:
//!   - name: app
//!     image: registry.example.com/shop/web:1.4.2
//!   volumes:
//!   - name: host
//!     hostPath:
//!       path: /var/run/docker.sock
//! ```
//!
//! Use instead:
//! ```yaml
//! apiVersion: v1
//! kind: Pod
//! metadata:
//!   name: web
//!   namespace: shop
//! spec:
//!   containers:
//!   - name: app
//!     image: registry.example.com/shop/web:1.4.2
//!   volumes:
//!   - name: cache
//!     emptyDir: {}
//! ```
//!
//! ## Remediation
//! Do not mount this host path. If the workload truly needs node access (an agent), run it
//! in a dedicated, locked-down namespace and review it.
//!
//! ## References
//! - Checkov: `CKV_K8S_27`
//! - Trivy: `KSV-0006`
//! - Kubescape: `C-0074`
//! - MITRE ATT&CK: [T1610](https://attack.mitre.org/techniques/T1610/)
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-040",
    name: "host_path_runtime_socket",
    group: "k8s",
    title: "Container runtime socket mounted",
    severity: Critical,
    attack: ["T1610", "T1611"],
    refs: { checkov: ["CKV_K8S_27"], trivy: ["KSV-0006"], kubescape: ["C-0074"], nsa: ["hostPath volumes"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    host_path_check(
        cx,
        out,
        &[
            "/var/run/docker.sock",
            "/run/docker.sock",
            "/var/run/containerd/containerd.sock",
            "/run/containerd/containerd.sock",
            "/var/run/crio/crio.sock",
            "/run/crio/crio.sock",
            "/var/run/cri-dockerd.sock",
        ],
        "container runtime socket",
    );
}
