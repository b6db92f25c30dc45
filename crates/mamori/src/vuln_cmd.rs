//! Vulnerability scanning glue for `image`, `fs`, `rootfs` and `sbom`: which
//! scanners run, where advisories come from, filtering, suppression and the
//! exit code.

use crate::db;
use anyhow::{bail, Context, Result};
use clap::Args;
use mamori_inventory::Inventory;
use mamori_report::Report;
use mamori_vuln::{apply_suppressions, IgnoreFile, MatchOptions, Suppressor, Vex};
use mamori_vulndb::{Severity, VulnDb};
use std::path::{Path, PathBuf};

/// Flags shared by every command that can report vulnerabilities.
#[derive(Debug, Args, Clone)]
pub struct VulnArgs {
    /// Scanners to run, comma-separated: vuln, secret, malware, config (images
    /// only: image configuration checks), none. Default: vuln (when a database
    /// exists or --osv is given), plus secret for images.
    #[arg(long, value_delimiter = ',', value_name = "LIST")]
    pub scanners: Option<Vec<String>>,
    /// Severities to report: one level means that level and above (HIGH), a
    /// comma list means exactly those (HIGH,CRITICAL).
    #[arg(long, value_name = "SEVERITY")]
    pub severity: Option<String>,
    /// Exit with this code when findings remain after filtering and suppression.
    #[arg(long, default_value_t = 0, value_name = "CODE")]
    pub exit_code: u8,
    /// Leave out vulnerabilities with no fixed version.
    #[arg(long)]
    pub ignore_unfixed: bool,
    /// Also match kernel header packages (linux-libc-dev, kernel-headers…).
    #[arg(long)]
    pub include_kernel: bool,
    /// Ignore file (default: ./.mamoriignore, then ./.trivyignore, when present).
    #[arg(long, value_name = "FILE")]
    pub ignorefile: Option<PathBuf>,
    /// VEX document (OpenVEX or CycloneDX VEX); not_affected/fixed statements
    /// suppress findings (repeatable).
    #[arg(long, value_name = "FILE")]
    pub vex: Vec<PathBuf>,
    /// Secret rules in gitleaks TOML format (added to the built-in rules when the
    /// file says `[extend] useDefault = true`).
    #[arg(long, value_name = "FILE")]
    pub secret_config: Option<PathBuf>,
    /// YARA rules for the malware scanner: a file, or a directory of
    /// .yar/.yara files (repeatable; added to the built-in rules).
    #[arg(long, value_name = "PATH")]
    pub malware_rules: Vec<PathBuf>,
    /// Known-bad SHA-256 list for the malware scanner (`sha256sum` format;
    /// repeatable).
    #[arg(long, value_name = "FILE")]
    pub malware_hashes: Vec<PathBuf>,
    /// Match against OSV records from these files/directories/zips instead of
    /// the database (repeatable; useful offline and for one-off advisories).
    #[arg(long, value_name = "PATH")]
    pub osv: Vec<PathBuf>,
}

/// Which severities pass the filter.
#[derive(Debug, Clone)]
pub enum SeverityFilter {
    /// Everything.
    All,
    /// At or above.
    Min(Severity),
    /// Exactly these.
    Set(Vec<Severity>),
}

impl SeverityFilter {
    pub fn parse(s: Option<&str>) -> Result<SeverityFilter> {
        let Some(s) = s else {
            return Ok(SeverityFilter::All);
        };
        let parts: Vec<&str> = s
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let parse = |p: &str| -> Result<Severity> {
            p.parse::<Severity>().map_err(|_| {
                anyhow::anyhow!(
                    "invalid --severity {p:?}: expected UNKNOWN, LOW, MEDIUM, HIGH or CRITICAL"
                )
            })
        };
        match parts.as_slice() {
            [] => bail!("--severity is empty"),
            [one] => Ok(SeverityFilter::Min(parse(one)?)),
            many => Ok(SeverityFilter::Set(
                many.iter().map(|p| parse(p)).collect::<Result<_>>()?,
            )),
        }
    }

    pub fn keeps(&self, s: &str) -> bool {
        let Ok(sev) = s.parse::<Severity>() else {
            return true;
        };
        match self {
            SeverityFilter::All => true,
            SeverityFilter::Min(m) => sev >= *m,
            SeverityFilter::Set(v) => v.contains(&sev),
        }
    }
}

