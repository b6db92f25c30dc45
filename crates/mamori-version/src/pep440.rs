//! Python package versions per PEP 440, ordered as `packaging.version.Version`
//! orders them (<https://packaging.python.org/en/latest/specifications/version-specifiers/>).
//!
//! Grammar (case-insensitive, surrounding whitespace and one leading `v`
//! ignored): `[N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]`, with the
//! normalisations of the specification: `alpha`/`beta`/`c`/`pre`/`preview`
//! spell `a`/`b`/`rc`/`rc`/`rc`; `rev`/`r` and a bare `-N` spell `post`; the
//! separators `.`, `-`, `_` before a pre/post/dev label and between label and
//! number are optional; a missing number is 0; local segments are lower-cased
//! and may be separated by `.`, `-` or `_`.
//!
//! Order: epoch, then the release with trailing zeros dropped (`1.0 == 1`),
//! then `X.devN` (no pre, no post) < pre-releases < the release itself, pre
//! `a < b < rc`, then no post < post, then dev < no dev, then no local <
//! local, local segments compared pairwise with numbers above strings.
//!
//! Invalid versions (legacy `LegacyVersion` strings) are not PEP 440 versions.
//! This module orders every invalid string *before* every valid version and
//! invalid strings among themselves by their bytes, so the order stays total.
//! It does not evaluate specifiers (`>=1,<2`).

use crate::num::{take_while, Num};
use std::cmp::Ordering;

/// A parsed PEP 440 version reduced to its comparison key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Version {
    epoch: Num,
    /// Release numbers with trailing zeros removed.
    release: Vec<Num>,
    pre: Option<(u8, Num)>,
    post: Option<Num>,
    dev: Option<Num>,
    local: Vec<Local>,
}

/// One local-version segment: numbers sort above strings.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Local {
    Str(String),
    Int(Num),
}

/// Consumes an optional separator (`.`, `-`, `_`) if what follows it matches.
fn opt_sep(s: &str) -> &str {
    s.strip_prefix(['.', '-', '_']).unwrap_or(s)
}

/// Parses a label from `labels` (longest listed first) at the start of `s`.
fn label<'a>(s: &'a str, labels: &[&'static str]) -> Option<(&'static str, &'a str)> {
    labels.iter().find_map(|l| {
        let head = s.get(..l.len())?;
        head.eq_ignore_ascii_case(l).then(|| (*l, &s[l.len()..]))
    })
}

/// Parses `[sep]LABEL[sep][N]` returning the label, the number and the rest.
fn labelled<'a>(s: &'a str, labels: &[&'static str]) -> Option<(&'static str, Num, &'a str)> {
    let (l, rest) = label(opt_sep(s), labels)?;
    // The reference regex consumes a separator after the label even when no
    // number follows (`1.0a.` is `1.0a0`).
    let (digits, tail) = take_while(opt_sep(rest), |c| c.is_ascii_digit());
    let n = if digits.is_empty() {
        Num::default()
    } else {
        Num::new(digits)
    };
    Some((l, n, tail))
}

/// Parses a version; `None` when it is not valid PEP 440.
pub(crate) fn parse(v: &str) -> Option<Version> {
    let s = v.trim();
    let s = s.strip_prefix(['v', 'V']).unwrap_or(s);
    let (first, mut s) = take_while(s, |c| c.is_ascii_digit());
    if first.is_empty() {
        return None;
    }
    let mut epoch = Num::default();
    let mut release = vec![Num::new(first)];
    if let Some(rest) = s.strip_prefix('!') {
        epoch = Num::new(first);
        let (d, rest) = take_while(rest, |c| c.is_ascii_digit());
        if d.is_empty() {
            return None;
        }
        release = vec![Num::new(d)];
        s = rest;
    }
    while let Some(rest) = s.strip_prefix('.') {
        let (d, rest) = take_while(rest, |c| c.is_ascii_digit());
        if d.is_empty() {
            break;
        }
        release.push(Num::new(d));
        s = rest;
    }
    while release.last().is_some_and(Num::is_zero) {
        release.pop();
    }
    let mut pre = None;
    if let Some((l, n, rest)) =
        labelled(s, &["alpha", "beta", "preview", "pre", "rc", "a", "b", "c"])
    {
        let rank = match l {
            "alpha" | "a" => 0,
            "beta" | "b" => 1,
            _ => 2,
        };
        pre = Some((rank, n));
        s = rest;
    }
    let mut post = None;
    if let Some(rest) = s.strip_prefix('-') {
        let (d, tail) = take_while(rest, |c| c.is_ascii_digit());
        if !d.is_empty() {
            post = Some(Num::new(d));
            s = tail;
        }
    }
    if post.is_none() {
        if let Some((_, n, rest)) = labelled(s, &["post", "rev", "r"]) {
            post = Some(n);
            s = rest;
        }
    }
    let mut dev = None;
    if let Some((_, n, rest)) = labelled(s, &["dev"]) {
        dev = Some(n);
        s = rest;
    }
    let mut local = Vec::new();
    if let Some(rest) = s.strip_prefix('+') {
        for seg in rest.split(['.', '-', '_']) {
            if seg.is_empty() || !seg.bytes().all(|c| c.is_ascii_alphanumeric()) {
                return None;
            }
            local.push(if seg.bytes().all(|c| c.is_ascii_digit()) {
                Local::Int(Num::new(seg))
            } else {
                Local::Str(seg.to_ascii_lowercase())
            });
        }
        s = "";
    }
    if !s.is_empty() {
        return None;
    }
    Some(Version {
        epoch,
        release,
        pre,
        post,
        dev,
        local,
    })
}

