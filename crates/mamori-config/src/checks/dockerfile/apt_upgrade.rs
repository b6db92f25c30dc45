//! ## What it does
//! Reports `apt-get upgrade` and `apt-get dist-upgrade`.
//!
//! ## Why is this bad?
//! Upgrading inside the build makes the result depend on the build date and can pull in
//! packages the base image maintainers did not test; rebuild on a newer base image instead.
//!
//! ## Example
//! ```dockerfile
//! FROM debian:12
//! RUN apt-get update && apt-get dist-upgrade -y
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM debian:12.7
//! RUN apt-get update && apt-get install -y --no-install-recommends curl
//! ```
//!
//! ## Remediation
//! Use a newer base image tag.
//!
//! ## References
//! - Trivy: `DS-0024` (deprecated: trivy 0.76 no longer runs it)
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-012",
    name: "apt_upgrade",
    group: "dockerfile",
    title: "Distribution upgrade in the image build",
    severity: Low,
    attack: [],
    refs: {},
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    for (i, text) in runs(df) {
        let cmds = shell_commands(&text);
        let _ = &cmds;
        for c in commands_of(&cmds, "apt-get") {
            if c.iter().any(|w| w == "upgrade" || w == "dist-upgrade") {
                out.emit(i.line, "apt-get upgrade in the build");
            }
        }
    }
}
