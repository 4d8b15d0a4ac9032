//! Backups and restores. redb lets one process hold a file, so a snapshot is taken by the process
//! that holds the database: one read transaction (a consistent view while writers go on) copied
//! table by table into a fresh redb file, written under a temporary name, synced, then renamed.
//!
//! Daily backups are named by the Solar Hijri date in Iran (`bakhshyar-1405-09-02.redb`): that is
//! the calendar the office files by, and the names still sort by age.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use redb::{Key, ReadTransaction, ReadableDatabase, ReadableTable, TableDefinition, Value, WriteTransaction};

use super::check::check_transaction;
use super::files::{sync_file, sync_parent, temp_beside};
use super::tables::{META, SEQUENCE_PREFIX, SERIAL_FLOOR_PREFIX, TableVisitor, every_table};
use super::{Database, FILE_NAME, StoreError, check_redb_magic, legacy_log, read_meta};
use crate::domain::calendar::JalaliDate;

/// The folder inside the data folder that holds the daily backups.
pub const BACKUP_DIR: &str = "backups";

/// How many daily backups are kept; older ones are deleted.
pub const DAILY_KEEP: usize = 14;

const DAILY_PREFIX: &str = "bakhshyar-";
const DAILY_SUFFIX: &str = ".redb";

impl Database {
    /// Writes a consistent snapshot of the store to `out`; refuses to overwrite an existing file.
    pub fn backup_to(&self, out: &Path) -> Result<(), StoreError> {
        if out.exists() {
            return Err(StoreError::Exists(out.to_path_buf()));
        }
        let source = self.db.begin_read()?;
        let temp = temp_beside(out);
        let written = write_snapshot(&source, &temp)
            .and_then(|()| super::files::make_private(&temp).map(|_| ()).map_err(|e| StoreError::io(&temp, &e)))
            .and_then(|()| sync_file(&temp));
        if let Err(error) = written {
            // Leave no half-written file for a later restore to trip over.
            let _ = fs::remove_file(&temp);
            return Err(error);
        }
        // Checked again just before the rename, since the copy may take a while.
        if out.exists() {
            let _ = fs::remove_file(&temp);
            return Err(StoreError::Exists(out.to_path_buf()));
        }
        fs::rename(&temp, out).map_err(|e| StoreError::io(out, &e))?;
        sync_parent(out);
        Ok(())
    }

    /// Today's backup in `data_dir/backups`, unless it exists; keeps the newest `DAILY_KEEP`.
    /// Cheap when today's file is already there: one `exists` call and a folder listing.
    pub fn daily_backup(&self, data_dir: &Path, now: DateTime<Utc>) -> Result<Option<PathBuf>, StoreError> {
        let dir = data_dir.join(BACKUP_DIR);
        let path = dir.join(daily_name(now));
        if path.exists() {
            return Ok(None);
        }
        fs::create_dir_all(&dir).map_err(|e| StoreError::io(&dir, &e))?;
        super::files::make_all_private([dir.as_path()]);
        self.backup_to(&path)?;
        rotate(&dir, DAILY_KEEP)?;
        Ok(Some(path))
    }
}

/// `bakhshyar-YYYY-MM-DD.redb` with the Solar Hijri date in Iran.
pub fn daily_name(now: DateTime<Utc>) -> String {
    let day = JalaliDate::at_iran(now);
    format!("{DAILY_PREFIX}{:04}-{:02}-{:02}{DAILY_SUFFIX}", day.year, day.month, day.day)
}

fn is_daily_name(name: &str) -> bool {
    let Some(date) = name.strip_prefix(DAILY_PREFIX).and_then(|n| n.strip_suffix(DAILY_SUFFIX)) else {
        return false;
    };
    date.len() == 10 && date.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() })
}

/// Deletes all but the newest `keep` daily backups; other files in the folder are left alone.
pub fn rotate(dir: &Path, keep: usize) -> Result<Vec<PathBuf>, StoreError> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map_err(|e| StoreError::io(dir, &e))?
        .filter_map(Result::ok)
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| is_daily_name(name))
        .collect();
    // The date in the name sorts lexically, oldest first.
    names.sort();
    let excess = names.len().saturating_sub(keep);
    let mut removed = Vec::new();
    for name in names.into_iter().take(excess) {
        let path = dir.join(name);
        fs::remove_file(&path).map_err(|e| StoreError::io(&path, &e))?;
        removed.push(path);
    }
    Ok(removed)
}

