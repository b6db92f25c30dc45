//! ## What it does
//! Reports `apk add` without `--no-cache` (unless the RUN removes `/var/cache/apk`).
//!
//! ## Why is this bad?
//! The APK index stays in the image layer.
//!
//! ## Example
//! ```dockerfile
//! FROM alpine:3.20
//! RUN apk add curl
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM alpine:3.20
//! RUN apk add --no-cache curl
//! ```
//!
//! ## Remediation
//! Use `apk add --no-cache`.
//!
//! ## References
//! - Trivy: `DS-0025`
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-014",
    name: "apk_no_cache",
    group: "dockerfile",
    title: "apk add without --no-cache",
    severity: Low,
    attack: [],
    refs: { trivy: ["DS-0025"], hadolint: ["DL3019"] },
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    for (i, text) in runs(df) {
        let cmds = shell_commands(&text);
        let _ = &cmds;
        for c in commands_of(&cmds, "apk") {
            if c.get(1).is_some_and(|w| w == "add")
                && !c.iter().any(|w| w == "--no-cache")
                && !text.contains("/var/cache/apk")
            {
                out.emit(i.line, "apk add without --no-cache");
            }
        }
    }
}
