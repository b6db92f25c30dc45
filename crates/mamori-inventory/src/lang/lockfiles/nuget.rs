//! .NET NuGet: `packages.lock.json` (NuGet's lock file) and `*.deps.json` (the
//! runtime dependency manifest the SDK writes next to a built application).
//!
//! `packages.lock.json` lists, per target framework (and runtime identifier),
//! `Direct`, `Transitive` and `CentralTransitive` packages with their `resolved`
//! version; `Project` entries are other projects of the solution, not packages,
//! and are skipped. A package locked for several frameworks is one package.
//!
//! `*.deps.json`: of its `libraries` (`Name/1.2.3`), only `"type": "package"` ones
//! are NuGet packages; `project` and `reference` entries are the application and
//! framework assemblies. Neither file records development-only packages.

use super::Lockfile;
use crate::{Ecosystem, Package};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The `packages.lock.json` analyzer.
pub const PACKAGES_LOCK_ANALYZER: Lockfile = Lockfile {
    id: "nuget-packages-lock",
    version: 2,
    claims: |name| name == "packages.lock.json",
    parse: parse_packages_lock,
};

/// The `*.deps.json` analyzer.
pub const DEPS_JSON_ANALYZER: Lockfile = Lockfile {
    id: "dotnet-deps-json",
    version: 2,
    claims: |name| name.len() > ".deps.json".len() && name.ends_with(".deps.json"),
    parse: parse_deps_json,
};

#[derive(Deserialize)]
struct PackagesLock {
    dependencies: BTreeMap<String, BTreeMap<String, LockEntry>>,
}

#[derive(Deserialize)]
struct LockEntry {
    #[serde(rename = "type", default)]
    kind: String,
    #[serde(default)]
    resolved: Option<String>,
}

fn parse_packages_lock(content: &[u8], location: &str) -> Result<Vec<Package>, String> {
    let lock: PackagesLock =
        serde_json::from_slice(content).map_err(|e| format!("invalid packages.lock.json: {e}"))?;
    let mut out = Vec::new();
    for deps in lock.dependencies.values() {
        for (name, e) in deps {
            if e.kind.eq_ignore_ascii_case("project") {
                continue;
            }
            if let Some(v) = e.resolved.as_deref().filter(|v| !v.is_empty()) {
                out.push(Package::new(Ecosystem::Nuget, name.as_str(), v, location));
            }
        }
    }
    Ok(out)
}

#[derive(Deserialize)]
struct DepsJson {
    libraries: BTreeMap<String, Library>,
}

#[derive(Deserialize)]
struct Library {
    #[serde(rename = "type", default)]
    kind: String,
}

fn parse_deps_json(content: &[u8], location: &str) -> Result<Vec<Package>, String> {
    let deps: DepsJson =
        serde_json::from_slice(content).map_err(|e| format!("invalid deps.json: {e}"))?;
    Ok(deps
        .libraries
        .iter()
        .filter(|(_, l)| l.kind == "package")
        .filter_map(|(key, _)| {
            let (name, version) = key.split_once('/')?;
            (!name.is_empty() && !version.is_empty())
                .then(|| Package::new(Ecosystem::Nuget, name, version, location))
        })
        .collect())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests may unwrap
mod tests {
    use super::*;
    use crate::lang::lockfiles::dedupe;

    #[test]
    fn packages_lock_skips_projects_and_merges_frameworks() {
        let lock = r#"{"version": 1, "dependencies": {
            "net6.0": {
                "Newtonsoft.Json": {"type": "Direct", "requested": "[13.0.1, )", "resolved": "13.0.1", "contentHash": "x"},
                "System.Memory": {"type": "Transitive", "resolved": "4.5.4"},
                "My.Lib": {"type": "Project", "dependencies": {}},
                "Central.Pkg": {"type": "CentralTransitive", "requested": "[1.0.0, )", "resolved": "1.0.0"}
            },
            "net6.0/linux-x64": {"System.Memory": {"type": "Transitive", "resolved": "4.5.4"}}
        }}"#;
        let p = dedupe(parse_packages_lock(lock.as_bytes(), "/packages.lock.json").unwrap());
        let got: Vec<(&str, &str)> = p
            .iter()
            .map(|p| (p.name.as_str(), p.version.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("Central.Pkg", "1.0.0"),
                ("Newtonsoft.Json", "13.0.1"),
                ("System.Memory", "4.5.4")
            ]
        );
    }

    #[test]
    fn deps_json_keeps_package_libraries() {
        let deps = r#"{"runtimeTarget": {"name": ".NETCoreApp,Version=v8.0"}, "targets": {},
            "libraries": {
                "app/1.0.0": {"type": "project", "serviceable": false, "sha512": ""},
                "Serilog/3.1.1": {"type": "package", "serviceable": true, "sha512": "sha512-x", "path": "serilog/3.1.1"},
                "Microsoft.Extensions.Logging/8.0.0": {"type": "package"},
                "System.Runtime/4.0.0.0": {"type": "reference"}
            }}"#;
        let p = parse_deps_json(deps.as_bytes(), "/app/app.deps.json").unwrap();
        let got: Vec<(&str, &str)> = p
            .iter()
            .map(|p| (p.name.as_str(), p.version.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("Microsoft.Extensions.Logging", "8.0.0"),
                ("Serilog", "3.1.1")
            ]
        );
        assert!(
            (DEPS_JSON_ANALYZER.claims)("app.deps.json")
                && !(DEPS_JSON_ANALYZER.claims)(".deps.json")
        );
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(parse_packages_lock(b"{}", "/x")
            .unwrap_err()
            .contains("dependencies"));
        assert!(parse_deps_json(b"{\"libraries\": 1}", "/x")
            .unwrap_err()
            .starts_with("invalid deps.json"));
    }
}
