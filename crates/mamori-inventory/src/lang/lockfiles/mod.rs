//! Language lockfiles and manifests: the files a project commits to say which
//! third-party packages it builds with (Cargo.lock, package-lock.json, poetry.lock,
//! go.mod, pom.xml…). One module per format; each is a pure function from the
//! file's bytes to packages, registered here as a [`Lockfile`] analyzer that claims
//! files by base name.
//!
//! Shared policy, applied by every format unless its module says otherwise:
//! - a package is reported only with a concrete version; ranges, wildcards and
//!   unresolvable placeholders are skipped rather than guessed;
//! - packages are de-duplicated by `(name, version)` within one file (lockfiles list
//!   the same release at several places in a tree); a package is `dev` only when
//!   every occurrence is development-only;
//! - bad input is an [`AnalyzeError`] naming the file and the offending value,
//!   never a panic. Allocation stays proportional to the input: the parsers build
//!   at most one record per input line or element, and nesting is bounded by the
//!   serde_json/serde_norway recursion limits or by explicit depth caps.
//!
//! These analyzers deliberately do not follow references to other files (`-r` in
//! requirements.txt, Maven parent poms, go.sum), resolve version ranges or talk to
//! a registry: each sees one file, as the [`Analyzer`] contract requires.
//!
//! YAML (yarn berry, pnpm) is read with `serde_norway`, the maintained fork of
//! `serde_yaml`: it keeps serde_yaml's limits on alias expansion and recursion
//! (a "billion laughs" lockfile is an error, not an out-of-memory), and lets the
//! parsers deserialize straight into typed structs.

mod cargo_lock;
mod composer_lock;
mod gemfile_lock;
mod go_mod;
mod gradle_lock;
mod npm_lock;
mod nuget;
mod pipfile_lock;
mod pnpm_lock;
mod poetry_lock;
mod pom;
mod requirements;
mod uv_lock;
mod yarn_lock;

use crate::{file_name, Analysis, AnalyzeError, Analyzer, FileMeta, Package};
use std::borrow::Cow;
use std::collections::HashMap;

/// A lockfile analyzer: a name test plus a parser. Every format in this module is
/// one `const` of this type, so the registry below is a plain list.
pub struct Lockfile {
    /// Stable analyzer id (`cargo-lock`, `npm-package-lock`…).
    id: &'static str,
    /// Output version; bump when the same input gives different packages.
    version: u32,
    /// Whether the base name of a path is this format's file.
    claims: fn(&str) -> bool,
    /// Parses the whole file; the `&str` is the package location (`/` + path).
    /// Errors are lower-case one-line messages; the analyzer adds the path.
    parse: fn(&[u8], &str) -> Result<Vec<Package>, String>,
}

impl Analyzer for Lockfile {
    fn id(&self) -> &'static str {
        self.id
    }
    fn version(&self) -> u32 {
        self.version
    }
    fn required(&self, path: &str, _meta: &FileMeta) -> bool {
        // A lockfile shipped inside an installed npm package (`node_modules/x/yarn.lock`)
        // describes that package's development setup, not what is installed: the
        // installed tree itself is reported from node_modules' package.json files.
        !in_node_modules(path) && (self.claims)(file_name(path))
    }
    fn analyze(&self, path: &str, content: &[u8]) -> Result<Analysis, AnalyzeError> {
        let location = format!("/{path}");
        let packages =
            (self.parse)(content, &location).map_err(|m| AnalyzeError::parse(path, m))?;
        Ok(Analysis {
            packages: dedupe(packages),
            ..Analysis::default()
        })
    }
}

