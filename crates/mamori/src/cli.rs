//! Flag definitions (clap derive) and command dispatch.
//!
//! Exit codes: 0 success; the `--exit-code` value when findings at or above
//! `--severity` are present; 1 on errors (bad input, unreadable image, registry
//! failures); 2 on usage errors (clap).

use crate::output::{write_output, Format};
use crate::progress::ProgressUi;
use crate::vuln_cmd::SeverityFilter;
use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand};
use mamori_image::{ImageRef, OpenOptions, Platform};
use mamori_report::{ImageInfo, LayerInfo, Report, Target, TargetKind};
use mamori_scan::{Cache, ScanOptions};
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit code for runtime errors.
pub const EXIT_ERROR: u8 = 1;

/// mamori: know what is in your containers.
#[derive(Debug, Parser)]
#[command(name = "mamori", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every command accepts.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Print nothing but the report and errors (no progress, no warnings).
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Debug logging to stderr.
    #[arg(long, global = true)]
    pub debug: bool,
    /// Cache directory (layer analysis results).
    #[arg(long, global = true, env = "MAMORI_CACHE_DIR", value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Do not read or write the layer cache (cold scan).
    #[arg(long, global = true)]
    pub no_cache: bool,
    /// Upper bound of the layer cache, in MiB; least recently used entries go first.
    #[arg(long, global = true, default_value_t = 1024, value_name = "MIB")]
    pub cache_max_mib: u64,
    /// Vulnerability database directory.
    #[arg(long, global = true, env = "MAMORI_DB_DIR", value_name = "DIR")]
    pub db_dir: Option<PathBuf>,
    /// Refuse layers that decompress to more than SIZE (guards against decompression bombs).
    #[arg(long, global = true, default_value = "64GiB", value_parser = parse_size, value_name = "SIZE")]
    pub max_layer_size: u64,
    /// Refuse layers or directory trees with more than N entries.
    #[arg(long, global = true, default_value_t = 10_000_000, value_name = "N")]
    pub max_layer_entries: u64,
}

/// Parses `123`, `64KiB`, `100MiB`, `2GiB` (also `K`, `M`, `G`, `KB`, `MB`, `GB` as binary units).
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: u64 = num
        .parse()
        .map_err(|_| format!("invalid size {s:?}: expected e.g. 512MiB"))?;
    let mult: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        "t" | "tb" | "tib" => 1 << 40,
        other => return Err(format!("invalid size unit {other:?} in {s:?}")),
    };
    n.checked_mul(mult)
        .ok_or_else(|| format!("size {s:?} is too large"))
}

impl GlobalArgs {
    /// The vulnerability database directory.
    pub fn db_dir(&self) -> PathBuf {
        self.db_dir
            .clone()
            .unwrap_or_else(crate::db::default_db_dir)
    }

