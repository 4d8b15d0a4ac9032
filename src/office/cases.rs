//! The acts on a case: open it with the documents the applicant brought, tick a document, move it
//! along its workflow, note, attach, issue and revoke its document; and the reads the faces show.

use std::path::Path;

use crate::domain::applicant::Applicant;
use crate::domain::case::{Case, Context, PaperLetter};
use crate::domain::catalog::Catalog;
use crate::domain::issued::IssueTerms;
use crate::domain::tracking::TrackingCode;
use crate::store::{Database, Page, SearchQuery, StoreError};

/// A case asked for at the counter.
#[derive(Debug, Clone)]
pub struct NewCase<'a> {
    /// The service's ID, key or catalogue number.
    pub service: &'a str,
    pub applicant: Applicant,
    /// The checklist items (from 0) the applicant brought.
    pub received: Vec<usize>,
}

/// Opens the case with its ticked documents in one transaction: a crash never leaves a case
/// without the checklist the clerk saw saved.
pub fn open_case(db: &Database, catalog: &Catalog, request: NewCase<'_>, ctx: &Context<'_>) -> Result<Case, StoreError> {
    db.open_case_with_documents(catalog, request.service, request.applicant, &request.received, ctx)
}

pub fn find_case(db: &Database, code: &TrackingCode) -> Result<Case, StoreError> {
    db.case(code)
}

pub fn search(db: &Database, query: &SearchQuery) -> Result<Page, StoreError> {
    db.search(query)
}

/// Checklist item `item` (from 0) received, or not.
pub fn mark_document(
    db: &Database,
    catalog: &Catalog,
    code: &TrackingCode,
    item: usize,
    received: bool,
    ctx: &Context<'_>,
) -> Result<Case, StoreError> {
    db.mark_document(catalog, code, item, received, ctx)
}

/// Moves the case to `to`; leaving a decision takes its branch label.
pub fn advance(
    db: &Database,
    catalog: &Catalog,
    code: &TrackingCode,
    to: &str,
    branch_fa: Option<&str>,
    ctx: &Context<'_>,
) -> Result<Case, StoreError> {
    db.advance(catalog, code, to, branch_fa, ctx)
}

/// The district governor takes a step of the county, the province or the ministry on the letter
/// that brought their decision on paper; the letter's number and date go into the record.
pub fn record_paper_decision(
    db: &Database,
    catalog: &Catalog,
    code: &TrackingCode,
    to: &str,
    branch_fa: Option<&str>,
    letter: &PaperLetter,
    ctx: &Context<'_>,
) -> Result<Case, StoreError> {
    db.record_paper_decision(catalog, code, to, branch_fa, letter, ctx)
}

/// Records `ctx.note` against the case.
pub fn add_note(db: &Database, catalog: &Catalog, code: &TrackingCode, ctx: &Context<'_>) -> Result<Case, StoreError> {
    db.add_note(catalog, code, ctx)
}

/// Keeps a copy of the file in the data folder and records it against the case.
pub fn attach(db: &Database, catalog: &Catalog, code: &TrackingCode, file: &Path, ctx: &Context<'_>) -> Result<Case, StoreError> {
    db.attach_file(catalog, code, file, ctx)
}

/// Issues the case's document with the year's next serial.
pub fn issue(
    db: &Database,
    catalog: &Catalog,
    code: &TrackingCode,
    terms: IssueTerms,
    ctx: &Context<'_>,
) -> Result<Case, StoreError> {
    db.issue(catalog, code, terms, ctx)
}

pub fn revoke(
    db: &Database,
    catalog: &Catalog,
    code: &TrackingCode,
    reason: &str,
    ctx: &Context<'_>,
) -> Result<Case, StoreError> {
    db.revoke(catalog, code, reason, ctx)
}

/// Moves an open case to the active catalogue version, where its current step still exists.
pub fn migrate_case(db: &Database, catalog: &Catalog, code: &TrackingCode, ctx: &Context<'_>) -> Result<Case, StoreError> {
    db.migrate_case(catalog, code, ctx)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::applicant::{ApplicantIdentity, NationalId};
    use crate::domain::role::{Actor, Role};

    #[test]
    fn a_case_opens_with_its_ticked_documents_in_one_transaction_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let db = Database::create(dir.path(), "123", "بخش مرکزی").unwrap_or_else(|e| panic!("{e}"));
        let catalog = crate::catalog_data::embedded().unwrap_or_else(|e| panic!("{e:?}"));
        let clerk = Actor { user_id: "u1".into(), name: "کارمند".into(), role: Role::Clerk };
        let ctx = Context { actor: &clerk, at: chrono::Utc::now(), note: None };
        let applicant = || {
            let national_id = NationalId::parse("0012345679").unwrap_or_else(|e| panic!("{e}"));
            Applicant::new(ApplicantIdentity::Person { national_id }, "علی رضایی", None).unwrap_or_else(|e| panic!("{e}"))
        };
        let service = catalog.services.iter().find(|s| s.documents_fa.len() >= 3).unwrap_or_else(|| panic!("no service"));
        let key = service.key.clone();
        let opened = open_case(&db, &catalog, NewCase { service: &key, applicant: applicant(), received: vec![0, 2] }, &ctx)
            .unwrap_or_else(|e| panic!("{e}"));
        let stored = find_case(&db, &opened.tracking_code).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(stored, opened);
        assert_eq!(stored.history.len(), 3, "the opening and two documents");
        #[cfg(feature = "sync")]
        assert_eq!(db.outbox_entries().map(|o| o.len()), Ok(3));
        // An item the checklist does not have refuses the whole act: no case, no code used.
        let refused = open_case(&db, &catalog, NewCase { service: &key, applicant: applicant(), received: vec![0, 99] }, &ctx);
        assert!(matches!(refused, Err(StoreError::Case(_))), "{refused:?}");
        assert_eq!(db.search(&SearchQuery::default()).map(|p| p.total), Ok(1));
        assert!(db.check().is_ok_and(|r| r.is_clean()));
    }
}
