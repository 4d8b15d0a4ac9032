//! Subcommands for administrators and scripts. Human output is Persian by default
//! (`--lang en` or `BAKHSHYAR_LANG=en` for English); `--json` is for scripts. The help of each
//! command and argument is in `locales/*/command-line.ftl` (`i18n::command_line`), not in doc
//! comments here, so that it reads in the reader's language.

#[cfg(feature = "gui")]
mod bench_ui;
mod case;
mod case_work;
mod catalog;
mod diagram;
mod doctor;
mod key;
pub mod logging;
mod login;
mod maintenance;
mod print;
mod sync;
mod user;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use serde_json::Value;

use bakhshyar::catalog_data::{self, CatalogError};
use bakhshyar::domain::catalog::Catalog;
use bakhshyar::i18n::{Arg, Language, Localizer};
use bakhshyar::store::{Database, StoreError};

#[derive(Debug, Parser)]
#[command(name = "bakhshyar", version)]
pub struct Cli {
    #[arg(long, global = true, env = "BAKHSHYAR_LANG", value_parser = parse_language)]
    pub lang: Option<Language>,
    #[arg(long, global = true, env = "BAKHSHYAR_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    #[arg(long, global = true, env = "BAKHSHYAR_USER")]
    pub user: Option<String>,
    #[arg(long, global = true, env = "BAKHSHYAR_PASSWORD_FILE")]
    pub password_file: Option<PathBuf>,
    /// A USB sync file to import: the window opens with it (the desktop's file association).
    #[arg(value_name = "FILE.bks")]
    pub file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// The data folder whose `logs/` takes this run's log: every command that works on a district's
    /// data (the window included); none for the catalogue, diagrams and the UI benchmark.
    pub fn log_dir(&self) -> Option<PathBuf> {
        match self.command {
            Some(Command::Catalog(_) | Command::Diagram(_) | Command::BenchUi { .. } | Command::ManPages { .. }) => None,
            _ => case::data_dir(self.data_dir.clone()),
        }
    }

