//! Test support: build OCI layouts, OCI archives and docker archives from
//! declarative layer descriptions, and run the `mamori` binary.

#![allow(dead_code)]

use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// One tar entry.
pub enum E {
    File(&'static str, Vec<u8>),
    Mode(&'static str, Vec<u8>, u32),
    Dir(&'static str),
    Symlink(&'static str, &'static str),
    Hardlink(&'static str, &'static str),
    /// A raw path written verbatim into the header (for traversal tests).
    RawFile(Vec<u8>, Vec<u8>),
}

pub fn sha(data: &[u8]) -> String {
    format!("sha256:{}", hex::encode(Sha256::digest(data)))
}

/// Builds an uncompressed tar from entries.
pub fn tar_bytes(entries: &[E]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for e in entries {
        let mut h = tar::Header::new_gnu();
        h.set_mtime(1_700_000_000);
        h.set_uid(0);
        h.set_gid(0);
        match e {
            E::File(p, data) | E::Mode(p, data, _) => {
                h.set_entry_type(tar::EntryType::Regular);
                h.set_size(data.len() as u64);
                h.set_mode(if let E::Mode(_, _, m) = e { *m } else { 0o644 });
                b.append_data(&mut h, p, data.as_slice()).unwrap();
            }
            E::Dir(p) => {
                h.set_entry_type(tar::EntryType::Directory);
                h.set_size(0);
                h.set_mode(0o755);
                b.append_data(&mut h, p, std::io::empty()).unwrap();
            }
            E::Symlink(p, target) => {
                h.set_entry_type(tar::EntryType::Symlink);
                h.set_size(0);
                h.set_mode(0o777);
                b.append_link(&mut h, p, target).unwrap();
            }
            E::Hardlink(p, target) => {
                h.set_entry_type(tar::EntryType::Link);
                h.set_size(0);
                h.set_mode(0o644);
                b.append_link(&mut h, p, target).unwrap();
            }
            E::RawFile(path, data) => {
                // Bypass the builder's path checks to write hostile names.
                let mut h = tar::Header::new_old();
                h.as_old_mut().name[..path.len()].copy_from_slice(path);
                h.set_entry_type(tar::EntryType::Regular);
                h.set_size(data.len() as u64);
                h.set_mode(0o644);
                h.set_mtime(1_700_000_000);
                h.set_cksum();
                b.append(&h, data.as_slice()).unwrap();
            }
        }
    }
    b.into_inner().unwrap()
}

pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

/// A built image: layer tars (uncompressed) and where it was written.
pub struct Built {
    pub dir: PathBuf,
    pub diff_ids: Vec<String>,
}

/// Writes an OCI layout with gzip layers to `dir` (tag `latest`).
pub fn write_oci(dir: &Path, layers: &[Vec<u8>]) -> Built {
    write_oci_with(
        dir,
        layers,
        gzip,
        "application/vnd.oci.image.layer.v1.tar+gzip",
        "{}",
    )
}

pub fn write_oci_with(
    dir: &Path,
    layers: &[Vec<u8>],
    compress: impl Fn(&[u8]) -> Vec<u8>,
    media_type: &str,
    runtime_config: &str,
) -> Built {
    let blobs = dir.join("blobs/sha256");
    std::fs::create_dir_all(&blobs).unwrap();
    let put = |data: &[u8]| {
        let d = sha(data);
        std::fs::write(blobs.join(&d[7..]), data).unwrap();
        (d, data.len())
    };
    let mut descs = Vec::new();
    let mut diff_ids = Vec::new();
    for l in layers {
        let blob = compress(l);
        let (d, s) = put(&blob);
        descs.push(serde_json::json!({"mediaType": media_type, "digest": d, "size": s}));
        diff_ids.push(sha(l));
    }
    let history: Vec<_> = layers
        .iter()
        .enumerate()
        .map(|(i, _)| serde_json::json!({"created_by": format!("step {i}")}))
        .collect();
    let config = serde_json::json!({
        "architecture": "amd64", "os": "linux",
        "config": serde_json::from_str::<serde_json::Value>(runtime_config).unwrap(),
        "rootfs": {"type": "layers", "diff_ids": diff_ids},
        "history": history,
    });
    let config = serde_json::to_vec(&config).unwrap();
    let (cd, cs) = put(&config);
    let manifest = serde_json::to_vec(&serde_json::json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": cd, "size": cs},
        "layers": descs,
    }))
    .unwrap();
    let (md, ms) = put(&manifest);
    let index = serde_json::json!({"schemaVersion": 2, "manifests": [{
        "mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": md, "size": ms,
        "annotations": {"org.opencontainers.image.ref.name": "latest"}}]});
    std::fs::write(dir.join("index.json"), serde_json::to_vec(&index).unwrap()).unwrap();
    std::fs::write(dir.join("oci-layout"), br#"{"imageLayoutVersion":"1.0.0"}"#).unwrap();
    Built {
        dir: dir.to_path_buf(),
        diff_ids,
    }
}

/// Tars a directory tree (an OCI layout) into an archive file.
pub fn tar_dir(src: &Path, out: &Path) {
    let f = std::fs::File::create(out).unwrap();
    let mut b = tar::Builder::new(f);
    b.append_dir_all(".", src).unwrap();
    b.finish().unwrap();
}

/// Writes a legacy `docker save` archive (manifest.json, `<id>/layer.tar`).
pub fn write_docker_archive(out: &Path, layers: &[Vec<u8>], tag: &str) {
    let diff_ids: Vec<String> = layers.iter().map(|l| sha(l)).collect();
    let config = serde_json::to_vec(&serde_json::json!({
        "architecture": "amd64", "os": "linux", "config": {},
        "rootfs": {"type": "layers", "diff_ids": diff_ids},
    }))
    .unwrap();
    let config_name = format!("{}.json", &sha(&config)[7..]);
    let layer_names: Vec<String> = diff_ids
        .iter()
        .map(|d| format!("{}/layer.tar", &d[7..19]))
        .collect();
    let manifest = serde_json::to_vec(&serde_json::json!([{
        "Config": config_name, "RepoTags": [tag], "Layers": layer_names,
    }]))
    .unwrap();
    let f = std::fs::File::create(out).unwrap();
    let mut b = tar::Builder::new(f);
    let mut add = |name: &str, data: &[u8]| {
        let mut h = tar::Header::new_gnu();
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        h.set_cksum();
        b.append_data(&mut h, name, data).unwrap();
    };
    add(&config_name, &config);
    for (name, l) in layer_names.iter().zip(layers) {
        add(name, l);
    }
    add("manifest.json", &manifest);
    b.finish().unwrap();
}

/// Runs mamori with an isolated cache.
pub fn mamori(args: &[&str]) -> Output {
    let cache = std::env::temp_dir().join(format!("mamori-test-cache-{}", std::process::id()));
    Command::new(env!("CARGO_BIN_EXE_mamori"))
        .args(args)
        .env("MAMORI_CACHE_DIR", &cache)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .expect("run mamori")
}

/// Runs mamori and parses its JSON report; panics with stderr on failure.
pub fn mamori_json(args: &[&str]) -> serde_json::Value {
    let out = mamori(args);
    assert!(
        out.status.success(),
        "mamori {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("bad JSON from mamori {args:?}: {e}"))
}

/// The entries of `report[list]`, each reduced to the given string fields
/// (`-` when absent), sorted.
pub fn project(report: &serde_json::Value, list: &str, keys: &[&str]) -> Vec<Vec<String>> {
    let mut v: Vec<Vec<String>> = report[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            keys.iter()
                .map(|k| m[*k].as_str().unwrap_or("-").to_string())
                .collect()
        })
        .collect();
    v.sort();
    v
}

/// `(name, version, layer)` triples from a JSON report.
pub fn pkgs(report: &serde_json::Value) -> Vec<(String, String, String)> {
    let mut v: Vec<_> = report["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap().to_string(),
                p["version"].as_str().unwrap().to_string(),
                p["layer"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

pub fn corpus() -> Option<PathBuf> {
    let p = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus"
    ));
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipping: ../shared/corpus not found");
        None
    }
}

pub fn have(tool: &str) -> bool {
    let ok = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {tool}"))
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("skipping part of the test: {tool} not installed");
    }
    ok
}

/// The Python interpreter with the validation tools (MAMORI_PYTHON, the repo's .venv, or none).
pub fn python_with(module: &str) -> Option<String> {
    let mut candidates = vec![];
    if let Ok(p) = std::env::var("MAMORI_PYTHON") {
        candidates.push(p);
    }
    candidates.push(concat!(env!("CARGO_MANIFEST_DIR"), "/../../.venv/bin/python").to_string());
    candidates.push("/tmp/venv/bin/python".to_string());
    for c in candidates {
        if Command::new(&c)
            .arg("-c")
            .arg(format!("import {module}"))
            .output()
            .is_ok_and(|o| o.status.success())
        {
            return Some(c);
        }
    }
    eprintln!("skipping: no python with {module} (run .ci/run or set MAMORI_PYTHON)");
    None
}

/// Validates a SARIF file against the official 2.1.0 JSON schema with Python's
/// `jsonschema` (skips, saying so, when it is not installed).
pub fn validate_sarif(path: &Path) {
    let Some(py) = python_with("jsonschema") else {
        eprintln!("skipping SARIF schema validation: python jsonschema not installed");
        return;
    };
    let schema = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../mamori-report/testdata/sarif-schema-2.1.0.json"
    );
    let script = "import json,sys,jsonschema\njsonschema.Draft7Validator(json.load(open(sys.argv[1]))).validate(json.load(open(sys.argv[2])))\n";
    let o = Command::new(&py)
        .args(["-c", script, schema, path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "SARIF invalid: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Validates a CycloneDX JSON file with cyclonedx-python-lib's strict 1.6
/// validator (skips with a message when it is not installed).
pub fn validate_cyclonedx(path: &Path) {
    let Some(py) = python_with("cyclonedx.validation.json") else {
        eprintln!("skipping CycloneDX validation: cyclonedx-python-lib not installed");
        return;
    };
    let script = "import sys\nfrom cyclonedx.validation.json import JsonStrictValidator\nfrom cyclonedx.schema import SchemaVersion\nerrs = JsonStrictValidator(SchemaVersion.V1_6).validate_str(open(sys.argv[1]).read())\nprint(errs)\nsys.exit(1 if errs else 0)\n";
    let o = Command::new(&py)
        .args(["-c", script, path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "CycloneDX invalid: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}
