//! Schema migrations. When `Database::open` finds an older file, each step from its version up to
//! `SCHEMA_VERSION` runs in one write transaction that also records the new version, so a file is
//! always wholly at one version. Before each step the file is copied, synced, beside itself as
//! `bakhshyar.redb.before-migration-v<N>`, N being the version the copy holds.

use std::path::{Path, PathBuf};

use redb::{ReadableTable, WriteTransaction};

use super::files::copy_whole;
use super::indexes::{Counted, acting_office, digit_tails, millis, office_key, replace};
use super::record::{CaseRecordV1, EventRecordV1, decode, encode};
use super::tables::{
    BY_DIGITS, BY_NAME_V2, BY_NAME_WORD, BY_OFFICE, CASE_COUNT, CASES, DEADLINE_DAY_COUNT, DISTRICT_CODE_KEY, EVENTS, META,
    NAME_PREFIX_COUNT, OPENED_DAY_COUNT, OUTBOX, OUTBOX_V4, SCHEMA_VERSION_KEY, SIGNING_KEY_KEY,
};
use super::write::read_events;
use super::{SCHEMA_VERSION, StoreError};
use crate::signing::DistrictKey;

/// One migration: from schema `from` to `from + 1`, given the database file's path.
struct Step {
    from: u32,
    run: fn(&WriteTransaction, &Path) -> Result<(), StoreError>,
}

/// In order; the last one ends at `SCHEMA_VERSION`.
const STEPS: [Step; 8] = [
    Step { from: 1, run: |txn, _| v1_to_v2(txn) },
    Step { from: 2, run: |txn, _| super::catalogs::create_table(txn) },
    Step { from: 3, run: |txn, _| v3_to_v4(txn) },
    Step { from: 4, run: |txn, _| v4_to_v5(txn) },
    Step { from: 5, run: |txn, _| v5_to_v6(txn) },
    Step { from: 6, run: |txn, _| super::write::create_every_table(txn) },
    Step { from: 7, run: v7_to_v8 },
    Step { from: 8, run: |txn, _| v8_to_v9(txn) },
];

/// Brings the open file at `path` from schema `found` to `SCHEMA_VERSION`.
pub(super) fn migrate(db: &redb::Database, path: &Path, found: u32) -> Result<(), StoreError> {
    let mut version = found;
    for step in STEPS.iter().filter(|step| step.from >= found) {
        if step.from != version {
            return Err(StoreError::Corrupt(format!("no migration from schema {version}")));
        }
        let copy = keep_copy(path, version)?;
        tracing::info!(from = version, copy = %copy.display(), "migrating the database");
        let txn = db.begin_write()?;
        (step.run)(&txn, path)?;
        version += 1;
        txn.open_table(META)?.insert(SCHEMA_VERSION_KEY, version.to_string().as_str())?;
        txn.commit()?;
    }
    if version == SCHEMA_VERSION { Ok(()) } else { Err(StoreError::Corrupt(format!("no migration from schema {version}"))) }
}

/// The name of the copy kept before migrating a file of schema `version`.
pub fn copy_name(path: &Path, version: u32) -> PathBuf {
    let mut name = path.file_name().map(std::ffi::OsStr::to_os_string).unwrap_or_default();
    name.push(format!(".before-migration-v{version}"));
    path.with_file_name(name)
}

/// Copies the file under a temporary name, syncs it and renames it, so a copy with the final name is
/// always whole. An existing copy is kept: the file has not changed since, as its migration failed.
fn keep_copy(path: &Path, version: u32) -> Result<PathBuf, StoreError> {
    let copy = copy_name(path, version);
    if copy.is_file() {
        return Ok(copy);
    }
    copy_whole(path, &copy)?;
    Ok(copy)
}

