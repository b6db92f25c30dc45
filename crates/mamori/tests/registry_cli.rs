//! `mamori image docker://…` against a real Debian `docker-registry` on
//! 127.0.0.1: anonymous over plain HTTP (`--insecure`), and htpasswd basic auth
//! over TLS with a throwaway CA (`--username --password-stdin --ca-cert`).
//! The corpus Alpine image is pushed with skopeo. Skips when a tool is missing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use support::*;

struct Registry {
    child: Child,
    port: u16,
}

impl Drop for Registry {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start_registry(dir: &Path, extra: &str) -> Registry {
    let port = free_port();
    let config = format!(
        "version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: {}\nhttp:\n  addr: 127.0.0.1:{port}\n  secret: test\n{extra}",
        dir.join("storage").display()
    );
    let cfg = dir.join("config.yml");
    std::fs::write(&cfg, config).unwrap();
    let mut child = Command::new("docker-registry")
        .arg("serve")
        .arg(&cfg)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    for _ in 0..200 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Registry { child, port };
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("docker-registry did not start");
}

fn skopeo_push(src: &str, dest: &str, extra: &[&str]) {
    let st = Command::new("skopeo")
        .arg("copy")
        .arg("--quiet")
        .args(extra)
        .args([src, dest])
        .status()
        .unwrap();
    assert!(st.success(), "skopeo copy {src} {dest}");
}

fn run_with_stdin(args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mamori"))
        .args(args)
        .env(
            "MAMORI_CACHE_DIR",
            std::env::temp_dir().join("mamori-registry-cli-cache"),
        )
        .env(
            "DOCKER_CONFIG",
            std::env::temp_dir().join("mamori-no-docker-config"),
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn count_apk(out: &std::process::Output) -> usize {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let comps = v["components"].as_array().unwrap();
    comps
        .iter()
        .filter(|c| {
            c["purl"]
                .as_str()
                .is_some_and(|p| p.starts_with("pkg:apk/alpine/"))
        })
        .count()
}

#[test]
fn anonymous_pull_over_http() {
    let Some(corpus) = corpus() else { return };
    if !have("docker-registry") || !have("skopeo") {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let reg = start_registry(tmp.path(), "");
    let dest = format!("docker://127.0.0.1:{}/library/alpine:3.23", reg.port);
    let src = format!("oci:{}:latest", corpus.join("images/alpine-3.23").display());
    skopeo_push(&src, &dest, &["--dest-tls-verify=false"]);
    let target = format!("docker://127.0.0.1:{}/library/alpine:3.23", reg.port);
    let out = run_with_stdin(
        &[
            "image",
            &target,
            "--insecure",
            "--no-cache",
            "-f",
            "cyclonedx",
        ],
        "",
    );
    assert_eq!(count_apk(&out), 59);
    // Without --insecure a plain-HTTP registry is refused with a one-line error.
    let out = run_with_stdin(&["image", &target, "--no-cache"], "");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("127.0.0.1:{}", reg.port)), "{err}");
    // Unknown tag: a clear error naming the repository.
    let out = run_with_stdin(
        &[
            "image",
            &format!("docker://127.0.0.1:{}/library/alpine:nope", reg.port),
            "--insecure",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("MANIFEST_UNKNOWN"));
}

#[test]
fn basic_auth_over_tls_with_password_stdin() {
    let Some(corpus) = corpus() else { return };
    if !have("docker-registry") || !have("skopeo") || !have("openssl") || !have("htpasswd") {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let sh = |cmd: &str| {
        let st = Command::new("sh")
            .arg("-c")
            .arg(cmd)
            .current_dir(d)
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(st.success(), "{cmd}");
    };
    // Throwaway CA and a server certificate for 127.0.0.1.
    sh("openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=mamori-test-ca");
    sh("openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=127.0.0.1");
    std::fs::write(
        d.join("ext.cnf"),
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n",
    )
    .unwrap();
    sh("openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 -extfile ext.cnf");
    sh("htpasswd -Bbn alice s3cret > htpasswd");
    let extra = format!(
        "  tls:\n    certificate: {}\n    key: {}\nauth:\n  htpasswd:\n    realm: test\n    path: {}\n",
        d.join("server.pem").display(),
        d.join("server.key").display(),
        d.join("htpasswd").display()
    );
    let reg = start_registry(d, &extra);
    let ca = d.join("ca.pem");
    let dest = format!("docker://127.0.0.1:{}/team/alpine:3.23", reg.port);
    let src = format!("oci:{}:latest", corpus.join("images/alpine-3.23").display());
    // skopeo reads CA certificates as *.crt from a directory.
    let certs = d.join("certs");
    std::fs::create_dir_all(&certs).unwrap();
    std::fs::copy(&ca, certs.join("ca.crt")).unwrap();
    skopeo_push(
        &src,
        &dest,
        &[
            "--dest-creds",
            "alice:s3cret",
            "--dest-cert-dir",
            certs.to_str().unwrap(),
        ],
    );
    let target = dest.clone();
    let ca_s = ca.to_str().unwrap();
    let out = run_with_stdin(
        &[
            "image",
            &target,
            "--username",
            "alice",
            "--password-stdin",
            "--ca-cert",
            ca_s,
            "--no-cache",
            "-f",
            "cyclonedx",
        ],
        "s3cret\n",
    );
    assert_eq!(count_apk(&out), 59);
    // Wrong password: authentication error, and the password never appears.
    let out = run_with_stdin(
        &[
            "image",
            &target,
            "--username",
            "alice",
            "--password-stdin",
            "--ca-cert",
            ca_s,
        ],
        "wrong-pw\n",
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("authentication") && !err.contains("wrong-pw"),
        "{err}"
    );
    // No CA: TLS verification fails.
    let out = run_with_stdin(
        &["image", &target, "--username", "alice", "--password-stdin"],
        "s3cret\n",
    );
    assert_eq!(out.status.code(), Some(1));
}
