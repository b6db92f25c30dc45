//! gitleaks-format configuration: loading, merging with the built-in rules,
//! allowlists, and the errors users see for bad files.

#![allow(clippy::unwrap_used)] // tests may unwrap

use mamori_secrets::{Config, ConfigError, Scanner};

fn scanner(toml: &str) -> Scanner {
    let config = Config::from_gitleaks_toml("test.toml", toml).unwrap();
    Scanner::with_named_config("test.toml", config).unwrap()
}

fn error(toml: &str) -> String {
    match Config::from_gitleaks_toml("test.toml", toml)
        .and_then(|c| Scanner::with_named_config("test.toml", c))
    {
        Ok(_) => panic!("expected an error"),
        Err(e) => e.to_string(),
    }
}

const CUSTOM: &str = r#"
title = "acme"

[[rules]]
id = "acme-internal-token"
description = "ACME internal token"
regex = '''\b(acme_[0-9a-f]{32})\b'''
keywords = ["acme_"]
entropy = 3.0

[rules.allowlist]
regexes = ['''acme_0{32}''']
stopwords = ["deadbeef"]
"#;

#[test]
fn custom_rule_without_defaults() {
    let s = scanner(CUSTOM);
    assert_eq!(s.rule_count(), 1);
    let found = s.scan("a.env", b"X=1\nTOKEN=acme_8170fbe7d5d5a484814506442b83fe29\nGH=ghp_fRE5e32A8Yb3FKaNQyyLaMeffOhq4AUvy7VS\n");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].rule_id, "acme-internal-token");
    assert_eq!(found[0].title, "ACME internal token");
    assert_eq!((found[0].line, found[0].column), (2, 7));
}

#[test]
fn rule_allowlist_regex_and_stopwords() {
    let s = scanner(CUSTOM);
    assert!(s
        .scan("a", b"acme_00000000000000000000000000000000")
        .is_empty());
    assert!(s
        .scan("a", b"acme_8170fbe7deadbeef814506442b83fe29")
        .is_empty());
}

#[test]
fn extend_use_default_keeps_builtin_rules() {
    let toml = format!("[extend]\nuseDefault = true\n{CUSTOM}");
    let s = scanner(&toml);
    assert!(s.rule_count() > 150);
    let found = s.scan("a.env", b"TOKEN=acme_8170fbe7d5d5a484814506442b83fe29\nGH=ghp_fRE5e32A8Yb3FKaNQyyLaMeffOhq4AUvy7VS\n");
    let ids: Vec<_> = found.iter().map(|f| f.rule_id.as_str()).collect();
    assert_eq!(ids, ["acme-internal-token", "github-pat"]);
}

#[test]
fn extend_disabled_rules_and_override_by_id() {
    let toml = r#"
[extend]
useDefault = true
disabledRules = ["github-pat"]

[[rules]]
id = "stripe-secret-key"
[[rules.allowlists]]
regexTarget = "line"
regexes = ['''nosecret''']
"#;
    let s = scanner(toml);
    assert!(s
        .scan("a", b"GH=ghp_fRE5e32A8Yb3FKaNQyyLaMeffOhq4AUvy7VS")
        .is_empty());
    let stripe = b"K=sk_live_TgadDZFlRJmCGmUXiAPyhzAna";
    assert_eq!(s.scan("a", stripe).len(), 1);
    assert!(s
        .scan("a", b"K=sk_live_TgadDZFlRJmCGmUXiAPyhzAna # nosecret")
        .is_empty());
}

#[test]
fn global_allowlists_paths_and_target_rules() {
    let toml = r#"
[extend]
useDefault = true

[allowlist]
paths = ['''(^|/)vendor/''']

[[allowlists]]
targetRules = ["github-pat"]
regexes = ['''^ghp_fRE5''']
"#;
    let s = scanner(toml);
    assert!(!s.wants("vendor/x/.env", 10));
    assert!(s
        .scan("vendor/x/.env", b"K=sk_live_TgadDZFlRJmCGmUXiAPyhzAna")
        .is_empty());
    assert!(s
        .scan("app/.env", b"GH=ghp_fRE5e32A8Yb3FKaNQyyLaMeffOhq4AUvy7VS")
        .is_empty());
    assert_eq!(
        s.scan("app/.env", b"K=sk_live_TgadDZFlRJmCGmUXiAPyhzAna")
            .len(),
        1
    );
}

