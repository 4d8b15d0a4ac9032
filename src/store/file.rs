//! The store's file under redb: redb's own `FileBackend` for the database file, with every write
//! and resize also appended to a write-ahead log beside it (`wal.rs`). A sync redb asks for is a
//! commit marker in the log and a sync of the log alone: appending to a reused, zero-filled log
//! costs the disk one short write, where syncing the database file wrote ~40 scattered pages and,
//! as the file grew, its metadata (docs/store-bench.md, step 9). The database file itself is
//! synced only at a checkpoint: once the log passes `CHECKPOINT_BYTES`, and when the store closes.
//!
//! Which markers are synced:
//! - While the store is open (`SyncPhase::strict`): every one. A commit redb reports durable is in
//!   the synced log; the database file may lack any of its pages until the next checkpoint.
//! - While a clean file opens and while the store closes: none. Nobody outside redb learns of these
//!   commits (setting the "live writer" flag in the header; the close's record of the allocator
//!   state and its shutdown header), and the log only ever replays a prefix of redb's writes up to
//!   a marker, so a crash there recovers to the state after an earlier sync of the same sequence —
//!   a crash redb already survives. The next synced marker makes all of them durable, in order.
//! - The close's checkpoint syncs the database file and then resets the log (synced, since the
//!   next open overwrites it from the start): two syncs, as before the log. A file the crash left
//!   gets the log replayed when it opens (`wal::Log::recover`), before redb reads it; redb's
//!   repair of such a file then runs with every marker synced, as it did with every sync before.
//! - Replaying up to the last marker may put older contents over pages written after it; those are
//!   writes of an unfinished commit, which a crash may keep or lose page by page in redb's own
//!   model, and the header is rewritten by every commit, so it goes back to the marker's commit.
//!
//! Reads go to the database file, which holds every write in the OS's cache. A write the log
//! cannot take (a full disk) fails the write or the commit, as a failed database write did.

use std::fmt;
use std::fs::File;
use std::ops::Bound;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use redb::backends::FileBackend;
use redb::{BackendError, DatabaseError, StorageBackend};

use super::wal::{CHECKPOINT_BYTES, Log, OpenError};

/// Whether the log's commit markers are synced; shared between `Database` and its file.
#[derive(Clone, Debug, Default)]
pub(super) struct SyncPhase(Arc<AtomicBool>);

impl SyncPhase {
    /// While a clean file opens: markers are not synced.
    pub(super) fn opening(&self) {
        self.0.store(true, Ordering::Release);
    }

    /// Open: every marker is synced.
    pub(super) fn strict(&self) {
        self.0.store(false, Ordering::Release);
    }

    /// Closing: markers are not synced; the close's checkpoint syncs everything.
    pub(super) fn closing(&self) {
        self.0.store(true, Ordering::Release);
    }

    fn lazy(&self) -> bool {
        self.0.load(Ordering::Acquire)
    }
}

/// Why the store's file could not be opened.
#[derive(Debug)]
pub(super) enum FileError {
    /// Another program holds the database (its log is locked).
    Locked,
    /// The database file.
    Database(DatabaseError),
    /// The log beside it.
    Log(std::io::Error),
}

impl From<OpenError> for FileError {
    fn from(error: OpenError) -> Self {
        match error {
            OpenError::Locked => Self::Locked,
            OpenError::Io(error) => Self::Log(error),
        }
    }
}

pub(super) struct StoreFile {
    inner: FileBackend,
    log: Log,
    phase: SyncPhase,
}

impl fmt::Debug for StoreFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StoreFile").field("phase", &self.phase).finish_non_exhaustive()
    }
}

impl StoreFile {
    /// A new database file `file` at `path`; a log left beside it is discarded.
    pub(super) fn create(file: File, path: &Path, phase: SyncPhase) -> Result<Self, FileError> {
        let inner = FileBackend::new(file).map_err(FileError::Database)?;
        let log = Log::create(path)?;
        Ok(Self { inner, log, phase })
    }

    /// The database file `file` at `path`, brought up to its log's last commit before redb reads it.
    pub(super) fn recover(file: File, path: &Path, phase: SyncPhase) -> Result<Self, FileError> {
        let inner = FileBackend::new(file).map_err(FileError::Database)?;
        let (log, applied) = Log::recover(path, &inner)?;
        if applied > 0 {
            tracing::info!(frames = applied, "replayed the write-ahead log after a crash");
        }
        Ok(Self { inner, log, phase })
    }

    /// Syncs the database file, then empties the log.
    fn checkpoint(&self) -> Result<(), std::io::Error> {
        self.inner.sync_data()?;
        self.log.reset(true)
    }
}

impl StorageBackend for StoreFile {
    fn len(&self) -> Result<u64, std::io::Error> {
        self.inner.len()
    }

    fn read(&self, offset: u64, out: &mut [u8]) -> Result<(), std::io::Error> {
        self.inner.read(offset, out)
    }

    /// The database file first: a failed write leaves no frame for a later marker to replay.
    fn set_len(&self, len: u64) -> Result<(), std::io::Error> {
        self.inner.set_len(len)?;
        self.log.append_resize(len)
    }

    fn sync_data(&self) -> Result<(), std::io::Error> {
        let durable = !self.phase.lazy();
        let logged = self.log.commit(durable)?;
        if durable && logged > CHECKPOINT_BYTES {
            self.checkpoint()?;
        }
        Ok(())
    }

