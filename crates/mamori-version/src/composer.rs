//! Composer/Packagist versions, ordered as Composer's `Comparator` orders
//! them (<https://getcomposer.org/doc/articles/versions.md>), which is PHP's
//! `version_compare` applied to Composer-style strings.
//!
//! The version (a leading `v`/`V` dropped) is canonicalised as PHP does:
//! `-`, `_`, `+` and other punctuation become `.`, and a `.` is inserted
//! wherever digits meet letters (`1.0rc1` → `1.0.rc.1`). Parts then compare
//! pairwise: numbers numerically; words by stability rank, matched by
//! case-sensitive prefix exactly as PHP does: `dev < alpha = a < beta = b <
//! RC = rc < (number, or nothing) < pl = p = patch`, with every other word —
//! including `stable`, `ALPHA` and `Beta` — below `dev` (the generated
//! Packagist fixtures confirm PHP's `5.1.0-stable < 5.1.0-beta2`). A missing
//! part counts as "nothing", which is below any number (so `1.0 < 1.0.0` and `1.0 < 1.0.0-alpha`, whose
//! third part is a number, while `1.0-alpha < 1.0`).
//!
//! One deliberate difference keeps the order total: PHP treats the `#`
//! placeholder as equal to *every* number, which makes `version_compare`
//! non-transitive (`1.2.3.# = 1.2.3.1` and `1.2.3.# = 1.2.3`, yet `1.2.3 <
//! 1.2.3.1`). Here `#` ranks like "nothing", below any number. This module
//! does not resolve branch aliases (`dev-main as 1.0.x-dev`) or constraints.

use crate::num::Num;
use std::cmp::Ordering;

/// A canonical part: a stability rank and, for numbers, the value.
type Part = (i8, Option<Num>);

/// The rank numbers, `#`, `stable` and "nothing" share.
const RELEASE: i8 = 4;

fn word_rank(w: &str) -> i8 {
    const FORMS: [(&str, i8); 10] = [
        ("dev", 0),
        ("alpha", 1),
        ("a", 1),
        ("beta", 2),
        ("b", 2),
        ("RC", 3),
        ("rc", 3),
        ("#", RELEASE),
        ("pl", 5),
        ("p", 5),
    ];
    FORMS
        .iter()
        .find(|(f, _)| w.starts_with(f))
        .map_or(-1, |(_, r)| *r)
}

/// Canonicalises and splits into parts.
fn parts(v: &str) -> Vec<Part> {
    let v = v.trim();
    let v = v.strip_prefix(['v', 'V']).unwrap_or(v);
    let mut out = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<Part>| {
        if cur.is_empty() {
            return;
        }
        if cur.bytes().all(|c| c.is_ascii_digit()) {
            out.push((RELEASE, Some(Num::new(cur))));
        } else {
            out.push((word_rank(cur), None));
        }
        cur.clear();
    };
    for c in v.chars() {
        let kind = |c: char| {
            if c.is_ascii_digit() {
                0
            } else if c.is_ascii_alphabetic() {
                1
            } else if c == '#' {
                2
            } else {
                3
            }
        };
        match kind(c) {
            3 => flush(&mut cur, &mut out),
            k => {
                if cur.chars().next().is_some_and(|p| kind(p) != k) {
                    flush(&mut cur, &mut out);
                }
                cur.push(c);
            }
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// Compares two Composer versions.
pub(crate) fn compare(a: &str, b: &str) -> Ordering {
    let (a, b) = (parts(a), parts(b));
    let nothing: Part = (RELEASE, None);
    (0..a.len().max(b.len()))
        .map(|i| {
            a.get(i)
                .unwrap_or(&nothing)
                .cmp(b.get(i).unwrap_or(&nothing))
        })
        .find(|c| c.is_ne())
        .unwrap_or(Ordering::Equal)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Ordering::*;

    #[test]
    fn documented_cases() {
        let order = [
            "1.0-dev", "1.0a1", "1.0b1", "1.0RC1", "1.0", "1.0.0", "1.0pl1",
        ];
        for w in order.windows(2) {
            assert_eq!(compare(w[0], w[1]), Less, "{} < {}", w[0], w[1]);
        }
        assert_eq!(compare("v1.0.0", "1.0.0"), Equal);
        assert_eq!(compare("1.0.0rc2", "1.0.0.RC2"), Equal);
        assert_eq!(compare("1.25.0-beta2.1", "1.25.0-b.2.1"), Equal);
        assert_eq!(compare("5.1.0-stable", "5.1.0-beta2"), Less);
        assert_eq!(compare("1.9.0-ALPHA.1", "1.9.0-BETA.1"), Equal);
        assert_eq!(compare("1.0-patch1", "1.0-p1"), Equal);
        assert_eq!(compare("dev-main", "0.0.1"), Less);
        assert_eq!(compare("1.2.3.#", "1.2.3"), Equal);
    }
}
