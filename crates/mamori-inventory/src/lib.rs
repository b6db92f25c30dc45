//! Package inventory: analyzers that turn files into [`Package`]s, and the
//! assembly of per-layer results into the packages of a final filesystem.
//!
//! This crate knows file *contents* and *paths*; it does not know where they come
//! from (image layers, a directory, a registry) and it never touches the network,
//! the disk or vulnerability data. Callers (`mamori-scan`) walk a source, ask each
//! analyzer whether it wants a path ([`Analyzer::required`]), and hand it the bytes.
//!
//! ```
//! use mamori_inventory::{all_analyzers, FileMeta};
//! let status = b"Package: bash\nStatus: install ok installed\nVersion: 5.2-1\nArchitecture: amd64\n\n";
//! let meta = FileMeta { size: status.len() as u64, mode: 0o644 };
//! let dpkg = all_analyzers().into_iter().find(|a| a.required("var/lib/dpkg/status", &meta)).unwrap();
//! let found = dpkg.analyze("var/lib/dpkg/status", status).unwrap();
//! assert_eq!(found.packages[0].name, "bash");
//! ```

mod analyzer;
mod assemble;
pub mod lang;
pub mod os;
mod package;
mod purl;

pub use analyzer::{file_name, Analysis, AnalyzeError, Analyzer, FileMeta};
pub use assemble::{assemble, path_is_under, Inventory, LayerAnalysis};
pub use os::OsInfo;
pub use package::{Ecosystem, Package};
pub use purl::purl;

/// Every analyzer, in a fixed order. Their `(id, version)` pairs form part of
/// the layer-cache key.
pub fn all_analyzers() -> Vec<Box<dyn Analyzer>> {
    let mut v = os::analyzers();
    v.extend(lang::analyzers());
    v
}

/// A string that changes whenever any analyzer's output may change; part of the
/// layer-cache key.
pub fn analyzers_fingerprint() -> String {
    let mut parts: Vec<String> = all_analyzers()
        .iter()
        .map(|a| format!("{}@{}", a.id(), a.version()))
        .collect();
    parts.sort();
    parts.join(",")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn analyzer_ids_are_unique() {
        let mut seen = HashSet::new();
        for a in all_analyzers() {
            assert!(seen.insert(a.id()), "duplicate analyzer id {}", a.id());
        }
    }
}