/// Every analyzer in this group.
pub fn analyzers() -> Vec<Box<dyn Analyzer>> {
    vec![
        Box::new(cargo_lock::ANALYZER),
        Box::new(requirements::ANALYZER),
        Box::new(pipfile_lock::ANALYZER),
        Box::new(poetry_lock::ANALYZER),
        Box::new(uv_lock::ANALYZER),
        Box::new(npm_lock::ANALYZER),
        Box::new(yarn_lock::ANALYZER),
        Box::new(pnpm_lock::ANALYZER),
        Box::new(go_mod::ANALYZER),
        Box::new(pom::ANALYZER),
        Box::new(gradle_lock::ANALYZER),
        Box::new(gemfile_lock::ANALYZER),
        Box::new(composer_lock::ANALYZER),
        Box::new(nuget::PACKAGES_LOCK_ANALYZER),
        Box::new(nuget::DEPS_JSON_ANALYZER),
    ]
}

/// Merges packages with the same `(name, version)`, keeping the first one's
/// position; the merged package is `dev` only if all occurrences were.
fn dedupe(packages: Vec<Package>) -> Vec<Package> {
    let mut seen: HashMap<(String, String), usize> = HashMap::with_capacity(packages.len());
    let mut out: Vec<Package> = Vec::with_capacity(packages.len());
    for p in packages {
        match seen.get(&(p.name.clone(), p.version.clone())) {
            Some(&i) => out[i].dev &= p.dev,
            None => {
                seen.insert((p.name.clone(), p.version.clone()), out.len());
                out.push(p);
            }
        }
    }
    out
}

/// Decodes a text file: UTF-8 (with or without BOM) or UTF-16 with a BOM.
/// Invalid UTF-8 and NUL characters are errors: they mean a binary or corrupt file.
fn text(content: &[u8]) -> Result<Cow<'_, str>, String> {
    let decoded: Cow<'_, str> = if let Some(rest) = content.strip_prefix(&[0xFF, 0xFE]) {
        Cow::Owned(utf16(rest, u16::from_le_bytes)?)
    } else if let Some(rest) = content.strip_prefix(&[0xFE, 0xFF]) {
        Cow::Owned(utf16(rest, u16::from_be_bytes)?)
    } else {
        let rest = content.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(content);
        match std::str::from_utf8(rest) {
            Ok(s) => Cow::Borrowed(s),
            Err(e) => {
                return Err(format!(
                    "not utf-8 text (invalid byte at offset {})",
                    e.valid_up_to()
                ))
            }
        }
    };
    if let Some(i) = decoded.find('\0') {
        return Err(format!("not a text file (nul character at offset {i})"));
    }
    Ok(decoded)
}

fn utf16(bytes: &[u8], conv: fn([u8; 2]) -> u16) -> Result<String, String> {
    if !bytes.len().is_multiple_of(2) {
        return Err("utf-16 text with an odd number of bytes".to_string());
    }
    let units = bytes.chunks_exact(2).map(|c| conv([c[0], c[1]]));
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|e| {
            format!(
                "invalid utf-16 text (unpaired surrogate {:#06x})",
                e.unpaired_surrogate()
            )
        })
}

/// A parser's error message on one line: toml's messages span several lines
/// (position, a source excerpt with a caret, then the reason); keep the position
/// and the reason, drop the excerpt.
fn one_line(e: impl std::fmt::Display) -> String {
    let s = e.to_string();
    let parts: Vec<&str> = s
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .filter(|l| {
            !l.starts_with('|')
                && !l
                    .trim_start_matches(|c: char| c.is_ascii_digit())
                    .trim_start()
                    .starts_with('|')
        })
        .collect();
    let mut msg = parts.join(": ");
    if let Some(c) = msg.get(..1) {
        let lower = c.to_lowercase();
        msg.replace_range(..1, &lower);
    }
    msg
}

