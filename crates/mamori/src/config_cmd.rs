//! `mamori config PATH… | -` and `mamori checks list`: misconfiguration checks
//! over Kubernetes manifests and Dockerfiles, Pod Security Standards, Rego
//! policies and compliance summaries. Rendering of config findings lives here
//! because only the CLI knows wire formats.

use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand, ValueEnum};
use mamori_config::{
    compliance_summary, registry, ConstraintTemplate, ControlStatus, Finding, Input, Level,
    RegoPolicies, Scanner, Settings, Severity, Version,
};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::json;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConfigFormat {
    Table,
    Json,
    Sarif,
    Junit,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Files or directories (Kubernetes YAML/JSON, Dockerfiles); `-` reads standard input.
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = ConfigFormat::Table)]
    pub format: ConfigFormat,
    /// Write the report to FILE.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Report only findings at or above this severity (LOW, MEDIUM, HIGH, CRITICAL).
    #[arg(long, value_name = "SEVERITY")]
    pub severity: Option<Severity>,
    /// Exit with this code when findings (at or above --severity) remain.
    #[arg(long, default_value_t = 0)]
    pub exit_code: u8,
    /// Disable a check (repeatable).
    #[arg(long = "disable", value_name = "ID")]
    pub disabled: Vec<String>,
    /// Change a check's severity: ID=SEVERITY (repeatable).
    #[arg(long = "severity-override", value_name = "ID=SEVERITY")]
    pub severity_overrides: Vec<String>,
    /// Registry prefix images may come from (repeatable); enables the untrusted-registry check.
    #[arg(long = "trusted-registry", value_name = "PREFIX")]
    pub trusted_registries: Vec<String>,
    /// Evaluate exactly the Pod Security Standards controls of a level: baseline|restricted[@v1.N].
    #[arg(long, value_name = "LEVEL[@VERSION]")]
    pub pss: Option<String>,
    /// Rego policies: conftest-style deny/warn/violation modules, or Gatekeeper
    /// ConstraintTemplates with their Constraints (YAML) in the same directory.
    #[arg(long, value_name = "DIR")]
    pub policy: Vec<PathBuf>,
    /// Summarise controls of a framework: pss-baseline, pss-restricted, nsa, cis-k8s, cis-docker, mitre.
    #[arg(long, value_name = "FRAMEWORK")]
    pub compliance: Option<String>,
}

#[derive(Debug, Args)]
pub struct ChecksArgs {
    #[command(subcommand)]
    pub action: ChecksAction,
}

