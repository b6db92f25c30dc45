//! A Dockerfile parser that keeps line numbers: parser directives (`# escape=`,
//! `# syntax=`), line continuations with the active escape character, comments
//! inside continuations, BuildKit heredocs (`<<EOF`, `<<-EOF`, quoted
//! delimiters, several per instruction), JSON (exec) versus shell form, leading
//! `--flags`, and multi-stage builds (`FROM … AS name`).
//!
//! It does not expand `ARG`/`ENV` variables, run shell parsing beyond splitting
//! words, or validate instruction arguments: it gives checks a faithful view of
//! what was written. Problems that would make `docker build` fail (an unknown
//! instruction, an unterminated heredoc) are kept as diagnostics next to the
//! parsed result rather than discarding the file.

use crate::model::ParseError;
use std::sync::Arc;

/// Inputs larger than this are refused (real Dockerfiles are a few KiB).
pub const MAX_DOCKERFILE_BYTES: usize = 4 << 20;

const KNOWN: &[&str] = &[
    "ADD",
    "ARG",
    "CMD",
    "COPY",
    "ENTRYPOINT",
    "ENV",
    "EXPOSE",
    "FROM",
    "HEALTHCHECK",
    "LABEL",
    "MAINTAINER",
    "ONBUILD",
    "RUN",
    "SHELL",
    "STOPSIGNAL",
    "USER",
    "VOLUME",
    "WORKDIR",
];

/// A heredoc attached to an instruction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heredoc {
    /// The delimiter word.
    pub name: String,
    /// The body, without the terminating line.
    pub body: String,
    /// True for `<<-` (leading tabs stripped).
    pub strip_tabs: bool,
    /// Line of the first body line.
    pub line: usize,
}

/// One instruction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instruction {
    /// Upper-cased keyword (`RUN`).
    pub keyword: String,
    /// Arguments after the keyword and flags, continuations joined by a space.
    pub args: String,
    /// Leading `--name=value` flags (`--from=build`, `--chown=1000`).
    pub flags: Vec<String>,
    /// The exec-form array when the arguments are a JSON array of strings.
    pub json: Option<Vec<String>>,
    /// Heredocs, in order.
    pub heredocs: Vec<Heredoc>,
    /// 1-based line of the keyword.
    pub line: usize,
    /// 1-based line of the last line of the instruction (heredocs included).
    pub end_line: usize,
    /// Index of the build stage this instruction belongs to (0 before any `FROM`).
    pub stage: usize,
}

impl Instruction {
    /// The value of flag `--name`, if given.
    pub fn flag(&self, name: &str) -> Option<&str> {
        self.flags.iter().find_map(|f| {
            let rest = f.strip_prefix("--")?.strip_prefix(name)?;
            if rest.is_empty() {
                Some("")
            } else {
                rest.strip_prefix('=')
            }
        })
    }
    /// The command text a RUN-like instruction executes: the JSON array joined by
    /// spaces, or the shell text plus heredoc bodies.
    pub fn command_text(&self) -> String {
        let mut s = match &self.json {
            Some(v) => v.join(" "),
            None => self.args.clone(),
        };
        for h in &self.heredocs {
            s.push('\n');
            s.push_str(&h.body);
        }
        s
    }
}

/// A build stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage {
    /// The base image reference as written (`golang:1.22`, `scratch`, or an earlier stage name).
    pub base: String,
    /// `AS name`, lower-cased as BuildKit does.
    pub name: Option<String>,
    /// `--platform` value, if any.
    pub platform: Option<String>,
    /// Line of the `FROM`.
    pub line: usize,
}

/// A parsed Dockerfile.
#[derive(Debug, Clone)]
pub struct Dockerfile {
    /// File name as given.
    pub file: Arc<str>,
    /// Parser directives `(name lower-cased, value, line)`.
    pub directives: Vec<(String, String, usize)>,
    /// The escape character in effect (`\` or `` ` ``).
    pub escape: char,
    /// Instructions in order.
    pub instructions: Vec<Instruction>,
    /// Stages in order.
    pub stages: Vec<Stage>,
    /// Problems that `docker build` would reject, as `(line, message)`.
    pub diagnostics: Vec<(usize, String)>,
}

