//! ## What it does
//! Reports containers that add the `DAC_READ_SEARCH` capability.
//!
//! ## Why is this bad?
//! `DAC_READ_SEARCH` bypasses read permission checks and enables `open_by_handle_at`, the
//! "shocker" escape that reads arbitrary host files.
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
//!         add: [DAC_READ_SEARCH]
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
//!         drop: [ALL]
//! ```
//!
//! ## Remediation
//! Remove `DAC_READ_SEARCH` from `capabilities.add`.
//!
//! ## References
//! - Kubescape: `C-0046`
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - MITRE ATT&CK: [T1552.001](https://attack.mitre.org/techniques/T1552/001/)
//! - <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>
//! - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>

use crate::checks::prelude::*;

check! {
    id: "MAM-K8S-018",
    name: "capability_dac_read_search",
    group: "k8s",
    title: "Container adds CAP_DAC_READ_SEARCH",
    severity: High,
    attack: ["T1611", "T1552.001"],
    refs: { kubescape: ["C-0046"], nsa: ["Linux capabilities"] },
    run: Pod(run),
}

fn run(cx: &PodCx<'_>, out: &mut Out) {
    cap_added_check(cx, out, "DAC_READ_SEARCH");
}
