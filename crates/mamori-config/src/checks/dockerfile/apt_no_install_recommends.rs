//! ## What it does
//! Reports `apt-get install` without `--no-install-recommends`.
//!
//! ## Why is this bad?
//! Recommended packages bloat the image and add attack surface (and CVEs) that the
//! application never uses.
//!
//! ## Example
//! ```dockerfile
//! FROM debian:12
//! RUN apt-get update && apt-get install -y curl
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM debian:12
//! RUN apt-get update && apt-get install -y --no-install-recommends curl
//! ```
//!
//! ## Remediation
//! Add `--no-install-recommends`.
//!
//! ## References
//! - Trivy: `DS-0029`
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-009",
    name: "apt_no_install_recommends",
    group: "dockerfile",
    title: "apt-get install pulls recommended packages",
    severity: Low,
    attack: [],
    refs: { trivy: ["DS-0029"], hadolint: ["DL3015"], cis_docker: ["4.3"] },
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    for (i, text) in runs(df) {
        let cmds = shell_commands(&text);
        let _ = &cmds;
        for c in commands_of(&cmds, "apt-get") {
            if c.iter().any(|w| w == "install") && !c.iter().any(|w| w == "--no-install-recommends")
            {
                out.emit(i.line, "apt-get install without --no-install-recommends");
            }
        }
    }
}
