//! PHP packages installed by Composer: `vendor/composer/installed.json`, in the
//! Composer 1 form (a JSON array of packages) and the Composer 2 form
//! (`{"packages": [...], "dev": bool, "dev-package-names": [...]}`).
//!
//! We keep `name`, `version` (as written, e.g. `v6.3.0`, not `version_normalized`)
//! and `license`, and mark Composer 2's dev packages as `dev`. `composer.lock`
//! belongs to `lang::lockfiles`; a vendor directory configured under another
//! name than `vendor` is not recognised.

use super::location;
use crate::{Analysis, AnalyzeError, Analyzer, Ecosystem, FileMeta, Package};
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashSet;

/// Reads `vendor/composer/installed.json`.
pub struct ComposerInstalledAnalyzer;

impl Analyzer for ComposerInstalledAnalyzer {
    fn id(&self) -> &'static str {
        "composer-installed"
    }
    fn version(&self) -> u32 {
        1
    }
    fn required(&self, path: &str, _meta: &FileMeta) -> bool {
        path == "vendor/composer/installed.json"
            || path.ends_with("/vendor/composer/installed.json")
    }
    fn max_size(&self) -> u64 {
        32 << 20
    }
    fn analyze(&self, path: &str, content: &[u8]) -> Result<Analysis, AnalyzeError> {
        let file: Installed = serde_json::from_slice(content)
            .map_err(|e| AnalyzeError::parse(path, format!("invalid installed.json: {e}")))?;
        let (entries, dev_names) = match file {
            Installed::V1(entries) => (entries, HashSet::new()),
            Installed::V2 {
                packages,
                dev_package_names,
            } => (packages, dev_package_names.into_iter().collect()),
        };
        let loc = location(path);
        let packages = entries
            .into_iter()
            .filter_map(|e| {
                let name = e.name.as_ref()?.as_str()?.trim();
                let version = e.version.as_ref()?.as_str()?.trim();
                if name.is_empty() || version.is_empty() {
                    return None;
                }
                let mut pkg = Package::new(Ecosystem::Composer, name, version, loc.clone());
                pkg.dev = dev_names.contains(name);
                pkg.licenses = match e.license {
                    Some(Value::String(s)) => vec![s],
                    Some(Value::Array(a)) => a
                        .into_iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect(),
                    _ => Vec::new(),
                };
                pkg.licenses.retain(|l| !l.is_empty());
                Some(pkg)
            })
            .collect();
        Ok(Analysis {
            packages,
            ..Analysis::default()
        })
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Installed {
    V1(Vec<Entry>),
    V2 {
        packages: Vec<Entry>,
        #[serde(default, rename = "dev-package-names")]
        dev_package_names: Vec<String>,
    },
}

#[derive(Deserialize)]
struct Entry {
    #[serde(default)]
    name: Option<Value>,
    #[serde(default)]
    version: Option<Value>,
    #[serde(default)]
    license: Option<Value>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap.
mod tests {
    use super::*;

    #[test]
    fn composer1_array() {
        let j = br#"[{"name":"monolog/monolog","version":"1.27.1","version_normalized":"1.27.1.0","license":["MIT"]},{"name":"x/no-version"}]"#;
        let r = ComposerInstalledAnalyzer
            .analyze("app/vendor/composer/installed.json", j)
            .unwrap();
        assert_eq!(r.packages.len(), 1);
        assert_eq!(r.packages[0].name, "monolog/monolog");
        assert_eq!(r.packages[0].licenses, vec!["MIT"]);
        assert_eq!(
            r.packages[0].location,
            "/app/vendor/composer/installed.json"
        );
    }

    #[test]
    fn composer2_object_marks_dev() {
        let j = br#"{"packages":[{"name":"psr/log","version":"3.0.0","license":"MIT"},{"name":"phpunit/phpunit","version":"10.5.1"}],"dev":true,"dev-package-names":["phpunit/phpunit"]}"#;
        let r = ComposerInstalledAnalyzer
            .analyze("vendor/composer/installed.json", j)
            .unwrap();
        assert_eq!(r.packages.len(), 2);
        assert!(!r.packages[0].dev);
        assert!(r.packages[1].dev);
        assert_eq!(r.packages[0].licenses, vec!["MIT"]);
    }

    #[test]
    fn other_json_is_an_error() {
        let e = ComposerInstalledAnalyzer
            .analyze("vendor/composer/installed.json", b"{\"a\":1}")
            .unwrap_err();
        assert!(e.to_string().contains("invalid installed.json"), "{e}");
    }
}
