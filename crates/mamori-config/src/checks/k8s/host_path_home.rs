//! ## What it does
//! Reports hostPath volumes whose path is, contains or lies under `/root`, `/home`.
//!
//! ## Why is this bad?
//! Home directories hold SSH keys, shell histories and cloud CLI credentials.
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
//!       path: /root
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
//! - MITRE ATT&CK: [T1552.004](https://attack.mitre.org/techniques/T1552/004/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-047",
    name: "host_path_home",
    group: "k8s",
    title: "Host home directories mounted",
    severity: High,
    attack: ["T1552.004"],
    refs: { nsa: ["hostPath volumes"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    host_path_check(cx, out, &["/root", "/home"], "host home directories");
}
