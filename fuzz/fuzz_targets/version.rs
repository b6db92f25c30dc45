//! Feeds arbitrary input to every version comparator. Versions come from
//! images and advisories, so they are attacker-controlled: no comparator may
//! panic, and each must behave as a total order on what it is given —
//! reflexive, antisymmetric and transitive over the three strings split out
//! of the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mamori_version::{compare, validate, Scheme};
use std::cmp::Ordering;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(3, '\n');
    let a = parts.next().unwrap_or("");
    let b = parts.next().unwrap_or("");
    let c = parts.next().unwrap_or("");
    for scheme in Scheme::ALL {
        let _ = validate(scheme, a);
        assert_eq!(compare(scheme, a, a), Ordering::Equal);
        let ab = compare(scheme, a, b);
        assert_eq!(ab, compare(scheme, b, a).reverse());
        let bc = compare(scheme, b, c);
        let ac = compare(scheme, a, c);
        if ab != Ordering::Greater && bc != Ordering::Greater {
            assert_ne!(ac, Ordering::Greater, "{scheme}: transitivity");
        }
        if ab == Ordering::Equal && bc == Ordering::Equal {
            assert_eq!(ac, Ordering::Equal, "{scheme}: equality transitivity");
        }
    }
});
