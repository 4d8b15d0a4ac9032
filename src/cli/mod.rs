//! Subcommands for administrators and scripts. Human output is Persian by default
//! (`--lang en` or `BAKHSHYAR_LANG=en` for English); `--json` is for scripts.

mod catalog;
mod diagram;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use serde_json::Value;

use bakhshyar::catalog_data;
use bakhshyar::domain::catalog::Catalog;
use bakhshyar::i18n::{Arg, Language, Localizer};

#[derive(Debug, Parser)]
#[command(name = "bakhshyar", version, about = "بخش‌یار — Bakhshyar: district office services")]
pub struct Cli {
    /// Language of messages: fa (default) or en.
    #[arg(long, global = true, env = "BAKHSHYAR_LANG", value_parser = parse_language)]
    pub lang: Option<Language>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The service catalogue.
    #[command(subcommand)]
    Catalog(CatalogCommand),
    /// Draw a service's workflow, or lay out every workflow and report (--stats).
    Diagram(DiagramArgs),
}

#[derive(Debug, clap::Args)]
pub struct DiagramArgs {
    /// The service: 11-digit ID, catalogue number or key.
    #[arg(required_unless_present = "stats")]
    pub service: Option<String>,
    /// The file to write.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// svg (png and pdf are planned); checked by the command so the refusal is localized.
    #[arg(long, default_value = "svg")]
    pub format: String,
    /// Lay out all workflows and print crossings, the largest drawing and the time taken.
    #[arg(long, conflicts_with = "service")]
    pub stats: bool,
}

#[derive(Debug, Subcommand)]
pub enum CatalogCommand {
    /// One line per service: number, ID, kind, sub-service title.
    List {
        /// Only this unit (its slug, e.g. foreign-nationals).
        #[arg(long)]
        unit: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// One service in full, by 11-digit ID, catalogue number or key.
    Show {
        service: String,
        #[arg(long)]
        json: bool,
    },
    /// Validate a catalogue folder (default: the built-in catalogue); non-zero exit on problems.
    Check { dir: Option<PathBuf> },
    /// The whole catalogue in a machine-readable format.
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Json,
}

fn parse_language(code: &str) -> Result<Language, String> {
    Language::from_code(code).ok_or_else(|| format!("unsupported language {code:?}: use fa or en"))
}

/// Where a command writes: stdout for results, stderr for problems.
pub struct Output {
    pub localizer: Localizer,
    pub json: bool,
    stdout: std::io::StdoutLock<'static>,
}

impl Output {
    fn new(language: Language, json: bool) -> Self {
        Self { localizer: Localizer::new(language, false), json, stdout: std::io::stdout().lock() }
    }

    pub fn line(&mut self, text: &str) -> std::io::Result<()> {
        writeln!(self.stdout, "{text}")
    }

    #[allow(clippy::unused_self)] // beside `line`, so commands write through one handle
    pub fn error(&mut self, text: &str) -> std::io::Result<()> {
        writeln!(std::io::stderr(), "{text}")
    }

    pub fn json_value(&mut self, value: &Value) -> anyhow::Result<()> {
        serde_json::to_writer_pretty(&mut self.stdout, value)?;
        writeln!(self.stdout)?;
        Ok(())
    }
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let language = cli.lang.unwrap_or_default();
    let command = match cli.command {
        Some(Command::Diagram(args)) => return diagram::run(&args, &mut Output::new(language, false)),
        Some(Command::Catalog(command)) => Some(command),
        None => None,
    };
    let json = matches!(command, Some(CatalogCommand::List { json: true, .. } | CatalogCommand::Show { json: true, .. }));
    let mut out = Output::new(language, json);
    if let Some(CatalogCommand::Check { dir }) = &command {
        return catalog::check(dir.as_deref(), &mut out);
    }
    // Every other use needs a sound built-in catalogue; the program refuses to start without one.
    let Some(catalog) = embedded_catalog(&mut out)? else {
        return Ok(ExitCode::from(1));
    };
    match command {
        None => match bakhshyar::ui::run(catalog, language) {
            Ok(()) => Ok(ExitCode::SUCCESS),
            Err(error) => {
                let message = match &error {
                    bakhshyar::ui::RunError::NoDisplay => out.localizer.text("app-no-display", &[]),
                    other => out.localizer.text("app-window-failed", &[("detail", Arg::Text(&other.to_string()))]),
                };
                out.error(&message)?;
                Ok(ExitCode::from(1))
            }
        },
        Some(CatalogCommand::List { unit, .. }) => catalog::list(&catalog, unit.as_deref(), &mut out),
        Some(CatalogCommand::Show { service, .. }) => catalog::show(&catalog, &service, &mut out),
        Some(CatalogCommand::Export { format: ExportFormat::Json }) => catalog::export(&catalog, &mut out),
        Some(CatalogCommand::Check { .. }) => unreachable!("handled above"),
    }
}

/// The built-in catalogue, or `None` after printing why it cannot be used.
fn embedded_catalog(out: &mut Output) -> anyhow::Result<Option<Catalog>> {
    match catalog_data::embedded() {
        Ok(catalog) => Ok(Some(catalog)),
        Err(errors) => {
            let message = out.localizer.text("catalog-embedded-broken", &[]);
            out.error(&message)?;
            for error in &errors {
                let line = out.localizer.catalog_error(error);
                out.error(&line)?;
            }
            Ok(None)
        }
    }
}
