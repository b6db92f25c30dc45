//! npm packages installed in `node_modules`: the `package.json` at the root of each
//! installed package (`node_modules/NAME/package.json`,
//! `node_modules/@SCOPE/NAME/package.json`, at any nesting depth and in global
//! install directories such as `usr/local/lib/node_modules`).
//!
//! Only `name`, `version` and the licence are read. A project's own
//! `package.json` outside `node_modules` is deliberately not claimed (it declares,
//! it does not install), nor are the `package.json` files deeper inside a package
//! (`node_modules/x/dist/esm/package.json`), which describe build outputs.

use super::location;
use crate::{Analysis, AnalyzeError, Analyzer, Ecosystem, FileMeta, Package};
use serde::Deserialize;
use serde_json::Value;

/// Reads `node_modules/**/package.json`.
pub struct NodeModulesAnalyzer;

impl Analyzer for NodeModulesAnalyzer {
    fn id(&self) -> &'static str {
        "node-installed"
    }
    fn version(&self) -> u32 {
        1
    }
    fn required(&self, path: &str, _meta: &FileMeta) -> bool {
        let Some(dir) = path.strip_suffix("/package.json") else {
            return false;
        };
        // The package directory is `node_modules/NAME` or `node_modules/@SCOPE/NAME`.
        let mut rev = dir.rsplit('/');
        let (Some(name), Some(parent)) = (rev.next(), rev.next()) else {
            return false;
        };
        if name.is_empty() || name.starts_with('.') {
            return false;
        }
        if parent == "node_modules" {
            return !name.starts_with('@');
        }
        parent.starts_with('@') && parent.len() > 1 && rev.next() == Some("node_modules")
    }
    fn max_size(&self) -> u64 {
        4 << 20
    }
    fn analyze(&self, path: &str, content: &[u8]) -> Result<Analysis, AnalyzeError> {
        let manifest: Manifest = serde_json::from_slice(content)
            .map_err(|e| AnalyzeError::parse(path, format!("invalid package.json: {e}")))?;
        let packages = manifest.into_package(&location(path)).into_iter().collect();
        Ok(Analysis {
            packages,
            ..Analysis::default()
        })
    }
}

/// The fields of `package.json` we use; everything else is skipped unparsed.
#[derive(Deserialize)]
struct Manifest {
    #[serde(default)]
    name: Option<Value>,
    #[serde(default)]
    version: Option<Value>,
    #[serde(default)]
    license: Option<Value>,
    #[serde(default)]
    licenses: Option<Value>,
}

impl Manifest {
    /// The package, or `None` when `name` or `version` is missing or not a string
    /// (placeholder manifests inside packages often have neither).
    fn into_package(self, location: &str) -> Option<Package> {
        let name = self.name.as_ref()?.as_str()?.trim();
        let version = self.version.as_ref()?.as_str()?.trim();
        if name.is_empty() || version.is_empty() {
            return None;
        }
        let mut pkg = Package::new(Ecosystem::Npm, name, version, location);
        let mut licenses = Vec::new();
        // `"license": "MIT"`, the deprecated `{"type": "MIT"}` and `"licenses": [{"type": …}]`.
        for v in self.license.iter().chain(
            self.licenses
                .as_ref()
                .and_then(Value::as_array)
                .into_iter()
                .flatten(),
        ) {
            let l = match v {
                Value::String(s) => Some(s.as_str()),
                Value::Object(o) => o.get("type").and_then(Value::as_str),
                _ => None,
            };
            if let Some(l) = l.map(str::trim).filter(|l| !l.is_empty()) {
                licenses.push(l.to_string());
            }
        }
        pkg.licenses = licenses;
        Some(pkg)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap.
mod tests {
    use super::*;

    fn meta() -> FileMeta {
        FileMeta {
            size: 10,
            mode: 0o644,
        }
    }

    #[test]
    fn claims_only_package_roots_in_node_modules() {
        let a = NodeModulesAnalyzer;
        for p in [
            "app/node_modules/lodash/package.json",
            "node_modules/@babel/core/package.json",
            "usr/local/lib/node_modules/npm/package.json",
            "usr/local/lib/node_modules/npm/node_modules/semver/package.json",
        ] {
            assert!(a.required(p, &meta()), "{p}");
        }
        for p in [
            "app/package.json",
            "package.json",
            "node_modules/package.json",
            "node_modules/@babel/package.json",
            "node_modules/lodash/dist/package.json",
            "node_modules/.bin/package.json",
            "node_modules/@/x/package.json",
            "node_modules/@s/x/y/package.json",
        ] {
            assert!(!a.required(p, &meta()), "{p}");
        }
    }

    #[test]
    fn licence_forms() {
        let a = NodeModulesAnalyzer;
        let j =
            br#"{"name":"x","version":"1.0.0","licenses":[{"type":"MIT"},{"type":"Apache-2.0"}]}"#;
        let r = a.analyze("node_modules/x/package.json", j).unwrap();
        assert_eq!(r.packages[0].licenses, vec!["MIT", "Apache-2.0"]);
        let j = br#"{"name":"x","version":"1.0.0","license":{"type":"ISC"}}"#;
        let r = a.analyze("node_modules/x/package.json", j).unwrap();
        assert_eq!(r.packages[0].licenses, vec!["ISC"]);
    }

    #[test]
    fn skips_without_name_or_version() {
        let a = NodeModulesAnalyzer;
        for j in [
            &br#"{"type":"module"}"#[..],
            br#"{"name":"x"}"#,
            br#"{"name":1,"version":"1"}"#,
        ] {
            assert!(a
                .analyze("node_modules/x/package.json", j)
                .unwrap()
                .is_empty());
        }
        let e = a.analyze("node_modules/x/package.json", b"{").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("node_modules/x/package.json: invalid package.json"),
            "{e}"
        );
    }
}
