//! Go `go.mod`: the modules a main module requires, after its own `replace` and
//! `exclude` directives.
//!
//! Both `require` forms (single line and parenthesised block) are read, with or
//! without `// indirect`. A `replace` whose target has a version substitutes that
//! module and version (for every version, or only the one named on the left); a
//! `replace` whose target is a local directory drops the module, because its code
//! comes from the working tree, not from a published version. A required version
//! that is `exclude`d is dropped: Go would select a different version that only
//! the module graph knows. The main module itself has no version and is not
//! reported; the `go`/`toolchain` lines are not turned into a stdlib package.
//!
//! `go.sum` is deliberately not read by any analyzer: it lists checksums of every
//! module version consulted during resolution, many of which are not built, so it
//! is no inventory. Files written by Go before 1.17 list only direct requirements;
//! their indirect modules are not visible here. Unknown directives and malformed
//! lines are errors, as they are for the go command.

use super::{text, Lockfile};
use crate::{Ecosystem, Package};

/// The `go.mod` analyzer.
pub const ANALYZER: Lockfile = Lockfile {
    id: "go-mod",
    version: 2,
    claims: |name| name == "go.mod",
    parse,
};

/// `replace old [v] => new [v]`.
struct Replace {
    old: String,
    old_version: Option<String>,
    /// `None` for a local directory.
    new: Option<(String, String)>,
}

