//! `mamori sbom FILE` (vulnerabilities of an SBOM's packages, without the
//! image) and `mamori sbom rescan DIR` (re-evaluate stored SBOMs and reports
//! against the current database: what is new, what is fixed).

use crate::output::write_output;
use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use mamori_report::{Report, Target, TargetKind};
use mamori_vuln::MatchOptions;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct SbomArgs {
    #[command(subcommand)]
    pub action: Option<SbomAction>,
    /// A CycloneDX (JSON/XML) or SPDX (JSON/tag-value) SBOM, or a mamori JSON report.
    #[arg(required = true)]
    pub file: Option<PathBuf>,
    #[command(flatten)]
    pub output: crate::cli::OutputArgs,
    #[command(flatten)]
    pub vuln: crate::vuln_cmd::VulnArgs,
}

#[derive(Debug, Subcommand)]
pub enum SbomAction {
    /// Re-match every SBOM/report in DIR against the current database and
    /// report findings that are new or fixed since the previous rescan (state
    /// kept in DIR/.mamori-rescan.json).
    Rescan {
        /// Directory of stored SBOMs and reports.
        dir: PathBuf,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
        /// Leave out vulnerabilities with no fixed version.
        #[arg(long)]
        ignore_unfixed: bool,
        /// Exit with this code when new findings appeared.
        #[arg(long, default_value_t = 0)]
        exit_code: u8,
    },
}

pub fn run(g: &crate::cli::GlobalArgs, args: SbomArgs) -> Result<ExitCode> {
    if let Some(SbomAction::Rescan {
        dir,
        json,
        ignore_unfixed,
        exit_code,
    }) = args.action
    {
        let db = crate::db::open(&g.db_dir())?;
        crate::db::warn_if_stale(&db);
        let opts = MatchOptions {
            ignore_unfixed,
            ..MatchOptions::default()
        };
        let start = std::time::Instant::now();
        let r = mamori_vuln::rescan_dir(&dir, &db, &opts)
            .with_context(|| format!("rescanning {}", dir.display()))?;
        let mut out = String::new();
        if json {
            let v = serde_json::json!({
                "files": r.files, "reused": r.reused, "unchanged": r.unchanged_count,
                "new": r.new.iter().map(|(f, x)| serde_json::json!({"file": f, "finding": x})).collect::<Vec<_>>(),
                "fixed": r.fixed.iter().map(|(f, x)| serde_json::json!({"file": f, "finding": x})).collect::<Vec<_>>(),
                "errors": r.errors.iter().map(|(f, e)| serde_json::json!({"file": f, "error": e})).collect::<Vec<_>>(),
                "removed": r.removed,
            });
            out = serde_json::to_string_pretty(&v)?;
            out.push('\n');
        } else {
            for (f, x) in &r.new {
                out.push_str(&format!(
                    "NEW    {f}: {} {} {}@{}\n",
                    x.id, x.severity, x.package.name, x.package.version
                ));
            }
            for (f, x) in &r.fixed {
                out.push_str(&format!(
                    "FIXED  {f}: {} {}@{}\n",
                    x.id, x.package.name, x.package.version
                ));
            }
            for (f, e) in &r.errors {
                out.push_str(&format!("ERROR  {f}: {e}\n"));
            }
            out.push_str(&format!(
                "{} documents ({} reused) in {:.2}s: {} new, {} fixed, {} unchanged findings\n",
                r.files,
                r.reused,
                start.elapsed().as_secs_f64(),
                r.new.len(),
                r.fixed.len(),
                r.unchanged_count
            ));
        }
        std::io::stdout().lock().write_all(out.as_bytes())?;
        return Ok(ExitCode::from(if r.new.is_empty() { 0 } else { exit_code }));
    }
    let Some(file) = args.file else {
        anyhow::bail!("usage: mamori sbom FILE | mamori sbom rescan DIR")
    };
    args.vuln.check()?;
    let bytes = std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
    let name = file.display().to_string();
    let inventory = mamori_vuln::read_document(&name, &bytes).map_err(|e| anyhow::anyhow!(e))?;
    let target = Target {
        kind: TargetKind::Sbom,
        name,
        image: None,
    };
    let mut report = Report::new(target, inventory.os.clone(), inventory.packages.clone());
    let code = crate::vuln_cmd::apply(&mut report, &inventory, &args.vuln, &g.db_dir(), &["vuln"])?;
    write_output(&report, &args.output)?;
    Ok(ExitCode::from(code))
}
