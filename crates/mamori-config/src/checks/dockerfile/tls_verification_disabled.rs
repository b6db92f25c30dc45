//! ## What it does
//! Reports build settings that switch off TLS certificate verification for
//! package managers and runtimes: the environment variables
//! `PYTHONHTTPSVERIFY=0`, `NODE_TLS_REJECT_UNAUTHORIZED=0`,
//! `NPM_CONFIG_STRICT_SSL=false`, `GIT_SSL_NO_VERIFY` and `PIP_TRUSTED_HOST`
//! in `ENV` or `ARG`, and `RUN` commands that set `strict-ssl false` for npm
//! or yarn, `http.sslVerify false` for git, or `sslverify=0` for yum/dnf.
//!
//! ## Why is this bad?
//! Every later download in the build (and, for `ENV`, every connection the
//! application makes at run time) then accepts any certificate, so a machine
//! in the middle can serve its own packages or read the credentials sent.
//!
//! ## Example
//! ```dockerfile
//! FROM node:22
//! ENV NODE_TLS_REJECT_UNAUTHORIZED=0
//! RUN npm config set strict-ssl false && npm ci
//! ```
//!
//! Use instead:
//! ```dockerfile
//! FROM node:22
//! COPY corp-ca.pem /usr/local/share/ca-certificates/corp-ca.crt
//! ENV NODE_EXTRA_CA_CERTS=/usr/local/share/ca-certificates/corp-ca.crt
//! RUN npm ci
//! ```
//!
//! ## Remediation
//! Add the proxy's or mirror's CA certificate to the image (or to
//! `NODE_EXTRA_CA_CERTS`, `PIP_CERT`, `GIT_SSL_CAINFO`) instead of turning
//! verification off.
//!
//! ## References
//! - MITRE ATT&CK: [T1557](https://attack.mitre.org/techniques/T1557/)
//! - MITRE ATT&CK: [T1195.002](https://attack.mitre.org/techniques/T1195/002/)
//! - <https://nodejs.org/api/cli.html#node_tls_reject_unauthorizedvalue>
//! - <https://peps.python.org/pep-0493/>

use crate::checks::prelude::*;

check! {
    id: "MAM-DF-047",
    name: "tls_verification_disabled",
    group: "dockerfile",
    title: "TLS verification disabled for package managers or runtimes",
    severity: High,
    attack: ["T1557", "T1195.002"],
    refs: { checkov: ["CKV2_DOCKER_5", "CKV2_DOCKER_6", "CKV2_DOCKER_12", "CKV2_DOCKER_13", "CKV2_DOCKER_14", "CKV2_DOCKER_15", "CKV2_DOCKER_16"], cis_docker: ["4.11"] },
    run: Dockerfile(run),
}

/// `(variable, values that disable verification; empty = any value)`.
const VARS: &[(&str, &[&str])] = &[
    ("PYTHONHTTPSVERIFY", &["0"]),
    ("NODE_TLS_REJECT_UNAUTHORIZED", &["0"]),
    ("NPM_CONFIG_STRICT_SSL", &["false", "0"]),
    ("GIT_SSL_NO_VERIFY", &[]),
    ("PIP_TRUSTED_HOST", &[]),
];

fn run(df: &Dockerfile, settings: &Settings, out: &mut Out) {
    let _ = settings;
    for i in df
        .instructions
        .iter()
        .filter(|i| i.keyword == "ENV" || i.keyword == "ARG")
    {
        for (k, v) in env_pairs(&i.args) {
            if let Some(var) = disabling_var(&k, &v) {
                out.emit(
                    i.line,
                    format!("{} sets {var}: TLS verification is disabled", i.keyword),
                );
            }
        }
    }
    for (i, text) in runs(df) {
        let cmds = shell_commands(&text);
        for c in &cmds {
            // `NODE_TLS_REJECT_UNAUTHORIZED=0 npm ci`, `export PYTHONHTTPSVERIFY=0`.
            for w in c {
                if let Some(var) = w.split_once('=').and_then(|(k, v)| disabling_var(k, v)) {
                    out.emit(
                        i.line,
                        format!("RUN sets {var}: TLS verification is disabled"),
                    );
                }
            }
            let words: Vec<String> = c.iter().map(|w| w.to_ascii_lowercase()).collect();
            let prog = words.first().map(|w| w.rsplit('/').next().unwrap_or(w));
            let has = |w: &str| words.iter().any(|x| x == w);
            let what = match prog {
                Some("npm" | "yarn" | "pnpm")
                    if has("config") && has("strict-ssl") && (has("false") || has("0")) =>
                {
                    Some("strict-ssl false")
                }
                Some("npm" | "yarn" | "pnpm") if has("--strict-ssl=false") => {
                    Some("strict-ssl false")
                }
                Some("git") if git_disables_ssl_verify(&words) => Some("git http.sslVerify false"),
                _ => None,
            };
            if let Some(what) = what {
                out.emit(
                    i.line,
                    format!("RUN sets {what}: TLS verification is disabled"),
                );
            }
        }
        let lower = text.to_ascii_lowercase().replace(' ', "");
        if ["sslverify=0", "sslverify=false", "sslverify=no"]
            .iter()
            .any(|p| lower.contains(p))
            && (lower.contains("yum") || lower.contains("dnf"))
        {
            out.emit(
                i.line,
                "RUN sets sslverify off for yum/dnf: TLS verification is disabled",
            );
        }
    }
}

/// `NAME=value` when `NAME` is one of [`VARS`] and the value turns
/// verification off.
fn disabling_var(name: &str, value: &str) -> Option<String> {
    let k = name.to_ascii_uppercase();
    let (_, bad) = VARS.iter().find(|(n, _)| *n == k)?;
    let v = value.trim_matches(|c| c == '"' || c == '\'');
    let disables = if bad.is_empty() {
        !v.is_empty()
    } else {
        bad.iter().any(|b| v.eq_ignore_ascii_case(b))
    };
    disables.then(|| format!("{k}={v}"))
}

/// `git -c http.sslVerify=false …` or `git config [--global] http.sslVerify false`.
fn git_disables_ssl_verify(words: &[String]) -> bool {
    let off = |v: &str| matches!(v, "false" | "0" | "no" | "off");
    words.iter().any(|w| {
        w.strip_prefix("http.sslverify=")
            .or_else(|| {
                w.strip_prefix("http.")
                    .and_then(|r| r.split_once(".sslverify=").map(|(_, v)| v))
            })
            .is_some_and(off)
    }) || words.windows(2).any(|p| {
        (p[0] == "http.sslverify" || (p[0].starts_with("http.") && p[0].ends_with(".sslverify")))
            && off(&p[1])
    })
}
