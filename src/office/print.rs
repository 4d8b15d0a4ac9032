//! One print as the window and the command line both make it: the domain decides (no document,
//! revoked, a duplicate not asked for or not allowed), the document is assembled from the case,
//! its service, the office and the district's key, rendered, written beside its final name, the
//! copy counted in the store, and only then the file takes its name — a copy is counted only when
//! its file is complete, and a refused count leaves no file.

use std::path::{Path, PathBuf};

use super::accounts::Created;
use crate::domain::account::OfficeActKind;
use crate::domain::case::{Case, Context};
use crate::domain::catalog::{Catalog, Service};
use crate::domain::issued::Serial;
use crate::domain::role::{Action, Actor};
use crate::domain::tracking::TrackingCode;
use crate::i18n::{Arg, Language, Localizer};
use crate::print::spool::SpoolError;
use crate::print::{
    IssuedPrint, Office, PrintError, ReceiptPrint, RecoverySheet, render_issued, render_receipt, render_recovery_sheet,
};
use crate::store::{Database, StoreError};

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum JobError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Print(#[from] PrintError),
    #[error("cannot write {path}: {detail}")]
    Write { path: PathBuf, detail: String },
    /// A case an office opened by letter: the office is answered by letter with the tracking
    /// code, and there is no citizen to hand a receipt to.
    #[error("the case was opened on an office's letter and has no applicant receipt")]
    NoReceiptForOffice,
    /// The printer cannot take a job; nothing was counted.
    #[error(transparent)]
    Spool(#[from] SpoolError),
    /// The copy was counted and saved as `path`, but the printer did not take it.
    #[error("{path} was saved but not printed: {error}")]
    NotSent { path: PathBuf, error: SpoolError },
}

impl JobError {
    /// The reader's message, the same in the window and on the command line; `ltr` sets paths and
    /// system messages apart inside a right-to-left line where the caller needs that.
    pub fn message(&self, loc: &Localizer, ltr: impl Fn(&str) -> String) -> String {
        match self {
            JobError::Store(error) => loc.store_error(error),
            JobError::Print(error) => error.message(loc, ltr),
            JobError::Write { path, detail } => {
                let path = ltr(&path.display().to_string());
                loc.text("print-error-write", &[("path", Arg::Text(&path)), ("detail", Arg::Text(&ltr(detail)))])
            }
            JobError::NoReceiptForOffice => loc.text("print-error-no-receipt-for-office", &[]),
            JobError::Spool(error) => error.message(loc, ltr),
            JobError::NotSent { path, error } => {
                let path = ltr(&path.display().to_string());
                let detail = error.message(loc, ltr);
                loc.text("print-error-not-sent", &[("path", Arg::Text(&path)), ("detail", Arg::Text(&detail))])
            }
        }
    }
}

/// A document printed: the case as it now stands (with the copy counted).
#[derive(Debug, Clone)]
pub struct Printed {
    pub case: Box<Case>,
    pub serial: Serial,
    /// 1 for the original, more for a duplicate (المثنی).
    pub copy: u32,
    pub bytes: usize,
    pub path: PathBuf,
}

/// The folder of the data folder that printed PDFs go to unless the clerk chooses another place.
pub const PRINTED_DIR: &str = "printed";

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

/// The data folder: the store's file, `office.toml` and the office's templates live in it.
pub fn data_dir(db: &Database) -> PathBuf {
    db.path().parent().map(Path::to_path_buf).unwrap_or_default()
}

/// The district from the store, county, province and emblem from the data folder's `office.toml`.
pub fn office(db: &Database) -> Result<Office, PrintError> {
    Office { district_code: db.district_code().to_owned(), district: db.district_name().to_owned(), ..Office::default() }
        .with_file(&data_dir(db))
}

fn service<'c>(catalog: &'c Catalog, case: &Case) -> Result<&'c Service, StoreError> {
    catalog.find(&case.service_key).ok_or_else(|| StoreError::UnknownService(case.service_key.clone()))
}

/// Prints the case's live document to `file` and records the copy (by `ctx.actor`, at `ctx.at`).
/// `catalog` holds the case's service.
pub fn issued(
    db: &Database,
    catalog: &Catalog,
    case: &Case,
    duplicate: bool,
    ctx: &Context<'_>,
    language: Language,
    file: &Path,
) -> Result<Printed, JobError> {
    case.print(duplicate, ctx).map_err(StoreError::Case)?;
    let document = case.current_document().map_err(StoreError::Case)?;
    let key = db.signing_key()?;
    let dir = data_dir(db);
    let office = office(db)?;
    let copy = document.copies + 1;
    let request = IssuedPrint {
        case,
        service: service(catalog, case)?,
        document,
        office: &office,
        key: &key,
        copy,
        language,
        data_dir: Some(&dir),
        now: ctx.at,
    };
    let bytes = render_issued(&request)?;
    let case = write_then(file, &bytes, || db.record_print(catalog, &case.tracking_code, duplicate, ctx))?;
    Ok(Printed { case: Box::new(case), serial: document.serial, copy, bytes: bytes.len(), path: file.to_path_buf() })
}

