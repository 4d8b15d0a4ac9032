//! Printing from the window, in the command line's order (`cli/print.rs`): the domain decides,
//! the PDF is rendered and written beside its final name, the print is recorded (a copy after
//! the first is a duplicate, المثنی), then the file takes its name. Every function here runs in a
//! `Task`; the dialogs and the system viewer are in `files`.

use std::path::{Path, PathBuf};

use chrono::Utc;

use crate::domain::case::{Case, Context};
use crate::domain::tracking::TrackingCode;
use crate::i18n::{Arg, Language, Localizer};
use crate::print::{IssuedPrint, Office, PrintError, ReceiptPrint, render_issued, render_receipt};
use crate::store::{Database, StoreError};
use crate::ui::rtl;
use crate::ui::screens::Session;

/// The folder of the data folder that printed PDFs go to unless the clerk chooses another place.
pub const PRINTED_DIR: &str = "printed";

/// Why an action of the window failed, for a message in the window.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum WorkError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Print(#[from] PrintError),
    #[error("cannot write {path}: {detail}")]
    Write { path: PathBuf, detail: String },
    #[error("cannot show {path}: {detail}")]
    View { path: PathBuf, detail: String },
    #[error("no program to show {0} was found")]
    NoViewer(PathBuf),
    #[error("a revocation needs a reason")]
    NoReason,
}

impl WorkError {
    /// The reader's message for the error.
    pub fn message(&self, loc: &Localizer) -> String {
        // Paths and system messages read left to right inside a Persian line.
        let path = |p: &Path| rtl::ltr(&p.display().to_string());
        match self {
            WorkError::Store(error) => loc.store_error(error),
            WorkError::Print(PrintError::Template(template)) => {
                loc.text("print-error-template", &[("detail", Arg::Text(&template.to_string()))])
            }
            WorkError::Print(other) => loc.text("print-error-font", &[("detail", Arg::Text(&other.to_string()))]),
            WorkError::Write { path: p, detail } => {
                loc.text("print-error-write", &[("path", Arg::Text(&path(p))), ("detail", Arg::Text(&rtl::ltr(detail)))])
            }
            WorkError::View { path: p, detail } => {
                loc.text("gui-print-error-view", &[("path", Arg::Text(&path(p))), ("detail", Arg::Text(&rtl::ltr(detail)))])
            }
            WorkError::NoViewer(p) => {
                // The line above it names the whole path; the file's name is enough here.
                let file = p.file_name().map_or_else(|| path(p), |n| rtl::ltr(&n.to_string_lossy()));
                loc.text("gui-print-error-no-viewer", &[("file", Arg::Text(&file))])
            }
            WorkError::NoReason => loc.text("gui-case-revoke-reason-required", &[]),
        }
    }
}

/// A document printed: the case as it now stands (with the copy counted) and the file written.
#[derive(Debug, Clone)]
pub struct Printed {
    pub case: Box<Case>,
    pub path: PathBuf,
}

/// The data folder: the store's file lives in it.
pub fn data_dir(db: &Database) -> PathBuf {
    db.path().parent().map(Path::to_path_buf).unwrap_or_default()
}

/// `<tracking code>-<serial>-<copy>.pdf` for the next copy of the case's live document: every copy
/// keeps its own file.
pub fn document_name(case: &Case) -> Option<String> {
    let document = case.current_document().ok()?;
    Some(format!("{}-{}-{}.pdf", case.tracking_code.as_str(), document.serial, document.copies + 1))
}

/// `<tracking code>-receipt.pdf`.
pub fn receipt_name(code: &TrackingCode) -> String {
    format!("{}-receipt.pdf", code.as_str())
}

/// Prints the case's live document to `target` (or the printed folder), recording the copy.
pub fn issued(
    session: &Session,
    code: &TrackingCode,
    duplicate: bool,
    target: Option<PathBuf>,
    language: Language,
) -> Result<Printed, WorkError> {
    let (db, catalog) = (&session.db, &session.catalog);
    let case = db.case(code)?;
    let now = Utc::now();
    let ctx = Context { actor: &session.actor, at: now, note: None };
    // The domain decides first (no document, revoked, a duplicate not asked for or not allowed).
    case.print(duplicate, &ctx).map_err(StoreError::Case)?;
    let document = case.current_document().map_err(StoreError::Case)?;
    // The document reads as the case's own catalogue version has it.
    let own = session.catalog_of(&case)?;
    let service = own.find(&case.service_key).ok_or_else(|| StoreError::UnknownService(case.service_key.clone()))?;
    let key = db.signing_key()?;
    let dir = data_dir(db);
    let office = office(db, &dir);
    let request = IssuedPrint {
        case: &case,
        service,
        document,
        office: &office,
        key: &key,
        copy: document.copies + 1,
        language,
        data_dir: Some(&dir),
        now,
    };
    let bytes = render_issued(&request)?;
    let name = format!("{}-{}-{}.pdf", code.as_str(), document.serial, document.copies + 1);
    let path = target.unwrap_or_else(|| dir.join(PRINTED_DIR).join(name));
    let case = write_then(&path, &bytes, || db.record_print(catalog, code, duplicate, &ctx))?;
    Ok(Printed { case: Box::new(case), path })
}

/// Writes the citizen's receipt to `target` (or the printed folder); nothing is recorded.
pub fn receipt(
    session: &Session,
    code: &TrackingCode,
    target: Option<PathBuf>,
    language: Language,
) -> Result<PathBuf, WorkError> {
    let case = session.db.case(code)?;
    let own = session.catalog_of(&case)?;
    let service = own.find(&case.service_key).ok_or_else(|| StoreError::UnknownService(case.service_key.clone()))?;
    let dir = data_dir(&session.db);
    let office = office(&session.db, &dir);
    let request = ReceiptPrint { case: &case, service, office: &office, language, data_dir: Some(&dir), now: Utc::now() };
    let bytes = render_receipt(&request)?;
    let path = target.unwrap_or_else(|| dir.join(PRINTED_DIR).join(receipt_name(code)));
    write_then(&path, &bytes, || Ok(()))?;
    Ok(path)
}

fn office(db: &Database, dir: &Path) -> Office {
    Office { district_code: db.district_code().to_owned(), district: db.district_name().to_owned(), ..Office::default() }
        .with_file(dir)
}

/// Writes `bytes` beside `file`, lets `record` count the copy, then renames: a copy is counted only
/// when its file is complete, and a refused count leaves no file.
fn write_then<T>(file: &Path, bytes: &[u8], record: impl FnOnce() -> Result<T, StoreError>) -> Result<T, WorkError> {
    let failed = |e: std::io::Error| WorkError::Write { path: file.to_path_buf(), detail: e.to_string() };
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(failed)?;
    }
    let partial = file.with_extension("pdf.partial");
    std::fs::write(&partial, bytes).map_err(failed)?;
    let recorded = match record() {
        Ok(recorded) => recorded,
        Err(error) => {
            let _ = std::fs::remove_file(&partial);
            return Err(error.into());
        }
    };
    std::fs::rename(&partial, file).map_err(failed)?;
    Ok(recorded)
}
