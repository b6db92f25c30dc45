//! Python `Pipfile.lock` (pipenv): the `default` section and the `develop`
//! section, whose packages are `dev` unless `default` also lists them.
//!
//! Versions are recorded as `==1.2.3`; entries without one (editable git or path
//! checkouts) are skipped because no release is identified. Names are kept as
//! written; purl generation normalises PyPI names.

use super::Lockfile;
use crate::{Ecosystem, Package};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The `Pipfile.lock` analyzer.
pub const ANALYZER: Lockfile = Lockfile {
    id: "pipfile-lock",
    version: 2,
    claims: |name| name == "Pipfile.lock",
    parse,
};

#[derive(Deserialize)]
struct Lock {
    #[serde(default)]
    default: BTreeMap<String, Entry>,
    #[serde(default)]
    develop: BTreeMap<String, Entry>,
}

#[derive(Deserialize)]
struct Entry {
    #[serde(default)]
    version: Option<String>,
}

fn parse(content: &[u8], location: &str) -> Result<Vec<Package>, String> {
    let lock: Lock =
        serde_json::from_slice(content).map_err(|e| format!("invalid Pipfile.lock: {e}"))?;
    let mut out = Vec::with_capacity(lock.default.len() + lock.develop.len());
    // `default` first: de-duplication keeps a package non-dev when both list it.
    for (section, dev) in [(lock.default, false), (lock.develop, true)] {
        for (name, entry) in section {
            let Some(v) = entry.version else { continue };
            let v = v.trim_start_matches('=').trim();
            if v.is_empty() {
                continue;
            }
            let mut p = Package::new(Ecosystem::Pypi, name, v, location);
            p.dev = dev;
            out.push(p);
        }
    }
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests may unwrap
mod tests {
    use super::*;
    use crate::lang::lockfiles::dedupe;

    #[test]
    fn default_wins_over_develop_and_git_is_skipped() {
        let lock = r#"{"_meta":{}, "default": {"six": {"version": "==1.16.0"}, "pkg": {"git": "https://x", "editable": true}},
            "develop": {"six": {"version": "==1.16.0"}, "pytest": {"version": "==8.0.0", "markers": "python_version >= '3.8'"}}}"#;
        let p = dedupe(parse(lock.as_bytes(), "/Pipfile.lock").unwrap());
        assert_eq!(p.len(), 2);
        assert_eq!(
            (p[0].name.as_str(), p[0].version.as_str(), p[0].dev),
            ("six", "1.16.0", false)
        );
        assert_eq!((p[1].name.as_str(), p[1].dev), ("pytest", true));
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(parse(b"{\"default\": []}", "/x")
            .unwrap_err()
            .starts_with("invalid Pipfile.lock"));
        assert!(parse(b"\xff", "/x").is_err());
    }
}
