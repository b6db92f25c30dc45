//! Feeds arbitrary bytes to the analyzers that open untrusted binary formats:
//! executables (Go build info, cargo-auditable `.dep-v0`) and Java archives
//! (zip, nested jars). They must never panic and must keep memory bounded
//! whatever the input; the result itself is not checked.
//!
//! Without nightly (`cargo fuzz`), a stable toolchain can build it with
//! libFuzzer coverage by passing the instrumentation flags for the target only:
//! `RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4
//! -Cllvm-args=-sanitizer-coverage-inline-8bit-counters
//! -Cllvm-args=-sanitizer-coverage-pc-table
//! -Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing"
//! cargo build --release --target x86_64-unknown-linux-gnu --bin binaries`, then
//! run `target/x86_64-unknown-linux-gnu/release/binaries CORPUS -max_len=65536
//! -rss_limit_mb=1024` (seeds: small jars and a few executables).
#![no_main]

use libfuzzer_sys::fuzz_target;
use mamori_inventory::{all_analyzers, Analyzer};
use std::sync::OnceLock;

fn targets() -> &'static [Box<dyn Analyzer>] {
    static TARGETS: OnceLock<Vec<Box<dyn Analyzer>>> = OnceLock::new();
    TARGETS.get_or_init(|| {
        all_analyzers()
            .into_iter()
            .filter(|a| matches!(a.id(), "binaries" | "jar"))
            .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    for a in targets() {
        let path = if a.id() == "jar" {
            "app/lib/x.war"
        } else {
            "usr/bin/x"
        };
        let _ = a.analyze(path, data);
    }
});
