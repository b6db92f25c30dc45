//! Registry pulls against a real `docker-registry` (CNCF distribution) on
//! 127.0.0.1: plain HTTP, multi-platform indexes, basic auth over TLS with a
//! throwaway CA, bearer tokens from a test token issuer, Docker `config.json`
//! credentials, and digest verification of tampered blobs.
//!
//! Each test skips (with a message on stderr) when `docker-registry` (Debian
//! package `docker-registry`) or, for basic auth, `htpasswd` (`apache2-utils`)
//! is not installed.

#![allow(clippy::unwrap_used)]

mod support;

use base64::Engine as _;
use mamori_image::registry::{self, PullProgress};
use mamori_image::{
    walk_layer, EntryKind, ImageRef, OpenOptions, Platform, RegistryRef, WalkLimits,
};
use std::io::Read;
use std::path::{Path, PathBuf};
use support::*;

const USER: &str = "mamori";
const PASS: &str = "s3cret-pa:ss";

fn have_registry() -> bool {
    tool("docker-registry").is_some()
}

/// Options that never read the machine's own `~/.docker/config.json`.
fn opts(dir: &Path) -> OpenOptions {
    let mut o = OpenOptions::default();
    o.registry.docker_config = Some(dir.join("no-docker-config.json"));
    o
}

fn files_of(image: &mamori_image::Image, index: usize) -> Vec<(String, String)> {
    let layer = &image.layers[index];
    let mut out = Vec::new();
    walk_layer(
        image.open_layer(index).unwrap(),
        &layer.digest,
        &WalkLimits::default(),
        &mut |entry, reader| {
            if entry.kind == EntryKind::File {
                let mut s = String::new();
                reader.read_to_string(&mut s).unwrap();
                out.push((entry.path.clone(), s));
            }
            Ok(())
        },
    )
    .unwrap();
    out
}

fn sample_image(gzip: bool) -> TestImage {
    image(
        "amd64",
        None,
        &[
            ("etc/os-release", b"ID=mamori\nVERSION_ID=1\n"),
            ("usr/bin/hello", b"#!/bin/sh\necho hello\n"),
        ],
        gzip,
    )
}

fn reference(host: &str, rest: &str) -> RegistryRef {
    RegistryRef::parse(&format!("{host}/{rest}")).unwrap()
}

#[test]
fn anonymous_pull_over_plain_http() {
    if !have_registry() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let reg = Registry::start(dir.path(), &dir.path().join("storage"), None, &Auth::None);
    let img = sample_image(true);
    Pusher::new(&reg.host()).image("test/img", "1", &img);

    let mut o = opts(dir.path());
    o.registry.insecure = true;
    let progress = PullProgress::new();
    o.registry.progress = Some(progress.clone());
    // Through the crate's front door, as the CLI will call it.
    let r = ImageRef::parse(&format!("docker://{}/test/img:1", reg.host())).unwrap();
    let image = mamori_image::open(&r, &o).unwrap();
    assert_eq!(image.config_digest(), img.config.digest);
    assert_eq!(
        image.manifest_digest.as_deref(),
        Some(img.manifest.digest.as_str())
    );
    assert_eq!(
        image.repo_tag.as_deref(),
        Some(format!("{}/test/img:1", reg.host()).as_str())
    );
    assert_eq!(image.config.architecture, "amd64");
    assert_eq!(image.layers.len(), 1);
    assert_eq!(image.layers[0].digest, img.layer.digest);
    assert_eq!(image.layers[0].size, img.layer.size);
    assert_eq!(image.layers[0].media_type, OCI_LAYER_GZIP);
    let files = files_of(&image, 0);
    assert_eq!(
        files,
        vec![
            (
                "etc/os-release".to_string(),
                "ID=mamori\nVERSION_ID=1\n".to_string()
            ),
            (
                "usr/bin/hello".to_string(),
                "#!/bin/sh\necho hello\n".to_string()
            ),
        ]
    );
    // The walk reads the whole blob (so its digest is checked) and the counter
    // saw the config and the layer.
    assert_eq!(progress.bytes(), img.config.size + img.layer.size);

    // By digest.
    let by_digest = reference(&reg.host(), &format!("test/img@{}", img.manifest.digest));
    let image = registry::open(&by_digest, &o).unwrap();
    assert_eq!(image.config_digest(), img.config.digest);

    // Registry errors name the registry, the repository and the registry's code.
    let e = registry::open(&reference(&reg.host(), "test/img:nope"), &o)
        .unwrap_err()
        .to_string();
    eprintln!("message: {e}");
    assert!(
        e.starts_with(&format!(
            "registry {}: test/img: manifest nope: 404",
            reg.host()
        )) && e.contains("MANIFEST_UNKNOWN"),
        "{e}"
    );
    let e = registry::open(&reference(&reg.host(), "test/other:1"), &o)
        .unwrap_err()
        .to_string();
    eprintln!("message: {e}");
    // distribution answers MANIFEST_UNKNOWN for unknown repositories, others NAME_UNKNOWN.
    assert!(
        e.contains("test/other") && (e.contains("NAME_UNKNOWN") || e.contains("MANIFEST_UNKNOWN")),
        "{e}"
    );

    // Without `insecure`, plain HTTP is refused: the HTTPS handshake fails.
    let e = registry::open(&reference(&reg.host(), "test/img:1"), &opts(dir.path()))
        .unwrap_err()
        .to_string();
    eprintln!("message: {e}");
    assert!(
        e.starts_with(&format!(
            "registry {}: cannot connect to https://",
            reg.host()
        )) && e.contains("insecure"),
        "{e}"
    );
    // Bad tags never reach the network.
    let e = registry::open(
        &RegistryRef {
            registry: reg.host(),
            repository: "test/img".into(),
            reference: "../../x".into(),
        },
        &o,
    )
    .unwrap_err()
    .to_string();
    eprintln!("message: {e}");
    assert!(e.contains("invalid tag"), "{e}");
}

