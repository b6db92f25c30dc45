//! apk: `lib/apk/db/installed`, the Alpine package database.
//!
//! Records are blank-line separated; each line is `X:value`. We keep `P` (name),
//! `V` (version), `A` (arch), `o` (origin, the source package), `L` (licence) and
//! build the owned-file list from `F` (folder) and `R` (file) lines.

use crate::{Analysis, AnalyzeError, Analyzer, Ecosystem, FileMeta, Package};

/// Reads the apk installed database.
pub struct ApkAnalyzer;

impl Analyzer for ApkAnalyzer {
    fn id(&self) -> &'static str {
        "apk"
    }
    fn version(&self) -> u32 {
        1
    }
    fn required(&self, path: &str, _meta: &FileMeta) -> bool {
        path == "lib/apk/db/installed"
    }
    fn analyze(&self, path: &str, content: &[u8]) -> Result<Analysis, AnalyzeError> {
        let text = String::from_utf8_lossy(content);
        Ok(Analysis {
            packages: parse_installed(&text, &format!("/{path}")),
            ..Analysis::default()
        })
    }
}

/// Parses an apk `installed` database.
pub fn parse_installed(text: &str, location: &str) -> Vec<Package> {
    let mut out = Vec::new();
    let mut cur: Option<Package> = None;
    let mut dir = String::new();
    let flush = |cur: &mut Option<Package>, out: &mut Vec<Package>| {
        if let Some(p) = cur.take() {
            if !p.name.is_empty() && !p.version.is_empty() {
                out.push(p);
            }
        }
    };
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            flush(&mut cur, &mut out);
            dir.clear();
            continue;
        }
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let pkg = cur.get_or_insert_with(|| Package::new(Ecosystem::Apk, "", "", location));
        match k {
            "P" => pkg.name = v.to_string(),
            "V" => pkg.version = v.to_string(),
            "A" => pkg.arch = Some(v.to_string()),
            "o" => pkg.source_name = Some(v.to_string()),
            "L" if !v.is_empty() => pkg.licenses = vec![v.to_string()],
            "F" => dir = v.to_string(),
            "R" => {
                let f = if dir.is_empty() {
                    format!("/{v}")
                } else {
                    format!("/{dir}/{v}")
                };
                pkg.files.push(f);
            }
            _ => {}
        }
    }
    flush(&mut cur, &mut out);
    for p in &mut out {
        // Alpine advisories are keyed by origin; a package without one is its own origin.
        if p.source_name.is_none() {
            p.source_name = Some(p.name.clone());
        }
        p.source_version = Some(p.version.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_records() {
        let db = "C:Q1abc=\nP:musl\nV:1.2.4-r2\nA:x86_64\no:musl\nL:MIT\nF:lib\nR:ld-musl-x86_64.so.1\nR:libc.musl-x86_64.so.1\n\nP:busybox-binsh\nV:1.36.1-r15\nA:x86_64\no:busybox\nF:bin\nR:sh\n";
        let p = parse_installed(db, "/lib/apk/db/installed");
        assert_eq!(p.len(), 2);
        assert_eq!(
            p[0].files,
            vec!["/lib/ld-musl-x86_64.so.1", "/lib/libc.musl-x86_64.so.1"]
        );
        assert_eq!(p[1].source_name.as_deref(), Some("busybox"));
    }
}