/// Ranks where the pre-release slot sorts: a dev-only release before any
/// pre-release, a final release after every pre-release.
fn pre_key(v: &Version) -> (u8, Option<&(u8, Num)>) {
    match (&v.pre, &v.post, &v.dev) {
        (None, None, Some(_)) => (0, None),
        (Some(p), _, _) => (1, Some(p)),
        (None, _, _) => (2, None),
    }
}

impl Ord for Version {
    fn cmp(&self, o: &Self) -> Ordering {
        self.epoch
            .cmp(&o.epoch)
            .then_with(|| self.release.cmp(&o.release))
            .then_with(|| pre_key(self).cmp(&pre_key(o)))
            // `None < Some` is exactly "no post-release sorts first".
            .then_with(|| self.post.cmp(&o.post))
            // A dev release sorts before the same version without one.
            .then_with(|| match (&self.dev, &o.dev) {
                (None, None) => Ordering::Equal,
                (None, Some(_)) => Ordering::Greater,
                (Some(_), None) => Ordering::Less,
                (Some(a), Some(b)) => a.cmp(b),
            })
            .then_with(|| self.local.cmp(&o.local))
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Compares two versions; invalid ones sort first, by bytes.
pub(crate) fn compare(a: &str, b: &str) -> Ordering {
    crate::valid_first(a, b, parse)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Ordering::*;

    fn ordered(list: &[&str]) {
        for w in list.windows(2) {
            assert_eq!(compare(w[0], w[1]), Less, "{} < {}", w[0], w[1]);
            assert_eq!(compare(w[1], w[0]), Greater, "{} > {}", w[1], w[0]);
        }
    }

    #[test]
    fn specification_order() {
        ordered(&[
            "1.0.dev456",
            "1.0a1",
            "1.0a2.dev456",
            "1.0a12.dev456",
            "1.0a12",
            "1.0b1.dev456",
            "1.0b2",
            "1.0b2.post345.dev456",
            "1.0b2.post345",
            "1.0rc1.dev456",
            "1.0rc1",
            "1.0",
            "1.0+abc.5",
            "1.0+abc.7",
            "1.0+5",
            "1.0.post456.dev34",
            "1.0.post456",
            "1.0.15",
            "1.1.dev1",
            "1!0.1",
        ]);
    }

    #[test]
    fn normalisation() {
        assert_eq!(compare("1.0", "1.0.0"), Equal);
        assert_eq!(compare("v1.0", "1"), Equal);
        assert_eq!(compare("1.0ALPHA1", "1.0a1"), Equal);
        assert_eq!(compare("1.0-preview-2", "1.0rc2"), Equal);
        assert_eq!(compare("1.0c", "1.0rc0"), Equal);
        assert_eq!(compare("1.0-1", "1.0.post1"), Equal);
        assert_eq!(compare("1.0.rev", "1.0post0"), Equal);
        assert_eq!(compare("1.0_dev_3", "1.0.dev3"), Equal);
        assert_eq!(compare("1.0+Ubuntu-1", "1.0+ubuntu.1"), Equal);
        assert_eq!(compare("0!1.0", "1.0"), Equal);
    }

    #[test]
    fn invalid_versions_sort_first() {
        assert!(parse("1.0-").is_none());
        assert!(parse("1.0+").is_none());
        assert!(parse("french toast").is_none());
        assert!(parse("1.0.").is_none());
        assert_eq!(compare("french toast", "0"), Less);
        assert_eq!(compare("b", "a"), Greater);
    }
}
