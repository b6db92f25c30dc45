//! Go build information embedded in executables by the Go linker (what `go
//! version -m` prints): the main module, every dependency module (with `=>`
//! replacements applied) and the Go toolchain, reported as the `stdlib` module
//! the way Trivy does (`go1.21.5` → `v1.21.5`).
//!
//! The blob starts with the 16-byte-aligned magic `\xff Go buildinf:` followed by
//! the pointer size (byte 14) and flags (byte 15). Since Go 1.18 (flag bit 2) the
//! version and module strings follow the 32-byte header inline, each prefixed by
//! its length as a uvarint. Before that, bytes 16.. hold two pointers (pointer
//! size and byte order from the header) to Go string headers `{data, len}`, which
//! we resolve through the executable's segments or sections with `object`.
//! The module text is framed by two 16-byte sentinels, stripped here.
//!
//! This module reads no symbol tables (`runtime.buildVersion` of stripped pre-1.13
//! binaries is not recovered), does not read `-ldflags -X` versions, and reports
//! no build settings (`build` lines).

use crate::{Ecosystem, Package};
use object::{Object, ObjectSection, ObjectSegment};

/// The magic that starts a build-info blob.
const MAGIC: &[u8; 14] = b"\xff Go buildinf:";
/// Header size before the inline strings.
const HEADER: usize = 32;
/// Longest Go version string we accept; real ones are ~30 bytes.
const MAX_VERSION_LEN: u64 = 1024;
/// Longest module-info text we accept.
const MAX_MODINFO_LEN: u64 = 16 << 20;
/// Whole-file scans try at most this many magic hits (the magic also occurs as a
/// constant inside programs that import `debug/buildinfo`).
const MAX_CANDIDATES: usize = 64;

/// What the build-info blob holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BuildInfo {
    /// Toolchain version, e.g. `go1.21.5`.
    pub go_version: String,
    /// The module text (`path`, `mod`, `dep`, `=>`, `build` lines), sentinels stripped.
    pub modinfo: String,
}

/// Finds and decodes the build-info blob. `obj` is the parsed executable, when
/// `object` could parse it; it locates the dedicated section and resolves the
/// pre-1.18 pointer format.
///
/// Returns `Ok(None)` for a non-Go file, and an error only when the dedicated
/// `.go.buildinfo` section exists but is malformed.
pub(crate) fn find_build_info(
    data: &[u8],
    obj: Option<&object::File<'_>>,
) -> Result<Option<BuildInfo>, String> {
    if let Some(obj) = obj {
        let section = obj
            .sections()
            .find(|s| matches!(s.name(), Ok(".go.buildinfo" | "__go_buildinfo")));
        if let Some(section) = section {
            let bytes = section
                .data()
                .map_err(|e| format!("unreadable .go.buildinfo section: {e}"))?;
            return decode(bytes, Some(obj))
                .map(Some)
                .map_err(|e| format!("invalid .go.buildinfo section: {e}"));
        }
    }
    // No section table (stripped) or a format where the blob sits in `.data`:
    // the blob is 16-byte aligned in memory and hence in the file too.
    let hits = memchr::memmem::find_iter(data, MAGIC)
        .filter(|off| off.is_multiple_of(16))
        .take(MAX_CANDIDATES);
    for off in hits {
        match decode(&data[off..], obj) {
            Ok(info) => return Ok(Some(info)),
            Err(e) => tracing::trace!("go build-info candidate at {off:#x} rejected: {e}"),
        }
    }
    Ok(None)
}

