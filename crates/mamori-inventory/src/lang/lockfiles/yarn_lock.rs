//! Yarn `yarn.lock`: the classic v1 format (yarn's own indentation-based syntax)
//! and the berry format (yarn 2+; YAML with a `__metadata` entry).
//!
//! v1: each entry's header lists the requested specifiers (`"a@^1", a@^2:`);
//! the name comes from the first one, or from the real package of an alias
//! (`alias@npm:real@^1`); specifiers with a local protocol (`file:`, `link:`,
//! `portal:`, `workspace:`) are skipped as not coming from a registry. Git and
//! tarball entries are kept with the version their package.json declares.
//!
//! berry: the entry's `resolution` (`name@npm:1.2.3`) gives the real name and the
//! protocol; only `npm:` resolutions are kept, so workspace, link, portal, patch
//! (a patched copy of an npm package that is also listed unpatched), git and file
//! entries are skipped.
//!
//! Neither format records dev-only packages; nothing is marked `dev`.

use super::{split_at_version, text, Lockfile};
use crate::{Ecosystem, Package};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The `yarn.lock` analyzer.
pub const ANALYZER: Lockfile = Lockfile {
    id: "yarn-lock",
    version: 2,
    claims: |name| name == "yarn.lock",
    parse,
};

fn parse(content: &[u8], location: &str) -> Result<Vec<Package>, String> {
    let text = text(content)?;
    if text.lines().any(|l| l.trim_end() == "__metadata:") {
        parse_berry(&text, location)
    } else {
        parse_v1(&text, location)
    }
}

#[derive(Deserialize)]
struct BerryEntry {
    #[serde(default)]
    version: Option<String>,
    #[serde(default)]
    resolution: Option<String>,
}

fn parse_berry(text: &str, location: &str) -> Result<Vec<Package>, String> {
    super::check_flow_depth(text, 256).map_err(|e| format!("invalid yarn.lock (berry): {e}"))?;
    let entries: BTreeMap<String, BerryEntry> =
        serde_norway::from_str(text).map_err(|e| format!("invalid yarn.lock (berry): {e}"))?;
    let mut out = Vec::new();
    for (key, e) in &entries {
        if key == "__metadata" {
            continue;
        }
        let (Some(res), Some(version)) = (e.resolution.as_deref(), e.version.as_deref()) else {
            continue;
        };
        let Some((name, reference)) = split_at_version(res) else {
            continue;
        };
        if reference.starts_with("npm:") && !version.is_empty() {
            out.push(Package::new(Ecosystem::Npm, name, version, location));
        }
    }
    Ok(out)
}

fn parse_v1(text: &str, location: &str) -> Result<Vec<Package>, String> {
    let mut out = Vec::new();
    // The current entry's name, or None while inside a skipped entry.
    let mut current: Option<Option<String>> = None;
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if !line.starts_with(' ') {
            let Some(header) = line.strip_suffix(':') else {
                return Err(format!(
                    "invalid yarn.lock: line {}: expected an entry header, found {:?}",
                    n + 1,
                    cut(line)
                ));
            };
            current = Some(entry_name(header));
            continue;
        }
        let Some(entry) = &current else {
            return Err(format!(
                "invalid yarn.lock: line {}: indented line outside an entry",
                n + 1
            ));
        };
        let Some(v) = line.strip_prefix("  version ") else {
            continue;
        };
        let version = v.trim().trim_matches('"');
        if let (Some(name), false) = (entry, version.is_empty()) {
            out.push(Package::new(
                Ecosystem::Npm,
                name.as_str(),
                version,
                location,
            ));
        }
    }
    Ok(out)
}

/// The package name of an entry header, or `None` if it is a local package.
fn entry_name(header: &str) -> Option<String> {
    let first = header.split(", ").next()?.trim().trim_matches('"');
    let (name, range) = split_at_version(first)?;
    let (name, range) = match range.strip_prefix("npm:") {
        // An alias: `alias@npm:real@range`, or `name@npm:range`.
        Some(rest) => split_at_version(rest)
            .filter(|(n, _)| !n.is_empty())
            .unwrap_or((name, rest)),
        None => (name, range),
    };
    let local = ["file:", "link:", "portal:", "workspace:"];
    if name.is_empty() || local.iter().any(|p| range.starts_with(p)) {
        return None;
    }
    Some(name.to_string())
}

