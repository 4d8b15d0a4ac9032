//! The store's file under redb: redb's own `FileBackend`, minus the disk syncs that protect
//! nothing. redb 4.6 syncs up to seven times for an open, one durable commit and a close (measured
//! with `strace -f -c`, README); these are left out, each for a reason redb's source gives:
//!
//! - the open's (`page_manager.rs`, `begin_writable`, called from `Database::new` in `db.rs`): it
//!   writes only the header, to set the "live writer" flag. Every later header write carries the
//!   flag too, and until one lands the header on disk still names the last clean commit, whose
//!   recorded allocator state marks the pages a later write fills as free. `Database::new` decides
//!   between loading that state and a repair by the state's presence, not by the flag, and no
//!   other process reads the flag in single-process mode. Only for a file shut down cleanly.
//! - the close's (`db.rs`, `close_database`): its commit recording the allocator state syncs twice
//!   (pages, then the header naming them) and stays. After it, `flush_shutdown_header`
//!   (`page_manager.rs`) syncs, rewrites the header with the flag cleared, and syncs again. Between
//!   the commit and that header only the trim of free pages at the file's end can happen
//!   (`ShrinkPolicy::Maximum`); a power cut that loses the trim or the cleared flag leaves a file
//!   longer than its layout or flagged, which the next open fixes by rewriting the header and then
//!   loads the recorded allocator state — no slow repair.
//!
//! Everything else (every commit's syncs, growing the file, create, repair, backups) syncs as
//! redb asks.

use std::fmt;
use std::fs::File;
use std::ops::Bound;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};

use redb::backends::FileBackend;
use redb::{BackendError, DatabaseError, StorageBackend};

/// redb's file header (magic, layout, both commit slots) lies within these first bytes.
const HEADER_BYTES: u64 = 512;

const STRICT: u8 = 0;
const OPENING: u8 = 1;
const CLOSING: u8 = 2;

/// Which syncs the file may leave out; shared between `Database` and its file.
#[derive(Clone, Debug, Default)]
pub(super) struct SyncPhase(Arc<AtomicU8>);

impl SyncPhase {
    /// While a clean file opens: a sync after header-only writes is left out.
    pub(super) fn opening() -> Self {
        Self(Arc::new(AtomicU8::new(OPENING)))
    }

    /// Open: every sync is done.
    pub(super) fn strict(&self) {
        self.0.store(STRICT, Ordering::Release);
    }

    /// Closing: each sync waits for the next write (so the order on disk is kept) and the last
    /// one, with nothing written after it, is left out.
    pub(super) fn closing(&self) {
        self.0.store(CLOSING, Ordering::Release);
    }

    fn get(&self) -> u8 {
        self.0.load(Ordering::Acquire)
    }
}

pub(super) struct StoreFile {
    inner: FileBackend,
    phase: SyncPhase,
    /// Written outside the header since the last sync.
    data_unsynced: AtomicBool,
    /// Written anywhere since the last sync.
    unsynced: AtomicBool,
    /// A sync the closing phase put off until the next write.
    owed: AtomicBool,
}

impl fmt::Debug for StoreFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StoreFile").field("phase", &self.phase).finish_non_exhaustive()
    }
}

impl StoreFile {
    pub(super) fn new(file: File, phase: SyncPhase) -> Result<Self, DatabaseError> {
        Ok(Self {
            inner: FileBackend::new(file)?,
            phase,
            data_unsynced: AtomicBool::new(false),
            unsynced: AtomicBool::new(false),
            owed: AtomicBool::new(false),
        })
    }

    /// Cleared before the sync, so a write racing it counts as unsynced; set again if it fails.
    fn sync_now(&self) -> Result<(), std::io::Error> {
        self.owed.store(false, Ordering::Release);
        self.unsynced.store(false, Ordering::Release);
        self.data_unsynced.store(false, Ordering::Release);
        let synced = self.inner.sync_data();
        if synced.is_err() {
            self.unsynced.store(true, Ordering::Release);
            self.data_unsynced.store(true, Ordering::Release);
        }
        synced
    }

    /// Pays a put-off sync before anything newer reaches the file, so the disk sees the writes in
    /// the order redb made them.
    fn before_write(&self, offset: u64, len: u64) -> Result<(), std::io::Error> {
        if self.owed.load(Ordering::Acquire) {
            self.sync_now()?;
        }
        self.unsynced.store(true, Ordering::Release);
        if offset.saturating_add(len) > HEADER_BYTES {
            self.data_unsynced.store(true, Ordering::Release);
        }
        Ok(())
    }
}

impl StorageBackend for StoreFile {
    fn len(&self) -> Result<u64, std::io::Error> {
        self.inner.len()
    }

    fn read(&self, offset: u64, out: &mut [u8]) -> Result<(), std::io::Error> {
        self.inner.read(offset, out)
    }

    fn set_len(&self, len: u64) -> Result<(), std::io::Error> {
        if self.phase.get() == CLOSING {
            // The close's trim of free pages: after the commit naming the shorter layout is
            // synced, and no sync of its own (a lost trim leaves only free pages at the end).
            if self.owed.load(Ordering::Acquire) {
                self.sync_now()?;
            }
            return self.inner.set_len(len);
        }
        self.before_write(len, u64::MAX)?;
        self.inner.set_len(len)
    }

    fn sync_data(&self) -> Result<(), std::io::Error> {
        if !self.unsynced.load(Ordering::Acquire) {
            // Nothing reached the file since the last sync (or the last one owed).
            return Ok(());
        }
        match self.phase.get() {
            OPENING if !self.data_unsynced.load(Ordering::Acquire) => Ok(()),
            CLOSING => {
                self.owed.store(true, Ordering::Release);
                self.unsynced.store(false, Ordering::Release);
                Ok(())
            }
            _ => self.sync_now(),
        }
    }

    fn write(&self, offset: u64, data: &[u8]) -> Result<(), std::io::Error> {
        self.before_write(offset, data.len() as u64)?;
        self.inner.write(offset, data)
    }

    fn close(&self) -> Result<(), std::io::Error> {
        self.inner.close()
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

    use super::super::tests::{catalog, new_db, open_case};
    use super::super::{Database, FILE_NAME, probe_read_only};

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
