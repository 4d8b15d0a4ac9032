//! `bakhshyar`: with no subcommand, the desktop application; with one, the command line.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match bakhshyar::i18n::command_line::parse::<cli::Cli>("cli") {
        Ok(cli) => cli,
        Err(refusal) => return refusal.print(),
    };
    // Held to the end: it writes out the last lines of the log file.
    let _log = cli::logging::start(cli.log_dir().as_deref());
    tracing::info!(version = env!("CARGO_PKG_VERSION"), command = cli.command_name(), "started");
    match cli::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("{error:#}");
            ExitCode::from(2)
        }
    }
}