/// Replaces the database in `data_dir` with a copy of `file`, after checking the file. The current
/// database is renamed to `bakhshyar.redb.before-restore-<UTC time>` and never deleted; its new
/// path is returned (`None` when there was no database). A backup of another district than the
/// current database's is refused unless `as_district` names the backup's district: the office
/// then works as that district. Tracking codes the replaced database gave out are never given
/// again: each year's counter goes on from the higher of the two files.
pub fn restore(
    data_dir: &Path,
    file: &Path,
    now: DateTime<Utc>,
    as_district: Option<&str>,
) -> Result<Option<PathBuf>, StoreError> {
    let backup_district = verify_backup(file)?;
    let current = data_dir.join(FILE_NAME);
    // An older version's log goes into the file kept aside (so its counters are read whole),
    // never onto the restored one.
    let counters = if current.is_file() {
        legacy_log::replay_and_remove(&current)?;
        ensure_not_open(&current)?;
        current_counters(&current)
    } else {
        legacy_log::discard(&current)?;
        None
    };
    if let Some((current_district, _)) = &counters
        && *current_district != backup_district
        && as_district != Some(backup_district.as_str())
    {
        return Err(StoreError::OtherDistrict { backup: backup_district, current: current_district.clone() });
    }
    fs::create_dir_all(data_dir).map_err(|e| StoreError::io(data_dir, &e))?;
    // Copied beside the target first, so a failed copy leaves the current database in place.
    let temp = temp_beside(&current);
    let copied = fs::copy(file, &temp)
        .map_err(|e| StoreError::io(file, &e))
        // Another district's codes start with its own code: only the same district's go on.
        .and_then(|_| carry_counters(&temp, counters.as_ref().filter(|(d, _)| *d == backup_district).map(|(_, c)| c)))
        .and_then(|()| sync_file(&temp))
        .and_then(|()| integrity_of_copy(&temp, file));
    if let Err(error) = copied {
        let _ = fs::remove_file(&temp);
        return Err(error);
    }
    let aside = if current.is_file() {
        let aside = data_dir.join(format!("{FILE_NAME}.before-restore-{}", now.format("%Y%m%dT%H%M%SZ")));
        fs::rename(&current, &aside).map_err(|e| StoreError::io(&current, &e))?;
        Some(aside)
    } else {
        None
    };
    fs::rename(&temp, &current).map_err(|e| StoreError::io(&current, &e))?;
    sync_parent(&current);
    Ok(aside)
}

/// redb's own integrity check, on our copy of the backup (it needs a writable handle, and the
/// backup itself may sit on read-only media).
fn integrity_of_copy(copy: &Path, file: &Path) -> Result<(), StoreError> {
    let clean =
        redb::Database::open(copy).and_then(|mut db| db.check_integrity()).map_err(|e| StoreError::from_database(e, copy))?;
    if clean { Ok(()) } else { Err(StoreError::BackupDamaged { path: file.to_path_buf(), problems: 1 }) }
}

/// The district, and each year's tracking-code counter and highest serial given (as a serial
/// floor), of the database being replaced; `None` when it cannot be read (a damaged file is what a
/// restore is for).
fn current_counters(current: &Path) -> Option<(String, Vec<(String, u64)>)> {
    let db = redb::Builder::new().open_read_only(current).ok()?;
    let txn = db.begin_read().ok()?;
    let district = read_meta(&txn, current).ok()?.district_code;
    let meta = txn.open_table(META).ok()?;
    let mut counters = Vec::new();
    for prefix in [SEQUENCE_PREFIX, SERIAL_FLOOR_PREFIX] {
        for entry in meta.range(prefix..).ok()? {
            let (key, value) = entry.ok()?;
            if !key.value().starts_with(prefix) {
                break;
            }
            counters.push((key.value().to_owned(), value.value().parse().ok()?));
        }
    }
    if let Some(serials) = super::issued::serials(&txn).ok()? {
        let mut highest = std::collections::BTreeMap::<u16, u32>::new();
        for entry in serials.iter().ok()? {
            let (year, number) = entry.ok()?.0.value();
            let top = highest.entry(year).or_default();
            *top = (*top).max(number);
        }
        counters.extend(highest.into_iter().map(|(year, number)| (format!("{SERIAL_FLOOR_PREFIX}{year}"), u64::from(number))));
    }
    Some((district, counters))
}

/// Each year's counters in the restored copy go on from the higher of the backup's and the
/// replaced database's, so no tracking code or serial the replaced one gave out is given again.
fn carry_counters(copy: &Path, counters: Option<&Vec<(String, u64)>>) -> Result<(), StoreError> {
    let Some(counters) = counters.filter(|c| !c.is_empty()) else { return Ok(()) };
    let db = redb::Database::open(copy).map_err(|e| StoreError::from_database(e, copy))?;
    let txn = db.begin_write()?;
    {
        let mut meta = txn.open_table(META)?;
        for (key, replaced) in counters {
            let restored = meta.get(key.as_str())?.and_then(|v| v.value().parse::<u64>().ok()).unwrap_or(0);
            if *replaced > restored {
                meta.insert(key.as_str(), replaced.to_string().as_str())?;
            }
        }
    }
    txn.commit()?;
    Ok(())
}

