//! Deterministic generator of a labelled secret-scanning corpus: true secrets
//! (random tokens in each vendor's format) and decoys (documented example
//! keys, placeholders, hashes, UUIDs, base64 blobs, code references, public
//! keys, test fixtures) embedded in realistic .env, YAML, JSON, shell,
//! Python, Dockerfile, properties and TOML files.
//!
//! Shared by `tests/eval.rs` (which regenerates a corpus in memory and scores
//! the scanner) and `examples/make_corpus.rs` (which writes it to disk with
//! `labels.json` for comparing other tools). Nothing here depends on the
//! scanner: labels come from how the corpus was built.

#![allow(dead_code)]

/// splitmix64: tiny, seeded, and stable across platforms and Rust versions.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    pub fn chars(&mut self, set: &str, n: usize) -> String {
        let set = set.as_bytes();
        (0..n).map(|_| set[self.below(set.len())] as char).collect()
    }
    pub fn b62(&mut self, n: usize) -> String {
        self.chars(B62, n)
    }
    pub fn b64u(&mut self, n: usize) -> String {
        self.chars(B64U, n)
    }
    pub fn b64(&mut self, n: usize) -> String {
        self.chars(B64, n)
    }
    pub fn hex(&mut self, n: usize) -> String {
        self.chars(HEX, n)
    }
    pub fn upper(&mut self, n: usize) -> String {
        self.chars(UP, n)
    }
    pub fn digits(&mut self, n: usize) -> String {
        let mut s = self.chars("123456789", 1);
        s.push_str(&self.chars("0123456789", n - 1));
        s
    }
    pub fn uuid(&mut self) -> String {
        format!(
            "{}-{}-4{}-{}{}-{}",
            self.hex(8),
            self.hex(4),
            self.hex(3),
            self.pick(&["8", "9", "a", "b"]),
            self.hex(3),
            self.hex(12)
        )
    }
    /// A human-ish password: letters, digits and one symbol.
    pub fn password(&mut self) -> String {
        let n = self.range(8, 14);
        let mut s = self.b62(n);
        // Not first: a leading `!`, `&`, `*` or `%` reads as a YAML tag,
        // anchor, alias or template, which scanners rightly skip.
        let pos = 1 + self.below(s.len() - 1);
        s.insert(
            pos,
            *self.pick(&['!', '#', '%', '&', '*', '+', '?', '^', '~']),
        );
        s.push_str(&self.digits(2));
        s
    }
}

pub const B62: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
pub const B64: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
pub const B64U: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
pub const HEX: &str = "0123456789abcdef";
pub const UP: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
pub const B32: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// One expected (or expected-absent) secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// Rule ID for secrets; decoy kind for decoys.
    pub kind: String,
}

#[derive(Debug, Default)]
pub struct Corpus {
    pub files: Vec<(String, String)>,
    pub secrets: Vec<Label>,
    pub decoys: Vec<Label>,
}

/// A secret generator: rule ID, the variable name it is assigned to, and the
/// value.
type Gen = fn(&mut Rng) -> (&'static str, &'static str, String);

