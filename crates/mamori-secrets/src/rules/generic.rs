//! Generic assignments: `password = …`, `secret: …`, `api_key=…`, `token=…`,
//! `Authorization:` headers, `curl -u`, `.netrc`.
//!
//! These rules see the most noise, so they are flagged `generic`: the engine
//! also rejects values that look like code (`os.environ[…]`, `self.x`),
//! paths, placeholders, template variables, words without a digit or symbol,
//! hash-like keys (`password_hash`, `secret_name`, …) and low-entropy strings;
//! and any specific rule that matches the same text wins. The key name is the
//! named group `key`.

use crate::rule::{RuleDef, Severity::*, DEF};

/// `<key>` then an assignment operator then an optionally quoted value; the
/// value is group 2 (group 1 is `key`).
macro_rules! assign {
    ($key:literal, $min:literal) => {
        concat!(
            r#"(?i:\b(?P<key>[a-z0-9_.-]{0,40}?"#,
            $key,
            r#"[a-z0-9_.-]{0,20}))["']?\s{0,4}(?::|=|:=|=>|\|\|=)\s{0,4}["'`]?([^\s"'`;,<>()\[\]{}]{"#,
            $min,
            r#",120})(?:[\s"'`;,<>)\]}]|$)"#
        )
    };
}

pub(super) const RULES: &[RuleDef] = &[
    RuleDef {
        id: "generic-password",
        title: "Hard-coded password",
        severity: High,
        keywords: &["pass", "pwd"],
        regex: assign!("(?:password|passwd|passphrase|passwort|pwd|pass)", "6"),
        secret_group: 2,
        entropy: Some(2.5),
        generic: true,
        doc: "A literal value assigned to a password-like name in config, env or code.",
        example: "DB_PASSWORD=\"Tr0ub4dor&3x\"",
        ..DEF
    },
    RuleDef {
        id: "generic-secret",
        title: "Hard-coded secret",
        severity: High,
        keywords: &["secret"],
        regex: assign!("secret", "8"),
        secret_group: 2,
        entropy: Some(3.0),
        generic: true,
        doc: "A literal value assigned to a secret-like name (client_secret, secret_key, APP_SECRET…).",
        example: "client_secret: \"q7Hk2LmX9vRt4WzB\"",
        ..DEF
    },
    RuleDef {
        id: "generic-api-key",
        title: "Hard-coded API key",
        severity: High,
        keywords: &[
            "api_key", "apikey", "api-key", "access_key", "accesskey", "access-key", "auth_key",
            "authkey", "secret_key", "secretkey", "private_key", "privatekey", "client_key",
            "master_key", "signing_key", "encryption_key", "app_key", "appkey", "service_key",
            "api.key",
        ],
        regex: assign!("(?:api|access|auth|secret|private|client|master|signing|encryption|app|service)[_.-]?key", "16"),
        secret_group: 2,
        entropy: Some(3.5),
        generic: true,
        doc: "A high-entropy literal assigned to an api_key/access_key-like name.",
        example: "api_key = \"a8Fq2Lx9Vz4Rk7Wm3Tp6Yb1N\"",
        ..DEF
    },
    RuleDef {
        id: "generic-token",
        title: "Hard-coded token",
        severity: High,
        keywords: &["token"],
        regex: assign!("token", "16"),
        secret_group: 2,
        entropy: Some(3.5),
        generic: true,
        doc: "A high-entropy literal assigned to a token-like name (auth_token, access_token…).",
        example: "AUTH_TOKEN=Zq8Lm3Xv7Rk2Wp9Tb4Nf6Hc1",
        ..DEF
    },
    RuleDef {
        id: "generic-xml-password",
        title: "Password in an XML element",
        severity: High,
        keywords: &["password>", "passwd>", "secret>"],
        regex: r"(?i:<(?P<key>[a-z0-9_.:-]{0,30}(?:password|passwd|secret))>)([^<\s]{6,120})</",
        secret_group: 2,
        entropy: Some(2.5),
        generic: true,
        doc: "`<password>…</password>` in Maven settings.xml, Tomcat users and similar XML.",
        example: "<password>Qm7Xz2Lp9Vr4</password>",
        ..DEF
    },
    RuleDef {
        id: "authorization-bearer",
        title: "Bearer token in an Authorization header",
        severity: High,
        keywords: &["bearer"],
        regex: r#"(?i:authorization["']?\s{0,4}[:=]\s{0,4}["']?bearer\s{1,4})([0-9A-Za-z._~+/=-]{20,})"#,
        entropy: Some(3.5),
        generic: true,
        doc: "A literal `Authorization: Bearer …` header value.",
        example: "curl -H \"Authorization: Bearer a8Fq2Lx9Vz4Rk7Wm3Tp6Yb1NcD\" https://api.internal",
        ..DEF
    },
    RuleDef {
        id: "authorization-basic",
        title: "Basic credentials in an Authorization header",
        severity: High,
        keywords: &["basic"],
        regex: r#"(?i:authorization["']?\s{0,4}[:=]\s{0,4}["']?basic\s{1,4})([A-Za-z0-9+/]{12,}={0,2})"#,
        entropy: Some(3.0),
        generic: true,
        doc: "A literal `Authorization: Basic base64(user:password)` header value.",
        example: "Authorization: Basic ZGVwbG95OlM0bmQtYm94LTk5MSE=",
        ..DEF
    },
    RuleDef {
        id: "curl-user-password",
        title: "Password passed to curl -u",
        severity: High,
        keywords: &["curl"],
        regex: r#"\bcurl\s[^\n]{0,200}?\s(?:-u|--user)\s{1,4}["']?([^\s:"'$]{1,64}:[^\s"'$]{4,128})"#,
        generic: true,
        doc: "`curl -u user:password` in scripts and Dockerfiles.",
        example: "RUN curl -fsSL -u deploy:Wq5Lz8Xr2Kp4 https://repo.internal/pkg.tgz",
        ..DEF
    },
    RuleDef {
        id: "netrc-password",
        title: "Password in a .netrc entry",
        severity: High,
        keywords: &["machine"],
        regex: r"(?i:\bmachine\s+\S+\s+login\s+\S+\s+password\s+)(\S{4,128})",
        generic: true,
        doc: "`machine host login user password secret` in .netrc files.",
        example: "machine api.internal login deploy password Wq5Lz8Xr2Kp4",
        ..DEF
    },
];
