//! The store's write-ahead log: every write and resize redb makes to the database file is also
//! appended here as a frame, and a durable commit syncs only this file. Appends land in blocks the
//! log already holds (it is zero-filled ahead and reused from the start after each checkpoint), so
//! the sync writes the commit's frames and no file-system metadata — `SQLite`'s WAL idea, one level
//! down: redb and the domain know nothing of it.
//!
//! Layout: a 32-byte header (magic, salt, CRC) and frames of a 32-byte head (kind, payload length,
//! offset or new length, salt, CRC) and a payload. Kinds: write, zeros (a write's zero tail, its
//! length as the payload; logs from before it have none), resize and commit marker. Each frame's
//! CRC-32 starts from the previous frame's (the first from the header's) and covers its head and
//! payload, so a torn frame, a damaged one or a stale one left from before the last reset (another
//! salt) ends the log.
//!
//! Recovery applies the frames up to the last commit marker in order and drops the rest: they are
//! an unfinished commit, whose writes may or may not be in the database file, as after any crash
//! redb survives. A reset writes a new random salt; when frames that a replay could still reach
//! remain behind it, the reset is synced before any new frame can overwrite them, or a half-
//! overwritten log could replay an old prefix over newer committed pages.

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use redb::StorageBackend;
use redb::backends::FileBackend;

use super::pending::Trimmed;

const MAGIC: [u8; 8] = *b"bkhwal01";
const HEADER_BYTES: u64 = 32;
const HEADER_LEN: usize = 32;
const FRAME_HEAD: usize = 32;

const WRITE: u8 = 1;
const RESIZE: u8 = 2;
const COMMIT: u8 = 3;
/// Zeros written at an offset, their count as the payload: redb hands over whole pages, zero past
/// their entries (two thirds of a commit's bytes), so a page goes as its data and a count.
const ZEROS: u8 = 4;
/// Zeros (a replayed count, the log grown ahead) are written in pieces of at most this size.
const ZERO_PIECE: u64 = 1 << 20;

/// Frames wait in memory up to this size; the log is a prefix of redb's writes either way.
const BUFFER_BYTES: usize = 1 << 20;
/// The log is zero-filled ahead in steps of this size, so appends rarely change its length.
const GROW_STEP: u64 = 1 << 20;
/// A checkpoint (write out the held pages, sync the database file, reset the log) once the log
/// holds this much, as `SQLite`'s WAL stops near 4 MiB. A single create writes 37 pages at 10k cases
/// and 46 at 100k; with their zero tails as counts they append 62 KB and 90 KB, so one create in
/// 45–65 pays for a checkpoint; a batch of 100 appends a few MiB. The checkpoint writes each page
/// changed since the last one once (`pending.rs`); with 32 MiB it came 8× less often, no faster per
/// create, and the log took 32 MiB of disk beside the database (docs/store-bench.md, step 11).
pub(super) const CHECKPOINT_BYTES: u64 = 4 << 20;
/// After a commit far larger than usual (a migration), the reset gives the disk back.
const KEEP_BYTES: u64 = 2 * CHECKPOINT_BYTES;

/// The log beside `db`: `bakhshyar.redb-wal` for `bakhshyar.redb`.
pub(super) fn log_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().map(std::ffi::OsStr::to_os_string).unwrap_or_default();
    name.push("-wal");
    db.with_file_name(name)
}

/// Why a log could not be opened.
#[derive(Debug)]
pub(super) enum OpenError {
    /// Another program holds the log (and so the database).
    Locked,
    Io(io::Error),
}

impl From<io::Error> for OpenError {
    fn from(error: io::Error) -> Self {
        Self::Io(error)
    }
}

/// What a frame asks of the database file.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Frame {
    Write { offset: u64, data: Vec<u8> },
    Zeros { offset: u64, len: u64 },
    Resize(u64),
    Commit,
}

pub(super) struct Log {
    file: FileBackend,
    tail: Mutex<Tail>,
}

impl std::fmt::Debug for Log {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Log").finish_non_exhaustive()
    }
}

/// Where the next frame goes and what it chains from.
struct Tail {
    salt: u64,
    chain: u32,
    /// Log offset of the first byte not yet written (the buffer goes there).
    end: u64,
    buffer: Vec<u8>,
    /// The log file's length: zero-filled up to here.
    allocated: u64,
    /// Frames since the last commit marker.
    open_frames: bool,
    /// Frames since the last reset.
    any_frames: bool,
}

