//! ## What it does
//! Reports COPY/ADD sources that look like private keys or credential stores: `id_rsa`,
//! `id_ed25519`, `.ssh`, `.aws`, `.docker/config.json`, `.npmrc`, `.pypirc`, `.netrc`,
//! `.env`, `*.pem`, `*.key`.
//!
//! ## Why is this bad?
//! Anyone who can pull the image can extract the file from its layer, even if a later step
//! deletes it.
//!
//! ## Example
//! ```dockerfile
//! FROM alpine:3.20
//! COPY id_rsa /root/.ssh/id_rsa
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM alpine:3.20
//! RUN --mount=type=ssh git clone git@git.example.com:app.git
//! ```
//!
//! ## Remediation
//! Use BuildKit secret/SSH mounts, and list such files in `.dockerignore`.
//!
//! ## References
//! - MITRE ATT&CK: [T1552.004](https://attack.mitre.org/techniques/T1552/004/)
//! - MITRE ATT&CK: [T1552.001](https://attack.mitre.org/techniques/T1552/001/)
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-041",
    name: "copy_sensitive_files",
    group: "dockerfile",
    title: "Sensitive files copied into the image",
    severity: High,
    attack: ["T1552.004", "T1552.001"],
    refs: {},
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    const NAMES: &[&str] = &[
        "id_rsa",
        "id_dsa",
        "id_ecdsa",
        "id_ed25519",
        ".ssh",
        ".aws",
        ".npmrc",
        ".pypirc",
        ".netrc",
        ".env",
        ".git-credentials",
    ];
    for i in df
        .instructions
        .iter()
        .filter(|i| i.keyword == "COPY" || i.keyword == "ADD")
    {
        let words: Vec<String> = match &i.json {
            Some(v) => v.clone(),
            None => i.args.split_whitespace().map(str::to_string).collect(),
        };
        for src in &words[..words.len().saturating_sub(1)] {
            let base = src.trim_end_matches('/').rsplit('/').next().unwrap_or(src);
            let sensitive = NAMES.contains(&base)
                || base.ends_with(".pem")
                || base.ends_with(".key")
                || src.ends_with(".docker/config.json");
            if sensitive {
                out.emit(
                    i.line,
                    format!("{} copies sensitive file {src:?}", i.keyword),
                );
            }
        }
    }
}
