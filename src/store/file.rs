//! The store's file under redb: redb's own `FileBackend` for the database file, with every write
//! and resize also appended to a write-ahead log beside it (`wal.rs`). A sync redb asks for is a
//! commit marker in the log and a sync of the log alone: appending to a reused, zero-filled log
//! costs the disk one short write, where syncing the database file wrote ~40 scattered pages and,
//! as the file grew, its metadata (docs/store-bench.md, step 9). The database file itself is
//! synced only at a checkpoint: once the log passes `CHECKPOINT_BYTES`, and when the store closes.
//!
//! Which markers are synced:
//! - While the store is open (`StoreFile::strict`): every one. A commit redb reports durable is in
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
//! The database file's writes wait in memory (`pending.rs`) and reach the file in one ordered
//! pass: at the checkpoint, just before its sync, or earlier once they hold `PENDING_BYTES`; reads
//! see them over the file. Until then the file lacks them, which the log already allows: it holds
//! every write since the file's last sync, so a crash at any point replays them. A write the log
//! cannot take (a full disk) fails the write or the commit; one the file cannot take fails the
//! pass, keeps every write held and the log whole, and the next open replays it.

use std::fmt;
use std::fs::File;
use std::ops::Bound;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

use redb::backends::FileBackend;
use redb::{BackendError, DatabaseError, StorageBackend};

use super::pending::{Pending, Trimmed};
use super::wal::{CHECKPOINT_BYTES, Log, OpenError};

/// Held writes are written out once they hold this much (zero tails not counted). A checkpoint
/// comes first unless one commit is larger (a migration, a large import batch). The unit tests hold
/// 1 MiB, so their larger commits go through the early write-out too.
const PENDING_BYTES: usize = if cfg!(test) { 1 << 20 } else { 8 << 20 };

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

/// The database file with its log and held writes: redb's backend, and a handle `Database` keeps
/// to steer the syncs and to write the held writes out.
#[derive(Clone)]
pub(super) struct StoreFile(Arc<Shared>);

struct Shared {
    inner: FileBackend,
    log: Log,
    pending: RwLock<Pending>,
    /// Whether the log's commit markers are left unsynced (see the module comment).
    lazy: AtomicBool,
}

impl fmt::Debug for StoreFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StoreFile").field("lazy", &self.0.lazy).finish_non_exhaustive()
    }
}

impl StoreFile {
    /// A new database file `file` at `path`; a log left beside it is discarded.
    pub(super) fn create(file: File, path: &Path) -> Result<Self, FileError> {
        let inner = FileBackend::new(file).map_err(FileError::Database)?;
        let log = Log::create(path)?;
        Ok(Self::with(inner, log))
    }

    /// The database file `file` at `path`, brought up to its log's last commit before redb reads it.
    pub(super) fn recover(file: File, path: &Path) -> Result<Self, FileError> {
        let inner = FileBackend::new(file).map_err(FileError::Database)?;
        let (log, applied) = Log::recover(path, &inner)?;
        if applied > 0 {
            tracing::info!(frames = applied, "replayed the write-ahead log after a crash");
        }
        Ok(Self::with(inner, log))
    }

    fn with(inner: FileBackend, log: Log) -> Self {
        Self(Arc::new(Shared { inner, log, pending: RwLock::default(), lazy: AtomicBool::new(false) }))
    }

    /// While a clean file opens: markers are not synced.
    pub(super) fn opening(&self) {
        self.0.lazy.store(true, Ordering::Release);
    }

    /// Open: every marker is synced.
    pub(super) fn strict(&self) {
        self.0.lazy.store(false, Ordering::Release);
    }

    /// Closing: markers are not synced; the close's checkpoint syncs everything.
    pub(super) fn closing(&self) {
        self.0.lazy.store(true, Ordering::Release);
    }