#[derive(Debug, Subcommand)]
pub enum ChecksAction {
    /// List every built-in check.
    List {
        /// Output format.
        #[arg(short, long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
}

/// `mamori checks list`.
pub fn checks(args: ChecksArgs) -> Result<ExitCode> {
    let ChecksAction::List { format } = args.action;
    let mut out = String::new();
    match format {
        ListFormat::Json => {
            out = serde_json::to_string_pretty(&mamori_config::checks_json())?;
            out.push('\n');
        }
        ListFormat::Table => {
            for c in registry() {
                out.push_str(&format!(
                    "{:<12} {:<8} {:<28} {}\n",
                    c.id,
                    c.severity.to_string(),
                    c.attack.join(","),
                    c.title
                ));
            }
            out.push_str(&format!("{} checks\n", registry().len()));
        }
    }
    std::io::stdout().lock().write_all(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn is_config_file(p: &Path) -> bool {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    name.ends_with(".yaml")
        || name.ends_with(".yml")
        || name.ends_with(".json")
        || name == "dockerfile"
        || name.starts_with("dockerfile.")
        || name.ends_with(".dockerfile")
        || name == "containerfile"
}

/// Collects inputs: files as given, directories recursively (config files only), `-` as stdin.
fn collect(paths: &[String]) -> Result<Vec<Input>> {
    let mut inputs = Vec::new();
    for p in paths {
        if p == "-" {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .context("reading standard input")?;
            inputs.push(Input::new("-", buf));
            continue;
        }
        let path = Path::new(p);
        if path.is_dir() {
            let mut files: Vec<PathBuf> = files_under(path, true);
            files.sort();
            for f in files {
                let bytes =
                    std::fs::read(&f).with_context(|| format!("reading {}", f.display()))?;
                inputs.push(Input::new(f.display().to_string(), bytes));
            }
        } else if path.is_file() {
            let bytes =
                std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
            inputs.push(Input::new(p, bytes));
        } else {
            bail!("{p}: no such file or directory");
        }
    }
    Ok(inputs)
}

/// Files below `dir`, depth first. Config scans skip hidden directories and
/// never follow symlinks; policy directories are read as the user laid them
/// out (hidden directories and symlinks included).
fn files_under(dir: &Path, config_scan: bool) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if config_scan {
                let Ok(ft) = e.file_type() else { continue };
                if ft.is_dir() && !e.file_name().to_string_lossy().starts_with('.') {
                    stack.push(p);
                } else if ft.is_file() && is_config_file(&p) {
                    out.push(p);
                }
            } else if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

fn parse_pss(s: &str) -> Result<(Level, Version)> {
    let (level, version) = match s.split_once(['@', ':']) {
        Some((l, v)) => (l, Some(v)),
        None => (s, None),
    };
    let level: Level = level
        .parse()
        .map_err(|e: String| anyhow::anyhow!("--pss {s:?}: {e}"))?;
    let version = match version {
        None | Some("latest") => Version::LATEST,
        Some(v) => Version::parse(v).map_err(|e| anyhow::anyhow!("--pss {s:?}: {e}"))?,
    };
    Ok((level, version))
}

/// Gatekeeper templates with the constraints that use them.
type GatekeeperSet = Vec<(ConstraintTemplate, Vec<mamori_config::Constraint>)>;

/// Loads `--policy` directories: `.rego` modules and Gatekeeper YAML.
fn load_policies(dirs: &[PathBuf]) -> Result<(Option<RegoPolicies>, GatekeeperSet)> {
    let mut modules = Vec::new();
    let mut templates = Vec::new();
    let mut constraints = Vec::new();
    for dir in dirs {
        let mut files = if dir.is_file() {
            vec![dir.clone()]
        } else {
            files_under(dir, false)
        };
        files.sort();
        for f in files {
            let name = f.display().to_string();
            if name.ends_with(".rego") && !name.ends_with("_test.rego") {
                modules.push((
                    name.clone(),
                    std::fs::read_to_string(&f).with_context(|| format!("reading {name}"))?,
                ));
            } else if name.ends_with(".yaml") || name.ends_with(".yml") {
                let bytes = std::fs::read(&f).with_context(|| format!("reading {name}"))?;
                for obj in mamori_config::parse_documents(&name, &bytes)
                    .map_err(|e| anyhow::anyhow!("{e}"))?
                {
                    if obj.kind() == "ConstraintTemplate" {
                        templates.push(
                            ConstraintTemplate::from_object(&obj)
                                .map_err(|e| anyhow::anyhow!("{name}: {e}"))?,
                        );
                    } else if obj.api_version().starts_with("constraints.gatekeeper.sh/") {
                        constraints.push(mamori_config::Constraint::from_object(&obj));
                    }
                }
            }
        }
    }
    let rego = if modules.is_empty() {
        None
    } else {
        Some(RegoPolicies::new(&modules).map_err(|e| anyhow::anyhow!("{e}"))?)
    };
    let mut gk = Vec::new();
    for t in templates {
        let mine: Vec<_> = constraints
            .iter()
            .filter(|c| c.kind == t.kind)
            .cloned()
            .collect();
        gk.push((t, mine));
    }
    Ok((rego, gk))
}

/// `mamori config`.
pub fn run(args: ConfigArgs) -> Result<ExitCode> {
    let mut settings = Settings {
        trusted_registries: args.trusted_registries.clone(),
        ..Settings::default()
    };
    settings.disabled = args.disabled.iter().cloned().collect();
    for o in &args.severity_overrides {
        let (id, sev) = o
            .split_once('=')
            .with_context(|| format!("--severity-override {o:?}: expected ID=SEVERITY"))?;
        let sev: Severity = sev
            .parse()
            .map_err(|e: String| anyhow::anyhow!("--severity-override {o:?}: {e}"))?;
        settings.severity_overrides.insert(id.to_string(), sev);
    }
    if let Some(p) = &args.pss {
        settings.pss = Some(parse_pss(p)?);
    }
    let scanner = Scanner::new(settings);
    for id in scanner.unknown_ids() {
        tracing::warn!("unknown check id {id:?} in --disable/--severity-override");
    }
    let scanner = if args.pss.is_some() {
        scanner.only("MAM-K8S-058")
    } else {
        scanner
    };
    let started = std::time::Instant::now();
    let inputs = collect(&args.paths)?;
    tracing::debug!("read {} inputs in {:?}", inputs.len(), started.elapsed());
    let mut scan = scanner.scan(&inputs);
    tracing::debug!(
        "scanned: {} findings after {:?}",
        scan.findings.len(),
        started.elapsed()
    );
    for e in &scan.errors {
        tracing::warn!("{e}");
    }
    if !args.policy.is_empty() {
        let (rego, gk) = load_policies(&args.policy)?;
        let objects: Vec<mamori_config::Object> = inputs
            .iter()
            .filter(|i| i.kind == mamori_config::InputKind::Manifest)
            .filter_map(|i| mamori_config::parse_documents(&i.path, &i.bytes).ok())
            .flatten()
            .collect();
        if let Some(mut rego) = rego {
            for (i, r) in rego.eval_objects(&objects) {
                let obj = &objects[i];
                match r {
                    Ok(results) => {
                        for res in results {
                            scan.findings.push(policy_finding(
                                obj,
                                &format!("{}.{}", res.package, res.rule),
                                res.rule == "warn",
                                res.message,
                            ));
                        }
                    }
                    Err(e) => bail!("policy evaluation failed on {}: {e}", obj.file),
                }
            }
        }
        for (mut template, constraints) in gk {
            for obj in &objects {
                for c in &constraints {
                    match template.review(c, obj, &objects) {
                        Ok(violations) => {
                            for msg in violations {
                                scan.findings.push(policy_finding(
                                    obj,
                                    &format!("gatekeeper:{}/{}", c.kind, c.name),
                                    false,
                                    msg,
                                ));
                            }
                        }
                        Err(e) => bail!("constraint {}: {e}", c.name),
                    }
                }
            }
        }
    }
    if let Some(min) = args.severity {
        scan.findings.retain(|f| f.severity >= min);
    }
    let compliance = match &args.compliance {
        Some(fw) => Some(compliance_summary(fw, &scan.findings).map_err(|e| anyhow::anyhow!(e))?),
        None => None,
    };
    let sink: Box<dyn Write> = match &args.output {
        Some(p) => {
            Box::new(std::fs::File::create(p).with_context(|| format!("writing {}", p.display()))?)
        }
        None => Box::new(std::io::stdout().lock()),
    };
    let mut w = BufWriter::with_capacity(1 << 16, sink);
    match args.format {
        ConfigFormat::Json => {
            let errors: Vec<String> = scan.errors.iter().map(|e| e.to_string()).collect();
            write_json(&mut w, &scan.findings, &errors, compliance.as_deref())?;
        }
        ConfigFormat::Sarif => {
            write_sarif(&mut w, &scan.findings)?;
            w.write_all(b"\n")?;
        }
        ConfigFormat::Junit => w.write_all(junit(&scan.findings, &inputs).as_bytes())?,
        ConfigFormat::Table => {
            let mut text = table(&scan.findings, inputs.len());
            if let (Some(fw), Some(controls)) = (&args.compliance, &compliance) {
                text.push_str(&compliance_table(fw, controls));
            }
            w.write_all(text.as_bytes())?;
        }
    }
    let what = args.output.as_ref().map_or_else(
        || "standard output".to_string(),
        |p| p.display().to_string(),
    );
    w.flush().with_context(|| format!("writing {what}"))?;
    drop(w);
    tracing::debug!("report written after {:?}", started.elapsed());
    if args.exit_code != 0 && !scan.findings.is_empty() {
        return Ok(ExitCode::from(args.exit_code));
    }
    Ok(ExitCode::SUCCESS)
}

fn policy_finding(obj: &mamori_config::Object, id: &str, warn: bool, message: String) -> Finding {
    Finding {
        check_id: Cow::Owned(id.to_string()),
        severity: if warn { Severity::Low } else { Severity::High },
        title: Cow::Owned(format!("policy {id}")),
        message,
        file: obj.file.clone(),
        line: obj.line(),
        object: Some(Arc::new(mamori_config::ObjectRef::of(obj))),
        attack: &[],
    }
}

/// Findings serialised per window of [`write_each`]: enough work to share
/// between threads, little enough to keep the rendered bytes small.
const WINDOW: usize = 8192;

/// Writes `items` rendered by `render`, separated by `sep`. Each window of
/// items is rendered in parallel into buffers, then written in order, so the
/// output is the same as a sequential loop's and memory stays bounded.
fn write_each<T: Sync>(
    w: &mut impl Write,
    items: &[T],
    sep: &[u8],
    render: impl Fn(&T, &mut Vec<u8>) -> serde_json::Result<()> + Sync,
) -> Result<()> {
    for (n, window) in items.chunks(WINDOW).enumerate() {
        let bufs: Vec<Vec<u8>> = window
            .par_chunks(512)
            .map(|chunk| {
                let mut buf = Vec::with_capacity(chunk.len() * 256);
                for (i, item) in chunk.iter().enumerate() {
                    if i > 0 {
                        buf.extend_from_slice(sep);
                    }
                    render(item, &mut buf)?;
                }
                Ok(buf)
            })
            .collect::<serde_json::Result<_>>()?;
        for (i, b) in bufs.iter().enumerate() {
            if n > 0 || i > 0 {
                w.write_all(sep)?;
            }
            w.write_all(b)?;
        }
    }
    Ok(())
}

/// Pretty-prints `v` for embedding at one level of indentation.
fn pretty_nested(v: &impl Serialize) -> Result<String> {
    Ok(serde_json::to_string_pretty(v)?.replace('\n', "\n  "))
}

/// `--format json`: `{"findings": [...], "errors": [...], "compliance": ...}`,
/// one finding per line (so the findings can be rendered in parallel and read
/// with line tools), the rest pretty-printed.
fn write_json(
    w: &mut impl Write,
    findings: &[Finding],
    errors: &[String],
    compliance: Option<&[ControlStatus]>,
) -> Result<()> {
    w.write_all(b"{\n  \"findings\": [")?;
    if !findings.is_empty() {
        w.write_all(b"\n    ")?;
        write_each(w, findings, b",\n    ", |f, buf| {
            serde_json::to_writer(buf, f)
        })?;
        w.write_all(b"\n  ")?;
    }
    w.write_all(b"],\n  \"errors\": ")?;
    w.write_all(pretty_nested(&errors)?.as_bytes())?;
    w.write_all(b",\n  \"compliance\": ")?;
    w.write_all(pretty_nested(&compliance)?.as_bytes())?;
    w.write_all(b"\n}\n")?;
    Ok(())
}

/// Failing objects listed per control in the table; JSON lists them all.
const TABLE_FAILING_LIMIT: usize = 10;

fn compliance_table(fw: &str, controls: &[ControlStatus]) -> String {
    let failing = controls.iter().filter(|c| c.status == "fail").count();
    let mut text = format!(
        "\n{fw}: {} controls, {} pass, {failing} fail\n",
        controls.len(),
        controls.len() - failing
    );
    for c in controls {
        text.push_str(&format!(
            "  [{}] {} ({} findings)\n",
            c.status.to_uppercase(),
            c.control,
            c.findings
        ));
        for o in c.failing.iter().take(TABLE_FAILING_LIMIT) {
            text.push_str(&format!("      {o}\n"));
        }
        if c.failing.len() > TABLE_FAILING_LIMIT {
            text.push_str(&format!(
                "      … and {} more objects\n",
                c.failing.len() - TABLE_FAILING_LIMIT
            ));
        }
    }
    text
}

fn table(findings: &[Finding], files: usize) -> String {
    let mut by_file: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        by_file.entry(&*f.file).or_default().push(f);
    }
    let mut out = String::new();
    for (file, fs) in &by_file {
        out.push_str(&format!("{file} ({} findings)\n", fs.len()));
        for f in fs {
            let obj = f
                .object
                .as_ref()
                .map(|o| format!(" {}/{}", o.kind, o.name))
                .unwrap_or_default();
            out.push_str(&format!(
                "  {:>5}  {:<12} {:<8} {}{}\n",
                format!("L{}", f.line),
                f.check_id,
                f.severity.to_string(),
                f.message,
                obj
            ));
        }
    }
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for f in findings {
        *counts.entry(f.severity.to_string()).or_default() += 1;
    }
    out.push_str(&format!(
        "\n{} findings in {} of {files} files (CRITICAL: {}, HIGH: {}, MEDIUM: {}, LOW: {})\n",
        findings.len(),
        by_file.len(),
        counts.get("CRITICAL").unwrap_or(&0),
        counts.get("HIGH").unwrap_or(&0),
        counts.get("MEDIUM").unwrap_or(&0),
        counts.get("LOW").unwrap_or(&0),
    ));
    out
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "note",
    }
}

fn security_severity(sev: Severity) -> &'static str {
    match sev {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "2.0",
    }
}

