//! ## What it does
//! Reports `FROM … AS name` where the name was already used by an earlier stage.
//!
//! ## Why is this bad?
//! `COPY --from=name` then refers to a different stage than the reader expects.
//!
//! ## Example
//! ```dockerfile
//! FROM golang:1.22 AS build
//! FROM golang:1.22 AS build
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM golang:1.22 AS build
//! FROM golang:1.22 AS test
//! ```
//!
//! ## Remediation
//! Give each stage a unique name.
//!
//! ## References
//! - Trivy: `DS-0012`
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-036",
    name: "duplicate_stage_name",
    group: "dockerfile",
    title: "Duplicate build stage name",
    severity: Low,
    attack: [],
    refs: { trivy: ["DS-0012"], hadolint: ["DL3024"] },
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    let mut names: Vec<&str> = Vec::new();
    for s in &df.stages {
        if let Some(n) = s.name.as_deref() {
            if names.contains(&n) {
                out.emit(s.line, format!("stage name {n:?} is used twice"));
            }
            names.push(n);
        }
    }
}
