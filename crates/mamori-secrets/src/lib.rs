//! Secret scanning: finds credentials (cloud keys, VCS and CI tokens, SaaS
//! API keys, private keys, JWTs, database URLs with passwords, hard-coded
//! passwords) in file contents and reports them redacted.
//!
//! How it works: every rule names a few keywords; one Aho-Corasick pass over a
//! file finds which keywords occur, and only the rules they enable run their
//! regex. Each match then passes entropy, placeholder and allowlist checks,
//! and overlapping matches are resolved in favour of the most specific rule.
//! Rules are built in (see `docs/secret-rules.md`) or loaded from a
//! gitleaks-format TOML file.
//!
//! This crate does not walk directories, open files, unpack layers, decode
//! base64 blobs or verify secrets against vendor APIs; it never touches the
//! network. Callers ask [`Scanner::wants`] (cheap, no I/O) and hand the bytes
//! to [`Scanner::scan`]. A [`Scanner`] is `Send + Sync`: build one and share it.
//!
//! Key types: [`Scanner`], [`Config`], [`Finding`].
//!
//! ```
//! use mamori_secrets::Scanner;
//! let scanner = Scanner::builtin();
//! let env = b"APP=web\nGITHUB_TOKEN=ghp_fRE5e32A8Yb3FKaNQyyLaMeffOhq4AUvy7VS\n";
//! assert!(scanner.wants("app/.env", env.len() as u64));
//! let found = scanner.scan("app/.env", env);
//! assert_eq!(found[0].rule_id, "github-pat");
//! assert_eq!((found[0].line, found[0].column), (2, 14));
//! assert!(found[0].redacted.starts_with("ghp_*"));
//! ```

mod config;
mod docs;
mod filter;
mod rule;
mod rules;
mod scanner;

pub use config::{
    Config, ConfigError, DEFAULT_FIXTURE_PATHS, DEFAULT_MAX_FILE_SIZE, DEFAULT_SKIP_PATHS,
    MAX_RULES,
};
pub use docs::rules_markdown;
pub use filter::shannon_entropy;
pub use rule::{AllowTarget, Allowlist, Rule, RuleDef, Severity};
pub use scanner::{fingerprint, is_binary, redact, Finding, Scanner};

/// The built-in rule definitions, in priority order.
pub fn builtin_rules() -> Vec<RuleDef> {
    rules::builtin()
}

/// Identifier and version of the scanner for cache keys: bump the version
/// whenever findings for the same input may change.
pub const SCANNER_ID: &str = "mamori-secrets";
/// See [`SCANNER_ID`].
pub const SCANNER_VERSION: u32 = 1;
