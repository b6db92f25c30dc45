//! Registry credentials: the `WWW-Authenticate` challenge parser, credentials
//! with redacted `Debug`, and the reader of Docker's `config.json`.
//!
//! This module does no network I/O (the token exchange lives in `client`) and
//! never runs Docker credential helpers (`credsStore` / `credHelpers`): running
//! arbitrary `docker-credential-*` programs from a scanner is a decision for
//! the CLI, not this library. Entries that only name a helper are ignored with a
//! debug log.

use crate::ImageError;
use base64::Engine as _;
use std::path::{Path, PathBuf};

/// The largest `config.json` we read; real ones are a few KiB.
const MAX_DOCKER_CONFIG: u64 = 4 << 20;

/// A user name and password (or token used as a password).
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Credentials {
    /// User name.
    pub username: String,
    /// Password or personal access token.
    pub password: String,
}

impl std::fmt::Debug for Credentials {
    // Credentials end up in `Debug` output of options and errors; never show
    // the secret, and show the user only as present or not.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("username", &"<redacted>")
            .field("password", &"<redacted>")
            .finish()
    }
}

impl Credentials {
    /// The value of an `Authorization: Basic …` header.
    pub(crate) fn basic_header(&self) -> String {
        let raw = format!("{}:{}", self.username, self.password);
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(raw)
        )
    }
}

/// One challenge of a `WWW-Authenticate` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Challenge {
    /// The scheme, lower-cased (`bearer`, `basic`).
    pub scheme: String,
    /// Parameters in order; names lower-cased, values unquoted.
    pub params: Vec<(String, String)>,
}

impl Challenge {
    /// The value of parameter `name` (case-insensitive).
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Parses a `WWW-Authenticate` header value (RFC 7235) into its challenges.
///
/// Values may be quoted strings containing commas and `\"` escapes
/// (`scope="repository:a/b:pull,push"`); one header may carry several
/// challenges (`Basic realm="x", Bearer realm="y"`). Malformed trailing input is
/// dropped rather than rejected: a registry's odd header should still let us try
/// the challenges we understood.
pub(crate) fn parse_challenges(header: &str) -> Vec<Challenge> {
    let mut out: Vec<Challenge> = Vec::new();
    let b = header.as_bytes();
    let mut i = 0;
    let is_tchar = |c: u8| c.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&c);
    let skip_ws = |i: &mut usize| {
        while *i < b.len() && (b[*i] == b' ' || b[*i] == b'\t') {
            *i += 1;
        }
    };
    // Bounds the work on hostile headers: every iteration consumes input.
    while i < b.len() {
        skip_ws(&mut i);
        while i < b.len() && (b[i] == b',' || b[i] == b' ' || b[i] == b'\t') {
            i += 1;
        }
        let start = i;
        while i < b.len() && is_tchar(b[i]) {
            i += 1;
        }
        if i == start {
            // Not a token: skip one byte so the loop always makes progress.
            i += 1;
            continue;
        }
        let token = &header[start..i];
        skip_ws(&mut i);
        if i < b.len() && b[i] == b'=' {
            // An auth-param of the current challenge. A token68 (`Basic dXNlcg==`)
            // lands here too and becomes a junk parameter nobody asks for.
            i += 1;
            skip_ws(&mut i);
            let value = if i < b.len() && b[i] == b'"' {
                i += 1;
                let mut v = String::new();
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' && i + 1 < b.len() {
                        i += 1;
                    }
                    // Copy one UTF-8 character (the header may not be ASCII).
                    let ch_len = utf8_len(b[i]);
                    let end = (i + ch_len).min(b.len());
                    v.push_str(header.get(i..end).unwrap_or(""));
                    i = end;
                }
                i += 1; // closing quote (or past the end)
                v
            } else {
                let vs = i;
                while i < b.len() && b[i] != b',' && b[i] != b' ' && b[i] != b'\t' {
                    i += 1;
                }
                header[vs..i].to_string()
            };
            if let Some(last) = out.last_mut() {
                last.params.push((token.to_ascii_lowercase(), value));
            }
        } else {
            out.push(Challenge {
                scheme: token.to_ascii_lowercase(),
                params: Vec::new(),
            });
        }
        if out.len() > 16 {
            break;
        }
    }
    out
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// Where Docker keeps `config.json`: `explicit` (a file, or a directory holding
/// `config.json`), else `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`.
pub(crate) fn docker_config_path(explicit: Option<&Path>) -> Option<PathBuf> {
    config_path_from(
        explicit,
        std::env::var_os("DOCKER_CONFIG"),
        std::env::var_os("HOME"),
    )
}