    /// Writes the held writes into the database file (not synced) and forgets them, so a copy of
    /// the file made while nothing writes is whole. Safe at any moment: the log still holds them.
    pub(super) fn write_out(&self) -> Result<(), std::io::Error> {
        let mut pending = self.pending_mut()?;
        let write = |offset, bytes: &[u8]| self.0.inner.write(offset, bytes);
        match pending.write_out(write) {
            // The log's zero-filled room ahead is the one space the store can give back.
            Err(error) if error.kind() == std::io::ErrorKind::StorageFull => {
                self.0.log.give_back_room()?;
                pending.write_out(write)?;
            }
            written => written?,
        }
        pending.clear();
        Ok(())
    }

    /// Writes out the held writes, syncs the database file, then empties the log. Only between
    /// commits: the log's reset drops any frames of a commit under way.
    pub(super) fn checkpoint(&self) -> Result<(), std::io::Error> {
        self.write_out_and_sync()?;
        self.0.log.reset(true)
    }

    fn write_out_and_sync(&self) -> Result<(), std::io::Error> {
        self.write_out()?;
        self.0.inner.sync_data()
    }

    fn pending(&self) -> Result<RwLockReadGuard<'_, Pending>, std::io::Error> {
        self.0.pending.read().map_err(|_| poisoned())
    }

    fn pending_mut(&self) -> Result<RwLockWriteGuard<'_, Pending>, std::io::Error> {
        self.0.pending.write().map_err(|_| poisoned())
    }
}

fn poisoned() -> std::io::Error {
    std::io::Error::other("the store's held writes were left half-changed by a panic")
}

impl StorageBackend for StoreFile {
    fn len(&self) -> Result<u64, std::io::Error> {
        self.0.inner.len()
    }

    fn read(&self, offset: u64, out: &mut [u8]) -> Result<(), std::io::Error> {
        self.pending()?.read(offset, out, |out| self.0.inner.read(offset, out))
    }

    /// The database file first (its length is metadata, kept current): a failed resize leaves no
    /// frame for a later marker to replay.
    fn set_len(&self, len: u64) -> Result<(), std::io::Error> {
        self.0.inner.set_len(len)?;
        self.pending_mut()?.truncate(len);
        self.0.log.append_resize(len)
    }

    /// A checkpoint's writes reach the database file before this commit's marker: a full disk then
    /// fails this commit, not the next one after this one was made durable.
    fn sync_data(&self) -> Result<(), std::io::Error> {
        if self.0.lazy.load(Ordering::Acquire) {
            return self.0.log.commit(false);
        }
        let checkpoint = self.0.log.len()? > CHECKPOINT_BYTES;
        if checkpoint {
            self.write_out_and_sync()?;
        }
        self.0.log.commit(true)?;
        if checkpoint { self.0.log.reset(true) } else { Ok(()) }
    }

    /// Held first, as the database file's own write was: a write the log cannot take fails the
    /// commit either way.
    fn write(&self, offset: u64, data: &[u8]) -> Result<(), std::io::Error> {
        let bytes = Trimmed::of(data);
        let full = {
            let mut pending = self.pending_mut()?;
            pending.write(offset, bytes);
            pending.held_bytes() >= PENDING_BYTES
        };
        self.0.log.append_write(offset, bytes)?;
        if full { self.write_out() } else { Ok(()) }
    }

    /// The clean close's checkpoint; after a failed write-out or sync of the database file the log
    /// stays, and the next open replays it.
    fn close(&self) -> Result<(), std::io::Error> {
        let checkpoint = if self.0.log.has_frames()? { self.checkpoint() } else { Ok(()) };
        let closed = self.0.inner.close();
        checkpoint.and(closed)
    }

    fn try_lock_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<bool, BackendError> {
        self.0.inner.try_lock_range(start, end)
    }

    fn try_lock_shared_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<bool, BackendError> {
        self.0.inner.try_lock_shared_range(start, end)
    }

    fn lock_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<(), BackendError> {
        self.0.inner.lock_range(start, end)
    }

    fn lock_shared_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<(), BackendError> {
        self.0.inner.lock_shared_range(start, end)
    }

    fn unlock_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<(), BackendError> {
        self.0.inner.unlock_range(start, end)
    }

    fn query_lock_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<bool, BackendError> {
        self.0.inner.query_lock_range(start, end)
    }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use std::fs;

