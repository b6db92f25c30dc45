//! The rule model: one self-describing unit per kind of secret.
//!
//! Built-in rules are `const` tables of [`RuleDef`] (static strings, no
//! allocation until compiled); rules loaded from a gitleaks configuration are
//! [`Rule`]s with owned strings. Both compile into the same engine form in
//! `crate::engine`. This module only describes rules; it does not match
//! anything.

use serde::Serialize;
use std::fmt;

/// How bad a leaked secret of this kind is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "UPPERCASE")]
pub enum Severity {
    /// Probably harmless alone (e.g. an identifier that needs a second secret).
    Low,
    /// Limited scope or needs context to abuse.
    Medium,
    /// A credential that grants access to a service.
    High,
    /// Broad access to cloud accounts, source code or payments; private keys.
    Critical,
}

impl Severity {
    /// Upper-case name as reports print it.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "LOW",
            Severity::Medium => "MEDIUM",
            Severity::High => "HIGH",
            Severity::Critical => "CRITICAL",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A built-in rule as written in the `rules/<group>.rs` tables.
///
/// `regex` uses the syntax of the `regex` crate and runs over bytes. The
/// `example` is a fabricated line the rule must flag; a unit test checks every
/// example, and the docs generator prints it.
#[derive(Debug, Clone, Copy)]
pub struct RuleDef {
    /// Stable identifier, kebab-case, e.g. `aws-access-key-id`.
    pub id: &'static str,
    /// Short human title, e.g. `AWS access key ID`.
    pub title: &'static str,
    /// Severity of a finding.
    pub severity: Severity,
    /// Lower-case literals, one of which must occur (case-insensitively) in the
    /// file for the regex to run at all. Empty means "always run" and is avoided
    /// in built-ins because it defeats the prefilter.
    pub keywords: &'static [&'static str],
    /// The pattern.
    pub regex: &'static str,
    /// Capture group holding the secret; 0 = the first group that took part in
    /// the match, or the whole match when the regex has no groups.
    pub secret_group: usize,
    /// Minimum Shannon entropy (bits per byte) of the secret, if any.
    pub entropy: Option<f64>,
    /// Whether the secret must contain at least one digit: cheap protection
    /// against words and identifiers for context-based rules.
    pub require_digit: bool,
    /// A generic assignment rule (`password = …`): the value must also pass
    /// the stricter placeholder, identifier and character-class checks, and a
    /// specific rule wins when both match the same text.
    pub generic: bool,
    /// One line for the docs: what the token is and where it comes from.
    pub doc: &'static str,
    /// A fabricated line the rule must flag.
    pub example: &'static str,
}

/// Field defaults for the rule tables (`..DEF`).
pub(crate) const DEF: RuleDef = RuleDef {
    id: "",
    title: "",
    severity: Severity::High,
    keywords: &[],
    regex: "",
    secret_group: 0,
    entropy: None,
    require_digit: false,
    generic: false,
    doc: "",
    example: "",
};

/// Which text an allowlist regex is tested against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AllowTarget {
    /// The extracted secret (gitleaks' default).
    #[default]
    Secret,
    /// The whole regex match.
    Match,
    /// The whole line the match starts on.
    Line,
}

/// An allowlist: conditions under which a would-be finding is dropped.
#[derive(Debug, Clone, Default)]
pub struct Allowlist {
    /// Free-text description, kept for error messages.
    pub description: String,
    /// Regexes over [`Allowlist::regex_target`].
    pub regexes: Vec<String>,
    /// What `regexes` are tested against.
    pub regex_target: AllowTarget,
    /// Regexes over the file path.
    pub paths: Vec<String>,
    /// Substrings that, found in the secret (case-insensitively), drop it.
    pub stopwords: Vec<String>,
    /// When true, every present condition kind must hold (gitleaks `condition = "AND"`);
    /// otherwise any one suffices.
    pub require_all: bool,
    /// For global allowlists: restrict to these rule IDs (empty = all rules).
    pub target_rules: Vec<String>,
}

/// A rule with owned strings: what configuration files produce and what the
/// engine compiles. Built-in [`RuleDef`]s convert into it.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Stable identifier.
    pub id: String,
    /// Human title (gitleaks `description`).
    pub title: String,
    /// Severity of a finding.
    pub severity: Severity,
    /// Prefilter keywords, matched case-insensitively.
    pub keywords: Vec<String>,
    /// Pattern over file content; `None` for path-only rules.
    pub regex: Option<String>,
    /// Pattern over the file path: alone, it flags the file itself; with
    /// `regex`, it restricts the rule to matching paths.
    pub path: Option<String>,
    /// Capture group holding the secret (see [`RuleDef::secret_group`]).
    pub secret_group: usize,
    /// Minimum Shannon entropy of the secret.
    pub entropy: Option<f64>,
    /// Whether the secret must contain a digit.
    pub require_digit: bool,
    /// Generic assignment rule (see [`RuleDef::generic`]).
    pub generic: bool,
    /// Rule-specific allowlists.
    pub allowlists: Vec<Allowlist>,
}

impl From<&RuleDef> for Rule {
    fn from(d: &RuleDef) -> Rule {
        Rule {
            id: d.id.to_string(),
            title: d.title.to_string(),
            severity: d.severity,
            keywords: d.keywords.iter().map(|k| k.to_string()).collect(),
            regex: Some(d.regex.to_string()),
            path: None,
            secret_group: d.secret_group,
            entropy: d.entropy,
            require_digit: d.require_digit,
            generic: d.generic,
            allowlists: Vec::new(),
        }
    }
}
