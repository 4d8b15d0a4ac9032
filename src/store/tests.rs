//! The store's behaviour on real redb files in temporary folders.

use super::*;
use crate::catalog_data;
use crate::domain::applicant::{Applicant, ApplicantIdentity, NationalId};
use crate::domain::case::{Case, CaseError, CaseStatus, Context};
use crate::domain::catalog::Catalog;
use crate::domain::role::{Actor, Role};
use chrono::{DateTime, Duration, TimeZone, Utc};

pub(crate) fn catalog() -> Catalog {
    catalog_data::embedded().unwrap_or_else(|e| panic!("{e:?}"))
}

pub(crate) fn clerk() -> Actor {
    Actor { user_id: "u1".into(), name: "کارمند".into(), role: Role::Clerk }
}

fn at(month: u32, day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, month, day, hour, 0, 0).single().unwrap_or_else(|| panic!("time"))
}

pub(super) fn applicant(name: &str, id: &str) -> Applicant {
    let national_id = NationalId::parse(id).unwrap_or_else(|e| panic!("{e}"));
    Applicant::new(ApplicantIdentity::Person { national_id }, name, None).unwrap_or_else(|e| panic!("{e}"))
}

pub(crate) fn new_db() -> (tempfile::TempDir, Database) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = Database::create(dir.path(), "123", "بخش مرکزی").unwrap_or_else(|e| panic!("{e}"));
    (dir, db)
}

pub(crate) fn open_case(db: &Database, catalog: &Catalog, name: &str, when: DateTime<Utc>) -> Case {
    let actor = clerk();
    let ctx = Context { actor: &actor, at: when, note: None };
    db.open_case(catalog, "1", applicant(name, "0012345679"), &ctx).unwrap_or_else(|e| panic!("{e}"))
}

fn advance(db: &Database, catalog: &Catalog, case: &Case, to: &str, branch: Option<&str>) -> Result<Case, StoreError> {
    let actor = clerk();
    let ctx = Context { actor: &actor, at: at(11, 2, 9), note: Some("بررسی شد") };
    db.advance(catalog, &case.tracking_code, to, branch, &ctx)
}

#[test]
fn create_refuses_an_existing_database_and_open_reads_the_district() {
    let (dir, db) = new_db();
    assert!(matches!(Database::create(dir.path(), "123", "دیگر"), Err(StoreError::Exists(_))));
    drop(db);
    let db = Database::open(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((db.district_code(), db.district_name()), ("123", "بخش مرکزی"));
    let empty = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(Database::open(empty.path()), Err(StoreError::Missing(_))));
}

#[test]
fn a_second_open_of_the_same_file_is_refused_as_already_open() {
    let (dir, _db) = new_db();
    assert!(matches!(Database::open(dir.path()), Err(StoreError::AlreadyOpen(_))));
}

#[test]
fn tracking_codes_follow_the_solar_hijri_year_and_restart_at_nowruz() {
    let (_dir, db) = new_db();
    let catalog = catalog();
    let first = open_case(&db, &catalog, "علی رضایی", at(3, 20, 9));
    let second = open_case(&db, &catalog, "علی رضایی", at(3, 20, 10));
    // 21:00 UTC on 20 March is already 1 Farvardin 1405 in Tehran.
    let new_year = open_case(&db, &catalog, "علی رضایی", at(3, 20, 21));
    assert_eq!(&first.tracking_code.as_str()[..12], "012304000001");
    assert_eq!(&second.tracking_code.as_str()[..12], "012304000002");
    assert_eq!(&new_year.tracking_code.as_str()[..12], "012305000001");
    assert_eq!(db.outbox_len(), Ok(3));
}

