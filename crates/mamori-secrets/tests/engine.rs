//! Engine behaviour through the public API: skipping, positions, overlap
//! resolution, placeholders, fixtures, search windows and input bounds.

#![allow(clippy::unwrap_used)] // tests may unwrap

use mamori_secrets::{Config, Scanner};

const GH: &str = "ghp_fRE5e32A8Yb3FKaNQyyLaMeffOhq4AUvy7VS";

#[test]
fn binary_files_and_oversized_files_are_skipped() {
    let s = Scanner::builtin();
    let mut bin = b"\x7fELF\x00\x01".to_vec();
    bin.extend_from_slice(GH.as_bytes());
    assert!(s.scan("usr/bin/tool", &bin).is_empty());

    let mut c = Config::builtin();
    c.max_file_size = 16;
    let small = Scanner::with_config(c).unwrap();
    assert!(!small.wants("a.env", 100));
    assert!(small.scan("a.env", format!("T={GH}").as_bytes()).is_empty());
    assert!(!s.wants("a.env", 0));
    assert!(!s.wants("img/logo.png", 100));
    assert!(!s.wants("repo/.git/config", 100));
}

#[test]
fn lines_and_columns_are_one_based_across_multiline_files() {
    let s = Scanner::builtin();
    let text = format!("a=1\r\nb=2\n\n    token: {GH}\n");
    let f = &s.scan("x.yaml", text.as_bytes())[0];
    assert_eq!((f.line, f.column), (4, 12));
    assert_eq!(f.path, "x.yaml");
    assert_eq!(f.redacted, format!("ghp_{}", "*".repeat(32)));
    assert_eq!(f.fingerprint.len(), 32);
}

#[test]
fn fingerprint_survives_edits_elsewhere_in_the_file() {
    let s = Scanner::builtin();
    let a = s.scan("x.env", format!("T={GH}\n").as_bytes());
    let b = s.scan("x.env", format!("# moved\n\nT={GH}\n").as_bytes());
    assert_eq!(a[0].fingerprint, b[0].fingerprint);
    assert_ne!(a[0].line, b[0].line);
}

#[test]
fn specific_rule_wins_over_generic_on_the_same_text() {
    let s = Scanner::builtin();
    let found = s.scan("x.env", format!("GITHUB_TOKEN={GH}").as_bytes());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].rule_id, "github-pat");
}

#[test]
fn placeholders_and_documented_examples_are_not_findings() {
    let s = Scanner::builtin();
    for text in [
        "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE",
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "password: changeme",
        "DB_PASSWORD=${DB_PASSWORD}",
        "api_key: \"<your-api-key>\"",
        "password = os.environ[\"DB_PASSWORD\"]",
        "DATABASE_URL=postgres://postgres:postgres@db:5432/app",
        "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----",
        "secretName: billing-db-credentials",
    ] {
        let found = s.scan("app/config", text.as_bytes());
        assert!(found.is_empty(), "{text}: {found:?}");
    }
}

#[test]
fn disabling_the_builtin_allowlist_reports_placeholders() {
    let mut c = Config::builtin();
    c.builtin_allowlist = false;
    let s = Scanner::with_config(c).unwrap();
    assert_eq!(
        s.scan("a", b"AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE").len(),
        1
    );
}

#[test]
fn test_fixtures_are_skipped_by_default_and_scanned_on_request() {
    let text = format!("T={GH}");
    let s = Scanner::builtin();
    assert!(!s.wants("pkg/tests/fixtures/a.env", 10));
    assert!(s
        .scan("pkg/tests/fixtures/a.env", text.as_bytes())
        .is_empty());
    assert!(s.scan("src/auth_test.go", text.as_bytes()).is_empty());
    let mut c = Config::builtin();
    c.fixture_paths.clear();
    let all = Scanner::with_config(c).unwrap();
    assert_eq!(
        all.scan("pkg/tests/fixtures/a.env", text.as_bytes()).len(),
        1
    );
}

#[test]
fn matches_far_from_the_file_start_and_past_the_window_cap_are_found() {
    let s = Scanner::builtin();
    // More keyword hits than get their own window: the rule falls back to
    // searching the whole file, and the real token at the end is still found.
    let mut text = String::new();
    for i in 0..400 {
        text.push_str(&format!("# ghp_ mention {i}\n"));
    }
    text.push_str(&"x".repeat(50_000));
    text.push_str(&format!("\nT={GH}\n"));
    let found = s.scan("big.txt", text.as_bytes());
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].line, 402);
}

#[test]
fn private_key_is_reported_at_its_begin_line() {
    let s = Scanner::builtin();
    let text = "config:\n  key: |\n    -----BEGIN OPENSSH PRIVATE KEY-----\n    b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n    -----END OPENSSH PRIVATE KEY-----\n";
    let f = &s.scan("values.yaml", text.as_bytes())[0];
    assert_eq!(f.rule_id, "private-key-openssh");
    assert_eq!((f.line, f.column), (3, 5));
}

#[test]
fn hostile_input_gives_a_bounded_number_of_findings() {
    let s = Scanner::builtin();
    let line = format!("T={GH}\n");
    let text = line.repeat(5000);
    let found = s.scan("dump.txt", text.as_bytes());
    assert_eq!(found.len(), 1000);
}

#[test]
fn non_utf8_bytes_do_not_break_scanning() {
    let s = Scanner::builtin();
    let mut text = b"caf\xe9 \xff\xfe token ".to_vec();
    text.extend_from_slice(format!("GH={GH}").as_bytes());
    let found = s.scan("latin1.txt", &text);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].column, 18);
}
