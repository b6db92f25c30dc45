//! ## What it does
//! Reports `COPY --from=X` inside the stage named X.
//!
//! ## Why is this bad?
//! A stage cannot copy from itself; the build fails or resolves X to an image of the same
//! name.
//!
//! ## Example
//! ```dockerfile
//! FROM golang:1.22 AS build
//! COPY --from=build /src /src
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM golang:1.22 AS build
//! RUN go build -o /app
//! FROM alpine:3.20
//! COPY --from=build /app /app
//! ```
//!
//! ## Remediation
//! Copy from an earlier stage.
//!
//! ## References
//! - Trivy: `DS-0006`
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-037",
    name: "copy_from_own_stage",
    group: "dockerfile",
    title: "COPY --from refers to its own stage",
    severity: Low,
    attack: [],
    refs: { trivy: ["DS-0006"], hadolint: ["DL3023"] },
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    for i in df.instructions.iter().filter(|i| i.keyword == "COPY") {
        if let (Some(from), Some(stage)) = (i.flag("from"), df.stages.get(i.stage)) {
            if stage.name.as_deref() == Some(from.to_ascii_lowercase().as_str()) {
                out.emit(
                    i.line,
                    format!("COPY --from={from} refers to its own stage"),
                );
            }
        }
    }
}