impl VulnArgs {
    /// Whether `name` runs; `default` is the command's default list.
    pub fn wants(&self, name: &str, default: &[&str]) -> bool {
        match &self.scanners {
            Some(list) => list.iter().any(|s| s == name),
            None => default.contains(&name),
        }
    }

    fn explicit(&self, name: &str) -> bool {
        self.scanners
            .as_ref()
            .is_some_and(|l| l.iter().any(|s| s == name))
    }

    /// Validates `--scanners` values.
    pub fn check(&self) -> Result<()> {
        if let Some(list) = &self.scanners {
            for s in list {
                if !matches!(
                    s.as_str(),
                    "vuln" | "secret" | "malware" | "config" | "none"
                ) {
                    bail!(
                        "invalid --scanners value {s:?}: expected vuln, secret, malware, config or none"
                    );
                }
            }
        }
        SeverityFilter::parse(self.severity.as_deref())?;
        Ok(())
    }
}

/// Opens the advisories: `--osv` files, else the database. `Ok(None)` when the
/// scanner was not asked for explicitly and no database exists (then a scan
/// lists packages only, with a warning).
fn open_db(args: &VulnArgs, db_dir: &Path) -> Result<Option<(Option<tempfile::TempDir>, VulnDb)>> {
    if !args.osv.is_empty() {
        let (tmp, db) = db::from_osv_paths(&args.osv)?;
        return Ok(Some((Some(tmp), db)));
    }
    if !db_dir.join(mamori_vulndb::DB_FILE).is_file() && !args.explicit("vuln") {
        tracing::warn!(
            "no vulnerability database at {}; listing packages only (run `mamori db update`, or pass --osv PATH)",
            db_dir.display()
        );
        return Ok(None);
    }
    let db = db::open(db_dir)?;
    db::warn_if_stale(&db);
    Ok(Some((None, db)))
}

fn load_suppressors(args: &VulnArgs) -> Result<Vec<Box<dyn Suppressor>>> {
    let mut out: Vec<Box<dyn Suppressor>> = Vec::new();
    let ignore = match &args.ignorefile {
        Some(p) => {
            if !p.is_file() {
                bail!("{}: no such ignore file", p.display());
            }
            Some(p.clone())
        }
        None => [".mamoriignore", ".trivyignore"]
            .iter()
            .map(PathBuf::from)
            .find(|p| p.is_file()),
    };
    if let Some(p) = ignore {
        let f = IgnoreFile::load(&p)?;
        for w in f.warnings() {
            tracing::warn!("{w}");
        }
        out.push(Box::new(f));
    }
    for v in &args.vex {
        out.push(Box::new(Vex::load(v)?));
    }
    Ok(out)
}

/// Matches `inventory` and fills the report's vulnerability sections. Returns
/// the exit code to use (0 or `--exit-code`).
pub fn apply(
    report: &mut Report,
    inventory: &Inventory,
    args: &VulnArgs,
    db_dir: &Path,
    defaults: &[&str],
) -> Result<u8> {
    if !args.wants("vuln", defaults) {
        return Ok(0);
    }
    let Some((_guard, db)) = open_db(args, db_dir)? else {
        return Ok(0);
    };
    let filter = SeverityFilter::parse(args.severity.as_deref())?;
    let opts = MatchOptions {
        ignore_unfixed: args.ignore_unfixed,
        include_kernel: args.include_kernel,
        min_severity: None,
    };
    let findings =
        mamori_vuln::match_inventory(inventory, &db, &opts).context("matching vulnerabilities")?;
    let findings: Vec<_> = findings
        .into_iter()
        .filter(|f| filter.keeps(&f.severity))
        .collect();
    let suppressors = load_suppressors(args)?;
    let refs: Vec<&dyn Suppressor> = suppressors.iter().map(|b| b.as_ref()).collect();
    let (kept, suppressed) = apply_suppressions(findings, &refs);
    let code = if !kept.is_empty() { args.exit_code } else { 0 };
    report.vulnerabilities = Some(kept);
    report.suppressed = suppressed;
    Ok(code)
}
