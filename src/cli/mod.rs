//! Subcommands for administrators and scripts. Human output is Persian by default
//! (`--lang en` or `BAKHSHYAR_LANG=en` for English); `--json` is for scripts.

#[cfg(feature = "gui")]
mod bench_ui;
mod case;
mod case_work;
mod catalog;
mod diagram;
mod maintenance;
mod print;
mod sync;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use serde_json::Value;

use bakhshyar::catalog_data::{self, CatalogError};
use bakhshyar::domain::catalog::Catalog;
use bakhshyar::i18n::{Language, Localizer};

#[derive(Debug, Parser)]
#[command(name = "bakhshyar", version, about = "بخش‌یار — Bakhshyar: district office services")]
pub struct Cli {
    /// Language of messages: fa (default) or en.
    #[arg(long, global = true, env = "BAKHSHYAR_LANG", value_parser = parse_language)]
    pub lang: Option<Language>,
    /// The data folder holding the database (default: the user's data folder).
    #[arg(long, global = true, env = "BAKHSHYAR_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The service catalogue.
    #[command(subcommand)]
    Catalog(CatalogCommand),
    /// Create the database of a district office in the data folder; never overwrites one.
    Init {
        #[arg(long)]
        district_code: String,
        #[arg(long)]
        district_name: String,
    },
    /// Cases: open, show, advance and search.
    #[command(subcommand)]
    Case(CaseCommand),
    /// Draw a service's workflow, or lay out every workflow and report (--stats).
    Diagram(DiagramArgs),
    /// Check the database read-only: projections against their events, indexes, outbox; exit 1 on problems.
    Check {
        #[arg(long)]
        json: bool,
    },
    /// Write a consistent snapshot of the database to a new file; never overwrites one.
    Backup {
        #[arg(long)]
        out: PathBuf,
    },
    /// Replace the database with a checked backup; the current file is kept beside it.
    Restore { file: PathBuf },
    /// Print a case's issued document to PDF; a second copy needs --duplicate (المثنی).
    Print {
        tracking: String,
        #[arg(long)]
        out: PathBuf,
        /// Print a duplicate (المثنی) of a document whose original was printed; district governor.
        #[arg(long)]
        duplicate: bool,
        /// Who prints; a duplicate is recorded against this name as the district governor.
        #[arg(long, default_value = "admin-cli")]
        user: String,
        #[arg(long)]
        json: bool,
    },
    /// Print the applicant's receipt (tracking code, service, steps ahead) to PDF.
    PrintReceipt {
        tracking: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// Check a document's verification code (the QR text or the short printed code).
    Verify {
        code: String,
        #[arg(long)]
        json: bool,
        /// Also ask the province hub (answers for every district; knows revocations sent down).
        #[arg(long)]
        hub: Option<String>,
    },
    /// Sync with the province hub: identity, push, pull, status, and files for a USB stick.
    #[command(subcommand)]
    Sync(sync::SyncCommand),
    /// Measure the window headless: time to the first frame, and one keystroke in a case search
    /// answered with the first page, with N cases in a store kept under target/ between runs.
    #[cfg(feature = "gui")]
    #[command(hide = true)]
    BenchUi {
        #[arg(long, default_value_t = 100_000)]
        cases: usize,
        /// The store's folder (default: bench-ui/CASES in the cargo target folder).
        #[arg(long)]
        dir: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum CaseCommand {
    /// Open a case; prints its tracking code.
    New {
        /// The service's 11-digit ID, catalogue number or key.
        #[arg(long)]
        service: String,
        /// National ID (10 digits) or legal-entity ID (11 digits).
        #[arg(long)]
        applicant_national_id: String,
        #[arg(long)]
        applicant_name: String,
        #[arg(long)]
        applicant_phone: Option<String>,
        /// Who the change is recorded against (acting as a clerk).
        #[arg(long, default_value = "admin-cli")]
        user: String,
        #[arg(long)]
        json: bool,
    },
    /// One case with its checklist and history.
    Show {
        tracking: String,
        #[arg(long)]
        json: bool,
    },
    /// Move a case to the next step; leaving a decision needs its branch label.
    Advance {
        tracking: String,
        /// The id of the step to move to.
        #[arg(long)]
        to: String,
        /// The branch label of the decision (e.g. بلی / خیر).
        #[arg(long)]
        decision: Option<String>,
        #[arg(long)]
        note: Option<String>,
        #[arg(long, default_value = "admin-cli")]
        user: String,
        #[arg(long)]
        json: bool,
    },
    /// Issue the case's document at its issuing step (signed as the district governor, --user).
    Issue {
        tracking: String,
        /// The document is valid for this many days from today (Persian or Latin digits).
        #[arg(long)]
        validity_days: Option<String>,
        #[arg(long)]
        conditions: Option<String>,
        /// Correct an issued document: the serial it replaces (the old one stays on record).
        #[arg(long)]
        supersedes: Option<String>,
        /// The district governor's name, printed as the signer.
        #[arg(long, default_value = "admin-cli")]
        user: String,
        #[arg(long)]
        json: bool,
    },
    /// Revoke the case's document, with a reason; verification then says revoked.
    Revoke {
        tracking: String,
        #[arg(long)]
        reason: String,
        #[arg(long, default_value = "admin-cli")]
        user: String,
        #[arg(long)]
        json: bool,
    },
    /// Move an open case to the active catalogue version (recorded in its history); cases keep
    /// the version they were opened under until this is done.
    Migrate {
        tracking: String,
        #[arg(long, default_value = "admin-cli")]
        user: String,
        #[arg(long)]
        json: bool,
    },
    /// Find cases, newest first.
    Search {
        /// Beginnings of words of the applicant's name.
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        national_id: Option<String>,
        /// The service's ID, catalogue number or key.
        #[arg(long)]
        service: Option<String>,
        #[arg(long, value_enum)]
        status: Option<StatusArg>,
        /// Only cases whose current step is past its time limit.
        #[arg(long)]
        overdue: bool,
        /// Only open cases waiting for this office at their current step.
        #[arg(long, value_parser = office_keys())]
        office: Option<String>,
        /// Opened on or after this Solar Hijri day (1405/01/15, Persian or Latin digits).
        #[arg(long)]
        from: Option<String>,
        /// Opened on or before this Solar Hijri day.
        #[arg(long)]
        to: Option<String>,
        #[arg(long, default_value_t = 0)]
        offset: usize,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    #[command(flatten)]
    Work(CaseWorkCommand),
}

/// `case document`, `case note`, `case attach` and `case import` (the case store's helper).
#[derive(Debug, Subcommand)]
pub enum CaseWorkCommand {
    /// Mark a document of the checklist as received (or, with --missing, as not received).
    Document {
        tracking: String,
        /// The document's number in the checklist, as `case show` lists it (from 1).
        #[arg(long)]
        number: String,
        #[arg(long)]
        missing: bool,
        #[arg(long, default_value = "admin-cli")]
        user: String,
        #[arg(long)]
        json: bool,
    },
    /// Add a note to a case.
    Note {
        tracking: String,
        #[arg(long)]
        text: String,
        #[arg(long, default_value = "admin-cli")]
        user: String,
        #[arg(long)]
        json: bool,
    },
    /// Attach a file to a case; a copy is kept in the data folder's attachments.
    Attach {
        tracking: String,
        #[arg(long)]
        file: PathBuf,
        #[arg(long, default_value = "admin-cli")]
        user: String,
        #[arg(long)]
        json: bool,
    },
    /// Open many cases from JSON lines (a file, or - for stdin), each committed on its own; prints each
    /// tracking code once it is on disk.
    Import {
        file: PathBuf,
        #[arg(long, default_value = "admin-cli")]
        user: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StatusArg {
    Open,
    Closed,
}

impl CaseCommand {
    fn json(&self) -> bool {
        match self {
            CaseCommand::New { json, .. }
            | CaseCommand::Show { json, .. }
            | CaseCommand::Advance { json, .. }
            | CaseCommand::Search { json, .. }
            | CaseCommand::Issue { json, .. }
            | CaseCommand::Revoke { json, .. }
            | CaseCommand::Migrate { json, .. } => *json,
            CaseCommand::Work(work) => work.json(),
        }
    }
}

impl CaseWorkCommand {
    fn json(&self) -> bool {
        match self {
            CaseWorkCommand::Document { json, .. }
            | CaseWorkCommand::Note { json, .. }
            | CaseWorkCommand::Attach { json, .. }
            | CaseWorkCommand::Import { json, .. } => *json,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct DiagramArgs {
    /// The service: 11-digit ID, catalogue number or key.
    #[arg(required_unless_present = "stats")]
    pub service: Option<String>,
    /// The file to write.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// svg, png or pdf; by default from the --out file's extension, else svg. Checked by the
    /// command so the refusal is localized.
    #[arg(long)]
    pub format: Option<String>,
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

/// The office keys `case search --office` takes.
fn office_keys() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(
        bakhshyar::domain::workflow::Office::ALL.map(bakhshyar::domain::workflow::Office::key),
    )
}

fn parse_language(code: &str) -> Result<Language, String> {
    Language::from_code(code).ok_or_else(|| format!("unsupported language {code:?}: use fa or en"))
}

/// Where a command writes: stdout for results, stderr for problems.
pub struct Output {
    pub localizer: &'static Localizer,
    pub json: bool,
    stdout: std::io::StdoutLock<'static>,
}

impl Output {
    fn new(language: Language, json: bool) -> Self {
        Self { localizer: Localizer::shared(language), json, stdout: std::io::stdout().lock() }
    }

    pub fn line(&mut self, text: &str) -> std::io::Result<()> {
        writeln!(self.stdout, "{text}")
    }

    #[allow(clippy::unused_self)] // beside `line`, so commands write through one handle
    pub fn error(&mut self, text: &str) -> std::io::Result<()> {
        writeln!(std::io::stderr(), "{text}")
    }

    /// One JSON value on one line, for output read line by line (`case import --json`).
    pub fn json_line(&mut self, value: &Value) -> anyhow::Result<()> {
        serde_json::to_writer(&mut self.stdout, value)?;
        writeln!(self.stdout)?;
        Ok(())
    }

    pub fn flush(&mut self) -> std::io::Result<()> {
        self.stdout.flush()
    }

    pub fn json_value(&mut self, value: &Value) -> anyhow::Result<()> {
        serde_json::to_writer_pretty(&mut self.stdout, value)?;
        writeln!(self.stdout)?;
        Ok(())
    }
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let language = cli.lang.unwrap_or_default();
    match cli.command {
        None => run_window(language, cli.data_dir),
        Some(Command::Catalog(command)) => run_catalog(command, language),
        Some(Command::Diagram(args)) => diagram::run(&args, &mut Output::new(language, false)),
        Some(Command::Init { district_code, district_name }) => {
            let mut out = Output::new(language, false);
            let Some(dir) = case::data_dir(cli.data_dir) else { return no_data_dir(&mut out) };
            case::init(&dir, &district_code, &district_name, &mut out)
        }
        Some(Command::Check { json }) => {
            let mut out = Output::new(language, json);
            let Some(dir) = case::data_dir(cli.data_dir) else { return no_data_dir(&mut out) };
            maintenance::check(&dir, &mut out)
        }
        Some(Command::Backup { out: file }) => {
            let mut out = Output::new(language, false);
            let Some(dir) = case::data_dir(cli.data_dir) else { return no_data_dir(&mut out) };
            maintenance::backup(&dir, &file, &mut out)
        }
        Some(Command::Restore { file }) => {
            let mut out = Output::new(language, false);
            let Some(dir) = case::data_dir(cli.data_dir) else { return no_data_dir(&mut out) };
            maintenance::restore(&dir, &file, &mut out)
        }
        Some(Command::Print { tracking, out: file, duplicate, user, json }) => {
            let mut out = Output::new(language, json);
            let Some(dir) = case::data_dir(cli.data_dir) else { return no_data_dir(&mut out) };
            print::print(&print::PrintArgs { dir: &dir, tracking: &tracking, file: &file, duplicate, user: &user }, &mut out)
        }
        Some(Command::PrintReceipt { tracking, out: file }) => {
            let mut out = Output::new(language, false);
            let Some(dir) = case::data_dir(cli.data_dir) else { return no_data_dir(&mut out) };
            print::receipt(&dir, &tracking, &file, &mut out)
        }
        Some(Command::Verify { code, json, hub }) => {
            let mut out = Output::new(language, json);
            let Some(dir) = case::data_dir(cli.data_dir) else { return no_data_dir(&mut out) };
            print::verify(&dir, &code, hub.as_deref(), &mut out)
        }
        Some(Command::Sync(command)) => {
            let mut out = Output::new(language, command.json());
            let Some(dir) = case::data_dir(cli.data_dir) else { return no_data_dir(&mut out) };
            sync::run(command, &dir, &mut out)
        }
        #[cfg(feature = "gui")]
        Some(Command::BenchUi { cases, dir }) => bench_ui::run(cases, dir, std::time::Instant::now()),
        Some(Command::Case(command)) => {
            let mut out = Output::new(language, command.json());
            let Some(dir) = case::data_dir(cli.data_dir) else { return no_data_dir(&mut out) };
            case::run(command, &dir, &mut out)
        }
    }
}

/// No subcommand: the desktop window, on a catalogue that has passed its checks.
#[cfg(feature = "gui")]
fn run_window(language: Language, data_dir: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let mut out = Output::new(language, false);
    let Some(dir) = case::data_dir(data_dir) else { return no_data_dir(&mut out) };
    let Some(catalog) = embedded_catalog(&mut out)? else {
        return Ok(ExitCode::from(1));
    };
    match bakhshyar::ui::run(catalog, language, dir) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(error) => {
            let message = match &error {
                bakhshyar::ui::RunError::NoDisplay => out.localizer.text("app-no-display", &[]),
                other => out.localizer.text("app-window-failed", &[("detail", bakhshyar::i18n::Arg::Text(&other.to_string()))]),
            };
            out.error(&message)?;
            Ok(ExitCode::from(1))
        }
    }
}

/// A build without the `gui` feature (a server, a script host) says so instead of a window.
#[cfg(not(feature = "gui"))]
fn run_window(language: Language, _data_dir: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let mut out = Output::new(language, false);
    let message = out.localizer.text("app-built-without-window", &[]);
    out.error(&message)?;
    Ok(ExitCode::from(2))
}

fn run_catalog(command: CatalogCommand, language: Language) -> anyhow::Result<ExitCode> {
    let json = matches!(command, CatalogCommand::List { json: true, .. } | CatalogCommand::Show { json: true, .. });
    let mut out = Output::new(language, json);
    if let CatalogCommand::Check { dir } = &command {
        return catalog::check(dir.as_deref(), &mut out);
    }
    let Some(catalog) = embedded_catalog(&mut out)? else {
        return Ok(ExitCode::from(1));
    };
    match command {
        CatalogCommand::List { unit, .. } => catalog::list(&catalog, unit.as_deref(), &mut out),
        CatalogCommand::Show { service, .. } => catalog::show(&catalog, &service, &mut out),
        CatalogCommand::Export { format: ExportFormat::Json } => catalog::export(&catalog, &mut out),
        CatalogCommand::Check { .. } => unreachable!("handled above"),
    }
}

fn no_data_dir(out: &mut Output) -> anyhow::Result<ExitCode> {
    let message = out.localizer.text("store-no-data-dir", &[]);
    out.error(&message)?;
    Ok(ExitCode::from(1))
}

/// The catalogue for new cases in `db`: the newest that came down from the governorate, else the
/// built-in one. Read on every command, so an update needs no restart.
fn active_catalog(db: &bakhshyar::store::Database, out: &mut Output) -> anyhow::Result<Option<Catalog>> {
    // An unreadable catalogue table falls back like an empty one; the store's own checks report it.
    match db.active_catalog().ok().flatten() {
        Some(catalog) => Ok(Some(catalog)),
        None => embedded_catalog(out),
    }
}

/// The built-in catalogue, or `None` after printing why it cannot be used: the program refuses
/// to start on a broken one rather than guess.
fn embedded_catalog(out: &mut Output) -> anyhow::Result<Option<Catalog>> {
    usable_catalog(out, catalog_data::embedded())
}

/// The catalogue `loaded`, or `None` after printing why it cannot be used.
fn usable_catalog(out: &mut Output, loaded: Result<Catalog, Vec<CatalogError>>) -> anyhow::Result<Option<Catalog>> {
    match loaded {
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
