//! Value checks that turn a regex match into a finding or drop it: Shannon
//! entropy, the built-in allowlist of documented example keys, placeholder
//! detection, and the extra scrutiny generic assignment rules get (code,
//! paths, template variables, non-secret key names).
//!
//! Everything here is a pure function of the matched bytes; nothing looks at
//! other files. The heuristics are deliberately conservative for specific
//! (prefixed) tokens, whose format already makes false positives rare, and
//! strict for generic rules, where most matches are not secrets.

/// Shannon entropy of `data` in bits per byte (0 for empty input).
pub fn shannon_entropy(data: &[u8]) -> f64 {
    if data.is_empty() {
        return 0.0;
    }
    let mut counts = [0u32; 256];
    for &b in data {
        counts[b as usize] += 1;
    }
    let len = data.len() as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / len;
            -p * p.log2()
        })
        .sum()
}

/// Keys that vendors publish in their documentation and that show up verbatim
/// in READMEs, tests and sample configs. Exact matches are never findings.
const DOCUMENTED_EXAMPLES: &[&str] = &[
    // AWS documentation's example access key pair.
    "AKIAIOSFODNN7EXAMPLE",
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    // The Azure storage emulator's well-known devstoreaccount1 key.
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
    // The jwt.io debugger's default token.
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
    // RFC 6749 (OAuth 2.0) example access token, refresh token and client
    // credentials (s6BhdRkqt3:gX1fBat3bV), copied into many OAuth libraries.
    "2YotnFZFEjr1zCsicMWpAA",
    "tGzv3JOkF0XG5Qx2TlKWIA",
    "czZCaGRSa3F0MzpnWDFmQmF0M2JW",
    "gX1fBat3bV",
];

/// Substrings that mark a value as a stand-in rather than a credential, for
/// every rule. Kept to markers that essentially never occur inside random
/// tokens (long runs, template syntax, English words of 5+ letters).
const PLACEHOLDER_MARKERS: &[&str] = &[
    "example",
    "placeholder",
    "xxxxx",
    "xxxx-",
    "-xxxx",
    "redacted",
    "changeme",
    "change_me",
    "change-me",
    "replaceme",
    "replace_me",
    "replace-me",
    "your_",
    "your-",
    "yourtoken",
    "yourkey",
    "yoursecret",
    "yourpassword",
    "dummy",
    "sample",
    "notreal",
    "not_real",
    "not-real",
    "fake_",
    "fake-",
    "insert_",
    "insert-",
    "<",
    ">",
    "${",
    "{{",
    "}}",
    "%(",
    "$(",
    "***",
    "...",
    "•",
    "12345678",
    "23456789",
    "abcdefgh",
    "qwertyui",
    "_here",
    "-here",
    "todo",
    "fixme",
    "secret_key_here",
];

/// Extra markers for generic rules: common words that are placeholders when
/// they *are* the value or make up most of it.
const GENERIC_PLACEHOLDER_WORDS: &[&str] = &[
    "password",
    "passwd",
    "secret",
    "token",
    "test",
    "demo",
    "null",
    "none",
    "true",
    "false",
    "undefined",
    "nil",
    "empty",
    "string",
    "required",
    "optional",
    "default",
    "admin",
    "root",
    "guest",
    "user",
    "username",
    "pass",
    "pwd",
    "foobar",
    "foo",
    "bar",
    "baz",
    "qwerty",
    "letmein",
    "welcome",
    "postgres",
    "mysql",
    "redis",
    "rabbitmq",
    "mongo",
    "apikey",
    "api_key",
    "private",
    "hunter2",
    "s3cr3t",
    "p@ssw0rd",
    "passw0rd",
    "secret123",
    "password123",
    "password1",
    "mypassword",
    "mysecret",
    "supersecret",
    "testing",
    "tests",
    "local",
    "localhost",
    "development",
    "dev",
    "staging",
    "prod",
    "production",
    "value",
    "key",
    "env",
    "environment",
];

/// Key-name fragments that mean "this is not the secret itself".
const NON_SECRET_KEY_PARTS: &[&str] = &[
    "hash",
    "salt",
    "digest",
    "checksum",
    "fingerprint",
    "bypass",
    "compass",
    "passenger",
    "passive",
    "passthrough",
    "passport",
    "tokeniz",
    "public",
    "pubkey",
    "keyboard",
    "keyid",
    "key_id",
    "key-id",
    "keyname",
    "key_name",
    "secretname",
    "secret_name",
    "secretref",
    "secret_ref",
    "secretkeyref",
    "policy",
    "regex",
    "pattern",
    "placeholder",
    "prompt",
    "label",
    "hint",
    "length",
    "strength",
    "expir",
    "timeout",
    "ttl",
    "lifetime",
    "rotation",
    "reset",
    "forgot",
    "validator",
    "validation",
    "encoder",
    "generator",
    "manager",
    "provider",
    "store",
    "field",
    "column",
    "input",
    "widget",
    "form",
    "header",
    "param",
    "selector",
    "mount",
    "template",
    "version",
    "_url",
    "-url",
    ".url",
    "_uri",
    "endpoint",
    "_path",
    "-path",
    "_file",
    "-file",
    "_dir",
    "_type",
    "-type",
    "_name",
    "-name",
    "_env",
    "_arn",
    "_mode",
    "_format",
    "_count",
    "_size",
    "_limit",
    "_prefix",
    "_suffix",
    "_id",
    "_kind",
    "_class",
];

