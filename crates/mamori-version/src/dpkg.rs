//! Debian package versions, ordered as `dpkg --compare-versions` orders them
//! (deb-version(7), dpkg `lib/dpkg/version.c`).
//!
//! A version is `[epoch:]upstream[-revision]`. The epoch is a decimal number
//! (absent = 0); the revision is everything after the *last* hyphen (absent =
//! empty, which compares equal to `0`). Upstream and revision are compared with
//! the same rule: alternate a non-digit run and a digit run; non-digit runs
//! compare character by character where `~` sorts before everything (even
//! the end of the string), then the end of the run, then letters, then every
//! other character (by byte value); digit runs compare numerically.
//!
//! Leading and trailing whitespace is ignored as dpkg does. This module
//! accepts any string for comparison — a malformed epoch is treated as part of
//! the upstream version rather than rejected — and reports syntax problems
//! only through [`validate`]; it does not know about Ubuntu/Debian suite
//! suffixes or security-archive conventions.

use crate::num::cmp_digits;
use std::cmp::Ordering;

/// The three parts of a Debian version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Parts<'a> {
    /// The epoch digits (`""` when absent).
    pub epoch: &'a str,
    /// The upstream version.
    pub upstream: &'a str,
    /// The Debian revision (`""` when absent).
    pub revision: &'a str,
}

/// Splits a version into epoch, upstream and revision without validating.
pub(crate) fn split(v: &str) -> Parts<'_> {
    let v = v.trim();
    let (epoch, rest) = match v.split_once(':') {
        Some((e, rest)) if !e.is_empty() && e.bytes().all(|c| c.is_ascii_digit()) => (e, rest),
        _ => ("", v),
    };
    let (upstream, revision) = match rest.rsplit_once('-') {
        Some((u, r)) => (u, r),
        None => (rest, ""),
    };
    Parts {
        epoch,
        upstream,
        revision,
    }
}

/// Checks the syntax dpkg requires; the message names what is wrong.
pub(crate) fn validate(v: &str) -> Result<(), String> {
    let t = v.trim();
    if t.is_empty() {
        return Err("version string is empty".into());
    }
    if let Some((e, _)) = t.split_once(':') {
        if e.is_empty() || !e.bytes().all(|c| c.is_ascii_digit()) {
            return Err(format!("epoch {e:?} is not a number"));
        }
    }
    let p = split(t);
    if p.upstream.is_empty() {
        return Err("nothing after the epoch".into());
    }
    if !p.upstream.as_bytes()[0].is_ascii_digit() {
        return Err("version number does not start with a digit".into());
    }
    if let Some(c) = p
        .upstream
        .chars()
        .find(|&c| !(c.is_ascii_alphanumeric() || ".-+~:".contains(c)))
    {
        return Err(format!("invalid character {c:?} in version number"));
    }
    if t.contains('-') && p.revision.is_empty() {
        return Err("revision number is empty".into());
    }
    if let Some(c) = p
        .revision
        .chars()
        .find(|&c| !(c.is_ascii_alphanumeric() || ".+~".contains(c)))
    {
        return Err(format!("invalid character {c:?} in revision number"));
    }
    Ok(())
}

/// Compares two Debian versions.
pub(crate) fn compare(a: &str, b: &str) -> Ordering {
    let (a, b) = (split(a), split(b));
    cmp_digits(a.epoch, b.epoch)
        .then_with(|| verrevcmp(a.upstream, b.upstream))
        .then_with(|| verrevcmp(a.revision, b.revision))
}

/// The weight of one byte of a non-digit run; `None` is the end of the run.
fn order(c: Option<u8>) -> i32 {
    match c {
        None => 0,
        Some(c) if c.is_ascii_digit() => 0,
        Some(c) if c.is_ascii_alphabetic() => i32::from(c),
        Some(b'~') => -1,
        Some(c) => i32::from(c) + 256,
    }
}

/// dpkg's `verrevcmp`: the comparison shared by upstream and revision.
pub(crate) fn verrevcmp(a: &str, b: &str) -> Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (mut i, mut j) = (0, 0);
    let digit = |s: &[u8], k: usize| s.get(k).is_some_and(|c| c.is_ascii_digit());
    while i < a.len() || j < b.len() {
        // Non-digit run, compared byte by byte with dpkg's weights.
        while (i < a.len() && !digit(a, i)) || (j < b.len() && !digit(b, j)) {
            let ac = order(a.get(i).copied());
            let bc = order(b.get(j).copied());
            if ac != bc {
                return ac.cmp(&bc);
            }
            i += 1;
            j += 1;
        }
        // Digit run, compared numerically.
        let si = i;
        while digit(a, i) {
            i += 1;
        }
        let sj = j;
        while digit(b, j) {
            j += 1;
        }
        // Both slices are ASCII digits (or empty), hence valid UTF-8.
        let na = std::str::from_utf8(&a[si.min(a.len())..i.min(a.len())]).unwrap_or("");
        let nb = std::str::from_utf8(&b[sj.min(b.len())..j.min(b.len())]).unwrap_or("");
        let c = cmp_digits(na, nb);
        if c != Ordering::Equal {
            return c;
        }
    }
    Ordering::Equal
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap.
mod tests {
    use super::*;
    use Ordering::*;

    #[test]
    fn documented_cases() {
        // `~` sorts before everything, even the end of the string.
        assert_eq!(compare("1.0~rc1", "1.0"), Less);
        assert_eq!(compare("1.0~~", "1.0~"), Less);
        assert_eq!(compare("1.0~~a", "1.0~~"), Greater);
        // Letters sort before non-letters.
        assert_eq!(compare("1.0a", "1.0+"), Less);
        assert_eq!(compare("1.0a", "1.0."), Less);
        // The end of a run sorts before a letter.
        assert_eq!(compare("1.0", "1.0a"), Less);
        // Digits compare numerically.
        assert_eq!(compare("1.10", "1.9"), Greater);
        assert_eq!(compare("1.010", "1.10"), Equal);
        // Epoch dominates; absent epoch is 0; absent revision equals "0".
        assert_eq!(compare("1:0.1", "9.9"), Greater);
        assert_eq!(compare("0:1.0", "1.0"), Equal);
        assert_eq!(compare("1.0-0", "1.0"), Equal);
        // The revision starts at the last hyphen.
        assert_eq!(compare("1.0-1-2", "1.0-1-10"), Less);
        assert_eq!(split("1:2.3-4-5").upstream, "2.3-4");
    }

    #[test]
    fn validation_names_the_problem() {
        assert!(validate("1:2.30-1ubuntu0.1").is_ok());
        assert!(validate("a1.0").unwrap_err().contains("digit"));
        assert!(validate("x:1.0").unwrap_err().contains("epoch"));
        assert!(validate("1.0-").unwrap_err().contains("revision"));
        assert!(validate("").is_err());
    }
}
