//! npm `package-lock.json` (and `npm-shrinkwrap.json`), lockfile versions 1, 2
//! and 3.
//!
//! v2 and v3 are read from `packages`, whose keys are install paths: every key
//! with a `node_modules/` segment is an installed package, its name the part after
//! the last `node_modules/` unless the entry records the real `name` (npm
//! aliases). `link: true` entries (workspaces, `file:` directories) are resolved to
//! the entry at their `resolved` path and reported under the link's name when that
//! entry has a version. The root project (key `""`) and workspace folders that
//! nothing links to are not dependencies and are skipped. v1 files (no
//! `packages`) are read from the nested `dependencies` tree; there, aliases are
//! spelled `npm:real-name@version`, and `file:`/`link:`/git/URL versions, which
//! identify no registry release, are skipped.
//!
//! `dev: true` marks development-only packages; `devOptional` (dev in one path,
//! optional in another) is not dev-only. Nesting in v1 is bounded by serde_json's
//! recursion limit.

use super::Lockfile;
use crate::{Ecosystem, Package};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The `package-lock.json` analyzer.
pub const ANALYZER: Lockfile = Lockfile {
    id: "npm-package-lock",
    version: 2,
    claims: |name| name == "package-lock.json" || name == "npm-shrinkwrap.json",
    parse,
};

#[derive(Deserialize)]
struct Lock {
    #[serde(default)]
    packages: Option<BTreeMap<String, Entry>>,
    #[serde(default)]
    dependencies: BTreeMap<String, V1Entry>,
}

#[derive(Deserialize)]
struct Entry {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    version: Option<String>,
    #[serde(default)]
    resolved: Option<String>,
    #[serde(default)]
    link: bool,
    #[serde(default)]
    dev: bool,
}

#[derive(Deserialize)]
struct V1Entry {
    #[serde(default)]
    version: Option<String>,
    #[serde(default)]
    dev: bool,
    #[serde(default)]
    dependencies: BTreeMap<String, V1Entry>,
}

fn parse(content: &[u8], location: &str) -> Result<Vec<Package>, String> {
    let lock: Lock =
        serde_json::from_slice(content).map_err(|e| format!("invalid package-lock.json: {e}"))?;
    let mut out = Vec::new();
    match &lock.packages {
        Some(packages) => {
            for (key, entry) in packages {
                let Some(i) = key.rfind("node_modules/") else {
                    continue;
                };
                let path_name = &key[i + "node_modules/".len()..];
                let target = if entry.link {
                    match entry.resolved.as_deref().and_then(|r| packages.get(r)) {
                        Some(t) => t,
                        None => continue,
                    }
                } else {
                    entry
                };
                let Some(version) = target.version.as_deref().filter(|v| !v.is_empty()) else {
                    continue;
                };
                // A link's own name is the one dependents import; an alias's
                // `name` is the real package.
                let name = if entry.link {
                    path_name
                } else {
                    entry.name.as_deref().unwrap_or(path_name)
                };
                if name.is_empty() {
                    continue;
                }
                let mut p = Package::new(Ecosystem::Npm, name, version, location);
                // npm records `dev` on a link's target, not on the link.
                p.dev = entry.dev || target.dev;
                out.push(p);
            }
        }
        None => walk_v1(&lock.dependencies, location, &mut out),
    }
    Ok(out)
}

fn walk_v1(deps: &BTreeMap<String, V1Entry>, location: &str, out: &mut Vec<Package>) {
    for (name, entry) in deps {
        if let Some(v) = entry.version.as_deref() {
            let (name, version) = match v.strip_prefix("npm:") {
                Some(alias) => super::split_at_version(alias).unwrap_or_default(),
                None => (name.as_str(), v),
            };
            // Registry versions hold neither `:` nor `/`; file:, git+https:, URLs do.
            if !name.is_empty() && !version.is_empty() && !version.contains([':', '/']) {
                let mut p = Package::new(Ecosystem::Npm, name, version, location);
                p.dev = entry.dev;
                out.push(p);
            }
        }
        walk_v1(&entry.dependencies, location, out);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests may unwrap
mod tests {
    use super::*;
    use crate::lang::lockfiles::dedupe;

    fn got(s: &str) -> Vec<(String, String, bool)> {
        dedupe(parse(s.as_bytes(), "/package-lock.json").unwrap())
            .into_iter()
            .map(|p| (p.name, p.version, p.dev))
            .collect()
    }

    fn want(v: &[(&str, &str, bool)]) -> Vec<(String, String, bool)> {
        v.iter()
            .map(|(a, b, c)| (a.to_string(), b.to_string(), *c))
            .collect()
    }

    #[test]
    fn v3_links_aliases_nesting_and_dev() {
        let lock = r#"{"lockfileVersion": 3, "packages": {
            "": {"name": "root", "version": "1.0.0", "workspaces": ["packages/*"]},
            "packages/a": {"name": "@s/a", "version": "2.0.0"},
            "packages/unlinked": {"version": "9.9.9"},
            "packages/noversion": {},
            "node_modules/@s/a": {"resolved": "packages/a", "link": true},
            "node_modules/b": {"resolved": "packages/noversion", "link": true},
            "node_modules/dangling": {"resolved": "nowhere", "link": true},
            "node_modules/debug": {"version": "2.6.9", "dev": true},
            "node_modules/x/node_modules/debug": {"version": "2.6.9"},
            "node_modules/@types/node": {"version": "20.0.0", "dev": true},
            "node_modules/string-width-cjs": {"name": "string-width", "version": "4.2.3"},
            "packages/a/node_modules/ms": {"version": "2.0.0", "devOptional": true}
        }}"#;
        assert_eq!(
            got(lock),
            want(&[
                ("@s/a", "2.0.0", false),
                ("@types/node", "20.0.0", true),
                ("debug", "2.6.9", false),
                ("string-width", "4.2.3", false),
                ("ms", "2.0.0", false),
            ])
        );
    }

    #[test]
    fn v1_nested_aliases_and_local_versions() {
        let lock = r#"{"lockfileVersion": 1, "dependencies": {
            "a": {"version": "1.0.0", "dependencies": {"b": {"version": "2.0.0", "dev": true}}},
            "sw": {"version": "npm:string-width@4.2.3"},
            "local": {"version": "file:../local"},
            "gitdep": {"version": "git+https://github.com/x/y.git#abc"}
        }}"#;
        assert_eq!(
            got(lock),
            want(&[
                ("a", "1.0.0", false),
                ("b", "2.0.0", true),
                ("string-width", "4.2.3", false)
            ])
        );
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(parse(b"{\"packages\": 3}", "/x")
            .unwrap_err()
            .starts_with("invalid package-lock.json"));
        let deep = "{\"dependencies\":{\"a\":".repeat(200);
        assert!(parse(deep.as_bytes(), "/x").is_err());
    }
}
