//! ## What it does
//! Reports `FROM` images without an `@sha256:` digest (build stages, `scratch` and
//! variables excepted).
//!
//! ## Why is this bad?
//! Tags move; a digest guarantees the base layer is the one that was reviewed and scanned.
//!
//! ## Example
//! ```dockerfile
//! FROM python:3.12-slim
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM python:3.12-slim@sha256:2b0079146a74e23bf4ae8f6a28e1b484c6292f6fb904cbb51825b4a19812fcd8
//! ```
//!
//! ## Remediation
//! Append `@sha256:<digest>` and let a bot update it.
//!
//! ## References
//! - MITRE ATT&CK: [T1195.002](https://attack.mitre.org/techniques/T1195/002/)
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-007",
    name: "base_image_no_digest",
    group: "dockerfile",
    title: "Base image not pinned by digest",
    severity: Low,
    attack: ["T1195.002"],
    refs: {},
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    for s in &df.stages {
        if s.base == "scratch" || df.is_stage_name(&s.base) || s.base.contains('$') {
            continue;
        }
        if parse_image(&s.base).digest.is_none() {
            out.emit(
                s.line,
                format!("base image {:?} is not pinned by digest", s.base),
            );
        }
    }
}