/// Rejects YAML whose flow collections (`[…]`, `{…}`) nest deeper than `max`.
///
/// libyaml, under serde_norway, spends time proportional to the nesting depth on
/// every token of a flow collection, so `{a: {a: {a: …` costs quadratic time
/// before serde's recursion limit is ever consulted (seconds for 100 kB). Real
/// lockfiles nest flow collections two levels deep. The scan ignores quoting and
/// comments, so brackets inside strings count too: the limit the callers pass
/// (256) is generous enough that only an unbalanced pile of brackets reaches it,
/// and small enough that libyaml's per-token cost stays negligible.
fn check_flow_depth(text: &str, max: usize) -> Result<(), String> {
    let mut depth = 0usize;
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return Err(format!(
                        "yaml flow collections nested deeper than {max} (at byte {i})"
                    ));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// Splits an npm-style `name@version` (the name may start with `@scope/`).
fn split_at_version(s: &str) -> Option<(&str, &str)> {
    let i = s.get(1..)?.find('@')? + 1;
    Some((&s[..i], &s[i + 1..]))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests may unwrap
mod tests {
    use super::*;
    use crate::Ecosystem;

    #[test]
    fn dedupe_keeps_first_and_ands_dev() {
        let mut a = Package::new(Ecosystem::Npm, "a", "1", "/x");
        a.dev = true;
        let b = Package::new(Ecosystem::Npm, "a", "1", "/x");
        let c = Package::new(Ecosystem::Npm, "a", "2", "/x");
        let out = dedupe(vec![a, b, c]);
        assert_eq!(out.len(), 2);
        assert!(!out[0].dev);
        assert_eq!(out[1].version, "2");
    }

    #[test]
    fn text_decodes_boms_and_rejects_binary() {
        assert_eq!(text(b"\xEF\xBB\xBFa==1").unwrap(), "a==1");
        assert_eq!(text(b"\xFF\xFEa\0=\0").unwrap(), "a=");
        assert_eq!(text(b"\xFE\xFF\0a\0=").unwrap(), "a=");
        assert!(text(b"\xFF\xFEa").unwrap_err().contains("odd"));
        assert!(text(b"a\0b").unwrap_err().contains("nul"));
        assert!(text(b"a\xC3").unwrap_err().contains("utf-8"));
    }

    #[test]
    fn flow_depth_is_capped() {
        assert!(check_flow_depth("a: {b: [1, {c: 2}]}\nd: [x]", 3).is_ok());
        assert!(check_flow_depth(&"{a: ".repeat(5), 4)
            .unwrap_err()
            .contains("deeper than 4"));
        assert!(check_flow_depth(&"[".repeat(4).repeat(3), 4).is_err());
        assert!(check_flow_depth("[[[]]]\n[[[]]]", 3).is_ok());
    }

    #[test]
    fn split_at_version_handles_scopes() {
        assert_eq!(split_at_version("@a/b@1.0"), Some(("@a/b", "1.0")));
        assert_eq!(split_at_version("b@npm:1"), Some(("b", "npm:1")));
        assert_eq!(split_at_version("@a/b"), None);
        assert_eq!(split_at_version(""), None);
    }

    #[test]
    fn analyzer_ids_are_prefixed_and_unique() {
        let mut ids: Vec<_> = analyzers().iter().map(|a| a.id()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), analyzers().len());
    }
}

/// True for paths inside a `node_modules` directory.
fn in_node_modules(path: &str) -> bool {
    path.starts_with("node_modules/") || path.contains("/node_modules/")
}

#[cfg(test)]
mod node_modules_tests {
    use super::*;

    #[test]
    fn lockfiles_inside_node_modules_are_not_claimed() {
        let meta = FileMeta {
            size: 10,
            mode: 0o644,
        };
        let claims = |p: &str| analyzers().iter().any(|a| a.required(p, &meta));
        assert!(claims("app/yarn.lock"));
        assert!(claims("app/package-lock.json"));
        assert!(!claims("app/node_modules/uri-js/yarn.lock"));
        assert!(!claims("node_modules/x/package-lock.json"));
        assert!(!claims("app/node_modules/@s/p/Cargo.lock"));
    }
}