/// Writes the citizen's receipt to `file`, recorded as an act of the office by `actor`.
pub fn receipt(
    db: &Database,
    catalog: &Catalog,
    case: &Case,
    actor: &Actor,
    language: Language,
    now: chrono::DateTime<chrono::Utc>,
    file: &Path,
) -> Result<(), JobError> {
    if case.applicant.identity.is_office() {
        return Err(JobError::NoReceiptForOffice);
    }
    let dir = data_dir(db);
    let office = office(db)?;
    let request = ReceiptPrint { case, service: service(catalog, case)?, office: &office, language, data_dir: Some(&dir), now };
    let bytes = render_receipt(&request)?;
    let code = case.tracking_code.as_str();
    write_then(file, &bytes, || {
        super::accounts::record(db, actor, Action::PrintReceipt, OfficeActKind::ReceiptPrinted, code, now)
    })
}

/// Writes the administrator's recovery sheet for `created` to `file`, private to its owner from
/// the first byte: it holds the code that takes over the administrator's account.
pub fn recovery_sheet(db: &Database, created: &Created, language: Language, file: &Path) -> Result<(), JobError> {
    let sheet = RecoverySheet {
        district_name: db.district_name(),
        district_code: db.district_code(),
        administrator: &created.account.name,
        recovery_code: &created.recovery_code,
        language,
        now: chrono::Utc::now(),
    };
    let bytes = render_recovery_sheet(&sheet)?;
    crate::store::files::write_private(file, &bytes, false)
        .map_err(|e| JobError::Write { path: file.to_path_buf(), detail: e.to_string() })
}

