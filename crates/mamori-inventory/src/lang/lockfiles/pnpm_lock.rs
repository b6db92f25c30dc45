//! pnpm `pnpm-lock.yaml`, lockfile versions 5.x, 6.x and 9.x.
//!
//! The `packages` keys differ by version: `/name/1.0.0_peer@2.0.0` (v5),
//! `/name@1.0.0(peer@2.0.0)` (v6) and `name@1.0.0` (v9, whose peer variants live
//! in `snapshots`); scoped names keep their `@scope/`. Entries that record their
//! own `name` and `version` (git, tarball and directory dependencies) are reported
//! with those.
//!
//! Development-only packages: v5 and v6 mark them `dev: true`. v9 does not, so the
//! graph is walked: a package is `dev` when it is reachable from an importer's
//! `devDependencies` but from no importer's `dependencies` or
//! `optionalDependencies`.
//!
//! pnpm 11+ may write several YAML documents; a document that only holds pnpm's
//! own environment (`configDependencies`, `packageManagerDependencies`) describes
//! the package manager, not the project, and is skipped, as Trivy does. Every
//! other document contributes its packages.

use super::{split_at_version, text, Lockfile};
use crate::{Ecosystem, Package};
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};

/// The `pnpm-lock.yaml` analyzer.
pub const ANALYZER: Lockfile = Lockfile {
    id: "pnpm-lock",
    version: 2,
    claims: |name| name == "pnpm-lock.yaml",
    parse,
};