#[test]
fn a_failed_advance_changes_nothing() {
    let (_dir, db) = new_db();
    let catalog = catalog();
    let case = open_case(&db, &catalog, "علی رضایی", at(11, 1, 9));
    let before = db.case(&case.tracking_code).unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(advance(&db, &catalog, &case, "review", None), Err(StoreError::Case(CaseError::NoTransition { .. }))));
    let case = advance(&db, &catalog, &case, "document_check", None).unwrap_or_else(|e| panic!("{e}"));
    let case = advance(&db, &catalog, &case, "documents_complete", None).unwrap_or_else(|e| panic!("{e}"));
    let middle = db.case(&case.tracking_code).unwrap_or_else(|e| panic!("{e}"));
    let outbox = db.outbox_len();
    assert!(matches!(advance(&db, &catalog, &case, "review", None), Err(StoreError::Case(CaseError::BranchRequired(_)))));
    assert!(matches!(advance(&db, &catalog, &case, "review", Some("خیر")), Err(StoreError::Case(_))));
    assert_eq!(db.case(&case.tracking_code).as_ref(), Ok(&middle));
    assert_eq!(db.outbox_len(), outbox);
    assert_ne!(before, middle);
    let page = db.search(&SearchQuery { step: Some("documents_complete".into()), ..SearchQuery::default() });
    assert_eq!(page.map(|p| p.total), Ok(1));
}

#[test]
fn stored_events_replay_to_the_stored_projection() {
    let (_dir, db) = new_db();
    let catalog = catalog();
    let case = open_case(&db, &catalog, "علی رضایی", at(11, 1, 9));
    let mut last = case.clone();
    for (to, branch) in [
        ("document_check", None),
        ("documents_complete", None),
        ("review", Some("بلی")),
        ("approved", None),
        ("issue", Some("موافق")),
        ("end", None),
    ] {
        last = advance(&db, &catalog, &last, to, branch).unwrap_or_else(|e| panic!("{to}: {e}"));
    }
    let actor = clerk();
    let note = Context { actor: &actor, at: at(11, 3, 9), note: Some("تحویل شد") };
    let last = db.add_note(&catalog, &case.tracking_code, &note).unwrap_or_else(|e| panic!("{e}"));
    let stored = db.case(&case.tracking_code).unwrap_or_else(|e| panic!("{e}"));
    let events = db.events(&case.tracking_code).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(events.len(), 8);
    assert_eq!(Case::replay(&events), Ok(stored.clone()));
    assert_eq!(stored, last);
    assert_eq!(stored.status, CaseStatus::Closed);
    assert_eq!(db.outbox_len(), Ok(8));
    let closed = db.search(&SearchQuery { status: Some(CaseStatus::Closed), ..SearchQuery::default() });
    assert_eq!(closed.map(|p| p.total), Ok(1));
    let open = db.search(&SearchQuery { status: Some(CaseStatus::Open), ..SearchQuery::default() });
    assert_eq!(open.map(|p| p.total), Ok(0));
}

#[test]
fn names_are_found_by_folded_word_prefixes() {
    let (_dir, db) = new_db();
    let catalog = catalog();
    let wanted = open_case(&db, &catalog, "محمد\u{200c}حسین کریمی", at(11, 1, 9));
    open_case(&db, &catalog, "زهرا کاظمی", at(11, 1, 10));
    let find = |name: &str| {
        let page = db.search(&SearchQuery { name_prefix: Some(name.into()), ..SearchQuery::default() });
        page.unwrap_or_else(|e| panic!("{e}")).cases.into_iter().map(|c| c.tracking_code).collect::<Vec<_>>()
    };
    assert_eq!(find("محمدحسين"), vec![wanted.tracking_code.clone()], "Arabic yeh, no ZWNJ");
    assert_eq!(find("محمد\u{200c}ح"), vec![wanted.tracking_code.clone()], "ZWNJ typed");
    assert_eq!(find("كري"), vec![wanted.tracking_code.clone()], "Arabic kaf and yeh");
    assert_eq!(find("كر محم"), vec![wanted.tracking_code.clone()], "every word must match");
    assert_eq!(find("ک").len(), 2);
    assert!(find("رضا").is_empty());
    assert!(find("کریمی زهرا").is_empty());
}