/// Decodes a blob starting at `blob[0]` (the magic).
fn decode(blob: &[u8], obj: Option<&object::File<'_>>) -> Result<BuildInfo, String> {
    if blob.len() < HEADER || !blob.starts_with(MAGIC) {
        return Err("no build-info header".into());
    }
    let ptr_size = blob[14] as usize;
    let flags = blob[15];
    let (version, modinfo) = if flags & 2 != 0 {
        let mut rest = &blob[HEADER..];
        let version = inline_string(&mut rest, MAX_VERSION_LEN)?;
        let modinfo = inline_string(&mut rest, MAX_MODINFO_LEN)?;
        (version, modinfo)
    } else {
        if ptr_size != 4 && ptr_size != 8 {
            return Err(format!("pointer size {ptr_size}"));
        }
        let obj = obj.ok_or("pointer-format build info in an unparsable executable")?;
        let big_endian = flags & 1 != 0;
        let read_ptr = |b: &[u8]| -> u64 {
            let mut v = 0u64;
            for i in 0..ptr_size {
                let byte = if big_endian {
                    b[i]
                } else {
                    b[ptr_size - 1 - i]
                };
                v = (v << 8) | u64::from(byte);
            }
            v
        };
        let string_at = |addr: u64, max: u64| -> Result<&[u8], String> {
            let header = mapped(obj, addr, 2 * ptr_size as u64)
                .ok_or_else(|| format!("string header at {addr:#x} is not mapped"))?;
            let (ptr, len) = (read_ptr(header), read_ptr(&header[ptr_size..]));
            if len > max {
                return Err(format!("string of {len} bytes at {ptr:#x}"));
            }
            mapped(obj, ptr, len).ok_or_else(|| format!("string at {ptr:#x} is not mapped"))
        };
        let ptrs = &blob[16..];
        let version = string_at(read_ptr(ptrs), MAX_VERSION_LEN)?;
        let modinfo = string_at(read_ptr(&ptrs[ptr_size..]), MAX_MODINFO_LEN)?;
        (version, modinfo)
    };
    let go_version = std::str::from_utf8(version)
        .map_err(|_| "go version is not utf-8".to_string())?
        .to_string();
    if !(go_version.starts_with("go") || go_version.starts_with("devel")) {
        return Err(format!("implausible go version {go_version:?}"));
    }
    Ok(BuildInfo {
        go_version,
        modinfo: String::from_utf8_lossy(strip_sentinels(modinfo)).into_owned(),
    })
}

/// Reads a uvarint-length-prefixed string and advances `rest` past it.
fn inline_string<'a>(rest: &mut &'a [u8], max: u64) -> Result<&'a [u8], String> {
    let mut len = 0u64;
    let mut used = 0usize;
    loop {
        let b = *rest.get(used).ok_or("truncated string length")?;
        if used >= 9 {
            return Err("string length overflows".into());
        }
        len |= u64::from(b & 0x7f) << (7 * used);
        used += 1;
        if b & 0x80 == 0 {
            break;
        }
    }
    if len > max || len > (rest.len() - used) as u64 {
        return Err(format!("string of {len} bytes does not fit"));
    }
    let s = &rest[used..used + len as usize];
    *rest = &rest[used + len as usize..];
    Ok(s)
}

/// The bytes at virtual address `addr`, if a segment (or, lacking segments, a
/// section) maps them from the file.
fn mapped<'d>(obj: &object::File<'d>, addr: u64, len: u64) -> Option<&'d [u8]> {
    obj.segments()
        .find_map(|s| s.data_range(addr, len).ok().flatten())
        .or_else(|| {
            obj.sections()
                .find_map(|s| s.data_range(addr, len).ok().flatten())
        })
}

/// Removes the 16-byte sentinels the linker puts around the module text.
fn strip_sentinels(m: &[u8]) -> &[u8] {
    if m.len() >= 33 && m[m.len() - 17] == b'\n' {
        &m[16..m.len() - 16]
    } else {
        m
    }
}