/// Value prefixes that show it is code, a reference or a path, not a literal.
const CODE_PREFIXES: &[&str] = &[
    "$",
    "%",
    "@",
    "&",
    "*",
    "!",
    "#",
    "/",
    "./",
    "../",
    "~/",
    "\\",
    "http://",
    "https://",
    "file:",
    "env.",
    "env:",
    "os.",
    "process.",
    "self.",
    "this.",
    "config.",
    "settings.",
    "secrets.",
    "vault:",
    "arn:",
    "ref+",
    "sops:",
    "enc[",
    "new ",
    "get",
    "read",
    "load",
];

/// File extensions that make a value a file name rather than a secret.
const FILE_SUFFIXES: &[&str] = &[
    ".pem",
    ".key",
    ".crt",
    ".cer",
    ".txt",
    ".json",
    ".yaml",
    ".yml",
    ".env",
    ".p12",
    ".pfx",
    ".jks",
    ".der",
    ".conf",
    ".cfg",
    ".ini",
    ".toml",
    ".xml",
    ".properties",
    ".py",
    ".js",
    ".sh",
    ".rb",
    ".go",
    ".java",
    ".gpg",
    ".asc",
    ".kdbx",
    ".log",
];

/// True when `secret` is a documented example key or contains a placeholder
/// marker, or is too repetitive to be random (fewer than 6 distinct bytes in
/// 16+ characters).
pub fn is_placeholder(secret: &[u8]) -> bool {
    if DOCUMENTED_EXAMPLES.iter().any(|e| e.as_bytes() == secret) {
        return true;
    }
    let lower = secret.to_ascii_lowercase();
    if PLACEHOLDER_MARKERS
        .iter()
        .any(|m| memchr::memmem::find(&lower, m.as_bytes()).is_some())
    {
        return true;
    }
    if secret.len() >= 16 {
        let mut seen = [false; 256];
        let mut distinct = 0;
        for &b in secret {
            if !seen[b as usize] {
                seen[b as usize] = true;
                distinct += 1;
            }
        }
        if distinct < 6 {
            return true;
        }
    }
    false
}

/// Whether a key name (the `key` group of a generic rule) names something
/// other than the secret itself (`password_hash`, `secretName`, `token_url`).
pub fn is_non_secret_key(key: &[u8]) -> bool {
    let lower = key.to_ascii_lowercase();
    NON_SECRET_KEY_PARTS
        .iter()
        .any(|p| memchr::memmem::find(&lower, p.as_bytes()).is_some())
}

/// The stricter checks for values of generic rules. Returns true to drop.
pub fn generic_value_rejected(value: &[u8]) -> bool {
    let lower = value.to_ascii_lowercase();
    let trimmed: &[u8] = trim_punct(&lower);
    if GENERIC_PLACEHOLDER_WORDS
        .iter()
        .any(|w| w.as_bytes() == trimmed)
    {
        return true;
    }
    // A placeholder word with a short decoration: "password1", "test-token".
    let word_cover = GENERIC_PLACEHOLDER_WORDS
        .iter()
        .filter(|w| w.len() >= 4)
        .filter(|w| memchr::memmem::find(&lower, w.as_bytes()).is_some())
        .map(|w| w.len())
        .max()
        .unwrap_or(0);
    if word_cover * 3 >= lower.len() * 2 {
        return true;
    }
    if CODE_PREFIXES
        .iter()
        .any(|p| lower.starts_with(p.as_bytes()))
    {
        return true;
    }
    if FILE_SUFFIXES.iter().any(|s| lower.ends_with(s.as_bytes())) {
        return true;
    }
    if is_dotted_identifier(value) || is_code_like(value) {
        return true;
    }
    // Something secret-like mixes letters with digits or symbols; a bare
    // word or identifier ("disabled", "my_app_key", "AppSecret") does not.
    let has_letter = value.iter().any(u8::is_ascii_alphabetic);
    let has_digit = value.iter().any(u8::is_ascii_digit);
    let has_symbol = value
        .iter()
        .any(|b| !b.is_ascii_alphanumeric() && !matches!(b, b'_' | b'-' | b'.'));
    if !has_letter || !(has_digit || has_symbol) {
        return true;
    }
    // Version strings and dates: "1.2.3-alpine", "2024-01-01".
    if value
        .iter()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'_' | b':' | b'v' | b'T' | b'Z'))
    {
        return true;
    }
    false
}

