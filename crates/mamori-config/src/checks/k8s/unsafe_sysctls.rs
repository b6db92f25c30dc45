//! ## What it does
//! Reports pod `securityContext.sysctls` outside the safe set of the latest Pod Security
//! Standards (`kernel.shm_rmid_forced`, `net.ipv4.ip_local_port_range`,
//! `net.ipv4.tcp_syncookies`, … `net.ipv4.tcp_notsent_lowat`).
//!
//! ## Why is this bad?
//! Unsafe sysctls are not namespaced or not isolated enough: they change kernel behaviour
//! for every pod on the node or let one pod starve others.
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
//!   securityContext:
//!     sysctls:
//!     - name: kernel.msgmax
//!       value: "65536"
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
//!   securityContext:
//!     sysctls:
//!     - name: net.ipv4.tcp_syncookies
//!       value: "1"
//! ```
//!
//! ## Remediation
//! Remove the sysctl or set it on dedicated, tainted nodes through the kubelet's
//! `--allowed-unsafe-sysctls`.
//!
//! ## References
//! - Trivy: `KSV-0026`
//! - Pod Security Standards: `Sysctls`
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - MITRE ATT&CK: [T1499](https://attack.mitre.org/techniques/T1499/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-034",
    name: "unsafe_sysctls",
    group: "k8s",
    title: "Unsafe sysctl",
    severity: High,
    attack: ["T1611", "T1499"],
    refs: { trivy: ["KSV-0026"], pss: ["Sysctls"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    let safe: Vec<&str> = crate::pss::safe_sysctls(crate::pss::Version::LATEST).collect();
    for s in cx.pod.sc().get("sysctls").map(Node::items).unwrap_or(&[]) {
        let name = text(s.get("name"));
        if !safe.contains(&name.as_str()) {
            out.emit(s.line, format!("pod sets unsafe sysctl {name:?}"));
        }
    }
}
