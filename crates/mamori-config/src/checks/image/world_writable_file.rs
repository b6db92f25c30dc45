//! ## What it does
//! Reports files writable by every user, and directories writable by every
//! user without the sticky bit, with the layer that holds them. After twenty
//! entries in one layer the rest are summarised in one finding.
//!
//! ## Why is this bad?
//! Any process in the container — whatever user it runs as — can replace a
//! world-writable program, script or configuration file, and anything a
//! privileged process later executes or reads from it is now the attacker's.
//!
//! ## Example
//! ```dockerfile
//! RUN chmod -R 777 /app
//! ```
//!
//! Use instead:
//! ```dockerfile
//! RUN chown -R 10001:10001 /app/data && chmod -R u=rwX,go=rX /app
//! ```
//!
//! ## Remediation
//! Give write access only to the user that needs it (`chown` plus `chmod
//! 755`/`644`); shared scratch directories need the sticky bit (`chmod 1777`).
//!
//! ## References
//! - MITRE ATT&CK: [T1574](https://attack.mitre.org/techniques/T1574/)

use crate::checks::prelude::*;
use crate::image::{ImageFacts, ImageFileKind, ImageOut};

check! {
    id: "MAM-IMG-008",
    name: "world_writable_file",
    group: "image",
    title: "World-writable file or directory in the image",
    severity: Medium,
    attack: ["T1574"],
    refs: {},
    run: Image(run),
}

/// Findings per layer before the rest is summarised.
const PER_LAYER: usize = 20;

fn run(facts: &ImageFacts, out: &mut ImageOut) {
    let mut per_layer: Vec<(&str, usize)> = Vec::new();
    for f in &facts.files {
        let what = match f.kind {
            ImageFileKind::WorldWritable => "file",
            ImageFileKind::WorldWritableDir => "directory without the sticky bit",
            _ => continue,
        };
        if f.deleted_later {
            continue;
        }
        let n = match per_layer.iter_mut().find(|(l, _)| *l == f.layer) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                per_layer.push((&f.layer, 1));
                1
            }
        };
        if n <= PER_LAYER {
            out.emit(
                format!("/{}", f.path),
                Some(&f.layer),
                format!(
                    "/{} is a world-writable {what} (mode {:04o})",
                    f.path, f.mode
                ),
            );
        }
    }
    for (layer, n) in per_layer {
        if n > PER_LAYER {
            out.emit(
                "(layer)",
                Some(layer),
                format!(
                    "{} more world-writable entries in this layer",
                    n - PER_LAYER
                ),
            );
        }
    }
}