    /// The command's name for the log, never its arguments (they may name a citizen).
    pub fn command_name(&self) -> &'static str {
        match &self.command {
            None => "window",
            Some(Command::Catalog(_)) => "catalog",
            Some(Command::Init { .. }) => "init",
            Some(Command::User(_)) => "user",
            Some(Command::Key(_)) => "key",
            Some(Command::Doctor { .. }) => "doctor",
            Some(Command::Recover { .. }) => "recover",
            Some(Command::Case(_)) => "case",
            Some(Command::Diagram(_)) => "diagram",
            Some(Command::Check { .. }) => "check",
            Some(Command::Backup { .. }) => "backup",
            Some(Command::Restore { .. }) => "restore",
            Some(Command::Print { .. }) => "print",
            Some(Command::PrintReceipt { .. }) => "print_receipt",
            Some(Command::Verify { .. }) => "verify",
            Some(Command::Sync(_)) => "sync",
            Some(Command::BenchUi { .. }) => "bench_ui",
            Some(Command::ManPages { .. }) => "man_pages",
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    #[command(subcommand)]
    Catalog(CatalogCommand),
    Init {
        #[arg(long)]
        district_code: String,
        #[arg(long)]
        district_name: String,
        #[arg(long)]
        admin: String,
        #[arg(long)]
        recovery_sheet: Option<PathBuf>,
    },
    #[command(subcommand)]
    User(UserCommand),
    #[command(subcommand)]
    Key(KeyCommand),
    Doctor {
        #[arg(long)]
        hub: Option<String>,
        #[arg(long)]
        json: bool,
    },
    Recover {
        #[arg(long)]
        admin: String,
        #[arg(long)]
        recovery_code_file: Option<PathBuf>,
        #[arg(long)]
        new_password_file: Option<PathBuf>,
        #[arg(long)]
        recovery_sheet: Option<PathBuf>,
    },
    #[command(subcommand)]
    Case(CaseCommand),
    Diagram(DiagramArgs),
    Check {
        #[arg(long)]
        json: bool,
    },
    Backup {
        #[arg(long)]
        out: PathBuf,
    },
    Restore {
        file: PathBuf,
        #[arg(long)]
        as_district: Option<String>,
    },
    Print {
        tracking: String,
        #[arg(long, required_unless_present = "printer", conflicts_with = "printer")]
        out: Option<PathBuf>,
        // Paper: this printer, else the one chosen in Settings, else the system's default; clap
        // takes "--printer, with or without a name" as an option of an option.
        #[allow(clippy::option_option)]
        #[arg(long, num_args = 0..=1, value_name = "NAME")]
        printer: Option<Option<String>>,
        #[arg(long)]
        duplicate: bool,
        #[arg(long)]
        json: bool,
    },
    PrintReceipt {
        tracking: String,
        #[arg(long, required_unless_present = "printer", conflicts_with = "printer")]
        out: Option<PathBuf>,
        #[allow(clippy::option_option)]
        #[arg(long, num_args = 0..=1, value_name = "NAME")]
        printer: Option<Option<String>>,
    },
    Verify {
        code: String,
        #[arg(long)]
        json: bool,
        #[arg(long)]
        hub: Option<String>,
    },
    #[command(subcommand)]
    Sync(sync::SyncCommand),
    #[cfg(feature = "gui")]
    /// Measure the window headless: time to the first frame, and one keystroke in a case search
    /// answered with the first page, with N cases in a store kept under target/ between runs.
    /// A developer's tool, hidden and not translated.
    #[command(hide = true)]
    BenchUi {
        #[arg(long, default_value_t = 100_000)]
        cases: usize,
        /// The store's folder (default: bench-ui/CASES in the cargo target folder).
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// Write the man pages (English: man does not shape or reorder Persian) into DIR, one for the
    /// program and one for each command. For packaging/linux/make-debs; hidden and not translated.
    #[command(hide = true)]
    ManPages {
        dir: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum CaseCommand {
    /// Exactly one identity: a citizen's (national ID, legal-entity ID, foreign national's unique
    /// code, passport) for a client-facing service, an office's letter for an internal one.
    #[command(group = clap::ArgGroup::new("identity").required(true).multiple(false))]
    New {
        #[arg(long)]
        service: String,
        #[arg(long, group = "identity")]
        applicant_national_id: Option<String>,
        #[arg(long, group = "identity")]
        applicant_foreign_code: Option<String>,
        #[arg(long, group = "identity")]
        applicant_passport: Option<String>,
        #[arg(long, group = "identity", requires = "office_letter_date")]
        office_letter_number: Option<String>,
        #[arg(long, requires = "office_letter_number")]
        office_letter_date: Option<String>,
        /// The applicant's name, or the requesting office's or official's.
        #[arg(long)]
        applicant_name: String,
        #[arg(long)]
        applicant_phone: Option<String>,
        #[arg(long)]
        json: bool,
    },
    Show {
        tracking: String,
        #[arg(long)]
        json: bool,
    },
    Advance {
        tracking: String,
        #[arg(long)]
        to: String,
        #[arg(long)]
        decision: Option<String>,
        #[arg(long)]
        note: Option<String>,
        #[arg(long, requires = "letter_date")]
        letter_number: Option<String>,
        #[arg(long, requires = "letter_number")]
        letter_date: Option<String>,
        #[arg(long)]
        json: bool,
    },
    Issue {
        tracking: String,
        #[arg(long)]
        validity_days: Option<String>,
        #[arg(long)]
        conditions: Option<String>,
        #[arg(long)]
        supersedes: Option<String>,
        #[arg(long)]
        missing_documents_reason: Option<String>,
        #[arg(long)]
        json: bool,
    },
    Revoke {
        tracking: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        json: bool,
    },
    Migrate {
        tracking: String,
        #[arg(long)]
        json: bool,
    },
    Search(SearchArgs),
    #[command(flatten)]
    Work(CaseWorkCommand),
}

/// `case search`: every given filter must match; newest first, a page at a time.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long)]
    pub national_id: Option<String>,
    #[arg(long)]
    pub digits: Option<String>,
    #[arg(long)]
    pub service: Option<String>,
    #[arg(long, value_enum)]
    pub status: Option<StatusArg>,
    #[arg(long)]
    pub overdue: bool,
    #[arg(long, value_parser = office_keys())]
    pub office: Option<String>,
    #[arg(long)]
    pub from: Option<String>,
    #[arg(long)]
    pub to: Option<String>,
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    #[arg(long)]
    pub json: bool,
}

/// `case document`, `case note`, `case attach` and `case import` (the case store's helper).
#[derive(Debug, Subcommand)]
pub enum CaseWorkCommand {
    Document {
        tracking: String,
        #[arg(long)]
        number: String,
        #[arg(long)]
        missing: bool,
        #[arg(long)]
        json: bool,
    },
    Note {
        tracking: String,
        #[arg(long)]
        text: String,
        #[arg(long)]
        json: bool,
    },
    Attach {
        tracking: String,
        #[arg(long)]
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    Import {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

/// `key …`: the district key's copy sealed with a passphrase, for the administrator.
#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    Export {
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        passphrase_file: Option<PathBuf>,
    },
    Import {
        file: PathBuf,
        #[arg(long)]
        passphrase_file: Option<PathBuf>,
    },
}

/// `user …`: the office's accounts, for the administrator.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    Add {
        name: String,
        #[arg(long, value_enum)]
        role: RoleArg,
        #[arg(long)]
        new_password_file: Option<PathBuf>,
    },
    List {
        #[arg(long)]
        json: bool,
    },
    Disable {
        name: String,
    },
    Enable {
        name: String,
    },
    ResetPassword {
        name: String,
        #[arg(long)]
        new_password_file: Option<PathBuf>,
    },
    /// The office's acts on no case: logins, account changes, backups, restores, receipts, syncs.
    Log {
        #[arg(long)]
        json: bool,
    },
    /// One's own password (an account carried over from before accounts sets its first here).
    Password {
        #[arg(long)]
        new_password_file: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RoleArg {
    Clerk,
    DistrictGovernor,
    Administrator,
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
            | CaseCommand::Search(SearchArgs { json, .. })
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
    #[arg(required_unless_present = "stats")]
    pub service: Option<String>,
    #[arg(long)]
    pub out: Option<PathBuf>,
    // A string, not a value enum: the command checks it, so the refusal is localized.
    #[arg(long)]
    pub format: Option<String>,
    #[arg(long, conflicts_with = "service")]
    pub stats: bool,
}

#[derive(Debug, Subcommand)]
pub enum CatalogCommand {
    List {
        #[arg(long)]
        unit: Option<String>,
        #[arg(long)]
        json: bool,
    },
    Show {
        service: String,
        #[arg(long)]
        json: bool,
    },
    Check {
        dir: Option<PathBuf>,
    },
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
    /// Who the command logs in as (`login.rs`).
    pub credentials: login::Credentials,
    stdout: std::io::StdoutLock<'static>,
}

impl Output {
    fn new(language: Language, json: bool) -> Self {
        Self {
            localizer: Localizer::shared(language),
            json,
            credentials: login::Credentials::default(),
            stdout: std::io::stdout().lock(),
        }
    }

    pub fn line(&mut self, text: &str) -> std::io::Result<()> {
        writeln!(self.stdout, "{text}")
    }

    #[allow(clippy::unused_self)] // beside `line`, so commands write through one handle
    pub fn error(&mut self, text: &str) -> std::io::Result<()> {
        writeln!(std::io::stderr(), "{text}")
    }

    /// Opens the store in `dir`, telling the administrator (on standard error, so scripts reading
    /// the output are not disturbed) when an older version's write-ahead log was replayed into it,
    /// or its `user.toml` became an account.
    pub fn open_store(&mut self, dir: &Path) -> Result<Database, StoreError> {
        let db = Database::open(dir)?;
        for path in db.made_private() {
            let notice = self.localizer.text("store-made-private", &[("path", Arg::Path(&path.display().to_string()))]);
            let _ = self.error(&notice);
        }
        if let Some(migration) = db.migrated() {
            let from = i64::from(migration.from);
            let copy = migration.copy.display().to_string();
            let notice = self.localizer.text("store-migrated", &[("from", Arg::Number(from)), ("copy", Arg::Path(&copy))]);
            let _ = self.error(&notice);
        }
        if let Some(replay) = db.legacy_log() {
            let count = i64::try_from(replay.commits).unwrap_or(i64::MAX);
            let notice = self.localizer.text("store-legacy-log-replayed", &[("count", Arg::Number(count))]);
            let _ = self.error(&notice);
        }
        // The window's one user from before accounts becomes an account, whichever face opens first.
        if let Some(account) = bakhshyar::office::accounts::adopt_legacy_user(&db, dir, chrono::Utc::now())? {
            let notice = self.localizer.text("store-user-adopted", &[("name", Arg::Text(&account.name))]);
            let _ = self.error(&notice);
        }
        Ok(db)
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
    let credentials = login::Credentials { user: cli.user, password_file: cli.password_file };
    let output = |json: bool| Output { credentials: credentials.clone(), ..Output::new(language, json) };
    match cli.command {
        None => run_window(language, cli.data_dir, cli.file),
        Some(Command::Catalog(command)) => run_catalog(command, language),
        Some(Command::Diagram(args)) => diagram::run(&args, &mut output(false)),
        Some(Command::Init { district_code, district_name, admin, recovery_sheet }) => {
            let mut out = output(false);
            let Some(dir) = case::data_dir(cli.data_dir) else { return no_data_dir(&mut out) };
            let init = user::Init { code: &district_code, name: &district_name, admin: &admin, sheet: recovery_sheet.as_deref() };
            user::init(&dir, &init, &mut out)
        }
        Some(Command::User(command)) => {
            let mut out = output(matches!(command, UserCommand::List { json: true } | UserCommand::Log { json: true }));
            let Some(dir) = case::data_dir(cli.data_dir) else { return no_data_dir(&mut out) };
            user::run(command, &dir, &mut out)
        }
        Some(Command::Doctor { hub, json }) => {
            let mut out = output(json);
            let Some(dir) = case::data_dir(cli.data_dir) else { return no_data_dir(&mut out) };
            doctor::run(&dir, hub.as_deref(), json, &mut out)
        }
        Some(Command::Key(command)) => {
            let mut out = output(false);
            let Some(dir) = case::data_dir(cli.data_dir) else { return no_data_dir(&mut out) };
            key::run(command, &dir, &mut out)
        }
        Some(Command::Recover { admin, recovery_code_file, new_password_file, recovery_sheet }) => {
            let mut out = output(false);
            let Some(dir) = case::data_dir(cli.data_dir) else { return no_data_dir(&mut out) };
            let recover = user::Recover {
                admin: &admin,
                code_file: recovery_code_file.as_deref(),
                new_password_file: new_password_file.as_deref(),
                sheet: recovery_sheet.as_deref(),
            };
            user::recover(&dir, &recover, &mut out)
        }
        Some(Command::Check { json }) => {
            let mut out = output(json);
            let Some(dir) = case::data_dir(cli.data_dir) else { return no_data_dir(&mut out) };
            maintenance::check(&dir, &mut out)
        }
        Some(Command::Backup { out: file }) => {
            let mut out = output(false);
            let Some(dir) = case::data_dir(cli.data_dir) else { return no_data_dir(&mut out) };
            maintenance::backup(&dir, &file, &mut out)
        }
        Some(Command::Restore { file, as_district }) => {
            let mut out = output(false);
            let Some(dir) = case::data_dir(cli.data_dir) else { return no_data_dir(&mut out) };
            maintenance::restore(&dir, &file, as_district.as_deref(), &mut out)
        }
        Some(Command::Print { tracking, out: file, printer, duplicate, json }) => {
            let mut out = output(json);
            let Some(dir) = case::data_dir(cli.data_dir) else { return no_data_dir(&mut out) };
            let target = print::Target::of(file, printer);
            print::print(&print::PrintArgs { dir: &dir, tracking: &tracking, target, duplicate }, &mut out)
        }
        Some(Command::PrintReceipt { tracking, out: file, printer }) => {
            let mut out = output(false);
            let Some(dir) = case::data_dir(cli.data_dir) else { return no_data_dir(&mut out) };
            print::receipt(&dir, &tracking, &print::Target::of(file, printer), &mut out)
        }
        Some(Command::Verify { code, json, hub }) => {
            let mut out = output(json);
            let Some(dir) = case::data_dir(cli.data_dir) else { return no_data_dir(&mut out) };
            print::verify(&dir, &code, hub.as_deref(), &mut out)
        }
        Some(Command::Sync(command)) => {
            let mut out = output(command.json());
            let Some(dir) = case::data_dir(cli.data_dir) else { return no_data_dir(&mut out) };
            sync::run(command, &dir, &mut out)
        }
        #[cfg(feature = "gui")]
        Some(Command::BenchUi { cases, dir }) => bench_ui::run(cases, dir, std::time::Instant::now()),
        Some(Command::ManPages { dir }) => {
            write_man_pages(Cli::command(), "cli", &dir)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Case(command)) => {
            let mut out = output(command.json());
            let Some(dir) = case::data_dir(cli.data_dir) else { return no_data_dir(&mut out) };
            case::run(command, &dir, &mut out)
        }
    }
}

/// The man pages of `command` with its help in English (`prefix` names its messages), into `dir`.
pub fn write_man_pages(command: clap::Command, prefix: &str, dir: &Path) -> std::io::Result<()> {
    let english = Localizer::with_command_line_help(Language::English);
    std::fs::create_dir_all(dir)?;
    clap_mangen::generate_to(bakhshyar::i18n::command_line::localize(command, &english, prefix, prefix), dir)
}

/// No subcommand: the desktop window, on a catalogue that has passed its checks.
#[cfg(feature = "gui")]
fn run_window(language: Language, data_dir: Option<PathBuf>, file: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let mut out = Output::new(language, false);
    // A word that is neither a command nor a file is a mistyped command, not a file to import.
    if let Some(file) = file.as_ref().filter(|f| !f.is_file()) {
        out.error(&out.localizer.text("cli-not-a-file", &[("path", Arg::Path(&file.display().to_string()))]))?;
        return Ok(ExitCode::from(2));
    }
    let Some(dir) = case::data_dir(data_dir) else { return no_data_dir(&mut out) };
    let Some(catalog) = embedded_catalog(&mut out)? else {
        return Ok(ExitCode::from(1));
    };
    match bakhshyar::ui::run(catalog, language, dir, file) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(error) => {
            let message = match &error {
                bakhshyar::ui::RunError::NoDisplay => out.localizer.text("app-no-display", &[]),
                bakhshyar::ui::RunError::Crashed(report) => {
                    out.localizer.text("app-crashed", &[("path", bakhshyar::i18n::Arg::Path(&report.display().to_string()))])
                }
                other => out.localizer.text("app-window-failed", &[("detail", bakhshyar::i18n::Arg::Text(&other.to_string()))]),
            };
            out.error(&message)?;
            Ok(ExitCode::from(1))
        }
    }
}

/// A build without the `gui` feature (a server, a script host) says so instead of a window.
#[cfg(not(feature = "gui"))]
fn run_window(language: Language, _data_dir: Option<PathBuf>, _file: Option<PathBuf>) -> anyhow::Result<ExitCode> {
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

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use bakhshyar::i18n::command_line::missing_messages;
    use bakhshyar::i18n::{Language, Localizer};

    #[test]
    fn every_command_and_argument_has_its_help_in_both_languages() {
        for language in Language::ALL {
            let missing = missing_messages(&super::Cli::command(), &Localizer::with_command_line_help(language), "cli", "cli");
            assert!(missing.is_empty(), "{language:?} lacks {missing:?}");
        }
    }
}
