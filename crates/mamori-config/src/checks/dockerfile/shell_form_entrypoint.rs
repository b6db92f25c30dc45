//! ## What it does
//! Reports `ENTRYPOINT` (and `CMD` when there is no ENTRYPOINT) written in shell form.
//!
//! ## Why is this bad?
//! Shell form runs the program under `/bin/sh -c`: the application is not PID 1, does not
//! receive SIGTERM and is killed ungracefully after the grace period.
//!
//! ## Example
//! ```dockerfile
//! FROM alpine:3.20
//! ENTRYPOINT /app/server --port 8080
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM alpine:3.20
//! ENTRYPOINT ["/app/server", "--port", "8080"]
//! ```
//!
//! ## Remediation
//! Use the JSON (exec) form.
//!
//! ## References
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-043",
    name: "shell_form_entrypoint",
    group: "dockerfile",
    title: "ENTRYPOINT in shell form",
    severity: Low,
    attack: [],
    refs: { hadolint: ["DL3025"] },
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    let has_entrypoint = df.final_stage().any(|i| i.keyword == "ENTRYPOINT");
    for i in df.final_stage() {
        let relevant = i.keyword == "ENTRYPOINT" || (i.keyword == "CMD" && !has_entrypoint);
        if relevant && i.json.is_none() && !i.args.is_empty() {
            out.emit(i.line, format!("{} uses shell form", i.keyword));
        }
    }
}
