//! Prints the packages of an rpm database file, one `EPOCH¶NAME¶VERSION¶RELEASE¶ARCH¶SOURCERPM¶FILES`
//! line each (the `*.expected.csv` layout, with a file count), and per-record errors on stderr.
//!
//! `cargo run -p mamori-rpmdb --example rpmdb-dump -- path/to/rpmdb.sqlite`

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: rpmdb-dump DATABASE");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let (pkgs, errs) = match mamori_rpmdb::read_packages_lenient(&bytes) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    for p in &pkgs {
        println!(
            "{}¶{}¶{}¶{}¶{}¶{}¶{}",
            p.epoch.map(|e| e.to_string()).unwrap_or_default(),
            p.name,
            p.version,
            p.release,
            p.arch.as_deref().unwrap_or(""),
            p.source_rpm.as_deref().unwrap_or(""),
            p.files.len()
        );
    }
    for e in &errs {
        eprintln!("{path}: {e}");
    }
    ExitCode::SUCCESS
}
