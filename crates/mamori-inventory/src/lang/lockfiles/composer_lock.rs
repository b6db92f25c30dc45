//! PHP `composer.lock`: `packages` and `packages-dev` (reported `dev`).
//!
//! A leading `v` before a digit is removed from versions (`v1.27.0` → `1.27.0`):
//! tags are commonly spelled with it, Composer normalises it away, and Packagist
//! advisories use the bare number, so matching needs the bare form. Branch
//! versions (`dev-main`) are kept as recorded. This is the Trivy behaviour too.

use super::Lockfile;
use crate::{Ecosystem, Package};
use serde::Deserialize;

/// The `composer.lock` analyzer.
pub const ANALYZER: Lockfile = Lockfile {
    id: "composer-lock",
    version: 2,
    claims: |name| name == "composer.lock",
    parse,
};

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Lock {
    #[serde(default)]
    packages: Option<Vec<Entry>>,
    #[serde(default)]
    packages_dev: Option<Vec<Entry>>,
}

#[derive(Deserialize)]
struct Entry {
    name: String,
    version: String,
    /// A list of SPDX ids, though older locks hold a single string.
    #[serde(default)]
    license: serde_json::Value,
}

fn licenses(v: serde_json::Value) -> Vec<String> {
    match v {
        serde_json::Value::String(s) => vec![s],
        serde_json::Value::Array(a) => a
            .into_iter()
            .filter_map(|l| match l {
                serde_json::Value::String(s) => Some(s),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn parse(content: &[u8], location: &str) -> Result<Vec<Package>, String> {
    let lock: Lock =
        serde_json::from_slice(content).map_err(|e| format!("invalid composer.lock: {e}"))?;
    let mut out = Vec::new();
    for (list, dev) in [(lock.packages, false), (lock.packages_dev, true)] {
        for e in list.unwrap_or_default() {
            let v = e.version.as_str();
            let v = match v.strip_prefix(['v', 'V']) {
                Some(rest) if rest.starts_with(|c: char| c.is_ascii_digit()) => rest,
                _ => v,
            };
            if e.name.is_empty() || v.is_empty() {
                continue;
            }
            let mut p = Package::new(Ecosystem::Composer, e.name.as_str(), v, location);
            p.dev = dev;
            p.licenses = licenses(e.license);
            out.push(p);
        }
    }
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests may unwrap
mod tests {
    use super::*;

    #[test]
    fn packages_and_dev_packages() {
        let lock = r#"{"packages": [{"name": "guzzlehttp/guzzle", "version": "6.5.8", "license": ["MIT"]},
            {"name": "laravel/framework", "version": "v10.0.0"}, {"name": "x/y", "version": "dev-main", "license": "BSD-3-Clause"}],
            "packages-dev": [{"name": "phpunit/phpunit", "version": "V9.6.0"}], "packages-dev-x": null}"#;
        let p = parse(lock.as_bytes(), "/composer.lock").unwrap();
        let got: Vec<(&str, &str, bool)> = p
            .iter()
            .map(|p| (p.name.as_str(), p.version.as_str(), p.dev))
            .collect();
        assert_eq!(
            got,
            [
                ("guzzlehttp/guzzle", "6.5.8", false),
                ("laravel/framework", "10.0.0", false),
                ("x/y", "dev-main", false),
                ("phpunit/phpunit", "9.6.0", true),
            ]
        );
        assert_eq!(p[0].licenses, ["MIT"]);
        assert_eq!(p[2].licenses, ["BSD-3-Clause"]);
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(parse(b"\"x\"", "/x")
            .unwrap_err()
            .starts_with("invalid composer.lock"));
        assert!(parse(b"{\"packages\": [{\"name\": 1}]}", "/x").is_err());
    }
}
