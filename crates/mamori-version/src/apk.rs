//! Alpine (and Wolfi/Chainguard) apk package versions, ordered as apk-tools'
//! `version.c` orders them, extended to a total order over any string.
//!
//! Grammar: `number{.number}...{letter}{_suffix{number}}...{~hash}{-r#}`.
//! * Numbers compare numerically. Apart from the first, a number with leading
//!   zeros sorts below every number without: more zeros sort lower (`1.001 <
//!   1.01 < 1.1`), then the digits after the zeros (`1.0 < 1.01`).
//! * More number components sort higher (`1.2 < 1.2.0`).
//! * A trailing lower-case letter sorts above none (`1.2 < 1.2a < 1.2b`).
//! * Suffixes compare pairwise: `_alpha < _beta < _pre < _rc < (none) < _cvs
//!   < _svn < _git < _hg < _p`, then by their number (missing = 0).
//! * `~hash` (a commit hash) is ignored: it cannot be ordered.
//! * `-rN` is the package revision (missing = 0, so `1` = `1-r0`; apk-tools
//!   itself puts `1` first, but the osv-scalibr fixtures need `1 > 1-ruff`,
//!   which only a missing-equals-zero revision satisfies transitively).
//!
//! Invalid input, which `apk version -t` still compares, is ordered by a
//! documented extension that agrees with the osv-scalibr fixtures: whatever
//! the grammar above could not consume is the *tail*. A version without a
//! tail sorts above the same version with one; a tail that follows `-r` or
//! starts with `-` (a broken revision) carries no order at all (`1-ruff1` =
//! `1-ruff2`); any other tail is compared by bytes and sorts above the
//! broken-revision kind. Because every version maps to one key and keys are
//! compared lexicographically, the order is total. This module does not know
//! apk's fuzzy (`~`) or checksum dependency operators.

use crate::num::{take_while, Num};
use std::cmp::Ordering;

/// A number component after the first one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Comp {
    /// Starts with zeros: fewer zeros sort higher (hence `Reverse`), then
    /// no further digits sort before further digits.
    Zeros(std::cmp::Reverse<usize>, Option<Num>),
    /// No leading zero: numeric.
    Plain(Num),
}

/// What could not be parsed, ordered as described in the module doc.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Tail {
    BrokenRevision,
    Text(String),
    None,
}

/// The comparison key of one apk version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Version {
    first: Option<Num>,
    rest: Vec<Comp>,
    letter: Option<u8>,
    /// (rank, number); rank 4 is "no suffix".
    suffixes: Vec<(u8, Num)>,
    revision: Num,
    tail: Tail,
}

const SUFFIXES: [(&str, u8); 9] = [
    ("alpha", 0),
    ("beta", 1),
    ("pre", 2),
    ("rc", 3),
    ("cvs", 5),
    ("svn", 6),
    ("git", 7),
    ("hg", 8),
    ("p", 9),
];
const NO_SUFFIX: u8 = 4;

/// Parses any string into its key; `valid` reports whether it had no tail.
pub(crate) fn parse(v: &str) -> Version {
    let (d, mut s) = take_while(v, |c| c.is_ascii_digit());
    let first = (!d.is_empty()).then(|| Num::new(d));
    let mut rest = Vec::new();
    if first.is_some() {
        while let Some(after) = s.strip_prefix('.') {
            let (d, after) = take_while(after, |c| c.is_ascii_digit());
            if d.is_empty() {
                break;
            }
            let (zeros, digits) = take_while(d, |c| c == b'0');
            rest.push(if zeros.is_empty() {
                Comp::Plain(Num::new(digits))
            } else {
                Comp::Zeros(
                    std::cmp::Reverse(zeros.len()),
                    (!digits.is_empty()).then(|| Num::new(digits)),
                )
            });
            s = after;
        }
    }
    let mut letter = None;
    if let Some(&c) = s.as_bytes().first() {
        if c.is_ascii_lowercase() {
            letter = Some(c);
            s = &s[1..];
        }
    }
    let mut suffixes = Vec::new();
    while let Some(after) = s.strip_prefix('_') {
        let Some((name, rank)) = SUFFIXES.iter().find(|(n, _)| after.starts_with(n)) else {
            break;
        };
        let (d, after) = take_while(&after[name.len()..], |c| c.is_ascii_digit());
        suffixes.push((*rank, Num::new(d)));
        s = after;
    }
    if let Some(after) = s.strip_prefix('~') {
        let (h, after) = take_while(after, |c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase());
        if !h.is_empty() {
            s = after;
        }
    }
    let mut revision = Num::default();
    let tail = if let Some(after) = s.strip_prefix("-r") {
        let (d, after) = take_while(after, |c| c.is_ascii_digit());
        revision = Num::new(d);
        if after.is_empty() {
            Tail::None
        } else {
            Tail::BrokenRevision
        }
    } else if s.is_empty() {
        Tail::None
    } else if s.starts_with('-') {
        Tail::BrokenRevision
    } else {
        Tail::Text(s.to_string())
    };
    Version {
        first,
        rest,
        letter,
        suffixes,
        revision,
        tail,
    }
}

impl Version {
    /// Whether the whole string matched the grammar.
    pub(crate) fn is_valid(&self) -> bool {
        self.first.is_some() && self.tail == Tail::None
    }
}

impl Ord for Version {
    fn cmp(&self, o: &Self) -> Ordering {
        let none = (NO_SUFFIX, Num::default());
        let n = self.suffixes.len().max(o.suffixes.len());
        let suffixes = || {
            (0..n)
                .map(|i| {
                    let a = self.suffixes.get(i).unwrap_or(&none);
                    let b = o.suffixes.get(i).unwrap_or(&none);
                    a.cmp(b)
                })
                .find(|c| c.is_ne())
                .unwrap_or(Ordering::Equal)
        };
        self.first
            .cmp(&o.first)
            .then_with(|| self.rest.cmp(&o.rest))
            .then_with(|| self.letter.cmp(&o.letter))
            .then_with(suffixes)
            .then_with(|| self.revision.cmp(&o.revision))
            .then_with(|| self.tail.cmp(&o.tail))
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Compares two apk versions.
pub(crate) fn compare(a: &str, b: &str) -> Ordering {
    parse(a).cmp(&parse(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Ordering::*;

    #[test]
    fn documented_cases() {
        let order = [
            "1.2_alpha",
            "1.2_alpha1",
            "1.2_beta",
            "1.2_pre1",
            "1.2_rc2",
            "1.2",
            "1.2_cvs1",
            "1.2_svn1",
            "1.2_git1",
            "1.2_hg1",
            "1.2_p1",
            "1.2a",
            "1.2b",
            "1.2.0",
            "1.2.01",
            "1.2.1",
        ];
        for w in order.windows(2) {
            assert_eq!(compare(w[0], w[1]), Less, "{} < {}", w[0], w[1]);
        }
        assert_eq!(compare("1.001", "1.01"), Less);
        assert_eq!(compare("1.0-r1", "1.0-r01"), Equal);
        assert_eq!(compare("1.0-r2", "1.0-r10"), Less);
        assert_eq!(compare("1.0~abc123-r1", "1.0-r1"), Equal);
        assert_eq!(compare("1-ruff1", "1-ruff2"), Equal);
        assert_eq!(compare("1-ruff1", "1"), Less);
        assert_eq!(compare("1", "1-r0"), Equal);
        assert!(parse("1.2.3_rc1-r0").is_valid());
        assert!(!parse("1.2.3_foo").is_valid());
    }
}
