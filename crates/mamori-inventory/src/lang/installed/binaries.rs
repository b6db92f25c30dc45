//! Executables: one analyzer for every executable file that reads it once and
//! looks for both Go build information ([`super::go`]) and a cargo-auditable
//! dependency list ([`super::rust_audit`]).
//!
//! `required` is purely mode- and size-based (an execute bit, or a `.exe` name),
//! so `analyze` first rejects anything that is not ELF, Mach-O (thin or fat) or
//! PE by its magic bytes, which makes the scripts and data files among the
//! executables cost nothing beyond that check. Shared libraries with an execute
//! bit are read too, since `-buildmode=c-shared` Go libraries carry build info.

use super::{go, location, rust_audit};
use crate::{Analysis, AnalyzeError, Analyzer, FileMeta};

/// Reads Go and Rust (cargo-auditable) executables.
pub struct BinariesAnalyzer;

/// Smaller files cannot hold an executable header plus build info.
const MIN_SIZE: u64 = 64;
/// Larger executables are skipped: a single static binary is rarely over 200 MiB.
const MAX_SIZE: u64 = 256 << 20;

impl Analyzer for BinariesAnalyzer {
    fn id(&self) -> &'static str {
        "binaries"
    }
    fn version(&self) -> u32 {
        1
    }
    fn required(&self, path: &str, meta: &FileMeta) -> bool {
        let exe_name = path
            .rsplit_once('.')
            .is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("exe"));
        (meta.is_executable() || exe_name) && (MIN_SIZE..=MAX_SIZE).contains(&meta.size)
    }
    fn max_size(&self) -> u64 {
        MAX_SIZE
    }
    fn analyze(&self, path: &str, content: &[u8]) -> Result<Analysis, AnalyzeError> {
        if !is_executable_format(content) {
            return Ok(Analysis::default());
        }
        let loc = location(path);
        // `object` does not parse fat Mach-O; the Go scan below still finds the
        // (inline) build info of any architecture in it.
        let obj = object::File::parse(content).ok();
        let mut packages = Vec::new();
        let mut errors = Vec::new();
        match go::find_build_info(content, obj.as_ref()) {
            Ok(Some(info)) => packages.extend(go::packages(&info, &loc)),
            Ok(None) => {}
            Err(e) => errors.push(e),
        }
        if let Some(section) = obj.as_ref().and_then(rust_audit::section) {
            match rust_audit::packages(section, &loc) {
                Ok(p) => packages.extend(p),
                Err(e) => errors.push(e),
            }
        }
        // A broken half is only an error when nothing else was found.
        if packages.is_empty() && !errors.is_empty() {
            return Err(AnalyzeError::parse(path, errors.join("; ")));
        }
        for e in errors {
            tracing::debug!(path, "partial binary analysis: {e}");
        }
        Ok(Analysis {
            packages,
            ..Analysis::default()
        })
    }
}

/// ELF, Mach-O (32/64-bit, either byte order, fat) or PE (`MZ`).
fn is_executable_format(b: &[u8]) -> bool {
    const MAGICS: [&[u8]; 8] = [
        b"\x7fELF",
        b"\xfe\xed\xfa\xce",
        b"\xfe\xed\xfa\xcf",
        b"\xce\xfa\xed\xfe",
        b"\xcf\xfa\xed\xfe",
        b"\xca\xfe\xba\xbe",
        b"\xca\xfe\xba\xbf",
        b"MZ",
    ];
    b.len() as u64 >= MIN_SIZE && MAGICS.iter().any(|m| b.starts_with(m))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap.
mod tests {
    use super::*;

    #[test]
    fn required_is_mode_and_size_based() {
        let a = BinariesAnalyzer;
        let m = |size, mode| FileMeta { size, mode };
        assert!(a.required("usr/bin/app", &m(4096, 0o755)));
        assert!(a.required("app/App.EXE", &m(4096, 0o644)));
        assert!(!a.required("usr/bin/app", &m(4096, 0o644)));
        assert!(!a.required("usr/bin/tiny", &m(10, 0o755)));
        assert!(!a.required("usr/bin/huge", &m(MAX_SIZE + 1, 0o755)));
    }

    #[test]
    fn scripts_are_rejected_by_magic() {
        let script = b"#!/bin/sh\necho \xff Go buildinf: .............................................................";
        assert!(BinariesAnalyzer
            .analyze("usr/bin/s", script)
            .unwrap()
            .is_empty());
    }
}
