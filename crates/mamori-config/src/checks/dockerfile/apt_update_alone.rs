//! ## What it does
//! Reports RUN instructions that only run `apt-get update` (or `apk update`, `yum
//! makecache`) without installing in the same instruction.
//!
//! ## Why is this bad?
//! The update layer is cached; later installs use a stale index and miss security fixes.
//!
//! ## Example
//! ```dockerfile
//! FROM debian:12
//! RUN apt-get update
//! RUN apt-get install -y --no-install-recommends curl
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM debian:12
//! RUN apt-get update && apt-get install -y --no-install-recommends curl
//! ```
//!
//! ## Remediation
//! Update and install in one RUN.
//!
//! ## References
//! - Trivy: `DS-0017`
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-011",
    name: "apt_update_alone",
    group: "dockerfile",
    title: "Package index update in its own layer",
    severity: Low,
    attack: [],
    refs: { trivy: ["DS-0017"], cis_docker: ["4.7"] },
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    for (i, text) in runs(df) {
        let cmds = shell_commands(&text);
        let _ = &cmds;
        let updates = cmds.iter().any(|c| {
            matches!(
                c.iter().map(String::as_str).collect::<Vec<_>>()[..],
                ["apt-get", "update", ..] | ["apt", "update", ..] | ["apk", "update", ..]
            )
        });
        let installs = cmds
            .iter()
            .any(|c| c.iter().any(|w| w == "install" || w == "add"));
        if updates && !installs {
            out.emit(
                i.line,
                "package index update without install in the same RUN",
            );
        }
    }
}