/// Schema 2: the district's signing key, and the office index built for the cases already stored.
fn v1_to_v2(txn: &WriteTransaction) -> Result<(), StoreError> {
    {
        let mut meta = txn.open_table(META)?;
        if meta.get(SIGNING_KEY_KEY)?.is_none() {
            let key = DistrictKey::generate().map_err(|e| StoreError::Corrupt(e.to_string()))?;
            meta.insert(SIGNING_KEY_KEY, key.to_hex().as_str())?;
        }
    }
    // The acting office comes from the workflow; the built-in catalogue is the one this program uses.
    let catalog = crate::catalog_data::embedded()
        .map_err(|errors| StoreError::Corrupt(format!("the built-in catalogue has {} problems", errors.len())))?;
    let mut cases = txn.open_table(CASES)?;
    let events = txn.open_table(EVENTS)?;
    let mut index = txn.open_table(BY_OFFICE)?;
    let mut updated = Vec::new();
    for entry in cases.iter()? {
        let (key, value) = entry?;
        let mut record: CaseRecordV1 = decode(value.value())?;
        let case = record.to_domain(read_events(&events, key.value())?)?;
        record.office = catalog.find(&record.service_key).and_then(|s| acting_office(&case, &s.workflow));
        updated.push(record);
    }
    for record in &updated {
        if let Some(office) = office_key(record) {
            index.insert((office, record.tracking_code.as_str()), ())?;
        }
        cases.insert(record.tracking_code.as_str(), encode(record).as_slice())?;
    }
    Ok(())
}

/// Schema 4: the name index keyed by word and opening time (sorted pages by a range scan), the
/// name-prefix counts and the overdue day counts, built for the cases already stored.
fn v3_to_v4(txn: &WriteTransaction) -> Result<(), StoreError> {
    txn.delete_table(BY_NAME_V2)?;
    // A genuine schema-2 file has none of these; starting empty makes the counts right regardless.
    txn.delete_table(BY_NAME_WORD)?;
    txn.delete_table(NAME_PREFIX_COUNT)?;
    txn.delete_table(DEADLINE_DAY_COUNT)?;
    // Created even when no case needs them, as `initialize` does, so readers find them.
    txn.open_table(BY_NAME_WORD)?;
    txn.open_table(NAME_PREFIX_COUNT)?;
    txn.open_table(DEADLINE_DAY_COUNT)?;
    let cases = txn.open_table(CASES)?;
    for entry in cases.iter()? {
        let record: CaseRecordV1 = decode(entry?.1.value())?;
        // Every other index already holds these entries; inserting them again changes nothing.
        replace(txn, None, &record)?;
    }
    Ok(())
}

/// Schema 5: the outbox names its events in the events table instead of holding copies of them.
/// An entry whose event is not there (or differs) stops the migration: it must not be lost unsent.
fn v4_to_v5(txn: &WriteTransaction) -> Result<(), StoreError> {
    let mut refs = Vec::new();
    {
        let old = txn.open_table(OUTBOX_V4)?;
        let events = txn.open_table(EVENTS)?;
        for entry in old.iter()? {
            let (key, value) = entry?;
            let event: EventRecordV1 = decode(value.value())?;
            let stored = events.get((event.case.as_str(), event.sequence))?;
            if stored.is_none_or(|bytes| decode::<EventRecordV1>(bytes.value()).ok().as_ref() != Some(&event)) {
                return Err(StoreError::Corrupt(format!("outbox {} has no matching event", key.value())));
            }
            refs.push((key.value(), event.case, event.sequence));
        }
    }
    txn.delete_table(OUTBOX_V4)?;
    let mut outbox = txn.open_table(OUTBOX)?;
    for (key, code, sequence) in &refs {
        outbox.insert(key, (code.as_str(), *sequence))?;
    }
    Ok(())
}

/// Schema 6: the case counts and the opened-day counts, counted once from the stored cases; and
/// every table of the schema there, so `check` can insist on each (files from before issued
/// documents or sync lacked theirs).
fn v5_to_v6(txn: &WriteTransaction) -> Result<(), StoreError> {
    super::write::create_every_table(txn)?;
    let mut counted = Counted::default();
    for entry in txn.open_table(CASES)?.iter()? {
        counted.add(&decode::<CaseRecordV1>(entry?.1.value())?);
    }
    let mut table = txn.open_table(CASE_COUNT)?;
    for (key, count) in &counted.cases {
        table.insert(key.as_str(), count)?;
    }
    let mut table = txn.open_table(OPENED_DAY_COUNT)?;
    for (day, count) in &counted.days {
        table.insert(day, count)?;
    }
    chain_existing_events(txn)
}

