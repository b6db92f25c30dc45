//! ## What it does
//! Reports RUN instructions that call `sudo`.
//!
//! ## Why is this bad?
//! Builds already run as the current `USER`; sudo in an image means a setuid binary and a
//! sudoers policy remain in it as an escalation path.
//!
//! ## Example
//! ```dockerfile
//! FROM debian:12
//! USER app
//! RUN sudo apt-get update
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM debian:12
//! RUN apt-get update
//! USER app
//! ```
//!
//! ## Remediation
//! Run privileged steps before switching `USER`.
//!
//! ## References
//! - Trivy: `DS-0010`
//! - MITRE ATT&CK: [T1548.003](https://attack.mitre.org/techniques/T1548/003/)
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-027",
    name: "sudo_usage",
    group: "dockerfile",
    title: "sudo in RUN",
    severity: Medium,
    attack: ["T1548.003"],
    refs: { checkov: ["CKV2_DOCKER_1"], trivy: ["DS-0010"], hadolint: ["DL3004"] },
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    for (i, text) in runs(df) {
        let cmds = shell_commands(&text);
        let _ = &cmds;
        if cmds.iter().any(|c| c.first().is_some_and(|w| w == "sudo")) {
            out.emit(i.line, "RUN uses sudo");
        }
    }
}
