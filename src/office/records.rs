//! The acts on the record as a whole: back up, restore, the daily backup and the audit.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::store::{CheckReport, Database, StoreError};

/// A consistent snapshot of the store to `out`, a new file.
pub fn back_up(db: &Database, out: &Path) -> Result<(), StoreError> {
    db.backup_to(out)
}

/// Today's backup in the data folder, unless it was already written; keeps the newest ones.
pub fn daily_backup(db: &Database, data_dir: &Path, now: DateTime<Utc>) -> Result<Option<PathBuf>, StoreError> {
    db.daily_backup(data_dir, now)
}

/// Replaces the database in `data_dir` with the checked backup `file`; the current one is kept
/// aside and its new path returned. The store must be closed. A backup of another district is
/// taken only when `as_district` names it.
pub fn restore(
    data_dir: &Path,
    file: &Path,
    now: DateTime<Utc>,
    as_district: Option<&str>,
) -> Result<Option<PathBuf>, StoreError> {
    crate::store::restore(data_dir, file, now, as_district)
}

/// The read-only audit: projections against events, indexes, outbox, serials.
pub fn check(db: &Database) -> Result<CheckReport, StoreError> {
    db.check()
}