/// Schema 8: the district's key leaves the database for its own file beside it (`key_file.rs`),
/// so backups no longer carry it. The file is written and synced before the key is taken out of
/// the database, in this transaction: a crash between leaves both, and the next open goes on.
fn v7_to_v8(txn: &WriteTransaction, path: &Path) -> Result<(), StoreError> {
    let mut meta = txn.open_table(META)?;
    let seed = meta.get(SIGNING_KEY_KEY)?.map(|v| v.value().to_owned());
    let district = meta.get(DISTRICT_CODE_KEY)?.map(|v| v.value().to_owned()).unwrap_or_default();
    if let Some(seed) = seed {
        let key = DistrictKey::from_hex(&seed).map_err(|_| StoreError::Corrupt("district signing key".into()))?;
        super::key_file::install(path.parent().unwrap_or(Path::new(".")), &district, &key)?;
        meta.remove(SIGNING_KEY_KEY)?;
    }
    Ok(())
}

/// Schema 9: the digit tails of the cases already stored, for the search by part of a code or ID.
fn v8_to_v9(txn: &WriteTransaction) -> Result<(), StoreError> {
    // Migrations to 6 and 7 create every table of the current schema, this one included: start empty.
    txn.delete_table(BY_DIGITS)?;
    let mut index = txn.open_table(BY_DIGITS)?;
    for entry in txn.open_table(CASES)?.iter()? {
        let record: CaseRecordV1 = decode(entry?.1.value())?;
        let opened = millis(record.opened_at);
        for tail in digit_tails(&record.tracking_code, &record.applicant.id_number) {
            index.insert((tail.as_str(), record.tracking_code.as_str()), opened)?;
        }
    }
    Ok(())
}

