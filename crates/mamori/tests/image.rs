//! End-to-end image scans through the `mamori` binary: every local transport,
//! layer semantics (whiteouts, opaque directories, replacements, attribution),
//! and the SBOM formats validated with their official tooling.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::io::Read;
use support::*;

fn apk_db(pkgs: &[(&str, &str)]) -> Vec<u8> {
    let mut s = String::new();
    for (n, v) in pkgs {
        s.push_str(&format!("C:Q1x=\nP:{n}\nV:{v}\nA:x86_64\no:{n}\nL:MIT\n\n"));
    }
    s.into_bytes()
}

const ALPINE_RELEASE: &[u8] =
    b"NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.19.1\nPRETTY_NAME=\"Alpine Linux v3.19\"\n";

fn check_alpine_report(report: &serde_json::Value, what: &str) {
    let pkgs = report["packages"].as_array().unwrap();
    assert_eq!(
        pkgs.len(),
        59,
        "{what}: expected the 59 apk packages of the corpus image"
    );
    assert_eq!(report["os"]["id"], "alpine", "{what}");
    let distro = format!("alpine-{}", report["os"]["version_id"].as_str().unwrap());
    assert!(distro.starts_with("alpine-3.23"), "{what}: {distro}");
    for p in pkgs {
        assert_eq!(p["ecosystem"], "apk");
        let (name, version, arch) = (
            p["name"].as_str().unwrap(),
            p["version"].as_str().unwrap(),
            p["arch"].as_str().unwrap(),
        );
        let expected = format!("pkg:apk/alpine/{name}@{version}?arch={arch}&distro={distro}");
        assert_eq!(p["purl"].as_str().unwrap(), expected, "{what}");
        assert_eq!(p["location"], "/lib/apk/db/installed");
        assert!(p["layer"].as_str().unwrap().starts_with("sha256:"));
    }
}

/// The corpus image's single layer, uncompressed.
fn alpine_layer(corpus: &std::path::Path) -> Vec<u8> {
    let layout = corpus.join("images/alpine-3.23");
    let index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(layout.join("index.json")).unwrap()).unwrap();
    let md = index["manifests"][0]["digest"].as_str().unwrap();
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(layout.join("blobs/sha256").join(&md[7..])).unwrap())
            .unwrap();
    let ld = manifest["layers"][0]["digest"].as_str().unwrap();
    let gz = std::fs::read(layout.join("blobs/sha256").join(&ld[7..])).unwrap();
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(gz.as_slice())
        .read_to_end(&mut out)
        .unwrap();
    out
}

#[test]
fn alpine_corpus_image_from_every_local_transport() {
    let Some(corpus) = corpus() else { return };
    let layout = corpus.join("images/alpine-3.23");
    let tmp = tempfile::tempdir().unwrap();

    let oci = format!("oci:{}", layout.display());
    check_alpine_report(
        &mamori_json(&["image", &oci, "-f", "json", "--no-cache"]),
        "oci",
    );
    check_alpine_report(
        &mamori_json(&["image", &format!("{oci}:latest"), "-f", "json"]),
        "oci:TAG",
    );

    // CycloneDX lists every package with its purl.
    let bom = mamori_json(&["image", &oci, "-f", "cyclonedx"]);
    let libs: Vec<_> = bom["components"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["type"] == "library")
        .collect();
    assert_eq!(libs.len(), 59);
    assert!(libs
        .iter()
        .all(|c| c["purl"].as_str().unwrap().starts_with("pkg:apk/alpine/")));

    let archive = tmp.path().join("alpine-oci.tar");
    tar_dir(&layout, &archive);
    check_alpine_report(
        &mamori_json(&[
            "image",
            &format!("oci-archive:{}", archive.display()),
            "-f",
            "json",
        ]),
        "oci-archive",
    );

    let docker = tmp.path().join("alpine-docker.tar");
    write_docker_archive(&docker, &[alpine_layer(&corpus)], "alpine:3.23");
    let r = mamori_json(&[
        "image",
        &format!("docker-archive:{}", docker.display()),
        "-f",
        "json",
        "--no-cache",
    ]);
    check_alpine_report(&r, "docker-archive (legacy layout)");
    // Auto-detected from a bare path, selected by tag.
    check_alpine_report(
        &mamori_json(&["image", docker.to_str().unwrap(), "-f", "json"]),
        "bare path",
    );
    check_alpine_report(
        &mamori_json(&[
            "image",
            &format!("docker-archive:{}:alpine:3.23", docker.display()),
            "-f",
            "json",
        ]),
        "docker-archive:FILE:REF",
    );

    // Archives written by a real tool, when present.
    if have("skopeo") {
        for (transport, file) in [
            ("docker-archive", "skopeo-docker.tar"),
            ("oci-archive", "skopeo-oci.tar"),
        ] {
            let dest = tmp.path().join(file);
            let dest_ref = if transport == "docker-archive" {
                format!("{transport}:{}:example.invalid/alpine:3.23", dest.display())
            } else {
                format!("{transport}:{}:latest", dest.display())
            };
            let st = std::process::Command::new("skopeo")
                .args([
                    "copy",
                    "--quiet",
                    &format!("oci:{}:latest", layout.display()),
                    &dest_ref,
                ])
                .status()
                .unwrap();
            assert!(st.success(), "skopeo copy to {transport}");
            check_alpine_report(
                &mamori_json(&[
                    "image",
                    &format!("{transport}:{}", dest.display()),
                    "-f",
                    "json",
                ]),
                &format!("skopeo {transport}"),
            );
        }
    }
}

