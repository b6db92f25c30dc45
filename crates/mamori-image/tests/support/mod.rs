//! Test harness for registry pulls: a real `docker-registry` (CNCF distribution)
//! process on 127.0.0.1, images built in memory and pushed through the
//! Distribution API (POST/PUT uploads), a throwaway CA, and a tiny token issuer
//! that signs ES256 JWTs the registry accepts.
//!
//! Nothing here touches the network beyond 127.0.0.1, and every process or
//! thread started is stopped when its guard drops.

#![allow(dead_code)]

use base64::Engine as _;
use sha2::Digest as _;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

pub const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
pub const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
pub const OCI_CONFIG: &str = "application/vnd.oci.image.config.v1+json";
pub const OCI_LAYER_GZIP: &str = "application/vnd.oci.image.layer.v1.tar+gzip";
pub const OCI_LAYER_TAR: &str = "application/vnd.oci.image.layer.v1.tar";

/// Path of a tool, or `None` (with a skip message) when it is not installed.
pub fn tool(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    let found = std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file());
    if found.is_none() {
        eprintln!("skipping: {name} not found (install the Debian package that provides it)");
    }
    found
}

pub fn sha256(data: &[u8]) -> String {
    format!("sha256:{}", hex::encode(sha2::Sha256::digest(data)))
}

fn free_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    l.local_addr().expect("local addr").port()
}

/// TLS material for the registry, written to files.
pub struct Tls {
    pub ca_pem: PathBuf,
    pub cert_pem: PathBuf,
    pub key_pem: PathBuf,
}

/// Generates a throwaway CA and a server certificate for 127.0.0.1/localhost.
pub fn make_tls(dir: &Path) -> Tls {
    use rcgen::{
        BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, KeyPair,
        SanType,
    };
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "mamori throwaway test CA");
    let ca_key = KeyPair::generate().unwrap();
    let ca = ca_params.self_signed(&ca_key).unwrap();
    let mut srv = CertificateParams::new(vec!["localhost".to_string()]).unwrap();
    srv.subject_alt_names
        .push(SanType::IpAddress(std::net::IpAddr::V4(
            std::net::Ipv4Addr::LOCALHOST,
        )));
    srv.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    srv.distinguished_name.push(DnType::CommonName, "127.0.0.1");
    let srv_key = KeyPair::generate().unwrap();
    let srv_cert = srv.signed_by(&srv_key, &ca, &ca_key).unwrap();
    let tls = Tls {
        ca_pem: dir.join("ca.pem"),
        cert_pem: dir.join("server.pem"),
        key_pem: dir.join("server.key"),
    };
    std::fs::write(&tls.ca_pem, ca.pem()).unwrap();
    std::fs::write(&tls.cert_pem, srv_cert.pem()).unwrap();
    std::fs::write(&tls.key_pem, srv_key.serialize_pem()).unwrap();
    tls
}

/// How the registry authenticates.
pub enum Auth {
    None,
    Htpasswd(PathBuf),
    Token {
        realm: String,
        service: String,
        issuer: String,
        rootcertbundle: PathBuf,
    },
}

/// A running `docker-registry`, killed (by PID) on drop.
pub struct Registry {
    child: Child,
    pub port: u16,
    pub storage: PathBuf,
    log: PathBuf,
}