/// The hash chain begins with the events already stored, in the order they happened (ties by case
/// and number): it cannot vouch for what came before it, but from here on any change shows.
fn chain_existing_events(txn: &WriteTransaction) -> Result<(), StoreError> {
    let mut order = Vec::new();
    for entry in txn.open_table(EVENTS)?.iter()? {
        let (key, value) = entry?;
        let (code, sequence) = key.value();
        let at = decode::<EventRecordV1>(value.value())?.at;
        order.push((at, code.to_owned(), sequence));
    }
    order.sort();
    let events = txn.open_table(EVENTS)?;
    for (_, code, sequence) in order {
        let bytes =
            events.get((code.as_str(), sequence))?.ok_or_else(|| StoreError::Corrupt(format!("event {code} #{sequence}")))?;
        super::chain::append(txn, &code, sequence, bytes.value())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tests::{catalog, new_db, open_case};
    use crate::store::{Database, FILE_NAME};
    use chrono::{TimeZone, Utc};
    use std::fs;

    fn must<T, E: std::fmt::Display>(result: Result<T, E>) -> T {
        result.unwrap_or_else(|e| panic!("{e}"))
    }

    /// Turns a fresh store back into what schema 4 wrote: the outbox holding copies of the events.
    fn downgrade_to_v4(db: &Database) {
        let txn = must(db.db.begin_write());
        {
            let refs = must(txn.open_table(OUTBOX));
            let events = must(txn.open_table(EVENTS));
            let mut old = must(txn.open_table(OUTBOX_V4));
            for entry in must(refs.iter()) {
                let (key, value) = must(entry);
                let event = must(events.get(value.value())).unwrap_or_else(|| panic!("event"));
                must(old.insert(key.value(), event.value()));
            }
            must(must(txn.open_table(META)).insert(SCHEMA_VERSION_KEY, "4"));
        }
        must(txn.delete_table(OUTBOX));
        must(txn.commit());
    }

    /// Turns a fresh store back into what schema 2 wrote: the name index without opening times, no counts.
    fn downgrade_to_v2(db: &Database) {
        downgrade_to_v4(db);
        let txn = must(db.db.begin_write());
        {
            let cases = must(txn.open_table(CASES));
            let mut old = must(txn.open_table(BY_NAME_V2));
            for entry in must(cases.iter()) {
                let record: CaseRecordV1 = must(decode(must(entry).1.value()));
                for word in crate::store::indexes::name_words(&record.applicant.name) {
                    must(old.insert((word.as_str(), record.tracking_code.as_str()), ()));
                }
            }
            must(must(txn.open_table(META)).insert(SCHEMA_VERSION_KEY, "2"));
        }
        must(txn.delete_table(BY_NAME_WORD));
        must(txn.delete_table(NAME_PREFIX_COUNT));
        must(txn.delete_table(DEADLINE_DAY_COUNT));
        must(txn.commit());
    }

    /// Turns a fresh store back into what schema 7 wrote: the key inside the database, no key file.
    fn downgrade_to_v7(db: &Database) -> String {
        let seed = must(db.signing_key()).to_hex();
        let txn = must(db.db.begin_write());
        {
            let mut meta = must(txn.open_table(META));
            must(meta.insert(SCHEMA_VERSION_KEY, "7"));
            must(meta.insert(SIGNING_KEY_KEY, seed.as_str()));
        }
        must(txn.commit());
        must(fs::remove_file(super::super::key_file::path_in(db.dir())));
        seed
    }

    /// Turns a fresh store back into what schema 1 wrote: no key, no office index, no office field.
    fn downgrade_to_v1(db: &Database) {
        downgrade_to_v7(db);
        downgrade_to_v2(db);
        let txn = must(db.db.begin_write());
        {
            let mut meta = must(txn.open_table(META));
            must(meta.insert(SCHEMA_VERSION_KEY, "1"));
            must(meta.remove(SIGNING_KEY_KEY));
        }
        must(txn.delete_table(BY_OFFICE));
        must(txn.commit());
    }

    fn read_version(path: &Path) -> (String, bool) {
        let db = must(redb::Builder::new().open_read_only(path));
        let txn = must(redb::ReadableDatabase::begin_read(&db));
        let meta = must(txn.open_table(META));
        let version = must(meta.get(SCHEMA_VERSION_KEY)).map(|v| v.value().to_owned()).unwrap_or_default();
        (version, must(meta.get(SIGNING_KEY_KEY)).is_some())
    }

    #[test]
    fn a_schema_7_stores_key_moves_to_its_own_file_and_out_of_the_database() {
        let (dir, db) = new_db();
        let seed = downgrade_to_v7(&db);
        drop(db);
        let path = dir.path().join(FILE_NAME);
        assert_eq!(read_version(&path), ("7".to_owned(), true));

        let db = must(Database::open(dir.path()));
        assert_eq!(must(db.signing_key()).to_hex(), seed, "the same key, now from its file");
        drop(db);
        assert_eq!(read_version(&path), (crate::store::SCHEMA_VERSION.to_string(), false));
        let backup = dir.path().join("later.redb");
        must(must(Database::open(dir.path())).backup_to(&backup));
        assert!(!must(fs::read(&backup)).windows(seed.len()).any(|w| w == seed.as_bytes()), "a backup carries no key");
    }

    #[test]
    fn a_failing_step_leaves_the_file_at_schema_1_and_a_copy_beside_it() {
        let (dir, db) = new_db();
        let when = must(Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).single().ok_or("time"));
        let case = open_case(&db, &catalog(), "علی رضایی", when);
        downgrade_to_v1(&db);
        // A projection that no longer decodes: the step must stop, not skip it.
        let txn = must(db.db.begin_write());
        must(must(txn.open_table(CASES)).insert(case.tracking_code.as_str(), &[1u8, b'{'][..]));
        must(txn.commit());
        drop(db);

        let path = dir.path().join(FILE_NAME);
        assert!(matches!(Database::open(dir.path()), Err(StoreError::Record(_))));
        assert_eq!(read_version(&path), ("1".to_owned(), false), "nothing of the step was written");
        assert!(copy_name(&path, 1).is_file());
    }

    #[test]
    fn a_schema_1_store_gains_the_key_and_the_office_index_once() {
        let (dir, db) = new_db();
        let when = must(Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).single().ok_or("time"));
        let case = open_case(&db, &catalog(), "علی رضایی", when);
        downgrade_to_v1(&db);
        drop(db);
        let path = dir.path().join(FILE_NAME);

        let db = must(Database::open(dir.path()));
        assert_eq!(read_version_of(&db), crate::store::SCHEMA_VERSION.to_string());
        assert!(db.signing_key().is_ok());
        let report = must(db.check());
        assert!(report.is_clean(), "{report:?}");
        let query = crate::store::SearchQuery { office: Some("district_office".into()), ..Default::default() };
        assert_eq!(must(db.search(&query)).cases.first().map(|c| c.tracking_code.clone()), Some(case.tracking_code));
        // Each copy holds the schema before its step: the file's held writes went into it first.
        // A copy of an open file opens only with redb's repair, so a throwaway copy of it is read.
        for version in 1..crate::store::SCHEMA_VERSION {
            let scratch_dir = must(tempfile::tempdir());
            let scratch = scratch_dir.path().join("copy.redb");
            must(fs::copy(copy_name(&path, version), &scratch));
            let copy = must(redb::Database::open(&scratch));
            let txn = must(redb::ReadableDatabase::begin_read(&copy));
            let found = must(must(txn.open_table(META)).get(SCHEMA_VERSION_KEY)).map(|v| v.value().to_owned());
            assert_eq!(found, Some(version.to_string()));
        }
        drop(db);
        must(fs::remove_file(copy_name(&path, 1)));
        drop(must(Database::open(dir.path())));
        assert!(!copy_name(&path, 1).exists(), "a second open does not migrate again");
    }

    #[test]
    fn a_schema_2_store_gains_the_sorted_name_index_and_its_counts() {
        let (dir, db) = new_db();
        let catalog = catalog();
        let first =
            open_case(&db, &catalog, "علی محمدی", must(Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).single().ok_or("time")));
        let second =
            open_case(&db, &catalog, "محمد رضایی", must(Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).single().ok_or("time")));
        downgrade_to_v2(&db);
        let report = must(db.check());
        assert!(report.is_clean(), "a schema-2 file checks clean as schema 2: {report:?}");
        drop(db);

        let db = must(Database::open(dir.path()));
        assert_eq!(read_version_of(&db), crate::store::SCHEMA_VERSION.to_string());
        let report = must(db.check());
        assert!(report.is_clean(), "{report:?}");
        let query = crate::store::SearchQuery { name_prefix: Some("محمد".into()), ..Default::default() };
        let page = must(db.search(&query));
        assert_eq!(page.total, 2);
        let codes: Vec<_> = page.cases.into_iter().map(|c| c.tracking_code).collect();
        assert_eq!(codes, vec![second.tracking_code, first.tracking_code], "newest first");
        assert!(copy_name(&dir.path().join(FILE_NAME), 2).is_file());
    }

    #[test]
    fn a_schema_4_store_gains_an_outbox_of_references_that_reads_the_same() {
        let (dir, db) = new_db();
        let catalog = catalog();
        let when = must(Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).single().ok_or("time"));
        let first = open_case(&db, &catalog, "علی محمدی", when);
        open_case(&db, &catalog, "محمد رضایی", when);
        let ctx_actor = crate::store::tests::clerk();
        let ctx = crate::domain::case::Context { actor: &ctx_actor, at: when, note: Some("یادداشت") };
        must(db.add_note(&catalog, &first.tracking_code, &ctx));
        let before = outbox_events(&db);
        assert_eq!(before.len(), 3);
        downgrade_to_v4(&db);
        assert!(must(db.check()).is_clean(), "a schema-4 file checks clean as schema 4");
        drop(db);

        let db = must(Database::open(dir.path()));
        assert_eq!(read_version_of(&db), crate::store::SCHEMA_VERSION.to_string());
        let report = must(db.check());
        assert!(report.is_clean(), "{report:?}");
        assert_eq!(report.outbox, 3);
        assert_eq!(outbox_events(&db), before, "the same events under the same numbers");
        assert!(copy_name(&dir.path().join(FILE_NAME), 4).is_file());
    }

    #[test]
    fn an_outbox_copy_without_its_event_stops_the_migration() {
        let (dir, db) = new_db();
        let when = must(Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).single().ok_or("time"));
        let case = open_case(&db, &catalog(), "علی رضایی", when);
        downgrade_to_v4(&db);
        let txn = must(db.db.begin_write());
        must(must(txn.open_table(EVENTS)).remove((case.tracking_code.as_str(), 1)));
        must(txn.commit());
        drop(db);

        let path = dir.path().join(FILE_NAME);
        assert!(matches!(Database::open(dir.path()), Err(StoreError::Corrupt(_))));
        assert_eq!(read_version(&path).0, "4", "nothing of the step was written");
    }

    #[test]
    fn a_schema_8_store_gains_the_digit_tails_and_check_finds_one_missing() {
        let (dir, db) = new_db();
        let when = must(Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).single().ok_or("time"));
        let case = open_case(&db, &catalog(), "علی رضایی", when);
        // Schema 8 as the migrations to 6 and 7 left it: the table there (made for the current
        // schema), empty.
        let txn = must(db.db.begin_write());
        must(txn.delete_table(BY_DIGITS));
        must(txn.open_table(BY_DIGITS));
        must(must(txn.open_table(META)).insert(SCHEMA_VERSION_KEY, "8"));
        must(txn.commit());
        let report = must(db.check());
        assert!(report.is_clean(), "a schema-8 file checks clean as schema 8: {report:?}");
        let query = crate::store::SearchQuery { digits: Some("5679".into()), ..Default::default() };
        assert_eq!(must(db.search(&query)).total, 0);
        drop(db);

        let db = must(Database::open(dir.path()));
        assert_eq!(read_version_of(&db), "9");
        assert!(must(db.check()).is_clean());
        let page = must(db.search(&query));
        assert_eq!(page.cases.into_iter().map(|c| c.tracking_code).collect::<Vec<_>>(), vec![case.tracking_code.clone()]);
        assert!(copy_name(&dir.path().join(FILE_NAME), 8).is_file());

        let txn = must(db.db.begin_write());
        must(must(txn.open_table(BY_DIGITS)).remove(("5679", case.tracking_code.as_str())));
        must(txn.commit());
        let report = must(db.check());
        assert!(
            report
                .problems
                .iter()
                .any(|p| p.kind == crate::store::ProblemKind::IndexMissing && p.detail.starts_with("index-digits: 5679")),
            "{report:?}"
        );
    }

    /// (outbox number, encoded event) of every outbox entry, read through the references.
    fn outbox_events(db: &Database) -> Vec<(u64, Vec<u8>)> {
        let txn = must(redb::ReadableDatabase::begin_read(&db.db));
        let events = must(txn.open_table(EVENTS));
        let mut out = Vec::new();
        for entry in must(must(txn.open_table(OUTBOX)).iter()) {
            let (key, value) = must(entry);
            let event = must(events.get(value.value())).unwrap_or_else(|| panic!("event"));
            out.push((key.value(), event.value().to_vec()));
        }
        out
    }

    fn read_version_of(db: &Database) -> String {
        let txn = must(redb::ReadableDatabase::begin_read(&db.db));
        let meta = must(txn.open_table(META));
        must(meta.get(SCHEMA_VERSION_KEY)).map(|v| v.value().to_owned()).unwrap_or_default()
    }
}
