//! Rust executables built with `cargo auditable`: the dependency list the tool
//! embeds as zlib-compressed JSON in a `.dep-v0` section,
//! `{"packages":[{"name","version","source","kind","dependencies","root"}]}`.
//!
//! We report every package whose `kind` is runtime (the default when the field is
//! absent), including the root crate, as Trivy does; build-time packages
//! (`"kind":"build"`: build scripts, proc-macros and their dependencies) are
//! skipped because their code is not in the binary. The dependency graph is not
//! reported. Binaries built without `cargo auditable` carry no such list, and we
//! deliberately do not guess crates from symbol names or panic strings.

use crate::{Ecosystem, Package};
use object::{Object, ObjectSection};
use serde::Deserialize;
use std::io::Read;

/// The most bytes the dependency list may inflate to (cargo-auditable's own
/// reader defaults to a few MiB; real lists are tens of KiB).
pub const MAX_INFLATED: u64 = 16 << 20;

#[derive(Deserialize)]
struct VersionInfo {
    packages: Vec<AuditPackage>,
}

#[derive(Deserialize)]
struct AuditPackage {
    name: String,
    version: String,
    #[serde(default)]
    kind: Option<String>,
}

/// The `.dep-v0` section's raw (compressed) bytes, if the executable has one.
pub(crate) fn section<'d>(obj: &object::File<'d>) -> Option<&'d [u8]> {
    let section = obj
        .sections()
        .find(|s| s.name().is_ok_and(|n| n == ".dep-v0" || n == "__dep-v0"))?;
    section.data().ok()
}

/// Inflates and parses a `.dep-v0` section into packages located at `location`.
pub(crate) fn packages(compressed: &[u8], location: &str) -> Result<Vec<Package>, String> {
    let mut json = Vec::new();
    flate2::read::ZlibDecoder::new(compressed)
        .take(MAX_INFLATED + 1)
        .read_to_end(&mut json)
        .map_err(|e| format!("cannot inflate .dep-v0 section: {e}"))?;
    if json.len() as u64 > MAX_INFLATED {
        return Err(format!(
            ".dep-v0 section inflates to more than {MAX_INFLATED} bytes"
        ));
    }
    let info: VersionInfo = serde_json::from_slice(&json)
        .map_err(|e| format!("invalid .dep-v0 dependency list: {e}"))?;
    Ok(info
        .packages
        .into_iter()
        .filter(|p| p.kind.as_deref() != Some("build"))
        .filter(|p| !p.name.is_empty() && !p.version.is_empty())
        .map(|p| Package::new(Ecosystem::Cargo, p.name, p.version, location))
        .collect())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap.
mod tests {
    use super::*;
    use flate2::write::ZlibEncoder;
    use std::io::Write;

    fn zlib(b: &[u8]) -> Vec<u8> {
        let mut e = ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(b).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn skips_build_packages() {
        let j = br#"{"packages":[{"name":"app","version":"0.1.0","source":"local","dependencies":[1],"root":true},{"name":"serde","version":"1.0.190","source":"crates.io"},{"name":"cc","version":"1.0.83","source":"crates.io","kind":"build"}]}"#;
        let p = packages(&zlib(j), "/bin/app").unwrap();
        let got: Vec<_> = p
            .iter()
            .map(|p| (p.name.as_str(), p.version.as_str()))
            .collect();
        assert_eq!(got, vec![("app", "0.1.0"), ("serde", "1.0.190")]);
    }

    #[test]
    fn bomb_is_bounded() {
        // 32 MiB of zeros compresses to ~32 KiB and must be refused, not inflated.
        let z = zlib(&vec![b' '; (MAX_INFLATED * 2) as usize]);
        assert!(z.len() < 1 << 20);
        let e = packages(&z, "/x").unwrap_err();
        assert!(e.contains("more than"), "{e}");
        assert!(packages(b"not zlib", "/x")
            .unwrap_err()
            .contains("cannot inflate"));
    }
}
