//! ## What it does
//! Reports the `MAINTAINER` instruction.
//!
//! ## Why is this bad?
//! It is deprecated and not part of the OCI image spec; tools ignore it.
//!
//! ## Example
//! ```dockerfile
//! FROM alpine:3.20
//! MAINTAINER ops@example.com
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM alpine:3.20
//! LABEL org.opencontainers.image.authors="ops@example.com"
//! ```
//!
//! ## Remediation
//! Use `LABEL org.opencontainers.image.authors=…`.
//!
//! ## References
//! - Checkov: `CKV_DOCKER_6`
//! - Trivy: `DS-0022`
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-030",
    name: "maintainer_deprecated",
    group: "dockerfile",
    title: "MAINTAINER is deprecated",
    severity: Low,
    attack: [],
    refs: { checkov: ["CKV_DOCKER_6"], trivy: ["DS-0022"], hadolint: ["DL4000"] },
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    for i in df.instructions.iter().filter(|i| i.keyword == "MAINTAINER") {
        out.emit(i.line, "MAINTAINER is deprecated");
    }
}
