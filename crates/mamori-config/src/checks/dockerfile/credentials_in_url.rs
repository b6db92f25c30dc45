//! ## What it does
//! Reports `scheme://user:password@host` URLs in RUN, ADD, ENV and ARG instructions.
//!
//! ## Why is this bad?
//! The credential is stored in the Dockerfile, the build history and possibly the image.
//!
//! ## Example
//! ```dockerfile
//! FROM alpine:3.20
//! RUN git clone https://deploy:s3cr3t@git.example.com/app.git
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM alpine:3.20
//! RUN --mount=type=secret,id=gitcreds git clone https://git.example.com/app.git
//! ```
//!
//! ## Remediation
//! Use a BuildKit secret or SSH mount.
//!
//! ## References
//! - MITRE ATT&CK: [T1552.001](https://attack.mitre.org/techniques/T1552/001/)
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-040",
    name: "credentials_in_url",
    group: "dockerfile",
    title: "Credentials embedded in a URL",
    severity: High,
    attack: ["T1552.001"],
    refs: { cis_docker: ["4.10"] },
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    for i in df
        .instructions
        .iter()
        .filter(|i| matches!(i.keyword.as_str(), "RUN" | "ADD" | "ENV" | "ARG"))
    {
        let t = i.command_text();
        for (pos, _) in t.match_indices("://") {
            let rest = &t[pos + 3..];
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '/' || c == '"' || c == '\'')
                .unwrap_or(rest.len());
            let authority = &rest[..end];
            if let Some((userinfo, _)) = authority.rsplit_once('@') {
                if userinfo.contains(':') && !userinfo.ends_with(':') && !userinfo.contains('$') {
                    out.emit(
                        i.line,
                        format!("{} contains credentials in a url", i.keyword),
                    );
                }
            }
        }
    }
}
