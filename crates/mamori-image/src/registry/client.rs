//! The HTTP side of registry access: one blocking `ureq` agent per image, the
//! scheme probe, the `401` → challenge → credentials/token → retry-once dance,
//! and turning registry error bodies into one-line errors.
//!
//! It does not know manifests or layers (see the parent module) and does not
//! resume interrupted downloads. Redirects (to blob storage) are followed by
//! `ureq`, which drops the `Authorization` header whenever the redirect leaves
//! the host or plain HTTPS, so registry credentials never reach a CDN.

use super::auth::{parse_challenges, Challenge, Credentials};
use super::RegistryOptions;
use crate::{ImageError, RegistryRef};
use std::io::Read;
use std::sync::Mutex;
use std::time::Duration;
use ureq::http::Response;
use ureq::tls::{Certificate, PemItem, RootCerts, TlsConfig};
use ureq::Body;

/// Media types we accept for manifests, images first, then indexes.
pub(crate) const MANIFEST_ACCEPT: &str = "application/vnd.oci.image.manifest.v1+json, \
application/vnd.docker.distribution.manifest.v2+json, \
application/vnd.oci.image.index.v1+json, \
application/vnd.docker.distribution.manifest.list.v2+json";

/// The largest error body or token response we read.
const MAX_SMALL_BODY: u64 = 1 << 20;
/// The largest CA bundle we read.
const MAX_CA_FILE: u64 = 8 << 20;

/// A connection to one repository of one registry.
pub(crate) struct Client {
    agent: ureq::Agent,
    /// `host[:port]`, for messages.
    registry: String,
    repository: String,
    /// `https://host[:port]` or `http://host[:port]`.
    base: String,
    insecure: bool,
    creds: Option<Credentials>,
    /// The `Authorization` value that last worked (or that we were told to use).
    auth: Mutex<Option<String>>,
}

impl Client {
    /// Builds the agent, finds the scheme that works (`https`, or `http` when
    /// `insecure` allows it) and resolves credentials.
    pub(crate) fn connect(
        r: &RegistryRef,
        options: &RegistryOptions,
        creds: Option<Credentials>,
    ) -> Result<Client, ImageError> {
        let reg_err = |m: String| ImageError::Registry {
            registry: r.registry.clone(),
            message: m,
        };
        let mut tls = TlsConfig::builder()
            // Verification is skipped only for registries the user marked
            // insecure, as `docker`/`skopeo --tls-verify=false` do.
            .disable_verification(options.insecure);
        if let Some(path) = &options.ca_cert {
            let extra = read_ca_bundle(path)?;
            // `ca_cert` adds to the public roots rather than replacing them, so a
            // corporate CA does not break pulls from public registries.
            let mut roots: Vec<Certificate<'static>> = webpki_root_certs::TLS_SERVER_ROOT_CERTS
                .iter()
                .map(|c| Certificate::from_der(c.as_ref()).to_owned())
                .collect();
            roots.extend(extra);
            tls = tls.root_certs(RootCerts::from(roots));
        }
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .https_only(!options.insecure)
            .max_redirects(10)
            .redirect_auth_headers(ureq::config::RedirectAuthHeaders::SameHost)
            .timeout_connect(Some(Duration::from_secs(30)))
            .timeout_recv_response(Some(Duration::from_secs(120)))
            .timeout_per_read(Some(Duration::from_secs(120)))
            .user_agent(concat!("mamori/", env!("CARGO_PKG_VERSION")))
            // Content-Encoding must not be undone behind our back: digests are
            // over the bytes as stored.
            .accept_encoding("identity")
            .tls_config(tls.build())
            .build();
        let agent: ureq::Agent = config.into();
        let mut client = Client {
            agent,
            registry: r.registry.clone(),
            repository: r.repository.clone(),
            base: format!("https://{}", r.registry),
            insecure: options.insecure,
            creds,
            auth: Mutex::new(None),
        };
        // Probe `/v2/`: it tells us the scheme works and surfaces TLS and
        // connection problems before any manifest logic.
        let probe = |base: &str| client.agent.get(format!("{base}/v2/")).call();
        let resp = match probe(&client.base) {
            Ok(resp) => resp,
            Err(https_err) if options.insecure => {
                let http = format!("http://{}", r.registry);
                match probe(&http) {
                    Ok(resp) => {
                        tracing::debug!(registry = r.registry, "using plain HTTP");
                        client.base = http;
                        resp
                    }
                    Err(e) => {
                        return Err(reg_err(format!(
                            "cannot connect over https ({https_err}) nor http ({e})"
                        )))
                    }
                }
            }
            Err(e) => {
                let text = e.to_string();
                // rustls reports a plain-HTTP answer as a corrupt record and an
                // untrusted chain as UnknownIssuer; say what to do about each.
                let hint = if text.contains("InvalidContentType")
                    || text.contains("corrupt message")
                {
                    " (the registry may speak plain HTTP; allow that with the insecure option)"
                } else if text.contains("UnknownIssuer") {
                    " (the certificate is not from a trusted CA; add the CA with the ca_cert option)"
                } else {
                    ""
                };
                return Err(reg_err(format!(
                    "cannot connect to {}/v2/: {text}{hint}",
                    client.base
                )));
            }
        };
        if resp.status() == 401 && client.creds.is_some() {
            // A Basic realm can take credentials straight away, saving a 401 per
            // request; Bearer needs the per-repository scope from a real request.
            let challenges = challenges_of(&resp);
            if challenges.iter().any(|c| c.scheme == "basic")
                && !challenges.iter().any(|c| c.scheme == "bearer")
            {
                let header = client.creds.as_ref().map(Credentials::basic_header);
                client.set_auth(header);
            }
        }
        Ok(client)
    }

