//! ## What it does
//! Reports `apk upgrade`.
//!
//! ## Why is this bad?
//! Results depend on the build date and bypass the base image's tested package set; pin a
//! newer base image instead.
//!
//! ## Example
//! ```dockerfile
//! FROM alpine:3.20
//! RUN apk upgrade --no-cache
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM alpine:3.20.3
//! RUN apk add --no-cache curl
//! ```
//!
//! ## Remediation
//! Use a newer base image.
//!
//! ## References
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-015",
    name: "apk_upgrade",
    group: "dockerfile",
    title: "apk upgrade in the image build",
    severity: Low,
    attack: [],
    refs: {},
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    for (i, text) in runs(df) {
        let cmds = shell_commands(&text);
        let _ = &cmds;
        for c in commands_of(&cmds, "apk") {
            if c.get(1).is_some_and(|w| w == "upgrade") {
                out.emit(i.line, "apk upgrade in the build");
            }
        }
    }
}
