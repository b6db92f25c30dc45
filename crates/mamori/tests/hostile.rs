//! Hostile images: path traversal, symlink and hard-link escapes, decompression
//! bombs, oversized files and very many files. The scan must stay correct,
//! bounded in memory, and write nothing outside its cache.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use sha2::{Digest, Sha256};
use std::io::Write;
use support::*;

#[test]
fn traversal_and_link_escapes_read_nothing_outside() {
    let tmp = tempfile::tempdir().unwrap();
    let marker = tmp.path().join("escaped");
    let escape_path = format!("../../../../../../../..{}", marker.display());
    let l1 = tar_bytes(&[
        E::RawFile(escape_path.clone().into_bytes(), b"pwned".to_vec()),
        E::RawFile(
            b"../../etc/os-release".to_vec(),
            b"ID=evil\nVERSION_ID=1\n".to_vec(),
        ),
        // Links pointing at the host's files must not be followed.
        E::Symlink("etc/os-release", "/etc/os-release"),
        E::Symlink("usr/lib/os-release", "../../../../../../etc/os-release"),
        E::Hardlink("var/lib/dpkg/status", "../../../../../etc/passwd"),
        E::Symlink("lib/apk/db/installed", "/var/lib/dpkg/status"),
    ]);
    let built = write_oci(&tmp.path().join("img"), &[l1]);
    let r = mamori_json(&[
        "image",
        &format!("oci:{}", built.dir.display()),
        "-f",
        "json",
        "--no-cache",
    ]);
    assert!(
        r["os"].is_null(),
        "OS must not be read through a link to the host: {}",
        r["os"]
    );
    assert_eq!(r["packages"].as_array().unwrap().len(), 0);
    assert!(!marker.exists(), "a traversal entry was written to disk");
}

#[test]
fn decompression_bomb_and_oversized_files_are_bounded() {
    let tmp = tempfile::tempdir().unwrap();
    // 300 MiB of zeros claimed to be the dpkg database: over the analyzer's
    // 64 MiB read limit, so it is skipped (with a warning), not loaded.
    let big = vec![0u8; 300 << 20];
    let l1 = tar_bytes(&[E::File("var/lib/dpkg/status", big)]);
    let built = write_oci(&tmp.path().join("img"), &[l1]);
    let (out, peak) = run_measured(&[
        "image",
        &format!("oci:{}", built.dir.display()),
        "-f",
        "json",
        "--no-cache",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("exceeds"),
        "expected a skip warning"
    );
    eprintln!("oversized file: peak RSS {} MiB", peak >> 20);
    assert!(peak < 256 << 20, "peak RSS {} MiB", peak >> 20);

    // The layer-size limit turns a bomb into a clear error.
    let (out, _) = run_measured(&[
        "image",
        &format!("oci:{}", built.dir.display()),
        "--no-cache",
        "--max-layer-size",
        "100MiB",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("decompression bomb"), "{err}");
}

/// Streams a gzip layer of `n` empty files straight to disk (bounded memory in
/// the test too) and returns (blob digest, blob size, diff_id).
fn many_files_layer(path: &std::path::Path, n: usize) -> (String, u64, String) {
    struct Tee<W: Write> {
        inner: W,
        hash: Sha256,
    }
    impl<W: Write> Write for Tee<W> {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            let k = self.inner.write(buf)?;
            self.hash.update(&buf[..k]);
            Ok(k)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            self.inner.flush()
        }
    }
    let file = std::fs::File::create(path).unwrap();
    let gz =
        flate2::write::GzEncoder::new(std::io::BufWriter::new(file), flate2::Compression::fast());
    let mut tee = Tee {
        inner: gz,
        hash: Sha256::new(),
    };
    {
        let mut b = tar::Builder::new(&mut tee);
        for i in 0..n {
            let mut h = tar::Header::new_gnu();
            h.set_size(0);
            h.set_mode(0o644);
            h.set_entry_type(tar::EntryType::Regular);
            h.set_cksum();
            b.append_data(&mut h, format!("d{}/f{i}", i % 1000), std::io::empty())
                .unwrap();
        }
        // One real package so we know the walk reached the end.
        let db = b"P:musl\nV:1.2.4-r2\nA:x86_64\n\n";
        let mut h = tar::Header::new_gnu();
        h.set_size(db.len() as u64);
        h.set_mode(0o644);
        h.set_cksum();
        b.append_data(&mut h, "lib/apk/db/installed", &db[..])
            .unwrap();
        b.finish().unwrap();
    }
    let diff_id = format!("sha256:{}", hex::encode(tee.hash.finalize()));
    tee.inner.finish().unwrap().flush().unwrap();
    let blob = std::fs::read(path).unwrap();
    (sha(&blob), blob.len() as u64, diff_id)
}

#[test]
fn a_million_files_in_bounded_memory() {
    let tmp = tempfile::tempdir().unwrap();
    let layout = tmp.path().join("img");
    std::fs::create_dir_all(layout.join("blobs/sha256")).unwrap();
    let staging = tmp.path().join("layer.tar.gz");
    let (digest, size, diff_id) = many_files_layer(&staging, 1_000_000);
    std::fs::rename(&staging, layout.join("blobs/sha256").join(&digest[7..])).unwrap();
    let config = serde_json::to_vec(&serde_json::json!({
        "architecture": "amd64", "os": "linux", "rootfs": {"type": "layers", "diff_ids": [diff_id]}})).unwrap();
    let cd = sha(&config);
    std::fs::write(layout.join("blobs/sha256").join(&cd[7..]), &config).unwrap();
    let manifest = serde_json::to_vec(&serde_json::json!({"schemaVersion": 2,
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": cd, "size": config.len()},
        "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": digest, "size": size}]}))
    .unwrap();
    let md = sha(&manifest);
    std::fs::write(layout.join("blobs/sha256").join(&md[7..]), &manifest).unwrap();
    std::fs::write(
        layout.join("index.json"),
        serde_json::to_vec(&serde_json::json!({"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": md, "size": manifest.len()}]})).unwrap(),
    )
    .unwrap();
    let (out, peak) = run_measured(&[
        "image",
        &format!("oci:{}", layout.display()),
        "-f",
        "json",
        "--no-cache",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        pkgs(&r),
        vec![("musl".into(), "1.2.4-r2".into(), diff_id.clone())]
    );
    eprintln!("1,000,000 files: peak RSS {} MiB", peak >> 20);
    assert!(peak < 256 << 20, "peak RSS {} MiB", peak >> 20);

    // An entry-count limit makes the same image a clear error.
    let (out, _) = run_measured(&[
        "image",
        &format!("oci:{}", layout.display()),
        "--no-cache",
        "--max-layer-entries",
        "1000",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("more than 1000 entries"));
}

/// Runs mamori and samples its peak RSS (VmHWM) until it exits.
fn run_measured(args: &[&str]) -> (std::process::Output, u64) {
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_mamori"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let sampler = std::thread::spawn(move || {
        let mut peak = 0u64;
        while let Ok(s) = std::fs::read_to_string(format!("/proc/{pid}/status")) {
            if let Some(kb) = s
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            {
                peak = peak.max(kb * 1024);
            }
            if s.lines()
                .any(|l| l.starts_with("State:") && l.contains("zombie"))
            {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        peak
    });
    let out = child.wait_with_output().unwrap();
    (out, sampler.join().unwrap())
}
