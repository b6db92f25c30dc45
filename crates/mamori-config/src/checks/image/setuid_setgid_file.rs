//! ## What it does
//! Reports regular files with the setuid or setgid bit, with the layer that
//! holds them — except the standard distribution programs that need the bit
//! in a system directory (`passwd`, `su`, `mount`, `umount`, `chsh`, `chfn`,
//! `gpasswd`, `newgrp`, `chage`, `expiry`, `unix_chkpwd`, `ssh-keysign`,
//! `wall`, `write`, `crontab`, `dotlockfile`, `fusermount`). `sudo` and
//! `pkexec` are reported.
//!
//! ## Why is this bad?
//! A setuid-root program is a ladder from any user to root: one bug in it (or
//! a binary planted with the bit) undoes running the container as non-root.
//! Containers rarely need any; `allowPrivilegeEscalation: false` only helps
//! where it is set.
//!
//! ## Example
//! ```text
//! -rwsr-xr-x root root /usr/local/bin/helper   (layer sha256:3f1c…)
//! ```
//!
//! Use instead:
//! ```dockerfile
//! RUN chmod u-s,g-s /usr/local/bin/helper
//! ```
//!
//! ## Remediation
//! Remove the bit (`chmod u-s,g-s`) or the program; strip all of them in the
//! final stage with `RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} +`.
//!
//! ## References
//! - MITRE ATT&CK: [T1548.001](https://attack.mitre.org/techniques/T1548/001/)
//! - CIS Docker Benchmark 4.8 (setuid and setgid permissions removed)

use crate::checks::prelude::*;
use crate::image::{ImageFacts, ImageFileKind, ImageOut};

check! {
    id: "MAM-IMG-007",
    name: "setuid_setgid_file",
    group: "image",
    title: "Setuid or setgid file in the image",
    severity: Medium,
    attack: ["T1548.001"],
    refs: { cis_docker: ["4.8"] },
    run: Image(run),
}

const STANDARD: &[&str] = &[
    "passwd",
    "su",
    "mount",
    "umount",
    "chsh",
    "chfn",
    "gpasswd",
    "newgrp",
    "chage",
    "expiry",
    "unix_chkpwd",
    "ssh-keysign",
    "wall",
    "write",
    "bsd-write",
    "crontab",
    "dotlockfile",
    "fusermount",
    "fusermount3",
    "ssh-agent",
    "pam_extrausers_chkpwd",
];

const SYSTEM_DIRS: &[&str] = &[
    "bin/",
    "sbin/",
    "usr/bin/",
    "usr/sbin/",
    "usr/lib/",
    "usr/libexec/",
    "lib/",
];

fn standard(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    STANDARD.contains(&name) && SYSTEM_DIRS.iter().any(|d| path.starts_with(d))
}

fn run(facts: &ImageFacts, out: &mut ImageOut) {
    for f in &facts.files {
        let bit = match f.kind {
            ImageFileKind::Setuid => "setuid",
            ImageFileKind::Setgid => "setgid",
            _ => continue,
        };
        if f.deleted_later || standard(&f.path) {
            continue;
        }
        out.emit(
            format!("/{}", f.path),
            Some(&f.layer),
            format!("/{} is {bit} (mode {:04o})", f.path, f.mode),
        );
    }
}
