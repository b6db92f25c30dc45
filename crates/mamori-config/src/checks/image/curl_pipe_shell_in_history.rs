//! ## What it does
//! Reports build steps in the image history that pipe a download straight into
//! a shell (`curl … | sh`, `wget -O- … | bash`).
//!
//! ## Why is this bad?
//! The script runs as whatever user the build step has (usually root) without
//! anyone having seen or verified it; a compromised or spoofed server gets code
//! execution in the build and a foothold in the image.
//!
//! ## Example
//! ```text
//! history[5]: RUN /bin/sh -c curl -fsSL https://get.example.com | sh # buildkit
//! ```
//!
//! Use instead:
//! ```dockerfile
//! RUN curl -fsSLo install.sh https://get.example.com \
//!  && echo "3f1c…  install.sh" | sha256sum -c - && sh install.sh
//! ```
//!
//! ## Remediation
//! Download to a file, verify its checksum or signature, then run it — or
//! install from a package repository with signed metadata.
//!
//! ## References
//! - MITRE ATT&CK: [T1105](https://attack.mitre.org/techniques/T1105/), [T1059.004](https://attack.mitre.org/techniques/T1059/004/)

use crate::checks::prelude::*;
use crate::image::{ImageFacts, ImageOut};

check! {
    id: "MAM-IMG-006",
    name: "curl_pipe_shell_in_history",
    group: "image",
    title: "Build history pipes a download into a shell",
    severity: High,
    attack: ["T1105", "T1059.004"],
    refs: { cis_docker: ["4.11"] },
    run: Image(run),
}

const SHELLS: &[&str] = &["sh", "bash", "zsh", "dash", "ash", "ksh"];

fn pipes_download_to_shell(cmd: &str) -> bool {
    // Split on command separators; within each command look at the pipeline.
    cmd.split([';', '&', '\n']).any(|part| {
        let stages: Vec<&str> = part.split('|').map(str::trim).collect();
        stages.windows(2).any(|w| {
            let first = w[0].split_whitespace().next().unwrap_or("");
            let downloads = w[0]
                .split_whitespace()
                .any(|x| matches!(x.rsplit('/').next(), Some("curl" | "wget")))
                || matches!(first.rsplit('/').next(), Some("curl" | "wget"));
            let mut next = w[1].split_whitespace();
            let mut exe = next.next().unwrap_or("");
            if exe == "sudo" || exe == "env" {
                exe = next.find(|x| !x.starts_with('-')).unwrap_or("");
            }
            downloads && SHELLS.contains(&exe.rsplit('/').next().unwrap_or(""))
        })
    })
}

fn run(facts: &ImageFacts, out: &mut ImageOut) {
    for (i, step) in facts.history.iter().enumerate() {
        if pipes_download_to_shell(&step.created_by) {
            out.emit(
                format!("history[{i}]"),
                step.layer.as_deref(),
                "a download is piped into a shell",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::pipes_download_to_shell as p;

    #[test]
    fn pipelines() {
        assert!(p("/bin/sh -c curl -fsSL https://x.example | sh"));
        assert!(p(
            "RUN /bin/sh -c wget -qO- https://x.example/i.sh | sudo bash -s -- -y # buildkit"
        ));
        assert!(p("apt-get update && curl -s https://x | /bin/bash"));
        assert!(!p("curl -fsSLo /tmp/x https://x && sh /tmp/x"));
        assert!(!p("curl https://x | tar xz -C /opt"));
        assert!(!p("echo hi | sh"));
    }
}
