//! ## What it does
//! Reports a final build stage (other than `FROM scratch` without a shell) with no `USER`
//! instruction.
//!
//! ## Why is this bad?
//! Without `USER` the container runs as the base image's user, root for nearly all base
//! images.
//!
//! ## Example
//! ```dockerfile
//! FROM node:22-alpine
//! COPY . /app
//! CMD ["node", "/app/server.js"]
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM node:22-alpine
//! COPY . /app
//! USER node
//! CMD ["node", "/app/server.js"]
//! ```
//!
//! ## Remediation
//! Create an unprivileged user and switch to it.
//!
//! ## References
//! - Checkov: `CKV_DOCKER_3`
//! - Trivy: `DS-0002`
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - MITRE ATT&CK: [T1068](https://attack.mitre.org/techniques/T1068/)
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-002",
    name: "user_missing",
    group: "dockerfile",
    title: "Final stage sets no USER",
    severity: Medium,
    attack: ["T1611", "T1068"],
    refs: { checkov: ["CKV_DOCKER_3"], trivy: ["DS-0002"], cis_docker: ["4.1"] },
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    if let Some(stage) = df.stages.last() {
        if !df.final_stage().any(|i| i.keyword == "USER") {
            out.emit(
                stage.line,
                format!("final stage (FROM {}) sets no USER", stage.base),
            );
        }
    }
}
