//! Scanner configuration: the rule set, allowlists, size limit and skipped
//! paths, built from the built-in tables or loaded from a gitleaks-format TOML
//! file (`[[rules]]`, `[rules.allowlist]`, `[[rules.allowlists]]`, top-level
//! `[allowlist]`/`[[allowlists]]`, `[extend] useDefault`/`disabledRules`).
//!
//! Loading validates structure (ids present, a regex or a path per rule,
//! known enum values) but does not compile regexes; [`crate::Scanner::with_config`]
//! compiles them and reports the rule ID of any that fail. This module does not
//! read files: callers pass the text and a name for error messages, so
//! `[extend] path`/`url` (which would need I/O) are reported as unsupported.

use crate::rule::{AllowTarget, Allowlist, Rule, Severity};
use serde::Deserialize;

/// Default largest file scanned, in bytes. Secrets live in config and source
/// files; multi-megabyte files are data, and scanning them costs time.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 << 20;

/// Upper bound on rules accepted from a configuration file: keeps hostile
/// configs from exhausting memory at compile time.
pub const MAX_RULES: usize = 2000;

/// Default regexes over paths of test fixtures, documentation and examples,
/// whose "secrets" are nearly always fabricated. Replace or clear
/// [`Config::fixture_paths`] to scan them.
pub const DEFAULT_FIXTURE_PATHS: &[&str] = &[
    r"(?i)(?:^|/)(?:test|tests|testdata|test-data|test_data|__tests__|__mocks__|fixtures?|spec|specs|mocks?|examples?|samples?)/",
    r"(?i)(?:^|/)usr/share/(?:doc|man|info|locale)/",
    r"(?i)(?:^|/)[^/]*(?:_test\.go|\.test\.[jt]sx?|\.spec\.[jt]sx?|_spec\.rb|_test\.py)$",
];

/// Default regexes over paths that never hold secrets worth reporting:
/// VCS internals, lockfiles and checksum files full of hashes, and binary or
/// media formats by extension.
pub const DEFAULT_SKIP_PATHS: &[&str] = &[
    r"(?:^|/)\.git/",
    r"(?:^|/)(?:package-lock\.json|yarn\.lock|pnpm-lock\.yaml|go\.sum|Cargo\.lock|poetry\.lock|composer\.lock|Gemfile\.lock|Pipfile\.lock)$",
    r"(?i)\.(?:png|jpe?g|gif|bmp|ico|webp|tiff?|pdf|zip|gz|tgz|bz2|xz|zst|7z|rar|jar|war|ear|class|so|so\.[0-9.]+|dylib|dll|exe|o|a|pyc|pyo|whl|woff2?|ttf|otf|eot|mp3|mp4|avi|mov|wav|flac|ogg|webm|deb|rpm|apk|iso|img|psd|mo|gmo)$",
];

/// Everything a [`crate::Scanner`] is built from.
#[derive(Debug, Clone)]
pub struct Config {
    /// The rules, in priority order (earlier wins when two match the same text).
    pub rules: Vec<Rule>,
    /// Allowlists that apply to all rules (or to their `target_rules`).
    pub allowlists: Vec<Allowlist>,
    /// Files larger than this are not scanned.
    pub max_file_size: u64,
    /// Drop documented example keys and placeholders (`xxxx`, `<your-token>`,
    /// `${VAR}`, `changeme`…). On by default.
    pub builtin_allowlist: bool,
    /// Path regexes of test fixtures/docs to skip (see [`DEFAULT_FIXTURE_PATHS`]).
    pub fixture_paths: Vec<String>,
    /// Path regexes never scanned (see [`DEFAULT_SKIP_PATHS`]).
    pub skip_paths: Vec<String>,
}