    /// An error naming the registry and repository.
    pub(crate) fn error(&self, message: impl std::fmt::Display) -> ImageError {
        ImageError::Registry {
            registry: self.registry.clone(),
            message: format!("{}: {message}", self.repository),
        }
    }

    fn current_auth(&self) -> Option<String> {
        self.auth.lock().map(|a| a.clone()).unwrap_or_default()
    }

    fn set_auth(&self, value: Option<String>) {
        if let Ok(mut a) = self.auth.lock() {
            *a = value;
        }
    }

    fn send(
        &self,
        url: &str,
        accept: Option<&str>,
        auth: Option<&str>,
        what: &str,
    ) -> Result<Response<Body>, ImageError> {
        let mut req = self.agent.get(url);
        if let Some(a) = accept {
            req = req.header("Accept", a);
        }
        if let Some(a) = auth {
            req = req.header("Authorization", a);
        }
        req.call()
            .map_err(|e| self.error(format!("{what}: request failed: {e}")))
    }

    /// `GET /v2/<repository>/<path>`, authenticating on a `401` and retrying
    /// once; any non-2xx answer after that becomes an error naming `what`.
    pub(crate) fn get(
        &self,
        what: &str,
        path: &str,
        accept: Option<&str>,
    ) -> Result<Response<Body>, ImageError> {
        let url = format!("{}/v2/{}/{}", self.base, self.repository, path);
        let before = self.current_auth();
        let resp = self.send(&url, accept, before.as_deref(), what)?;
        if resp.status() != 401 {
            return self.check(what, resp);
        }
        let challenges = challenges_of(&resp);
        drop(resp);
        let header = self.authorize(&challenges, before.as_deref())?;
        self.set_auth(Some(header.clone()));
        let resp = self.send(&url, accept, Some(&header), what)?;
        if resp.status() == 401 {
            return Err(self.auth_failed());
        }
        self.check(what, resp)
    }

    fn auth_failed(&self) -> ImageError {
        ImageError::Registry {
            registry: self.registry.clone(),
            message: format!("authentication failed for {}", self.repository),
        }
    }

    /// Answers a challenge: a bearer token from the realm, or basic credentials.
    fn authorize(
        &self,
        challenges: &[Challenge],
        previous: Option<&str>,
    ) -> Result<String, ImageError> {
        if let Some(bearer) = challenges.iter().find(|c| c.scheme == "bearer") {
            let token = self.fetch_token(bearer)?;
            return Ok(format!("Bearer {token}"));
        }
        if challenges.iter().any(|c| c.scheme == "basic") {
            let Some(creds) = &self.creds else {
                return Err(ImageError::Registry {
                    registry: self.registry.clone(),
                    message: format!(
                        "authentication required for {} and no credentials are configured",
                        self.repository
                    ),
                });
            };
            let header = creds.basic_header();
            if previous == Some(header.as_str()) {
                return Err(self.auth_failed());
            }
            return Ok(header);
        }
        let schemes: Vec<&str> = challenges.iter().map(|c| c.scheme.as_str()).collect();
        Err(self.error(if schemes.is_empty() {
            "401 unauthorized without a WWW-Authenticate challenge".to_string()
        } else {
            format!(
                "unsupported authentication scheme {}",
                clean(&schemes.join(", "))
            )
        }))
    }

    /// Runs the token flow of the distribution spec: `GET realm?service=…&scope=…`
    /// (with basic credentials when we have them) → `token` / `access_token`.
    fn fetch_token(&self, challenge: &Challenge) -> Result<String, ImageError> {
        let realm = challenge
            .param("realm")
            .ok_or_else(|| self.error("bearer challenge without a realm"))?;
        let plain = realm.starts_with("http://");
        if !(realm.starts_with("https://") || (plain && self.insecure)) {
            return Err(self.error(format!(
                "token realm {:?} is not https; refusing it (the registry is not marked insecure)",
                clean(realm)
            )));
        }
        let default_scope = format!("repository:{}:pull", self.repository);
        let scope = challenge.param("scope").unwrap_or(&default_scope);
        let mut req = self.agent.get(realm).query("scope", scope);
        if let Some(service) = challenge.param("service") {
            req = req.query("service", service);
        }
        if let Some(c) = &self.creds {
            req = req.header("Authorization", c.basic_header());
        }
        let resp = req
            .call()
            .map_err(|e| self.error(format!("token request to {}: {e}", clean(realm))))?;
        let status = resp.status();
        if status == 401 || status == 403 {
            return Err(self.auth_failed());
        }
        if !status.is_success() {
            return Err(self.status_error(&format!("token request to {}", clean(realm)), resp));
        }
        let body = read_capped(resp)
            .map_err(|e| self.error(format!("token response from {}: {e}", clean(realm))))?;
        #[derive(serde::Deserialize)]
        struct TokenResponse {
            #[serde(default)]
            token: Option<String>,
            #[serde(default)]
            access_token: Option<String>,
        }
        let parsed: TokenResponse = serde_json::from_slice(&body).map_err(|e| {
            self.error(format!(
                "token response from {} is not JSON: {e}",
                clean(realm)
            ))
        })?;
        let token = parsed
            .token
            .filter(|t| !t.is_empty())
            .or(parsed.access_token.filter(|t| !t.is_empty()))
            .ok_or_else(|| {
                self.error(format!("token response from {} has no token", clean(realm)))
            })?;
        if token.chars().any(|c| c.is_control() || c == ' ') {
            return Err(self.error("the token service returned a malformed token"));
        }
        Ok(token)
    }