/// [`docker_config_path`] with the environment passed in, so tests need not
/// mutate the process environment (racy with other threads).
fn config_path_from(
    explicit: Option<&Path>,
    docker_config: Option<std::ffi::OsString>,
    home: Option<std::ffi::OsString>,
) -> Option<PathBuf> {
    if let Some(p) = explicit {
        return Some(if p.is_dir() {
            p.join("config.json")
        } else {
            p.to_path_buf()
        });
    }
    if let Some(dir) = docker_config.filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir).join("config.json"));
    }
    home.filter(|h| !h.is_empty())
        .map(|h| PathBuf::from(h).join(".docker").join("config.json"))
}

/// Reads the credentials for `registry` from a Docker `config.json`. A missing
/// file is not an error (most machines have none); an unreadable or malformed
/// one is, because silently pulling anonymously would hide the user's mistake.
pub(crate) fn docker_config_credentials(
    path: &Path,
    registry: &str,
) -> Result<Option<Credentials>, ImageError> {
    use std::io::Read;
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(ImageError::io(path, e)),
    };
    let mut raw = Vec::new();
    file.take(MAX_DOCKER_CONFIG + 1)
        .read_to_end(&mut raw)
        .map_err(|e| ImageError::io(path, e))?;
    if raw.len() as u64 > MAX_DOCKER_CONFIG {
        return Err(ImageError::invalid(
            path.display().to_string(),
            format!("larger than {MAX_DOCKER_CONFIG} bytes"),
        ));
    }
    parse_docker_config(&path.display().to_string(), &raw, registry)
}

/// Parses a Docker `config.json` and returns the credentials for `registry`.
pub(crate) fn parse_docker_config(
    context: &str,
    raw: &[u8],
    registry: &str,
) -> Result<Option<Credentials>, ImageError> {
    #[derive(serde::Deserialize)]
    struct Config {
        #[serde(default)]
        auths: std::collections::BTreeMap<String, Entry>,
        #[serde(default, rename = "credHelpers")]
        cred_helpers: std::collections::BTreeMap<String, String>,
        #[serde(default, rename = "credsStore")]
        creds_store: Option<String>,
    }
    #[derive(serde::Deserialize)]
    struct Entry {
        #[serde(default)]
        auth: Option<String>,
        #[serde(default)]
        username: Option<String>,
        #[serde(default)]
        password: Option<String>,
    }
    let config: Config = serde_json::from_slice(raw)
        .map_err(|e| ImageError::invalid(context, format!("invalid JSON: {e}")))?;
    let wanted = registry.to_ascii_lowercase();
    let docker_hub = is_docker_hub(&wanted);
    let key_matches = |key: &str| {
        let host = normalize_config_key(key);
        host == wanted || (docker_hub && is_docker_hub(&host))
    };
    for (key, entry) in &config.auths {
        if !key_matches(key) {
            continue;
        }
        if let Some(auth) = entry.auth.as_deref().filter(|a| !a.is_empty()) {
            let decoded = base64::engine::general_purpose::STANDARD
                .decode(auth.trim())
                .ok()
                .and_then(|d| String::from_utf8(d).ok())
                .ok_or_else(|| {
                    ImageError::invalid(
                        context,
                        format!("auths[{key:?}].auth is not base64 of user:password"),
                    )
                })?;
            let (user, pass) = decoded.split_once(':').ok_or_else(|| {
                ImageError::invalid(
                    context,
                    format!("auths[{key:?}].auth does not decode to user:password"),
                )
            })?;
            return Ok(Some(Credentials {
                username: user.to_string(),
                password: pass.to_string(),
            }));
        }
        if let (Some(u), Some(p)) = (&entry.username, &entry.password) {
            return Ok(Some(Credentials {
                username: u.clone(),
                password: p.clone(),
            }));
        }
    }
    if config.cred_helpers.keys().any(|k| key_matches(k)) || config.creds_store.is_some() {
        tracing::debug!(
            config = context,
            registry,
            "docker credential helpers are not supported; pulling without stored credentials"
        );
    }
    Ok(None)
}

/// `https://index.docker.io/v1/` → `index.docker.io`; `host:port` stays.
fn normalize_config_key(key: &str) -> String {
    let k = key
        .strip_prefix("https://")
        .or_else(|| key.strip_prefix("http://"))
        .unwrap_or(key);
    k.split('/').next().unwrap_or(k).to_ascii_lowercase()
}

