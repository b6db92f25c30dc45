//! ## What it does
//! Reports pods or containers that set `windowsOptions.hostProcess: true`.
//!
//! ## Why is this bad?
//! HostProcess containers run directly on the Windows node as a host process with full
//! access to the host.
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
//!       windowsOptions:
//!         hostProcess: true
//!   hostNetwork: true
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
//!       windowsOptions:
//!         runAsUserName: ContainerUser
//! ```
//!
//! ## Remediation
//! Use a regular Windows container.
//!
//! ## References
//! - Pod Security Standards: `HostProcess`
//! - CIS Kubernetes Benchmark v1.8: `5.2.11`
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-049",
    name: "windows_host_process",
    group: "k8s",
    title: "Windows HostProcess container",
    severity: Critical,
    attack: ["T1611"],
    refs: { trivy: ["KSV-0103"], pss: ["HostProcess"], cis: ["5.2.11"], nsa: ["Privileged containers"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    for c in cx.containers() {
        if let Some(n) = cx
            .effective(&c, "windowsOptions")
            .and_then(|w| w.get("hostProcess"))
            .filter(|n| n.as_bool() == Some(true))
        {
            out.emit(
                n.line,
                format!("{} runs as a Windows HostProcess", c.describe()),
            );
        }
    }
}