    fn check(&self, what: &str, resp: Response<Body>) -> Result<Response<Body>, ImageError> {
        if resp.status().is_success() {
            Ok(resp)
        } else {
            Err(self.status_error(what, resp))
        }
    }

    /// `REPO: WHAT: 404 Not Found: MANIFEST_UNKNOWN: manifest unknown`.
    fn status_error(&self, what: &str, resp: Response<Body>) -> ImageError {
        let status = resp.status();
        let mut msg = format!(
            "{what}: {} {}",
            status.as_u16(),
            status.canonical_reason().unwrap_or("")
        );
        if status == 403 {
            msg.push_str(" (access denied)");
        }
        if let Ok(body) = read_capped(resp) {
            #[derive(serde::Deserialize)]
            struct Errors {
                #[serde(default)]
                errors: Vec<RegistryError>,
            }
            #[derive(serde::Deserialize)]
            struct RegistryError {
                #[serde(default)]
                code: String,
                #[serde(default)]
                message: String,
            }
            if let Ok(errs) = serde_json::from_slice::<Errors>(&body) {
                for e in errs.errors.iter().take(3) {
                    msg.push_str(&format!(": {}: {}", clean(&e.code), clean(&e.message)));
                }
            }
        }
        self.error(msg.trim_end())
    }
}

fn challenges_of(resp: &Response<Body>) -> Vec<Challenge> {
    resp.headers()
        .get_all("www-authenticate")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(parse_challenges)
        .collect()
}

/// Reads a small response body, refusing more than [`MAX_SMALL_BODY`].
fn read_capped(resp: Response<Body>) -> std::io::Result<Vec<u8>> {
    let mut body = Vec::new();
    resp.into_body()
        .into_reader()
        .take(MAX_SMALL_BODY + 1)
        .read_to_end(&mut body)?;
    if body.len() as u64 > MAX_SMALL_BODY {
        return Err(std::io::Error::other(format!(
            "larger than {MAX_SMALL_BODY} bytes"
        )));
    }
    Ok(body)
}

/// Makes text from a server fit in a one-line message: control characters
/// become spaces and the length is capped.
pub(crate) fn clean(s: &str) -> String {
    let mut out: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(300)
        .collect();
    if s.chars().count() > 300 {
        out.push('…');
    }
    out
}

fn read_ca_bundle(path: &std::path::Path) -> Result<Vec<Certificate<'static>>, ImageError> {
    let file = std::fs::File::open(path).map_err(|e| ImageError::io(path, e))?;
    let mut pem = Vec::new();
    file.take(MAX_CA_FILE + 1)
        .read_to_end(&mut pem)
        .map_err(|e| ImageError::io(path, e))?;
    let ctx = || format!("CA bundle {}", path.display());
    if pem.len() as u64 > MAX_CA_FILE {
        return Err(ImageError::invalid(
            ctx(),
            format!("larger than {MAX_CA_FILE} bytes"),
        ));
    }
    let mut certs = Vec::new();
    for item in ureq::tls::parse_pem(&pem) {
        match item {
            Ok(PemItem::Certificate(c)) => certs.push(c),
            Ok(_) => {}
            Err(e) => return Err(ImageError::invalid(ctx(), format!("invalid PEM: {e}"))),
        }
    }
    if certs.is_empty() {
        return Err(ImageError::invalid(ctx(), "no PEM certificates"));
    }
    Ok(certs)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn clean_makes_one_line() {
        assert_eq!(clean("a\nb\tc"), "a b c");
        let long = "x".repeat(400);
        assert_eq!(clean(&long).chars().count(), 301);
    }

    #[test]
    fn ca_bundle_errors_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("ca.pem");
        std::fs::write(&p, "not a certificate\n").unwrap();
        let e = read_ca_bundle(&p).unwrap_err().to_string();
        assert!(
            e.contains("ca.pem") && e.contains("no PEM certificates"),
            "{e}"
        );
        let e = read_ca_bundle(&dir.path().join("missing.pem"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("missing.pem"), "{e}");
    }
}
