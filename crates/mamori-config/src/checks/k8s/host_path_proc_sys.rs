//! ## What it does
//! Reports hostPath volumes whose path is, contains or lies under `/proc`, `/sys`.
//!
//! ## Why is this bad?
//! The host's `/proc` and `/sys` expose every process's environment and kernel tunables
//! such as `core_pattern` (`/proc/sys/kernel/core_pattern` is a well-known escape).
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
//!       path: /proc
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
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-043",
    name: "host_path_proc_sys",
    group: "k8s",
    title: "Host /proc or /sys mounted",
    severity: High,
    attack: ["T1611"],
    refs: { trivy: ["KSV-0121"], nsa: ["hostPath volumes"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    host_path_check(cx, out, &["/proc", "/sys"], "host kernel interfaces");
}
