//! RubyGems versions, ordered as `Gem::Version#<=>` orders them
//! (<https://guides.rubygems.org/patterns/#semantic-versioning>, rubygems
//! `lib/rubygems/version.rb`).
//!
//! A version matches `\d+(\.[0-9A-Za-z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?`
//! (surrounding whitespace ignored; blank means `0`). Each `-` is read as
//! `.pre.`. The string is cut into segments — runs of digits (numbers) and
//! runs of letters (strings) — so `1.0.a10` and `1.0.a.10` are the same. A
//! version containing any letter is a pre-release. The segments before the
//! first string and those from it on each lose their trailing zeros, then the
//! two sequences are compared pairwise, a missing segment counting as 0:
//! numbers numerically, strings by bytes, and a string below any number (so
//! `1.2.4.beta < 1.2.4`).
//!
//! Strings that are not versions sort *before* every version and among
//! themselves by bytes. This module does not evaluate requirements (`~> 1.2`).

use crate::num::Num;
use std::cmp::Ordering;

/// One segment; strings sort below numbers.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Seg {
    Str(String),
    Int(Num),
}

/// Whether `v` matches Gem::Version's pattern.
pub(crate) fn is_valid(v: &str) -> bool {
    let s = v.trim();
    if s.is_empty() {
        return true;
    }
    let (main, pre) = match s.split_once('-') {
        Some((m, p)) => (m, Some(p)),
        None => (s, None),
    };
    let mut parts = main.split('.');
    let first_ok = parts
        .next()
        .is_some_and(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()));
    let rest_ok = parts.all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_alphanumeric()));
    let pre_ok = pre.is_none_or(|p| {
        p.split('.')
            .all(|x| !x.is_empty() && x.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-'))
    });
    first_ok && rest_ok && pre_ok
}

/// The canonical segments of a valid version.
fn canonical(v: &str) -> Vec<Seg> {
    let s = v.trim().replace('-', ".pre.");
    let b = s.as_bytes();
    let mut segs = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let start = i;
        if b[i].is_ascii_digit() {
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            segs.push(Seg::Int(Num::new(&s[start..i])));
        } else if b[i].is_ascii_alphabetic() {
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            segs.push(Seg::Str(s[start..i].to_string()));
        } else {
            i += 1;
        }
    }
    let split = segs
        .iter()
        .position(|s| matches!(s, Seg::Str(_)))
        .unwrap_or(segs.len());
    let mut strings = segs.split_off(split);
    let zero = Seg::Int(Num::default());
    while segs.last() == Some(&zero) {
        segs.pop();
    }
    while strings.last() == Some(&zero) {
        strings.pop();
    }
    segs.extend(strings);
    segs
}

fn cmp_segments(a: &[Seg], b: &[Seg]) -> Ordering {
    let zero = Seg::Int(Num::default());
    (0..a.len().max(b.len()))
        .map(|i| a.get(i).unwrap_or(&zero).cmp(b.get(i).unwrap_or(&zero)))
        .find(|c| c.is_ne())
        .unwrap_or(Ordering::Equal)
}

/// Compares two RubyGems versions.
pub(crate) fn compare(a: &str, b: &str) -> Ordering {
    match (is_valid(a), is_valid(b)) {
        (true, true) => cmp_segments(&canonical(a), &canonical(b)),
        (false, true) => Ordering::Less,
        (true, false) => Ordering::Greater,
        (false, false) => a.cmp(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Ordering::*;

    #[test]
    fn documented_cases() {
        assert_eq!(compare("1.0.a10", "1.0.a.10"), Equal);
        assert_eq!(compare("1.2.4.beta", "1.2.4"), Less);
        assert_eq!(compare("1.0.b1", "1.0.a.2"), Greater);
        assert_eq!(compare("3.10", "3.2"), Greater);
        assert_eq!(compare("1.0", "1"), Equal);
        assert_eq!(compare("1.0.0-rc1", "1.0.0.pre.rc1"), Equal);
        assert_eq!(compare("1.a.0", "1.a"), Equal);
        assert_eq!(compare("", "0"), Equal);
        assert!(!is_valid("1..2"));
        assert_eq!(compare("junk!", "0"), Less);
    }
}
