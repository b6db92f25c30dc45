//! The matching engine: an Aho-Corasick keyword prefilter decides which
//! rules' regexes run on a file at all; each surviving match goes through the
//! value filters and allowlists; overlapping matches are resolved in favour
//! of specific rules; the rest become redacted [`Finding`]s.
//!
//! A [`Scanner`] is immutable after construction and `Send + Sync`, so one
//! instance serves every worker thread. It never reads the disk: callers hand
//! it `(path, bytes)`. It does not decode archives, images or base64 blobs,
//! and it does not verify secrets against the vendor's API.

use crate::config::{translate_re2, Config, ConfigError};
use crate::filter;
use crate::rule::{AllowTarget, Allowlist, Rule, Severity};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::bytes::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// Matches kept per file; beyond this a file is hostile or a dump, and more
/// findings would only cost memory.
const MAX_FINDINGS_PER_FILE: usize = 1000;
/// Matches examined per rule per file, kept or not (bounds work on inputs
/// crafted to match a rule's regex millions of times).
const MAX_MATCHES_PER_RULE: usize = 10_000;
/// Keyword hits per rule per file that get their own search window; past
/// this the rule searches the whole file (the windows would cover most of it).
const MAX_WINDOWS_PER_RULE: u32 = 256;
/// Marker in the per-rule hit count: search the whole file.
const WHOLE_FILE: u32 = u32::MAX;
/// Bytes before a keyword hit included in its search window (then extended
/// back to a line start). Matches contain their rule's keyword, so this only
/// needs to cover the part of a match before the keyword on earlier lines.
const WINDOW_BEFORE: usize = 1024;
/// Bytes after a keyword hit included in its search window (then extended to
/// the end of the line): enough for multi-line matches such as PuTTY keys.
const WINDOW_AFTER: usize = 8192;
/// Bytes at the start of a file searched for NUL to decide it is binary.
const BINARY_SNIFF: usize = 8 << 10;
/// Characters of the secret kept in clear in [`Finding::redacted`].
const REDACT_KEEP_MAX: usize = 4;
/// Longest run of `*` in a redacted secret.
const REDACT_STARS_MAX: usize = 32;

/// One secret found in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Finding {
    /// ID of the rule that matched, e.g. `github-pat`.
    pub rule_id: String,
    /// Human title of the rule.
    pub title: String,
    /// Severity of the rule.
    pub severity: Severity,
    /// The path as given to [`Scanner::scan`].
    pub path: String,
    /// 1-based line where the secret starts.
    pub line: usize,
    /// 1-based byte column where the secret starts.
    pub column: usize,
    /// The secret with all but a short prefix replaced by `*`.
    pub redacted: String,
    /// Stable identifier: hex SHA-256 prefix of rule ID, path and secret.
    /// It survives edits elsewhere in the file, so baselines can use it.
    pub fingerprint: String,
}

#[derive(Debug)]
struct CompiledAllow {
    regexes: Option<RegexSet>,
    target: AllowTarget,
    paths: Option<RegexSet>,
    stopwords: Vec<Vec<u8>>,
    require_all: bool,
    target_rules: Vec<String>,
}

impl CompiledAllow {
    fn compile(file: &str, rule: &str, a: &Allowlist) -> Result<CompiledAllow, ConfigError> {
        Ok(CompiledAllow {
            regexes: compile_set(file, rule, "allowlist", &a.regexes)?,
            target: a.regex_target,
            paths: compile_set(file, rule, "allowlist path", &a.paths)?,
            stopwords: a
                .stopwords
                .iter()
                .filter(|s| !s.is_empty())
                .map(|s| s.to_ascii_lowercase().into_bytes())
                .collect(),
            require_all: a.require_all,
            target_rules: a.target_rules.clone(),
        })
    }

