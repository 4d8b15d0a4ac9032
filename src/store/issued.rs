//! Issued documents in the store: the serial is allocated in the same write transaction that
//! records the issue event (with the projection, indexes and outbox), so a serial exists exactly
//! when its event does. Prints and revocations are ordinary case events.

use chrono::{DateTime, Utc};
use redb::{ReadTransaction, ReadableDatabase, ReadableTable, WriteTransaction};

use super::tables::{META, SERIAL_FLOOR_PREFIX, SERIALS};
use super::{Database, StoreError};
use crate::domain::calendar::JalaliDate;
use crate::domain::case::{Case, Context, EventKind};
use crate::domain::catalog::Catalog;
use crate::domain::issued::{DocumentSignature, Essentials, IssueTerms, Serial};
use crate::domain::tracking::TrackingCode;

impl Database {
    /// Issues the case's document with the next serial of the Solar Hijri year (Iran time). The
    /// issue event carries the district's signature over the document's essentials, the one its
    /// QR code and short code are made from, so the province hub can check either.
    pub fn issue(
        &self,
        catalog: &Catalog,
        code: &TrackingCode,
        terms: IssueTerms,
        ctx: &Context<'_>,
    ) -> Result<Case, StoreError> {
        let key = self.signing_key()?;
        self.change(catalog, code, |txn, case, service| {
            let service = service.ok_or_else(|| StoreError::UnknownService(case.service_key.clone()))?;
            let serial = next_serial(txn, ctx.at)?;
            let mut event = case.issue(service, serial, terms, ctx)?;
            if let EventKind::DocumentIssued { document, signature, .. } = &mut event.kind {
                let essentials = Essentials {
                    district: self.district_code().to_owned(),
                    serial,
                    case: case.tracking_code.as_str().to_owned(),
                    kind: *document,
                    applicant_id: case.applicant.id_number().to_owned(),
                };
                *signature = Some(DocumentSignature(essentials.sign(&key)));
            }
            txn.open_table(SERIALS)?.insert((serial.year, serial.number), code.as_str())?;
            Ok(event)
        })
    }

    /// Records one printed copy (a duplicate when the original was printed before).
    pub fn record_print(
        &self,
        catalog: &Catalog,
        code: &TrackingCode,
        duplicate: bool,
        ctx: &Context<'_>,
    ) -> Result<Case, StoreError> {
        self.change(catalog, code, |_, case, _| Ok(case.print(duplicate, ctx)?))
    }

    pub fn revoke(&self, catalog: &Catalog, code: &TrackingCode, reason: &str, ctx: &Context<'_>) -> Result<Case, StoreError> {
        self.change(catalog, code, |_, case, _| Ok(case.revoke(reason, ctx)?))
    }

    /// The case a serial was issued on, if this district issued it.
    pub fn case_of_serial(&self, serial: Serial) -> Result<Option<TrackingCode>, StoreError> {
        let txn = self.db.begin_read()?;
        let Some(table) = serials(&txn)? else { return Ok(None) };
        let Some(code) = table.get((serial.year, serial.number))? else { return Ok(None) };
        let code = code.value();
        TrackingCode::parse(code).map(Some).map_err(|_| StoreError::Corrupt(format!("serial {serial}: {code}")))
    }
}

/// The serials table as a read transaction sees it.
pub(super) type SerialsTable = redb::ReadOnlyTable<(u16, u32), &'static str>;

