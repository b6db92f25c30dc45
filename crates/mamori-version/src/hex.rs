//! Hex (Erlang/Elixir) package versions, ordered as Elixir's
//! `Version.compare/2` orders them (<https://hexdocs.pm/elixir/Version.html>).
//!
//! Hex requires SemVer 2.0 and Elixir's comparison follows it: build
//! metadata is ignored and pre-releases sort before the release, identifier
//! by identifier. Parsing, leniency and the invalid-input rule (invalid
//! strings first, by bytes) are shared with `semver.rs`; this module does not
//! evaluate requirements (`~> 1.2`).

use std::cmp::Ordering;

/// Compares two Hex versions.
pub(crate) fn compare(a: &str, b: &str) -> Ordering {
    crate::semver::compare(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_semver() {
        assert_eq!(compare("1.0.0-rc.1", "1.0.0"), Ordering::Less);
        assert_eq!(compare("1.0.0+build", "1.0.0"), Ordering::Equal);
    }
}