#[test]
fn layers_apply_whiteouts_opaque_dirs_and_replacements() {
    let tmp = tempfile::tempdir().unwrap();
    let lock = |pkgs: &[(&str, &str)]| {
        let mut packages = serde_json::Map::new();
        packages.insert(
            "".into(),
            serde_json::json!({"name": "app", "version": "1.0.0"}),
        );
        for (n, v) in pkgs {
            packages.insert(
                format!("node_modules/{n}"),
                serde_json::json!({"version": v}),
            );
        }
        serde_json::to_vec(
            &serde_json::json!({"name": "app", "lockfileVersion": 3, "packages": packages}),
        )
        .unwrap()
    };
    let meta = |n: &str, v: &str| {
        format!("Metadata-Version: 2.1\nName: {n}\nVersion: {v}\n\n").into_bytes()
    };
    let l1 = tar_bytes(&[
        E::File("etc/os-release", ALPINE_RELEASE.to_vec()),
        E::File(
            "lib/apk/db/installed",
            apk_db(&[
                ("musl", "1.2.4-r2"),
                ("zlib", "1.3-r0"),
                ("busybox", "1.36.1-r15"),
            ]),
        ),
        E::File("app/package-lock.json", lock(&[("lodash", "4.17.15")])),
        E::File(
            "usr/lib/python3.11/site-packages/six-1.16.0.dist-info/METADATA",
            meta("six", "1.16.0"),
        ),
        E::File(
            "usr/lib/python3.11/site-packages/idna-3.4.dist-info/METADATA",
            meta("idna", "3.4"),
        ),
        E::File("opt/tool/package-lock.json", lock(&[("minimist", "1.2.5")])),
    ]);
    let l2 = tar_bytes(&[
        // zlib upgraded, musl unchanged (keeps layer 1), curl added.
        E::File(
            "lib/apk/db/installed",
            apk_db(&[
                ("musl", "1.2.4-r2"),
                ("zlib", "1.3.1-r0"),
                ("busybox", "1.36.1-r15"),
                ("curl", "8.5.0-r0"),
            ]),
        ),
        // six deleted by a whiteout of its directory.
        E::File(
            "usr/lib/python3.11/site-packages/.wh.six-1.16.0.dist-info",
            vec![],
        ),
        // /opt/tool made opaque: its lockfile from layer 1 disappears.
        E::File("opt/tool/.wh..wh..opq", vec![]),
        E::File("opt/tool/README", b"replaced".to_vec()),
    ]);
    let l3 = tar_bytes(&[
        // The lockfile replaced by a symlink: hides layer 1's file.
        E::Symlink("app/package-lock.json", "/nonexistent"),
        E::File("srv/package-lock.json", lock(&[("express", "4.17.1")])),
    ]);
    let built = write_oci(tmp.path(), &[l1, l2, l3]);
    let r = mamori_json(&[
        "image",
        &format!("oci:{}", built.dir.display()),
        "-f",
        "json",
        "--no-cache",
    ]);
    let (d1, d2, d3) = (&built.diff_ids[0], &built.diff_ids[1], &built.diff_ids[2]);
    let expected: Vec<(String, String, String)> = vec![
        ("busybox", "1.36.1-r15", d1),
        ("curl", "8.5.0-r0", d2),
        ("express", "4.17.1", d3),
        ("idna", "3.4", d1),
        ("musl", "1.2.4-r2", d1),
        ("zlib", "1.3.1-r0", d2),
    ]
    .into_iter()
    .map(|(n, v, d)| (n.to_string(), v.to_string(), d.to_string()))
    .collect();
    assert_eq!(pkgs(&r), expected);

    // A warm rescan from the cache gives the same answer.
    let cache = tmp.path().join("cache");
    let args = [
        "image",
        &format!("oci:{}", built.dir.display()),
        "-f",
        "json",
        "--cache-dir",
        cache.to_str().unwrap(),
    ];
    let cold = mamori_json(&args);
    let warm = mamori_json(&args);
    assert_eq!(pkgs(&cold), expected);
    assert_eq!(pkgs(&warm), expected);
    let status = mamori(&["cache", "status", "--cache-dir", cache.to_str().unwrap()]);
    assert!(
        String::from_utf8_lossy(&status.stdout).contains("3 layer analyses"),
        "{status:?}"
    );
    let clean = mamori(&["cache", "clean", "--cache-dir", cache.to_str().unwrap()]);
    assert!(clean.status.success());
}

