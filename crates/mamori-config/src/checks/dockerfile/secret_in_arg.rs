//! ## What it does
//! Reports `ARG` instructions whose name looks like a credential.
//!
//! ## Why is this bad?
//! Build argument values are recorded in the image history (`docker history`) of every
//! stage that uses them.
//!
//! ## Example
//! ```dockerfile
//! FROM alpine:3.20
//! ARG NPM_TOKEN
//! RUN echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/.npmrc
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM alpine:3.20
//! RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci
//! ```
//!
//! ## Remediation
//! Use BuildKit secret mounts (`RUN --mount=type=secret`).
//!
//! ## References
//! - MITRE ATT&CK: [T1552.001](https://attack.mitre.org/techniques/T1552/001/)
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-025",
    name: "secret_in_arg",
    group: "dockerfile",
    title: "Secret passed as a build argument",
    severity: Medium,
    attack: ["T1552.001"],
    refs: { trivy: ["DS-0031"], hadolint: ["DL3064"], cis_docker: ["4.10"] },
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    for i in df.instructions.iter().filter(|i| i.keyword == "ARG") {
        for w in i.args.split_whitespace() {
            let name = w.split('=').next().unwrap_or("");
            if secret_like_name(name) {
                out.emit(i.line, format!("ARG {name:?} looks like a secret"));
            }
        }
    }
}