/// Opens `file` read-only and refuses it unless it is a Bakhshyar database of a schema this
/// version reads and `check` finds nothing wrong; its district code.
pub fn verify_backup(file: &Path) -> Result<String, StoreError> {
    if !file.is_file() {
        return Err(StoreError::BackupMissing(file.to_path_buf()));
    }
    check_redb_magic(file)?;
    let db = redb::Builder::new().open_read_only(file).map_err(|e| StoreError::from_database(e, file))?;
    let txn = db.begin_read()?;
    let district = read_meta(&txn, file)?.district_code;
    let report = check_transaction(&txn)?;
    if report.is_clean() {
        Ok(district)
    } else {
        Err(StoreError::BackupDamaged { path: file.to_path_buf(), problems: report.problems.len() })
    }
}

/// Refuses while another program holds the database: moving it away would lose its next writes.
/// A writable open is the test, since only it needs the file to itself; repair is aborted so the
/// old file is kept exactly as it was.
fn ensure_not_open(current: &Path) -> Result<(), StoreError> {
    let opened = redb::Builder::new().set_repair_callback(redb::RepairSession::abort).open(current);
    match opened {
        Err(redb::DatabaseError::DatabaseAlreadyOpen) => Err(StoreError::AlreadyOpen(current.to_path_buf())),
        // A damaged current file is exactly what a restore is for: any other error does not stop it.
        _ => Ok(()),
    }
}

fn write_snapshot(source: &ReadTransaction, temp: &Path) -> Result<(), StoreError> {
    let target = redb::Database::create(temp).map_err(|e| StoreError::from_database(e, temp))?;
    let txn = target.begin_write()?;
    every_table(&mut Copier { source, target: &txn })?;
    txn.commit()?;
    Ok(())
}

/// Copies each table it visits from `source` into `target`; a table an older file lacks is skipped.
struct Copier<'s, 't> {
    source: &'s ReadTransaction,
    target: &'t WriteTransaction,
}

