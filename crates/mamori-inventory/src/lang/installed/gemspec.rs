//! Ruby gems installed by RubyGems or Bundler: the generated gemspecs in a gem
//! home's `specifications/` directory (`usr/local/bundle/specifications/rake-13.0.6.gemspec`,
//! `var/lib/gems/3.1.0/specifications/…`), including the default gems that ship
//! with Ruby (`specifications/default/json-2.6.3.gemspec`).
//!
//! Installed gemspecs are Ruby written by RubyGems itself, so their shape is
//! regular: `s.name = "rake".freeze`, `s.version = "13.0.6"`, `s.licenses =
//! ["MIT".freeze]`, or the `Gem::Specification.new "name", "version"` form. We read
//! those assignments lexically and never evaluate Ruby; a value that is not a
//! string literal (`s.version = Foo::VERSION`, as in hand-written gemspecs) falls
//! back to the `NAME-VERSION[-PLATFORM].gemspec` file name.

use super::location;
use crate::{file_name, Analysis, AnalyzeError, Analyzer, Ecosystem, FileMeta, Package};

/// Reads installed gemspecs.
pub struct GemspecAnalyzer;

/// At most this many string literals are collected from one line; a licence list
/// is short, and a hostile line must not allocate without bound.
const MAX_LITERALS: usize = 32;

impl Analyzer for GemspecAnalyzer {
    fn id(&self) -> &'static str {
        "gemspec-installed"
    }
    fn version(&self) -> u32 {
        1
    }
    fn required(&self, path: &str, _meta: &FileMeta) -> bool {
        if !path.ends_with(".gemspec") {
            return false;
        }
        // Default gems (bundled with Ruby) live in `specifications/default/`.
        let mut dirs = path.rsplit('/').skip(1);
        match dirs.next() {
            Some("specifications") => true,
            Some("default") => dirs.next() == Some("specifications"),
            _ => false,
        }
    }
    fn max_size(&self) -> u64 {
        1 << 20
    }
    fn analyze(&self, path: &str, content: &[u8]) -> Result<Analysis, AnalyzeError> {
        let text = String::from_utf8_lossy(content);
        let pkg = parse_gemspec(&text, file_name(path), &location(path))
            .map_err(|m| AnalyzeError::parse(path, m))?;
        Ok(Analysis {
            packages: vec![pkg],
            ..Analysis::default()
        })
    }
}

/// Parses an installed gemspec; `file` is its base name, used when the name or
/// version is not a literal.
pub(crate) fn parse_gemspec(text: &str, file: &str, location: &str) -> Result<Package, String> {
    let mut name = None;
    let mut version = None;
    let mut licenses = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('#') {
            continue;
        }
        if let Some(i) = line.find("Gem::Specification.new") {
            // `Gem::Specification.new "name", "version" do |s|` (also with parentheses).
            let args = &line[i + "Gem::Specification.new".len()..];
            let args = args.split(" do").next().unwrap_or(args);
            let mut lits = literals(args).into_iter();
            if let Some(n) = lits.next() {
                name.get_or_insert(n);
            }
            if let Some(v) = lits.next() {
                version.get_or_insert(v);
            }
            continue;
        }
        let Some((attr, rhs)) = assignment(line) else {
            continue;
        };
        match attr {
            "name" => name = literals(rhs).into_iter().next().or(name),
            "version" => version = literals(rhs).into_iter().next().or(version),
            "license" | "licenses" => licenses.extend(literals(rhs)),
            _ => {}
        }
    }
    let stem = file.strip_suffix(".gemspec").unwrap_or(file);
    let (file_name, file_version) = split_file_name(stem);
    let name = name
        .filter(|n| !n.is_empty())
        .or_else(|| file_name.map(str::to_string))
        .ok_or_else(|| format!("no name assignment and file name {file:?} is not NAME-VERSION"))?;
    let version = version.filter(|v| !v.is_empty()).or_else(|| {
        // With a known name, the version is what follows `NAME-`, minus any platform.
        match stem
            .strip_prefix(name.as_str())
            .and_then(|r| r.strip_prefix('-'))
        {
            Some(rest) => rest.split('-').next().map(str::to_string),
            None => file_version.map(str::to_string),
        }
    });
    let version = version
        .filter(|v| !v.is_empty())
        .ok_or_else(|| format!("gem {name:?}: no version assignment"))?;
    let mut pkg = Package::new(Ecosystem::Rubygems, name, version, location);
    licenses.retain(|l| !l.is_empty());
    pkg.licenses = licenses;
    Ok(pkg)
}

/// `RECV.ATTR = RHS` with `RECV` an identifier: returns `(ATTR, RHS)`.
fn assignment(line: &str) -> Option<(&str, &str)> {
    let eq = line.find('=')?;
    let (lhs, rhs) = (line[..eq].trim_end(), &line[eq + 1..]);
    if rhs.starts_with(['=', '~', '>']) || lhs.ends_with(['!', '<', '>', '=']) {
        return None; // `==`, `=~`, `=>`, `!=`, `<=`, `>=`: not an assignment.
    }
    let (recv, attr) = lhs.split_once('.')?;
    let ident =
        |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    (ident(recv) && ident(attr)).then_some((attr, rhs))
}

