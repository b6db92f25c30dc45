//! ## What it does
//! Reports `ENV` instructions whose variable name looks like a credential and whose value
//! is a literal (not `$VAR`).
//!
//! ## Why is this bad?
//! ENV values are stored in the image config: anyone who can pull the image can read them
//! with `docker inspect`, and every container inherits them.
//!
//! ## Example
//! ```dockerfile
//! FROM alpine:3.20
//! ENV DB_PASSWORD=hunter2
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM alpine:3.20
//! ENV DB_PASSWORD_FILE=/run/secrets/db_password
//! ```
//!
//! ## Remediation
//! Provide secrets at runtime (orchestrator secrets) or at build time with `RUN
//! --mount=type=secret`.
//!
//! ## References
//! - MITRE ATT&CK: [T1552.001](https://attack.mitre.org/techniques/T1552/001/)
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-024",
    name: "secret_in_env",
    group: "dockerfile",
    title: "Secret in ENV",
    severity: High,
    attack: ["T1552.001"],
    refs: { trivy: ["DS-0031"], hadolint: ["DL3064"], cis_docker: ["4.10"] },
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    for i in df.instructions.iter().filter(|i| i.keyword == "ENV") {
        for (k, v) in env_pairs(&i.args) {
            if secret_like_name(&k) && !v.is_empty() && !v.starts_with('$') {
                out.emit(i.line, format!("ENV sets {k:?} to a literal value"));
            }
        }
    }
}
