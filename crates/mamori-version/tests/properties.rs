//! Property tests: every scheme's comparator is a total order (reflexive,
//! antisymmetric, transitive) over arbitrary strings and never panics.
//!
//! Strings are built from per-scheme token lists so that equal, nearly equal
//! and malformed versions meet often; a share of fully arbitrary Unicode
//! strings covers the rest. Transitivity is checked by sorting a batch (the
//! standard sort panics on comparators that are not total orders) and then
//! checking every pair of the sorted batch.

#![allow(clippy::unwrap_used)] // Tests may unwrap.

use mamori_version::{compare, validate, Scheme};
use proptest::prelude::*;
use std::cmp::Ordering;

fn tokens(scheme: Scheme) -> &'static [&'static str] {
    match scheme {
        Scheme::Dpkg => &[
            "0", "1", "2", "10", "01", ".", "~", "+", "-", ":", "a", "b", "z", "A", "~~",
        ],
        Scheme::Apk => &[
            "0", "1", "2", "10", "01", "00", ".", "_alpha", "_beta", "_pre", "_rc", "_cvs", "_git",
            "_p", "a", "b", "z", "-r", "-r1", "~ab12", "-", "_", "X", "_foo",
        ],
        Scheme::Rpm => &[
            "0", "1", "2", "10", "01", ".", "~", "^", "a", "b", "rc", "-", ":", "_", "+",
        ],
        Scheme::Pep440 => &[
            "0", "1", "2", "10", "01", ".", "!", "a", "b", "rc", "c", "alpha", "post", "dev", "-",
            "_", "+", "loc", "r", "v", "pre", "Z",
        ],
        Scheme::Semver | Scheme::Go | Scheme::Hex | Scheme::Pub | Scheme::Nuget => &[
            "0", "1", "2", "10", "01", ".", "-", "+", "alpha", "beta", "A", "x", "v", "rc",
        ],
        Scheme::Maven => &[
            "0", "1", "2", "10", ".", "-", "alpha", "a", "b", "m", "rc", "cr", "snapshot", "ga",
            "final", "sp", "foo", "x", "release", "RC",
        ],
        Scheme::Rubygems => &[
            "0", "1", "2", "10", ".", "-", "a", "b", "pre", "rc", "x", " ",
        ],
        Scheme::Composer => &[
            "0", "1", "2", "10", ".", "-", "_", "+", "dev", "alpha", "a", "b", "beta", "RC", "rc",
            "p", "pl", "#", "stable", "x", "v", "ALPHA",
        ],
        Scheme::Cran | Scheme::Hackage => &["0", "1", "2", "10", "01", ".", "-", "x"],
    }
}

fn version(scheme: Scheme) -> BoxedStrategy<String> {
    let toks = tokens(scheme);
    prop_oneof![
        4 => proptest::collection::vec(proptest::sample::select(toks), 0..8)
            .prop_map(|v| v.concat()),
        1 => "\\PC{0,8}",
    ]
    .boxed()
}

fn check_total_order(scheme: Scheme, mut batch: Vec<String>) -> Result<(), TestCaseError> {
    for a in &batch {
        prop_assert_eq!(
            compare(scheme, a, a),
            Ordering::Equal,
            "{} not equal to itself",
            a
        );
        for b in &batch {
            prop_assert_eq!(
                compare(scheme, a, b),
                compare(scheme, b, a).reverse(),
                "antisymmetry: {:?} vs {:?}",
                a,
                b
            );
        }
    }
    batch.sort_by(|a, b| compare(scheme, a, b));
    for i in 0..batch.len() {
        for j in i + 1..batch.len() {
            prop_assert_ne!(
                compare(scheme, &batch[i], &batch[j]),
                Ordering::Greater,
                "transitivity: sorted {:?} but {:?} > {:?}",
                batch,
                batch[i],
                batch[j]
            );
        }
    }
    // Equality must be transitive too: equal neighbours are equal to each other.
    for w in batch.windows(3) {
        if compare(scheme, &w[0], &w[1]).is_eq() && compare(scheme, &w[1], &w[2]).is_eq() {
            prop_assert_eq!(compare(scheme, &w[0], &w[2]), Ordering::Equal);
        }
    }
    for v in &batch {
        let _ = validate(scheme, v);
    }
    Ok(())
}

macro_rules! total_order_test {
    ($name:ident, $scheme:expr) => {
        proptest! {
            #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]
            #[test]
            fn $name(batch in proptest::collection::vec(version($scheme), 2..12)) {
                check_total_order($scheme, batch)?;
            }
        }
    };
}

total_order_test!(dpkg_is_a_total_order, Scheme::Dpkg);
total_order_test!(apk_is_a_total_order, Scheme::Apk);
total_order_test!(rpm_is_a_total_order, Scheme::Rpm);
total_order_test!(pep440_is_a_total_order, Scheme::Pep440);
total_order_test!(semver_is_a_total_order, Scheme::Semver);
total_order_test!(go_is_a_total_order, Scheme::Go);
total_order_test!(maven_is_a_total_order, Scheme::Maven);
total_order_test!(rubygems_is_a_total_order, Scheme::Rubygems);
total_order_test!(nuget_is_a_total_order, Scheme::Nuget);
total_order_test!(composer_is_a_total_order, Scheme::Composer);
total_order_test!(hex_is_a_total_order, Scheme::Hex);
total_order_test!(pub_is_a_total_order, Scheme::Pub);
total_order_test!(cran_is_a_total_order, Scheme::Cran);
total_order_test!(hackage_is_a_total_order, Scheme::Hackage);

proptest! {
    #[test]
    fn arbitrary_input_never_panics(a in any::<String>(), b in any::<String>()) {
        for scheme in Scheme::ALL {
            let _ = compare(scheme, &a, &b);
            let _ = validate(scheme, &a);
        }
    }
}

#[test]
fn huge_inputs_stay_cheap() {
    // Long numbers, long separator runs and deep nesting must neither overflow
    // nor recurse without bound.
    let inputs = [
        "9".repeat(100_000),
        ".".repeat(100_000),
        "1-".repeat(50_000),
        "a1".repeat(50_000),
        "~".repeat(100_000),
        // Long runs of null items before a significant one.
        format!("{}1", "0.".repeat(50_000)),
        format!("1{}", ".0".repeat(50_000)),
        format!("1{}a", "-0".repeat(50_000)),
        "_p".repeat(50_000),
    ];
    for scheme in Scheme::ALL {
        for a in &inputs {
            assert_eq!(compare(scheme, a, a), Ordering::Equal, "{scheme}");
            let _ = compare(scheme, a, "1.0");
        }
    }
}
