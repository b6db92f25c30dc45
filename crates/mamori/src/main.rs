//! The `mamori` command line: parse flags, run one command, map the outcome to
//! an exit code. Everything else lives in the library crates.

mod cli;
mod config_cmd;
mod db;
mod malware_cmd;
mod output;
mod progress;
mod sbom_cmd;
mod secrets_cmd;
mod vuln_cmd;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args = <cli::Cli as clap::Parser>::parse();
    cli::init_logging(&args.global);
    match cli::run(args) {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`mamori … | head`) is not an error.
            if err.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("mamori: error: {err:#}");
            ExitCode::from(cli::EXIT_ERROR)
        }
    }
}
