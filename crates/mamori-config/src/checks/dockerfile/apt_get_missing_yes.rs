//! ## What it does
//! Reports `apt-get install` without `-y`/`--yes`/`--assume-yes`.
//!
//! ## Why is this bad?
//! Without it the build waits for confirmation and fails in non-interactive builds, or
//! behaves differently across apt versions.
//!
//! ## Example
//! ```dockerfile
//! FROM debian:12
//! RUN apt-get update && apt-get install curl
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM debian:12
//! RUN apt-get update && apt-get install -y curl
//! ```
//!
//! ## Remediation
//! Add `-y`.
//!
//! ## References
//! - Trivy: `DS-0021`
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-008",
    name: "apt_get_missing_yes",
    group: "dockerfile",
    title: "apt-get install without -y",
    severity: Low,
    attack: [],
    refs: { trivy: ["DS-0021"], hadolint: ["DL3014"] },
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    for (i, text) in runs(df) {
        let cmds = shell_commands(&text);
        let _ = &cmds;
        for c in commands_of(&cmds, "apt-get") {
            if c.iter().any(|w| w == "install")
                && !has_flag(c, &["--yes", "--assume-yes", "-qqy"], Some('y'))
            {
                out.emit(i.line, "apt-get install without -y");
            }
        }
    }
}
