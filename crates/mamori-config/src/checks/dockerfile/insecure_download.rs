//! ## What it does
//! Reports `curl -k`/`--insecure` and `wget --no-check-certificate`.
//!
//! ## Why is this bad?
//! Without certificate verification a man in the middle can substitute the download.
//!
//! ## Example
//! ```dockerfile
//! FROM debian:12
//! RUN curl -k -o /tmp/tool https://example.com/tool
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM debian:12
//! RUN curl -fsSL -o /tmp/tool https://example.com/tool
//! ```
//!
//! ## Remediation
//! Fix the CA bundle instead of disabling verification.
//!
//! ## References
//! - MITRE ATT&CK: [T1557](https://attack.mitre.org/techniques/T1557/)
//! - MITRE ATT&CK: [T1105](https://attack.mitre.org/techniques/T1105/)
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-022",
    name: "insecure_download",
    group: "dockerfile",
    title: "TLS verification disabled for a download",
    severity: High,
    attack: ["T1557", "T1105"],
    refs: { checkov: ["CKV2_DOCKER_2", "CKV2_DOCKER_3"], cis_docker: ["4.11"] },
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    for (i, text) in runs(df) {
        let cmds = shell_commands(&text);
        let _ = &cmds;
        for c in commands_of(&cmds, "curl") {
            if has_flag(c, &["--insecure"], Some('k')) {
                out.emit(i.line, "curl with certificate verification disabled");
            }
        }
        for c in commands_of(&cmds, "wget") {
            if c.iter().any(|w| w == "--no-check-certificate") {
                out.emit(i.line, "wget with certificate verification disabled");
            }
        }
    }
}