#[test]
fn ids_services_and_paging_newest_first() {
    let (_dir, db) = new_db();
    let catalog = catalog();
    let cases: Vec<Case> = (0..25).map(|i| open_case(&db, &catalog, "علی رضایی", at(11, 1, 0) + Duration::minutes(i))).collect();
    let page = |offset, limit| {
        db.search(&SearchQuery { national_id: Some("۰۰۱۲۳۴۵۶۷۹".into()), offset, limit, ..SearchQuery::default() })
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let first = page(0, 10);
    assert_eq!(first.total, 25);
    assert_eq!(first.cases.len(), 10);
    assert_eq!(first.cases[0].tracking_code, cases[24].tracking_code, "newest first");
    let last = page(20, 10);
    assert_eq!(last.cases.len(), 5);
    assert_eq!(last.cases[4].tracking_code, cases[0].tracking_code);
    let service = catalog.find("1").map(|s| s.key.clone());
    let by_service = db.search(&SearchQuery { service_key: service, ..SearchQuery::default() });
    assert_eq!(by_service.map(|p| p.total), Ok(25));
    let other = db.search(&SearchQuery { national_id: Some("0499370899".into()), ..SearchQuery::default() });
    assert_eq!(other.map(|p| p.total), Ok(0));
}

#[test]
fn overdue_cases_are_those_past_their_steps_time_limit() {
    let (_dir, db) = new_db();
    let mut catalog = catalog();
    let service = catalog.services.iter_mut().find(|s| s.number == 1).unwrap_or_else(|| panic!("service 1"));
    service.workflow.nodes.iter_mut().filter(|n| n.id == "reception").for_each(|n| n.time_limit_days = Some(3));
    let late = open_case(&db, &catalog, "علی رضایی", at(11, 1, 9));
    let moved = open_case(&db, &catalog, "زهرا کاظمی", at(11, 1, 9));
    advance(&db, &catalog, &moved, "document_check", None).unwrap_or_else(|e| panic!("{e}"));
    let overdue = |when| {
        db.search(&SearchQuery { overdue_at: Some(when), ..SearchQuery::default() })
            .unwrap_or_else(|e| panic!("{e}"))
            .cases
            .into_iter()
            .map(|c| c.tracking_code)
            .collect::<Vec<_>>()
    };
    assert!(overdue(at(11, 3, 9)).is_empty());
    assert_eq!(overdue(at(11, 5, 9)), vec![late.tracking_code]);
}

fn file_bytes(dir: &tempfile::TempDir) -> Vec<u8> {
    std::fs::read(dir.path().join(FILE_NAME)).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_newer_schema_is_refused_and_the_file_is_untouched() {
    let (dir, db) = new_db();
    drop(db);
    {
        let raw = redb::Database::open(dir.path().join(FILE_NAME)).unwrap_or_else(|e| panic!("{e}"));
        let txn = raw.begin_write().unwrap_or_else(|e| panic!("{e}"));
        let mut meta = txn.open_table(tables::META).unwrap_or_else(|e| panic!("{e}"));
        meta.insert(tables::SCHEMA_VERSION_KEY, (SCHEMA_VERSION + 1).to_string().as_str()).unwrap_or_else(|e| panic!("{e}"));
        drop(meta);
        txn.commit().unwrap_or_else(|e| panic!("{e}"));
    }
    let before = file_bytes(&dir);
    assert_eq!(
        Database::open(dir.path()).map(|_| ()),
        Err(StoreError::NewerSchema { found: SCHEMA_VERSION + 1, supported: SCHEMA_VERSION })
    );
    assert_eq!(file_bytes(&dir), before);
}

#[test]
fn foreign_files_are_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join(FILE_NAME);
    std::fs::write(&path, "not a database").unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(Database::open(dir.path()), Err(StoreError::NotBakhshyar(_))));
    assert_eq!(file_bytes(&dir), b"not a database");
    std::fs::remove_file(&path).unwrap_or_else(|e| panic!("{e}"));
    drop(redb::Database::create(&path).unwrap_or_else(|e| panic!("{e}")));
    let before = file_bytes(&dir);
    assert!(matches!(Database::open(dir.path()), Err(StoreError::NotBakhshyar(_))));
    assert_eq!(file_bytes(&dir), before);
}

