//! ## What it does
//! Reports images without a `Healthcheck` in their configuration (or with one
//! that is explicitly disabled, `NONE`).
//!
//! ## Why is this bad?
//! Without a health check, Docker and Swarm cannot tell a hung service from a
//! working one, so a wedged or hijacked process keeps receiving traffic.
//! (Kubernetes ignores image health checks and uses probes instead.)
//!
//! ## Example
//! ```json
//! "Config": { "Cmd": ["/app/server"] }
//! ```
//!
//! Use instead:
//! ```json
//! "Config": { "Healthcheck": { "Test": ["CMD", "/app/server", "--health"] } }
//! ```
//!
//! ## Remediation
//! Add `HEALTHCHECK CMD …` to the Dockerfile (or define probes when the image
//! only runs on Kubernetes, and disable this check).
//!
//! ## References
//! - MITRE ATT&CK: [T1499](https://attack.mitre.org/techniques/T1499/) (as MAM-DF-026)
//! - Checkov: `CKV_DOCKER_2` (Dockerfile form)
//! - Trivy: `DS-0026` (Dockerfile form)
//! - <https://docs.docker.com/reference/dockerfile/#healthcheck>

use crate::checks::prelude::*;
use crate::image::{ImageFacts, ImageOut};

check! {
    id: "MAM-IMG-002",
    name: "healthcheck_missing",
    group: "image",
    title: "Image has no HEALTHCHECK",
    severity: Low,
    attack: ["T1499"],
    refs: { checkov: ["CKV_DOCKER_2"], trivy: ["DS-0026"], cis_docker: ["4.6"] },
    run: Image(run),
}

fn run(facts: &ImageFacts, out: &mut ImageOut) {
    match &facts.healthcheck {
        None => out.emit("config.Healthcheck", None, "no HEALTHCHECK is defined"),
        Some(t) if t.first().is_some_and(|s| s.eq_ignore_ascii_case("NONE")) => {
            out.emit("config.Healthcheck", None, "HEALTHCHECK is disabled (NONE)")
        }
        Some(t) if t.is_empty() => out.emit("config.Healthcheck", None, "HEALTHCHECK has no test"),
        Some(_) => {}
    }
}
