//! Private keys and signed tokens: PEM private keys (PKCS#1 RSA, SEC1 EC, DSA,
//! OpenSSH, PKCS#8 plain and encrypted), PGP secret key blocks, PuTTY and
//! SSH2 keys, base64-wrapped PEM, age identities and JWTs.
//!
//! A PEM header alone is not a finding: the rule needs at least 40 characters
//! of key material after it, so documentation that merely names the header
//! (or elides the body with `...`) stays quiet. Encrypted keys are still
//! reported — the passphrase is often next to them — but encryption is visible
//! in the rule ID. Public keys and certificates are never secrets.

use crate::rule::{RuleDef, Severity::*, DEF};

/// A PEM block of the given label, followed (possibly after the RFC 1421
/// `Proc-Type`/`DEK-Info` headers) by 40+ base64 characters. Newlines may be
/// real or JSON-escaped (`\n`), as in service-account files.
macro_rules! pem {
    ($label:literal) => {
        concat!(
            r"(-----BEGIN ",
            $label,
            r"-----(?:\\r|\\n|\s)+(?:Proc-Type:[^\n\\]{0,80}(?:\\r|\\n|\s)+DEK-Info:[^\n\\]{0,120}(?:\\r|\\n|\s)+)?[A-Za-z0-9+/=]{40,})"
        )
    };
}

