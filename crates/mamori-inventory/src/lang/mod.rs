//! Language ecosystems: lockfiles, manifests and installed metadata.
//!
//! `lockfiles/` holds project-level files (what `mamori fs` scans: Cargo.lock,
//! package-lock.json, poetry.lock…); `installed/` holds what package managers leave
//! in a filesystem (dist-info, node_modules/*/package.json, jars, Go and Rust
//! binaries…). One module per format; each exposes an [`Analyzer`] that claims its
//! files by name and parses them without I/O.

mod installed;
mod lockfiles;

use crate::Analyzer;

/// Every language analyzer.
pub fn analyzers() -> Vec<Box<dyn Analyzer>> {
    let mut v = lockfiles::analyzers();
    v.extend(installed::analyzers());
    v
}
