//! Language ecosystems: lockfiles, manifests and installed metadata.
//!
//! One module per format; each exposes an [`Analyzer`] that claims its files by
//! name and parses them without I/O. Registered in [`analyzers`].

use crate::Analyzer;

/// Every language analyzer.
pub fn analyzers() -> Vec<Box<dyn Analyzer>> {
    vec![]
}