impl Registry {
    /// Starts a registry on a free 127.0.0.1 port serving `storage`.
    pub fn start(dir: &Path, storage: &Path, tls: Option<&Tls>, auth: &Auth) -> Registry {
        let binary = "/usr/bin/docker-registry";
        let port = free_port();
        let mut yaml = format!(
            "version: 0.1\nlog:\n  level: info\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: {}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:{port}\n  secret: mamori-test-secret\n",
            storage.display()
        );
        if let Some(t) = tls {
            yaml.push_str(&format!(
                "  tls:\n    certificate: {}\n    key: {}\n",
                t.cert_pem.display(),
                t.key_pem.display()
            ));
        }
        match auth {
            Auth::None => {}
            Auth::Htpasswd(p) => yaml.push_str(&format!(
                "auth:\n  htpasswd:\n    realm: mamori-test\n    path: {}\n",
                p.display()
            )),
            Auth::Token {
                realm,
                service,
                issuer,
                rootcertbundle,
            } => yaml.push_str(&format!(
                "auth:\n  token:\n    realm: {realm}\n    service: {service}\n    issuer: {issuer}\n    rootcertbundle: {}\n",
                rootcertbundle.display()
            )),
        }
        let config = dir.join(format!("registry-{port}.yml"));
        std::fs::write(&config, yaml).unwrap();
        let log = dir.join(format!("registry-{port}.log"));
        let child = Command::new(binary)
            .arg("serve")
            .arg(&config)
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(&log).unwrap())
            .stderr(std::fs::File::create(dir.join(format!("registry-{port}.err"))).unwrap())
            .spawn()
            .expect("start docker-registry");
        let reg = Registry {
            child,
            port,
            storage: storage.to_path_buf(),
            log,
        };
        reg.wait_ready(dir);
        reg
    }

    /// Polls until the port accepts connections (bounded, no timing assertion).
    fn wait_ready(&self, dir: &Path) {
        for _ in 0..600 {
            if TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(25));
        }
        let err = std::fs::read_to_string(dir.join(format!("registry-{}.err", self.port)))
            .unwrap_or_default();
        panic!("docker-registry did not start on port {}: {err}", self.port);
    }

    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }
}

