//! ## What it does
//! Reports hostPath volumes whose path is, contains or lies under `/var/log`.
//!
//! ## Why is this bad?
//! With write access to `/var/log`, a symlink placed in a pod log directory makes the
//! kubelet serve arbitrary host files through `kubectl logs`; logs also leak other
//! workloads' data.
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
//!       path: /var/log
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
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - MITRE ATT&CK: [T1070](https://attack.mitre.org/techniques/T1070/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-044",
    name: "host_path_var_log",
    group: "k8s",
    title: "Host /var/log mounted",
    severity: Medium,
    attack: ["T1611", "T1070"],
    refs: { nsa: ["hostPath volumes"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    host_path_check(cx, out, &["/var/log"], "host logs");
}
