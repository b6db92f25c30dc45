//! ## What it does
//! Reports `chpasswd` and `passwd --stdin` fed from the command line, and
//! `useradd`/`usermod` with `-p`.
//!
//! ## Why is this bad?
//! The password is in the Dockerfile and the image history, and the account it unlocks
//! exists in every container.
//!
//! ## Example
//! ```dockerfile
//! FROM debian:12
//! RUN echo 'root:toor' | chpasswd
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM debian:12
//! RUN useradd --uid 10001 --no-create-home app
//! ```
//!
//! ## Remediation
//! Do not create password logins in images.
//!
//! ## References
//! - MITRE ATT&CK: [T1552.001](https://attack.mitre.org/techniques/T1552/001/)
//! - MITRE ATT&CK: [T1078.003](https://attack.mitre.org/techniques/T1078/003/)
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-042",
    name: "hardcoded_password_set",
    group: "dockerfile",
    title: "Password set in a RUN instruction",
    severity: High,
    attack: ["T1552.001", "T1078.003"],
    refs: { checkov: ["CKV2_DOCKER_17"], cis_docker: ["4.10"] },
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    for (i, text) in runs(df) {
        let cmds = shell_commands(&text);
        let _ = &cmds;
        let sets = !commands_of(&cmds, "chpasswd").is_empty()
            || commands_of(&cmds, "passwd")
                .iter()
                .any(|c| c.iter().any(|w| w == "--stdin"))
            || ["useradd", "usermod"].iter().any(|p| {
                commands_of(&cmds, p)
                    .iter()
                    .any(|c| c.iter().any(|w| w == "-p" || w.starts_with("--password")))
            });
        if sets {
            out.emit(i.line, "RUN sets an account password");
        }
    }
}