#[test]
fn reads_of_unknown_cases_are_errors() {
    let (_dir, db) = new_db();
    let code = crate::domain::tracking::TrackingCode::compose("123", 1405, 9).unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(db.case(&code), Err(StoreError::UnknownCase(_))));
    assert!(matches!(db.events(&code), Err(StoreError::UnknownCase(_))));
    let actor = clerk();
    let ctx = Context { actor: &actor, at: at(11, 1, 9), note: Some("x") };
    assert!(matches!(db.add_note(&catalog(), &code, &ctx), Err(StoreError::UnknownCase(_))));
    assert_eq!(db.outbox_len(), Ok(0));
}

/// Changes a case's step behind the store's back, as a damaged file would: no event, no index.
pub(super) fn corrupt_step(db: &Database, code: &str) {
    use super::record::{CaseRecordV1, decode, encode};
    use redb::ReadableTable;
    let txn = db.db.begin_write().unwrap_or_else(|e| panic!("{e}"));
    {
        let mut cases = txn.open_table(tables::CASES).unwrap_or_else(|e| panic!("{e}"));
        let bytes = cases.get(code).unwrap_or_else(|e| panic!("{e}")).map(|v| v.value().to_vec());
        let mut record: CaseRecordV1 = decode(&bytes.unwrap_or_default()).unwrap_or_else(|e| panic!("{e}"));
        record.step = "elsewhere".into();
        cases.insert(code, encode(&record).as_slice()).unwrap_or_else(|e| panic!("{e}"));
    }
    txn.commit().unwrap_or_else(|e| panic!("{e}"));
}

/// The cases whose name has a folded word starting with `prefix`, newest first, by brute force.
fn expected_by_name(cases: &[Case], prefix: &str) -> Vec<TrackingCode> {
    let prefix = crate::domain::text::fold(prefix);
    let mut found: Vec<&Case> = cases
        .iter()
        .filter(|c| crate::domain::text::fold(&c.applicant.name).split_whitespace().any(|w| w.starts_with(&prefix)))
        .collect();
    found.sort_by(|a, b| (b.opened_at, &b.tracking_code).cmp(&(a.opened_at, &a.tracking_code)));
    found.into_iter().map(|c| c.tracking_code.clone()).collect()
}

#[test]
fn a_name_search_pages_the_name_index_newest_first_and_counts_each_case_once() {
    let (_dir, db) = new_db();
    let catalog = catalog();
    let names = ["علی محمدی", "محمد محمدی", "مریم رضایی", "محمدرضا کریمی", "زهرا علوی", "علي‌رضا مرادی"];
    let mut cases = Vec::new();
    for i in 0..30 {
        // Every third case shares its opening time with the one before, so ties are ordered too.
        let when = at(11, 1, 0) + Duration::minutes(i - i64::from(i % 3 == 2));
        let name = names[usize::try_from(i).unwrap_or(0) % names.len()];
        cases.push(open_case(&db, &catalog, name, when));
    }
    let moved = advance(&db, &catalog, &cases[4], "document_check", None).unwrap_or_else(|e| panic!("{e}"));
    cases[4] = moved;
    for prefix in ["م", "محمد", "محمدی", "علی", "علیر", "ر", "كري", "ز", "x"] {
        let expected = expected_by_name(&cases, prefix);
        for (offset, limit) in [(0, 20), (0, 3), (5, 7), (25, 20)] {
            let query = SearchQuery { name_prefix: Some(prefix.into()), offset, limit, ..SearchQuery::default() };
            let page = db.search(&query).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(page.total, expected.len(), "total of {prefix}");
            let codes: Vec<TrackingCode> = page.cases.into_iter().map(|c| c.tracking_code).collect();
            let want: Vec<TrackingCode> = expected.iter().skip(offset).take(limit).cloned().collect();
            assert_eq!(codes, want, "{prefix} at {offset}+{limit}");
        }
    }
    // A date range narrows the same walk.
    let from = at(11, 1, 0) + Duration::minutes(10);
    let query = SearchQuery { name_prefix: Some("محمد".into()), opened_from: Some(from), ..SearchQuery::default() };
    let page = db.search(&query).unwrap_or_else(|e| panic!("{e}"));
    let later: Vec<Case> = cases.iter().filter(|c| c.opened_at >= from).cloned().collect();
    let want = expected_by_name(&later, "محمد");
    assert_eq!(page.total, want.len());
    assert_eq!(page.cases.into_iter().map(|c| c.tracking_code).collect::<Vec<_>>(), want);
    let report = db.check().unwrap_or_else(|e| panic!("{e}"));
    assert!(report.is_clean(), "{report:?}");
}

