//! Hackage (Haskell) package versions, ordered as Cabal's `Version` orders
//! them (<https://pvp.haskell.org/>): dot-separated non-negative integers
//! compared as a list, numerically, so a longer version with an equal prefix
//! is newer (`1.0 < 1.0.0`). Version tags (deprecated `-tag` suffixes) and
//! any other non-numeric input are not versions: they sort before every
//! version and among themselves by bytes. This module does not evaluate
//! version ranges.

use crate::num::Num;
use std::cmp::Ordering;

/// Parses into numbers; `None` when not a Hackage version.
pub(crate) fn parse(v: &str) -> Option<Vec<Num>> {
    v.trim()
        .split('.')
        .map(|p| (!p.is_empty() && p.bytes().all(|c| c.is_ascii_digit())).then(|| Num::new(p)))
        .collect()
}

/// Compares two Hackage versions.
pub(crate) fn compare(a: &str, b: &str) -> Ordering {
    crate::valid_first(a, b, parse)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Ordering::*;

    #[test]
    fn documented_cases() {
        assert_eq!(compare("1.0.0", "1.0"), Greater);
        assert_eq!(compare("0.11.3.0", "1.0"), Less);
        assert_eq!(compare("1.01", "1.1"), Equal);
        assert_eq!(compare("1.0-tag", "0"), Less);
    }
}