    use redb::StorageBackend;

    use super::super::tests::{catalog, new_db, open_case, reopened_after_checkpoint};
    use super::super::wal::log_path;
    use super::super::{Database, FILE_NAME, probe_read_only};
    use super::{PENDING_BYTES, StoreFile};

    fn must<T, E: std::fmt::Display>(result: Result<T, E>) -> T {
        result.unwrap_or_else(|e| panic!("{e}"))
    }

    /// Held writes are read back over the file; once they pass `PENDING_BYTES` they are written
    /// into it early, and a process killed after that (the file with those writes but not the later
    /// ones, the log synced) recovers to the last synced write of every page.
    #[test]
    fn a_kill_after_an_early_write_out_recovers_every_synced_write() {
        const PAGE: usize = 4096;
        let pages = PENDING_BYTES / PAGE + 8;
        let dir = must(tempfile::tempdir());
        let path = dir.path().join("x.redb");
        let file = StoreFile::create(must(fs::File::create_new(&path)), &path).unwrap_or_else(|e| panic!("{e:?}"));
        must(file.set_len((pages * PAGE) as u64));
        let page = |k: usize| -> Vec<u8> { vec![u8::try_from(k % 250).unwrap_or(0) + 1; PAGE] };
        let mut expected = vec![0u8; pages * PAGE];
        for k in 0..pages {
            must(file.write((k * PAGE) as u64, &page(k)));
            expected[k * PAGE..(k + 1) * PAGE].copy_from_slice(&page(k));
        }
        must(file.sync_data());
        let on_disk = must(fs::read(&path));
        assert!(on_disk[..PAGE] == page(0)[..], "the early write-out reached the file");
        for k in (0..pages).step_by(3) {
            must(file.write((k * PAGE) as u64, &page(k + 7)));
            expected[k * PAGE..(k + 1) * PAGE].copy_from_slice(&page(k + 7));
        }
        must(file.sync_data());
        let mut read = vec![0u8; pages * PAGE];
        must(file.read(0, &mut read));
        assert!(read == expected, "reads see the held writes");
        assert!(must(fs::read(&path)) != expected, "the later writes are still held");

        let copy = must(tempfile::tempdir());
        let copied = copy.path().join("x.redb");
        must(fs::copy(&path, &copied));
        must(fs::copy(log_path(&path), log_path(&copied)));
        let reopened = must(fs::OpenOptions::new().read(true).write(true).open(&copied));
        drop(StoreFile::recover(reopened, &copied).unwrap_or_else(|e| panic!("{e:?}")));
        assert!(must(fs::read(&copied)) == expected);
    }

    /// One commit larger than the held writes' limit (a big import or a migration): its pages are
    /// written out during the commit, redb reads them back through the file, and the store reopens
    /// with every case, after a close and as a killed process leaves it.
    #[test]
    fn a_commit_larger_than_the_held_limit_reads_back_and_reopens_whole() {
        let (dir, db) = new_db();
        let catalog = catalog();
        let actor = super::super::tests::clerk();
        let ctx = crate::domain::case::Context { actor: &actor, at: Utc::now(), note: None };
        let names: Vec<String> = (0..1500).map(|i| format!("متقاضی {i} خانواده {}", i * 7919 % 1000)).collect();
        let requests = names.iter().map(|name| ("1", super::super::tests::applicant(name, "0012345679")));
        let opened = must(db.open_cases(&catalog, requests, &ctx));
        let killed = must(tempfile::tempdir());
        for name in [FILE_NAME.to_owned(), format!("{FILE_NAME}-wal")] {
            must(fs::copy(dir.path().join(&name), killed.path().join(&name)));
        }
        drop(db);
        for folder in [dir.path(), killed.path()] {
            let reopened = must(Database::open(folder));
            for case in opened.iter().step_by(97) {
                assert_eq!(reopened.case(&case.tracking_code).map(|c| c.applicant.name), Ok(case.applicant.name.clone()));
            }
            let report = must(reopened.check());
            assert!(report.is_clean(), "{report:?}");
            assert_eq!(report.cases, names.len());
        }
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
