//! ## What it does
//! Reports a final build stage whose last `USER` is `root` or `0` (optionally with a
//! group).
//!
//! ## Why is this bad?
//! The image's processes run as root unless the orchestrator overrides it; any compromise
//! of the application is a root compromise of the container.
//!
//! ## Example
//! ```dockerfile
//! FROM alpine:3.20
//! USER root
//! CMD ["/app"]
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM alpine:3.20
//! USER 10001:10001
//! CMD ["/app"]
//! ```
//!
//! ## Remediation
//! End the final stage with a non-root `USER`.
//!
//! ## References
//! - Checkov: `CKV_DOCKER_8`
//! - Trivy: `DS-0002`
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - MITRE ATT&CK: [T1068](https://attack.mitre.org/techniques/T1068/)
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-001",
    name: "user_root",
    group: "dockerfile",
    title: "Final stage runs as root",
    severity: High,
    attack: ["T1611", "T1068"],
    refs: { checkov: ["CKV_DOCKER_8"], trivy: ["DS-0002"], hadolint: ["DL3002"], cis_docker: ["4.1"] },
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    if let Some(u) = df.final_stage().filter(|i| i.keyword == "USER").last() {
        let user = u.args.split(':').next().unwrap_or("").trim();
        if user == "root" || user == "0" {
            out.emit(u.line, format!("final stage runs as user {user:?}"));
        }
    }
}
