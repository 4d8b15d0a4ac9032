//! `bakhshyar`: with no subcommand, the desktop application; with one, the command line.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_writer(std::io::stderr)
        .init();
    let cli = match bakhshyar::i18n::command_line::parse::<cli::Cli>("cli") {
        Ok(cli) => cli,
        Err(refusal) => return refusal.print(),
    };
    match cli::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("{error:#}");
            ExitCode::from(2)
        }
    }
}
