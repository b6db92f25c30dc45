//! dpkg: `var/lib/dpkg/status`, distroless `var/lib/dpkg/status.d/*`, and the
//! `var/lib/dpkg/info/*.list` files that say which files each package owns.
//!
//! Only packages whose `Status` says they are unpacked on disk are reported
//! (config-files-only and not-installed entries are left out, as
//! `dpkg-query -W -f='${db:Status-Status}'` would show them). Distroless
//! `status.d` entries carry no `Status` and count as installed.

use crate::{file_name, Analysis, AnalyzeError, Analyzer, Ecosystem, FileMeta, Package};

/// Reads dpkg status databases.
pub struct DpkgStatusAnalyzer;

impl Analyzer for DpkgStatusAnalyzer {
    fn id(&self) -> &'static str {
        "dpkg"
    }
    fn version(&self) -> u32 {
        1
    }
    fn required(&self, path: &str, _meta: &FileMeta) -> bool {
        path == "var/lib/dpkg/status"
            || path
                .strip_prefix("var/lib/dpkg/status.d/")
                .is_some_and(|n| !n.contains('/') && !n.ends_with(".md5sums") && !n.is_empty())
    }
    fn analyze(&self, path: &str, content: &[u8]) -> Result<Analysis, AnalyzeError> {
        let text = String::from_utf8_lossy(content);
        let location = format!("/{path}");
        Ok(Analysis {
            packages: parse_status(&text, &location),
            ..Analysis::default()
        })
    }
}

/// Parses a dpkg status file (or one distroless status.d entry).
pub fn parse_status(text: &str, location: &str) -> Vec<Package> {
    let mut out = Vec::new();
    for para in paragraphs(text) {
        let mut name = None;
        let mut version = None;
        let mut arch = None;
        let mut source = None;
        let mut status = None;
        for (k, v) in fields(para) {
            match k {
                "Package" => name = Some(v.trim()),
                "Version" => version = Some(v.trim()),
                "Architecture" => arch = Some(v.trim()),
                "Source" => source = Some(v.trim()),
                "Status" => status = Some(v.trim()),
                _ => {}
            }
        }
        let (Some(name), Some(version)) = (name, version) else {
            continue;
        };
        if name.is_empty() || version.is_empty() {
            continue;
        }
        if let Some(status) = status {
            // "want flag state": keep packages whose files are on disk.
            let state = status.split_whitespace().nth(2).unwrap_or("");
            if matches!(state, "not-installed" | "config-files" | "") {
                continue;
            }
        }
        let mut pkg = Package::new(Ecosystem::Deb, name, version, location);
        pkg.arch = arch.filter(|a| !a.is_empty()).map(str::to_string);
        let (src_name, src_version) = match source {
            Some(s) => match s.split_once('(') {
                Some((n, v)) => (n.trim(), v.trim_end_matches(')').trim()),
                None => (s, version),
            },
            None => (name, version),
        };
        pkg.source_name = Some(src_name.to_string());
        pkg.source_version = Some(src_version.to_string());
        out.push(pkg);
    }
    out
}

/// Splits a deb822 document into paragraphs, tolerating CRLF and stray whitespace lines.
fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || loop {
        if rest.is_empty() {
            return None;
        }
        // Find the next blank (or whitespace-only) line.
        let mut end = rest.len();
        let mut next = rest.len();
        let mut offset = 0;
        for line in rest.split_inclusive('\n') {
            if line.trim().is_empty() {
                end = offset;
                next = offset + line.len();
                break;
            }
            offset += line.len();
        }
        let para = &rest[..end];
        rest = &rest[next..];
        if !para.trim().is_empty() {
            return Some(para);
        }
    })
}

/// The `Key: value` fields of a paragraph; continuation lines are folded in.
fn fields(para: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    for line in para.lines() {
        if line.starts_with([' ', '\t']) || line.starts_with('#') {
            continue;
        }
        if let Some((k, v)) = line.split_once(':') {
            out.push((k.trim(), v));
        }
    }
    out
}

/// Reads `var/lib/dpkg/info/NAME[:ARCH].list` files.
pub struct DpkgListAnalyzer;

impl Analyzer for DpkgListAnalyzer {
    fn id(&self) -> &'static str {
        "dpkg-list"
    }
    fn version(&self) -> u32 {
        1
    }
    fn required(&self, path: &str, _meta: &FileMeta) -> bool {
        path.strip_prefix("var/lib/dpkg/info/")
            .is_some_and(|n| n.ends_with(".list") && !n.contains('/'))
    }
    fn analyze(&self, path: &str, content: &[u8]) -> Result<Analysis, AnalyzeError> {
        let base = file_name(path).trim_end_matches(".list");
        let name = base.split(':').next().unwrap_or(base).to_string();
        let text = String::from_utf8_lossy(content);
        let files: Vec<String> = text
            .lines()
            .map(str::trim)
            .filter(|l| l.starts_with('/') && l.len() > 1 && *l != "/.")
            .map(str::to_string)
            .collect();
        Ok(Analysis {
            owned_files: vec![(name, files)],
            ..Analysis::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_with_source_and_states() {
        let text = "Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nSource: glibc (2.36-9)\nVersion: 2.36-9+deb12u4\nDescription: x\n multi\n\n\
Package: gone\nStatus: deinstall ok config-files\nVersion: 1.0\n\n\
Package: bash\nStatus: install ok installed\nVersion: 5.2-1\nArchitecture: amd64\n";
        let pkgs = parse_status(text, "/var/lib/dpkg/status");
        assert_eq!(pkgs.len(), 2);
        assert_eq!(pkgs[0].source_name.as_deref(), Some("glibc"));
        assert_eq!(pkgs[0].source_version.as_deref(), Some("2.36-9"));
        assert_eq!(pkgs[1].source_name.as_deref(), Some("bash"));
        assert_eq!(pkgs[1].source_version.as_deref(), Some("5.2-1"));
    }

    #[test]
    fn list_files() {
        let a = DpkgListAnalyzer
            .analyze(
                "var/lib/dpkg/info/libc6:amd64.list",
                b"/.\n/lib\n/lib/x86_64-linux-gnu/libc.so.6\n",
            )
            .unwrap();
        assert_eq!(a.owned_files[0].0, "libc6");
        assert_eq!(a.owned_files[0].1.len(), 2);
    }
}