/// The packages of a decoded build info, located at `location`.
pub(crate) fn packages(info: &BuildInfo, location: &str) -> Vec<Package> {
    /// A module line: path, version, and its `=>` replacement if any.
    struct Module<'a> {
        path: &'a str,
        version: &'a str,
        replace: Option<(&'a str, &'a str)>,
    }
    let mut main: Option<Module<'_>> = None;
    let mut deps: Vec<Module<'_>> = Vec::new();
    let mut last_is_main = false;
    for line in info.modinfo.lines() {
        let mut f = line.split('\t');
        let (kind, path, version) = (f.next(), f.next().unwrap_or(""), f.next().unwrap_or(""));
        match kind {
            Some("mod") => {
                main = Some(Module {
                    path,
                    version,
                    replace: None,
                });
                last_is_main = true;
            }
            Some("dep") => {
                deps.push(Module {
                    path,
                    version,
                    replace: None,
                });
                last_is_main = false;
            }
            Some("=>") => {
                let target = if last_is_main {
                    main.as_mut()
                } else {
                    deps.last_mut()
                };
                if let Some(m) = target {
                    m.replace = Some((path, version));
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    let mut push = |m: &Module<'_>| {
        // A replacement by a local directory has no version or `(devel)` (as has a
        // main module built from a checkout): its code is not the registry
        // module's, so no registry version can describe it.
        let (path, version) = m.replace.unwrap_or((m.path, m.version));
        if path.is_empty() || version.is_empty() || version == "(devel)" {
            return;
        }
        out.push(Package::new(Ecosystem::Go, path, version, location));
    };
    if let Some(m) = &main {
        push(m);
    }
    for d in &deps {
        push(d);
    }
    if let Some(v) = stdlib_version(&info.go_version) {
        out.push(Package::new(Ecosystem::Go, "stdlib", v, location));
    }
    out
}

/// `go1.21.5` (optionally followed by ` X:experiment`) → `v1.21.5`; development
/// toolchains (`devel …`) have no release version.
fn stdlib_version(go: &str) -> Option<String> {
    let v = go.split_whitespace().next()?.strip_prefix("go")?;
    v.starts_with(|c: char| c.is_ascii_digit())
        .then(|| format!("v{v}"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap.
mod tests {
    use super::*;

    #[test]
    fn stdlib_versions() {
        assert_eq!(stdlib_version("go1.21.5").as_deref(), Some("v1.21.5"));
        assert_eq!(
            stdlib_version("go1.22.1 X:boringcrypto").as_deref(),
            Some("v1.22.1")
        );
        assert_eq!(stdlib_version("devel go1.23-abc"), None);
    }

    #[test]
    fn uvarint_bounds() {
        let mut r: &[u8] = &[0x03, b'a', b'b', b'c', 0x01];
        assert_eq!(inline_string(&mut r, 10).unwrap(), b"abc");
        assert!(inline_string(&mut r, 10).is_err()); // 1 byte promised, none left
        let mut r: &[u8] = &[0xff; 12];
        assert!(inline_string(&mut r, u64::MAX).is_err());
        let mut r: &[u8] = &[0x80, 0x01];
        assert!(inline_string(&mut r, 100).unwrap_err().contains("128"));
    }

    #[test]
    fn modinfo_replacements() {
        let info = BuildInfo {
            go_version: "go1.21.5".into(),
            modinfo: "path\texample.com/app/cmd/app\nmod\texample.com/app\t(devel)\t\ndep\tgolang.org/x/sys\tv0.1.0\th1:x=\n=>\tgolang.org/x/sys\tv0.2.0\th1:y=\ndep\texample.com/local\tv1.0.0\n=>\t../local\t\ndep\texample.com/tool\tv0.0.0-00010101000000-000000000000\n=>\t./internal/tool\t(devel)\t\ndep\tgithub.com/a/b\tv1.2.3\th1:z=\nbuild\t-compiler=gc\n".into(),
        };
        let p = packages(&info, "/app");
        let got: Vec<_> = p
            .iter()
            .map(|p| (p.name.as_str(), p.version.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("golang.org/x/sys", "v0.2.0"),
                ("github.com/a/b", "v1.2.3"),
                ("stdlib", "v1.21.5")
            ]
        );
    }
}
