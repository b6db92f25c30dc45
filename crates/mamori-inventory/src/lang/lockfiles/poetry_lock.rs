//! Python `poetry.lock`, lock formats 1.x (`category = "main" | "dev"`) and 2.x
//! (no category in 2.0; `groups = [...]` from 2.1).
//!
//! A package is `dev` when its category is `dev`, or when it lists groups and
//! none of them is `main`. Lock 2.0 records neither, so its packages are never
//! `dev`. Packages from path, directory, git or url sources are reported with the
//! version poetry recorded.

use super::{one_line, text, Lockfile};
use crate::{Ecosystem, Package};
use serde::Deserialize;

/// The `poetry.lock` analyzer.
pub const ANALYZER: Lockfile = Lockfile {
    id: "poetry-lock",
    version: 2,
    claims: |name| name == "poetry.lock",
    parse,
};

#[derive(Deserialize)]
struct Lock {
    #[serde(default)]
    package: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    name: String,
    version: String,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    groups: Option<Vec<String>>,
}

fn parse(content: &[u8], location: &str) -> Result<Vec<Package>, String> {
    let lock: Lock = toml::from_str(&text(content)?)
        .map_err(|e| format!("invalid poetry.lock: {}", one_line(e)))?;
    Ok(lock
        .package
        .into_iter()
        .filter(|e| !e.name.is_empty() && !e.version.is_empty())
        .map(|e| {
            let dev = e.category.as_deref() == Some("dev")
                || e.groups
                    .as_ref()
                    .is_some_and(|g| !g.is_empty() && !g.iter().any(|g| g == "main"));
            let mut p = Package::new(Ecosystem::Pypi, e.name, e.version, location);
            p.dev = dev;
            p
        })
        .collect())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests may unwrap
mod tests {
    use super::*;

    #[test]
    fn categories_and_groups_mark_dev() {
        let v1 = "[[package]]\nname = \"pytest\"\nversion = \"7.0.0\"\ncategory = \"dev\"\noptional = false\n\n[[package]]\nname = \"Django\"\nversion = \"4.2\"\ncategory = \"main\"\n\n[metadata]\nlock-version = \"1.1\"\n";
        let p = parse(v1.as_bytes(), "/poetry.lock").unwrap();
        assert!(p[0].dev);
        assert!(!p[1].dev);
        assert_eq!(p[1].name, "Django");
        let v21 = "[[package]]\nname = \"ruff\"\nversion = \"0.1.0\"\ngroups = [\"dev\", \"lint\"]\n\n[[package]]\nname = \"attrs\"\nversion = \"23.1.0\"\ngroups = [\"main\", \"dev\"]\n\n[[package]]\nname = \"six\"\nversion = \"1.16.0\"\n\n[metadata]\nlock-version = \"2.1\"\n";
        let p = parse(v21.as_bytes(), "/poetry.lock").unwrap();
        assert_eq!(
            p.iter().map(|p| p.dev).collect::<Vec<_>>(),
            [true, false, false]
        );
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(parse(b"[[package]]\nname = \"x\"\n", "/x")
            .unwrap_err()
            .contains("version"));
        assert!(parse(b"= =", "/x").is_err());
    }
}