#[test]
fn tampered_blobs_are_rejected() {
    if !have_registry() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let storage = dir.path().join("storage");
    let reg = Registry::start(dir.path(), &storage, None, &Auth::None);
    // An uncompressed layer: after a byte flip the tar still parses, so only
    // the digest check can notice.
    let img = sample_image(false);
    Pusher::new(&reg.host()).image("test/img", "1", &img);
    let mut o = opts(dir.path());
    o.registry.insecure = true;
    let r = reference(&reg.host(), "test/img:1");

    let layer_path = blob_data_path(&storage, &img.layer.digest);
    let mut data = std::fs::read(&layer_path).unwrap();
    let at = data.windows(9).position(|w| w == b"ID=mamori").unwrap();
    data[at + 3] = b'M';
    std::fs::write(&layer_path, &data).unwrap();

    let image = registry::open(&r, &o).unwrap();
    let mut sink = Vec::new();
    let e = image
        .open_layer(0)
        .unwrap()
        .read_to_end(&mut sink)
        .unwrap_err()
        .to_string();
    eprintln!("message: {e}");
    assert!(
        e.contains(&format!("blob {} has digest sha256:", img.layer.digest)),
        "{e}"
    );

    // A walk reads each blob to its end, so it reports the mismatch too.
    let image = registry::open(&r, &o).unwrap();
    let e = walk_layer(
        image.open_layer(0).unwrap(),
        &image.layers[0].digest,
        &WalkLimits::default(),
        &mut |_, _| Ok(()),
    )
    .unwrap_err()
    .to_string();
    eprintln!("message: {e}");
    assert!(
        e.starts_with(&format!("layer {}: ", img.layer.digest)) && e.contains("has digest"),
        "{e}"
    );

    // A tampered config fails the open itself.
    let config_path = blob_data_path(&storage, &img.config.digest);
    let config = std::fs::read_to_string(&config_path).unwrap();
    std::fs::write(&config_path, config.replace("mamori test", "mamori tesT")).unwrap();
    let e = registry::open(&r, &o).unwrap_err().to_string();
    eprintln!("message: {e}");
    assert!(
        e.starts_with(&format!(
            "registry {}: test/img: config {}: blob {} has digest sha256:",
            reg.host(),
            img.config.digest,
            img.config.digest
        )) && e.ends_with("corrupted or tampered with"),
        "{e}"
    );
}