impl Drop for Registry {
    fn drop(&mut self) {
        // Child::kill signals exactly this PID.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A blob pushed to a registry.
#[derive(Debug, Clone)]
pub struct Blob {
    pub digest: String,
    pub size: u64,
    pub data: Vec<u8>,
}

impl Blob {
    pub fn new(data: Vec<u8>) -> Blob {
        Blob {
            digest: sha256(&data),
            size: data.len() as u64,
            data,
        }
    }
}

/// A built image: layer, config and manifest, ready to push.
#[derive(Debug, Clone)]
pub struct TestImage {
    pub layer: Blob,
    pub layer_media_type: &'static str,
    pub config: Blob,
    pub manifest: Blob,
}

/// Builds a tar of `files`, optionally gzipped; returns (blob, diff_id).
pub fn layer(files: &[(&str, &[u8])], gzip: bool) -> (Vec<u8>, String) {
    let mut tar = tar::Builder::new(Vec::new());
    for (path, content) in files {
        let mut h = tar::Header::new_gnu();
        h.set_size(content.len() as u64);
        h.set_mode(0o644);
        h.set_mtime(1_700_000_000);
        h.set_entry_type(tar::EntryType::Regular);
        tar.append_data(&mut h, path, *content).unwrap();
    }
    let raw = tar.into_inner().unwrap();
    let diff_id = sha256(&raw);
    if !gzip {
        return (raw, diff_id);
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&raw).unwrap();
    (gz.finish().unwrap(), diff_id)
}

/// An image of one layer holding `files`, for `arch[/variant]`.
pub fn image(arch: &str, variant: Option<&str>, files: &[(&str, &[u8])], gzip: bool) -> TestImage {
    let (layer_bytes, diff_id) = layer(files, gzip);
    let layer = Blob::new(layer_bytes);
    let mut config = serde_json::json!({
        "architecture": arch,
        "os": "linux",
        "created": "2026-01-01T00:00:00Z",
        "config": {"Env": ["PATH=/usr/bin"], "User": "1000"},
        "rootfs": {"type": "layers", "diff_ids": [diff_id]},
        "history": [{"created_by": "mamori test"}]
    });
    if let Some(v) = variant {
        config["variant"] = v.into();
    }
    let config = Blob::new(serde_json::to_vec(&config).unwrap());
    let layer_media_type = if gzip { OCI_LAYER_GZIP } else { OCI_LAYER_TAR };
    let manifest = serde_json::json!({
        "schemaVersion": 2,
        "mediaType": OCI_MANIFEST,
        "config": {"mediaType": OCI_CONFIG, "digest": config.digest, "size": config.size},
        "layers": [{"mediaType": layer_media_type, "digest": layer.digest, "size": layer.size}]
    });
    TestImage {
        layer,
        layer_media_type,
        config,
        manifest: Blob::new(serde_json::to_vec_pretty(&manifest).unwrap()),
    }
}

/// An OCI index over `images` with their platforms.
pub fn index(images: &[(&TestImage, &str, Option<&str>)]) -> Blob {
    let manifests: Vec<serde_json::Value> = images
        .iter()
        .map(|(img, arch, variant)| {
            let mut platform = serde_json::json!({"os": "linux", "architecture": arch});
            if let Some(v) = variant {
                platform["variant"] = (*v).into();
            }
            serde_json::json!({
                "mediaType": OCI_MANIFEST,
                "digest": img.manifest.digest,
                "size": img.manifest.size,
                "platform": platform
            })
        })
        .collect();
    let idx =
        serde_json::json!({"schemaVersion": 2, "mediaType": OCI_INDEX, "manifests": manifests});
    Blob::new(serde_json::to_vec(&idx).unwrap())
}

/// Pushes through the Distribution API to a plain-HTTP registry without auth.
pub struct Pusher {
    agent: ureq::Agent,
    base: String,
}

impl Pusher {
    pub fn new(host: &str) -> Pusher {
        Pusher {
            agent: ureq::Agent::new_with_defaults(),
            base: format!("http://{host}"),
        }
    }

    /// `POST …/blobs/uploads/` then `PUT <location>&digest=…` with the bytes.
    pub fn blob(&self, repo: &str, blob: &Blob) {
        let resp = self
            .agent
            .post(format!("{}/v2/{repo}/blobs/uploads/", self.base))
            .send_empty()
            .expect("start upload");
        let location = resp
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .expect("upload location")
            .to_string();
        let location = if location.starts_with('/') {
            format!("{}{location}", self.base)
        } else {
            location
        };
        let sep = if location.contains('?') { '&' } else { '?' };
        self.agent
            .put(format!("{location}{sep}digest={}", blob.digest))
            .header("Content-Type", "application/octet-stream")
            .send(&blob.data[..])
            .expect("finish upload");
    }

    /// Like [`Pusher::blob`] but streams the body from `reader`, so the test
    /// process never holds a large blob in memory.
    pub fn blob_from_reader(&self, repo: &str, digest: &str, reader: &mut dyn std::io::Read) {
        let resp = self
            .agent
            .post(format!("{}/v2/{repo}/blobs/uploads/", self.base))
            .send_empty()
            .expect("start upload");
        let location = resp
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .expect("upload location")
            .to_string();
        let location = if location.starts_with('/') {
            format!("{}{location}", self.base)
        } else {
            location
        };
        let sep = if location.contains('?') { '&' } else { '?' };
        self.agent
            .put(format!("{location}{sep}digest={digest}"))
            .header("Content-Type", "application/octet-stream")
            .send(ureq::SendBody::from_reader(reader))
            .expect("finish upload");
    }

    pub fn manifest(&self, repo: &str, reference: &str, media_type: &str, blob: &Blob) {
        self.agent
            .put(format!("{}/v2/{repo}/manifests/{reference}", self.base))
            .header("Content-Type", media_type)
            .send(&blob.data[..])
            .expect("put manifest");
    }

    /// Pushes an image's blobs and its manifest under `reference`.
    pub fn image(&self, repo: &str, reference: &str, img: &TestImage) {
        self.blob(repo, &img.layer);
        self.blob(repo, &img.config);
        self.manifest(repo, reference, OCI_MANIFEST, &img.manifest);
    }
}

/// Where the filesystem driver keeps a blob's bytes.
pub fn blob_data_path(storage: &Path, digest: &str) -> PathBuf {
    let hex = digest.trim_start_matches("sha256:");
    storage
        .join("docker/registry/v2/blobs/sha256")
        .join(&hex[..2])
        .join(hex)
        .join("data")
}

/// What the token issuer saw.
#[derive(Debug, Default, Clone)]
pub struct TokenRequest {
    pub scope: Option<String>,
    pub service: Option<String>,
    pub authorization: Option<String>,
}

/// A token service on 127.0.0.1 answering `GET /token?service=…&scope=…` with an
/// ES256 JWT whose `x5c` header carries a self-signed certificate that the
/// registry trusts through `rootcertbundle`. Stopped on drop.
pub struct TokenIssuer {
    pub port: u16,
    pub cert_pem: PathBuf,
    pub requests: Arc<Mutex<Vec<TokenRequest>>>,
    stop: Arc<AtomicBool>,
    handle: Option<std::thread::JoinHandle<()>>,
}

pub const TOKEN_ISSUER: &str = "mamori-test-issuer";
pub const TOKEN_SERVICE: &str = "mamori-test-registry";

impl TokenIssuer {
    /// `required_basic`: when set, only requests with this exact
    /// `Authorization` header get a token; others get 401.
    pub fn start(dir: &Path, required_basic: Option<String>) -> TokenIssuer {
        use rcgen::{CertificateParams, DnType, KeyPair};
        let key = KeyPair::generate().unwrap(); // ECDSA P-256 (ES256)
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params
            .distinguished_name
            .push(DnType::CommonName, "mamori test token signer");
        let cert = params.self_signed(&key).unwrap();
        let cert_pem = dir.join("token-signer.pem");
        std::fs::write(&cert_pem, cert.pem()).unwrap();
        let x5c = base64::engine::general_purpose::STANDARD.encode(cert.der());
        let rng = ring::rand::SystemRandom::new();
        let signer = ring::signature::EcdsaKeyPair::from_pkcs8(
            &ring::signature::ECDSA_P256_SHA256_FIXED_SIGNING,
            &key.serialize_der(),
            &rng,
        )
        .unwrap();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let (stop2, requests2) = (stop.clone(), requests.clone());
        let handle = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let _ = serve_token(stream, &signer, &rng, &x5c, &required_basic, &requests2);
            }
        });
        TokenIssuer {
            port,
            cert_pem,
            requests,
            stop,
            handle: Some(handle),
        }
    }

    pub fn realm(&self) -> String {
        format!("http://127.0.0.1:{}/token", self.port)
    }

    pub fn seen(&self) -> Vec<TokenRequest> {
        self.requests.lock().unwrap().clone()
    }
}

