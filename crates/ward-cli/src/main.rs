//! The `ward` command: argument parsing, progress, output files and exit codes. Thin: the work
//! is done by `ward-scan` (the pipeline), `ward-policy` (configuration and gate) and
//! `ward-report` (renderers). `ward serve` and `ward scan --upload` call `ward-server` (the
//! `server` feature, on by default); `ward-server` never imports this crate.

mod cli;
mod commands;
mod db;
mod progress;
mod sbom;
#[cfg(feature = "server")]
mod server;
mod update;

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

/// Exit code when the scan ran and nothing reached the gate.
pub const EXIT_OK: u8 = 0;
/// Exit code when the gate failed.
pub const EXIT_GATE_FAILED: u8 = 1;
/// Exit code when Ward could not run as asked (bad arguments, config, paths; an incomplete scan
/// under `--fail-closed`).
pub const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
    let version = cli::long_version();
    let command = cli::Cli::command()
        .long_version(version.clone())
        .version(version);
    let matches = command.get_matches();
    let cli = match cli::Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(err) => err.exit(),
    };
    match commands::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            let mut stderr = std::io::stderr().lock();
            let _ = writeln!(stderr, "error: {err:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}