/// The serials table, or `None` in a file written before issued documents existed.
pub(super) fn serials(txn: &ReadTransaction) -> Result<Option<SerialsTable>, StoreError> {
    match txn.open_table(SERIALS) {
        Ok(table) => Ok(Some(table)),
        Err(redb::TableError::TableDoesNotExist(_)) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The year's last serial + 1: gap-free because serials are only ever added, in this transaction;
/// after a restore, above the serials the replaced database had given (`SERIAL_FLOOR_PREFIX`).
fn next_serial(txn: &WriteTransaction, at: DateTime<Utc>) -> Result<Serial, StoreError> {
    let year = u16::try_from(JalaliDate::at_iran(at).year).map_err(|_| StoreError::Corrupt("solar year".into()))?;
    let table = txn.open_table(SERIALS)?;
    let last = table.range((year, 0)..=(year, u32::MAX))?.next_back().transpose()?.map_or(0, |(key, _)| key.value().1);
    let last = last.max(serial_floor(&txn.open_table(META)?, year)?);
    let number = last.checked_add(1).ok_or_else(|| StoreError::Corrupt(format!("serials of {year} used up")))?;
    Ok(Serial { year, number })
}

/// The year's serial floor: serials up to it were given by a database a restore replaced.
pub(super) fn serial_floor(meta: &impl ReadableTable<&'static str, &'static str>, year: u16) -> Result<u32, StoreError> {
    let key = format!("{SERIAL_FLOOR_PREFIX}{year}");
    Ok(meta.get(key.as_str())?.and_then(|v| v.value().parse().ok()).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::domain::case::CaseError;
    use crate::domain::catalog::IssuedDocumentKind;
    use crate::domain::role::{Actor, Role};
    use crate::store::tests::{catalog, new_db, open_case};

    fn governor() -> Actor {
        Actor { user_id: "g".into(), name: "بخشدار".into(), role: Role::DistrictGovernor }
    }

    /// A case of a document-issuing service, walked to its issuing step.
    fn at_issue(db: &Database, catalog: &mut Catalog, name: &str, at: DateTime<Utc>) -> TrackingCode {
        for service in &mut catalog.services {
            service.issues_document = Some(IssuedDocumentKind::Licence);
        }
        let mut case = open_case(db, catalog, name, at);
        // Every required document received, as the clerk ticks them before an issue.
        let clerk = crate::store::tests::clerk();
        let desk = Context { actor: &clerk, at, note: None };
        for item in 0..case.checklist.len() {
            case = db.mark_document(catalog, &case.tracking_code, item, true, &desk).unwrap_or_else(|e| panic!("{e}"));
        }
        let boss = governor();
        let ctx = Context { actor: &boss, at, note: None };
        let service = catalog.find(&case.service_key).unwrap_or_else(|| panic!("service")).clone();
        let hub = crate::domain::role::hub_decision();
        let by_hub = Context { actor: &hub, at, note: None };
        while !crate::domain::issued::is_issuing_step(&service.workflow, &case.step) {
            let edge = service.workflow.outgoing(&case.step).next().unwrap_or_else(|| panic!("dead end")).clone();
            let ctx = if case.upstream_office(&service.workflow).is_some() { &by_hub } else { &ctx };
            case = db
                .advance(catalog, &case.tracking_code, &edge.to, edge.label_fa.as_deref(), ctx)
                .unwrap_or_else(|e| panic!("{e}"));
        }
        case.tracking_code
    }

    /// A document issued after the backup, then the backup restored: the next issue takes the
    /// serial after it, never the same one, and `check` takes the jump over the replaced file's.
    #[test]
    fn after_a_restore_no_serial_is_given_twice() {
        let (dir, db) = new_db();
        let mut catalog = catalog();
        let at = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).single().unwrap_or_else(|| panic!("time"));
        let first = at_issue(&db, &mut catalog, "علی", at);
        let files = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let backup = files.path().join("old.redb");
        db.backup_to(&backup).unwrap_or_else(|e| panic!("{e}"));
        let boss = governor();
        let ctx = Context { actor: &boss, at, note: None };
        let issued = db.issue(&catalog, &first, IssueTerms::default(), &ctx).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(issued.current_document().map(|d| d.serial.number), Ok(1));
        drop(db);
        crate::store::restore(dir.path(), &backup, at, None).unwrap_or_else(|e| panic!("{e}"));
        let db = Database::open(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        let again = db.issue(&catalog, &first, IssueTerms::default(), &ctx).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(again.current_document().map(|d| d.serial.number), Ok(2), "serial 1 went out on the replaced file");
        let report = db.check().unwrap_or_else(|e| panic!("{e}"));
        assert!(report.is_clean(), "{report:?}");
    }

    /// The issue event carries the district's signature over the document's essentials: the one
    /// the printed QR code and short code are made from, which the hub checks them with.
    #[test]
    fn the_issue_event_carries_the_documents_signature() {
        let (_dir, db) = new_db();
        let mut catalog = catalog();
        let at = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).single().unwrap_or_else(|| panic!("time"));
        let code = at_issue(&db, &mut catalog, "علی", at);
        let boss = governor();
        let case = db.issue(&catalog, &code, IssueTerms::default(), &Context { actor: &boss, at, note: None });
        let case = case.unwrap_or_else(|e| panic!("{e}"));
        let document = case.current_document().unwrap_or_else(|e| panic!("{e}"));
        let events = db.events(&code).unwrap_or_else(|e| panic!("{e}"));
        let signature = events.iter().find_map(|e| match &e.kind {
            EventKind::DocumentIssued { signature, .. } => *signature,
            _ => None,
        });
        let key = db.signing_key().unwrap_or_else(|e| panic!("{e}"));
        let essentials = Essentials {
            district: db.district_code().to_owned(),
            serial: document.serial,
            case: code.as_str().to_owned(),
            kind: document.kind,
            applicant_id: case.applicant.id_number().to_owned(),
        };
        assert_eq!(signature, Some(DocumentSignature(essentials.sign(&key))));
        assert!(essentials.signed_by(&key.public(), &essentials.sign(&key)));
    }

    #[test]
    fn serials_are_gap_free_per_year_and_checked() {
        let (_dir, db) = new_db();
        let mut catalog = catalog();
        let boss = governor();
        let day = |y, m, d| Utc.with_ymd_and_hms(y, m, d, 9, 0, 0).single().unwrap_or_else(|| panic!("time"));
        let mut issued = Vec::new();
        for (i, at) in [day(2026, 11, 1), day(2026, 11, 2), day(2027, 3, 25)].into_iter().enumerate() {
            let code = at_issue(&db, &mut catalog, &format!("متقاضی {i}"), at);
            let ctx = Context { actor: &boss, at, note: None };
            let case = db.issue(&catalog, &code, IssueTerms::default(), &ctx).unwrap_or_else(|e| panic!("{e}"));
            let serial = case.current_document().unwrap_or_else(|e| panic!("{e}")).serial;
            assert_eq!(db.case_of_serial(serial), Ok(Some(code.clone())));
            issued.push(serial);
        }
        assert_eq!(
            issued,
            vec![Serial { year: 1405, number: 1 }, Serial { year: 1405, number: 2 }, Serial { year: 1406, number: 1 }]
        );
        // A refused issue allocates nothing: the transaction is dropped.
        let code = at_issue(&db, &mut catalog, "دوم", day(2026, 11, 3));
        let clerk = Actor { role: Role::Clerk, ..governor() };
        let refused =
            db.issue(&catalog, &code, IssueTerms::default(), &Context { actor: &clerk, at: day(2026, 11, 3), note: None });
        assert!(matches!(refused, Err(StoreError::Case(CaseError::NotPermitted { .. }))));
        let ctx = Context { actor: &boss, at: day(2026, 11, 3), note: None };
        let case = db.issue(&catalog, &code, IssueTerms::default(), &ctx).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(case.current_document().map(|d| d.serial), Ok(Serial { year: 1405, number: 3 }));
        db.record_print(&catalog, &code, false, &ctx).unwrap_or_else(|e| panic!("{e}"));
        let revoked = db.revoke(&catalog, &code, "اشتباه", &ctx).unwrap_or_else(|e| panic!("{e}"));
        assert!(revoked.documents[0].revoked.is_some());
        assert_eq!(db.case(&code).map(|c| c.documents), Ok(revoked.documents));
        let report = db.check().unwrap_or_else(|e| panic!("{e}"));
        assert!(report.is_clean(), "{report:?}");
        assert_eq!(report.serials, 4);
    }

    #[cfg(feature = "sync")]
    #[test]
    fn a_revocation_from_the_hub_applies_once_through_the_revoke_path() {
        use crate::sync::district::{DecisionOutcome, apply_revocation};
        use crate::sync::message::Message;
        let (_dir, db) = new_db();
        let mut catalog = catalog();
        let at = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).single().unwrap_or_else(|| panic!("time"));
        let code = at_issue(&db, &mut catalog, "علی", at);
        let boss = governor();
        let ctx = Context { actor: &boss, at, note: None };
        let case = db.issue(&catalog, &code, IssueTerms::default(), &ctx).unwrap_or_else(|e| panic!("{e}"));
        let serial = case.current_document().unwrap_or_else(|e| panic!("{e}")).serial;
        let revocation = |case: &str, serial| Message::Revocation {
            case: case.to_owned(),
            serial,
            reason: "جعل مدارک".into(),
            actor_name: "استانداری".into(),
            at,
        };
        let apply = |message: &Message| apply_revocation(&db, &catalog, "hub:h:4", message).unwrap_or_else(|e| panic!("{e}"));
        let other_case = TrackingCode::compose("123", 1405, 99).unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(apply(&revocation(other_case.as_str(), serial)), DecisionOutcome::Refused(_)));
        let unknown = Serial { year: 1405, number: 9 };
        assert!(matches!(apply(&revocation(code.as_str(), unknown)), DecisionOutcome::Refused(_)));
        assert_eq!(apply(&revocation(code.as_str(), serial)), DecisionOutcome::Applied);
        assert_eq!(apply(&revocation(code.as_str(), serial)), DecisionOutcome::AlreadyApplied);
        let case = db.case(&code).unwrap_or_else(|e| panic!("{e}"));
        let revoked = case.documents[0].revoked.clone().unwrap_or_else(|| panic!("not revoked"));
        assert_eq!(
            (revoked.by.user_id.as_str(), revoked.by.role, revoked.reason.as_str()),
            ("hub:h:4", Role::Province, "جعل مدارک")
        );
        assert_eq!(case.history.iter().filter(|e| e.actor.user_id == "hub:h:4").count(), 1);
    }

    #[test]
    fn check_finds_a_gap_and_a_serial_without_its_event() {
        let (_dir, db) = new_db();
        let catalog = catalog();
        let at = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).single().unwrap_or_else(|| panic!("time"));
        let case = open_case(&db, &catalog, "علی", at);
        let txn = db.db.begin_write().unwrap_or_else(|e| panic!("{e}"));
        let mut table = txn.open_table(SERIALS).unwrap_or_else(|e| panic!("{e}"));
        table.insert((1405, 2), case.tracking_code.as_str()).unwrap_or_else(|e| panic!("{e}"));
        drop(table);
        txn.commit().unwrap_or_else(|e| panic!("{e}"));
        let report = db.check().unwrap_or_else(|e| panic!("{e}"));
        let kinds: Vec<_> = report.problems.iter().map(|p| p.kind).collect();
        assert!(kinds.contains(&crate::store::ProblemKind::SerialGap), "{report:?}");
        assert!(kinds.contains(&crate::store::ProblemKind::SerialMismatch), "{report:?}");
    }

    #[test]
    fn a_file_from_before_issued_documents_reads_and_checks_clean() {
        let (dir, db) = new_db();
        let catalog = catalog();
        let at = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).single().unwrap_or_else(|| panic!("time"));
        open_case(&db, &catalog, "علی", at);
        // As schema 5 and older wrote it: no serials table until the first issue.
        let txn = db.db.begin_write().unwrap_or_else(|e| panic!("{e}"));
        txn.delete_table(SERIALS).unwrap_or_else(|e| panic!("{e}"));
        let mut meta = txn.open_table(crate::store::tables::META).unwrap_or_else(|e| panic!("{e}"));
        meta.insert(crate::store::tables::SCHEMA_VERSION_KEY, "5").unwrap_or_else(|e| panic!("{e}"));
        drop(meta);
        txn.commit().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(db.case_of_serial(Serial { year: 1405, number: 1 }), Ok(None));
        let report = db.check().unwrap_or_else(|e| panic!("{e}"));
        assert!(report.is_clean(), "{report:?}");
        let copy = dir.path().join("copy.redb");
        db.backup_to(&copy).unwrap_or_else(|e| panic!("{e}"));
    }
}