impl Dockerfile {
    /// Instructions of the final stage (what ships).
    pub fn final_stage(&self) -> impl Iterator<Item = &Instruction> {
        let last = self.stages.len().saturating_sub(1);
        self.instructions
            .iter()
            .filter(move |i| i.stage == last && i.keyword != "FROM")
    }
    /// True when `name` is the name of an earlier build stage.
    pub fn is_stage_name(&self, name: &str) -> bool {
        let lower = name.to_ascii_lowercase();
        self.stages
            .iter()
            .any(|s| s.name.as_deref() == Some(lower.as_str()))
    }
}

/// True when a file name looks like a Dockerfile (`Dockerfile`, `Dockerfile.dev`,
/// `api.dockerfile`, `Containerfile`).
pub fn is_dockerfile_name(path: &str) -> bool {
    let base = path
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(path)
        .to_ascii_lowercase();
    base == "dockerfile"
        || base == "containerfile"
        || base.starts_with("dockerfile.")
        || base.starts_with("containerfile.")
        || base.ends_with(".dockerfile")
        || base.ends_with(".containerfile")
}

/// Parses a Dockerfile. Fails only for non-text input or oversize files; syntax
/// problems become [`Dockerfile::diagnostics`].
pub fn parse_dockerfile(path: &str, bytes: &[u8]) -> Result<Dockerfile, ParseError> {
    if bytes.len() > MAX_DOCKERFILE_BYTES {
        return Err(ParseError::Dockerfile {
            path: path.to_string(),
            line: 1,
            message: format!("file larger than {MAX_DOCKERFILE_BYTES} bytes"),
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ParseError::NotUtf8 {
        path: path.to_string(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.lines().collect();
    let mut df = Dockerfile {
        file: Arc::from(path),
        directives: Vec::new(),
        escape: '\\',
        instructions: Vec::new(),
        stages: Vec::new(),
        diagnostics: Vec::new(),
    };

    // Parser directives: `# key=value` lines at the very top; anything else ends them.
    let mut i = 0;
    while i < lines.len() {
        let Some(rest) = lines[i].trim().strip_prefix('#') else {
            break;
        };
        let Some((k, v)) = rest.split_once('=') else {
            break;
        };
        let k = k.trim().to_ascii_lowercase();
        if k.is_empty() || k.contains(char::is_whitespace) || df.directives.iter().any(|d| d.0 == k)
        {
            break;
        }
        let v = v.trim().to_string();
        if k == "escape" {
            match v.as_str() {
                "\\" => df.escape = '\\',
                "`" => df.escape = '`',
                other => df
                    .diagnostics
                    .push((i + 1, format!("invalid escape directive {other:?}"))),
            }
        }
        df.directives.push((k, v, i + 1));
        i += 1;
    }

    let esc = df.escape;
    let mut stage = 0usize;
    while i < lines.len() {
        let first = lines[i];
        let trimmed = first.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            i += 1;
            continue;
        }
        let start = i + 1;
        // Join continuation lines; comment and blank lines inside are dropped.
        let mut logical = String::new();
        let mut cur = first;
        loop {
            let t = cur.trim_end();
            if let Some(body) = t.strip_suffix(esc) {
                logical.push_str(body);
                logical.push(' ');
                i += 1;
                while i < lines.len() {
                    let t2 = lines[i].trim_start();
                    if t2.starts_with('#') || t2.is_empty() {
                        i += 1;
                    } else {
                        break;
                    }
                }
                if i >= lines.len() {
                    break;
                }
                cur = lines[i];
            } else {
                logical.push_str(t);
                i += 1;
                break;
            }
        }
        let logical = logical.trim();
        let (kw, rest) = match logical.split_once(char::is_whitespace) {
            Some((k, r)) => (k, r.trim_start()),
            None => (logical, ""),
        };
        let keyword = kw.to_ascii_uppercase();
        if !KNOWN.contains(&keyword.as_str()) {
            df.diagnostics
                .push((start, format!("unknown instruction {kw:?}")));
        }
        // Leading flags.
        let mut flags = Vec::new();
        let mut args = rest;
        while let Some(f) = args.strip_prefix("--") {
            let end = f.find(char::is_whitespace).unwrap_or(f.len());
            flags.push(format!("--{}", &f[..end]));
            args = f[end..].trim_start();
        }
        if keyword == "FROM" {
            stage = df.stages.len();
        }
        let json = if args.starts_with('[')
            && matches!(
                keyword.as_str(),
                "RUN" | "CMD" | "ENTRYPOINT" | "SHELL" | "COPY" | "ADD" | "VOLUME" | "HEALTHCHECK"
            ) {
            serde_json::from_str::<Vec<String>>(args).ok()
        } else {
            None
        };
        // Heredocs: only in shell-form RUN/COPY/ADD, read after the instruction line.
        let mut heredocs = Vec::new();
        if json.is_none() && matches!(keyword.as_str(), "RUN" | "COPY" | "ADD") {
            for (name, strip) in heredoc_markers(args) {
                let body_start = i + 1;
                let mut body = Vec::new();
                let mut closed = false;
                while i < lines.len() {
                    let l = lines[i];
                    i += 1;
                    let cmp = if strip { l.trim_start_matches('\t') } else { l };
                    if cmp == name {
                        closed = true;
                        break;
                    }
                    body.push(if strip { l.trim_start_matches('\t') } else { l });
                }
                if !closed {
                    df.diagnostics
                        .push((start, format!("unterminated heredoc <<{name}")));
                }
                heredocs.push(Heredoc {
                    name,
                    body: body.join("\n"),
                    strip_tabs: strip,
                    line: body_start,
                });
            }
        }
        if keyword == "FROM" {
            let words: Vec<&str> = args.split_whitespace().collect();
            let name = match words.as_slice() {
                [_, as_kw, n, ..] if as_kw.eq_ignore_ascii_case("as") => {
                    Some(n.to_ascii_lowercase())
                }
                _ => None,
            };
            df.stages.push(Stage {
                base: words.first().map(|s| s.to_string()).unwrap_or_default(),
                name,
                platform: flags
                    .iter()
                    .find_map(|f| f.strip_prefix("--platform=").map(str::to_string)),
                line: start,
            });
            if words.is_empty() {
                df.diagnostics
                    .push((start, "FROM requires an image".to_string()));
            }
        }
        df.instructions.push(Instruction {
            keyword,
            args: args.to_string(),
            flags,
            json,
            heredocs,
            line: start,
            end_line: i.max(start),
            stage,
        });
    }
    Ok(df)
}

/// Heredoc delimiters in an argument string: `<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'`.
fn heredoc_markers(args: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut rest = args;
    while let Some(pos) = rest.find("<<") {
        let mut s = &rest[pos + 2..];
        // `<<<` is a here-string, not a heredoc.
        if s.starts_with('<') {
            rest = s.trim_start_matches('<');
            continue;
        }
        let strip = s.starts_with('-');
        if strip {
            s = &s[1..];
        }
        let quoted = s.starts_with('"') || s.starts_with('\'');
        let body = if quoted { &s[1..] } else { s };
        let end = body
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.'))
            .unwrap_or(body.len());
        let name = &body[..end];
        if !name.is_empty()
            && name
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        {
            out.push((name.to_string(), strip));
        }
        rest = &body[end..];
        if out.len() >= 16 {
            break;
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap.
mod tests {
    use super::*;

    fn parse(s: &str) -> Dockerfile {
        parse_dockerfile("Dockerfile", s.as_bytes()).unwrap()
    }

    #[test]
    fn continuations_comments_and_lines() {
        let d = parse(
            "FROM alpine:3.20\n\n# c\nRUN apk add \\\n  # inside\n  curl \\\n\n  git\nUSER app\n",
        );
        let kws: Vec<_> = d
            .instructions
            .iter()
            .map(|i| (i.keyword.as_str(), i.line))
            .collect();
        assert_eq!(kws, [("FROM", 1), ("RUN", 4), ("USER", 9)]);
        assert_eq!(d.instructions[1].args, "apk add    curl    git");
        assert!(d.diagnostics.is_empty());
    }

    #[test]
    fn escape_directive_changes_continuation() {
        let d = parse("# escape=`\n# syntax=docker/dockerfile:1\nFROM mcr.microsoft.com/windows\nRUN dir C:\\ `\n  && echo hi\n");
        assert_eq!(d.escape, '`');
        assert_eq!(d.directives.len(), 2);
        assert_eq!(d.instructions[1].args, "dir C:\\    && echo hi");
        assert_eq!(d.instructions[1].end_line, 5);
    }

    #[test]
    fn directive_after_comment_is_a_comment() {
        let d = parse("# hello\n# escape=`\nFROM a\n");
        assert_eq!(d.escape, '\\');
        assert!(d.directives.is_empty());
    }

    #[test]
    fn heredocs() {
        let d = parse("FROM debian\nRUN <<EOF\napt-get update\nEOF\nCOPY <<-\"A\" /a <<B /b\n\tone\n\tA\ntwo\nB\nUSER 1000\n");
        let run = &d.instructions[1];
        assert_eq!(run.heredocs[0].body, "apt-get update");
        assert_eq!(run.heredocs[0].line, 3);
        let copy = &d.instructions[2];
        assert_eq!(copy.heredocs.len(), 2);
        assert_eq!(copy.heredocs[0].body, "one");
        assert_eq!(copy.heredocs[1].body, "two");
        assert_eq!(d.instructions[3].line, 10);
        let bad = parse("FROM a\nRUN <<EOF\nnever closed\n");
        assert_eq!(
            bad.diagnostics,
            [(2, "unterminated heredoc <<EOF".to_string())]
        );
    }

    #[test]
    fn stages_flags_and_json() {
        let d = parse("FROM --platform=$BUILDPLATFORM golang:1.22 AS Build\nRUN go build\nFROM scratch\nCOPY --from=build --chown=1:1 /app /app\nENTRYPOINT [\"/app\", \"-v\"]\nCMD echo [\n");
        assert_eq!(d.stages.len(), 2);
        assert_eq!(d.stages[0].name.as_deref(), Some("build"));
        assert_eq!(d.stages[0].platform.as_deref(), Some("$BUILDPLATFORM"));
        assert!(d.is_stage_name("BUILD"));
        let copy = &d.instructions[3];
        assert_eq!(
            (copy.stage, copy.flag("from"), copy.flag("chown")),
            (1, Some("build"), Some("1:1"))
        );
        assert_eq!(
            d.instructions[4].json.as_deref(),
            Some(&["/app".to_string(), "-v".to_string()][..])
        );
        assert_eq!(d.instructions[5].json, None);
        assert_eq!(d.final_stage().count(), 3);
    }

    #[test]
    fn unknown_instruction_is_a_diagnostic() {
        let d = parse("FROM a\nFOO bar\n");
        assert_eq!(
            d.diagnostics,
            [(2, "unknown instruction \"FOO\"".to_string())]
        );
        assert!(parse_dockerfile("D", &[0xff]).is_err());
    }

    #[test]
    fn names() {
        for n in [
            "Dockerfile",
            "a/Dockerfile.prod",
            "api.dockerfile",
            "Containerfile",
        ] {
            assert!(is_dockerfile_name(n), "{n}");
        }
        assert!(!is_dockerfile_name("deploy.yaml"));
    }
}
