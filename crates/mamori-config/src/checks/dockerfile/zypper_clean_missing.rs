//! ## What it does
//! Reports `zypper install` without `zypper clean` in the same RUN.
//!
//! ## Why is this bad?
//! The zypper cache stays in the layer.
//!
//! ## Example
//! ```dockerfile
//! FROM opensuse/leap:15.6
//! RUN zypper install -y curl
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM opensuse/leap:15.6
//! RUN zypper install -y curl && zypper clean
//! ```
//!
//! ## Remediation
//! Append `&& zypper clean`.
//!
//! ## References
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-019",
    name: "zypper_clean_missing",
    group: "dockerfile",
    title: "zypper install without zypper clean",
    severity: Low,
    attack: [],
    refs: { trivy: ["DS-0020"], hadolint: ["DL3036"] },
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    for (i, text) in runs(df) {
        let cmds = shell_commands(&text);
        let _ = &cmds;
        let cs = commands_of(&cmds, "zypper");
        if cs
            .iter()
            .any(|c| c.iter().any(|w| w == "install" || w == "in"))
            && !cs
                .iter()
                .any(|c| c.iter().any(|w| w == "clean" || w == "cc"))
        {
            out.emit(i.line, "zypper install without zypper clean");
        }
    }
}