    /// An allowlist with only paths drops whole files, so the walker can
    /// skip them before reading.
    fn is_path_only(&self) -> bool {
        self.paths.is_some()
            && self.regexes.is_none()
            && self.stopwords.is_empty()
            && self.target_rules.is_empty()
    }

    fn applies_to(&self, rule_id: &str) -> bool {
        self.target_rules.is_empty() || self.target_rules.iter().any(|r| r == rule_id)
    }

    fn allows(&self, path: &str, secret: &[u8], whole: &[u8], line: &[u8]) -> bool {
        let mut conds = Vec::with_capacity(3);
        if let Some(p) = &self.paths {
            conds.push(p.is_match(path.as_bytes()));
        }
        if let Some(r) = &self.regexes {
            let target = match self.target {
                AllowTarget::Secret => secret,
                AllowTarget::Match => whole,
                AllowTarget::Line => line,
            };
            conds.push(r.is_match(target));
        }
        if !self.stopwords.is_empty() {
            let lower = secret.to_ascii_lowercase();
            conds.push(
                self.stopwords
                    .iter()
                    .any(|w| memchr::memmem::find(&lower, w).is_some()),
            );
        }
        if conds.is_empty() {
            return false;
        }
        if self.require_all {
            conds.iter().all(|&c| c)
        } else {
            conds.iter().any(|&c| c)
        }
    }
}

#[derive(Debug)]
struct CompiledRule {
    id: String,
    title: String,
    severity: Severity,
    regex: Option<Regex>,
    path: Option<Regex>,
    secret_group: usize,
    entropy: Option<f64>,
    require_digit: bool,
    generic: bool,
    key_group: Option<usize>,
    user_group: Option<usize>,
    allow: Vec<CompiledAllow>,
}

/// A configured secret scanner. Build once, share across threads.
#[derive(Debug)]
pub struct Scanner {
    rules: Vec<CompiledRule>,
    prefilter: Option<AhoCorasick>,
    /// For each prefilter pattern, the rules it enables.
    pattern_rules: Vec<Vec<usize>>,
    /// Rules with a content regex but no keywords: always run.
    unfiltered: Vec<usize>,
    /// Rules with a path pattern and no content regex.
    path_only: Vec<usize>,
    global_allow: Vec<CompiledAllow>,
    skip_paths: Option<RegexSet>,
    max_file_size: u64,
    builtin_allowlist: bool,
}

impl Scanner {
    /// The built-in rules with default settings.
    pub fn builtin() -> Scanner {
        // The built-in tables are checked by unit tests, so compiling them
        // can only fail if the tests were not run; fall back to an empty
        // scanner rather than panic in a library.
        Scanner::with_config(Config::builtin()).unwrap_or_else(|_| Scanner::empty())
    }

    fn empty() -> Scanner {
        Scanner {
            rules: Vec::new(),
            prefilter: None,
            pattern_rules: Vec::new(),
            unfiltered: Vec::new(),
            path_only: Vec::new(),
            global_allow: Vec::new(),
            skip_paths: None,
            max_file_size: 0,
            builtin_allowlist: true,
        }
    }

    /// Compile a configuration. Errors name the rule and the bad regex.
    pub fn with_config(config: Config) -> Result<Scanner, ConfigError> {
        Scanner::compile("config", config)
    }

    /// Like [`Scanner::with_config`], naming the configuration file in errors.
    pub fn with_named_config(file: &str, config: Config) -> Result<Scanner, ConfigError> {
        Scanner::compile(file, config)
    }

