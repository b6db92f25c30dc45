//! ## What it does
//! Reports `pip install` without `--no-cache-dir` (or `PIP_NO_CACHE_DIR`).
//!
//! ## Why is this bad?
//! The wheel cache is written into the layer: size with no benefit in an image.
//!
//! ## Example
//! ```dockerfile
//! FROM python:3.12-slim
//! RUN pip install flask
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM python:3.12-slim
//! RUN pip install --no-cache-dir flask
//! ```
//!
//! ## Remediation
//! Add `--no-cache-dir`.
//!
//! ## References
//! - <https://docs.docker.com/build/building/best-practices/>
//! - <https://docs.docker.com/reference/dockerfile/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-020",
    name: "pip_cache",
    group: "dockerfile",
    title: "pip install keeps its cache",
    severity: Low,
    attack: [],
    refs: { hadolint: ["DL3042"] },
    run: Dockerfile(run),
}

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    for (i, text) in runs(df) {
        let cmds = shell_commands(&text);
        let _ = &cmds;
        let env_off = df
            .instructions
            .iter()
            .any(|x| x.keyword == "ENV" && x.args.contains("PIP_NO_CACHE_DIR"));
        for prog in ["pip", "pip3"] {
            for c in commands_of(&cmds, prog) {
                if c.iter().any(|w| w == "install")
                    && !c.iter().any(|w| w == "--no-cache-dir")
                    && !env_off
                    && !i.flags.iter().any(|f| f.contains("type=cache"))
                {
                    out.emit(i.line, format!("{prog} install without --no-cache-dir"));
                }
            }
        }
    }
}
