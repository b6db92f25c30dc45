//! SemVer 2.0 (<https://semver.org>) and its close relatives: npm, crates.io,
//! Hex and Go modules share this module, while NuGet and Pub reuse its parser
//! with their own options (see `nuget.rs` and `pubdev.rs`).
//!
//! Rules (SemVer §11): compare major, minor, patch numerically; a version with
//! a pre-release sorts before the same version without one; pre-release
//! identifiers (split on `.`) compare pairwise — numeric identifiers
//! numerically and below alphanumeric ones, alphanumeric ones by ASCII — and
//! a longer list wins when one is a prefix of the other. Build metadata
//! (`+…`) is ignored, so Go's `+incompatible` does not affect order, and Go
//! pseudo-versions (`v1.2.4-0.20200101000000-abcdef123456`) order as the
//! pre-releases they are.
//!
//! Leniency, matching what registries and OSV data contain: surrounding
//! whitespace and a leading `v`/`V` or `=` are ignored; a missing minor or
//! patch is 0 (`1.2` = `1.2.0`, as Go's `v1.2` shorthand); numbers may be of
//! any length and may have leading zeros; further dot-separated numbers after
//! the patch (`1.1.3.4.5`) are treated as build metadata.
//!
//! Strings that still do not parse (empty, not starting with a digit,
//! trailing garbage such as `1.2.3abc`) sort *before* every valid version,
//! and among themselves by their bytes. This module does not evaluate ranges
//! (`^1.2`, `~> 1.0`).

use crate::num::{take_while, Num};
use std::cmp::Ordering;

/// One pre-release or build identifier; numeric ones sort first.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Ident {
    /// All digits, compared numerically.
    Num(Num),
    /// Anything else, compared by bytes.
    Str(String),
}

/// How a SemVer-like scheme differs from plain SemVer.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Options {
    /// How many numeric parts form the release (3, or 4 for NuGet).
    pub parts: usize,
    /// Compare alphanumeric identifiers ignoring ASCII case (NuGet).
    pub fold_case: bool,
    /// Build metadata takes part in the order, after the pre-release (Pub).
    pub compare_build: bool,
    /// Numeric parts beyond `parts` are read as build metadata (`1.1.3.4.5`)
    /// instead of making the version invalid.
    pub extra_parts_are_build: bool,
}

/// Plain SemVer 2.0.
pub(crate) const SEMVER: Options = Options {
    parts: 3,
    fold_case: false,
    compare_build: false,
    extra_parts_are_build: true,
};

/// A parsed SemVer-like version reduced to its comparison key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Version {
    release: Vec<Num>,
    pre: Vec<Ident>,
    build: Vec<Ident>,
}

fn idents(s: &str, fold_case: bool) -> Vec<Ident> {
    s.split('.')
        .map(|id| {
            if !id.is_empty() && id.bytes().all(|c| c.is_ascii_digit()) {
                Ident::Num(Num::new(id))
            } else if fold_case {
                Ident::Str(id.to_ascii_lowercase())
            } else {
                Ident::Str(id.to_string())
            }
        })
        .collect()
}

/// Parses with `opts`; `None` when the string is not a version.
pub(crate) fn parse(v: &str, opts: Options) -> Option<Version> {
    let s = v.trim();
    let s = s.strip_prefix(['v', 'V', '=']).unwrap_or(s);
    let mut release = Vec::with_capacity(opts.parts);
    let (first, mut s) = take_while(s, |c| c.is_ascii_digit());
    if first.is_empty() {
        return None;
    }
    release.push(Num::new(first));
    while release.len() < opts.parts {
        let Some(rest) = s.strip_prefix('.') else {
            break;
        };
        let (d, rest) = take_while(rest, |c| c.is_ascii_digit());
        if d.is_empty() {
            return None;
        }
        release.push(Num::new(d));
        s = rest;
    }
    release.resize(opts.parts, Num::default());
    // Extra numeric parts beyond the release count as build metadata.
    let (pre_and_build, mut build) = match s.find('+') {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let pre = if let Some(p) = pre_and_build.strip_prefix('-') {
        idents(p, opts.fold_case)
    } else if let Some(extra) = pre_and_build.strip_prefix('.') {
        if !opts.extra_parts_are_build
            || extra.is_empty()
            || !extra.bytes().all(|c| c.is_ascii_digit() || c == b'.')
        {
            return None;
        }
        build = build.or(Some(extra));
        Vec::new()
    } else if pre_and_build.is_empty() {
        Vec::new()
    } else {
        return None;
    };
    let build = match build {
        Some(b) if opts.compare_build => idents(b, opts.fold_case),
        _ => Vec::new(),
    };
    Some(Version {
        release,
        pre,
        build,
    })
}

impl Ord for Version {
    fn cmp(&self, o: &Self) -> Ordering {
        self.release
            .cmp(&o.release)
            .then_with(|| match (self.pre.is_empty(), o.pre.is_empty()) {
                (true, true) => Ordering::Equal,
                (true, false) => Ordering::Greater,
                (false, true) => Ordering::Less,
                (false, false) => self.pre.cmp(&o.pre),
            })
            .then_with(|| self.build.cmp(&o.build))
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Compares under `opts`; invalid strings sort first, by bytes.
pub(crate) fn compare_with(a: &str, b: &str, opts: Options) -> Ordering {
    crate::valid_first(a, b, |v| parse(v, opts))
}

/// Compares two SemVer versions (npm, crates.io, Hex, Go).
pub(crate) fn compare(a: &str, b: &str) -> Ordering {
    compare_with(a, b, SEMVER)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Ordering::*;

    #[test]
    fn specification_order() {
        let list = [
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
            "2.0.0",
            "2.1.0",
            "2.1.1",
        ];
        for w in list.windows(2) {
            assert_eq!(compare(w[0], w[1]), Less, "{} < {}", w[0], w[1]);
        }
    }

    #[test]
    fn leniency_and_build_metadata() {
        assert_eq!(compare("v1.2.3", "1.2.3"), Equal);
        assert_eq!(compare("1.2", "1.2.0"), Equal);
        assert_eq!(compare("1.2.3+build.1", "1.2.3+other"), Equal);
        assert_eq!(compare("v2.0.0+incompatible", "v2.0.0"), Equal);
        assert_eq!(compare("1.2.3-5", "1.2.3-5-foo"), Less);
        assert_eq!(compare("1.2.3-R2", "1.2.3-r100"), Less);
        // Go pseudo-version: a pre-release of the next patch.
        assert_eq!(
            compare("v1.2.4-0.20200101000000-abcdef123456", "v1.2.4"),
            Less
        );
        assert_eq!(
            compare("v1.2.4-0.20200101000000-abcdef123456", "v1.2.3"),
            Greater
        );
    }

    #[test]
    fn invalid_versions_sort_first() {
        assert!(parse("1.2.3abc", SEMVER).is_none());
        assert!(parse("", SEMVER).is_none());
        assert!(parse("1..2", SEMVER).is_none());
        assert_eq!(compare("latest", "0.0.0-0"), Less);
    }
}
