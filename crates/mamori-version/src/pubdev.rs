//! Dart Pub package versions, ordered as `pub_semver`'s `Version.compareTo`
//! (<https://dart.dev/tools/pub/versioning>).
//!
//! Pub versions are SemVer 2.0 with one difference: build metadata is *not*
//! ignored. After major, minor, patch and the pre-release (which sorts
//! before the release), a version without build metadata sorts before the
//! same version with it (`1.0.0 < 1.0.0+1`), and build identifiers compare
//! like pre-release identifiers (`+1 < +2 < +a`). Parsing leniency and the
//! invalid-input rule (invalid strings sort first, by bytes) are shared with
//! `semver.rs`; this module does not evaluate Pub constraints (`^1.2.0`).

use crate::semver::{compare_with, Options};
use std::cmp::Ordering;

const PUB: Options = Options {
    parts: 3,
    fold_case: false,
    compare_build: true,
    extra_parts_are_build: true,
};

/// Compares two Pub versions.
pub(crate) fn compare(a: &str, b: &str) -> Ordering {
    compare_with(a, b, PUB)
}

/// Whether `v` parses as a Pub version.
pub(crate) fn is_valid(v: &str) -> bool {
    crate::semver::parse(v, PUB).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Ordering::*;

    #[test]
    fn build_metadata_orders_after_the_release() {
        assert_eq!(compare("1.0.0-pre", "1.0.0-pre+build"), Less);
        assert_eq!(compare("1.0.0-pre+build", "1.0.0"), Less);
        assert_eq!(compare("1.0.0", "1.0.0+build"), Less);
        assert_eq!(compare("1.2.3+900", "1.2.3+a"), Less);
        assert_eq!(compare("1.2.3+a1", "1.2.3+a"), Greater);
        assert!(is_valid("1.2.3+1"));
    }
}
