//! Scans every `.yaml`/`.yml`/`.json` file and Dockerfile under a directory with
//! all checks and prints counts and the elapsed time: a quick way to measure
//! throughput on a real tree (`cargo run --release -p mamori-config --example
//! scan_dir -- ../shared/corpus/k8s`).

use mamori_config::{Input, Scanner, Settings};
use std::path::Path;
use std::time::Instant;

fn walk(dir: &Path, out: &mut Vec<Input>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
            continue;
        }
        let name = p.to_string_lossy().to_string();
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
        let input = Input::new(name, Vec::new());
        let wanted = matches!(ext, "yaml" | "yml" | "json")
            || input.kind == mamori_config::InputKind::Dockerfile;
        if wanted {
            if let Ok(bytes) = std::fs::read(&p) {
                out.push(Input { bytes, ..input });
            }
        }
    }
}

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: scan_dir DIR");
        std::process::exit(2);
    };
    let mut inputs = Vec::new();
    walk(Path::new(&dir), &mut inputs);
    let bytes: usize = inputs.iter().map(|i| i.bytes.len()).sum();
    let start = Instant::now();
    let mut objects = 0;
    for i in &inputs {
        if i.kind == mamori_config::InputKind::Manifest {
            objects += mamori_config::parse_documents(&i.path, &i.bytes).map_or(0, |o| o.len());
        }
    }
    println!(
        "parsed {objects} objects in {:.1} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    let start = Instant::now();
    let scan = Scanner::new(Settings::default()).scan(&inputs);
    let took = start.elapsed();
    println!(
        "{} files, {} KiB, {} findings, {} errors, {:.1} ms",
        inputs.len(),
        bytes / 1024,
        scan.findings.len(),
        scan.errors.len(),
        took.as_secs_f64() * 1000.0
    );
}
