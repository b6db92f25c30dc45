//! The built-in rule tables, one file per group of services.
//!
//! Each rule is a [`RuleDef`] literal: the regex is written from the token
//! format the vendor documents, the keywords feed the Aho-Corasick prefilter,
//! and the `example` line is checked by a unit test and printed in
//! `docs/secret-rules.md`. Tables hold no logic; matching lives in
//! `crate::engine`.
//!
//! Regexes are compiled with Unicode disabled (so `\b`, `\w` and `\s` are ASCII,
//! as in Go's RE2, and the lazy DFA never has to give up on non-ASCII input).

use crate::rule::RuleDef;

/// The shape most "vendor name near an assignment" rules share:
/// `<vendor>…<key word>…` then `=`/`:` then the value, with the key part
/// case-insensitive and the value class exact. The value is group 1.
macro_rules! ctx {
    ($vendor:literal, $key:literal, $val:literal) => {
        concat!(
            "(?i:",
            $vendor,
            r"[a-z0-9_ .-]{0,20}?",
            $key,
            r"[a-z0-9_.-]{0,10})",
            r#"["']?\s{0,4}(?::|=|:=|=>)\s{0,4}["']?("#,
            $val,
            r#")(?:[^0-9A-Za-z_+/=-]|$)"#
        )
    };
}

/// A token with a distinctive prefix: word boundary before it, and no token
/// character right after it (the value is group 1).
macro_rules! prefixed {
    ($re:literal) => {
        concat!(r"\b(", $re, r")(?:[^0-9A-Za-z_-]|$)")
    };
}

mod ai;
mod chat;
mod cloud;
mod db;
mod generic;
mod keys;
mod payment;
mod saas;
mod vcs;

/// Every built-in rule, in a fixed order (specific services first, generic
/// assignment rules last).
pub fn builtin() -> Vec<RuleDef> {
    let mut v = Vec::new();
    for group in [
        cloud::RULES,
        vcs::RULES,
        chat::RULES,
        payment::RULES,
        saas::RULES,
        ai::RULES,
        keys::RULES,
        db::RULES,
        generic::RULES,
    ] {
        v.extend_from_slice(group);
    }
    v
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests may unwrap
mod tests {
    use super::*;
    use crate::{Config, Scanner};
    use std::collections::HashSet;

    #[test]
    fn at_least_150_rules_with_unique_kebab_case_ids() {
        let all = builtin();
        assert!(all.len() >= 150, "only {} rules", all.len());
        let mut seen = HashSet::new();
        for r in &all {
            assert!(seen.insert(r.id), "duplicate rule id {}", r.id);
            assert!(
                r.id.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "rule id {} is not kebab-case",
                r.id
            );
            assert!(
                !r.title.is_empty() && !r.doc.is_empty(),
                "{} lacks docs",
                r.id
            );
            assert!(!r.keywords.is_empty(), "{} has no keywords", r.id);
            for k in r.keywords {
                assert_eq!(
                    *k,
                    k.to_ascii_lowercase(),
                    "{}: keyword {k} not lower-case",
                    r.id
                );
            }
        }
    }

    #[test]
    fn builtin_rules_compile() {
        Scanner::with_config(Config::builtin()).unwrap();
    }

    /// Every rule flags its own documented example, and the finding carries
    /// that rule's ID (not a more generic rule's).
    #[test]
    fn every_rule_flags_its_example() {
        let scanner = Scanner::with_config(Config::builtin()).unwrap();
        let mut failures = Vec::new();
        for r in builtin() {
            let lower = r.example.to_ascii_lowercase();
            if !r.keywords.iter().any(|k| lower.contains(k)) {
                failures.push(format!("{}: example contains none of the keywords", r.id));
                continue;
            }
            let found = scanner.scan("app/config.txt", r.example.as_bytes());
            if !found.iter().any(|f| f.rule_id == r.id) {
                failures.push(format!(
                    "{}: not flagged (got {:?})",
                    r.id,
                    found.iter().map(|f| &f.rule_id).collect::<Vec<_>>()
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
