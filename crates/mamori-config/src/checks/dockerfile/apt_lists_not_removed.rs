//! ## What it does
//! Reports RUN instructions that run `apt-get install` but do not remove
//! `/var/lib/apt/lists` in the same instruction.
//!
//! ## Why is this bad?
//! The package index stays in the layer: tens of megabytes and stale metadata that scanners
//! and attackers can use.
//!
//! ## Example
//! ```dockerfile
//! FROM debian:12
//! RUN apt-get update && apt-get install -y --no-install-recommends curl
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM debian:12
//! RUN apt-get update && apt-get install -y --no-install-recommends curl \
//!  && rm -rf /var/lib/apt/lists/*
//! ```
//!
//! ## Remediation
//! Finish with `rm -rf /var/lib/apt/lists/*`.
//!
//! ## References
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-010",
    name: "apt_lists_not_removed",
    group: "dockerfile",
    title: "apt lists left in the image",
    severity: Low,
    attack: [],
    refs: { hadolint: ["DL3009"] },
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    for (i, text) in runs(df) {
        let cmds = shell_commands(&text);
        let _ = &cmds;
        let installs = commands_of(&cmds, "apt-get")
            .iter()
            .any(|c| c.iter().any(|w| w == "install"));
        if installs
            && !text.contains("/var/lib/apt/lists")
            && !i.flags.iter().any(|f| f.contains("type=cache"))
        {
            out.emit(
                i.line,
                "apt-get install without removing /var/lib/apt/lists",
            );
        }
    }
}
