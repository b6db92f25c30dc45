//! Feeds arbitrary bytes to the analyzers that open untrusted binary formats:
//! executables (Go build info, cargo-auditable `.dep-v0`) and Java archives
//! (zip, nested jars). They must never panic and must keep memory bounded
//! whatever the input; the result itself is not checked.
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
        let path = if a.id() == "jar" { "app/lib/x.war" } else { "usr/bin/x" };
        let _ = a.analyze(path, data);
    }
});
