//! ## What it does
//! Reports build steps in the image history that `ADD` a remote URL
//! (`ADD https://… /dst`).
//!
//! ## Why is this bad?
//! `ADD` of a URL downloads at build time without any integrity check unless
//! `--checksum` is given; whoever controls that URL (or the network path to a
//! plain-HTTP one) controls what ends up in the image.
//!
//! ## Example
//! ```text
//! history[4]: ADD https://example.com/tool.tar.gz /opt/ # buildkit
//! ```
//!
//! Use instead:
//! ```text
//! ADD --checksum=sha256:24454f83… https://example.com/tool.tar.gz /opt/
//! ```
//!
//! ## Remediation
//! Pin the download with `ADD --checksum=sha256:…`, or fetch it in a `RUN`
//! step that verifies a checksum or signature, or vendor the file.
//!
//! ## References
//! - MITRE ATT&CK: [T1105](https://attack.mitre.org/techniques/T1105/)
//! - <https://docs.docker.com/reference/dockerfile/#add>

use crate::checks::prelude::*;
use crate::image::{ImageFacts, ImageOut};

check! {
    id: "MAM-IMG-005",
    name: "remote_add_in_history",
    group: "image",
    title: "Build history ADDs a remote URL without a checksum",
    severity: Medium,
    attack: ["T1105"],
    refs: { cis_docker: ["4.9"] },
    run: Image(run),
}

fn run(facts: &ImageFacts, out: &mut ImageOut) {
    for (i, step) in facts.history.iter().enumerate() {
        let cmd = step.created_by.as_str();
        // Classic builder: `/bin/sh -c #(nop) ADD …`; BuildKit: `ADD … # buildkit`.
        let Some(pos) = cmd.find("ADD ") else {
            continue;
        };
        let words: Vec<&str> = cmd[pos + 4..].split_whitespace().collect();
        if words.iter().any(|w| w.starts_with("--checksum")) {
            continue;
        }
        if let Some(url) = words
            .iter()
            .take_while(|w| **w != "#" && **w != "in")
            .find(|w| w.starts_with("http://") || w.starts_with("https://"))
        {
            out.emit(
                format!("history[{i}]"),
                step.layer.as_deref(),
                format!("ADD {url} without --checksum"),
            );
        }
    }
}