type Deps = BTreeMap<String, DepRef>;

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Doc {
    #[serde(default)]
    lockfile_version: Option<serde_norway::Value>,
    #[serde(default)]
    importers: BTreeMap<String, Importer>,
    // Single-project v5/v6 files keep the importer's fields at the top level.
    #[serde(flatten)]
    top: Importer,
    #[serde(default)]
    packages: BTreeMap<String, Entry>,
    #[serde(default)]
    snapshots: BTreeMap<String, Snapshot>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Importer {
    #[serde(default)]
    dependencies: Deps,
    #[serde(default)]
    optional_dependencies: Deps,
    #[serde(default)]
    dev_dependencies: Deps,
    #[serde(default)]
    config_dependencies: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    package_manager_dependencies: Option<serde::de::IgnoredAny>,
}

impl Importer {
    fn has_project_deps(&self) -> bool {
        !(self.dependencies.is_empty()
            && self.optional_dependencies.is_empty()
            && self.dev_dependencies.is_empty())
    }
    fn has_env_deps(&self) -> bool {
        self.config_dependencies.is_some() || self.package_manager_dependencies.is_some()
    }
}

/// A dependency's resolved version: a plain string (v5) or
/// `{specifier, version}` (v6+ importers). Read as a YAML value so that a
/// version YAML would type as a number (`1.10`) still reads back as written.
type DepRef = serde_norway::Value;

fn dep_version(v: &DepRef) -> Option<String> {
    match v {
        serde_norway::Value::String(s) => Some(s.clone()),
        serde_norway::Value::Number(n) => Some(n.to_string()),
        serde_norway::Value::Mapping(m) => match m.get("version")? {
            serde_norway::Value::String(s) => Some(s.clone()),
            serde_norway::Value::Number(n) => Some(n.to_string()),
            _ => None,
        },
        _ => None,
    }
}

#[derive(Deserialize)]
struct Entry {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    version: Option<String>,
    #[serde(default)]
    dev: Option<bool>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Snapshot {
    #[serde(default)]
    dependencies: BTreeMap<String, String>,
    #[serde(default)]
    optional_dependencies: BTreeMap<String, String>,
}

fn parse(content: &[u8], location: &str) -> Result<Vec<Package>, String> {
    let text = text(content)?;
    super::check_flow_depth(&text, 256).map_err(|e| format!("invalid pnpm-lock.yaml: {e}"))?;
    let mut out = Vec::new();
    for (i, de) in serde_norway::Deserializer::from_str(&text).enumerate() {
        let doc = Option::<Doc>::deserialize(de)
            .map_err(|e| format!("invalid pnpm-lock.yaml: document {}: {e}", i + 1))?
            .unwrap_or_default();
        let importers: Vec<&Importer> = doc.importers.values().chain([&doc.top]).collect();
        let env_only = importers.iter().any(|i| i.has_env_deps())
            && !importers.iter().any(|i| i.has_project_deps());
        if !env_only {
            read_doc(&doc, &importers, location, &mut out);
        }
    }
    Ok(out)
}

fn major(doc: &Doc) -> u32 {
    let v = match &doc.lockfile_version {
        Some(serde_norway::Value::String(s)) => s.clone(),
        Some(serde_norway::Value::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    match v.split('.').next().and_then(|m| m.parse().ok()) {
        Some(m) => m,
        // No usable version: v9 keys have no leading slash.
        None if doc.packages.keys().all(|k| !k.starts_with('/')) => 9,
        None => 6,
    }
}

fn read_doc(doc: &Doc, importers: &[&Importer], location: &str, out: &mut Vec<Package>) {
    let major = major(doc);
    let dev_only = if major >= 9 {
        dev_only_v9(doc, importers)
    } else {
        HashSet::new()
    };
    for (key, e) in &doc.packages {
        let (name, version) = match (&e.name, &e.version) {
            (Some(n), Some(v)) => (n.as_str(), v.as_str()),
            _ => match parse_key(key, major) {
                Some(nv) => nv,
                None => continue,
            },
        };
        if name.is_empty() || version.is_empty() {
            continue;
        }
        let mut p = Package::new(Ecosystem::Npm, name, version, location);
        p.dev = if major >= 9 {
            dev_only.contains(key.as_str())
        } else {
            e.dev == Some(true)
        };
        out.push(p);
    }
}

/// `(name, version)` from a `packages` key; `None` for keys that are not
/// registry packages (those must carry `name` and `version` fields).
fn parse_key(key: &str, major: u32) -> Option<(&str, &str)> {
    let (name, version) = if major < 6 {
        let k = key.strip_prefix('/')?;
        let (name, rest) = k.rsplit_once('/')?;
        (name, rest.split('_').next()?)
    } else {
        let k = key.strip_prefix('/').unwrap_or(key);
        let k = k.split('(').next()?;
        split_at_version(k)?
    };
    if version.contains([':', '/']) {
        return None;
    }
    Some((name, version))
}

/// The snapshot key a dependency points at: `name@version`, or the version
/// itself for aliases (`alias: real@1.0.0`).
fn snapshot_key(name: &str, version: &str) -> Option<String> {
    if version.starts_with("link:") || version.starts_with("file:") {
        return None;
    }
    let base = version.split('(').next().unwrap_or(version);
    if split_at_version(base).is_some() {
        Some(version.to_string())
    } else {
        Some(format!("{name}@{version}"))
    }
}

/// v9 `packages` keys that only development dependencies reach.
fn dev_only_v9<'a>(doc: &'a Doc, importers: &[&Importer]) -> HashSet<&'a str> {
    let walk = |start: Vec<String>| -> HashSet<String> {
        let mut seen = HashSet::new();
        let mut stack = start;
        while let Some(k) = stack.pop() {
            let Some(snap) = doc.snapshots.get(&k) else {
                continue;
            };
            if !seen.insert(k) {
                continue;
            }
            for (n, v) in snap.dependencies.iter().chain(&snap.optional_dependencies) {
                if let Some(next) = snapshot_key(n, v) {
                    if !seen.contains(&next) {
                        stack.push(next);
                    }
                }
            }
        }
        // Back from snapshot keys (with peer suffixes) to package keys.
        seen.iter()
            .map(|k| k.split('(').next().unwrap_or(k).to_string())
            .collect()
    };
    let starts = |f: fn(&Importer) -> Vec<&Deps>| -> Vec<String> {
        importers
            .iter()
            .flat_map(|i| f(i))
            .flat_map(|d| d.iter())
            .filter_map(|(n, v)| snapshot_key(n, &dep_version(v)?))
            .collect()
    };
    let prod = walk(starts(|i| vec![&i.dependencies, &i.optional_dependencies]));
    let dev = walk(starts(|i| vec![&i.dev_dependencies]));
    doc.packages
        .keys()
        .map(String::as_str)
        .filter(|k| dev.contains(*k) && !prod.contains(*k))
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests may unwrap
mod tests {
    use super::*;

    fn got(s: &str) -> Vec<(String, String, bool)> {
        parse(s.as_bytes(), "/pnpm-lock.yaml")
            .unwrap()
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
    fn v5_keys_with_peer_suffixes() {
        let lock = "lockfileVersion: 5.4\n\nspecifiers:\n  a: ^1\n\ndependencies:\n  a: 1.0.0\n\npackages:\n\n  /a/1.0.0:\n    resolution: {integrity: sha1-x}\n    dev: false\n\n  /@types/node/20.1.0:\n    dev: true\n\n  /react-dom/18.0.0_react@18.0.0:\n    dev: false\n\n  github.com/u/r/abc123:\n    name: r\n    version: 0.1.0\n    dev: false\n\n  registry.example/x/1.0.0:\n    dev: false\n";
        assert_eq!(
            got(lock),
            want(&[
                ("@types/node", "20.1.0", true),
                ("a", "1.0.0", false),
                ("react-dom", "18.0.0", false),
                ("r", "0.1.0", false)
            ])
        );
    }

    #[test]
    fn v6_keys() {
        let lock = "lockfileVersion: '6.0'\n\ndependencies:\n  react:\n    specifier: 18.1.0\n    version: 18.1.0\n\npackages:\n\n  /@babel/runtime@7.22.3:\n    dev: false\n\n  /react-dom@18.1.0(react@18.1.0):\n    dev: true\n";
        assert_eq!(
            got(lock),
            want(&[
                ("@babel/runtime", "7.22.3", false),
                ("react-dom", "18.1.0", true)
            ])
        );
    }

    #[test]
    fn v9_dev_by_graph_and_env_documents_skipped() {
        let lock = "lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    configDependencies: {}\n    packageManagerDependencies:\n      pnpm:\n        specifier: ^11.7.0\n        version: 11.9.0\n\npackages:\n\n  pnpm@11.9.0:\n    resolution: {integrity: sha512-x}\n\nsnapshots:\n\n  pnpm@11.9.0: {}\n\n---\nlockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n      a:\n        specifier: ^1\n        version: 1.0.0(b@2.0.0)\n      sw:\n        specifier: npm:string-width@^4\n        version: string-width@4.2.3\n    devDependencies:\n      b:\n        specifier: ^2\n        version: 2.0.0\n      t:\n        specifier: ^1\n        version: 1.0.0\n  packages/x:\n    dependencies:\n      x-lib:\n        specifier: workspace:*\n        version: link:../lib\n\npackages:\n\n  a@1.0.0:\n    resolution: {integrity: sha512-a}\n  b@2.0.0:\n    resolution: {integrity: sha512-b}\n  c@3.0.0:\n    resolution: {integrity: sha512-c}\n  string-width@4.2.3:\n    resolution: {integrity: sha512-s}\n  t@1.0.0:\n    resolution: {integrity: sha512-t}\n  u@1.0.0:\n    resolution: {integrity: sha512-u}\n  tb@1.0.0:\n    resolution: {tarball: https://example.invalid/tb.tgz}\n    version: 1.0.0\n\nsnapshots:\n\n  a@1.0.0(b@2.0.0):\n    dependencies:\n      c: 3.0.0\n  b@2.0.0: {}\n  c@3.0.0: {}\n  string-width@4.2.3: {}\n  t@1.0.0:\n    dependencies:\n      u: 1.0.0\n      c: 3.0.0\n  u@1.0.0: {}\n";
        assert_eq!(
            got(lock),
            want(&[
                ("a", "1.0.0", false),
                ("b", "2.0.0", true),
                ("c", "3.0.0", false),
                ("string-width", "4.2.3", false),
                ("t", "1.0.0", true),
                ("tb", "1.0.0", false),
                ("u", "1.0.0", true),
            ])
        );
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(parse(b"just a string", "/x")
            .unwrap_err()
            .contains("document 1"));
        assert!(parse(b"packages: [1, 2]", "/x").is_err());
        assert!(parse(b"lockfileVersion: 9\n---\n- [", "/x")
            .unwrap_err()
            .contains("document 2"));
        assert!(parse(b"", "/x").unwrap().is_empty());
    }

    #[test]
    fn alias_bombs_stay_bounded() {
        let mut bomb =
            String::from("lockfileVersion: '9.0'\nl0: &l0 [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n");
        for i in 1..10 {
            let p = i - 1;
            bomb.push_str(&format!(
                "l{i}: &l{i} [*l{p},*l{p},*l{p},*l{p},*l{p},*l{p},*l{p},*l{p},*l{p}]\n"
            ));
        }
        bomb.push_str("importers:\n  .:\n    dependencies:\n      a: *l9\n");
        assert!(parse(bomb.as_bytes(), "/x").is_err());
    }
}
