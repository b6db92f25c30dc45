//! ## What it does
//! Reports `curl`/`wget` fetching an `http://` URL.
//!
//! ## Why is this bad?
//! Clear-text downloads can be modified in transit.
//!
//! ## Example
//! ```dockerfile
//! FROM debian:12
//! RUN wget http://example.com/tool.tar.gz
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM debian:12
//! RUN wget https://example.com/tool.tar.gz
//! ```
//!
//! ## Remediation
//! Use HTTPS and verify a checksum.
//!
//! ## References
//! - MITRE ATT&CK: [T1557](https://attack.mitre.org/techniques/T1557/)
//! - MITRE ATT&CK: [T1105](https://attack.mitre.org/techniques/T1105/)
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-023",
    name: "plain_http_download",
    group: "dockerfile",
    title: "Download over plain HTTP",
    severity: Medium,
    attack: ["T1557", "T1105"],
    refs: { cis_docker: ["4.11"] },
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    for (i, text) in runs(df) {
        let cmds = shell_commands(&text);
        let _ = &cmds;
        for prog in ["curl", "wget"] {
            for c in commands_of(&cmds, prog) {
                if c.iter().any(|w| {
                    w.starts_with("http://")
                        && !w.starts_with("http://localhost")
                        && !w.starts_with("http://127.0.0.1")
                }) {
                    out.emit(i.line, format!("{prog} downloads over plain http"));
                }
            }
        }
    }
}