impl Log {
    /// A log for a new database: whatever was there (a deleted database's log) is cut off, durably.
    pub(super) fn create(db: &Path) -> Result<Self, OpenError> {
        let file = FileBackend::new(open_locked(&log_path(db))?).map_err(|e| to_io(&e))?;
        file.set_len(0)?;
        let log = Self::empty(file, 0);
        log.reset(true)?;
        Ok(log)
    }

    /// Opens the log of an existing database and brings `main` up to its last commit marker.
    /// Returns the log, reset, and how many frames were applied.
    pub(super) fn recover(db: &Path, main: &FileBackend) -> Result<(Self, usize), OpenError> {
        let file = FileBackend::new(open_locked(&log_path(db))?).map_err(|e| to_io(&e))?;
        let allocated = file.len()?;
        let scan = scan(&file)?;
        let applied = apply(&file, &scan, main)?;
        let log = Self::empty(file, allocated);
        if applied > 0 {
            // The database file holds every committed frame before the reset may land.
            main.sync_data()?;
        }
        // Frames still reachable from the current header must not be half overwritten by new ones.
        log.reset(scan.frames > 0)?;
        Ok((log, applied))
    }

    fn empty(file: FileBackend, allocated: u64) -> Self {
        let tail = Tail {
            salt: 0,
            chain: 0,
            end: HEADER_BYTES,
            buffer: Vec::with_capacity(BUFFER_BYTES),
            allocated,
            open_frames: false,
            any_frames: false,
        };
        Self { file, tail: Mutex::new(tail) }
    }

    fn tail(&self) -> io::Result<MutexGuard<'_, Tail>> {
        self.tail.lock().map_err(|_| io::Error::other("the write-ahead log's lock was poisoned"))
    }

    /// Logs a write: its bytes up to the last non-zero one, then the count of zeros after them.
    pub(super) fn append_write(&self, offset: u64, bytes: Trimmed<'_>) -> io::Result<()> {
        if !bytes.data.is_empty() {
            self.append(WRITE, offset, bytes.data)?;
        }
        if bytes.zeros() > 0 {
            self.append(ZEROS, offset + bytes.data.len() as u64, &bytes.zeros().to_le_bytes())?;
        }
        Ok(())
    }

    pub(super) fn append_resize(&self, len: u64) -> io::Result<()> {
        self.append(RESIZE, len, &[])
    }

    fn append(&self, kind: u8, offset: u64, data: &[u8]) -> io::Result<()> {
        let mut tail = self.tail()?;
        push_frame(&mut tail, kind, offset, data)?;
        tail.open_frames = true;
        tail.any_frames = true;
        if tail.buffer.len() >= BUFFER_BYTES {
            self.flush(&mut tail)?;
        }
        Ok(())
    }

    /// Ends a commit with a marker. `durable`: written and synced before returning; otherwise it
    /// may stay in memory (a crash then recovers to an earlier marker).
    pub(super) fn commit(&self, durable: bool) -> io::Result<()> {
        let mut tail = self.tail()?;
        if tail.open_frames {
            push_frame(&mut tail, COMMIT, 0, &[])?;
            tail.open_frames = false;
        }
        if durable && !tail.buffer.is_empty() {
            self.flush(&mut tail)?;
            self.file.sync_data()?;
        }
        Ok(())
    }

    /// The log's length: what is written and what waits in memory.
    pub(super) fn len(&self) -> io::Result<u64> {
        let tail = self.tail()?;
        Ok(tail.end + tail.buffer.len() as u64)
    }

    /// Cuts off the zero-filled room ahead of the written log, for a full disk's sake.
    pub(super) fn give_back_room(&self) -> io::Result<()> {
        let mut tail = self.tail()?;
        if tail.allocated > tail.end {
            self.file.set_len(tail.end)?;
            tail.allocated = tail.end;
        }
        Ok(())
    }

    /// Whether anything was appended since the last reset.
    pub(super) fn has_frames(&self) -> io::Result<bool> {
        Ok(self.tail()?.any_frames)
    }

    /// Empties the log under a new salt; call only once the database file is synced. `durable`
    /// when frames a replay could reach lie behind the header (see the module comment).
    pub(super) fn reset(&self, durable: bool) -> io::Result<()> {
        let mut tail = self.tail()?;
        let salt = new_salt()?;
        let header = header_bytes(salt);
        if tail.allocated > KEEP_BYTES {
            self.file.set_len(CHECKPOINT_BYTES)?;
            tail.allocated = CHECKPOINT_BYTES;
        }
        self.file.write(0, &header)?;
        tail.allocated = tail.allocated.max(HEADER_BYTES);
        if durable {
            self.file.sync_data()?;
        }
        tail.salt = salt;
        tail.chain = crc_of(&header[..24]);
        tail.end = HEADER_BYTES;
        tail.buffer.clear();
        tail.open_frames = false;
        tail.any_frames = false;
        Ok(())
    }

    /// Writes the buffer at the log's end. On failure the buffer and end stay, so a retry writes
    /// the same bytes at the same place.
    fn flush(&self, tail: &mut Tail) -> io::Result<()> {
        let need = tail.end + tail.buffer.len() as u64;
        self.grow(tail, need);
        self.file.write(tail.end, &tail.buffer)?;
        tail.end = need;
        tail.allocated = tail.allocated.max(need);
        tail.buffer.clear();
        Ok(())
    }

    /// Zero-fills the log ahead of `need`, so the appends up to there change no file metadata.
    /// Best effort: on a full disk it gives the room back and the append itself reports the fault.
    fn grow(&self, tail: &mut Tail, need: u64) {
        if need <= tail.allocated {
            return;
        }
        let target = need.next_multiple_of(GROW_STEP);
        match write_zeros(&self.file, tail.allocated, target - tail.allocated) {
            Ok(()) => tail.allocated = target,
            Err(error) => {
                tracing::debug!(%error, "the write-ahead log could not be extended ahead");
                let _ = self.file.set_len(tail.allocated);
            }
        }
    }
}