    fn limits(&self) -> mamori_image::WalkLimits {
        mamori_image::WalkLimits {
            max_entries: self.max_layer_entries,
            max_bytes: self.max_layer_size,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scan a container image: oci:DIR[:TAG], oci-archive:FILE[:TAG],
    /// docker-archive:FILE[:REF], docker://REGISTRY/REPO[:TAG|@DIGEST], or a bare reference/path.
    Image(ImageArgs),
    /// Scan a project directory (lockfiles, manifests, vendored packages).
    Fs(DirArgs),
    /// Scan an unpacked root filesystem (OS packages and installed language packages).
    Rootfs(DirArgs),
    /// Check Kubernetes manifests and Dockerfiles for misconfigurations
    /// (files, directories, or `-` for standard input, e.g. `kubectl kustomize | mamori config -`).
    Config(crate::config_cmd::ConfigArgs),
    /// List the built-in misconfiguration checks.
    Checks(crate::config_cmd::ChecksArgs),
    /// Scan an SBOM (CycloneDX, SPDX, or a mamori JSON report) for vulnerabilities,
    /// or re-evaluate a directory of stored SBOMs (`mamori sbom rescan DIR`).
    Sbom(crate::sbom_cmd::SbomArgs),
    /// Manage the vulnerability database.
    Db(crate::db::DbArgs),
    /// Manage the layer cache.
    Cache {
        #[command(subcommand)]
        action: CacheAction,
    },
}

#[derive(Debug, Subcommand)]
pub enum CacheAction {
    /// Remove every cached layer analysis.
    Clean,
    /// Show the cache location and size.
    Status,
}

/// Output flags shared by scanning commands.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Write the report to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ImageArgs {
    /// The image reference.
    pub reference: String,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub vuln: crate::vuln_cmd::VulnArgs,
    /// Platform to select from multi-platform images (os/arch[/variant]).
    #[arg(long, default_value = "linux/amd64")]
    pub platform: String,
    /// Registry user name.
    #[arg(long, env = "MAMORI_USERNAME")]
    pub username: Option<String>,
    /// Read the registry password from standard input.
    #[arg(long, requires = "username")]
    pub password_stdin: bool,
    /// Allow plain-HTTP registries and skip TLS certificate verification.
    #[arg(long)]
    pub insecure: bool,
    /// Extra CA certificate (PEM) to trust for registry TLS.
    #[arg(long, value_name = "FILE")]
    pub ca_cert: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DirArgs {
    /// The directory.
    pub path: PathBuf,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub vuln: crate::vuln_cmd::VulnArgs,
}

/// Sets up `tracing` on stderr according to `--quiet` / `--debug` / `RUST_LOG`.
pub fn init_logging(g: &GlobalArgs) {
    use std::io::IsTerminal;
    let default = if g.debug {
        "debug"
    } else if g.quiet {
        "error"
    } else {
        "warn"
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(g.debug)
        .without_time()
        .try_init();
}

/// Runs the parsed command.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Image(args) => image(&cli.global, args),
        Command::Fs(args) => dir(&cli.global, args, TargetKind::Fs),
        Command::Rootfs(args) => dir(&cli.global, args, TargetKind::Rootfs),
        Command::Cache { action } => cache(&cli.global, action),
        Command::Config(args) => crate::config_cmd::run(args),
        Command::Sbom(args) => crate::sbom_cmd::run(&cli.global, args),
        Command::Checks(args) => crate::config_cmd::checks(args),
        Command::Db(args) => {
            crate::db::run(&cli.global.db_dir(), cli.global.quiet, args)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn open_cache(g: &GlobalArgs) -> Option<Cache> {
    if g.no_cache {
        return None;
    }
    let dir = g.cache_dir.clone().unwrap_or_else(Cache::default_dir);
    match Cache::open(&dir, g.cache_max_mib.saturating_mul(1 << 20)) {
        Ok(c) => Some(c),
        Err(e) => {
            tracing::warn!("layer cache disabled: {e}");
            None
        }
    }
}

fn image(g: &GlobalArgs, args: ImageArgs) -> Result<ExitCode> {
    args.vuln.check()?;
    let reference = ImageRef::parse(&args.reference)?;
    let platform = Platform::parse(&args.platform).with_context(|| {
        format!(
            "invalid --platform {:?}: expected os/arch[/variant]",
            args.platform
        )
    })?;
    let mut options = OpenOptions {
        platform,
        ..OpenOptions::default()
    };
    options.registry.insecure = args.insecure;
    options.registry.ca_cert = args.ca_cert.clone();
    options.registry.username = args.username.clone();
    if args.password_stdin {
        let mut password = String::new();
        std::io::stdin()
            .read_line(&mut password)
            .context("reading the registry password from standard input")?;
        options.registry.password = Some(password.trim_end_matches(['\r', '\n']).to_string());
    }
    let image = mamori_image::open(&reference, &options)?;
    let cache = open_cache(g);
    let ui = ProgressUi::new(g.quiet, image.layers.len());
    let cb = |p| ui.event(p);
    let secret_scanner = crate::secrets_cmd::scanner(&args.vuln, IMAGE_SCANNERS)?;
    let malware_scanner = crate::malware_cmd::scanner(&args.vuln, IMAGE_SCANNERS)?;
    let config_checks = args.vuln.wants("config", IMAGE_SCANNERS);
    let fact_spec = crate::malware_cmd::fact_spec();
    let scan_opts = ScanOptions {
        cache: cache.as_ref(),
        progress: Some(&cb),
        limits: g.limits(),
        secrets: secret_scanner.as_ref(),
        malware: malware_scanner.as_ref(),
        facts: config_checks.then_some(&fact_spec),
    };
    let scan = mamori_scan::scan_image(&image, &scan_opts)
        .with_context(|| format!("scanning {}", args.reference))?;
    ui.finish();
    let history: Vec<&mamori_image::manifest::History> = image
        .config
        .history
        .iter()
        .filter(|h| !h.empty_layer)
        .collect();
    let layers = image
        .layers
        .iter()
        .enumerate()
        .map(|(i, l)| LayerInfo {
            digest: l.digest.clone(),
            diff_id: l.diff_id.clone(),
            created_by: history.get(i).and_then(|h| h.created_by.clone()),
        })
        .collect();
    let target = Target {
        kind: TargetKind::Image,
        name: args.reference.clone(),
        image: Some(ImageInfo {
            manifest_digest: image.manifest_digest.clone(),
            config_digest: image.config_digest(),
            repo_tag: image.repo_tag.clone(),
            platform: format!("{}/{}", image.config.os, image.config.architecture),
            layers,
        }),
    };
    let mut report = Report::new(
        target,
        scan.inventory.os.clone(),
        scan.inventory.packages.clone(),
    );
    let mut code = crate::vuln_cmd::apply(
        &mut report,
        &scan.inventory,
        &args.vuln,
        &g.db_dir(),
        IMAGE_SCANNERS,
    )?;
    let filter = SeverityFilter::parse(args.vuln.severity.as_deref())?;
    if let Some(scanner) = &secret_scanner {
        let mut secrets = crate::secrets_cmd::image_secrets(scanner, &image, &scan.layers);
        secrets.retain(|s| filter.keeps(&s.severity));
        if !secrets.is_empty() && code == 0 {
            code = args.vuln.exit_code;
        }
        report.secrets = Some(secrets);
    }
    if malware_scanner.is_some() {
        let mut found = crate::malware_cmd::image_malware(&scan.layers);
        found.retain(|m| filter.keeps(&m.severity));
        if !found.is_empty() && code == 0 {
            code = args.vuln.exit_code;
        }
        report.malware = Some(found);
    }
    if config_checks {
        let facts = crate::malware_cmd::image_facts(&image, &scan.layers);
        let mut found = crate::malware_cmd::image_misconfigs(&facts);
        found.retain(|m| filter.keeps(&m.severity));
        if !found.is_empty() && code == 0 {
            code = args.vuln.exit_code;
        }
        report.misconfigurations = Some(found);
    }
    write_output(&report, &args.output)?;
    Ok(ExitCode::from(code))
}

fn dir(g: &GlobalArgs, args: DirArgs, kind: TargetKind) -> Result<ExitCode> {
    args.vuln.check()?;
    if !args.path.is_dir() {
        bail!("{}: not a directory", args.path.display());
    }
    if args.vuln.wants("config", DIR_SCANNERS) {
        bail!(
            "--scanners config checks built images; for manifests and Dockerfiles run `mamori config {}`",
            args.path.display()
        );
    }
    let secret_scanner = crate::secrets_cmd::scanner(&args.vuln, DIR_SCANNERS)?;
    let malware_scanner = crate::malware_cmd::scanner(&args.vuln, DIR_SCANNERS)?;
    let opts = ScanOptions {
        limits: g.limits(),
        secrets: secret_scanner.as_ref(),
        malware: malware_scanner.as_ref(),
        ..ScanOptions::default()
    };
    let mamori_scan::DirScan {
        inventory,
        secrets,
        malware,
    } = mamori_scan::scan_dir(&args.path, &opts)?;
    let target = Target {
        kind,
        name: args.path.display().to_string(),
        image: None,
    };
    let mut report = Report::new(target, inventory.os.clone(), inventory.packages.clone());
    let mut code = crate::vuln_cmd::apply(
        &mut report,
        &inventory,
        &args.vuln,
        &g.db_dir(),
        DIR_SCANNERS,
    )?;
    let filter = SeverityFilter::parse(args.vuln.severity.as_deref())?;
    if secret_scanner.is_some() {
        let mut secrets = crate::secrets_cmd::dir_secrets(secrets);
        secrets.retain(|s| filter.keeps(&s.severity));
        if !secrets.is_empty() && code == 0 {
            code = args.vuln.exit_code;
        }
        report.secrets = Some(secrets);
    }
    if malware_scanner.is_some() {
        let mut found = crate::malware_cmd::dir_malware(&malware);
        found.retain(|m| filter.keeps(&m.severity));
        if !found.is_empty() && code == 0 {
            code = args.vuln.exit_code;
        }
        report.malware = Some(found);
    }
    write_output(&report, &args.output)?;
    Ok(ExitCode::from(code))
}

/// Scanners that run on images unless `--scanners` says otherwise.
const IMAGE_SCANNERS: &[&str] = &["vuln", "secret"];
/// Scanners that run on `fs` and `rootfs` unless `--scanners` says otherwise.
const DIR_SCANNERS: &[&str] = &["vuln"];

fn cache(g: &GlobalArgs, action: CacheAction) -> Result<ExitCode> {
    let dir = g.cache_dir.clone().unwrap_or_else(Cache::default_dir);
    let cache = Cache::open(&dir, g.cache_max_mib.saturating_mul(1 << 20))?;
    match action {
        CacheAction::Clean => {
            let n = cache.clean()?;
            if !g.quiet {
                eprintln!("removed {n} cached layer analyses from {}", dir.display());
            }
        }
        CacheAction::Status => {
            let (n, bytes) = cache.usage();
            println!(
                "{}: {n} layer analyses, {:.1} MiB (limit {} MiB)",
                dir.display(),
                bytes as f64 / 1048576.0,
                g.cache_max_mib
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
