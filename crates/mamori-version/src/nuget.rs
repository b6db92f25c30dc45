//! NuGet package versions, ordered as NuGet's `VersionComparer.Default`
//! orders them (<https://learn.microsoft.com/nuget/concepts/package-versioning>).
//!
//! NuGet versions are SemVer 2.0 with a fourth numeric part
//! (`Major.Minor.Patch.Revision`, missing parts = 0, so `1.0` = `1.0.0.0`),
//! numbers may carry leading zeros (`1.0.01` = `1.0.1`), pre-release labels
//! compare ignoring ASCII case (`1.0.0-BETA` = `1.0.0-beta`) and build
//! metadata is ignored. The parsing and the invalid-input rule (invalid
//! strings sort first, by bytes) are shared with `semver.rs`; this module
//! does not evaluate NuGet version ranges (`[1.0,2.0)`).

use crate::semver::{compare_with, Options};
use std::cmp::Ordering;

const NUGET: Options = Options {
    parts: 4,
    fold_case: true,
    compare_build: false,
    extra_parts_are_build: false,
};

/// Compares two NuGet versions.
pub(crate) fn compare(a: &str, b: &str) -> Ordering {
    compare_with(a, b, NUGET)
}

/// Whether `v` parses as a NuGet version.
pub(crate) fn is_valid(v: &str) -> bool {
    crate::semver::parse(v, NUGET).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Ordering::*;

    #[test]
    fn documented_cases() {
        assert_eq!(compare("1.0", "1.0.0.0"), Equal);
        assert_eq!(compare("1.0.01", "1.0.1.0"), Equal);
        assert_eq!(compare("1.0.0-BETA+AA", "1.0.0-beta+zz"), Equal);
        assert_eq!(compare("1.0.0", "1.0.0.1-alpha"), Less);
        assert_eq!(compare("1.0.0.1-alpha", "1.0.0.1"), Less);
        assert_eq!(compare("1.0.0-beta2", "1.0.0-BETA"), Greater);
        assert!(is_valid("1.2.3.4-rc.1+sha.5"));
        assert!(!is_valid("1.2.3.4.5"));
    }
}
