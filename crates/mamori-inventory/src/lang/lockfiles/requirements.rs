//! Python `requirements*.txt` (pip): the entries pinned to one release with `==`
//! or `===`, as pip-compile and `pip freeze` write them.
//!
//! Handled: comments (`#` at line start or after a requirement), `\` line
//! continuations, `--hash` and other per-requirement options, extras
//! (`pkg[extra]==1`), environment markers (`; python_version < "3.8"`), spaces
//! around the operator, UTF-16 files with a byte-order mark.
//!
//! Deliberately not handled: unpinned or ranged requirements (`>=`, `~=`, `==1.*`,
//! several specifiers) are skipped rather than guessed; `-r`/`-c` references to
//! other files are not followed (an analyzer sees one file; the referenced file is
//! analyzed on its own when its name matches); editable installs, URLs and local
//! paths identify no release and are skipped. Lines that are not requirements
//! (templating placeholders, typos) are skipped, not errors, because pip files in
//! the wild are often templates; binary or non-text content is an error.

use super::{text, Lockfile};
use crate::{Ecosystem, Package};

/// The `requirements*.txt` analyzer.
pub const ANALYZER: Lockfile = Lockfile {
    id: "pip-requirements",
    version: 2,
    claims: |name| name.starts_with("requirements") && name.ends_with(".txt"),
    parse,
};

fn parse(content: &[u8], location: &str) -> Result<Vec<Package>, String> {
    let text = text(content)?;
    let mut out = Vec::new();
    let mut logical = String::new();
    for raw in text.lines() {
        let line = raw.trim_end_matches('\r');
        // A comment ends the logical line's content even if it ends with `\`.
        let (content, commented) = match comment_start(line) {
            Some(i) => (&line[..i], true),
            None => (line, false),
        };
        if !commented {
            if let Some(cont) = content.trim_end().strip_suffix('\\') {
                logical.push_str(cont);
                logical.push(' ');
                continue;
            }
        }
        logical.push_str(content);
        if let Some((name, version)) = requirement(&logical) {
            out.push(Package::new(Ecosystem::Pypi, name, version, location));
        }
        logical.clear();
    }
    if let Some((name, version)) = requirement(&logical) {
        out.push(Package::new(Ecosystem::Pypi, name, version, location));
    }
    Ok(out)
}

/// Where a comment starts: `#` at the start of the line or after whitespace, as
/// pip says, and also straight after a version (`Jinja2==3.0.0#comment`), since
/// `#` can be part of neither a name nor a version. URL fragments (`#egg=`) only
/// occur in lines we skip anyway.
fn comment_start(line: &str) -> Option<usize> {
    line.find('#')
}

/// `(name, version)` of a requirement pinned with `==`/`===`, or `None`.
fn requirement(line: &str) -> Option<(&str, &str)> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('-') || line.contains("://") {
        return None;
    }
    // Options after the requirement (`--hash=…`), then environment markers.
    let line = match line.find(" -") {
        Some(i) => &line[..i],
        None => line,
    };
    let line = line.split(';').next().unwrap_or("").trim();
    // Extras may hold commas (`pkg[a,b]==1`): set them aside before looking at
    // the specifiers, where a comma means several clauses, i.e. not a pin.
    let (name, spec) = match line.find('[') {
        Some(i) => {
            let close = line[i..].find(']')? + i;
            (&line[..i], &line[close + 1..])
        }
        None => {
            let i = line
                .find(['=', '<', '>', '!', '~', ' '])
                .unwrap_or(line.len());
            (&line[..i], &line[i..])
        }
    };
    if spec.contains(" @ ") || spec.trim_start().starts_with('@') || spec.contains(',') {
        return None;
    }
    let version = spec
        .trim()
        .strip_prefix("===")
        .or_else(|| spec.trim().strip_prefix("=="))?;
    let name = name.trim();
    let version = version.trim();
    (valid_name(name) && valid_version(version)).then_some((name, version))
}

/// A PEP 508 distribution name: letters, digits, `.`, `_`, `-`, starting and
/// ending with a letter or digit.
fn valid_name(n: &str) -> bool {
    let b = n.as_bytes();
    !b.is_empty()
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-'))
        && b[0].is_ascii_alphanumeric()
        && b[b.len() - 1].is_ascii_alphanumeric()
}

/// Characters a PEP 440 version (or a `===` arbitrary string) may hold; wildcards
/// (`2.0.*`) are ranges, not pins.
fn valid_version(v: &str) -> bool {
    !v.is_empty()
        && v.bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-' | b'+' | b'!'))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests may unwrap
mod tests {
    use super::*;

    fn names(s: &[u8]) -> Vec<(String, String)> {
        parse(s, "/requirements.txt")
            .unwrap()
            .into_iter()
            .map(|p| (p.name, p.version))
            .collect()
    }

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn pins_with_comments_hashes_extras_and_markers() {
        let f = "# top\nclick==8.0.0\nFlask == 2.0.0 # comment\nJinja2==3.0.0#comment\n\
            pbs-installer[download,install]==2025.12.17\n            cachecontrol[filecache]==0.14.4 \\\n    --hash=sha256:b7ac \\\n    --hash=sha256:e622\n    # via poetry\n\
            SomeProject ==5.4 ; python_version < '3.8'\nexact===1.0+local\n\
            -r other.txt\n-e git+https://x/y.git#egg=y\nurllib3 @ https://x/u-1.26.8.zip\n\
            keyring >= 4.1.1\npython-gitlab==2.0.*\npyjwt==1.*,>=1.2\nrequests [security] >= 2.8.1, == 2.8.*\n\
            foo|bar=='1.2.4'\nfoo=='invalid-version'\n# x==1\n";
        assert_eq!(
            names(f.as_bytes()),
            pairs(&[
                ("click", "8.0.0"),
                ("Flask", "2.0.0"),
                ("Jinja2", "3.0.0"),
                ("pbs-installer", "2025.12.17"),
                ("cachecontrol", "0.14.4"),
                ("SomeProject", "5.4"),
                ("exact", "1.0+local"),
            ])
        );
    }

    #[test]
    fn continuation_at_end_of_file_and_crlf() {
        assert_eq!(
            names(b"a==1\r\nb == \\\r\n 2"),
            pairs(&[("a", "1"), ("b", "2")])
        );
    }

    #[test]
    fn utf16_with_bom() {
        let mut f = vec![0xFF, 0xFE];
        for u in "attrs==20.3.0\r\n".encode_utf16() {
            f.extend(u.to_le_bytes());
        }
        assert_eq!(names(&f), pairs(&[("attrs", "20.3.0")]));
        let mut be = vec![0xFE, 0xFF];
        for u in "six==1.0\n".encode_utf16() {
            be.extend(u.to_be_bytes());
        }
        assert_eq!(names(&be), pairs(&[("six", "1.0")]));
    }

    #[test]
    fn binary_is_an_error() {
        assert!(parse(b"\x7fELF\x02\x01\x01\0\0", "/x").is_err());
    }

    #[test]
    fn claims_requirement_variants_only() {
        let c = ANALYZER.claims;
        assert!(c("requirements.txt") && c("requirements-dev.txt") && c("requirements_test.txt"));
        assert!(!c("requirements.in") && !c("dev-requirements.txt"));
    }
}