#[test]
fn multi_platform_index_selects_the_platform() {
    if !have_registry() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let reg = Registry::start(dir.path(), &dir.path().join("storage"), None, &Auth::None);
    let amd = image("amd64", None, &[("etc/arch", b"amd64")], true);
    let arm = image("arm64", Some("v8"), &[("etc/arch", b"arm64")], true);
    let idx = index(&[(&amd, "amd64", None), (&arm, "arm64", Some("v8"))]);
    let push = Pusher::new(&reg.host());
    push.image("test/multi", &amd.manifest.digest, &amd);
    push.image("test/multi", &arm.manifest.digest, &arm);
    push.manifest("test/multi", "1", OCI_INDEX, &idx);

    let r = reference(&reg.host(), "test/multi:1");
    let open_for = |platform: &str, r: &RegistryRef| {
        let mut o = opts(dir.path());
        o.registry.insecure = true;
        o.platform = Platform::parse(platform).unwrap();
        registry::open(r, &o)
    };
    let image = open_for("linux/amd64", &r).unwrap();
    assert_eq!(image.config.architecture, "amd64");
    assert_eq!(
        image.manifest_digest.as_deref(),
        Some(amd.manifest.digest.as_str())
    );
    assert_eq!(
        files_of(&image, 0),
        vec![("etc/arch".into(), "amd64".into())]
    );

    for p in ["linux/arm64", "linux/arm64/v8"] {
        let image = open_for(p, &r).unwrap();
        assert_eq!(image.config_digest(), arm.config.digest, "{p}");
        assert_eq!(
            files_of(&image, 0),
            vec![("etc/arch".into(), "arm64".into())]
        );
    }
    // The index itself by digest.
    let by_digest = reference(&reg.host(), &format!("test/multi@{}", idx.digest));
    assert_eq!(
        open_for("linux/arm64", &by_digest).unwrap().config_digest(),
        arm.config.digest
    );

    let e = open_for("linux/s390x", &r).unwrap_err().to_string();
    eprintln!("message: {e}");
    assert!(
        e.contains("no image for platform linux/s390x")
            && e.contains("available: linux/amd64, linux/arm64/v8"),
        "{e}"
    );
}

/// A TLS registry with htpasswd auth holding `test/img:1`, or `None` (skip).
fn basic_tls_registry(dir: &Path) -> Option<(Registry, Tls, TestImage)> {
    if !have_registry() {
        return None;
    }
    let htpasswd = tool("htpasswd")?;
    let out = std::process::Command::new(htpasswd)
        .args(["-Bbn", USER, PASS])
        .output()
        .unwrap();
    assert!(out.status.success(), "htpasswd failed");
    let htpasswd_file = dir.join("htpasswd");
    std::fs::write(&htpasswd_file, out.stdout).unwrap();
    let tls = make_tls(dir);
    let storage = dir.join("storage");
    let img = sample_image(true);
    {
        // Seed the storage through an open registry, then serve it with auth.
        let open = Registry::start(dir, &storage, None, &Auth::None);
        Pusher::new(&open.host()).image("test/img", "1", &img);
    }
    let reg = Registry::start(dir, &storage, Some(&tls), &Auth::Htpasswd(htpasswd_file));
    Some((reg, tls, img))
}

#[test]
fn basic_auth_over_tls_with_a_private_ca() {
    let dir = tempfile::tempdir().unwrap();
    let Some((reg, tls, img)) = basic_tls_registry(dir.path()) else {
        return;
    };
    let r = reference(&reg.host(), "test/img:1");
    let with = |user: Option<&str>, pass: Option<&str>, ca: Option<&PathBuf>| {
        let mut o = opts(dir.path());
        o.registry.username = user.map(str::to_string);
        o.registry.password = pass.map(str::to_string);
        o.registry.ca_cert = ca.cloned();
        o
    };

    let image = registry::open(&r, &with(Some(USER), Some(PASS), Some(&tls.ca_pem))).unwrap();
    assert_eq!(image.config_digest(), img.config.digest);
    assert_eq!(files_of(&image, 0).len(), 2);

    let e = registry::open(&r, &with(None, None, Some(&tls.ca_pem)))
        .unwrap_err()
        .to_string();
    eprintln!("message: {e}");
    assert_eq!(
        e,
        format!(
            "registry {}: authentication required for test/img and no credentials are configured",
            reg.host()
        )
    );
    let e = registry::open(&r, &with(Some(USER), Some("wrong"), Some(&tls.ca_pem)))
        .unwrap_err()
        .to_string();
    eprintln!("message: {e}");
    assert_eq!(
        e,
        format!(
            "registry {}: authentication failed for test/img",
            reg.host()
        )
    );
    assert!(!e.contains("wrong"));

    // The private CA is not trusted by default.
    let e = registry::open(&r, &with(Some(USER), Some(PASS), None))
        .unwrap_err()
        .to_string();
    eprintln!("message: {e}");
    assert!(
        e.starts_with(&format!(
            "registry {}: cannot connect to https://",
            reg.host()
        )) && e.contains("UnknownIssuer")
            && e.contains("ca_cert"),
        "{e}"
    );
    // `insecure` skips verification (and would allow plain HTTP).
    let mut o = with(Some(USER), Some(PASS), None);
    o.registry.insecure = true;
    assert_eq!(
        registry::open(&r, &o).unwrap().config_digest(),
        img.config.digest
    );
}

