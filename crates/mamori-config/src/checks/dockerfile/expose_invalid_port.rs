//! ## What it does
//! Reports `EXPOSE` ports outside 0–65535.
//!
//! ## Why is this bad?
//! The build fails or the metadata is wrong; it usually hides a typo.
//!
//! ## Example
//! ```dockerfile
//! FROM debian:12
//! EXPOSE 80800
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM debian:12
//! EXPOSE 8080
//! ```
//!
//! ## Remediation
//! Fix the port number.
//!
//! ## References
//! - Trivy: `DS-0008`
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-029",
    name: "expose_invalid_port",
    group: "dockerfile",
    title: "EXPOSE port out of range",
    severity: Low,
    attack: [],
    refs: { trivy: ["DS-0008"], hadolint: ["DL3011"] },
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    for i in df.instructions.iter().filter(|i| i.keyword == "EXPOSE") {
        for p in i.args.split_whitespace() {
            let num = p.split('/').next().unwrap_or("");
            for part in num.split('-') {
                if part.chars().all(|c| c.is_ascii_digit())
                    && !part.is_empty()
                    && part.parse::<u32>().map_or(true, |n| n > 65535)
                {
                    out.emit(i.line, format!("EXPOSE port {part} is out of range"));
                }
            }
        }
    }
}
