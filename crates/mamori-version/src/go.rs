//! Go module versions, ordered as `golang.org/x/mod/semver.Compare` orders
//! them (<https://go.dev/ref/mod#versions>).
//!
//! Go versions are SemVer 2.0 with a `v` prefix: `v1.2` is shorthand for
//! `v1.2.0`, build metadata — including the `+incompatible` marker of
//! pre-module major versions — is ignored, and pseudo-versions
//! (`vX.Y.Z-yyyymmddhhmmss-abcdef123456`, `vX.Y.(Z+1)-0.yyyymmddhhmmss-…`,
//! `vX.Y.Z-pre.0.yyyymmddhhmmss-…`) are ordinary pre-releases, so they sort
//! between the tagged versions around them exactly as the module proxy
//! sorts them. Parsing and the invalid-input rule (invalid strings first, by
//! bytes) are shared with `semver.rs`; the `v` is optional here because OSV
//! data and fixtures often omit it. This module does not resolve `go.mod`
//! `replace`/`exclude` directives.

use std::cmp::Ordering;

/// Compares two Go module versions.
pub(crate) fn compare(a: &str, b: &str) -> Ordering {
    crate::semver::compare(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Ordering::*;

    #[test]
    fn pseudo_versions_and_incompatible() {
        let order = [
            "v0.0.0-20190101000000-aaaaaaaaaaaa",
            "v0.0.0-20200101000000-bbbbbbbbbbbb",
            "v0.1.0",
            "v1.2.3",
            "v1.2.4-0.20210101000000-cccccccccccc",
            "v1.2.4-pre",
            "v1.2.4-pre.0.20210101000000-dddddddddddd",
            "v1.2.4",
        ];
        for w in order.windows(2) {
            assert_eq!(compare(w[0], w[1]), Less, "{} < {}", w[0], w[1]);
        }
        assert_eq!(compare("v2.0.0+incompatible", "v2.0.0"), Equal);
        assert_eq!(compare("v1.2", "v1.2.0"), Equal);
    }
}
