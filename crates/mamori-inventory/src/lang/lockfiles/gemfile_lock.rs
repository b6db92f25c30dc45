//! Ruby `Gemfile.lock` (Bundler): the gems in the `specs:` of the `GEM`, `GIT`
//! and `PATH` source sections.
//!
//! Indentation carries the structure: section headers at column 0, `specs:` at
//! two spaces, one gem per four-space line (`name (version)`), its requirements
//! at six spaces (ignored here). Platform-specific gems (`nokogiri
//! (1.16.0-x86_64-linux)`) are reported under the plain version, since RubyGems
//! versions cannot contain `-`; a gem listed for several platforms becomes one
//! package. `PATH` gems are local (often the project itself) and are reported with
//! the version they declare, like Cargo workspace members. Bundler records no
//! groups in the lockfile, so nothing is marked `dev`.

use super::{text, Lockfile};
use crate::{Ecosystem, Package};

/// The `Gemfile.lock` analyzer.
pub const ANALYZER: Lockfile = Lockfile {
    id: "gemfile-lock",
    version: 2,
    claims: |name| name == "Gemfile.lock" || name == "gems.locked",
    parse,
};

fn parse(content: &[u8], location: &str) -> Result<Vec<Package>, String> {
    let text = text(content)?;
    let mut out = Vec::new();
    let mut in_source = false;
    let mut in_specs = false;
    let mut seen_section = false;
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        if !line.starts_with(' ') {
            // A section header: upper-case words (`GEM`, `PLUGIN SOURCE`, `BUNDLED WITH`).
            if !line
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b == b' ' || b == b'_')
            {
                let shown: String = line.chars().take(60).collect();
                return Err(format!(
                    "invalid Gemfile.lock: line {}: expected a section header, found {shown:?}",
                    n + 1
                ));
            }
            seen_section = true;
            in_source = matches!(line, "GEM" | "GIT" | "PATH");
            in_specs = false;
            continue;
        }
        if !seen_section {
            return Err(format!(
                "invalid Gemfile.lock: line {}: indented line before any section",
                n + 1
            ));
        }
        if !in_source {
            continue;
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        match indent {
            2 => in_specs = line.trim() == "specs:",
            4 if in_specs => {
                if let Some((name, version)) = spec(line.trim()) {
                    out.push(Package::new(Ecosystem::Rubygems, name, version, location));
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

/// `name (version[-platform])` → `(name, version)`.
fn spec(s: &str) -> Option<(&str, &str)> {
    let (name, rest) = s.split_once(" (")?;
    let version = rest.strip_suffix(')')?;
    let version = version.split('-').next()?.trim();
    (!name.is_empty() && !version.is_empty()).then_some((name, version))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests may unwrap
mod tests {
    use super::*;
    use crate::lang::lockfiles::dedupe;

    #[test]
    fn gem_git_and_path_sections() {
        let f = "GIT\n  remote: https://github.com/hanami/utils.git\n  revision: 5904fc9\n  specs:\n    hanami-utils (2.0.0.alpha1)\n      concurrent-ruby (~> 1.0)\n\nPATH\n  remote: .\n  specs:\n    mygem (0.3.0)\n\nGEM\n  remote: https://rubygems.org/\n  specs:\n    concurrent-ruby (1.1.7)\n    nokogiri (1.16.0-x86_64-linux)\n      racc (~> 1.4)\n    nokogiri (1.16.0-arm64-darwin)\n    racc (1.8.1)\n\nPLATFORMS\n  x86_64-linux\n\nDEPENDENCIES\n  hanami-utils!\n  rack (>= 2.0)\n\nCHECKSUMS\n  racc (1.8.1) sha256=abc\n\nBUNDLED WITH\n   2.2.28\n";
        let p = dedupe(parse(f.as_bytes(), "/Gemfile.lock").unwrap());
        let got: Vec<(&str, &str)> = p
            .iter()
            .map(|p| (p.name.as_str(), p.version.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("hanami-utils", "2.0.0.alpha1"),
                ("mygem", "0.3.0"),
                ("concurrent-ruby", "1.1.7"),
                ("nokogiri", "1.16.0"),
                ("racc", "1.8.1")
            ]
        );
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(parse(b"hello world\n", "/x")
            .unwrap_err()
            .contains("line 1"));
        assert!(parse(b"    rack (1.0)\n", "/x")
            .unwrap_err()
            .contains("before any section"));
    }
}