    fn compile(file: &str, config: Config) -> Result<Scanner, ConfigError> {
        let mut rules = Vec::with_capacity(config.rules.len());
        let mut keywords: Vec<String> = Vec::new();
        let mut pattern_rules: Vec<Vec<usize>> = Vec::new();
        let mut unfiltered = Vec::new();
        let mut path_only = Vec::new();
        for (i, r) in config.rules.iter().enumerate() {
            let compiled = compile_rule(file, r)?;
            match (&compiled.regex, r.keywords.is_empty()) {
                (None, _) => path_only.push(i),
                (Some(_), true) => unfiltered.push(i),
                (Some(_), false) => {
                    for k in &r.keywords {
                        let k = k.to_ascii_lowercase();
                        if k.is_empty() {
                            continue;
                        }
                        match keywords.iter().position(|x| *x == k) {
                            Some(p) => pattern_rules[p].push(i),
                            None => {
                                keywords.push(k);
                                pattern_rules.push(vec![i]);
                            }
                        }
                    }
                }
            }
            rules.push(compiled);
        }
        let prefilter = if keywords.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    // A full DFA: a few MB for hundreds of keywords, and
                    // roughly twice the speed of the default NFA, which
                    // otherwise dominates scan time.
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(&keywords)
                    .map_err(|e| ConfigError::Invalid {
                        file: file.to_string(),
                        message: format!("keyword prefilter: {e}"),
                    })?,
            )
        };
        let mut global_allow = Vec::new();
        for a in &config.allowlists {
            global_allow.push(CompiledAllow::compile(file, "global", a)?);
        }
        let mut skip: Vec<String> = config.skip_paths.clone();
        skip.extend(config.fixture_paths.iter().cloned());
        Ok(Scanner {
            rules,
            prefilter,
            pattern_rules,
            unfiltered,
            path_only,
            global_allow,
            skip_paths: compile_set(file, "global", "skip path", &skip)?,
            max_file_size: config.max_file_size,
            builtin_allowlist: config.builtin_allowlist,
        })
    }

    /// Number of compiled rules.
    pub fn rule_count(&self) -> usize {
        self.rules.len()
    }

    /// Whether a file is worth reading: not too large, not on a skip,
    /// fixture or path-only allowlist. Cheap and does no I/O, for layer
    /// walkers deciding what to open.
    pub fn wants(&self, path: &str, size: u64) -> bool {
        size <= self.max_file_size && size > 0 && !self.path_skipped(path)
    }

    fn path_skipped(&self, path: &str) -> bool {
        if let Some(s) = &self.skip_paths {
            if s.is_match(path.as_bytes()) {
                return true;
            }
        }
        self.global_allow
            .iter()
            .any(|a| a.is_path_only() && a.allows(path, b"", b"", b""))
    }

    /// Scan one file's content. `path` is used for path rules, allowlists,
    /// findings and fingerprints; the caller decides its form (relative,
    /// absolute, layer-prefixed). Binary files, files over the size limit
    /// and skipped paths give no findings.
    pub fn scan(&self, path: &str, bytes: &[u8]) -> Vec<Finding> {
        if bytes.len() as u64 > self.max_file_size || self.path_skipped(path) {
            return Vec::new();
        }
        let mut out = Vec::new();
        for &ri in &self.path_only {
            let r = &self.rules[ri];
            if r.path.as_ref().is_some_and(|p| p.is_match(path.as_bytes()))
                && !self.allowed(r, path, path.as_bytes(), path.as_bytes(), b"")
            {
                out.push(self.finding(r, path, path.as_bytes(), 1, 1));
            }
        }
        if is_binary(bytes) {
            return out;
        }
        // Which rules may match, and where: keyword hits per rule, up to a
        // cap beyond which the whole file is searched instead.
        let mut hit_count = vec![0u32; self.rules.len()];
        let mut hits: Vec<(usize, usize)> = Vec::new();
        for &ri in &self.unfiltered {
            hit_count[ri] = WHOLE_FILE;
        }
        if let Some(ac) = &self.prefilter {
            for m in ac.find_overlapping_iter(bytes) {
                for &ri in &self.pattern_rules[m.pattern().as_usize()] {
                    let n = &mut hit_count[ri];
                    if *n < MAX_WINDOWS_PER_RULE {
                        hits.push((ri, m.start()));
                        *n += 1;
                    } else {
                        *n = WHOLE_FILE;
                    }
                }
            }
        }
        hits.sort_unstable();
        let mut candidates: Vec<Candidate> = Vec::new();
        let mut windows: Vec<(usize, usize)> = Vec::new();
        for (ri, rule) in self.rules.iter().enumerate() {
            if hit_count[ri] == 0 || candidates.len() >= MAX_FINDINGS_PER_FILE {
                continue;
            }
            let Some(re) = &rule.regex else { continue };
            if let Some(p) = &rule.path {
                if !p.is_match(path.as_bytes()) {
                    continue;
                }
            }
            windows.clear();
            if hit_count[ri] == WHOLE_FILE {
                windows.push((0, bytes.len()));
            } else {
                let first = hits.partition_point(|&(r, _)| r < ri);
                for &(_, pos) in hits[first..].iter().take_while(|&&(r, _)| r == ri) {
                    let w = window(bytes, pos);
                    match windows.last_mut() {
                        Some(last) if w.0 <= last.1 => last.1 = last.1.max(w.1),
                        _ => windows.push(w),
                    }
                }
            }
            let mut examined = 0;
            for &(ws, we) in &windows {
                for caps in re.captures_iter(&bytes[ws..we]) {
                    examined += 1;
                    if examined > MAX_MATCHES_PER_RULE || candidates.len() >= MAX_FINDINGS_PER_FILE
                    {
                        break;
                    }
                    let Some(whole) = caps.get(0) else { continue };
                    let secret = if rule.secret_group > 0 {
                        caps.get(rule.secret_group)
                    } else {
                        (1..caps.len())
                            .filter(|&g| Some(g) != rule.key_group && Some(g) != rule.user_group)
                            .find_map(|g| caps.get(g))
                            .or(Some(whole))
                    };
                    let Some(secret) = secret else { continue };
                    if secret.is_empty() {
                        continue;
                    }
                    let s = secret.as_bytes();
                    let key = rule
                        .key_group
                        .and_then(|g| caps.get(g))
                        .map(|m| m.as_bytes());
                    let user = rule
                        .user_group
                        .and_then(|g| caps.get(g))
                        .map(|m| m.as_bytes());
                    if !self.value_ok(rule, s, key, user) {
                        continue;
                    }
                    let start = ws + secret.start();
                    let line = line_around(bytes, start);
                    if self.allowed(rule, path, s, whole.as_bytes(), line) {
                        continue;
                    }
                    candidates.push(Candidate {
                        rule: ri,
                        start,
                        end: ws + secret.end(),
                    });
                }
            }
        }
        // Overlaps: a specific rule beats a generic one, then the longer
        // secret, then the earlier rule.
        candidates.sort_by_key(|c| {
            (
                self.rules[c.rule].generic,
                usize::MAX - (c.end - c.start),
                c.rule,
            )
        });
        let mut kept: Vec<Candidate> = Vec::new();
        for c in candidates {
            if !kept.iter().any(|k| k.start < c.end && c.start < k.end) {
                kept.push(c);
            }
        }
        kept.sort_by_key(|c| (c.start, c.rule));
        let mut line = 1;
        let mut pos = 0;
        for c in kept {
            line += memchr::memchr_iter(b'\n', &bytes[pos..c.start]).count();
            pos = c.start;
            let line_start = memchr::memrchr(b'\n', &bytes[..c.start]).map_or(0, |p| p + 1);
            let r = &self.rules[c.rule];
            out.push(self.finding(
                r,
                path,
                &bytes[c.start..c.end],
                line,
                c.start - line_start + 1,
            ));
        }
        out
    }

    fn value_ok(
        &self,
        rule: &CompiledRule,
        s: &[u8],
        key: Option<&[u8]>,
        user: Option<&[u8]>,
    ) -> bool {
        if let Some(min) = rule.entropy {
            if filter::shannon_entropy(s) < min {
                return false;
            }
        }
        if rule.require_digit && !s.iter().any(u8::is_ascii_digit) {
            return false;
        }
        if self.builtin_allowlist {
            if filter::is_placeholder(s) {
                return false;
            }
            if let Some(u) = user {
                if filter::url_password_rejected(u, s) {
                    return false;
                }
            }
            if rule.generic {
                if key.is_some_and(filter::is_non_secret_key) {
                    return false;
                }
                if filter::generic_value_rejected(s) {
                    return false;
                }
            }
        }
        true
    }

    fn allowed(
        &self,
        rule: &CompiledRule,
        path: &str,
        secret: &[u8],
        whole: &[u8],
        line: &[u8],
    ) -> bool {
        rule.allow
            .iter()
            .any(|a| a.allows(path, secret, whole, line))
            || self
                .global_allow
                .iter()
                .any(|a| a.applies_to(&rule.id) && a.allows(path, secret, whole, line))
    }

    fn finding(
        &self,
        r: &CompiledRule,
        path: &str,
        secret: &[u8],
        line: usize,
        column: usize,
    ) -> Finding {
        Finding {
            rule_id: r.id.clone(),
            title: r.title.clone(),
            severity: r.severity,
            path: path.to_string(),
            line,
            column,
            redacted: redact(secret),
            fingerprint: fingerprint(&r.id, path, secret),
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Candidate {
    rule: usize,
    start: usize,
    end: usize,
}

/// True if the first 8 KiB contain a NUL byte.
pub fn is_binary(bytes: &[u8]) -> bool {
    memchr::memchr(0, &bytes[..bytes.len().min(BINARY_SNIFF)]).is_some()
}

/// The search window around a keyword hit: whole lines covering
/// `WINDOW_BEFORE` bytes before and `WINDOW_AFTER` bytes after it.
fn window(bytes: &[u8], pos: usize) -> (usize, usize) {
    let lo = pos.saturating_sub(WINDOW_BEFORE);
    let hi = (pos + WINDOW_AFTER).min(bytes.len());
    let start = memchr::memrchr(b'\n', &bytes[..lo]).map_or(0, |p| p + 1);
    let end = memchr::memchr(b'\n', &bytes[hi..]).map_or(bytes.len(), |p| hi + p);
    (start, end)
}

fn line_around(bytes: &[u8], at: usize) -> &[u8] {
    let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |p| p + 1);
    let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |p| at + p);
    &bytes[start..end]
}