#[test]
fn docker_config_credentials_are_used() {
    let dir = tempfile::tempdir().unwrap();
    let Some((reg, tls, img)) = basic_tls_registry(dir.path()) else {
        return;
    };
    let r = reference(&reg.host(), "test/img:1");
    let b64 = |s: String| base64::engine::general_purpose::STANDARD.encode(s);
    let write_config = |name: &str, key: &str, entry: serde_json::Value| {
        let d = dir.path().join(name);
        std::fs::create_dir_all(&d).unwrap();
        let cfg = serde_json::json!({"auths": {key: entry}});
        std::fs::write(d.join("config.json"), cfg.to_string()).unwrap();
        d
    };
    let open_with = |config_dir: &Path, explicit: Option<(&str, &str)>| {
        let mut o = OpenOptions::default();
        o.registry.docker_config = Some(config_dir.to_path_buf());
        o.registry.ca_cert = Some(tls.ca_pem.clone());
        if let Some((u, p)) = explicit {
            o.registry.username = Some(u.into());
            o.registry.password = Some(p.into());
        }
        registry::open(&r, &o)
    };

    // `auth` (base64 of user:password) under the `host:port` key.
    let good = write_config(
        "good",
        &reg.host(),
        serde_json::json!({"auth": b64(format!("{USER}:{PASS}"))}),
    );
    assert_eq!(
        open_with(&good, None).unwrap().config_digest(),
        img.config.digest
    );
    // `username`/`password` keys under an `https://host/` key; the config file
    // itself passed instead of its directory.
    let plain = write_config(
        "plain",
        &format!("https://{}/", reg.host()),
        serde_json::json!({"username": USER, "password": PASS}),
    );
    assert!(open_with(&plain.join("config.json"), None).is_ok());
    // Stored credentials that are wrong fail; explicit ones win over them.
    let bad = write_config(
        "bad",
        &reg.host(),
        serde_json::json!({"auth": b64(format!("{USER}:nope"))}),
    );
    let e = open_with(&bad, None).unwrap_err().to_string();
    eprintln!("message: {e}");
    assert!(e.ends_with("authentication failed for test/img"), "{e}");
    assert!(open_with(&bad, Some((USER, PASS))).is_ok());
    // Credentials for another registry are not sent.
    let other = write_config(
        "other",
        "127.0.0.1:1",
        serde_json::json!({"auth": b64(format!("{USER}:{PASS}"))}),
    );
    let e = open_with(&other, None).unwrap_err().to_string();
    eprintln!("message: {e}");
    assert!(e.contains("no credentials are configured"), "{e}");
}