pub(super) const RULES: &[RuleDef] = &[
    RuleDef {
        id: "private-key-rsa",
        title: "RSA private key (PKCS#1)",
        severity: Critical,
        keywords: &["begin rsa private key"],
        regex: pem!("RSA PRIVATE KEY"),
        doc: "PEM `RSA PRIVATE KEY` block, encrypted with legacy PEM headers or not.",
        example: "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA2qSc2mlADxVxz6mMkgGYau5fZ1T436O8zKMmGLvZWqr6hVVX",
        ..DEF
    },
    RuleDef {
        id: "private-key-ec",
        title: "EC private key (SEC1)",
        severity: Critical,
        keywords: &["begin ec private key"],
        regex: pem!("EC PRIVATE KEY"),
        doc: "PEM `EC PRIVATE KEY` block.",
        example: "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIOnHn2INL2io6VOZw5luMu57mnXm4gi4piUfqygB18AIoAoGCCqGSM49",
        ..DEF
    },
    RuleDef {
        id: "private-key-dsa",
        title: "DSA private key",
        severity: Critical,
        keywords: &["begin dsa private key"],
        regex: pem!("DSA PRIVATE KEY"),
        doc: "PEM `DSA PRIVATE KEY` block.",
        example: "-----BEGIN DSA PRIVATE KEY-----\nMIIBuwIBAAKBgQDSc2mlADxVxz6mMkgGYau5fZ1T436O8zKMmGLvZWqr6hVVXk07",
        ..DEF
    },
    RuleDef {
        id: "private-key-openssh",
        title: "OpenSSH private key",
        severity: Critical,
        keywords: &["begin openssh private key"],
        regex: pem!("OPENSSH PRIVATE KEY"),
        doc: "OpenSSH-format private key (`ssh-keygen` default since 7.8).",
        example: "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW",
        ..DEF
    },
    RuleDef {
        id: "private-key-pkcs8",
        title: "Private key (PKCS#8)",
        severity: Critical,
        keywords: &["begin private key"],
        regex: pem!("PRIVATE KEY"),
        doc: "Unencrypted PKCS#8 `PRIVATE KEY` block (any algorithm), also JSON-escaped in GCP key files.",
        example: r#""private_key": "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7Sc2mlADxVxz6mMkg\n""#,
        ..DEF
    },
    RuleDef {
        id: "private-key-pkcs8-encrypted",
        title: "Encrypted private key (PKCS#8)",
        severity: High,
        keywords: &["begin encrypted private key"],
        regex: pem!("ENCRYPTED PRIVATE KEY"),
        doc: "Passphrase-protected PKCS#8 `ENCRYPTED PRIVATE KEY` block.",
        example: "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQI3Sc2mlADxVxz6mMkgGYau5f",
        ..DEF
    },
    RuleDef {
        id: "private-key-pgp",
        title: "PGP private key block",
        severity: Critical,
        keywords: &["begin pgp private key block"],
        regex: r"(-----BEGIN PGP PRIVATE KEY BLOCK-----(?:\\r|\\n|\s)+(?:[A-Za-z]+: [^\n\\]{0,200}(?:\\r|\\n|\s)+){0,8}[A-Za-z0-9+/=]{40,})",
        doc: "ASCII-armoured OpenPGP secret key.",
        example: "-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\n\nlQOYBGRc2mlADxVxz6mMkgGYau5fZ1T436O8zKMmGLvZWqr6hVVXk07zi5v4ISxXBW",
        ..DEF
    },
    RuleDef {
        id: "private-key-putty",
        title: "PuTTY private key",
        severity: Critical,
        keywords: &["putty-user-key-file-"],
        regex: r"(PuTTY-User-Key-File-[23]: [a-z0-9-]+\r?\n(?:[^\n]{0,200}\n){1,40}?Private-Lines: \d+\r?\n[A-Za-z0-9+/=]{40,})",
        doc: "PuTTY `.ppk` private key (the Private-Lines section).",
        example: "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: deploy\nPublic-Lines: 2\nAAAAC3NzaC1lZDI1NTE5\nAAAAIG\nPrivate-Lines: 1\nAAAAIOnHn2INL2io6VOZw5luMu57mnXm4gi4piUfqygB18AI",
        ..DEF
    },
    RuleDef {
        id: "private-key-ssh2-encrypted",
        title: "SSH2 encrypted private key",
        severity: High,
        keywords: &["begin ssh2 encrypted private key"],
        regex: r"(---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----(?:\\r|\\n|\s)+(?:[A-Za-z-]+: [^\n\\]{0,200}(?:\\r|\\n|\s)+){0,8}[A-Za-z0-9+/=]{40,})",
        doc: "SSH.com / Tectia encrypted private key.",
        example: "---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\nComment: \"rsa-key\"\nP2/56wAAA+4AAAA3aWYtbW9kbntzaWdue3JzYS1wa2NzMS1zaGExfSxlbmNyeXB0e3",
        ..DEF
    },
    RuleDef {
        id: "private-key-base64-pem",
        title: "Base64-encoded PEM private key",
        severity: Critical,
        keywords: &["ls0tls1crudjtib"],
        regex: r"\b(LS0tLS1CRUdJTiB(?:QUklWQVRFIEtFWS0t|SU0EgUFJJVkFURSBLRVkt|FQyBQUklWQVRFIEtFWS0t|PUEVOU1NIIFBSSVZBVEUgS0VZLS0t|EU0EgUFJJVkFURSBLRVkt|FTkNSWVBURUQgUFJJVkFURSBLRVkt)[0-9A-Za-z+/=]{40,})",
        doc: "A PEM private key wrapped in base64, as in Kubernetes Secrets and Helm values.",
        example: "tls.key: LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tCk1JSUV2UUlCQURBTkJna3Foa2lHOXcwQkFRRUZBQVND",
        ..DEF
    },
    RuleDef {
        id: "age-secret-key",
        title: "age secret key",
        severity: Critical,
        keywords: &["age-secret-key-1"],
        regex: r"\b(AGE-SECRET-KEY-1[0-9A-Z]{58})\b",
        doc: "age / SOPS X25519 identity (AGE-SECRET-KEY-1 prefix).",
        example: "AGE-SECRET-KEY-1QPK53DU03XNCI5IJ37CAP07JFZ9T41ECOSQH9P03FOXTVNCKZDVL3ZNYYD",
        ..DEF
    },
    RuleDef {
        id: "jwt",
        title: "JSON Web Token",
        severity: Medium,
        keywords: &["eyj"],
        regex: prefixed!(r"eyJ[0-9A-Za-z_-]{10,}\.eyJ[0-9A-Za-z_-]{10,}\.[0-9A-Za-z_-]{16,}"),
        doc: "A signed JWT (header and payload are base64 JSON); often a long-lived API or service-account token.",
        example: "API_TOKEN=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdmMtYmlsbGluZyIsImlhdCI6MTcwMDAwMDAwMH0.B1SFxu9AZB7N85-x-AX1jgJUJcx",
        ..DEF
    },
];
