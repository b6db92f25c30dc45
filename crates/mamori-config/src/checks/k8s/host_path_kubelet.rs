//! ## What it does
//! Reports hostPath volumes whose path is, contains or lies under `/var/lib/kubelet`,
//! `/etc/kubernetes`, `/var/lib/etcd`.
//!
//! ## Why is this bad?
//! These directories contain the kubelet's client certificate, static pod manifests, every
//! mounted secret on the node and possibly etcd data.
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
//!       path: /var/lib/kubelet
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
//! - MITRE ATT&CK: [T1552.001](https://attack.mitre.org/techniques/T1552/001/)
//! - MITRE ATT&CK: [T1528](https://attack.mitre.org/techniques/T1528/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-045",
    name: "host_path_kubelet",
    group: "k8s",
    title: "Kubelet or Kubernetes configuration mounted",
    severity: Critical,
    attack: ["T1552.001", "T1528"],
    refs: { nsa: ["hostPath volumes"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    host_path_check(
        cx,
        out,
        &["/var/lib/kubelet", "/etc/kubernetes", "/var/lib/etcd"],
        "kubernetes credentials",
    );
}
