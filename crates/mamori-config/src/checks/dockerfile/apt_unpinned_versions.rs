//! ## What it does
//! Reports `apt-get install` package arguments without `=version`.
//!
//! ## Why is this bad?
//! Unpinned installs make rebuilds produce different images and hide when a package
//! changed.
//!
//! ## Example
//! ```dockerfile
//! FROM debian:12
//! RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM debian:12
//! RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 && rm -rf /var/lib/apt/lists/*
//! ```
//!
//! ## Remediation
//! Pin versions (`pkg=1.2.3-1`), and update them deliberately.
//!
//! ## References
//! - MITRE ATT&CK: [T1195.001](https://attack.mitre.org/techniques/T1195/001/)
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-045",
    name: "apt_unpinned_versions",
    group: "dockerfile",
    title: "apt packages not version-pinned",
    severity: Low,
    attack: ["T1195.001"],
    refs: { hadolint: ["DL3008"] },
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    for (i, text) in runs(df) {
        let cmds = shell_commands(&text);
        let _ = &cmds;
        for c in commands_of(&cmds, "apt-get") {
            if let Some(pos) = c.iter().position(|w| w == "install") {
                let unpinned: Vec<&str> = c[pos + 1..]
                    .iter()
                    .filter(|w| !w.starts_with('-') && !w.contains('=') && !w.ends_with(".deb"))
                    .map(String::as_str)
                    .collect();
                if !unpinned.is_empty() {
                    out.emit(
                        i.line,
                        format!(
                            "apt-get install of unpinned packages {}",
                            unpinned.join(" ")
                        ),
                    );
                }
            }
        }
    }
}
