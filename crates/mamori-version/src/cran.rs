//! CRAN (R) package versions, ordered as R's `package_version` orders them
//! (<https://cran.r-project.org/doc/manuals/r-release/R-exts.html#The-DESCRIPTION-file>).
//!
//! A version is a sequence of non-negative integers separated by `.` or `-`
//! (`1.0-3` = `1.0.3`); integers compare numerically (`0.01` = `0.1`) and a
//! longer sequence with an equal prefix is newer (`1.0 < 1.0.0`). Anything
//! else is not a version: such strings sort before every version and among
//! themselves by bytes. This module does not know R's dependency operators.

use crate::num::Num;
use std::cmp::Ordering;

/// Parses into numbers; `None` when not a CRAN version.
pub(crate) fn parse(v: &str) -> Option<Vec<Num>> {
    v.trim()
        .split(['.', '-'])
        .map(|p| (!p.is_empty() && p.bytes().all(|c| c.is_ascii_digit())).then(|| Num::new(p)))
        .collect()
}

/// Compares two CRAN versions.
pub(crate) fn compare(a: &str, b: &str) -> Ordering {
    crate::valid_first(a, b, parse)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Ordering::*;

    #[test]
    fn documented_cases() {
        assert_eq!(compare("0.01.0", "0.1-0"), Equal);
        assert_eq!(compare("0.9", "0.75"), Less);
        assert_eq!(compare("0.1.0", "0.1.0.0"), Less);
        assert_eq!(compare("1.0-x", "0"), Less);
    }
}
