//! ## What it does
//! Reports images whose configuration runs the container as root: no `User`,
//! or `User` set to `root`/`0` (with or without a group).
//!
//! ## Why is this bad?
//! A process running as root inside the container is root on the host as soon
//! as it escapes (a kernel or runtime bug, a privileged pod, a mounted socket),
//! and it can modify everything in the image at run time.
//!
//! ## Example
//! ```json
//! "Config": { "User": "", "Cmd": ["/app/server"] }
//! ```
//!
//! Use instead:
//! ```json
//! "Config": { "User": "10001:10001", "Cmd": ["/app/server"] }
//! ```
//!
//! ## Remediation
//! Add a non-root user in the Dockerfile and end with `USER <uid>` (a numeric
//! UID lets Kubernetes verify `runAsNonRoot`).
//!
//! ## References
//! - Checkov: `CKV_DOCKER_8` (Dockerfile form)
//! - Trivy: `DS-0002` (applied to image configs by `trivy image --image-config-scanners misconfig`)
//! - MITRE ATT&CK: [T1611](https://attack.mitre.org/techniques/T1611/)
//! - <https://docs.docker.com/reference/dockerfile/#user>

use crate::checks::prelude::*;
use crate::image::{is_root_user, ImageFacts, ImageOut};

check! {
    id: "MAM-IMG-001",
    name: "runs_as_root",
    group: "image",
    title: "Image runs as root",
    severity: High,
    attack: ["T1611"],
    refs: { checkov: ["CKV_DOCKER_8"], trivy: ["DS-0002"], cis_docker: ["4.1"] },
    run: Image(run),
}

fn run(facts: &ImageFacts, out: &mut ImageOut) {
    let user = facts.user.as_deref();
    if is_root_user(user) {
        let msg = match user.map(str::trim) {
            None | Some("") => "no USER is set: the container runs as root".to_string(),
            Some(u) => format!("USER {u:?} is root"),
        };
        out.emit("config.User", None, msg);
    }
}
