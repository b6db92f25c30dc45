//! ## What it does
//! Reports `WORKDIR` with a relative path (variables excepted).
//!
//! ## Why is this bad?
//! A relative WORKDIR depends on every previous WORKDIR, making the resulting path easy to
//! get wrong.
//!
//! ## Example
//! ```dockerfile
//! FROM alpine:3.20
//! WORKDIR app
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM alpine:3.20
//! WORKDIR /app
//! ```
//!
//! ## Remediation
//! Use an absolute path.
//!
//! ## References
//! - Checkov: `CKV_DOCKER_10`
//! - Trivy: `DS-0009`
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-031",
    name: "workdir_relative",
    group: "dockerfile",
    title: "Relative WORKDIR",
    severity: Low,
    attack: [],
    refs: { checkov: ["CKV_DOCKER_10"], trivy: ["DS-0009"], hadolint: ["DL3000"] },
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    for i in df.instructions.iter().filter(|i| i.keyword == "WORKDIR") {
        let p = i.args.trim().trim_matches('"');
        let windows_abs = p.len() > 2 && p.as_bytes()[1] == b':';
        if !p.starts_with('/') && !p.starts_with('$') && !windows_abs {
            out.emit(i.line, format!("WORKDIR {p:?} is relative"));
        }
    }
}
