//! ## What it does
//! Reports `dnf install` without `dnf clean all` in the same RUN.
//!
//! ## Why is this bad?
//! The dnf metadata cache stays in the image layer, growing it and keeping stale repository
//! data.
//!
//! ## Example
//! ```dockerfile
//! FROM rockylinux:9
//! RUN dnf install -y httpd
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM rockylinux:9
//! RUN dnf install -y httpd && dnf clean all
//! ```
//!
//! ## Remediation
//! Append `&& dnf clean all`.
//!
//! ## References
//! - Trivy: `DS-0019`
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-017",
    name: "dnf_clean_missing",
    group: "dockerfile",
    title: "dnf install without dnf clean all",
    severity: Low,
    attack: [],
    refs: { trivy: ["DS-0019"], hadolint: ["DL3040"] },
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    for (i, text) in runs(df) {
        let cmds = shell_commands(&text);
        let _ = &cmds;
        let cs = commands_of(&cmds, "dnf");
        if cs.iter().any(|c| c.iter().any(|w| w == "install"))
            && !cs.iter().any(|c| c.iter().any(|w| w == "clean"))
        {
            out.emit(i.line, "dnf install without dnf clean");
        }
    }
}