const SECRETS: &[Gen] = &[
    |r| {
        (
            "aws-access-key-id",
            "AWS_ACCESS_KEY_ID",
            format!("AKIA{}", r.chars(B32, 16)),
        )
    },
    |r| ("aws-secret-access-key", "AWS_SECRET_ACCESS_KEY", r.b64(40)),
    |r| {
        (
            "gcp-api-key",
            "GOOGLE_API_KEY",
            format!("AIza{}", r.b64u(35)),
        )
    },
    |r| {
        (
            "google-oauth-client-secret",
            "GOOGLE_CLIENT_SECRET",
            format!("GOCSPX-{}", r.b64u(28)),
        )
    },
    |r| {
        (
            "azure-storage-account-key",
            "AZURE_STORAGE_ACCOUNT_KEY",
            format!("{}==", r.b64(86)),
        )
    },
    |r| {
        let v = format!(
            "{}{}Q~{}",
            r.b62(3),
            r.digits(1),
            r.chars(
                "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_~.-",
                34
            )
        );
        ("azure-ad-client-secret", "AZURE_CLIENT_SECRET", v)
    },
    |r| {
        (
            "digitalocean-pat",
            "DIGITALOCEAN_TOKEN",
            format!("dop_v1_{}", r.hex(64)),
        )
    },
    |r| {
        (
            "heroku-api-key-v2",
            "HEROKU_API_KEY",
            format!("HRKU-AA{}", r.b64u(58)),
        )
    },
    |r| ("heroku-api-key", "HEROKU_API_KEY", r.uuid()),
    |r| ("github-pat", "GITHUB_TOKEN", format!("ghp_{}", r.b62(36))),
    |r| {
        (
            "github-fine-grained-pat",
            "GH_PAT",
            format!("github_pat_{}_{}", r.b62(22), r.b62(59)),
        )
    },
    |r| {
        (
            "github-oauth-token",
            "GH_OAUTH_TOKEN",
            format!("gho_{}", r.b62(36)),
        )
    },
    |r| {
        (
            "github-app-token",
            "GH_INSTALLATION_TOKEN",
            format!("ghs_{}", r.b62(36)),
        )
    },
    |r| {
        (
            "gitlab-pat",
            "GITLAB_TOKEN",
            format!("glpat-{}", r.b64u(20)),
        )
    },
    |r| {
        (
            "gitlab-runner-auth-token",
            "RUNNER_TOKEN",
            format!("glrt-{}", r.b64u(20)),
        )
    },
    |r| {
        (
            "gitlab-deploy-token",
            "DEPLOY_TOKEN",
            format!("gldt-{}", r.b64u(20)),
        )
    },
    |r| {
        (
            "gitlab-pipeline-trigger-token",
            "TRIGGER_TOKEN",
            format!("glptt-{}", r.hex(40)),
        )
    },
    |r| {
        (
            "bitbucket-app-password",
            "BITBUCKET_APP_PASSWORD",
            format!("ATBB{}", r.b62(32)),
        )
    },
    |r| {
        (
            "slack-bot-token",
            "SLACK_BOT_TOKEN",
            format!("xoxb-{}-{}-{}", r.digits(11), r.digits(13), r.b62(24)),
        )
    },
    |r| {
        (
            "slack-user-token",
            "SLACK_USER_TOKEN",
            format!(
                "xoxp-{}-{}-{}-{}",
                r.digits(11),
                r.digits(11),
                r.digits(13),
                r.hex(32)
            ),
        )
    },
    |r| {
        (
            "slack-webhook-url",
            "SLACK_WEBHOOK_URL",
            format!(
                "https://hooks.slack.com/services/T{}/B{}/{}",
                r.upper(8),
                r.upper(10),
                r.b62(24)
            ),
        )
    },
    |r| {
        (
            "discord-webhook-url",
            "DISCORD_WEBHOOK",
            format!(
                "https://discord.com/api/webhooks/{}/{}",
                r.digits(19),
                r.b64u(68)
            ),
        )
    },
    |r| {
        (
            "telegram-bot-token",
            "TELEGRAM_BOT_TOKEN",
            format!("{}:AA{}", r.digits(10), r.b64u(33)),
        )
    },
    |r| {
        ("stripe-secret-key", "STRIPE_SECRET_KEY", {
            let n = r.range(24, 99);
            format!("sk_live_{}", r.b62(n))
        })
    },
    |r| {
        ("stripe-restricted-key", "STRIPE_RESTRICTED_KEY", {
            let n = r.range(24, 99);
            format!("rk_live_{}", r.b62(n))
        })
    },
    |r| {
        (
            "stripe-webhook-secret",
            "STRIPE_WEBHOOK_SECRET",
            format!("whsec_{}", r.b62(32)),
        )
    },
    |r| ("twilio-auth-token", "TWILIO_AUTH_TOKEN", r.hex(32)),
    |r| {
        (
            "sendgrid-api-key",
            "SENDGRID_API_KEY",
            format!("SG.{}.{}", r.b64u(22), r.b64u(43)),
        )
    },
    |r| {
        (
            "mailgun-private-key",
            "MAILGUN_API_KEY",
            format!("key-{}", r.hex(32)),
        )
    },
    |r| {
        (
            "mailchimp-api-key",
            "MAILCHIMP_API_KEY",
            format!("{}-us{}", r.hex(32), r.range(1, 21)),
        )
    },
    |r| {
        (
            "npm-access-token",
            "NPM_TOKEN",
            format!("npm_{}", r.b62(36)),
        )
    },
    |r| {
        (
            "pypi-upload-token",
            "PYPI_TOKEN",
            format!("pypi-AgEIcHlwaS5vcmc{}", r.b64u(70)),
        )
    },
    |r| {
        (
            "dockerhub-pat",
            "DOCKERHUB_TOKEN",
            format!("dckr_pat_{}", r.b64u(27)),
        )
    },
    |r| {
        (
            "shopify-access-token",
            "SHOPIFY_ACCESS_TOKEN",
            format!("shpat_{}", r.hex(32)),
        )
    },
    |r| {
        (
            "square-access-token",
            "SQUARE_ACCESS_TOKEN",
            format!("EAAA{}", r.b64u(60)),
        )
    },
    |r| {
        (
            "braintree-access-token",
            "BRAINTREE_ACCESS_TOKEN",
            format!(
                "access_token$production${}${}",
                r.chars("abcdefghijklmnopqrstuvwxyz0123456789", 16),
                r.hex(32)
            ),
        )
    },
    |r| ("datadog-api-key", "DD_API_KEY", r.hex(32)),
    |r| {
        (
            "new-relic-user-api-key",
            "NEW_RELIC_API_KEY",
            format!("NRAK-{}", r.upper(27)),
        )
    },
    |r| {
        (
            "linear-api-key",
            "LINEAR_API_KEY",
            format!("lin_api_{}", r.b62(40)),
        )
    },
    |r| {
        (
            "notion-integration-token",
            "NOTION_TOKEN",
            format!("ntn_{}{}", r.digits(11), r.b62(35)),
        )
    },
    |r| {
        (
            "postman-api-key",
            "POSTMAN_API_KEY",
            format!("PMAK-{}-{}", r.hex(24), r.hex(34)),
        )
    },
    |r| {
        (
            "hashicorp-vault-service-token",
            "VAULT_TOKEN",
            format!("hvs.{}", r.b64u(95)),
        )
    },
    |r| {
        (
            "terraform-cloud-token",
            "TF_TOKEN_app_terraform_io",
            format!("{}.atlasv1.{}", r.b62(14), r.b62(67)),
        )
    },
    |r| {
        (
            "doppler-token",
            "DOPPLER_TOKEN",
            format!("dp.st.prd.{}", r.b62(43)),
        )
    },
    |r| {
        (
            "grafana-service-account-token",
            "GRAFANA_TOKEN",
            format!("glsa_{}_{}", r.b62(32), r.hex(8)),
        )
    },
    |r| {
        (
            "sentry-user-token",
            "SENTRY_AUTH_TOKEN",
            format!("sntryu_{}", r.hex(64)),
        )
    },
    |r| {
        (
            "openai-api-key",
            "OPENAI_API_KEY",
            format!("sk-proj-{}T3BlbkFJ{}", r.b64u(74), r.b64u(74)),
        )
    },
    |r| {
        (
            "anthropic-api-key",
            "ANTHROPIC_API_KEY",
            format!("sk-ant-api03-{}AA", r.b64u(93)),
        )
    },
    |r| ("huggingface-token", "HF_TOKEN", format!("hf_{}", r.b62(34))),
    |r| ("groq-api-key", "GROQ_API_KEY", format!("gsk_{}", r.b62(52))),
    |r| {
        (
            "age-secret-key",
            "SOPS_AGE_KEY",
            format!("AGE-SECRET-KEY-1{}", r.upper(58)),
        )
    },
    |r| {
        (
            "databricks-token",
            "DATABRICKS_TOKEN",
            format!("dapi{}", r.hex(32)),
        )
    },
    |r| {
        (
            "atlassian-api-token",
            "JIRA_API_TOKEN",
            format!("ATATT3xFfGF0{}={}", r.b64u(170), r.upper(8)),
        )
    },
    |r| ("jwt", "SESSION_JWT", jwt(r)),
    |r| {
        let (u, p) = (
            r.pick(&["app", "billing", "svc_orders", "reporting"])
                .to_string(),
            r.password(),
        );
        (
            "postgres-url-password",
            "DATABASE_URL",
            format!(
                "postgres://{u}:{}@db-{}.internal:5432/{u}",
                url_safe(&p),
                r.range(1, 9)
            ),
        )
    },
    |r| {
        let p = r.password();
        (
            "mysql-url-password",
            "MYSQL_DSN",
            format!("mysql://wordpress:{}@mysql.prod.svc:3306/wp", url_safe(&p)),
        )
    },
    |r| {
        let p = r.password();
        (
            "mongodb-url-password",
            "MONGO_URI",
            format!(
                "mongodb+srv://analytics:{}@cluster0.{}.mongodb.net/events",
                url_safe(&p),
                r.chars("abcdefghijklmnopqrstuvwxyz0123456789", 5)
            ),
        )
    },
    |r| {
        let p = r.password();
        (
            "redis-url-password",
            "REDIS_URL",
            format!("redis://:{}@cache.internal:6379/0", url_safe(&p)),
        )
    },
    |r| {
        let p = r.password();
        (
            "amqp-url-password",
            "BROKER_URL",
            format!("amqp://worker:{}@rabbitmq:5672/jobs", url_safe(&p)),
        )
    },
    |r| ("generic-password", "DB_PASSWORD", r.password()),
    |r| ("generic-password", "SMTP_PASSWORD", r.password()),
    |r| {
        (
            "generic-secret",
            "APP_SECRET",
            format!("{}{}", r.b62(20), r.digits(4)),
        )
    },
    |r| {
        (
            "generic-api-key",
            "PAYMENTS_API_KEY",
            format!("{}{}", r.b62(28), r.digits(3)),
        )
    },
];