fn to_io(error: &redb::DatabaseError) -> OpenError {
    OpenError::Io(io::Error::other(error.to_string()))
}

/// Opens (or creates) the log and takes its lock, which stands for the database: redb's own lock on
/// the database file is taken later, and recovery must not write while another program works.
fn open_locked(path: &Path) -> Result<File, OpenError> {
    let file = OpenOptions::new().read(true).write(true).create(true).truncate(false).open(path)?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(TryLockError::WouldBlock) => Err(OpenError::Locked),
        // A file system without locks: redb's own lock on the database file still guards it.
        Err(TryLockError::Error(error)) if error.kind() == io::ErrorKind::Unsupported => Ok(file),
        Err(TryLockError::Error(error)) => Err(OpenError::Io(error)),
    }
}

fn new_salt() -> io::Result<u64> {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).map_err(|e| io::Error::other(e.to_string()))?;
    Ok(u64::from_le_bytes(bytes))
}

fn crc_of(bytes: &[u8]) -> u32 {
    let mut hasher = crc32fast::Hasher::new();
    hasher.update(bytes);
    hasher.finalize()
}

fn header_bytes(salt: u64) -> [u8; HEADER_LEN] {
    let mut header = [0u8; HEADER_LEN];
    header[..8].copy_from_slice(&MAGIC);
    header[8..16].copy_from_slice(&salt.to_le_bytes());
    let crc = crc_of(&header[..24]);
    header[24..28].copy_from_slice(&crc.to_le_bytes());
    header
}

/// The salt and chain start of a header, if it is whole and ours.
fn parse_header(header: &[u8; HEADER_LEN]) -> Option<(u64, u32)> {
    let crc = crc_of(&header[..24]);
    (header[..8] == MAGIC && header[24..28] == crc.to_le_bytes()).then(|| (le_u64(&header[8..16]), crc))
}

fn le_u64(bytes: &[u8]) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(&bytes[..8]);
    u64::from_le_bytes(word)
}

fn le_u32(bytes: &[u8]) -> u32 {
    let mut word = [0u8; 4];
    word.copy_from_slice(&bytes[..4]);
    u32::from_le_bytes(word)
}

/// Appends one frame to the buffer and advances the chain.
fn push_frame(tail: &mut Tail, kind: u8, offset: u64, data: &[u8]) -> io::Result<()> {
    let len = u32::try_from(data.len()).map_err(|_| io::Error::other("a write larger than 4 GiB"))?;
    let head = frame_head(kind, len, offset, tail.salt, tail.chain, data);
    tail.chain = le_u32(&head[24..28]);
    tail.buffer.extend_from_slice(&head);
    tail.buffer.extend_from_slice(data);
    Ok(())
}