impl Config {
    /// The built-in rules with default limits and allowlists.
    pub fn builtin() -> Config {
        Config {
            rules: crate::rules::builtin().iter().map(Rule::from).collect(),
            allowlists: Vec::new(),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            builtin_allowlist: true,
            fixture_paths: DEFAULT_FIXTURE_PATHS
                .iter()
                .map(|s| s.to_string())
                .collect(),
            skip_paths: DEFAULT_SKIP_PATHS.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// Parse a gitleaks-format TOML configuration. `name` (usually the file
    /// path) is used in error messages only. With `[extend] useDefault = true`
    /// the built-in rules come first and rules of the same ID are merged
    /// (fields set in the file win, allowlists and keywords are added);
    /// without it, only the file's rules are used.
    pub fn from_gitleaks_toml(name: &str, text: &str) -> Result<Config, ConfigError> {
        let file: GlFile = toml::from_str(text).map_err(|e| ConfigError::Toml {
            file: name.to_string(),
            message: e.message().to_string(),
            line: line_of(text, e.span().map(|s| s.start)),
        })?;
        let mut config = Config::builtin();
        let extend = file.extend.unwrap_or_default();
        if extend.path.is_some() || extend.url.is_some() {
            return Err(ConfigError::Invalid {
                file: name.to_string(),
                message:
                    "[extend] path/url is not supported; merge the files or use useDefault = true"
                        .to_string(),
            });
        }
        if !extend.use_default {
            config.rules.clear();
        }
        if file.rules.len() > MAX_RULES {
            return Err(ConfigError::Invalid {
                file: name.to_string(),
                message: format!(
                    "{} rules is more than the limit of {MAX_RULES}",
                    file.rules.len()
                ),
            });
        }
        for (i, r) in file.rules.into_iter().enumerate() {
            let rule = convert_rule(name, i, r)?;
            if let Some(existing) = config.rules.iter_mut().find(|e| e.id == rule.id) {
                merge_rule(existing, rule);
            } else if rule.regex.is_none() && rule.path.is_none() {
                // Only a rule that amends a built-in one may omit both.
                return Err(ConfigError::Rule {
                    file: name.to_string(),
                    rule: rule.id,
                    message: "needs a regex or a path".to_string(),
                });
            } else {
                config.rules.push(rule);
            }
        }
        if !extend.disabled_rules.is_empty() {
            config
                .rules
                .retain(|r| !extend.disabled_rules.iter().any(|d| d == &r.id));
        }
        if let Some(a) = file.allowlist {
            config.allowlists.push(convert_allow(name, "global", a)?);
        }
        for a in file.allowlists {
            config.allowlists.push(convert_allow(name, "global", a)?);
        }
        Ok(config)
    }
}

impl Default for Config {
    fn default() -> Config {
        Config::builtin()
    }
}

/// Why a configuration could not be loaded or compiled.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file is not valid TOML or does not have the gitleaks shape.
    #[error("{file}:{line}: {message}")]
    Toml {
        /// Configuration name as given by the caller.
        file: String,
        /// 1-based line of the error (0 if unknown).
        line: usize,
        /// Parser message.
        message: String,
    },
    /// A rule is structurally wrong (no id, no regex nor path, bad value).
    #[error("{file}: rule {rule}: {message}")]
    Rule {
        /// Configuration name.
        file: String,
        /// Rule ID, or `#N` when the rule has none.
        rule: String,
        /// What is wrong.
        message: String,
    },
    /// A regex of a rule or allowlist does not compile.
    #[error("{file}: rule {rule}: invalid {what} regex {pattern:?}: {message}")]
    Regex {
        /// Configuration name (`builtin` for the built-in tables).
        file: String,
        /// Rule ID (or `global` for top-level allowlists).
        rule: String,
        /// Which regex: `content`, `path`, `allowlist`, `allowlist path`…
        what: &'static str,
        /// The offending pattern.
        pattern: String,
        /// The compiler's complaint, first line.
        message: String,
    },
    /// Any other problem with the file as a whole.
    #[error("{file}: {message}")]
    Invalid {
        /// Configuration name.
        file: String,
        /// What is wrong.
        message: String,
    },
}

fn line_of(text: &str, offset: Option<usize>) -> usize {
    offset.map_or(0, |o| {
        text.as_bytes()[..o.min(text.len())]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct GlFile {
    #[serde(default)]
    extend: Option<GlExtend>,
    #[serde(default)]
    rules: Vec<GlRule>,
    #[serde(default)]
    allowlist: Option<GlAllow>,
    #[serde(default)]
    allowlists: Vec<GlAllow>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct GlExtend {
    #[serde(default)]
    use_default: bool,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    disabled_rules: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct GlRule {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    regex: Option<String>,
    #[serde(default)]
    secret_group: Option<i64>,
    #[serde(default)]
    entropy: Option<f64>,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    path: Option<String>,
    /// Not part of gitleaks; accepted so mamori configs can set it.
    #[serde(default)]
    severity: Option<String>,
    #[serde(default)]
    allowlist: Option<GlAllow>,
    #[serde(default)]
    allowlists: Vec<GlAllow>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct GlAllow {
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    condition: Option<String>,
    #[serde(default)]
    regex_target: Option<String>,
    #[serde(default)]
    regexes: Vec<String>,
    #[serde(default)]
    paths: Vec<String>,
    #[serde(default)]
    stopwords: Vec<String>,
    #[serde(default)]
    target_rules: Vec<String>,
}

fn convert_rule(file: &str, index: usize, r: GlRule) -> Result<Rule, ConfigError> {
    let id = match r.id {
        Some(id) if !id.trim().is_empty() => id,
        _ => {
            return Err(ConfigError::Rule {
                file: file.to_string(),
                rule: format!("#{}", index + 1),
                message: "missing id".to_string(),
            })
        }
    };
    let err = |message: String| ConfigError::Rule {
        file: file.to_string(),
        rule: id.clone(),
        message,
    };
    let secret_group = match r.secret_group {
        None => 0,
        Some(g) if (0..=99).contains(&g) => g as usize,
        Some(g) => return Err(err(format!("invalid secretGroup {g}"))),
    };
    if let Some(e) = r.entropy {
        if !(0.0..=8.0).contains(&e) {
            return Err(err(format!("invalid entropy {e} (bits per byte, 0 to 8)")));
        }
    }
    let severity = match r
        .severity
        .as_deref()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        None | Some("high") => Severity::High,
        Some("critical") => Severity::Critical,
        Some("medium") => Severity::Medium,
        Some("low") => Severity::Low,
        Some(other) => return Err(err(format!("invalid severity {other:?}"))),
    };
    let mut allowlists = Vec::new();
    for a in r.allowlist.into_iter().chain(r.allowlists) {
        allowlists.push(convert_allow(file, &id, a)?);
    }
    Ok(Rule {
        title: r.description.unwrap_or_else(|| id.clone()),
        id,
        severity,
        keywords: r.keywords.iter().map(|k| k.to_ascii_lowercase()).collect(),
        regex: r.regex,
        path: r.path,
        secret_group,
        entropy: r.entropy,
        require_digit: false,
        generic: false,
        allowlists,
    })
}

fn convert_allow(file: &str, rule: &str, a: GlAllow) -> Result<Allowlist, ConfigError> {
    let err = |message: String| ConfigError::Rule {
        file: file.to_string(),
        rule: rule.to_string(),
        message,
    };
    let regex_target = match a.regex_target.as_deref() {
        None | Some("") | Some("secret") => AllowTarget::Secret,
        Some("match") => AllowTarget::Match,
        Some("line") => AllowTarget::Line,
        Some(other) => return Err(err(format!("invalid allowlist regexTarget {other:?}"))),
    };
    let require_all = match a
        .condition
        .as_deref()
        .map(str::to_ascii_uppercase)
        .as_deref()
    {
        None | Some("") | Some("OR") => false,
        Some("AND") => true,
        Some(other) => return Err(err(format!("invalid allowlist condition {other:?}"))),
    };
    Ok(Allowlist {
        description: a.description.unwrap_or_default(),
        regexes: a.regexes,
        regex_target,
        paths: a.paths,
        stopwords: a.stopwords.iter().map(|s| s.to_ascii_lowercase()).collect(),
        require_all,
        target_rules: a.target_rules,
    })
}

/// Merge a rule from a file into a built-in rule of the same ID.
fn merge_rule(base: &mut Rule, over: Rule) {
    if over.title != over.id {
        base.title = over.title;
    }
    if over.regex.is_some() {
        base.regex = over.regex;
        base.secret_group = over.secret_group;
    }
    if over.path.is_some() {
        base.path = over.path;
    }
    if over.entropy.is_some() {
        base.entropy = over.entropy;
    }
    for k in over.keywords {
        if !base.keywords.contains(&k) {
            base.keywords.push(k);
        }
    }
    base.allowlists.extend(over.allowlists);
}

/// Translate a Go RE2 pattern to the `regex` crate's syntax. The two agree
/// on nearly everything; the differences handled here are `\Q…\E` literal
/// quoting (expanded) and `\C` (any byte, rejected). Octal escapes are
/// enabled at compile time instead.
pub(crate) fn translate_re2(pattern: &str) -> Result<String, String> {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('Q') => {
                let mut lit = String::new();
                loop {
                    match chars.next() {
                        None => break,
                        Some('\\') if chars.peek() == Some(&'E') => {
                            chars.next();
                            break;
                        }
                        Some(ch) => lit.push(ch),
                    }
                }
                out.push_str(&regex::escape(&lit));
            }
            Some('C') => return Err("\\C (match any byte) is not supported".to_string()),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests may unwrap
mod tests {
    use super::*;

    #[test]
    fn translates_re2_quoting() {
        assert_eq!(translate_re2(r"a\Q.*\Eb").unwrap(), r"a\.\*b");
        assert_eq!(translate_re2(r"\d+").unwrap(), r"\d+");
        assert!(translate_re2(r"a\Cb").is_err());
    }
}