/// The string literals in `s`, in order: `"…"`, `'…'`, and `%q`/`%Q` with any
/// delimiter. Escapes are resolved only as far as dropping the backslash.
fn literals(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if out.len() >= MAX_LITERALS {
            break;
        }
        let close = match c {
            '"' | '\'' => c,
            '%' if matches!(chars.peek(), Some('q' | 'Q')) => {
                chars.next();
                match chars.next() {
                    Some('<') => '>',
                    Some('{') => '}',
                    Some('(') => ')',
                    Some('[') => ']',
                    Some(d) if !d.is_alphanumeric() && !d.is_whitespace() => d,
                    _ => continue,
                }
            }
            _ => continue,
        };
        let mut lit = String::new();
        let mut closed = false;
        while let Some(c) = chars.next() {
            if c == '\\' {
                if let Some(e) = chars.next() {
                    lit.push(e);
                }
            } else if c == close {
                closed = true;
                break;
            } else {
                lit.push(c);
            }
        }
        if closed {
            out.push(lit);
        }
    }
    out
}

/// Splits `NAME-VERSION[-PLATFORM]` at the last `-` followed by a digit.
fn split_file_name(stem: &str) -> (Option<&str>, Option<&str>) {
    let bytes = stem.as_bytes();
    let at = (1..bytes.len())
        .rev()
        .find(|&i| bytes[i - 1] == b'-' && bytes[i].is_ascii_digit());
    match at {
        Some(i) => {
            let version = stem[i..].split('-').next();
            (Some(&stem[..i - 1]), version)
        }
        None => (None, None),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap.
mod tests {
    use super::*;

    #[test]
    fn generated_gemspec() {
        let g = "# -*- encoding: utf-8 -*-\n# stub: rake 13.0.6 ruby lib\n\nGem::Specification.new do |s|\n  s.name = \"rake\".freeze\n  s.version = \"13.0.6\"\n\n  s.required_rubygems_version = Gem::Requirement.new(\">= 1.3.2\".freeze) if s.respond_to? :required_rubygems_version=\n  s.licenses = [\"MIT\".freeze]\n  s.rubygems_version = \"3.4.10\".freeze\n  s.add_runtime_dependency(%q<x>.freeze, [\">= 0\"])\nend\n";
        let p = parse_gemspec(g, "rake-13.0.6.gemspec", "/s/rake-13.0.6.gemspec").unwrap();
        assert_eq!((p.name.as_str(), p.version.as_str()), ("rake", "13.0.6"));
        assert_eq!(p.licenses, vec!["MIT"]);
    }

    #[test]
    fn constructor_form_and_other_receiver() {
        let g =
            "Gem::Specification.new \"json\", \"2.6.3\" do |spec|\n  spec.license = 'Ruby'\nend\n";
        let p = parse_gemspec(g, "json-2.6.3.gemspec", "/x").unwrap();
        assert_eq!((p.name.as_str(), p.version.as_str()), ("json", "2.6.3"));
        assert_eq!(p.licenses, vec!["Ruby"]);
        let g = "Gem::Specification.new(%q{a-b}, %q<1.0>) { |s| }";
        let p = parse_gemspec(g, "x.gemspec", "/x").unwrap();
        assert_eq!((p.name.as_str(), p.version.as_str()), ("a-b", "1.0"));
    }

    #[test]
    fn non_literal_version_falls_back_to_file_name() {
        let g = "Gem::Specification.new do |s|\n  s.name = 'nokogiri'\n  s.version = Nokogiri::VERSION\nend\n";
        let p = parse_gemspec(g, "nokogiri-1.15.4-x86_64-linux.gemspec", "/x").unwrap();
        assert_eq!(p.version, "1.15.4");
        let p = parse_gemspec("", "net-http-0.4.1.gemspec", "/x").unwrap();
        assert_eq!((p.name.as_str(), p.version.as_str()), ("net-http", "0.4.1"));
        let e = parse_gemspec("", "weird.gemspec", "/x").unwrap_err();
        assert!(e.contains("\"weird.gemspec\""), "{e}");
    }

    #[test]
    fn claims_installed_and_default_specifications() {
        let m = FileMeta {
            size: 1,
            mode: 0o644,
        };
        let a = GemspecAnalyzer;
        assert!(a.required("usr/local/bundle/specifications/rake-13.0.6.gemspec", &m));
        assert!(a.required(
            "usr/local/lib/ruby/gems/3.2.0/specifications/default/json-2.6.3.gemspec",
            &m
        ));
        assert!(!a.required("app/json.gemspec", &m));
        assert!(!a.required("app/default/json.gemspec", &m));
        assert!(!a.required("specifications/x.gemspec.bak", &m));
    }

    #[test]
    fn comparisons_are_not_assignments() {
        assert_eq!(assignment("s.name == \"x\""), None);
        assert_eq!(assignment("if s.version >= 2"), None);
        assert_eq!(assignment("s.name = 'x'"), Some(("name", " 'x'")));
        assert_eq!(literals("[\"a\\\"b\", 'c']"), vec!["a\"b", "c"]);
    }
}
