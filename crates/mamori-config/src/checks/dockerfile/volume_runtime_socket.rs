//! ## What it does
//! Reports `VOLUME` instructions naming `/var/run/docker.sock` or other runtime sockets.
//!
//! ## Why is this bad?
//! It signals that the image expects the host's container runtime socket, i.e. root on the
//! host, to be mounted.
//!
//! ## Example
//! ```dockerfile
//! FROM docker:27-cli
//! VOLUME /var/run/docker.sock
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM docker:27-cli
//! VOLUME /data
//! ```
//!
//! ## Remediation
//! Do not design images around the runtime socket; use a rootless builder or an API with
//! scoped credentials.
//!
//! ## References
//! - MITRE ATT&CK: [T1610](https://attack.mitre.org/techniques/T1610/)
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-046",
    name: "volume_runtime_socket",
    group: "dockerfile",
    title: "Docker socket declared as a volume",
    severity: High,
    attack: ["T1610"],
    refs: {},
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    for i in df.instructions.iter().filter(|i| i.keyword == "VOLUME") {
        let t = i
            .json
            .as_ref()
            .map(|v| v.join(" "))
            .unwrap_or_else(|| i.args.clone());
        if t.contains("docker.sock") || t.contains("containerd.sock") || t.contains("crio.sock") {
            out.emit(i.line, "VOLUME declares a container runtime socket");
        }
    }
}
