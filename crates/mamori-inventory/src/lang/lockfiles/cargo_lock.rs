//! Rust `Cargo.lock`, every format version (v1 with its `[metadata]` checksums,
//! v2, v3, v4 with a top-level `version`): one package per `[[package]]` table.
//!
//! Path and workspace members (tables without `source`) are reported too, as Trivy
//! and Syft do: they are part of what gets built, and a local crate that shares a
//! crates.io name and version is the same code. Git dependencies are reported with
//! their `version`. The dependency graph is not read: Cargo.lock records no
//! dev/build distinction, so nothing is marked `dev`.

use super::{one_line, text, Lockfile};
use crate::{Ecosystem, Package};
use serde::Deserialize;

/// The `Cargo.lock` analyzer.
pub const ANALYZER: Lockfile = Lockfile {
    id: "cargo-lock",
    version: 2,
    claims: |name| name == "Cargo.lock",
    parse,
};

#[derive(Deserialize)]
struct Lock {
    #[serde(default)]
    package: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    name: String,
    version: String,
}

fn parse(content: &[u8], location: &str) -> Result<Vec<Package>, String> {
    let lock: Lock = toml::from_str(&text(content)?)
        .map_err(|e| format!("invalid Cargo.lock: {}", one_line(e)))?;
    Ok(lock
        .package
        .into_iter()
        .filter(|e| !e.name.is_empty() && !e.version.is_empty())
        .map(|e| Package::new(Ecosystem::Cargo, e.name, e.version, location))
        .collect())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests may unwrap
mod tests {
    use super::*;

    #[test]
    fn reads_v1_and_v4_and_keeps_path_members() {
        let v1 = "[[package]]\nname = \"app\"\nversion = \"0.1.0\"\ndependencies = [\n \"libc 0.2.54 (registry+https://github.com/rust-lang/crates.io-index)\",\n]\n\n[[package]]\nname = \"libc\"\nversion = \"0.2.54\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n\n[metadata]\n\"checksum libc 0.2.54 (registry+https://github.com/rust-lang/crates.io-index)\" = \"c6\"\n";
        let p = parse(v1.as_bytes(), "/Cargo.lock").unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(
            (p[0].name.as_str(), p[0].version.as_str()),
            ("app", "0.1.0")
        );
        let v4 = "version = 4\n\n[[package]]\nname = \"gimli\"\nversion = \"0.32.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\nchecksum = \"ab\"\n";
        let p = parse(v4.as_bytes(), "/Cargo.lock").unwrap();
        assert_eq!(p[0].name, "gimli");
        assert_eq!(p[0].location, "/Cargo.lock");
    }

    #[test]
    fn garbage_is_an_error() {
        let e = parse(b"[[package]\nname=", "/Cargo.lock").unwrap_err();
        assert!(e.starts_with("invalid Cargo.lock"), "{e}");
        assert!(!e.contains('\n'));
        assert!(parse(b"[[package]]\nname = 1\n", "/x").is_err());
    }
}
