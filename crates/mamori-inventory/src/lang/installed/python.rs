//! Python distributions installed by pip and friends: `NAME.dist-info/METADATA`
//! (wheels), `NAME.egg-info/PKG-INFO` and single-file `NAME.egg-info` (setuptools,
//! Debian's `dist-packages`), in any `site-packages` or `dist-packages` directory.
//!
//! The format is the core-metadata one: RFC 822 style headers up to the first blank
//! line, then a free-text description that we never read. We keep `Name`,
//! `Version` and the licence (`License-Expression`, else a one-line `License`,
//! else the `License ::` trove classifiers). Zipped `.egg` files and `RECORD`
//! file lists are deliberately not read.

use super::{has_dir_component, location};
use crate::{Analysis, AnalyzeError, Analyzer, Ecosystem, FileMeta, Package};

/// Reads installed Python distribution metadata.
pub struct PythonInstalledAnalyzer;

/// Longest `License` header we treat as a licence name; longer ones are the full
/// licence text that some projects paste there.
const MAX_LICENSE_NAME: usize = 100;

impl Analyzer for PythonInstalledAnalyzer {
    fn id(&self) -> &'static str {
        "python-installed"
    }
    fn version(&self) -> u32 {
        1
    }
    fn required(&self, path: &str, _meta: &FileMeta) -> bool {
        let in_site =
            has_dir_component(path, "site-packages") || has_dir_component(path, "dist-packages");
        in_site
            && (path.ends_with(".dist-info/METADATA")
                || path.ends_with(".egg-info/PKG-INFO")
                || path.ends_with(".egg-info"))
    }
    fn max_size(&self) -> u64 {
        // METADATA embeds the README; a few MiB is already generous.
        8 << 20
    }
    fn analyze(&self, path: &str, content: &[u8]) -> Result<Analysis, AnalyzeError> {
        let text = String::from_utf8_lossy(content);
        let pkg =
            parse_metadata(&text, &location(path)).map_err(|m| AnalyzeError::parse(path, m))?;
        Ok(Analysis {
            packages: vec![pkg],
            ..Analysis::default()
        })
    }
}

/// Parses core metadata headers into a package located at `location`.
pub(crate) fn parse_metadata(text: &str, location: &str) -> Result<Package, String> {
    let mut name = None;
    let mut version = None;
    let mut license: Option<String> = None;
    let mut license_expr = None;
    let mut classifiers = Vec::new();
    // The header being read, so that continuation lines can extend `License`.
    let mut current: Option<&str> = None;
    let mut license_lines = 0usize;
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            break; // End of headers; the body is the description.
        }
        if line.starts_with([' ', '\t']) {
            if current == Some("license") {
                license_lines += 1;
            }
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            current = None;
            continue;
        };
        let value = value.trim();
        current = None;
        match key.trim().to_ascii_lowercase().as_str() {
            "name" => name = Some(value.to_string()),
            "version" => version = Some(value.to_string()),
            "license" => {
                current = Some("license");
                license = Some(value.to_string());
            }
            "license-expression" => license_expr = Some(value.to_string()),
            "classifier" => {
                if let Some(rest) = value.strip_prefix("License ::") {
                    // "License :: OSI Approved :: MIT License" -> "MIT License".
                    if let Some(last) = rest.rsplit("::").next().map(str::trim) {
                        if !last.is_empty() && last != "OSI Approved" {
                            classifiers.push(last.to_string());
                        }
                    }
                }
            }
            _ => {}
        }
    }
    let name = name.filter(|n| !n.is_empty()).ok_or("no Name header")?;
    let version = version
        .filter(|v| !v.is_empty())
        .ok_or_else(|| format!("package {name:?}: no Version header"))?;
    let mut pkg = Package::new(Ecosystem::Pypi, name, version, location);
    let license = license.filter(|l| {
        license_lines == 0
            && !l.is_empty()
            && l.len() <= MAX_LICENSE_NAME
            && !l.eq_ignore_ascii_case("unknown")
    });
    pkg.licenses = match (license_expr.filter(|l| !l.is_empty()), license) {
        (Some(expr), _) => vec![expr],
        (None, Some(l)) => vec![l],
        (None, None) => classifiers,
    };
    Ok(pkg)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap.
mod tests {
    use super::*;

    #[test]
    fn reads_headers_not_body() {
        let m = "Metadata-Version: 2.1\r\nName: requests\r\nVersion: 2.31.0\r\nLicense: Apache 2.0\r\n\r\nName: not-this\r\n";
        let p = parse_metadata(m, "/x").unwrap();
        assert_eq!(
            (p.name.as_str(), p.version.as_str()),
            ("requests", "2.31.0")
        );
        assert_eq!(p.licenses, vec!["Apache 2.0"]);
    }

    #[test]
    fn long_license_text_falls_back_to_classifiers() {
        let m = "Name: a\nVersion: 1\nLicense: Copyright (c) 2020\n        Permission is hereby granted\nClassifier: License :: OSI Approved :: MIT License\nClassifier: Programming Language :: Python\n";
        let p = parse_metadata(m, "/x").unwrap();
        assert_eq!(p.licenses, vec!["MIT License"]);
    }

    #[test]
    fn license_expression_wins() {
        let m = "Name: a\nVersion: 1\nLicense-Expression: MIT OR Apache-2.0\nLicense: UNKNOWN\n";
        assert_eq!(
            parse_metadata(m, "/x").unwrap().licenses,
            vec!["MIT OR Apache-2.0"]
        );
    }

    #[test]
    fn missing_version_is_an_error() {
        let e = parse_metadata("Name: a\n", "/x").unwrap_err();
        assert!(e.contains("no Version"), "{e}");
        assert!(parse_metadata("", "/x").unwrap_err().contains("no Name"));
    }
}
