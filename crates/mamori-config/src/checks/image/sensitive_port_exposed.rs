//! ## What it does
//! Reports `ExposedPorts` that belong to remote-administration or control-plane
//! services: SSH (22), Telnet (23), the Docker Engine API (2375, 2376, 4243),
//! etcd (2379, 2380), the kubelet API (10250, 10255), RDP (3389) and VNC (5900).
//!
//! ## Why is this bad?
//! These services hand out shells or control over containers and clusters. An
//! application image has no business offering them; an exposed Docker API or
//! kubelet port is a favourite entry point of cryptojacking campaigns.
//!
//! ## Example
//! ```json
//! "Config": { "ExposedPorts": { "22/tcp": {}, "8080/tcp": {} } }
//! ```
//!
//! Use instead:
//! ```json
//! "Config": { "ExposedPorts": { "8080/tcp": {} } }
//! ```
//!
//! ## Remediation
//! Remove the `EXPOSE` and the service behind it; use `docker exec` or
//! `kubectl exec` for administration.
//!
//! ## References
//! - Checkov: `CKV_DOCKER_1` (port 22, Dockerfile form)
//! - Trivy: `DS-0004` (port 22, Dockerfile form)
//! - MITRE ATT&CK: [T1133](https://attack.mitre.org/techniques/T1133/)

use crate::checks::prelude::*;
use crate::image::{ImageFacts, ImageOut};

check! {
    id: "MAM-IMG-003",
    name: "sensitive_port_exposed",
    group: "image",
    title: "Image exposes a remote-administration port",
    severity: High,
    attack: ["T1133"],
    refs: { checkov: ["CKV_DOCKER_1"], trivy: ["DS-0004"] },
    run: Image(run),
}

const SENSITIVE: &[(u16, &str)] = &[
    (22, "SSH"),
    (23, "Telnet"),
    (2375, "Docker Engine API (plain HTTP)"),
    (2376, "Docker Engine API (TLS)"),
    (4243, "Docker Engine API"),
    (2379, "etcd client API"),
    (2380, "etcd peer API"),
    (3389, "RDP"),
    (5900, "VNC"),
    (10250, "kubelet API"),
    (10255, "kubelet read-only API"),
];

fn run(facts: &ImageFacts, out: &mut ImageOut) {
    for p in &facts.exposed_ports {
        let port = p.split('/').next().unwrap_or("");
        let Ok(n) = port.parse::<u16>() else { continue };
        if let Some((_, what)) = SENSITIVE.iter().find(|(q, _)| *q == n) {
            out.emit(
                format!("config.ExposedPorts[{p}]"),
                None,
                format!("port {p} ({what}) is exposed"),
            );
        }
    }
}