impl Drop for TokenIssuer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so the thread sees the flag and ends.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(if b[i] == b'+' { b' ' } else { b[i] });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn serve_token(
    stream: TcpStream,
    signer: &ring::signature::EcdsaKeyPair,
    rng: &ring::rand::SystemRandom,
    x5c: &str,
    required_basic: &Option<String>,
    requests: &Mutex<Vec<TokenRequest>>,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut authorization = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            if k.eq_ignore_ascii_case("authorization") {
                authorization = Some(v.trim().to_string());
            }
        }
    }
    let target = request_line.split(' ').nth(1).unwrap_or("");
    let query = target.split_once('?').map(|(_, q)| q).unwrap_or("");
    let mut req = TokenRequest {
        authorization: authorization.clone(),
        ..Default::default()
    };
    for pair in query.split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        match k {
            "scope" => req.scope = Some(percent_decode(v)),
            "service" => req.service = Some(percent_decode(v)),
            _ => {}
        }
    }
    requests.lock().unwrap().push(req.clone());
    let mut out = stream;
    if required_basic.is_some() && &authorization != required_basic {
        out.write_all(
            b"HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
        )?;
        return Ok(());
    }
    // Grant exactly what was asked: `repository:NAME:ACTIONS`.
    let access: Vec<serde_json::Value> = req
        .scope
        .iter()
        .filter_map(|s| {
            let (kind, rest) = s.split_once(':')?;
            let (name, actions) = rest.rsplit_once(':')?;
            Some(serde_json::json!({
                "type": kind,
                "name": name,
                "actions": actions.split(',').collect::<Vec<_>>()
            }))
        })
        .collect();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let header = serde_json::json!({"typ": "JWT", "alg": "ES256", "x5c": [x5c]});
    let claims = serde_json::json!({
        "iss": TOKEN_ISSUER,
        "sub": "mamori-test",
        "aud": req.service.clone().unwrap_or_default(),
        "exp": now + 300,
        "nbf": now - 10,
        "iat": now,
        "jti": format!("jti-{now}-{}", requests.lock().unwrap().len()),
        "access": access
    });
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let signing_input = format!(
        "{}.{}",
        b64.encode(serde_json::to_vec(&header).unwrap()),
        b64.encode(serde_json::to_vec(&claims).unwrap())
    );
    let sig = signer
        .sign(rng, signing_input.as_bytes())
        .map_err(|_| std::io::Error::other("sign"))?;
    let jwt = format!("{signing_input}.{}", b64.encode(sig.as_ref()));
    let body = serde_json::json!({"token": jwt, "expires_in": 300}).to_string();
    write!(
        out,
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    Ok(())
}

