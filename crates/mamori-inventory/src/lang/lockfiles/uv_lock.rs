//! Python `uv.lock`: every `[[package]]` with a version.
//!
//! The project's own packages (sources `editable` or `virtual`) are the roots of
//! the graph; they are reported when uv recorded a version for them (a dynamic
//! version is not recorded, and such a root is skipped). A package is `dev` when it
//! is reachable from a root's `dev-dependencies` (uv's dependency groups) but not
//! from any root's `dependencies` or `optional-dependencies`. Extras are not
//! tracked one by one: every optional dependency of a reached package counts as
//! reached, which can only under-report `dev`, never hide a production package.
//! Environment markers are ignored for the same reason.

use super::{one_line, text, Lockfile};
use crate::{Ecosystem, Package};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The `uv.lock` analyzer.
pub const ANALYZER: Lockfile = Lockfile {
    id: "uv-lock",
    version: 2,
    claims: |name| name == "uv.lock",
    parse,
};

#[derive(Deserialize)]
struct Lock {
    #[serde(default)]
    package: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Entry {
    name: String,
    #[serde(default)]
    version: Option<String>,
    #[serde(default)]
    source: BTreeMap<String, toml::Value>,
    #[serde(default)]
    dependencies: Vec<Dep>,
    #[serde(default)]
    optional_dependencies: BTreeMap<String, Vec<Dep>>,
    #[serde(default)]
    dev_dependencies: BTreeMap<String, Vec<Dep>>,
}

#[derive(Deserialize)]
struct Dep {
    name: String,
    #[serde(default)]
    version: Option<String>,
}

fn parse(content: &[u8], location: &str) -> Result<Vec<Package>, String> {
    let lock: Lock =
        toml::from_str(&text(content)?).map_err(|e| format!("invalid uv.lock: {}", one_line(e)))?;
    let pkgs = &lock.package;
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, p) in pkgs.iter().enumerate() {
        by_name.entry(p.name.as_str()).or_default().push(i);
    }
    let is_root = |e: &Entry| e.source.contains_key("editable") || e.source.contains_key("virtual");
    let roots: Vec<usize> = (0..pkgs.len()).filter(|&i| is_root(&pkgs[i])).collect();

    // Indices a dependency entry may point at: uv names the version only when
    // several versions of the name are locked; without one, all candidates count.
    let targets = |d: &Dep| -> Vec<usize> {
        let cands = by_name
            .get(d.name.as_str())
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        match &d.version {
            Some(v) => cands
                .iter()
                .copied()
                .filter(|&i| pkgs[i].version.as_ref() == Some(v))
                .collect(),
            None => cands.to_vec(),
        }
    };
    let walk = |start: Vec<usize>, seen: &mut Vec<bool>| {
        let mut stack = start;
        // Names whose every candidate is already queued: a hostile file with many
        // same-named packages must not cost packages × dependencies.
        let mut queued_all: HashSet<&str> = HashSet::new();
        while let Some(i) = stack.pop() {
            if std::mem::replace(&mut seen[i], true) {
                continue;
            }
            let e = &pkgs[i];
            for d in e
                .dependencies
                .iter()
                .chain(e.optional_dependencies.values().flatten())
            {
                if d.version.is_none() && !queued_all.insert(d.name.as_str()) {
                    continue;
                }
                stack.extend(targets(d).into_iter().filter(|&j| !seen[j]));
            }
        }
    };
    let mut prod = vec![false; pkgs.len()];
    walk(roots.clone(), &mut prod);
    let mut dev = vec![false; pkgs.len()];
    let dev_start: Vec<usize> = roots
        .iter()
        .flat_map(|&r| pkgs[r].dev_dependencies.values().flatten())
        .flat_map(&targets)
        .collect();
    walk(dev_start, &mut dev);

    Ok(pkgs
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let v = e.version.as_deref().filter(|v| !v.is_empty())?;
            let mut p = Package::new(Ecosystem::Pypi, e.name.as_str(), v, location);
            p.dev = dev[i] && !prod[i];
            Some(p)
        })
        .collect())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests may unwrap
mod tests {
    use super::*;

    const LOCK: &str = r#"version = 1
revision = 3

[[package]]
name = "app"
source = { editable = "." }
dependencies = [{ name = "httpx" }, { name = "rich", extra = ["x"] }]

[package.optional-dependencies]
cli = [{ name = "click" }]

[package.dev-dependencies]
dev = [{ name = "pytest" }, { name = "httpx" }]

[[package]]
name = "httpx"
version = "0.28.1"
source = { registry = "https://pypi.org/simple" }
dependencies = [{ name = "idna" }]

[[package]]
name = "idna"
version = "3.10"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "rich"
version = "13.0.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "click"
version = "8.1.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "pytest"
version = "8.3.0"
source = { registry = "https://pypi.org/simple" }
dependencies = [{ name = "pluggy", version = "1.5.0", source = { registry = "https://pypi.org/simple" } }]

[[package]]
name = "pluggy"
version = "1.5.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "pluggy"
version = "1.0.0"
source = { registry = "https://pypi.org/simple" }
"#;

    #[test]
    fn dev_groups_mark_dev_only_packages() {
        let p = parse(LOCK.as_bytes(), "/uv.lock").unwrap();
        let got: Vec<(&str, &str, bool)> = p
            .iter()
            .map(|p| (p.name.as_str(), p.version.as_str(), p.dev))
            .collect();
        assert_eq!(
            got,
            [
                ("httpx", "0.28.1", false),
                ("idna", "3.10", false),
                ("rich", "13.0.0", false),
                ("click", "8.1.0", false),
                ("pytest", "8.3.0", true),
                ("pluggy", "1.5.0", true),
                // Locked but not reachable from a root: not known to be dev-only.
                ("pluggy", "1.0.0", false),
            ]
        );
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(parse(b"[[package]]\nversion = \"1\"\n", "/x")
            .unwrap_err()
            .contains("name"));
        assert!(parse(b"\x00", "/x").is_err());
    }
}
