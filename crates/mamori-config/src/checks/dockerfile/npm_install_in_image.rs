//! ## What it does
//! Reports `npm install` without package arguments in RUN instructions.
//!
//! ## Why is this bad?
//! `npm install` may update the lock file and resolve different versions than were
//! reviewed; `npm ci` installs exactly the lock file.
//!
//! ## Example
//! ```dockerfile
//! FROM node:22-alpine
//! COPY package*.json ./
//! RUN npm install
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM node:22-alpine
//! COPY package*.json ./
//! RUN npm ci --omit=dev
//! ```
//!
//! ## Remediation
//! Use `npm ci`.
//!
//! ## References
//! - MITRE ATT&CK: [T1195.001](https://attack.mitre.org/techniques/T1195/001/)
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-044",
    name: "npm_install_in_image",
    group: "dockerfile",
    title: "npm install instead of npm ci",
    severity: Low,
    attack: ["T1195.001"],
    refs: {},
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    for (i, text) in runs(df) {
        let cmds = shell_commands(&text);
        let _ = &cmds;
        for c in commands_of(&cmds, "npm") {
            if c.get(1).is_some_and(|w| w == "install" || w == "i")
                && c.iter().skip(2).all(|w| w.starts_with('-'))
            {
                out.emit(i.line, "npm install instead of npm ci");
            }
        }
    }
}
