//! Arbitrary bytes as an image layer (plain, gzip or zstd tar): the walker must
//! return entries or an error, never panic, and respect its limits.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mamori_image::{walk_layer, WalkLimits};
use std::io::Read;

fuzz_target!(|data: &[u8]| {
    let limits = WalkLimits { max_entries: 10_000, max_bytes: 16 << 20 };
    let raw: Box<dyn Read + Send> = Box::new(std::io::Cursor::new(data.to_vec()));
    let _ = walk_layer(raw, "sha256:fuzz", &limits, &mut |entry, reader| {
        assert!(!entry.path.starts_with('/') && !entry.path.split('/').any(|s| s == ".."));
        let mut buf = Vec::new();
        let _ = reader.take(1 << 20).read_to_end(&mut buf);
        Ok(())
    });
});
