//! Arbitrary bytes as each OS package database and release file (dpkg status,
//! status.d, .list, apk installed, os-release and the legacy release files).
#![no_main]

use libfuzzer_sys::fuzz_target;
use mamori_inventory::{all_analyzers, FileMeta};

const PATHS: &[&str] = &[
    "var/lib/dpkg/status",
    "var/lib/dpkg/status.d/pkg",
    "var/lib/dpkg/info/pkg:amd64.list",
    "lib/apk/db/installed",
    "etc/os-release",
    "etc/lsb-release",
    "etc/redhat-release",
    "etc/debian_version",
    "etc/alpine-release",
];

fuzz_target!(|data: &[u8]| {
    let meta = FileMeta { size: data.len() as u64, mode: 0o644 };
    let analyzers = all_analyzers();
    for path in PATHS {
        for a in analyzers.iter().filter(|a| a.required(path, &meta)) {
            let _ = a.analyze(path, data);
        }
    }
});
