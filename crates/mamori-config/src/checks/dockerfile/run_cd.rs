//! ## What it does
//! Reports RUN instructions that start with `cd`.
//!
//! ## Why is this bad?
//! A `cd` lasts only for that RUN; WORKDIR states the directory for everything that follows
//! and is easier to read.
//!
//! ## Example
//! ```dockerfile
//! FROM alpine:3.20
//! RUN cd /app && make
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM alpine:3.20
//! WORKDIR /app
//! RUN make
//! ```
//!
//! ## Remediation
//! Use WORKDIR.
//!
//! ## References
//! - Trivy: `DS-0013`
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-032",
    name: "run_cd",
    group: "dockerfile",
    title: "cd in RUN instead of WORKDIR",
    severity: Low,
    attack: [],
    refs: { trivy: ["DS-0013"], hadolint: ["DL3003"] },
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    for (i, text) in runs(df) {
        let cmds = shell_commands(&text);
        let _ = &cmds;
        if cmds
            .first()
            .and_then(|c| c.first())
            .is_some_and(|w| w == "cd")
        {
            out.emit(i.line, "RUN starts with cd; use WORKDIR");
        }
    }
}
