//! ## What it does
//! Reports build stages with more than one `HEALTHCHECK`.
//!
//! ## Why is this bad?
//! Only the last `HEALTHCHECK` takes effect; earlier ones are dead code that misleads
//! reviewers.
//!
//! ## Example
//! ```dockerfile
//! FROM alpine:3.20
//! HEALTHCHECK CMD /a
//! HEALTHCHECK CMD /b
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM alpine:3.20
//! HEALTHCHECK CMD /b
//! ```
//!
//! ## Remediation
//! Keep a single `HEALTHCHECK` per stage.
//!
//! ## References
//! - Trivy: `DS-0023`
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-035",
    name: "multiple_healthcheck",
    group: "dockerfile",
    title: "Multiple HEALTHCHECK instructions",
    severity: Low,
    attack: [],
    refs: { trivy: ["DS-0023"], hadolint: ["DL3012"] },
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    let mut seen: Vec<usize> = Vec::new();
    for i in df
        .instructions
        .iter()
        .filter(|i| i.keyword == "HEALTHCHECK")
    {
        if seen.contains(&i.stage) {
            out.emit(i.line, "stage has more than one HEALTHCHECK");
        }
        seen.push(i.stage);
    }
}
