//! ## What it does
//! Reports package manager caches that a layer leaves behind (at least 64 KiB):
//! apt package lists and downloaded `.deb`s, the apk, yum, dnf and zypper
//! caches, and the pip, npm, yarn and Go build caches of root.
//!
//! ## Why is this bad?
//! Caches make the image bigger and slower to pull for no run-time use, and
//! stale package lists let a later `apt-get install` in a derived image install
//! outdated (vulnerable) versions. Deleting them in a *later* layer does not
//! help: the bytes stay in the layer that added them.
//!
//! ## Example
//! ```dockerfile
//! RUN apt-get update && apt-get install -y curl
//! ```
//!
//! Use instead:
//! ```dockerfile
//! RUN apt-get update && apt-get install -y --no-install-recommends curl \
//!  && rm -rf /var/lib/apt/lists/*
//! ```
//!
//! ## Remediation
//! Clean the cache in the same `RUN` that fills it (`rm -rf
//! /var/lib/apt/lists/*`, `apk add --no-cache`, `pip install --no-cache-dir`,
//! `dnf clean all`), or use a cache mount (`RUN --mount=type=cache`).
//!
//! ## References
//! - <https://docs.docker.com/build/building/best-practices/#apt-get>
//! - <https://docs.docker.com/build/cache/optimize/#use-cache-mounts>

use crate::checks::prelude::*;
use crate::image::{ImageFacts, ImageOut};

check! {
    id: "MAM-IMG-009",
    name: "package_cache_left",
    group: "image",
    title: "Package manager cache left in a layer",
    severity: Low,
    attack: [],
    refs: {},
    run: Image(run),
}

/// `(cache name, directory)`: what the layer walk should measure. More
/// specific directories come first (a file counts for the first match).
pub const PACKAGE_CACHE_DIRS: &[(&str, &str)] = &[
    ("apt downloaded packages", "var/cache/apt/archives"),
    ("apt package cache", "var/cache/apt"),
    ("apt package lists", "var/lib/apt/lists"),
    ("apk cache", "var/cache/apk"),
    ("yum cache", "var/cache/yum"),
    ("dnf cache", "var/cache/dnf"),
    ("zypper cache", "var/cache/zypp"),
    ("pip cache", "root/.cache/pip"),
    ("npm cache", "root/.npm/_cacache"),
    ("yarn cache", "usr/local/share/.cache/yarn"),
    ("Go build cache", "root/.cache/go-build"),
];

/// Smaller caches (lock files, empty indexes) are not worth a finding.
const MIN_BYTES: u64 = 64 << 10;

fn run(facts: &ImageFacts, out: &mut ImageOut) {
    for c in &facts.caches {
        if c.bytes < MIN_BYTES {
            continue;
        }
        out.emit(
            format!("/{}", c.dir),
            Some(&c.layer),
            format!(
                "{} left in the layer: {} files, {:.1} MiB",
                c.cache,
                c.files,
                c.bytes as f64 / (1 << 20) as f64
            ),
        );
    }
}
