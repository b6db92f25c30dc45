//! ## What it does
//! Reports capabilities in `capabilities.add` that are outside the Pod Security Standards
//! baseline set (`AUDIT_WRITE`, `CHOWN`, `DAC_OVERRIDE`, `FOWNER`, `FSETID`, `KILL`,
//! `MKNOD`, `NET_BIND_SERVICE`, `SETFCAP`, `SETGID`, `SETPCAP`, `SETUID`, `SYS_CHROOT`).
//!
//! ## Why is this bad?
//! Capabilities beyond the runtime default set are exactly the ones that give kernel-level
//! powers; each needs a justification.
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
//!     securityContext:
//!       capabilities:
//!         add: [SYS_NICE]
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
//!     securityContext:
//!       capabilities:
//!         add: [NET_BIND_SERVICE]
//!         drop: [ALL]
//! ```
//!
//! ## Remediation
//! Remove the capability or document why the workload needs it and exempt it.
//!
//! ## References
//! - Checkov: `CKV_K8S_25`
//! - Trivy: `KSV-0022`
//! - Pod Security Standards: `Capabilities`
//! - CIS Kubernetes Benchmark v1.8: `5.2.9`
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - MITRE ATT&CK: [T1068](https://attack.mitre.org/techniques/T1068/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-023",
    name: "capability_not_in_baseline",
    group: "k8s",
    title: "Container adds a non-default capability",
    severity: Medium,
    attack: ["T1611", "T1068"],
    refs: { checkov: ["CKV_K8S_25"], trivy: ["KSV-0022"], pss: ["Capabilities"], cis: ["5.2.9"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    const BASELINE: &[&str] = &[
        "AUDIT_WRITE",
        "CHOWN",
        "DAC_OVERRIDE",
        "FOWNER",
        "FSETID",
        "KILL",
        "MKNOD",
        "NET_BIND_SERVICE",
        "SETFCAP",
        "SETGID",
        "SETPCAP",
        "SETUID",
        "SYS_CHROOT",
    ];
    for c in cx.containers() {
        for (cap, line) in caps_added(&c) {
            if !BASELINE.contains(&cap.as_str()) {
                out.emit(
                    line,
                    format!("{} adds non-default capability {cap}", c.describe()),
                );
            }
        }
    }
}
