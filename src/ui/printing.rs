//! Printing from the window, in the command line's order (`cli/print.rs`): the domain decides,
//! the PDF is rendered and written beside its final name, the print is recorded (a copy after
//! the first is a duplicate, المثنی), then the file takes its name. Every function here runs in a
//! `Task`; the dialogs and the system viewer are in `files`.

use std::path::{Path, PathBuf};

use chrono::Utc;

use crate::domain::case::Context;
use crate::domain::tracking::TrackingCode;
use crate::i18n::{Arg, Language, Localizer};
use crate::office;
use crate::office::paper;
use crate::office::print::{self as job, JobError};
use crate::print::spool::Job;
use crate::store::StoreError;
use crate::ui::rtl;
use crate::ui::screens::Session;

/// Why an action of the window failed, for a message in the window.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum WorkError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A print job's own problem (rendering, writing the file); its store problems are `Store`.
    #[error(transparent)]
    Job(JobError),
    #[error("cannot show {path}: {detail}")]
    View { path: PathBuf, detail: String },
    #[error("no program to show {0} was found")]
    NoViewer(PathBuf),
    #[error("a revocation needs a reason")]
    NoReason,
}

impl From<JobError> for WorkError {
    fn from(error: JobError) -> Self {
        match error {
            JobError::Store(error) => WorkError::Store(error),
            other => WorkError::Job(other),
        }
    }
}

impl WorkError {
    /// The reader's message for the error.
    pub fn message(&self, loc: &Localizer) -> String {
        // Paths and system messages read left to right inside a Persian line.
        let path = |p: &Path| rtl::ltr(&p.display().to_string());
        match self {
            WorkError::Store(error) => loc.store_error(error),
            WorkError::Job(error) => error.message(loc, rtl::ltr),
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

pub use crate::office::print::{PRINTED_DIR, Printed, data_dir, document_name, receipt_name};

/// Prints the case's live document to `target` (or the printed folder), recording the copy.
pub fn issued(
    session: &Session,
    code: &TrackingCode,
    duplicate: bool,
    target: Option<PathBuf>,
    language: Language,
) -> Result<Printed, WorkError> {
    let case = office::find_case(&session.store, code)?;
    let ctx = Context { actor: &session.actor, at: Utc::now(), note: None };
    let name = document_name(&case).unwrap_or_else(|| format!("{}.pdf", code.as_str()));
    let path = target.unwrap_or_else(|| data_dir(&session.store).join(PRINTED_DIR).join(name));
    // The document reads as the case's own catalogue version has it.
    let own = session.catalog_of(&case)?;
    Ok(job::issued(&session.store, &own, &case, duplicate, &ctx, language, &path)?)
}

/// A print that went to paper: the copy as counted, and the printer's job.
#[derive(Debug, Clone)]
pub struct Sent {
    pub printed: Printed,
    pub job: Job,
}

/// Prints the case's live document on the printer chosen in Settings (else the system's
/// default), recording the copy; the file stays in the printed folder.
pub fn on_paper(session: &Session, code: &TrackingCode, duplicate: bool, language: Language) -> Result<Sent, WorkError> {
    let case = office::find_case(&session.store, code)?;
    let ctx = Context { actor: &session.actor, at: Utc::now(), note: None };
    let own = session.catalog_of(&case)?;
    let chosen = paper::chosen_printer(&session.store)?;
    let (printed, job) = paper::issued(&session.store, &own, &case, duplicate, &ctx, language, chosen.as_ref())?;
    Ok(Sent { printed, job })
}

/// Writes the citizen's receipt to `target` (or the printed folder), recorded as the session's act.
pub fn receipt(
    session: &Session,
    code: &TrackingCode,
    target: Option<PathBuf>,
    language: Language,
) -> Result<PathBuf, WorkError> {
    let case = office::find_case(&session.store, code)?;
    let path = target.unwrap_or_else(|| data_dir(&session.store).join(PRINTED_DIR).join(receipt_name(code)));
    let own = session.catalog_of(&case)?;
    job::receipt(&session.store, &own, &case, &session.actor, language, Utc::now(), &path)?;
    Ok(path)
}