/// Keep a short prefix (at most 4 characters, and at most a quarter of the
/// secret) and replace the rest with `*`.
pub fn redact(secret: &[u8]) -> String {
    let text = String::from_utf8_lossy(secret);
    let n = text.chars().count();
    let keep = (n / 4).min(REDACT_KEEP_MAX);
    let mut out: String = text.chars().take(keep).collect();
    out.extend(std::iter::repeat_n(
        '*',
        (n - keep).clamp(1, REDACT_STARS_MAX),
    ));
    out
}

/// Hex of the first 16 bytes of SHA-256(rule ID, NUL, path, NUL, secret).
pub fn fingerprint(rule_id: &str, path: &str, secret: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(rule_id.as_bytes());
    h.update([0]);
    h.update(path.as_bytes());
    h.update([0]);
    h.update(secret);
    h.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn build_regex(pattern: &str, unicode: bool) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern)
        .unicode(unicode)
        .octal(true)
        .size_limit(32 << 20)
        .dfa_size_limit(8 << 20)
        .build()
}

/// Compile with Unicode off first (ASCII `\b`/`\w`/`\s` as in RE2, and the
/// fast DFA never has to bail out on non-ASCII bytes); fall back to Unicode
/// mode for patterns that need it (`\pL`, non-ASCII literals).
fn compile_one(
    file: &str,
    rule: &str,
    what: &'static str,
    pattern: &str,
) -> Result<Regex, ConfigError> {
    let err = |message: String| ConfigError::Regex {
        file: file.to_string(),
        rule: rule.to_string(),
        what,
        pattern: pattern.to_string(),
        message,
    };
    let translated = translate_re2(pattern).map_err(err)?;
    build_regex(&translated, false)
        .or_else(|_| build_regex(&translated, true))
        .map_err(|e| err(first_line(&e.to_string())))
}