    fn write(&self, offset: u64, data: &[u8]) -> Result<(), std::io::Error> {
        self.inner.write(offset, data)?;
        self.log.append_write(offset, data)
    }

    /// The clean close's checkpoint; after a failed sync of the database file the log stays, and
    /// the next open replays it.
    fn close(&self) -> Result<(), std::io::Error> {
        let checkpoint = if self.log.has_frames()? { self.checkpoint() } else { Ok(()) };
        let closed = self.inner.close();
        checkpoint.and(closed)
    }

    fn try_lock_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<bool, BackendError> {
        self.inner.try_lock_range(start, end)
    }

    fn try_lock_shared_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<bool, BackendError> {
        self.inner.try_lock_shared_range(start, end)
    }

    fn lock_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<(), BackendError> {
        self.inner.lock_range(start, end)
    }

    fn lock_shared_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<(), BackendError> {
        self.inner.lock_shared_range(start, end)
    }

    fn unlock_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<(), BackendError> {
        self.inner.unlock_range(start, end)
    }

    fn query_lock_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<bool, BackendError> {
        self.inner.query_lock_range(start, end)
    }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use std::fs;

    use super::super::tests::{catalog, new_db, open_case, reopened_after_checkpoint};
    use super::super::wal::log_path;
    use super::super::{Database, FILE_NAME, probe_read_only};

    fn must<T, E: std::fmt::Display>(result: Result<T, E>) -> T {
        result.unwrap_or_else(|e| panic!("{e}"))
    }

    /// A crash after each commit, simulated by copying the log as synced beside a database file
    /// either as the last checkpoint left it (a power cut lost every later write) or with every
    /// write (the process was killed): the copy opens with every committed case, and checks clean.
    #[test]
    fn every_commit_survives_a_crash_after_it() {
        let (dir, db) = new_db();
        let file = dir.path().join(FILE_NAME);
        let (checkpointed, db) = reopened_after_checkpoint(dir.path(), db);
        let catalog = catalog();
        let mut committed = Vec::new();
        for name in ["علی", "رضا", "مریم", "زهرا"] {
            committed.push(open_case(&db, &catalog, name, Utc::now()));
            for main in [checkpointed.clone(), must(fs::read(&file))] {
                let copy = must(tempfile::tempdir());
                let copied = copy.path().join(FILE_NAME);
                must(fs::write(&copied, main));
                must(fs::copy(log_path(&file), log_path(&copied)));
                let reopened = must(Database::open(copy.path()));
                for case in &committed {
                    let stored = reopened.case(&case.tracking_code).map(|c| c.applicant.name);
                    assert_eq!(stored, Ok(case.applicant.name.clone()));
                }
                let report = must(reopened.check());
                assert!(report.is_clean(), "{report:?}");
            }
        }
    }

    /// A power cut at an arbitrary point of the log's writes (the log cut there, the database file
    /// as last checkpointed): the file opens and checks clean with the cases committed before the
    /// cut — always a prefix of them, never a later case without an earlier one.
    #[test]
    fn a_log_cut_anywhere_recovers_a_prefix_of_the_commits() {
        let (dir, db) = new_db();
        let file = dir.path().join(FILE_NAME);
        let (checkpointed, db) = reopened_after_checkpoint(dir.path(), db);
        let catalog = catalog();
        let committed: Vec<_> =
            ["علی", "رضا", "مریم", "زهرا", "سارا"].iter().map(|name| open_case(&db, &catalog, name, Utc::now())).collect();
        let log = must(fs::read(log_path(&file)));
        let mut found_counts = Vec::new();
        for cut in (0..log.len().min(800_000)).step_by(23_456) {
            let copy = must(tempfile::tempdir());
            let copied = copy.path().join(FILE_NAME);
            must(fs::write(&copied, &checkpointed));
            must(fs::write(log_path(&copied), &log[..cut]));
            let reopened = must(Database::open(copy.path()));
            let found: Vec<bool> = committed.iter().map(|case| reopened.case(&case.tracking_code).is_ok()).collect();
            let count = found.iter().filter(|f| **f).count();
            assert!(found[..count].iter().all(|f| *f), "cut at {cut}: {found:?}");
            let report = must(reopened.check());
            assert!(report.is_clean(), "cut at {cut}: {report:?}");
            found_counts.push(count);
        }
        assert_eq!(found_counts.first(), Some(&0));
        assert_eq!(found_counts.last(), Some(&committed.len()));
    }

    /// A normal exit leaves a file that needs no recovery (the probe opens it read-only), with
    /// every commit in it — after an open that left its sync out and a close that dropped its last.
    #[test]
    fn a_store_closed_normally_reopens_clean_with_its_commits() {
        let (dir, db) = new_db();
        let file = dir.path().join(FILE_NAME);
        let first = open_case(&db, &catalog(), "علی", Utc::now());
        drop(db);
        assert_eq!(probe_read_only(&file), Ok(true));
        let db = Database::open(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        let second = open_case(&db, &catalog(), "رضا", Utc::now());
        drop(db);
        assert_eq!(probe_read_only(&file), Ok(true));
        let db = Database::open(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        for case in [first, second] {
            assert_eq!(db.case(&case.tracking_code).map(|c| c.applicant.name), Ok(case.applicant.name));
        }
    }
}