fn write_then<T>(file: &Path, bytes: &[u8], record: impl FnOnce() -> Result<T, StoreError>) -> Result<T, JobError> {
    let failed = |e: std::io::Error| JobError::Write { path: file.to_path_buf(), detail: e.to_string() };
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(failed)?;
    }
    let partial = file.with_extension("pdf.partial");
    // A printed document names a citizen: it is the office's alone, like the database.
    std::fs::write(&partial, bytes).and_then(|()| crate::store::files::make_private(&partial).map(|_| ())).map_err(failed)?;
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

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;
    use crate::domain::applicant::{Applicant, ApplicantIdentity, NationalId};
    use crate::domain::case::CaseError;
    use crate::domain::catalog::IssuedDocumentKind;
    use crate::domain::issued::{IssueTerms, is_issuing_step};
    use crate::domain::role::{Actor, Role};

    /// A district's store in a folder of its own, and in it a case of service 1 at its issuing step,
    /// its licence issued by the district governor.
    struct IssuedLicence {
        dir: tempfile::TempDir,
        db: Database,
        catalog: Catalog,
        governor: Actor,
        case: Case,
    }

    fn district_with_an_issued_licence() -> IssuedLicence {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let db = Database::create(dir.path(), "123", "بخش مرکزی").unwrap_or_else(|e| panic!("{e}"));
        let mut catalog = crate::catalog_data::embedded().unwrap_or_else(|e| panic!("{e:?}"));
        let governor = Actor { user_id: "g".into(), name: "بخشدار".into(), role: Role::DistrictGovernor };
        let case = issued_case(&db, &mut catalog, &governor);
        IssuedLicence { dir, db, catalog, governor, case }
    }

    fn issued_case(db: &Database, catalog: &mut Catalog, governor: &Actor) -> Case {
        for service in &mut catalog.services {
            service.issues_document = Some(IssuedDocumentKind::Licence);
        }
        let ctx = Context { actor: governor, at: Utc::now(), note: None };
        let id = NationalId::parse("0012345679").unwrap_or_else(|e| panic!("{e}"));
        let applicant =
            Applicant::new(ApplicantIdentity::Person { national_id: id }, "علی‌رضا محمدی", None).unwrap_or_else(|e| panic!("{e}"));
        let all: Vec<usize> = (0..catalog.find("1").map_or(0, |s| s.documents_fa.len())).collect();
        let mut case = db.open_case_with_documents(catalog, "1", applicant, &all, &ctx).unwrap_or_else(|e| panic!("{e}"));
        let workflow = service(catalog, &case).unwrap_or_else(|e| panic!("{e}")).workflow.clone();
        let hub = crate::domain::role::hub_decision();
        let by_hub = Context { actor: &hub, ..ctx.clone() };
        while !is_issuing_step(&workflow, &case.step) {
            let edge = workflow.outgoing(&case.step).next().unwrap_or_else(|| panic!("dead end")).clone();
            let ctx = if case.upstream_office(&workflow).is_some() { &by_hub } else { &ctx };
            case = db
                .advance(catalog, &case.tracking_code, &edge.to, edge.label_fa.as_deref(), ctx)
                .unwrap_or_else(|e| panic!("{e}"));
        }
        db.issue(catalog, &case.tracking_code, IssueTerms::default(), &ctx).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_print_on_paper_that_cannot_reach_a_printer_counts_no_copy() {
        use crate::office::paper;
        use crate::print::spool::{PrinterName, SpoolError};
        let IssuedLicence { dir, db, catalog, governor, case } = district_with_an_issued_licence();
        let ctx = Context { actor: &governor, at: Utc::now(), note: None };
        // A name in settings.toml that could pass for an option is refused before any spooler runs.
        std::fs::write(dir.path().join("settings.toml"), "printer = \"-o\"\n").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(paper::chosen_printer(&db), Err(JobError::Spool(SpoolError::BadName("-o".into()))));
        // No such printer (or no CUPS on this machine at all): refused either way, nothing counted.
        let missing = PrinterName::parse("No_Such_Printer_Here").unwrap_or_else(|e| panic!("{e}"));
        let refused = paper::issued(&db, &catalog, &case, false, &ctx, Language::Persian, Some(&missing));
        assert!(matches!(refused, Err(JobError::Spool(_))), "{refused:?}");
        let now = db.case(&case.tracking_code).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(now.current_document().map(|d| d.copies), Ok(0));
        assert!(!dir.path().join(PRINTED_DIR).exists());
    }

    #[test]
    fn a_print_is_counted_with_its_file_and_a_refused_one_leaves_nothing() {
        let IssuedLicence { dir, db, catalog, governor, case } = district_with_an_issued_licence();
        let ctx = Context { actor: &governor, at: Utc::now(), note: None };
        let first = dir.path().join("printed/first.pdf");
        // Without the county and province the letterhead is cut short: refused, nothing counted.
        let bare = issued(&db, &catalog, &case, false, &ctx, Language::Persian, &first);
        assert!(
            matches!(bare, Err(JobError::Print(PrintError::OfficeIncomplete(crate::print::MissingOffice::Both)))),
            "{bare:?}"
        );
        assert!(!first.exists());
        std::fs::write(dir.path().join("office.toml"), "county = \"آوج\"\n").unwrap_or_else(|e| panic!("{e}"));
        let receipt_file = dir.path().join("receipt.pdf");
        let no_province = receipt(&db, &catalog, &case, &governor, Language::Persian, Utc::now(), &receipt_file);
        let message = no_province.as_ref().map_err(|e| e.message(Localizer::shared(Language::Persian), str::to_owned));
        assert!(message.as_ref().is_err_and(|m| m.contains("office.toml") && m.contains("نام استان")), "{message:?}");
        std::fs::write(dir.path().join("office.toml"), "county = \"آوج\"\nprovince = \"قزوین\"\n")
            .unwrap_or_else(|e| panic!("{e}"));
        let printed = issued(&db, &catalog, &case, false, &ctx, Language::Persian, &first).unwrap_or_else(|e| panic!("{e}"));
        let on_disk = std::fs::read(&first).unwrap_or_else(|e| panic!("{e}"));
        assert!(on_disk.starts_with(b"%PDF") && on_disk.len() == printed.bytes, "{} bytes", on_disk.len());
        assert_eq!((printed.copy, printed.case.current_document().map(|d| d.copies)), (1, Ok(1)));
        // A second original is refused by the domain before anything is written.
        let again = dir.path().join("printed/again.pdf");
        let refused = issued(&db, &catalog, &printed.case, false, &ctx, Language::Persian, &again);
        assert!(matches!(refused, Err(JobError::Store(StoreError::Case(CaseError::DuplicateRequired(_))))), "{refused:?}");
        assert!(!again.exists() && !again.with_extension("pdf.partial").exists());
        // A duplicate is copy 2 and carries the same serial.
        let second = dir.path().join("printed/second.pdf");
        let duplicate =
            issued(&db, &catalog, &printed.case, true, &ctx, Language::English, &second).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((duplicate.copy, duplicate.serial), (2, printed.serial));
        receipt(&db, &catalog, &case, &governor, Language::Persian, Utc::now(), &receipt_file).unwrap_or_else(|e| panic!("{e}"));
        assert!(receipt_file.is_file());
        let acts = db.office_acts().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            acts.last().map(|a| (a.kind, a.subject.as_str())),
            Some((OfficeActKind::ReceiptPrinted, case.tracking_code.as_str()))
        );
        // An administrator prints no receipt, and nothing is written.
        let admin = Actor { role: Role::Administrator, ..governor.clone() };
        let refused = receipt(&db, &catalog, &case, &admin, Language::Persian, Utc::now(), &dir.path().join("r2.pdf"));
        assert!(matches!(refused, Err(JobError::Store(StoreError::Account(_)))), "{refused:?}");
        assert!(!dir.path().join("r2.pdf").exists());
        // A case whose service the catalogue lacks is refused by name.
        let empty = Catalog { services: Vec::new(), ..catalog.clone() };
        let unknown = receipt(&db, &empty, &case, &governor, Language::Persian, Utc::now(), &dir.path().join("x.pdf"));
        assert!(matches!(unknown, Err(JobError::Store(StoreError::UnknownService(_)))), "{unknown:?}");
    }
}