fn compile_set(
    file: &str,
    rule: &str,
    what: &'static str,
    patterns: &[String],
) -> Result<Option<RegexSet>, ConfigError> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut translated = Vec::with_capacity(patterns.len());
    for p in patterns {
        // Compile each alone first so an error names the offending pattern.
        compile_one(file, rule, what, p)?;
        translated.push(translate_re2(p).unwrap_or_default());
    }
    let build = |unicode: bool| {
        RegexSetBuilder::new(&translated)
            .unicode(unicode)
            .octal(true)
            .size_limit(32 << 20)
            .build()
    };
    build(false)
        .or_else(|_| build(true))
        .map(Some)
        .map_err(|e| ConfigError::Regex {
            file: file.to_string(),
            rule: rule.to_string(),
            what,
            pattern: patterns.join(" | "),
            message: first_line(&e.to_string()),
        })
}

/// The regex crate's errors span several lines (pattern, caret, message);
/// keep the message so errors stay one line.
fn first_line(s: &str) -> String {
    s.lines()
        .rev()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('~') && !l.starts_with("regex parse error"))
        .unwrap_or(s)
        .to_string()
}

fn compile_rule(file: &str, r: &Rule) -> Result<CompiledRule, ConfigError> {
    let regex = r
        .regex
        .as_deref()
        .map(|p| compile_one(file, &r.id, "content", p))
        .transpose()?;
    let path = r
        .path
        .as_deref()
        .map(|p| compile_one(file, &r.id, "path", p))
        .transpose()?;
    if let Some(re) = &regex {
        if r.secret_group >= re.captures_len() {
            return Err(ConfigError::Rule {
                file: file.to_string(),
                rule: r.id.clone(),
                message: format!(
                    "secretGroup {} but the regex has only {} capture group(s)",
                    r.secret_group,
                    re.captures_len() - 1
                ),
            });
        }
    }
    let group = |name: &str| {
        regex
            .as_ref()
            .and_then(|re| re.capture_names().position(|n| n == Some(name)))
    };
    let mut allow = Vec::with_capacity(r.allowlists.len());
    for a in &r.allowlists {
        allow.push(CompiledAllow::compile(file, &r.id, a)?);
    }
    Ok(CompiledRule {
        id: r.id.clone(),
        title: r.title.clone(),
        severity: r.severity,
        key_group: group("key"),
        user_group: group("user"),
        regex,
        path,
        secret_group: r.secret_group,
        entropy: r.entropy,
        require_digit: r.require_digit,
        generic: r.generic,
        allow,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests may unwrap
mod tests {
    use super::*;

    #[test]
    fn redaction_keeps_a_short_prefix() {
        assert_eq!(redact(b"ghp_abcdefghijkl"), "ghp_************");
        assert_eq!(redact(b"abc"), "***");
        assert_eq!(redact(b"Rk7vQ2pLx9"), "Rk********");
        let long = redact(&[b'a'; 200]);
        assert_eq!(long.len(), 4 + REDACT_STARS_MAX);
    }

    #[test]
    fn fingerprint_is_stable_and_depends_on_all_parts() {
        let a = fingerprint("r", "p", b"s");
        assert_eq!(a, fingerprint("r", "p", b"s"));
        assert_eq!(a.len(), 32);
        assert_ne!(a, fingerprint("r", "q", b"s"));
        assert_ne!(a, fingerprint("r2", "p", b"s"));
        assert_ne!(a, fingerprint("r", "p", b"t"));
    }

    #[test]
    fn scanner_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Scanner>();
    }
}
