//! ## What it does
//! Reports Dockerfiles that use both `curl` and `wget` in RUN instructions.
//!
//! ## Why is this bad?
//! Two download tools double the attack surface and image size for no benefit.
//!
//! ## Example
//! ```dockerfile
//! FROM debian:12
//! RUN curl -fsSLO https://example.com/a
//! RUN wget https://example.com/b
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM debian:12
//! RUN curl -fsSLO https://example.com/a
//! RUN curl -fsSLO https://example.com/b
//! ```
//!
//! ## Remediation
//! Standardise on one tool.
//!
//! ## References
//! - Trivy: `DS-0014`
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-039",
    name: "curl_and_wget",
    group: "dockerfile",
    title: "Both curl and wget used",
    severity: Low,
    attack: [],
    refs: { trivy: ["DS-0014"], hadolint: ["DL4001"] },
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    let mut curl = false;
    let mut wget_line = None;
    for (i, text) in runs(df) {
        let cmds = shell_commands(&text);
        curl |= !commands_of(&cmds, "curl").is_empty();
        if wget_line.is_none() && !commands_of(&cmds, "wget").is_empty() {
            wget_line = Some(i.line);
        }
    }
    if let (true, Some(line)) = (curl, wget_line) {
        out.emit(line, "both curl and wget are used");
    }
}
