//! ## What it does
//! Reports `ADD` instructions whose sources are local paths (not URLs, git references or
//! archives meant for extraction).
//!
//! ## Why is this bad?
//! `ADD` silently extracts archives and fetches URLs; using it for plain files hides that
//! behaviour from reviewers. `COPY` does only what it says.
//!
//! ## Example
//! ```dockerfile
//! FROM alpine:3.20
//! ADD app.py /app/
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM alpine:3.20
//! COPY app.py /app/
//! ```
//!
//! ## Remediation
//! Use `COPY`.
//!
//! ## References
//! - Checkov: `CKV_DOCKER_4`
//! - Trivy: `DS-0005`
//! - MITRE ATT&CK: [T1105](https://attack.mitre.org/techniques/T1105/)
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-003",
    name: "add_instead_of_copy",
    group: "dockerfile",
    title: "ADD used for local files",
    severity: Low,
    attack: ["T1105"],
    refs: { checkov: ["CKV_DOCKER_4"], trivy: ["DS-0005"], hadolint: ["DL3020"], cis_docker: ["4.9"] },
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    for i in df.instructions.iter().filter(|i| i.keyword == "ADD") {
        let words: Vec<String> = match &i.json {
            Some(v) => v.clone(),
            None => i.args.split_whitespace().map(str::to_string).collect(),
        };
        let srcs = &words[..words.len().saturating_sub(1)];
        let archive = |s: &str| {
            [".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz", ".tar.zst"]
                .iter()
                .any(|e| s.ends_with(e))
        };
        let remote = |s: &str| s.contains("://") || s.starts_with("git@");
        if !srcs.is_empty()
            && i.heredocs.is_empty()
            && srcs.iter().all(|s| !remote(s) && !archive(s))
        {
            out.emit(
                i.line,
                format!("ADD {} copies local files; use COPY", srcs.join(" ")),
            );
        }
    }
}
