//! ## What it does
//! Reports `yum install` and `dnf install` without `-y`.
//!
//! ## Why is this bad?
//! The build blocks on a prompt or fails.
//!
//! ## Example
//! ```dockerfile
//! FROM rockylinux:9
//! RUN dnf install httpd && dnf clean all
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM rockylinux:9
//! RUN dnf install -y httpd && dnf clean all
//! ```
//!
//! ## Remediation
//! Add `-y`.
//!
//! ## References
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-018",
    name: "yum_missing_yes",
    group: "dockerfile",
    title: "yum/dnf install without -y",
    severity: Low,
    attack: [],
    refs: { hadolint: ["DL3038"] },
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    for (i, text) in runs(df) {
        let cmds = shell_commands(&text);
        let _ = &cmds;
        for prog in ["yum", "dnf", "microdnf"] {
            for c in commands_of(&cmds, prog) {
                if c.iter().any(|w| w == "install") && !has_flag(c, &["--assumeyes"], Some('y')) {
                    out.emit(i.line, format!("{prog} install without -y"));
                }
            }
        }
    }
}