impl TableVisitor for Copier<'_, '_> {
    type Error = StoreError;
    fn visit<K: Key + 'static, V: Value + 'static>(&mut self, table: TableDefinition<'static, K, V>) -> Result<(), StoreError> {
        let from = match self.source.open_table(table) {
            Ok(from) => from,
            Err(redb::TableError::TableDoesNotExist(_)) => return Ok(()),
            Err(e) => return Err(e.into()),
        };
        let mut to = self.target.open_table(table)?;
        for entry in redb::ReadableTable::iter(&from)? {
            let (key, value) = entry?;
            to.insert(key.value(), value.value())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tables::META;
    use crate::store::tests::{catalog, corrupt_step, new_db, open_case};
    use chrono::{Duration, TimeZone};

    fn day(d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, d, 9, 0, 0).single().unwrap_or_else(|| panic!("time"))
    }

    fn set_schema_version(file: &Path, version: &str) {
        let db = redb::Database::open(file).unwrap_or_else(|e| panic!("{e}"));
        let txn = db.begin_write().unwrap_or_else(|e| panic!("{e}"));
        let mut meta = txn.open_table(META).unwrap_or_else(|e| panic!("{e}"));
        meta.insert(crate::store::tables::SCHEMA_VERSION_KEY, version).unwrap_or_else(|e| panic!("{e}"));
        drop(meta);
        txn.commit().unwrap_or_else(|e| panic!("{e}"));
    }

    fn temp() -> tempfile::TempDir {
        tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_snapshot_holds_the_same_cases_and_events_and_is_never_overwritten() {
        let (_dir, db) = new_db();
        let catalog = catalog();
        let first = open_case(&db, &catalog, "علی رضایی", day(1));
        let second = open_case(&db, &catalog, "مریم احمدی", day(2));
        let target = temp();
        let file = target.path().join(FILE_NAME);
        db.backup_to(&file).unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(db.backup_to(&file), Err(StoreError::Exists(_))));
        let copy = Database::open(target.path()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(copy.district_code(), db.district_code());
        for case in [&first, &second] {
            assert_eq!(copy.case(&case.tracking_code), db.case(&case.tracking_code));
        }
        let report = copy.check().unwrap_or_else(|e| panic!("{e}"));
        assert!(report.is_clean(), "{report:?}");
        assert_eq!((report.cases, report.events), (2, 2));
    }

    #[test]
    fn rotation_keeps_the_newest_fourteen_and_other_files() {
        let dir = temp();
        for d in 0..16 {
            let name = daily_name(day(1) + Duration::days(d));
            fs::write(dir.path().join(name), b"x").unwrap_or_else(|e| panic!("{e}"));
        }
        fs::write(dir.path().join("notes.txt"), b"x").unwrap_or_else(|e| panic!("{e}"));
        let removed = rotate(dir.path(), DAILY_KEEP).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(removed, vec![dir.path().join(daily_name(day(1))), dir.path().join(daily_name(day(2)))]);
        let left = fs::read_dir(dir.path()).unwrap_or_else(|e| panic!("{e}")).count();
        assert_eq!(left, DAILY_KEEP + 1);
    }

    #[test]
    fn the_daily_backup_is_written_once_a_day() {
        let (dir, db) = new_db();
        let written = db.daily_backup(dir.path(), day(1)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(written, Some(dir.path().join(BACKUP_DIR).join("bakhshyar-1405-08-10.redb")));
        assert_eq!(db.daily_backup(dir.path(), day(1)).unwrap_or_else(|e| panic!("{e}")), None);
    }

    #[test]
    fn restore_refuses_missing_foreign_and_damaged_files_and_keeps_the_old_one() {
        let (dir, db) = new_db();
        let catalog = catalog();
        let kept = open_case(&db, &catalog, "علی رضایی", day(1));
        let files = temp();
        let good = files.path().join("good.redb");
        db.backup_to(&good).unwrap_or_else(|e| panic!("{e}"));
        let later = open_case(&db, &catalog, "مریم احمدی", day(2));
        corrupt_step(&db, later.tracking_code.as_str());
        let damaged = files.path().join("damaged.redb");
        db.backup_to(&damaged).unwrap_or_else(|e| panic!("{e}"));
        let foreign = files.path().join("foreign.redb");
        fs::write(&foreign, "not a database").unwrap_or_else(|e| panic!("{e}"));

        let newer = files.path().join("newer.redb");
        db.backup_to(&newer).unwrap_or_else(|e| panic!("{e}"));
        set_schema_version(&newer, "99");

        let missing = files.path().join("missing.redb");
        assert!(matches!(restore(dir.path(), &missing, day(3), None), Err(StoreError::BackupMissing(_))));
        assert!(matches!(restore(dir.path(), &foreign, day(3), None), Err(StoreError::NotBakhshyar(_))));
        assert!(matches!(restore(dir.path(), &newer, day(3), None), Err(StoreError::NewerSchema { found: 99, .. })));
        assert!(
            matches!(restore(dir.path(), &damaged, day(3), None), Err(StoreError::BackupDamaged { problems, .. }) if problems > 0)
        );
        assert!(matches!(restore(dir.path(), &good, day(3), None), Err(StoreError::AlreadyOpen(_))));
        drop(db);

        let aside = restore(dir.path(), &good, day(3), None).unwrap_or_else(|e| panic!("{e}"));
        let aside = aside.unwrap_or_else(|| panic!("the old file was not kept"));
        assert_eq!(aside, dir.path().join("bakhshyar.redb.before-restore-20261103T090000Z"));
        assert!(aside.is_file());
        let restored = Database::open(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        assert!(restored.case(&kept.tracking_code).is_ok());
        assert!(matches!(restored.case(&later.tracking_code), Err(StoreError::UnknownCase(_))));
        // The code the replaced file gave after the backup is never given again.
        let next = open_case(&restored, &catalog, "زهرا کاظمی", day(4));
        assert!(next.tracking_code.as_str()[6..12] > later.tracking_code.as_str()[6..12], "{next:?} after {later:?}");
    }

    /// A backup of another district is refused over this district's database, untouched, unless
    /// `as_district` names the backup's district.
    #[test]
    fn another_districts_backup_is_refused_unless_asked_for_by_its_code() {
        let (dir, db) = new_db();
        let catalog = catalog();
        open_case(&db, &catalog, "علی رضایی", day(1));
        drop(db);
        let other = temp();
        let theirs = Database::create(other.path(), "456", "بخش دیگر").unwrap_or_else(|e| panic!("{e}"));
        let file = other.path().join("theirs.redb");
        theirs.backup_to(&file).unwrap_or_else(|e| panic!("{e}"));
        let refused = restore(dir.path(), &file, day(2), None);
        assert_eq!(refused, Err(StoreError::OtherDistrict { backup: "456".into(), current: "123".into() }));
        assert_eq!(restore(dir.path(), &file, day(2), Some("123")), refused, "the code must be the backup's");
        assert_eq!(Database::open(dir.path()).map(|d| d.district_code().to_owned()), Ok("123".into()), "untouched");
        restore(dir.path(), &file, day(2), Some("456")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(Database::open(dir.path()).map(|d| d.district_code().to_owned()), Ok("456".into()));
    }
}
