//! Feeds arbitrary bytes to the rpm database reader (`mamori_rpmdb`): container
//! detection and the SQLite, Berkeley DB and NDB backends, then the same bytes
//! as a bare header blob and as a Mariner manifest. None may panic, loop or
//! allocate beyond a small multiple of the input; results are not checked.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = mamori_rpmdb::read_packages_lenient(data);
    let _ = mamori_rpmdb::parse_header(data);
    let _ = mamori_rpmdb::parse_container_manifest(&String::from_utf8_lossy(data));
});
