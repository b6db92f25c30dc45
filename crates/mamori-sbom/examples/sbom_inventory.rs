//! Prints what mamori reads from an SBOM: format, producer, OS, one line per
//! package (ecosystem, name, version, source, layer, location) and the skipped
//! components. `cargo run -p mamori-sbom --example sbom_inventory -- FILE...`

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut status = ExitCode::SUCCESS;
    for path in std::env::args().skip(1) {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                status = ExitCode::FAILURE;
                continue;
            }
        };
        match mamori_sbom::read_sbom(&path, &bytes) {
            Ok(s) => {
                println!(
                    "{path}: {} {} by {:?}, target {:?}, os {:?}, {} packages, skipped {:?}",
                    s.format,
                    s.spec_version,
                    s.producer,
                    s.target_name,
                    s.inventory.os.as_ref().map(|o| o.purl_distro()),
                    s.inventory.packages.len(),
                    s.skipped
                );
                for p in &s.inventory.packages {
                    println!(
                        "  {} {} {} src={}/{} arch={} epoch={:?} layer={} at {}",
                        p.ecosystem,
                        p.name,
                        p.version,
                        p.source_name.as_deref().unwrap_or("-"),
                        p.source_version.as_deref().unwrap_or("-"),
                        p.arch.as_deref().unwrap_or("-"),
                        p.epoch,
                        p.layer.as_deref().map_or("-", |l| &l[..l.len().min(19)]),
                        p.location
                    );
                }
            }
            Err(e) => {
                eprintln!("{e}");
                status = ExitCode::FAILURE;
            }
        }
    }
    status
}
