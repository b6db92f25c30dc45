//! `mamori db …`: import, update and inspect the vulnerability database, and
//! find the database a scan should use.

use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand};
use mamori_vulndb::VulnDb;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Days after which a database is called stale (a warning, never a refusal).
pub const STALE_DAYS: u64 = 7;

/// osv.dev ecosystems `mamori db update` fetches by default.
pub const DEFAULT_ECOSYSTEMS: &[&str] = &[
    "Debian",
    "Ubuntu",
    "Alpine",
    "AlmaLinux",
    "Rocky Linux",
    "openSUSE",
    "SUSE",
    "Wolfi",
    "Chainguard",
    "PyPI",
    "npm",
    "Go",
    "Maven",
    "crates.io",
    "RubyGems",
    "Packagist",
    "NuGet",
    "Hex",
    "Pub",
];

#[derive(Debug, Args)]
pub struct DbArgs {
    #[command(subcommand)]
    pub action: DbAction,
}

#[derive(Debug, Subcommand)]
pub enum DbAction {
    /// Build the database from OSV JSON files, directories, or zip archives
    /// (the osv.dev layout `<Ecosystem>/all.zip`). Replaces the current database.
    Import {
        /// Files, directories or zips.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Download `<Ecosystem>/all.zip` from osv.dev (or a mirror) and swap the
    /// database atomically; an interrupted update leaves the old one serving.
    Update {
        /// Ecosystems to fetch (osv.dev names, e.g. Debian PyPI); default: all common ones.
        ecosystems: Vec<String>,
        /// Mirror base URL (http(s):// or file://) with the osv.dev layout.
        #[arg(long, env = "MAMORI_DB_MIRROR")]
        mirror: Option<String>,
    },
    /// Show records per ecosystem and the database's age.
    Status,
}

/// `--db-dir`, `MAMORI_DB_DIR`, else `$XDG_CACHE_HOME/mamori/db`, else `~/.cache/mamori/db`.
pub fn default_db_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("XDG_CACHE_HOME") {
        return PathBuf::from(d).join("mamori").join("db");
    }
    match std::env::var_os("HOME") {
        Some(h) => PathBuf::from(h).join(".cache").join("mamori").join("db"),
        None => std::env::temp_dir().join("mamori-db"),
    }
}

fn progress(quiet: bool) -> impl FnMut(mamori_vulndb::Progress<'_>) {
    move |p| {
        if !quiet && p.done {
            eprintln!("  {}: {} records", p.source, p.records);
        }
    }
}

/// Runs a `db` subcommand.
pub fn run(dir: &Path, quiet: bool, args: DbArgs) -> Result<()> {
    match args.action {
        DbAction::Import { paths } => {
            for p in &paths {
                if !p.exists() {
                    bail!("{}: no such file or directory", p.display());
                }
            }
            let start = std::time::Instant::now();
            let s = VulnDb::import(dir, &paths, &mut progress(quiet))
                .with_context(|| format!("importing into {}", dir.display()))?;
            if !quiet {
                eprintln!(
                    "imported {} records into {} in {:.1}s ({} withdrawn skipped, {} unparsable)",
                    s.records,
                    s.path.display(),
                    start.elapsed().as_secs_f64(),
                    s.withdrawn,
                    s.skipped
                );
            }
        }
        DbAction::Update { ecosystems, mirror } => {
            let list: Vec<&str> = if ecosystems.is_empty() {
                DEFAULT_ECOSYSTEMS.to_vec()
            } else {
                ecosystems.iter().map(String::as_str).collect()
            };
            let s = mamori_vulndb::update(dir, &list, mirror.as_deref(), &mut progress(quiet))
                .context(
                "updating the vulnerability database (the previous database, if any, is unchanged)",
            )?;
            if !quiet {
                eprintln!(
                    "database {} now holds {} records",
                    s.path.display(),
                    s.records
                );
            }
        }
        DbAction::Status => {
            let db = open(dir)?;
            let st = db.status()?;
            let now = SystemTime::now();
            println!("{}: {} records", st.path.display(), st.records);
            for e in &st.ecosystems {
                let age = now
                    .duration_since(e.imported_at)
                    .unwrap_or_default()
                    .as_secs()
                    / 3600;
                println!(
                    "  {:<14} {:>7} records, imported {}h ago from {}",
                    e.ecosystem, e.records, age, e.source
                );
            }
            if st.is_stale(now, STALE_DAYS) {
                eprintln!(
                    "warning: the database is older than {STALE_DAYS} days; run `mamori db update`"
                );
            }
        }
    }
    Ok(())
}

/// Opens the database for a scan, with a helpful error when it is missing.
pub fn open(dir: &Path) -> Result<VulnDb> {
    VulnDb::open(dir).map_err(|e| {
        anyhow::anyhow!(
            "{e}; create it with `mamori db update` (or `mamori db import PATH` offline), \
             pass --osv PATH to match against OSV files directly, or use --scanners without vuln"
        )
    })
}

/// Builds a throwaway database from OSV files for `--osv PATH` (kept in a temp
/// directory that lives as long as the returned guard).
pub fn from_osv_paths(paths: &[PathBuf]) -> Result<(tempfile::TempDir, VulnDb)> {
    let tmp = tempfile::tempdir().context("creating a temporary database directory")?;
    VulnDb::import(tmp.path(), paths, &mut |_| {}).context("importing --osv advisories")?;
    let db = VulnDb::open(tmp.path())?;
    Ok((tmp, db))
}

/// Warns when the database is stale (never refuses).
pub fn warn_if_stale(db: &VulnDb) {
    if let Ok(st) = db.status() {
        if st.is_stale(SystemTime::now(), STALE_DAYS) {
            let days = st.age(SystemTime::now()).as_secs() / 86_400;
            tracing::warn!("the vulnerability database is {days} days old; run `mamori db update`");
        }
    }
}
