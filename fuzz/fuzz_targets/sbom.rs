//! Feeds arbitrary bytes to the SBOM reader (CycloneDX JSON/XML, SPDX
//! JSON/tag-value, format detection) and, separately, to the purl parser.
//! Neither may panic; errors must stay on one line; every package read must
//! have a purl-derived name.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match mamori_sbom::read_sbom("fuzz", data) {
        Ok(sbom) => {
            for p in &sbom.inventory.packages {
                assert!(!p.name.is_empty());
            }
        }
        Err(e) => assert!(!e.to_string().contains('\n')),
    }
    if let Ok(s) = std::str::from_utf8(data) {
        if let Ok(purl) = mamori_sbom::Purl::parse(s) {
            let _ = purl.to_package("/x");
        }
    }
});
