//! A print on paper: the printer is checked first (a missing spooler, no printer, a printer the
//! system does not have stop the print before a copy is used up), then the document is printed
//! to the data folder's `printed/` as any print is (`print::issued`, `print::receipt`: the copy
//! counted with its file) and that file is sent to the printer. A printer that refuses the job
//! after that leaves the counted copy's file in `printed/`, and the error names it.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::print::{self as job, JobError, PRINTED_DIR, Printed, data_dir, document_name, receipt_name};
use crate::domain::case::{Case, Context};
use crate::domain::catalog::Catalog;
use crate::domain::role::Actor;
use crate::i18n::Language;
use crate::print::spool::{self, Job, PrinterName};
use crate::store::Database;
use crate::store::settings::load_settings;

/// The printer `named` (checked), else the one chosen on this computer.
pub fn printer_for(db: &Database, named: Option<&str>) -> Result<Option<PrinterName>, JobError> {
    match named {
        Some(name) => Ok(Some(PrinterName::parse(name)?)),
        None => chosen_printer(db),
    }
}

/// The printer chosen on this computer (Settings, kept in `settings.toml`), if any.
pub fn chosen_printer(db: &Database) -> Result<Option<PrinterName>, JobError> {
    let settings = load_settings(&data_dir(db))?;
    Ok(settings.printer.as_deref().map(PrinterName::parse).transpose()?)
}

/// Prints the case's live document on `printer` (else the system's default), counting the copy.
pub fn issued(
    db: &Database,
    catalog: &Catalog,
    case: &Case,
    duplicate: bool,
    ctx: &Context<'_>,
    language: Language,
    printer: Option<&PrinterName>,
) -> Result<(Printed, Job), JobError> {
    let destination = spool::destination(printer)?;
    let name = document_name(case).unwrap_or_else(|| format!("{}.pdf", case.tracking_code.as_str()));
    let path = data_dir(db).join(PRINTED_DIR).join(&name);
    let counted = job::issued(db, catalog, case, duplicate, ctx, language, &path)?;
    let job = send(&path, &destination, &name)?;
    Ok((counted, job))
}

/// Prints the citizen's receipt on `printer` (else the system's default); the file it printed.
pub fn receipt(
    db: &Database,
    catalog: &Catalog,
    case: &Case,
    actor: &Actor,
    language: Language,
    now: DateTime<Utc>,
    printer: Option<&PrinterName>,
) -> Result<(PathBuf, Job), JobError> {
    let destination = spool::destination(printer)?;
    let name = receipt_name(&case.tracking_code);
    let path = data_dir(db).join(PRINTED_DIR).join(&name);
    job::receipt(db, catalog, case, actor, language, now, &path)?;
    let job = send(&path, &destination, &name)?;
    Ok((path, job))
}

/// The job's title, seen by whoever reads the printer's queue, is the file's name: a tracking
/// code and a serial, never the citizen's name.
fn send(path: &Path, printer: &PrinterName, title: &str) -> Result<Job, JobError> {
    spool::send(path, printer, title).map_err(|error| JobError::NotSent { path: path.to_path_buf(), error })
}
