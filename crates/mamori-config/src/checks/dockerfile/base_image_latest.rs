//! ## What it does
//! Reports `FROM` images with the `latest` tag or no tag and no digest (build stages and
//! `scratch` excepted).
//!
//! ## Why is this bad?
//! Builds are not reproducible and silently pick up new, possibly broken or compromised,
//! base images.
//!
//! ## Example
//! ```dockerfile
//! FROM python:latest
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM python:3.12-slim
//! ```
//!
//! ## Remediation
//! Pin a version tag (and ideally a digest).
//!
//! ## References
//! - Checkov: `CKV_DOCKER_7`
//! - Trivy: `DS-0001`
//! - MITRE ATT&CK: [T1195.002](https://attack.mitre.org/techniques/T1195/002/)
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-006",
    name: "base_image_latest",
    group: "dockerfile",
    title: "Base image uses latest or no tag",
    severity: Medium,
    attack: ["T1195.002"],
    refs: { checkov: ["CKV_DOCKER_7"], trivy: ["DS-0001"], hadolint: ["DL3007"] },
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    for s in &df.stages {
        if s.base == "scratch" || df.is_stage_name(&s.base) || s.base.contains('$') {
            continue;
        }
        let r = parse_image(&s.base);
        if r.digest.is_none() && r.tag.as_deref().is_none_or(|t| t == "latest") {
            out.emit(
                s.line,
                format!("base image {:?} uses the latest tag", s.base),
            );
        }
    }
}