#[test]
fn condition_and_requires_every_part() {
    let toml = r#"
[[rules]]
id = "x"
regex = '''tok_[a-z0-9]{12}'''
keywords = ["tok_"]
[rules.allowlist]
condition = "AND"
paths = ['''\.md$''']
regexes = ['''tok_''']
"#;
    let s = scanner(toml);
    assert!(s.scan("README.md", b"tok_abc123def456").is_empty());
    assert_eq!(s.scan("main.go", b"tok_abc123def456").len(), 1);
}

#[test]
fn path_only_rule_flags_the_file() {
    let toml = r#"
[[rules]]
id = "pkcs12-file"
description = "PKCS#12 keystore"
path = '''\.p12$'''
"#;
    let s = scanner(toml);
    let found = s.scan("certs/client.p12", b"\x30\x82\x00binary");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].rule_id, "pkcs12-file");
    assert!(s.scan("certs/client.pem", b"text").is_empty());
}

#[test]
fn rule_path_restricts_content_rule() {
    let toml = r#"
[[rules]]
id = "tf-var"
regex = '''password\s*=\s*"([^"]+)"'''
path = '''\.tf$'''
keywords = ["password"]
"#;
    let s = scanner(toml);
    assert_eq!(s.scan("main.tf", br#"password = "x""#).len(), 1);
    assert!(s.scan("main.py", br#"password = "x""#).is_empty());
}

#[test]
fn secret_group_selects_the_secret() {
    let toml = r#"
[[rules]]
id = "pair"
regex = '''(user)=(\w+):(\w{8,})'''
secretGroup = 3
keywords = ["user="]
"#;
    let s = scanner(toml);
    let f = &s.scan("a", b"  user=bob:Zq8Lm3Xv")[0];
    assert_eq!(f.column, 12);
    assert_eq!(f.redacted, "Zq******");
}

#[test]
fn re2_quote_syntax_is_translated() {
    let toml = r#"
[[rules]]
id = "quoted"
regex = '''\Qa.b*c\E=(\d{6})'''
keywords = ["a.b*c"]
"#;
    let s = scanner(toml);
    assert_eq!(s.scan("f", b"a.b*c=123456").len(), 1);
    assert!(s.scan("f", b"aXbbc=123456").is_empty());
}

#[test]
fn invalid_regex_names_file_and_rule() {
    let msg = error("[[rules]]\nid = \"broken-rule\"\nregex = '''(unclosed'''\n");
    assert!(
        msg.starts_with("test.toml: rule broken-rule: invalid content regex"),
        "{msg}"
    );
    assert!(!msg.contains('\n'), "{msg}");
}

#[test]
fn look_around_is_reported_as_unsupported_regex() {
    let msg = error("[[rules]]\nid = \"lookahead\"\nregex = '''foo(?=bar)'''\n");
    assert!(
        msg.contains("rule lookahead: invalid content regex"),
        "{msg}"
    );
}

#[test]
fn structural_errors() {
    assert_eq!(
        error("[[rules]]\nregex = 'x'\n"),
        "test.toml: rule #1: missing id"
    );
    assert_eq!(
        error("[[rules]]\nid = \"nothing\"\n"),
        "test.toml: rule nothing: needs a regex or a path"
    );
    assert!(
        error("[[rules]]\nid = \"g\"\nregex = 'a(b)'\nsecretGroup = 3\n")
            .contains("rule g: secretGroup 3 but the regex has only 1 capture group(s)")
    );
    assert!(
        error("[[rules]]\nid = \"e\"\nregex = 'a'\nentropy = 12.0\n")
            .contains("invalid entropy 12")
    );
    assert!(error(
        "[[rules]]\nid = \"t\"\nregex = 'a'\n[rules.allowlist]\nregexTarget = \"commit\"\n"
    )
    .contains("rule t: invalid allowlist regexTarget \"commit\""));
    assert!(
        error("[extend]\npath = \"base.toml\"\n").contains("[extend] path/url is not supported")
    );
}

#[test]
fn toml_syntax_error_names_file_and_line() {
    let msg = error("title = \"x\"\n[[rules]\nid = 1\n");
    assert!(msg.starts_with("test.toml:2: "), "{msg}");
}

#[test]
fn wrong_types_are_errors_not_panics() {
    let e = Config::from_gitleaks_toml("t.toml", "[[rules]]\nid = 5\n").unwrap_err();
    assert!(matches!(e, ConfigError::Toml { .. }));
}