/// SARIF 2.1.0: one run, one rule per check that fired, one result per finding
/// with the file and line of the offending field. Rules are few and built as
/// JSON values; results are serialised from the findings straight into the
/// writer (in parallel windows), never as one JSON tree.
fn write_sarif(w: &mut impl Write, findings: &[Finding]) -> Result<()> {
    let checks: HashMap<&str, &mamori_config::Check> =
        registry().iter().map(|c| (c.id, *c)).collect();
    let mut rule_ids: Vec<&str> = findings.iter().map(|f| &*f.check_id).collect();
    rule_ids.sort_unstable();
    rule_ids.dedup();
    let rules: Vec<_> = rule_ids
        .iter()
        .map(|id| {
            let (title, sev, doc, attack): (&str, _, &str, &[&str]) = match checks.get(id) {
                Some(c) => (c.title, c.severity, c.doc(), c.attack),
                None => (id, Severity::High, "", &[]),
            };
            let mut tags = vec!["security".to_string(), "misconfiguration".to_string()];
            tags.extend(attack.iter().map(|t| format!("external/mitre-attack/{t}")));
            let full = if doc.is_empty() {
                title.to_string()
            } else {
                doc.lines().take(3).collect::<Vec<_>>().join(" ")
            };
            json!({
                "id": id,
                "name": id.replace('-', ""),
                "shortDescription": {"text": title},
                "fullDescription": {"text": full},
                "help": {"text": doc, "markdown": doc},
                "defaultConfiguration": {"level": sarif_level(sev)},
                "properties": {"security-severity": security_severity(sev), "tags": tags},
            })
        })
        .collect();
    let index: HashMap<&str, usize> = rule_ids
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, i))
        .collect();
    let tool = json!({"driver": {
        "name": "mamori",
        "version": env!("CARGO_PKG_VERSION"),
        "informationUri": "https://example.invalid/mamori",
        "rules": rules,
    }});
    w.write_all(
        b"{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{\"tool\":",
    )?;
    serde_json::to_writer(&mut *w, &tool)?;
    w.write_all(b",\"results\":[")?;
    write_each(w, findings, b",", |f, buf| {
        serde_json::to_writer(
            buf,
            &SarifResult {
                rule_id: &f.check_id,
                rule_index: index.get(&*f.check_id).copied().unwrap_or(0),
                level: sarif_level(f.severity),
                message: SarifText { text: &f.message },
                locations: [SarifLocation {
                    physical_location: SarifPhysical {
                        artifact_location: SarifArtifact {
                            uri: f.file.trim_start_matches("./"),
                        },
                        region: SarifRegion {
                            start_line: f.line.max(1),
                        },
                    },
                }],
            },
        )
    })?;
    w.write_all(b"]}]}")?;
    Ok(())
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: SarifText<'a>,
    locations: [SarifLocation<'a>; 1],
}