/// Scoped names and identifiers: `Foo::bar`, `:value`, vim's `s:name`,
/// `V1SecretVolumeSource`, `module$contents$x`. Identifiers change character
/// class (upper, lower, digit, separator) rarely; random tokens change it on
/// about every other character.
fn is_code_like(v: &[u8]) -> bool {
    if v.starts_with(b":") || v.starts_with(b"=") || memchr::memmem::find(v, b"::").is_some() {
        return true;
    }
    if v.len() >= 3 && v[0].is_ascii_lowercase() && v[1] == b':' && v[2].is_ascii_alphabetic() {
        return true;
    }
    if v.len() < 8
        || !v
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$' | b'.'))
    {
        return false;
    }
    let class = |b: u8| match b {
        b'A'..=b'Z' => 0,
        b'a'..=b'z' => 1,
        b'0'..=b'9' => 2,
        _ => 3,
    };
    let changes = v.windows(2).filter(|w| class(w[0]) != class(w[1])).count();
    // A word: four letters of one case in a row.
    let has_word = v
        .windows(4)
        .any(|w| w.iter().all(u8::is_ascii_lowercase) || w.iter().all(u8::is_ascii_uppercase));
    has_word && changes * 10 < v.len() * 4
}

/// `a.b`, `settings.DB_PASSWORD`, `self.token`: attribute access, not a literal.
fn is_dotted_identifier(v: &[u8]) -> bool {
    let mut parts = 0;
    for part in v.split(|&b| b == b'.') {
        let ident = !part.is_empty()
            && (part[0].is_ascii_alphabetic() || part[0] == b'_')
            && part.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'_');
        if !ident {
            return false;
        }
        parts += 1;
    }
    parts >= 2 && !v.iter().any(u8::is_ascii_digit)
}

fn trim_punct(v: &[u8]) -> &[u8] {
    let start = v
        .iter()
        .position(|b| b.is_ascii_alphanumeric())
        .unwrap_or(v.len());
    let end = v
        .iter()
        .rposition(|b| b.is_ascii_alphanumeric())
        .map_or(start, |e| e + 1);
    &v[start..end.max(start)]
}

/// Passwords in URLs that are well-known defaults or repeat the user name.
pub fn url_password_rejected(user: &[u8], password: &[u8]) -> bool {
    if !user.is_empty() && user.eq_ignore_ascii_case(password) {
        return true;
    }
    let lower = password.to_ascii_lowercase();
    if GENERIC_PLACEHOLDER_WORDS
        .iter()
        .any(|w| w.as_bytes() == lower)
    {
        return true;
    }
    CODE_PREFIXES[..3]
        .iter()
        .any(|p| lower.starts_with(p.as_bytes()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests may unwrap
mod tests {
    use super::*;

    #[test]
    fn entropy_of_uniform_and_constant_input() {
        assert_eq!(shannon_entropy(b""), 0.0);
        assert_eq!(shannon_entropy(b"aaaa"), 0.0);
        assert!((shannon_entropy(b"abcd") - 2.0).abs() < 1e-9);
        assert!(shannon_entropy(b"VberACpdclsxHKifxi5CvQUSHL8iLc7b") > 4.0);
    }

    #[test]
    fn placeholders_are_recognised() {
        for p in [
            "AKIAIOSFODNN7EXAMPLE",
            "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "<your-token>",
            "${GITHUB_TOKEN}",
            "{{ .Values.token }}",
            "changeme",
            "sk_live_****************",
        ] {
            assert!(is_placeholder(p.as_bytes()), "{p}");
        }
        assert!(!is_placeholder(b"ghp_fRE5e32A8Yb3FKaNQyyLaMeffOhq4AUvy7VS"));
    }

    #[test]
    fn generic_values_that_are_code_or_words_are_rejected() {
        for v in [
            "password",
            "os.environ",
            "settings.DB_PASSWORD",
            "/run/secrets/db",
            "disabled",
            "my_app_key",
            "password123",
            "2024-01-01",
            "tls.key",
        ] {
            assert!(generic_value_rejected(v.as_bytes()), "{v}");
        }
        for v in [
            "V1SecretVolumeSource",
            "PassManager::run",
            "s:netrw_list",
            "SECRET_MANAGER_V2",
        ] {
            assert!(generic_value_rejected(v.as_bytes()), "{v}");
        }
        for v in [
            "Tr0ub4dor&3x",
            "q7Hk2LmX9vRt4WzB",
            "Summer2024!",
            "a8Fq2Lx9Vz4Rk7Wm3Tp6Yb1N",
        ] {
            assert!(!generic_value_rejected(v.as_bytes()), "{v}");
        }
    }

    #[test]
    fn non_secret_key_names() {
        assert!(is_non_secret_key(b"password_hash"));
        assert!(is_non_secret_key(b"secretName"));
        assert!(is_non_secret_key(b"TOKEN_URL"));
        assert!(!is_non_secret_key(b"DB_PASSWORD"));
        assert!(!is_non_secret_key(b"client_secret"));
    }

    #[test]
    fn url_default_passwords() {
        assert!(url_password_rejected(b"postgres", b"postgres"));
        assert!(url_password_rejected(b"app", b"password"));
        assert!(url_password_rejected(b"app", b"${DB_PASS}"));
        assert!(!url_password_rejected(b"app", b"Rk7vQ2pLx9"));
    }
}
