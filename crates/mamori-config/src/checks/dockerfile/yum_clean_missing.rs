//! ## What it does
//! Reports `yum install` without `yum clean all` in the same RUN.
//!
//! ## Why is this bad?
//! The yum metadata cache stays in the image layer, growing it and keeping stale repository
//! data.
//!
//! ## Example
//! ```dockerfile
//! FROM rockylinux:9
//! RUN yum install -y httpd
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM rockylinux:9
//! RUN yum install -y httpd && yum clean all
//! ```
//!
//! ## Remediation
//! Append `&& yum clean all`.
//!
//! ## References
//! - Trivy: `DS-0015`
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-016",
    name: "yum_clean_missing",
    group: "dockerfile",
    title: "yum install without yum clean all",
    severity: Low,
    attack: [],
    refs: { trivy: ["DS-0015"], hadolint: ["DL3032"] },
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    for (i, text) in runs(df) {
        let cmds = shell_commands(&text);
        let _ = &cmds;
        let cs = commands_of(&cmds, "yum");
        if cs.iter().any(|c| c.iter().any(|w| w == "install"))
            && !cs.iter().any(|c| c.iter().any(|w| w == "clean"))
        {
            out.emit(i.line, "yum install without yum clean");
        }
    }
}