/// A request as a [`MiniServer`] saw it.
#[derive(Debug, Clone)]
pub struct SeenRequest {
    pub path: String,
    pub authorization: Option<String>,
}

/// A canned answer.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn new(status: u16, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: body.into(),
        }
    }
    pub fn header(mut self, k: &str, v: &str) -> Reply {
        self.headers.push((k.to_string(), v.to_string()));
        self
    }
}

type Handler = dyn Fn(&SeenRequest) -> Reply + Send + Sync;

/// A one-connection-at-a-time HTTP/1.1 server on 127.0.0.1 for behaviours a
/// real registry cannot be made to show (redirects to another host, lying
/// headers). Records every request; stopped on drop.
pub struct MiniServer {
    pub port: u16,
    seen: Arc<Mutex<Vec<SeenRequest>>>,
    stop: Arc<AtomicBool>,
    handle: Option<std::thread::JoinHandle<()>>,
}

impl MiniServer {
    pub fn start(handler: Box<Handler>) -> MiniServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (seen2, stop2) = (seen.clone(), stop.clone());
        let handle = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let _ = serve_one(stream, &*handler, &seen2);
            }
        });
        MiniServer {
            port,
            seen,
            stop,
            handle: Some(handle),
        }
    }

    pub fn seen(&self) -> Vec<SeenRequest> {
        self.seen.lock().unwrap().clone()
    }
}

impl Drop for MiniServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

fn serve_one(
    stream: TcpStream,
    handler: &Handler,
    seen: &Mutex<Vec<SeenRequest>>,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut authorization = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            if k.eq_ignore_ascii_case("authorization") {
                authorization = Some(v.trim().to_string());
            }
        }
    }
    let path = request_line.split(' ').nth(1).unwrap_or("").to_string();
    let req = SeenRequest {
        path,
        authorization,
    };
    seen.lock().unwrap().push(req.clone());
    let reply = handler(&req);
    let mut out = stream;
    let mut head = format!(
        "HTTP/1.1 {} X\r\nContent-Length: {}\r\nConnection: close\r\n",
        reply.status,
        reply.body.len()
    );
    for (k, v) in &reply.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    out.write_all(head.as_bytes())?;
    out.write_all(&reply.body)?;
    Ok(())
}

/// Deterministic pseudo-random bytes (xorshift), `len` of them, generated on
/// the fly; the same stream whatever the read sizes.
pub struct NoiseReader {
    state: u64,
    cur: [u8; 8],
    pos: usize,
    left: u64,
}

impl NoiseReader {
    pub fn new(len: u64) -> NoiseReader {
        NoiseReader {
            state: 0x9E37_79B9_7F4A_7C15,
            cur: [0; 8],
            pos: 8,
            left: len,
        }
    }
}

impl std::io::Read for NoiseReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = (buf.len() as u64).min(self.left) as usize;
        for b in &mut buf[..n] {
            if self.pos == 8 {
                self.state ^= self.state << 13;
                self.state ^= self.state >> 7;
                self.state ^= self.state << 17;
                self.cur = self.state.to_le_bytes();
                self.pos = 0;
            }
            *b = self.cur[self.pos];
            self.pos += 1;
        }
        self.left -= n as u64;
        Ok(n)
    }
}

/// Peak and current resident set size of this process, in KiB (Linux).
pub fn rss_kib() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
    };
    Some((field("VmHWM:")?, field("VmRSS:")?))
}