#[test]
fn zstd_and_uncompressed_layers() {
    let tmp = tempfile::tempdir().unwrap();
    let l1 = tar_bytes(&[
        E::File("etc/os-release", ALPINE_RELEASE.to_vec()),
        E::File("lib/apk/db/installed", apk_db(&[("musl", "1.2.4-r2")])),
    ]);
    let zst = write_oci_with(
        &tmp.path().join("zstd"),
        std::slice::from_ref(&l1),
        |b| zstd::encode_all(b, 3).unwrap(),
        "application/vnd.oci.image.layer.v1.tar+zstd",
        "{}",
    );
    let plain = write_oci_with(
        &tmp.path().join("plain"),
        &[l1],
        |b| b.to_vec(),
        "application/vnd.oci.image.layer.v1.tar",
        "{}",
    );
    for b in [zst, plain] {
        let r = mamori_json(&[
            "image",
            &format!("oci:{}", b.dir.display()),
            "-f",
            "json",
            "--no-cache",
        ]);
        assert_eq!(
            pkgs(&r),
            vec![("musl".into(), "1.2.4-r2".into(), b.diff_ids[0].clone())]
        );
    }
}

#[test]
fn sboms_validate_with_official_tools() {
    let demo = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/demo-image");
    let tmp = tempfile::tempdir().unwrap();
    let cdx = tmp.path().join("bom.cdx.json");
    let spdx = tmp.path().join("bom.spdx.json");
    let image = format!("oci:{demo}");
    for (fmt, out) in [("cyclonedx", &cdx), ("spdx-json", &spdx)] {
        let o = mamori(&["image", &image, "-f", fmt, "-o", out.to_str().unwrap()]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    validate_cyclonedx(&cdx);
    if let Some(py) = python_with("spdx_tools") {
        let o = std::process::Command::new(&py)
            .args([
                "-m",
                "spdx_tools.spdx.clitools.pyspdxtools",
                "-i",
                spdx.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "SPDX validation failed: {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
    }
}

#[test]
fn demo_image_inventory() {
    let demo = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/demo-image");
    let r = mamori_json(&["image", &format!("oci:{demo}"), "-f", "json"]);
    let names: Vec<String> = pkgs(&r)
        .into_iter()
        .map(|p| format!("{}@{}", p.0, p.1))
        .collect();
    // dpkg: 10 installed (telnet is config-files only); PyYAML is owned by python3-yaml.
    assert!(names.contains(&"libssl3@3.0.11-1~deb12u2".to_string()));
    assert!(!names.iter().any(|n| n.starts_with("telnet@")));
    assert!(!names.iter().any(|n| n.starts_with("PyYAML@")), "{names:?}");
    // left-pad's node_modules entry was deleted by a whiteout in the last layer.
    let left_pad_locations: Vec<&str> = r["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["name"] == "left-pad")
        .map(|p| p["location"].as_str().unwrap())
        .collect();
    assert_eq!(left_pad_locations, vec!["/app/package-lock.json"]);
    let zlib = r["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "zlib1g")
        .unwrap();
    assert_eq!(zlib["source_name"], "zlib");
    assert_eq!(
        zlib["purl"],
        "pkg:deb/debian/zlib1g@1%3A1.2.13.dfsg-1?arch=amd64&distro=debian-12"
    );
}

#[test]
fn bad_references_give_one_line_errors() {
    let o = mamori(&["image", "oci:/nonexistent/layout"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("/nonexistent/layout") && err.lines().count() == 1,
        "{err}"
    );
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("not-an-image.tar");
    std::fs::write(&f, b"hello").unwrap();
    let o = mamori(&["image", &format!("docker-archive:{}", f.display())]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not-an-image.tar"));
    let o = mamori(&["image", "oci:/tmp", "--platform", "bogus"]);
    assert_eq!(o.status.code(), Some(1));
}
