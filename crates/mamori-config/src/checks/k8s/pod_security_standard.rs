//! ## What it does
//! When a Pod Security Standards level and version are configured (`Settings.pss`), reports
//! every control that upstream Pod Security Admission would reject at that level and
//! version, for any pod template (Deployments, CronJobs …, not just Pods).
//!
//! ## Why is this bad?
//! Objects that break the namespace's Pod Security level are rejected at admission
//! (enforce) or flagged (warn/audit); catching them before deploy avoids failed rollouts.
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
//!       privileged: true
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
//!       allowPrivilegeEscalation: false
//!       capabilities:
//!         drop: [ALL]
//!       runAsNonRoot: true
//!       seccompProfile:
//!         type: RuntimeDefault
//! ```
//!
//! ## Remediation
//! Fix the reported control or run the workload in a namespace with an appropriate level.
//!
//! ## References
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - <https://kubernetes.io/docs/concepts/security/pod-security-admission/>
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-058",
    name: "pod_security_standard",
    group: "k8s",
    title: "Pod Security Standards violation",
    severity: High,
    attack: ["T1611"],
    refs: { nsa: ["Pod Security Admission"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    if let Some((level, version)) = cx.settings.pss {
        for v in crate::pss::evaluate_pss(cx.obj, level, Some(version)) {
            out.emit(
                v.line,
                format!(
                    "{level}:{version} {} ({}): {}",
                    v.control, v.check, v.message
                ),
            );
        }
    }
}