#[derive(Serialize)]
struct SarifText<'a> {
    text: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation<'a> {
    physical_location: SarifPhysical<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifPhysical<'a> {
    artifact_location: SarifArtifact<'a>,
    region: SarifRegion,
}

#[derive(Serialize)]
struct SarifArtifact<'a> {
    uri: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRegion {
    start_line: usize,
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// JUnit XML: one test suite per file, one failing test case per finding
/// (and one passing case for a file without findings).
fn junit(findings: &[Finding], inputs: &[Input]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"mamori\" tests=\"{}\" failures=\"{}\">\n",
        findings.len().max(1),
        findings.len()
    ));
    for input in inputs {
        let fs: Vec<&Finding> = findings.iter().filter(|f| *f.file == *input.path).collect();
        out.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\">\n",
            xml_escape(&input.path),
            fs.len().max(1),
            fs.len()
        ));
        if fs.is_empty() {
            out.push_str("    <testcase classname=\"mamori\" name=\"no findings\"/>\n");
        }
        for f in fs {
            out.push_str(&format!(
                "    <testcase classname=\"{}\" name=\"{} line {}\">\n      <failure type=\"{}\" message=\"{}\"/>\n    </testcase>\n",
                xml_escape(&f.check_id),
                xml_escape(&f.check_id),
                f.line,
                f.severity,
                xml_escape(&f.message)
            ));
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}
