//! ## What it does
//! Reports build stages with more than one `CMD`.
//!
//! ## Why is this bad?
//! Only the last `CMD` takes effect; earlier ones are dead code that misleads reviewers.
//!
//! ## Example
//! ```dockerfile
//! FROM alpine:3.20
//! CMD ["/a"]
//! CMD ["/b"]
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM alpine:3.20
//! CMD ["/b"]
//! ```
//!
//! ## Remediation
//! Keep a single `CMD` per stage.
//!
//! ## References
//! - Trivy: `DS-0016`
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-033",
    name: "multiple_cmd",
    group: "dockerfile",
    title: "Multiple CMD instructions",
    severity: Low,
    attack: [],
    refs: { trivy: ["DS-0016"], hadolint: ["DL4003"] },
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    let mut seen: Vec<usize> = Vec::new();
    for i in df.instructions.iter().filter(|i| i.keyword == "CMD") {
        if seen.contains(&i.stage) {
            out.emit(i.line, "stage has more than one CMD");
        }
        seen.push(i.stage);
    }
}