#[test]
fn the_overdue_list_is_longest_overdue_first_with_its_total() {
    let (_dir, db) = new_db();
    let mut catalog = catalog();
    let service = catalog.services.iter_mut().find(|s| s.number == 1).unwrap_or_else(|| panic!("service 1"));
    service.workflow.nodes.iter_mut().filter(|n| n.id == "reception").for_each(|n| n.time_limit_days = Some(3));
    let cases: Vec<Case> = (0..6).map(|day| open_case(&db, &catalog, "علی رضایی", at(11, 1 + day, 9))).collect();
    advance(&db, &catalog, &cases[0], "document_check", None).unwrap_or_else(|e| panic!("{e}"));
    // On 11-08 at 10:00 the deadlines of cases 1..=4 (opened 11-02..11-05, three days each) have passed.
    let page = db.overdue(at(11, 8, 10), 0, 3).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(page.total, 4);
    let codes: Vec<&TrackingCode> = page.cases.iter().map(|c| &c.tracking_code).collect();
    assert_eq!(codes, vec![&cases[1].tracking_code, &cases[2].tracking_code, &cases[3].tracking_code]);
    assert_eq!(db.overdue(at(11, 8, 10), 3, 3).map(|p| p.cases.len()), Ok(1));
    assert_eq!(db.overdue(at(11, 8, 8), 0, 20).map(|p| p.total), Ok(3), "case 4's deadline is at 9:00 that day");
    let searched = db.search(&SearchQuery { overdue_at: Some(at(11, 8, 10)), ..SearchQuery::default() });
    assert_eq!(searched.map(|p| p.total), Ok(4));
    let report = db.check().unwrap_or_else(|e| panic!("{e}"));
    assert!(report.is_clean(), "{report:?}");
}

/// The data folder and the database are the office's alone (0700, 0600); an open that finds them
/// readable by others makes them private again and says which.
#[cfg(unix)]
#[test]
fn the_data_folder_and_database_are_private_and_made_private_again() {
    use std::os::unix::fs::PermissionsExt;
    let parent = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = parent.path().join("data");
    let mode = |p: &Path| std::fs::metadata(p).map(|m| m.permissions().mode() & 0o777).unwrap_or_default();
    let db = Database::create(&dir, "123", "بخش مرکزی").unwrap_or_else(|e| panic!("{e}"));
    let file = db.path().to_path_buf();
    drop(db);
    assert_eq!((mode(&dir), mode(&file)), (0o700, 0o600));
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap_or_else(|e| panic!("{e}"));
    let db = Database::open(&dir).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(db.made_private(), std::slice::from_ref(&file));
    assert_eq!(mode(&file), 0o600);
    let backup = parent.path().join("copy.redb");
    db.backup_to(&backup).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(mode(&backup), 0o600, "a backup carries the district's key and citizens' data");
}

/// A district code typed in Persian digits is kept as the ASCII digits tracking codes, batches and
/// the hub's enrolment use.
#[test]
fn a_district_code_in_persian_digits_is_kept_in_ascii() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = Database::create(dir.path(), "۱۲", "بخش مرکزی").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(db.district_code(), "12");
    drop(db);
    assert_eq!(Database::open(dir.path()).map(|d| d.district_code().to_owned()), Ok("12".to_owned()));
}
