//! ## What it does
//! Reports package manager options that skip signature verification:
//! `--allow-unauthenticated`, `--allow-insecure-repositories`, `--force-yes`,
//! `--nogpgcheck`, `--no-gpg-checks`, `--allow-untrusted`, `--trusted-host`,
//! and rpm's `--nosignature`, `--nodigest`, `--noverify`, `--nofiledigest`.
//!
//! ## Why is this bad?
//! Unsigned or unverified packages can be swapped by anyone on the network path or
//! controlling a mirror.
//!
//! ## Example
//! ```dockerfile
//! FROM debian:12
//! RUN apt-get update && apt-get install -y --allow-unauthenticated curl
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM debian:12
//! RUN apt-get update && apt-get install -y curl
//! ```
//!
//! ## Remediation
//! Remove the option and fix the repository's key configuration.
//!
//! ## References
//! - MITRE ATT&CK: [T1195.002](https://attack.mitre.org/techniques/T1195/002/)
//! - MITRE ATT&CK: [T1553](https://attack.mitre.org/techniques/T1553/)
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-021",
    name: "package_signature_bypass",
    group: "dockerfile",
    title: "Package signature checks disabled",
    severity: High,
    attack: ["T1195.002", "T1553"],
    refs: { checkov: ["CKV2_DOCKER_4", "CKV2_DOCKER_7", "CKV2_DOCKER_8", "CKV2_DOCKER_9", "CKV2_DOCKER_10", "CKV2_DOCKER_11"], cis_docker: ["4.11"] },
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    for (i, text) in runs(df) {
        let cmds = shell_commands(&text);
        let _ = &cmds;
        const BAD: &[&str] = &[
            "--allow-unauthenticated",
            "--allow-insecure-repositories",
            "--force-yes",
            "--nogpgcheck",
            "--no-gpg-checks",
            "--allow-untrusted",
            "--trusted-host",
        ];
        for c in commands_of(&cmds, "rpm") {
            const RPM: &[&str] = &[
                "--nosignature",
                "--nodigest",
                "--noverify",
                "--nofiledigest",
            ];
            if let Some(w) = c.iter().find(|w| RPM.contains(&w.as_str())) {
                out.emit(
                    i.line,
                    format!("RUN disables package signature checks ({w})"),
                );
            }
        }
        for c in &cmds {
            if let Some(w) = c.iter().find(|w| {
                BAD.iter()
                    .any(|b| *w == b || w.starts_with(&format!("{b}=")))
            }) {
                out.emit(
                    i.line,
                    format!("RUN disables package signature checks ({w})"),
                );
            }
        }
    }
}