fn frame_head(kind: u8, len: u32, offset: u64, salt: u64, chain: u32, data: &[u8]) -> [u8; FRAME_HEAD] {
    let mut head = [0u8; FRAME_HEAD];
    head[0] = kind;
    head[4..8].copy_from_slice(&len.to_le_bytes());
    head[8..16].copy_from_slice(&offset.to_le_bytes());
    head[16..24].copy_from_slice(&salt.to_le_bytes());
    let mut hasher = crc32fast::Hasher::new_with_initial(chain);
    hasher.update(&head[..24]);
    hasher.update(data);
    head[24..28].copy_from_slice(&hasher.finalize().to_le_bytes());
    head
}

/// The valid frames of a log: how many, and where the last commit marker ends.
struct Scan {
    frames: usize,
    committed_end: u64,
}

/// Walks the chain from the header; a missing or foreign header means an empty log.
fn scan(file: &FileBackend) -> io::Result<Scan> {
    let mut scan = Scan { frames: 0, committed_end: HEADER_BYTES };
    let mut reader = Reader::start(file)?;
    if let Some(reader) = reader.as_mut() {
        while let Some(frame) = reader.next_frame()? {
            scan.frames += 1;
            if frame == Frame::Commit {
                scan.committed_end = reader.at;
            }
        }
    }
    Ok(scan)
}

/// Applies the frames before the last commit marker to `main`, in order. Returns how many.
fn apply(file: &FileBackend, scan: &Scan, main: &FileBackend) -> io::Result<usize> {
    let mut applied = 0;
    let Some(mut reader) = Reader::start(file)? else { return Ok(0) };
    while reader.at < scan.committed_end {
        match reader.next_frame()? {
            Some(Frame::Write { offset, data }) => main.write(offset, &data)?,
            Some(Frame::Zeros { offset, len }) => write_zeros(main, offset, len)?,
            Some(Frame::Resize(len)) => main.set_len(len)?,
            Some(Frame::Commit) => {}
            None => break,
        }
        applied += 1;
    }
    Ok(applied)
}

/// Writes `len` zeros at `offset` of `file`, in pieces; stops at the first failed piece.
fn write_zeros(file: &FileBackend, offset: u64, len: u64) -> io::Result<()> {
    let zeros = vec![0u8; usize::try_from(len.min(ZERO_PIECE)).unwrap_or(1 << 20)];
    let mut at = 0;
    while at < len {
        let piece = (len - at).min(zeros.len() as u64);
        file.write(offset + at, &zeros[..usize::try_from(piece).unwrap_or(zeros.len())])?;
        at += piece;
    }
    Ok(())
}

/// Reads frames in order while the chain holds.
struct Reader<'a> {
    file: &'a FileBackend,
    len: u64,
    salt: u64,
    chain: u32,
    at: u64,
}

impl<'a> Reader<'a> {
    fn start(file: &'a FileBackend) -> io::Result<Option<Self>> {
        let len = file.len()?;
        if len < HEADER_BYTES {
            return Ok(None);
        }
        let mut header = [0u8; HEADER_LEN];
        file.read(0, &mut header)?;
        Ok(parse_header(&header).map(|(salt, chain)| Self { file, len, salt, chain, at: HEADER_BYTES }))
    }

    /// The next frame, or `None` where the log ends (short, torn, damaged or stale).
    fn next_frame(&mut self) -> io::Result<Option<Frame>> {
        if self.len - self.at < FRAME_HEAD as u64 {
            return Ok(None);
        }
        let mut head = [0u8; FRAME_HEAD];
        self.file.read(self.at, &mut head)?;
        let (kind, len, offset) = (head[0], le_u32(&head[4..8]), le_u64(&head[8..16]));
        let body_at = self.at + FRAME_HEAD as u64;
        let known = matches!(kind, WRITE | RESIZE | COMMIT) || (kind == ZEROS && len == 8);
        if !known || le_u64(&head[16..24]) != self.salt || self.len - body_at < u64::from(len) {
            return Ok(None);
        }
        let mut data = vec![0u8; len as usize];
        self.file.read(body_at, &mut data)?;
        if frame_head(kind, len, offset, self.salt, self.chain, &data) != head {
            return Ok(None);
        }
        self.chain = le_u32(&head[24..28]);
        self.at = body_at + u64::from(len);
        Ok(Some(match kind {
            WRITE => Frame::Write { offset, data },
            ZEROS => Frame::Zeros { offset, len: le_u64(&data) },
            RESIZE => Frame::Resize(offset),
            _ => Frame::Commit,
        }))
    }
}

