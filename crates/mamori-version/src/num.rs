//! Helpers shared by the schemes: comparing unbounded decimal numbers held as
//! text, so that hostile input such as a 10,000-digit component can neither
//! overflow an integer nor allocate a big-number.
//!
//! This module knows nothing about any ecosystem's grammar.

use std::cmp::Ordering;

/// Compares two ASCII digit strings numerically (leading zeros ignored).
/// Non-digit bytes are not expected; callers split on `is_ascii_digit` first.
pub(crate) fn cmp_digits(a: &str, b: &str) -> Ordering {
    let a = a.trim_start_matches('0');
    let b = b.trim_start_matches('0');
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

/// The digit string with leading zeros removed; `""` stands for zero. Used to
/// build ordering keys whose derived `Ord` must agree with [`cmp_digits`].
pub(crate) fn strip_zeros(s: &str) -> &str {
    s.trim_start_matches('0')
}

/// A non-negative integer of any length, ordered numerically. Derived `Ord`
/// cannot be used on the text, so comparison goes through [`cmp_digits`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub(crate) struct Num(pub(crate) String);

impl Num {
    /// Builds from a digit string, dropping leading zeros so that equal numbers
    /// are equal values.
    pub(crate) fn new(digits: &str) -> Num {
        Num(strip_zeros(digits).to_string())
    }

    /// Whether this is zero.
    pub(crate) fn is_zero(&self) -> bool {
        self.0.is_empty()
    }
}

impl Ord for Num {
    fn cmp(&self, other: &Self) -> Ordering {
        cmp_digits(&self.0, &other.0)
    }
}

impl PartialOrd for Num {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Splits `s` at the end of its leading run of bytes matching `pred`.
pub(crate) fn take_while(s: &str, pred: impl Fn(u8) -> bool) -> (&str, &str) {
    let n = s.bytes().take_while(|&c| pred(c)).count();
    // `pred` only ever accepts ASCII bytes, so `n` is a char boundary.
    s.split_at(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_compare_numerically_at_any_length() {
        assert_eq!(cmp_digits("010", "9"), Ordering::Greater);
        assert_eq!(cmp_digits("000", ""), Ordering::Equal);
        assert_eq!(
            cmp_digits(
                "999999999999999999999999999991",
                "999999999999999999999999999999"
            ),
            Ordering::Less
        );
        assert_eq!(Num::new("007"), Num::new("7"));
        assert!(Num::new("0").is_zero());
    }
}
