//! ## What it does
//! Reports Dockerfiles without a `HEALTHCHECK` instruction.
//!
//! ## Why is this bad?
//! Without a health check Docker and Compose cannot tell a hung container from a healthy
//! one. (Kubernetes ignores HEALTHCHECK; use probes there.)
//!
//! ## Example
//! ```dockerfile
//! FROM nginx:1.27
//! COPY site /usr/share/nginx/html
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM nginx:1.27
//! COPY site /usr/share/nginx/html
//! HEALTHCHECK CMD curl -f http://localhost/ || exit 1
//! ```
//!
//! ## Remediation
//! Add `HEALTHCHECK CMD …` (or `HEALTHCHECK NONE` to opt out explicitly).
//!
//! ## References
//! - Checkov: `CKV_DOCKER_2`
//! - Trivy: `DS-0026`
//! - MITRE ATT&CK: [T1499](https://attack.mitre.org/techniques/T1499/)
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-026",
    name: "healthcheck_missing",
    group: "dockerfile",
    title: "No HEALTHCHECK",
    severity: Low,
    attack: ["T1499"],
    refs: { checkov: ["CKV_DOCKER_2"], trivy: ["DS-0026"], cis_docker: ["4.6"] },
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    if !df.stages.is_empty() && !df.instructions.iter().any(|i| i.keyword == "HEALTHCHECK") {
        out.emit(
            df.stages.last().map(|s| s.line).unwrap_or(1),
            "no HEALTHCHECK instruction",
        );
    }
}
