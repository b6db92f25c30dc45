//! ## What it does
//! Reports `chmod 777` / `chmod 666` / `chmod a+w` / `o+w` in RUN instructions and
//! `COPY/ADD --chmod` with world-write bits.
//!
//! ## Why is this bad?
//! World-writable files let any user in the container (or on a shared volume) modify code
//! or configuration.
//!
//! ## Example
//! ```dockerfile
//! FROM alpine:3.20
//! RUN chmod -R 777 /app
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM alpine:3.20
//! RUN chown -R 10001:10001 /app
//! ```
//!
//! ## Remediation
//! Grant ownership to the application user instead.
//!
//! ## References
//! - MITRE ATT&CK: [T1222.002](https://attack.mitre.org/techniques/T1222/002/)
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-038",
    name: "chmod_world_writable",
    group: "dockerfile",
    title: "World-writable permissions",
    severity: Medium,
    attack: ["T1222.002"],
    refs: {},
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    let world = |m: &str| {
        if m.contains("o+w") || m.contains("a+w") || m == "+w" {
            return true;
        }
        m.len() >= 3
            && m.chars().all(|c| c.is_digit(8))
            && m.chars()
                .last()
                .and_then(|c| c.to_digit(8))
                .is_some_and(|d| d & 2 != 0)
    };
    for (i, text) in runs(df) {
        for c in commands_of(&shell_commands(&text), "chmod") {
            if let Some(m) = c.iter().skip(1).find(|w| !w.starts_with('-')) {
                if world(m) {
                    out.emit(i.line, format!("chmod {m} makes files world-writable"));
                }
            }
        }
    }
    for i in df
        .instructions
        .iter()
        .filter(|i| i.keyword == "COPY" || i.keyword == "ADD")
    {
        if let Some(m) = i.flag("chmod").filter(|m| world(m)) {
            out.emit(
                i.line,
                format!("{} --chmod={m} makes files world-writable", i.keyword),
            );
        }
    }
}
