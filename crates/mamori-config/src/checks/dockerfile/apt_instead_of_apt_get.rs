//! ## What it does
//! Reports the interactive `apt` front end in RUN instructions.
//!
//! ## Why is this bad?
//! `apt` has no stable command-line interface and warns about it; scripts should use `apt-
//! get`.
//!
//! ## Example
//! ```dockerfile
//! FROM debian:12
//! RUN apt update && apt install -y curl
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM debian:12
//! RUN apt-get update && apt-get install -y curl
//! ```
//!
//! ## Remediation
//! Use `apt-get`.
//!
//! ## References
//! - Checkov: `CKV_DOCKER_9`
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-013",
    name: "apt_instead_of_apt_get",
    group: "dockerfile",
    title: "apt used in a Dockerfile",
    severity: Low,
    attack: [],
    refs: { checkov: ["CKV_DOCKER_9"], hadolint: ["DL3027"] },
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    for (i, text) in runs(df) {
        let cmds = shell_commands(&text);
        let _ = &cmds;
        if !commands_of(&cmds, "apt").is_empty() {
            out.emit(i.line, "RUN uses apt instead of apt-get");
        }
    }
}
