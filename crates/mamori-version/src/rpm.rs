//! RPM package versions, ordered as rpm's `rpmvercmp` and `labelCompare`
//! order them (rpm `rpmio/rpmvercmp.c`, `lib/rpmvercmp` in the Python
//! bindings). Also used for Red Hat, SUSE, Mariner and the other RPM distros.
//!
//! A label is `[epoch:]version[-release]`: the epoch is a decimal number
//! (absent = 0), the release is whatever follows the last hyphen; a label
//! without a release sorts before the same label with any release. Version and
//! release are each compared with `rpmvercmp`:
//! * runs of characters that are not ASCII alphanumerics, `~` or `^` are
//!   separators and are skipped (so `2.0` = `2_0`);
//! * `~` sorts before anything, including the end of the string
//!   (`1.0~rc1 < 1.0`);
//! * `^` sorts after the end of the string but before any other segment
//!   (`1.0 < 1.0^git1 < 1.0.1`);
//! * otherwise the next segment is a digit run or a letter run; digit runs
//!   compare numerically and are newer than letter runs; letter runs compare
//!   by bytes;
//! * when one side runs out, the side with segments left is newer.
//!
//! This module does not validate labels (rpm accepts almost anything) and does
//! not know distro-specific release conventions (`el8_4`, `module+`).

use crate::num::cmp_digits;
use std::cmp::Ordering;

/// The three parts of an RPM label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Evr<'a> {
    /// Epoch digits (`""` when absent, which means 0).
    pub epoch: &'a str,
    /// The version.
    pub version: &'a str,
    /// The release; `None` when there is no hyphen, which sorts before any
    /// release, even an empty one (`1 < 1-`), as rpm's `labelCompare` does.
    pub release: Option<&'a str>,
}

/// Splits `[epoch:]version[-release]`. A prefix before `:` that is not a number
/// is kept as part of the version, so every string has a deterministic split.
pub(crate) fn split(v: &str) -> Evr<'_> {
    let v = v.trim();
    let (epoch, rest) = match v.split_once(':') {
        Some((e, rest)) if e.bytes().all(|c| c.is_ascii_digit()) => (e, rest),
        _ => ("", v),
    };
    let (version, release) = match rest.rsplit_once('-') {
        Some((v, r)) => (v, Some(r)),
        None => (rest, None),
    };
    Evr {
        epoch,
        version,
        release,
    }
}

/// Compares two RPM labels (`labelCompare`).
pub(crate) fn compare(a: &str, b: &str) -> Ordering {
    let (a, b) = (split(a), split(b));
    cmp_digits(a.epoch, b.epoch)
        .then_with(|| rpmvercmp(a.version, b.version))
        .then_with(|| match (a.release, b.release) {
            (Some(x), Some(y)) => rpmvercmp(x, y),
            (x, y) => x.is_some().cmp(&y.is_some()),
        })
}

/// rpm's segment comparison for one version or release string.
pub(crate) fn rpmvercmp(a: &str, b: &str) -> Ordering {
    use Ordering::*;
    if a == b {
        return Equal;
    }
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (mut i, mut j) = (0usize, 0usize);
    let sep = |c: u8| !(c.is_ascii_alphanumeric() || c == b'~' || c == b'^');
    loop {
        while i < a.len() && sep(a[i]) {
            i += 1;
        }
        while j < b.len() && sep(b[j]) {
            j += 1;
        }
        let (ca, cb) = (a.get(i).copied(), b.get(j).copied());
        if ca == Some(b'~') || cb == Some(b'~') {
            if ca != Some(b'~') {
                return Greater;
            }
            if cb != Some(b'~') {
                return Less;
            }
            i += 1;
            j += 1;
            continue;
        }
        if ca == Some(b'^') || cb == Some(b'^') {
            match (ca, cb) {
                (None, _) => return Less,
                (_, None) => return Greater,
                (Some(x), _) if x != b'^' => return Greater,
                (_, Some(y)) if y != b'^' => return Less,
                _ => {}
            }
            i += 1;
            j += 1;
            continue;
        }
        if ca.is_none() || cb.is_none() {
            break;
        }
        // The segment type is decided by `a`; `b` takes a run of the same type.
        let isnum = a[i].is_ascii_digit();
        let class = |c: &u8| {
            if isnum {
                c.is_ascii_digit()
            } else {
                c.is_ascii_alphabetic()
            }
        };
        let ea = i + a[i..].iter().take_while(|c| class(c)).count();
        let eb = j + b[j..].iter().take_while(|c| class(c)).count();
        if eb == j {
            // Different segment types: numbers are newer than letters.
            return if isnum { Greater } else { Less };
        }
        let (sa, sb) = (&a[i..ea], &b[j..eb]);
        let c = if isnum {
            // ASCII digits only, hence valid UTF-8.
            cmp_digits(
                std::str::from_utf8(sa).unwrap_or(""),
                std::str::from_utf8(sb).unwrap_or(""),
            )
        } else {
            sa.cmp(sb)
        };
        if c != Equal {
            return c;
        }
        i = ea;
        j = eb;
    }
    match (i >= a.len(), j >= b.len()) {
        (true, true) => Equal,
        (true, false) => Less,
        _ => Greater,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Ordering::*;

    #[test]
    fn documented_cases() {
        assert_eq!(rpmvercmp("1.0", "1.0"), Equal);
        assert_eq!(rpmvercmp("2.0", "2_0"), Equal);
        assert_eq!(rpmvercmp("1.0~rc1", "1.0"), Less);
        assert_eq!(rpmvercmp("1.0~rc1~git123", "1.0~rc1"), Less);
        assert_eq!(rpmvercmp("1.0^git1", "1.0"), Greater);
        assert_eq!(rpmvercmp("1.0^git1", "1.0.1"), Less);
        assert_eq!(rpmvercmp("1.0^git1", "1.0^git2"), Less);
        assert_eq!(rpmvercmp("1.0~rc1^git1", "1.0~rc1"), Greater);
        assert_eq!(rpmvercmp("10.0001", "10.1"), Equal);
        assert_eq!(rpmvercmp("xyz.4", "8"), Less);
        assert_eq!(rpmvercmp("6.0.rc1", "6.0"), Greater);
        assert_eq!(rpmvercmp("1a", "1.a"), Equal);
        // Missing epoch is 0; epoch dominates.
        assert_eq!(compare("1:1.0-1", "2.0-1"), Greater);
        assert_eq!(compare("0:1.0-1", "1.0-1"), Equal);
        assert_eq!(compare("1.0-2.el8", "1.0-10.el8"), Less);
        assert_eq!(compare("1", "1-"), Less);
        assert_eq!(compare("1-", "1-0"), Less);
    }
}
