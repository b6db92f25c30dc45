//! ## What it does
//! Reports `EXPOSE 22`.
//!
//! ## Why is this bad?
//! An SSH daemon in a container is an additional remote entry point with long-lived
//! credentials.
//!
//! ## Example
//! ```dockerfile
//! FROM debian:12
//! EXPOSE 22 8080
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM debian:12
//! EXPOSE 8080
//! ```
//!
//! ## Remediation
//! Remove SSH; use `docker exec`/`kubectl exec` for access.
//!
//! ## References
//! - Checkov: `CKV_DOCKER_1`
//! - Trivy: `DS-0004`
//! - MITRE ATT&CK: [T1021.004](https://attack.mitre.org/techniques/T1021/004/)
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-028",
    name: "expose_ssh",
    group: "dockerfile",
    title: "Port 22 exposed",
    severity: Medium,
    attack: ["T1021.004"],
    refs: { checkov: ["CKV_DOCKER_1"], trivy: ["DS-0004"] },
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    for i in df.instructions.iter().filter(|i| i.keyword == "EXPOSE") {
        if i.args
            .split_whitespace()
            .any(|p| p.split('/').next() == Some("22"))
        {
            out.emit(i.line, "EXPOSE 22");
        }
    }
}