fn parse(content: &[u8], location: &str) -> Result<Vec<Package>, String> {
    let text = text(content)?;
    let mut requires: Vec<(String, String)> = Vec::new();
    let mut replaces: Vec<Replace> = Vec::new();
    let mut excludes: Vec<(String, String)> = Vec::new();
    let mut block: Option<String> = None;
    for (n, raw) in text.lines().enumerate() {
        let err = |m: &str| format!("invalid go.mod: line {}: {m}", n + 1);
        let line = match raw.find("//") {
            Some(i) => &raw[..i],
            None => raw,
        }
        .trim();
        if line.is_empty() {
            continue;
        }
        let (verb, args) = match &block {
            Some(_) if line == ")" => {
                block = None;
                continue;
            }
            Some(b) => (b.clone(), line),
            None => {
                let (verb, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
                let rest = rest.trim();
                if rest == "(" {
                    block = Some(verb.to_string());
                    check_verb(verb).map_err(|m| err(&m))?;
                    continue;
                }
                (verb.to_string(), rest)
            }
        };
        check_verb(&verb).map_err(|m| err(&m))?;
        let words: Vec<String> = args.split_whitespace().map(unquote).collect();
        match verb.as_str() {
            "require" => match words.as_slice() {
                [path, version] => requires.push((path.clone(), version.clone())),
                _ => return Err(err(&format!("usage: require module/path v1.2.3, found {args:?}"))),
            },
            "exclude" => match words.as_slice() {
                [path, version] => excludes.push((path.clone(), version.clone())),
                _ => return Err(err(&format!("usage: exclude module/path v1.2.3, found {args:?}"))),
            },
            "replace" => replaces.push(parse_replace(&words).ok_or_else(|| {
                err(&format!("usage: replace module/path [v1.2.3] => other/module v1.4 or ./dir, found {args:?}"))
            })?),
            _ => {}
        }
    }
    if block.is_some() {
        return Err("invalid go.mod: unterminated block at end of file".to_string());
    }
    let mut out = Vec::with_capacity(requires.len());
    for (path, version) in requires {
        if excludes.iter().any(|(p, v)| *p == path && *v == version) {
            continue;
        }
        // The last matching replace wins, a versioned one over a blanket one.
        let rep = replaces
            .iter()
            .rev()
            .find(|r| r.old == path && r.old_version.as_deref() == Some(version.as_str()))
            .or_else(|| {
                replaces
                    .iter()
                    .rev()
                    .find(|r| r.old == path && r.old_version.is_none())
            });
        match rep {
            Some(Replace {
                new: Some((p, v)), ..
            }) => out.push(Package::new(
                Ecosystem::Go,
                p.as_str(),
                v.as_str(),
                location,
            )),
            Some(Replace { new: None, .. }) => {}
            None => out.push(Package::new(Ecosystem::Go, path, version, location)),
        }
    }
    Ok(out)
}

fn check_verb(verb: &str) -> Result<(), String> {
    const KNOWN: [&str; 10] = [
        "module",
        "go",
        "toolchain",
        "godebug",
        "require",
        "replace",
        "exclude",
        "retract",
        "tool",
        "ignore",
    ];
    if KNOWN.contains(&verb) {
        Ok(())
    } else {
        let shown: String = verb.chars().take(40).collect();
        Err(format!("unknown directive {shown:?}"))
    }
}

fn parse_replace(words: &[String]) -> Option<Replace> {
    let arrow = words.iter().position(|w| w == "=>")?;
    let (left, right) = (&words[..arrow], &words[arrow + 1..]);
    let (old, old_version) = match left {
        [p] => (p.clone(), None),
        [p, v] => (p.clone(), Some(v.clone())),
        _ => return None,
    };
    let new = match right {
        [p] => {
            // Only a directory may stand without a version.
            if !(p.starts_with("./")
                || p.starts_with("../")
                || p.starts_with('/')
                || p == "."
                || p == "..")
            {
                return None;
            }
            None
        }
        [p, v] => Some((p.clone(), v.clone())),
        _ => return None,
    };
    Some(Replace {
        old,
        old_version,
        new,
    })
}

/// go.mod allows `"quoted"` and `` `raw` `` module paths.
fn unquote(w: &str) -> String {
    w.trim_matches(|c| c == '"' || c == '`').to_string()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests may unwrap
mod tests {
    use super::*;

    fn got(s: &str) -> Vec<(String, String)> {
        parse(s.as_bytes(), "/go.mod")
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
    fn requires_replaces_and_excludes() {
        let m = "// comment\nmodule example.com/app\n\ngo 1.22\ntoolchain go1.22.3\n\nrequire golang.org/x/text v0.14.0 // indirect\n\nrequire (\n\tgithub.com/a/b v1.0.0\n\t\"github.com/c/d\" v2.0.0+incompatible // indirect\n\tgithub.com/local/x v0.1.0\n\tgithub.com/pinned/y v1.1.0\n\tgithub.com/pinned/z v1.2.0\n\tgithub.com/ex/e v0.3.0\n)\n\nreplace github.com/a/b => github.com/fork/b v1.0.1\n\nreplace (\n\tgithub.com/local/x => ../x\n\tgithub.com/pinned/y v1.0.0 => github.com/pinned/y v1.0.5\n\tgithub.com/pinned/z v1.2.0 => github.com/pinned/z v1.2.1\n)\n\nexclude github.com/ex/e v0.3.0\n\nretract (\n\tv1.0.0 // broken\n\t[v1.1.0, v1.2.0]\n)\n\ntool golang.org/x/tools/cmd/stringer\n";
        assert_eq!(
            got(m),
            want(&[
                ("golang.org/x/text", "v0.14.0"),
                ("github.com/fork/b", "v1.0.1"),
                ("github.com/c/d", "v2.0.0+incompatible"),
                ("github.com/pinned/y", "v1.1.0"),
                ("github.com/pinned/z", "v1.2.1"),
            ])
        );
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(parse(b"hello world\n", "/x")
            .unwrap_err()
            .contains("unknown directive \"hello\""));
        assert!(parse(b"require (\n a\n)\n", "/x")
            .unwrap_err()
            .contains("line 2"));
        assert!(parse(b"require (\n", "/x")
            .unwrap_err()
            .contains("unterminated"));
        assert!(parse(b"replace a => b\n", "/x").is_err());
    }
}