#[test]
fn bearer_token_challenge_flow() {
    if !have_registry() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let storage = dir.path().join("storage");
    let img = sample_image(true);
    {
        let open = Registry::start(dir.path(), &storage, None, &Auth::None);
        Pusher::new(&open.host()).image("test/img", "1", &img);
    }
    for required in [false, true] {
        let basic = format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(format!("{USER}:{PASS}"))
        );
        let issuer_dir = dir.path().join(format!("issuer-{required}"));
        std::fs::create_dir_all(&issuer_dir).unwrap();
        let issuer = TokenIssuer::start(&issuer_dir, required.then(|| basic.clone()));
        let reg = Registry::start(
            dir.path(),
            &storage,
            None,
            &Auth::Token {
                realm: issuer.realm(),
                service: TOKEN_SERVICE.into(),
                issuer: TOKEN_ISSUER.into(),
                rootcertbundle: issuer.cert_pem.clone(),
            },
        );
        let r = reference(&reg.host(), "test/img:1");
        let mut o = opts(dir.path());
        o.registry.insecure = true;
        if required {
            // The token service wants credentials; without them, a clear failure.
            let e = registry::open(&r, &o).unwrap_err().to_string();
            eprintln!("message: {e}");
            assert_eq!(
                e,
                format!(
                    "registry {}: authentication failed for test/img",
                    reg.host()
                )
            );
            o.registry.username = Some(USER.into());
            o.registry.password = Some(PASS.into());
        }
        let image = registry::open(&r, &o).unwrap();
        assert_eq!(image.config_digest(), img.config.digest);
        assert_eq!(files_of(&image, 0).len(), 2);

        let seen = issuer.seen();
        assert!(!seen.is_empty());
        for req in &seen {
            assert_eq!(req.service.as_deref(), Some(TOKEN_SERVICE));
            assert_eq!(req.scope.as_deref(), Some("repository:test/img:pull"));
        }
        if required {
            assert_eq!(
                seen.last().unwrap().authorization.as_deref(),
                Some(basic.as_str())
            );
        } else {
            assert!(seen.iter().all(|s| s.authorization.is_none()));
        }
    }
}

#[test]
fn redirects_to_blob_storage_do_not_carry_credentials() {
    let dir = tempfile::tempdir().unwrap();
    let img = sample_image(true);
    let blobs = [img.config.clone(), img.layer.clone()];
    let cdn = MiniServer::start(Box::new(move |req| {
        blobs
            .iter()
            .find(|b| req.path == format!("/cdn/{}", b.digest))
            .map(|b| Reply::new(200, b.data.clone()))
            .unwrap_or_else(|| Reply::new(404, ""))
    }));
    let cdn_port = cdn.port;
    let basic = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{USER}:{PASS}"))
    );
    let reg_img = img.clone();
    let reg = MiniServer::start(Box::new(move |req| {
        if req.authorization.as_deref() != Some(basic.as_str()) {
            return Reply::new(
                401,
                r#"{"errors":[{"code":"UNAUTHORIZED","message":"no"}]}"#,
            )
            .header("WWW-Authenticate", "Basic realm=\"fake\"");
        }
        let p = req.path.as_str();
        if p == "/v2/" {
            return Reply::new(200, "{}");
        }
        if p == "/v2/test/img/manifests/1" {
            return Reply::new(200, reg_img.manifest.data.clone())
                .header("Content-Type", OCI_MANIFEST);
        }
        for b in [&reg_img.config, &reg_img.layer] {
            if p == format!("/v2/test/img/blobs/{}", b.digest) {
                // Another host name for the same loopback address: "blob storage".
                return Reply::new(307, "").header(
                    "Location",
                    &format!("http://localhost:{cdn_port}/cdn/{}", b.digest),
                );
            }
        }
        Reply::new(404, "")
    }));
    let mut o = opts(dir.path());
    o.registry.insecure = true;
    o.registry.username = Some(USER.into());
    o.registry.password = Some(PASS.into());
    let r = reference(&format!("127.0.0.1:{}", reg.port), "test/img:1");
    let image = registry::open(&r, &o).unwrap();
    assert_eq!(image.config_digest(), img.config.digest);
    assert_eq!(files_of(&image, 0).len(), 2);

    let cdn_seen = cdn.seen();
    assert_eq!(cdn_seen.len(), 2, "{cdn_seen:?}");
    assert!(
        cdn_seen.iter().all(|r| r.authorization.is_none()),
        "credentials leaked to blob storage: {cdn_seen:?}"
    );
    // The registry itself did get them for the blob requests.
    assert!(reg
        .seen()
        .iter()
        .filter(|r| r.path.contains("/blobs/"))
        .all(|r| r.authorization.is_some()));
}