fn is_docker_hub(host: &str) -> bool {
    matches!(
        host,
        "docker.io" | "index.docker.io" | "registry-1.docker.io" | "registry.hub.docker.com"
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn bearer_challenge_with_quoted_commas() {
        let h = r#"Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:team/app:pull,push""#;
        let c = parse_challenges(h);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].scheme, "bearer");
        assert_eq!(c[0].param("realm"), Some("https://auth.example.com/token"));
        assert_eq!(c[0].param("service"), Some("registry.example.com"));
        assert_eq!(c[0].param("scope"), Some("repository:team/app:pull,push"));
    }

    #[test]
    fn several_challenges_escapes_and_spaces() {
        let h = r#"Basic realm="Registry \"Realm\"", Bearer  realm = "https://a/t" , error="insufficient_scope",scope=repository:x:pull"#;
        let c = parse_challenges(h);
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!(c[0].scheme, "basic");
        assert_eq!(c[0].param("REALM"), Some(r#"Registry "Realm""#));
        assert_eq!(c[1].scheme, "bearer");
        assert_eq!(c[1].param("realm"), Some("https://a/t"));
        assert_eq!(c[1].param("error"), Some("insufficient_scope"));
        assert_eq!(c[1].param("scope"), Some("repository:x:pull"));
    }

    #[test]
    fn malformed_challenges_do_not_panic() {
        for h in [
            "",
            "Bearer",
            "Bearer realm=\"unterminated",
            "=\"x\"",
            "Bearer realm=\"a\\",
            "Basic dXNlcjpwYXNz==",
            ",,,  ,",
            "Bearer realm=\"é,ü\"",
        ] {
            let _ = parse_challenges(h);
        }
        assert_eq!(
            parse_challenges("Bearer realm=\"é,ü\"")[0].param("realm"),
            Some("é,ü")
        );
        assert_eq!(
            parse_challenges("Bearer realm=\"unterminated")[0].param("realm"),
            Some("unterminated")
        );
    }

    #[test]
    fn docker_config_auth_and_username_password() {
        let raw = br#"{
            "auths": {
                "https://index.docker.io/v1/": {"auth": "aHViOnNlY3JldDpwYXJ0"},
                "127.0.0.1:5000": {"username": "u", "password": "p"},
                "https://ghcr.io": {"auth": ""}
            },
            "credsStore": "desktop"
        }"#;
        let hub = parse_docker_config("c", raw, "registry-1.docker.io")
            .unwrap()
            .unwrap();
        // The password itself may contain ':'.
        assert_eq!(
            (hub.username.as_str(), hub.password.as_str()),
            ("hub", "secret:part")
        );
        let local = parse_docker_config("c", raw, "127.0.0.1:5000")
            .unwrap()
            .unwrap();
        assert_eq!(
            (local.username.as_str(), local.password.as_str()),
            ("u", "p")
        );
        assert_eq!(parse_docker_config("c", raw, "ghcr.io").unwrap(), None);
        assert_eq!(
            parse_docker_config("c", raw, "127.0.0.1:5001").unwrap(),
            None
        );
        assert_eq!(parse_docker_config("c", b"{}", "x").unwrap(), None);
    }

    #[test]
    fn docker_config_errors_name_the_file() {
        let e = parse_docker_config("/h/.docker/config.json", b"{", "x").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("/h/.docker/config.json: invalid JSON"),
            "{e}"
        );
        let e = parse_docker_config("cfg", br#"{"auths":{"x":{"auth":"!!"}}}"#, "x").unwrap_err();
        assert!(e.to_string().contains("not base64"), "{e}");
        let e = parse_docker_config("cfg", br#"{"auths":{"x":{"auth":"bm9jb2xvbg=="}}}"#, "x")
            .unwrap_err();
        assert!(e.to_string().contains("user:password"), "{e}");
        // The message never carries the secret.
        assert!(!e.to_string().contains("nocolon"));
    }

    #[test]
    fn config_path_resolution() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            docker_config_path(Some(dir.path())),
            Some(dir.path().join("config.json"))
        );
        let file = dir.path().join("other.json");
        assert_eq!(docker_config_path(Some(&file)), Some(file.clone()));
        // An explicit path wins over DOCKER_CONFIG, which wins over HOME.
        assert_eq!(
            config_path_from(Some(&file), Some("/dc".into()), Some("/home/u".into())),
            Some(file.clone())
        );
        assert_eq!(
            config_path_from(None, Some("/dc".into()), Some("/home/u".into())),
            Some(PathBuf::from("/dc/config.json"))
        );
        assert_eq!(
            config_path_from(None, Some("".into()), Some("/home/u".into())),
            Some(PathBuf::from("/home/u/.docker/config.json"))
        );
        assert_eq!(config_path_from(None, None, None), None);
        assert_eq!(
            docker_config_credentials(&dir.path().join("missing.json"), "x").unwrap(),
            None
        );
    }

    #[test]
    fn debug_redacts() {
        let c = Credentials {
            username: "alice".into(),
            password: "hunter2".into(),
        };
        let s = format!("{c:?}");
        assert!(!s.contains("alice") && !s.contains("hunter2"), "{s}");
        assert_eq!(c.basic_header(), "Basic YWxpY2U6aHVudGVyMg==");
    }
}
