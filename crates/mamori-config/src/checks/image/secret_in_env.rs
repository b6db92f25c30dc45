//! ## What it does
//! Reports `Env` entries whose name says they hold a credential (`PASSWORD`,
//! `PASSWD`, `SECRET`, `TOKEN`, `API_KEY`, `ACCESS_KEY`, `PRIVATE_KEY`,
//! `CREDENTIAL`…) and whose value is set — not empty, not a file path, not a
//! `${…}` reference. Names ending in `_FILE`, `_PATH` or `_DIR` point to where a
//! secret will be mounted and are fine.
//!
//! ## Why is this bad?
//! Image configuration is public to everyone who can pull the image
//! (`docker inspect`), and the value is passed to every process of every
//! container started from it.
//!
//! ## Example
//! ```json
//! "Env": ["DB_PASSWORD=hunter2", "PATH=/usr/bin"]
//! ```
//!
//! Use instead:
//! ```json
//! "Env": ["DB_PASSWORD_FILE=/run/secrets/db-password", "PATH=/usr/bin"]
//! ```
//!
//! ## Remediation
//! Remove the `ENV`, rotate the credential, and inject it at run time (a
//! Kubernetes Secret mounted as a file, Docker secrets, a vault agent).
//!
//! ## References
//! - MITRE ATT&CK: [T1552.001](https://attack.mitre.org/techniques/T1552/001/)
//! - <https://docs.docker.com/build/building/secrets/>

use crate::checks::prelude::*;
use crate::image::{ImageFacts, ImageOut};

check! {
    id: "MAM-IMG-004",
    name: "secret_in_env",
    group: "image",
    title: "Credential set in the image environment",
    severity: High,
    attack: ["T1552.001"],
    refs: { cis_docker: ["4.10"] },
    run: Image(run),
}

const SECRET_WORDS: &[&str] = &[
    "PASSWORD",
    "PASSWD",
    "SECRET",
    "TOKEN",
    "API_KEY",
    "APIKEY",
    "ACCESS_KEY",
    "PRIVATE_KEY",
    "CREDENTIAL",
    "AUTH_KEY",
];

fn run(facts: &ImageFacts, out: &mut ImageOut) {
    for e in &facts.env {
        let Some((name, value)) = e.split_once('=') else {
            continue;
        };
        let upper = name.to_ascii_uppercase();
        if !SECRET_WORDS.iter().any(|w| upper.contains(w))
            || ["_FILE", "_PATH", "_DIR", "_URL_FILE"]
                .iter()
                .any(|s| upper.ends_with(s))
        {
            continue;
        }
        let v = value.trim();
        if v.is_empty() || v.starts_with('/') || v.starts_with("${") || v.starts_with('<') {
            continue;
        }
        out.emit(
            format!("config.Env[{name}]"),
            None,
            format!("{name} is set in the image environment (value redacted)"),
        );
    }
}