#[test]
fn misbehaving_registries_give_one_line_errors() {
    let dir = tempfile::tempdir().unwrap();
    let img = sample_image(true);
    let manifest = img.manifest.data.clone();
    let reg = MiniServer::start(Box::new(move |req| match req.path.as_str() {
        "/v2/" => Reply::new(200, "{}"),
        "/v2/lying/manifests/1" => Reply::new(200, manifest.clone())
            .header("Content-Type", OCI_MANIFEST)
            .header(
                "Docker-Content-Digest",
                &format!("sha256:{}", "0".repeat(64)),
            ),
        "/v2/broken/manifests/1" => Reply::new(500, "<html>\n<b>oops</b>\n</html>"),
        "/v2/negotiate/manifests/1" => Reply::new(401, "").header("WWW-Authenticate", "Negotiate"),
        "/v2/schema1/manifests/1" => {
            Reply::new(200, r#"{"schemaVersion":1,"name":"schema1","fsLayers":[]}"#)
        }
        "/v2/tokenless/manifests/1" => {
            Reply::new(401, "").header("WWW-Authenticate", "Bearer realm=\"ftp://nowhere/token\"")
        }
        _ => Reply::new(404, ""),
    }));
    let host = format!("127.0.0.1:{}", reg.port);
    let mut o = opts(dir.path());
    o.registry.insecure = true;
    let err = |repo: &str| {
        let e = registry::open(&reference(&host, &format!("{repo}:1")), &o)
            .unwrap_err()
            .to_string();
        eprintln!("message: {e}");
        assert!(!e.contains('\n'), "{e}");
        // Registry errors start `registry HOST: REPO:`; document errors name
        // the whole reference `HOST/REPO:TAG`.
        assert!(
            e.starts_with(&format!("registry {host}: {repo}"))
                || e.starts_with(&format!("{host}/{repo}:1: ")),
            "{e}"
        );
        e
    };
    let e = err("lying");
    assert!(e.contains("corrupted or tampered with"), "{e}");
    assert!(err("broken").ends_with("broken: manifest 1: 500 Internal Server Error"));
    assert!(err("negotiate").contains("unsupported authentication scheme negotiate"));
    assert!(err("schema1").contains("schema1 manifests are not supported"));
    assert!(err("tokenless").contains("is not https"));
}

#[test]
fn large_layers_stream_in_bounded_memory() {
    if !have_registry() {
        return;
    }
    const SIZE: u64 = 64 << 20;
    let dir = tempfile::tempdir().unwrap();
    let reg = Registry::start(dir.path(), &dir.path().join("storage"), None, &Auth::None);
    let push = Pusher::new(&reg.host());
    // The blob is generated twice (to hash, then to upload) rather than held.
    let mut hasher = <sha2::Sha256 as sha2::Digest>::new();
    std::io::copy(&mut NoiseReader::new(SIZE), &mut hasher).unwrap();
    let digest = format!("sha256:{}", hex::encode(sha2::Digest::finalize(hasher)));
    push.blob_from_reader("test/big", &digest, &mut NoiseReader::new(SIZE));
    let config = Blob::new(
        serde_json::to_vec(&serde_json::json!({
            "architecture": "amd64", "os": "linux",
            "rootfs": {"type": "layers", "diff_ids": [digest]}
        }))
        .unwrap(),
    );
    push.blob("test/big", &config);
    let manifest = Blob::new(
        serde_json::to_vec(&serde_json::json!({
            "schemaVersion": 2,
            "mediaType": OCI_MANIFEST,
            "config": {"mediaType": OCI_CONFIG, "digest": config.digest, "size": config.size},
            "layers": [{"mediaType": OCI_LAYER_TAR, "digest": digest, "size": SIZE}]
        }))
        .unwrap(),
    );
    push.manifest("test/big", "1", OCI_MANIFEST, &manifest);

    let mut o = opts(dir.path());
    o.registry.insecure = true;
    let image = registry::open(&reference(&reg.host(), "test/big:1"), &o).unwrap();
    let Some((_, rss_before)) = rss_kib() else {
        eprintln!("skipping the memory check: no /proc/self/status");
        return;
    };
    // Reading to the end verifies the digest of all 64 MiB.
    let copied = std::io::copy(&mut image.open_layer(0).unwrap(), &mut std::io::sink()).unwrap();
    assert_eq!(copied, SIZE);
    let (peak, _) = rss_kib().unwrap();
    let growth_mib = peak.saturating_sub(rss_before) / 1024;
    eprintln!(
        "streamed {} MiB; peak RSS grew by {growth_mib} MiB",
        SIZE >> 20
    );
    // Buffering the layer would add at least 64 MiB; other tests running in
    // parallel threads account for a few MiB at most.
    assert!(growth_mib < 40, "peak RSS grew by {growth_mib} MiB");
}