/// A line shortened for an error message.
fn cut(s: &str) -> &str {
    match s.char_indices().nth(60) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests may unwrap
mod tests {
    use super::*;

    fn got(s: &str) -> Vec<(String, String)> {
        parse(s.as_bytes(), "/yarn.lock")
            .unwrap()
            .into_iter()
            .map(|p| (p.name, p.version))
            .collect()
    }

    fn want(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn v1_headers_aliases_and_local_protocols() {
        let lock = "# yarn lockfile v1\n\n\n\"@babel/core@^7.0.0\", \"@babel/core@^7.1.0\":\n  version \"7.12.3\"\n  resolved \"https://r/x.tgz\"\n  dependencies:\n    debug \"^4.1.0\"\n\nabbrev@1, abbrev@^1.0.0:\n  version \"1.1.1\"\n\n\"string-width-cjs@npm:string-width@^4.2.0\":\n  version \"4.2.3\"\n\nlocal@file:../local:\n  version \"0.0.1\"\n\nmine@link:./mine:\n  version \"0.0.0\"\n";
        assert_eq!(
            got(lock),
            want(&[
                ("@babel/core", "7.12.3"),
                ("abbrev", "1.1.1"),
                ("string-width", "4.2.3")
            ])
        );
    }

    #[test]
    fn berry_keeps_npm_resolutions_only() {
        let lock = "__metadata:\n  version: 8\n  cacheKey: 10c0\n\n\"app@workspace:.\":\n  version: 0.0.0-use.local\n  resolution: \"app@workspace:.\"\n  languageName: unknown\n  linkType: soft\n\n\"debug@npm:4.3.4\":\n  version: 4.3.4\n  resolution: \"debug@npm:4.3.4\"\n  dependencies:\n    ms: \"npm:2.1.2\"\n  linkType: hard\n\n\"sw-cjs@npm:string-width@^4.2.0\":\n  version: 4.2.3\n  resolution: \"string-width@npm:4.2.3\"\n\n\"lib@link:./lib::locator=app%40workspace%3A.\":\n  version: 0.0.0-use.local\n  resolution: \"lib@link:./lib::locator=app%40workspace%3A.\"\n\n\"resolve@patch:resolve@npm%3A1.22.1#~builtin<compat/resolve>\":\n  version: 1.22.1\n  resolution: \"resolve@patch:resolve@npm%3A1.22.1#~builtin<compat/resolve>::version=1.22.1&hash=07638b\"\n\n\"@scope/x@npm:1.10\":\n  version: 1.10\n  resolution: \"@scope/x@npm:1.10\"\n";
        assert_eq!(
            got(lock),
            want(&[
                ("@scope/x", "1.10"),
                ("debug", "4.3.4"),
                ("string-width", "4.2.3")
            ])
        );
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(parse(b"hello world\n", "/x")
            .unwrap_err()
            .contains("line 1"));
        assert!(parse(b"  version \"1\"\n", "/x")
            .unwrap_err()
            .contains("outside"));
        assert!(parse(b"__metadata:\n  - [\n", "/x")
            .unwrap_err()
            .contains("berry"));
        // A "billion laughs" of anchors in ignored fields is skipped, not expanded.
        let mut bomb = String::from("__metadata:\n  version: 8\nl0: &l0 {x: [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]}\n");
        for i in 1..10 {
            let p = i - 1;
            bomb.push_str(&format!(
                "l{i}: &l{i} {{x: [*l{p},*l{p},*l{p},*l{p},*l{p},*l{p},*l{p},*l{p},*l{p}]}}\n"
            ));
        }
        assert!(parse(bomb.as_bytes(), "/x").unwrap().is_empty());
    }
}