fn url_safe(p: &str) -> String {
    p.chars()
        .map(|c| match c {
            '#' => "%23".to_string(),
            '%' => "%25".to_string(),
            '&' => "%26".to_string(),
            '+' => "%2B".to_string(),
            '?' => "%3F".to_string(),
            '^' => "%5E".to_string(),
            c => c.to_string(),
        })
        .collect()
}

fn jwt(r: &mut Rng) -> String {
    // Real-looking header/payload: base64url of small JSON objects.
    let header = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";
    let n = r.range(40, 120);
    format!("{header}.eyJ{}.{}", r.b64u(n), r.b64u(43))
}

/// Decoy generators: (kind, variable, value).
type Decoy = fn(&mut Rng) -> (&'static str, &'static str, String);

const DECOYS: &[Decoy] = &[
    |_| {
        (
            "aws-doc-example",
            "AWS_ACCESS_KEY_ID",
            "AKIAIOSFODNN7EXAMPLE".to_string(),
        )
    },
    |_| {
        (
            "aws-doc-example",
            "AWS_SECRET_ACCESS_KEY",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".to_string(),
        )
    },
    |_| {
        ("jwt-io-example", "SAMPLE_JWT", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c".to_string())
    },
    |_| {
        ("azure-emulator-key", "AZURE_STORAGE_ACCOUNT_KEY", "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==".to_string())
    },
    |_| {
        (
            "placeholder",
            "GITHUB_TOKEN",
            "<your-github-token>".to_string(),
        )
    },
    |_| ("placeholder", "API_KEY", "${API_KEY}".to_string()),
    |_| ("placeholder", "DB_PASSWORD", "changeme".to_string()),
    |_| {
        (
            "placeholder",
            "STRIPE_SECRET_KEY",
            "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx".to_string(),
        )
    },
    |_| {
        (
            "placeholder",
            "SLACK_BOT_TOKEN",
            "xoxb-your-bot-token-here".to_string(),
        )
    },
    |_| {
        (
            "placeholder",
            "SECRET_KEY",
            "your_secret_key_here".to_string(),
        )
    },
    |_| {
        (
            "placeholder",
            "GITHUB_TOKEN",
            "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx".to_string(),
        )
    },
    |_| {
        (
            "placeholder",
            "AUTH_TOKEN",
            "{{ .Values.authToken }}".to_string(),
        )
    },
    |_| ("placeholder", "SMTP_PASSWORD", "********".to_string()),
    |_| {
        (
            "placeholder",
            "AWS_SECRET_ACCESS_KEY",
            "REPLACE_ME".to_string(),
        )
    },
    |_| {
        (
            "placeholder",
            "DATABASE_URL",
            "postgres://user:password@localhost:5432/app".to_string(),
        )
    },
    |_| {
        (
            "placeholder",
            "DATABASE_URL",
            "postgres://postgres:postgres@db:5432/postgres".to_string(),
        )
    },
    |_| ("placeholder", "OPENAI_API_KEY", "sk-...".to_string()),
    |_| {
        (
            "placeholder",
            "REDIS_PASSWORD",
            "$(cat /run/secrets/redis)".to_string(),
        )
    },
    |r| ("sha256", "SHA256", r.hex(64)),
    |r| ("md5", "MD5SUM", r.hex(32)),
    |r| ("git-sha", "GIT_COMMIT", r.hex(40)),
    |r| ("git-sha", "SOURCE_REVISION", r.hex(40)),
    |r| {
        (
            "image-digest",
            "BASE_IMAGE",
            format!("python:3.12-slim@sha256:{}", r.hex(64)),
        )
    },
    |r| ("integrity", "INTEGRITY", format!("sha512-{}==", r.b64(86))),
    |r| ("uuid", "REQUEST_ID", r.uuid()),
    |r| ("uuid", "TENANT_ID", r.uuid()),
    |r| ("uuid", "CLIENT_ID", r.uuid()),
    |r| {
        (
            "base64-blob",
            "LOGO_PNG",
            format!("iVBORw0KGgo{}", r.b64(120)),
        )
    },
    |r| ("base64-blob", "CA_BUNDLE_SHA", r.b64(44)),
    |_| {
        (
            "code-reference",
            "DB_PASSWORD",
            "os.environ[\"DB_PASSWORD\"]".to_string(),
        )
    },
    |_| {
        (
            "code-reference",
            "API_TOKEN",
            "settings.API_TOKEN".to_string(),
        )
    },
    |_| {
        (
            "code-reference",
            "CLIENT_SECRET",
            "process.env.CLIENT_SECRET".to_string(),
        )
    },
    |_| ("code-reference", "PASSWORD", "getPassword()".to_string()),
    |r| {
        (
            "password-hash",
            "PASSWORD_HASH",
            format!(
                "$2b$12${}",
                r.chars(
                    "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
                    53
                )
            ),
        )
    },
    |_| {
        (
            "identifier",
            "SECRET_NAME",
            "billing-db-credentials".to_string(),
        )
    },
    |_| {
        (
            "identifier",
            "TOKEN_URL",
            "https://auth.internal/oauth2/token".to_string(),
        )
    },
    |_| ("identifier", "PASSWORD_MIN_LENGTH", "12".to_string()),
    |_| {
        (
            "identifier",
            "SECRET_KEY_FILE",
            "/run/secrets/app_secret_key".to_string(),
        )
    },
    |_| {
        (
            "identifier",
            "PASSWORD_RESET_HANDLER",
            "passwordResetTokenExpiryHandler".to_string(),
        )
    },
    |_| {
        (
            "lorem",
            "DESCRIPTION",
            "Pneumonoultramicroscopicsilicovolcanoconiosis".to_string(),
        )
    },
    |_| {
        (
            "lorem",
            "TAGLINE",
            "Quisquam-Exercitationem-Voluptatibus".to_string(),
        )
    },
    |r| {
        (
            "stripe-test-key",
            "STRIPE_TEST_KEY",
            format!("sk_test_{}", r.b62(24)),
        )
    },
    |r| {
        (
            "mapbox-public",
            "MAPBOX_PUBLIC_TOKEN",
            format!("pk.eyJ1Ijoi{}.{}", r.b64u(40), r.b64u(22)),
        )
    },
    |r| {
        (
            "ssh-public-key",
            "DEPLOY_PUBKEY",
            format!(
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{} deploy@ci",
                r.b64(43)
            ),
        )
    },
    |_| ("version", "NGINX_IMAGE", "nginx:1.25.3-alpine".to_string()),
    |r| {
        (
            "ip-port",
            "UPSTREAM",
            format!(
                "10.{}.{}.{}:8443",
                r.range(0, 255),
                r.range(0, 255),
                r.range(1, 254)
            ),
        )
    },
];

const NOISE_ENV: &[&str] = &[
    "APP_ENV=production",
    "LOG_LEVEL=info",
    "PORT=8080",
    "WORKERS=4",
    "TZ=UTC",
    "FEATURE_FLAGS=checkout_v2,new_nav",
    "CACHE_TTL_SECONDS=300",
    "REGION=eu-west-1",
];

/// The file formats secrets are embedded in.
const FORMATS: &[&str] = &[
    "env",
    "yaml",
    "json",
    "sh",
    "py",
    "dockerfile",
    "properties",
    "toml",
    "compose",
];

fn file_name(format: &str, i: usize, r: &mut Rng) -> String {
    let svc = r.pick(&[
        "billing", "orders", "auth", "gateway", "reports", "search", "notify", "ingest",
    ]);
    match format {
        "env" => format!("services/{svc}-{i}/.env"),
        "yaml" => format!("deploy/{svc}-{i}/values.yaml"),
        "json" => format!("config/{svc}-{i}/settings.json"),
        "sh" => format!("scripts/{svc}-{i}/deploy.sh"),
        "py" => format!("src/{svc}_{i}/settings.py"),
        "dockerfile" => format!("images/{svc}-{i}/Dockerfile"),
        "properties" => format!("java/{svc}-{i}/application.properties"),
        "toml" => format!("apps/{svc}-{i}/config.toml"),
        _ => format!("stacks/{svc}-{i}/docker-compose.yml"),
    }
}

fn header(format: &str) -> Vec<String> {
    match format {
        "json" => vec!["{".into(), "  \"service\": \"api\",".into()],
        "sh" => vec!["#!/bin/sh".into(), "set -eu".into()],
        "py" => vec!["import os".into(), String::new(), "DEBUG = False".into()],
        "dockerfile" => vec!["FROM debian:bookworm-slim".into(), "WORKDIR /app".into()],
        "yaml" => vec!["replicaCount: 2".into(), "env:".into()],
        "toml" => vec![
            "[server]".into(),
            "port = 8080".into(),
            "[credentials]".into(),
        ],
        "compose" => vec![
            "services:".into(),
            "  api:".into(),
            "    image: registry.internal/api:1.4.2".into(),
            "    environment:".into(),
        ],
        "properties" => vec![
            "server.port=8080".into(),
            "spring.application.name=api".into(),
        ],
        _ => vec!["# generated".into()],
    }
}

fn footer(format: &str) -> Vec<String> {
    match format {
        "json" => vec!["  \"version\": 3".into(), "}".into()],
        "sh" => vec!["exec /app/server \"$@\"".into()],
        "dockerfile" => vec!["COPY . .".into(), "CMD [\"/app/server\"]".into()],
        _ => vec![],
    }
}

fn noise(format: &str, r: &mut Rng) -> String {
    let kv = r.pick(NOISE_ENV);
    let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
    assign(format, k, v)
}

/// One `key = value` line in the style of the format.
fn assign(format: &str, key: &str, value: &str) -> String {
    let lower = key.to_ascii_lowercase();
    match format {
        "env" => format!("{key}={value}"),
        "yaml" => format!("  {lower}: \"{value}\""),
        "json" => format!("  \"{lower}\": \"{}\",", value.replace('"', "\\\"")),
        "sh" => format!("export {key}=\"{value}\""),
        "py" => {
            if value.contains('(') || value.starts_with("os.") || value.starts_with("settings.") {
                format!("{key} = {value}")
            } else {
                format!("{key} = \"{value}\"")
            }
        }
        "dockerfile" => format!("ENV {key}={value}"),
        "properties" => format!("{}={value}", lower.replace('_', ".")),
        "toml" => format!("{lower} = \"{value}\""),
        _ => format!("      - {key}={value}"),
    }
}

/// A PEM block with a random body, `lines` lines of 64 characters.
fn pem(label: &str, r: &mut Rng, lines: usize) -> Vec<String> {
    let mut v = vec![format!("-----BEGIN {label}-----")];
    for _ in 0..lines {
        v.push(r.b64(64));
    }
    v.push(format!("{}==", r.b64(30)));
    v.push(format!("-----END {label}-----"));
    v
}

/// Generate a corpus with `n_files` config files plus key files and test
/// fixtures. Deterministic for a given seed.
pub fn generate(seed: u64, n_files: usize) -> Corpus {
    let mut r = Rng::new(seed);
    let mut c = Corpus::default();
    let mut next_secret = 0usize;
    for i in 0..n_files {
        let format = *r.pick(FORMATS);
        let name = file_name(format, i, &mut r);
        let mut lines = header(format);
        let n_secrets = r.range(1, 3);
        let n_decoys = r.range(2, 4);
        let mut slots: Vec<bool> = (0..n_secrets)
            .map(|_| true)
            .chain((0..n_decoys).map(|_| false))
            .collect();
        // Shuffle secrets and decoys among the noise.
        for j in (1..slots.len()).rev() {
            let k = r.below(j + 1);
            slots.swap(j, k);
        }
        for is_secret in slots {
            for _ in 0..r.range(0, 2) {
                lines.push(noise(format, &mut r));
            }
            if is_secret {
                // Walk the generators in order so every type appears.
                let g = SECRETS[next_secret % SECRETS.len()];
                next_secret += 1;
                let (rule, key, value) = g(&mut r);
                lines.push(assign(format, key, &value));
                c.secrets.push(Label {
                    file: name.clone(),
                    line: lines.len(),
                    kind: rule.to_string(),
                });
            } else {
                let d = *r.pick(DECOYS);
                let (kind, key, value) = d(&mut r);
                lines.push(assign(format, key, &value));
                c.decoys.push(Label {
                    file: name.clone(),
                    line: lines.len(),
                    kind: kind.to_string(),
                });
            }
        }
        lines.extend(footer(format));
        c.files.push((name, lines.join("\n") + "\n"));
    }
    // Private keys in their own files, and GCP service-account JSON.
    for i in 0..(n_files / 10).max(2) {
        let (label, rule, path) = *r.pick(&[
            ("RSA PRIVATE KEY", "private-key-rsa", "id_rsa"),
            ("OPENSSH PRIVATE KEY", "private-key-openssh", "id_ed25519"),
            ("EC PRIVATE KEY", "private-key-ec", "tls/server.key"),
            ("PRIVATE KEY", "private-key-pkcs8", "tls/private.pem"),
            (
                "ENCRYPTED PRIVATE KEY",
                "private-key-pkcs8-encrypted",
                "keys/signing.p8",
            ),
        ]);
        let name = format!("home/user{i}/{path}");
        let n = r.range(4, 12);
        let body = pem(label, &mut r, n);
        c.secrets.push(Label {
            file: name.clone(),
            line: 1,
            kind: rule.to_string(),
        });
        c.files.push((name, body.join("\n") + "\n"));
    }
    for i in 0..(n_files / 15).max(1) {
        let name = format!("secrets/gcp-{i}/service-account.json");
        let key_body = pem("PRIVATE KEY", &mut r, 6).join("\\n");
        let lines = [
            "{".to_string(),
            "  \"type\": \"service_account\",".to_string(),
            format!("  \"project_id\": \"acme-prod-{}\",", r.digits(6)),
            format!("  \"private_key_id\": \"{}\",", r.hex(40)),
            format!("  \"private_key\": \"{key_body}\\n\","),
            "  \"client_email\": \"deployer@acme-prod.iam.gserviceaccount.com\",".to_string(),
            format!("  \"client_id\": \"{}\"", r.digits(21)),
            "}".to_string(),
        ];
        c.secrets.push(Label {
            file: name.clone(),
            line: 4,
            kind: "gcp-service-account".into(),
        });
        c.secrets.push(Label {
            file: name.clone(),
            line: 5,
            kind: "private-key-pkcs8".into(),
        });
        c.files.push((name, lines.join("\n") + "\n"));
    }
    // Decoy-only files: public material, placeholder keys, checksums, and a
    // test fixture with real-looking tokens (fixtures are skipped by default).
    for i in 0..(n_files / 10).max(2) {
        let name = format!("certs/bundle-{i}.pem");
        let mut lines = pem("CERTIFICATE", &mut r, 8);
        lines.extend(pem("PUBLIC KEY", &mut r, 4));
        c.decoys.push(Label {
            file: name.clone(),
            line: 1,
            kind: "certificate".into(),
        });
        c.decoys.push(Label {
            file: name.clone(),
            line: 12,
            kind: "public-key".into(),
        });
        c.files.push((name, lines.join("\n") + "\n"));
    }
    for i in 0..(n_files / 10).max(2) {
        let name = format!("README-{i}.md");
        let lines = [
            "# Setup".to_string(),
            "Put your key in `~/.ssh/id_rsa`:".to_string(),
            "```".to_string(),
            "-----BEGIN RSA PRIVATE KEY-----".to_string(),
            "...".to_string(),
            "-----END RSA PRIVATE KEY-----".to_string(),
            "```".to_string(),
            "Set `GITHUB_TOKEN=ghp_<your token>` and `AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE`."
                .to_string(),
            format!("Checksums: sha256 {}  release.tar.gz", r.hex(64)),
        ];
        for (line, kind) in [(4, "placeholder-key"), (8, "placeholder"), (9, "sha256")] {
            c.decoys.push(Label {
                file: name.clone(),
                line,
                kind: kind.into(),
            });
        }
        c.files.push((name, lines.join("\n") + "\n"));
    }
    for i in 0..(n_files / 10).max(2) {
        let name = format!("services/api/tests/fixtures/fixture-{i}.env");
        let mut lines = Vec::new();
        for _ in 0..3 {
            let g = SECRETS[r.below(SECRETS.len())];
            let (_, key, value) = g(&mut r);
            lines.push(assign("env", key, &value));
            c.decoys.push(Label {
                file: name.clone(),
                line: lines.len(),
                kind: "test-fixture".into(),
            });
        }
        c.files.push((name, lines.join("\n") + "\n"));
    }
    c
}

/// labels.json: `{"secrets": [...], "decoys": [...]}` with file, line, kind.
pub fn labels_json(c: &Corpus) -> String {
    let list = |v: &[Label]| {
        v.iter()
            .map(|l| {
                format!(
                    "    {{\"file\": \"{}\", \"line\": {}, \"kind\": \"{}\"}}",
                    l.file, l.line, l.kind
                )
            })
            .collect::<Vec<_>>()
            .join(",\n")
    };
    format!(
        "{{\n  \"secrets\": [\n{}\n  ],\n  \"decoys\": [\n{}\n  ]\n}}\n",
        list(&c.secrets),
        list(&c.decoys)
    )
}
