//! Output formats and destinations.

use anyhow::{Context, Result};
use mamori_report::Report;
use std::io::Write;

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Human-readable table.
    Table,
    /// mamori's JSON (docs/json-schema.md).
    Json,
    /// CycloneDX 1.6 JSON.
    Cyclonedx,
    /// SPDX 2.3 JSON.
    #[value(name = "spdx-json")]
    SpdxJson,
    /// SARIF 2.1.0 (GitHub code scanning).
    Sarif,
    /// OpenVEX 0.2.0 statements for the findings.
    Openvex,
}

/// Renders `report` and writes it to `--output` or standard output.
pub fn write_output(report: &Report, args: &crate::cli::OutputArgs) -> Result<()> {
    let mut text = match args.format {
        Format::Table => {
            use std::io::IsTerminal;
            let color = args.output.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            mamori_report::to_table_colored(report, color)
        }
        Format::Sarif => mamori_report::to_sarif(report),
        Format::Openvex => mamori_report::to_openvex(report),
        Format::Json => mamori_report::to_json(report),
        Format::Cyclonedx => mamori_report::to_cyclonedx(report),
        Format::SpdxJson => mamori_report::to_spdx(report),
    };
    if !text.ends_with('\n') {
        text.push('\n');
    }
    match &args.output {
        Some(path) => {
            std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
            Ok(())
        }
    }
}
