//! ## What it does
//! Reports build stages with more than one `ENTRYPOINT`.
//!
//! ## Why is this bad?
//! Only the last `ENTRYPOINT` takes effect; earlier ones are dead code that misleads
//! reviewers.
//!
//! ## Example
//! ```dockerfile
//! FROM alpine:3.20
//! ENTRYPOINT ["/a"]
//! ENTRYPOINT ["/b"]
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM alpine:3.20
//! ENTRYPOINT ["/b"]
//! ```
//!
//! ## Remediation
//! Keep a single `ENTRYPOINT` per stage.
//!
//! ## References
//! - Trivy: `DS-0007`
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-034",
    name: "multiple_entrypoint",
    group: "dockerfile",
    title: "Multiple ENTRYPOINT instructions",
    severity: Low,
    attack: [],
    refs: { trivy: ["DS-0007"], hadolint: ["DL4004"] },
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    let mut seen: Vec<usize> = Vec::new();
    for i in df.instructions.iter().filter(|i| i.keyword == "ENTRYPOINT") {
        if seen.contains(&i.stage) {
            out.emit(i.line, "stage has more than one ENTRYPOINT");
        }
        seen.push(i.stage);
    }
}
