//! Feeds arbitrary bytes to the OSV record parser used when importing
//! advisory archives. It must never panic, whatever the input; when a record
//! parses, its CVSS vectors are scored too (they are attacker-controlled
//! strings as well).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(adv) = mamori_vulndb::parse_record(data) {
        for c in &adv.meta.cvss {
            let _ = mamori_vulndb::cvss::score(&c.vector);
        }
        let _ = adv.base_ecosystem();
    }
});
