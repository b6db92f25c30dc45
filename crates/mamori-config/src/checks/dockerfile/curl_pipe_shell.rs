//! ## What it does
//! Reports RUN instructions that pipe `curl` or `wget` output into `sh`, `bash` or another
//! interpreter.
//!
//! ## Why is this bad?
//! The script is executed unverified; a compromised server, DNS or mirror turns the build
//! into arbitrary code execution, and the content can differ per request.
//!
//! ## Example
//! ```dockerfile
//! FROM debian:12
//! RUN curl -fsSL https://get.example.com/install.sh | sh
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM debian:12
//! COPY install.sh /tmp/install.sh
//! RUN sha256sum -c /tmp/install.sh.sha256 && sh /tmp/install.sh
//! ```
//!
//! ## Remediation
//! Download to a file, verify a checksum or signature, then run it.
//!
//! ## References
//! - MITRE ATT&CK: [T1059.004](https://attack.mitre.org/techniques/T1059/004/)
//! - MITRE ATT&CK: [T1105](https://attack.mitre.org/techniques/T1105/)
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-005",
    name: "curl_pipe_shell",
    group: "dockerfile",
    title: "Remote script piped into a shell",
    severity: High,
    attack: ["T1059.004", "T1105"],
    refs: { cis_docker: ["4.11"] },
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    for (i, text) in runs(df) {
        let cmds = shell_commands(&text);
        let _ = &cmds;
        let t = text.replace('\n', " ");
        let fetch = t.find("curl ").or_else(|| t.find("wget "));
        if let Some(pos) = fetch {
            let after = &t[pos..];
            if let Some(pipe) = after.find('|') {
                let target = after[pipe + 1..]
                    .trim_start()
                    .trim_start_matches("sudo ")
                    .trim_start();
                let prog = target
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .rsplit('/')
                    .next()
                    .unwrap_or("");
                if matches!(
                    prog,
                    "sh" | "bash"
                        | "zsh"
                        | "dash"
                        | "ash"
                        | "ksh"
                        | "python"
                        | "python3"
                        | "perl"
                        | "ruby"
                        | "node"
                ) {
                    out.emit(i.line, format!("RUN pipes a download into {prog}"));
                }
            }
        }
    }
}
