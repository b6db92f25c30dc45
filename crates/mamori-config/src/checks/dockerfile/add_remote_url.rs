//! ## What it does
//! Reports `ADD` instructions with an `http(s)://` source and no `--checksum`.
//!
//! ## Why is this bad?
//! The download is not verified: whoever controls the server or the network path controls
//! what lands in the image.
//!
//! ## Example
//! ```dockerfile
//! FROM alpine:3.20
//! ADD https://example.com/tool.tar.gz /opt/
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM alpine:3.20
//! ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool.tar.gz /opt/
//! ```
//!
//! ## Remediation
//! Add `--checksum=sha256:…`, or download in a RUN step and verify the checksum.
//!
//! ## References
//! - MITRE ATT&CK: [T1105](https://attack.mitre.org/techniques/T1105/)
//! - MITRE ATT&CK: [T1195.002](https://attack.mitre.org/techniques/T1195/002/)
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-004",
    name: "add_remote_url",
    group: "dockerfile",
    title: "ADD downloads from a URL",
    severity: Medium,
    attack: ["T1105", "T1195.002"],
    refs: { cis_docker: ["4.9"] },
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    for i in df.instructions.iter().filter(|i| i.keyword == "ADD") {
        if (i.args.contains("http://") || i.args.contains("https://"))
            && i.flag("checksum").is_none()
        {
            out.emit(i.line, "ADD downloads a url without --checksum");
        }
    }
}