/// Before a database file is put in place by other means (a restore), any log beside it goes, so
/// nothing older is replayed onto the new file.
pub(super) fn remove(db: &Path) -> io::Result<()> {
    match std::fs::remove_file(log_path(db)) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    fn must<T, E: std::fmt::Debug>(result: Result<T, E>) -> T {
        result.unwrap_or_else(|e| panic!("{e:?}"))
    }

    /// A folder with an empty database file `x.redb` and its backend.
    fn fixture() -> (tempfile::TempDir, PathBuf, FileBackend) {
        let dir = must(tempfile::tempdir());
        let db = dir.path().join("x.redb");
        let main = must(FileBackend::new(must(OpenOptions::new().read(true).write(true).create_new(true).open(&db))));
        (dir, db, main)
    }

    /// Every valid frame of the log beside `db`.
    fn frames(db: &Path) -> Vec<Frame> {
        let file = must(FileBackend::new(must(File::open(log_path(db)))));
        let mut reader = must(Reader::start(&file)).unwrap_or_else(|| panic!("no header"));
        std::iter::from_fn(|| must(reader.next_frame())).collect()
    }

    fn write(offset: u64, data: &[u8]) -> Frame {
        Frame::Write { offset, data: data.to_vec() }
    }

    fn contents(main: &FileBackend) -> Vec<u8> {
        let mut out = vec![0u8; usize::try_from(must(main.len())).unwrap_or(0)];
        must(main.read(0, &mut out));
        out
    }

    /// Writes the buffered frames without a marker, as a large write would.
    fn flush(log: &Log) {
        let mut tail = must(log.tail());
        must(log.flush(&mut tail));
    }

    #[test]
    fn frames_round_trip_in_order() {
        let (_dir, db, _main) = fixture();
        let log = must(Log::create(&db));
        must(log.append_write(8, Trimmed::of(b"abc")));
        must(log.append_resize(100));
        must(log.commit(true));
        must(log.append_write(0, Trimmed::of(&[7; 5000])));
        must(log.commit(true));
        assert_eq!(frames(&db), [write(8, b"abc"), Frame::Resize(100), Frame::Commit, write(0, &[7; 5000]), Frame::Commit]);
    }

    #[test]
    fn a_page_is_logged_as_its_data_and_the_count_of_zeros_after_it() {
        let (_dir, db, main) = fixture();
        must(main.write(0, &[9; 300]));
        let log = must(Log::create(&db));
        let mut page = vec![0u8; 200];
        page[..70].fill(5);
        page[3] = 0;
        must(log.append_write(100, Trimmed::of(&page)));
        must(log.append_write(10, Trimmed::of(&[0; 20])));
        must(log.append_write(0, Trimmed::of(&[1; 3])));
        must(log.commit(true));
        assert_eq!(
            frames(&db),
            [
                write(100, &page[..70]),
                Frame::Zeros { offset: 170, len: 130 },
                Frame::Zeros { offset: 10, len: 20 },
                write(0, &[1; 3]),
                Frame::Commit
            ]
        );
        drop(log);
        must(Log::recover(&db, &main));
        let mut expected = vec![9u8; 300];
        expected[..3].fill(1);
        expected[10..30].fill(0);
        expected[100..300].copy_from_slice(&page);
        assert_eq!(contents(&main), expected, "the zeros replace what the file held there");
    }

    #[test]
    fn a_torn_damaged_or_stale_frame_ends_the_log() {
        let (_dir, db, _main) = fixture();
        let log = must(Log::create(&db));
        must(log.append_write(0, Trimmed::of(b"first")));
        must(log.commit(true));
        let first_end = must(log.len());
        must(log.append_write(0, Trimmed::of(b"second")));
        must(log.commit(true));
        let end = must(log.len());
        let whole = must(fs::read(log_path(&db)));
        let first = [write(0, b"first"), Frame::Commit];

        // Torn: the last frame cut short.
        must(fs::write(log_path(&db), &whole[..usize::try_from(end).unwrap_or(0) - 3]));
        assert_eq!(frames(&db), [write(0, b"first"), Frame::Commit, write(0, b"second")]);
        // Damaged: a byte of the second write's payload.
        let mut damaged = whole.clone();
        damaged[usize::try_from(first_end).unwrap_or(0) + FRAME_HEAD] ^= 1;
        must(fs::write(log_path(&db), &damaged));
        assert_eq!(frames(&db), first);

        // Stale: after a reset, the older frames behind the new ones belong to the old salt.
        must(fs::write(log_path(&db), &whole));
        must(log.reset(true));
        must(log.append_write(0, Trimmed::of(b"first")));
        must(log.commit(true));
        assert_eq!(frames(&db), first);
    }

    #[test]
    fn recovery_applies_writes_and_resizes_in_order_and_empties_the_log() {
        let (_dir, db, main) = fixture();
        let log = must(Log::create(&db));
        must(log.append_write(0, Trimmed::of(b"aaaa")));
        must(log.append_resize(2));
        must(log.append_write(4, Trimmed::of(b"bb")));
        must(log.append_write(0, Trimmed::of(b"c")));
        must(log.commit(true));
        drop(log);
        let (log, applied) = must(Log::recover(&db, &main));
        assert_eq!(applied, 5);
        assert_eq!(contents(&main), b"ca\0\0bb");
        assert_eq!(frames(&db), []);
        drop(log);
        assert_eq!(must(Log::recover(&db, &main)).1, 0, "nothing is replayed twice");
    }

    #[test]
    fn frames_after_the_last_marker_are_dropped() {
        let (_dir, db, main) = fixture();
        let log = must(Log::create(&db));
        must(log.append_write(0, Trimmed::of(b"kept")));
        must(log.commit(true));
        must(log.append_write(0, Trimmed::of(b"lost")));
        must(log.append_resize(100));
        flush(&log);
        assert_eq!(frames(&db).len(), 4);
        drop(log);
        let (_log, applied) = must(Log::recover(&db, &main));
        assert_eq!(applied, 2);
        assert_eq!(contents(&main), b"kept");
    }

    #[test]
    fn a_marker_left_unsynced_is_written_by_the_next_synced_one() {
        let (_dir, db, main) = fixture();
        let log = must(Log::create(&db));
        must(log.append_write(0, Trimmed::of(b"one")));
        must(log.commit(false));
        must(log.append_write(3, Trimmed::of(b"two")));
        must(log.commit(true));
        drop(log);
        must(Log::recover(&db, &main));
        assert_eq!(contents(&main), b"onetwo");
    }

    #[test]
    fn a_new_database_never_gets_an_old_log_replayed() {
        let (_dir, db, main) = fixture();
        let log = must(Log::create(&db));
        must(log.append_write(0, Trimmed::of(b"old")));
        must(log.commit(true));
        drop(log);
        drop(must(Log::create(&db)));
        assert_eq!(must(Log::recover(&db, &main)).1, 0);
        assert_eq!(contents(&main), b"");
    }

    #[test]
    fn a_held_log_is_refused() {
        let (_dir, db, main) = fixture();
        let _held = must(Log::create(&db));
        assert!(matches!(Log::recover(&db, &main), Err(OpenError::Locked)));
    }

    #[test]
    fn the_room_ahead_is_given_back_and_the_log_grows_again_when_it_must() {
        let (_dir, db, main) = fixture();
        let log = must(Log::create(&db));
        must(log.append_write(0, Trimmed::of(&[1; 4096])));
        must(log.commit(true));
        assert_eq!(must(fs::metadata(log_path(&db))).len(), GROW_STEP);
        must(log.give_back_room());
        assert_eq!(must(fs::metadata(log_path(&db))).len(), must(log.len()));
        must(log.append_write(4096, Trimmed::of(&[2; 4096])));
        must(log.commit(true));
        assert_eq!(must(fs::metadata(log_path(&db))).len(), GROW_STEP);
        drop(log);
        must(Log::recover(&db, &main));
        assert_eq!(contents(&main), [[1u8; 4096], [2u8; 4096]].concat());
    }

    #[test]
    fn the_log_grows_ahead_and_is_reused_after_a_reset() {
        let (_dir, db, _main) = fixture();
        let log = must(Log::create(&db));
        must(log.append_write(0, Trimmed::of(&[1; 4096])));
        must(log.commit(true));
        let len = must(fs::metadata(log_path(&db))).len();
        assert_eq!(len, GROW_STEP);
        must(log.reset(true));
        must(log.append_write(0, Trimmed::of(&[2; 4096])));
        must(log.commit(true));
        assert_eq!(must(fs::metadata(log_path(&db))).len(), len);
        assert_eq!(frames(&db), [write(0, &[2; 4096]), Frame::Commit]);
    }
}
