//! The write-ahead log that versions up to schema 5's first releases kept beside the database
//! (`bakhshyar.redb-wal`). The store now relies on redb's own durability alone; a data folder
//! written by such a version may still hold commits only in that log, so the first open replays
//! its committed frames into the database file once, syncs it and deletes the log.
//!
//! Format (read only, never written): a 32-byte header (magic, salt, CRC-32 of its first 24 bytes)
//! and frames of a 32-byte head (kind, payload length, offset, salt, CRC) and a payload. Each
//! frame's CRC starts from the previous one's (the first from the header's), so a torn, damaged or
//! stale frame ends the log. Frames after the last commit marker are an unfinished commit and are
//! dropped, as after any crash.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::StoreError;

const MAGIC: [u8; 8] = *b"bkhwal01";
const HEAD: usize = 32;
const WRITE: u8 = 1;
const RESIZE: u8 = 2;
const COMMIT: u8 = 3;
const ZEROS: u8 = 4;
const ZERO_PIECE: usize = 1 << 20;

/// What the replay of an old log did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LegacyLogReplay {
    /// Commits found in the log and written into the database file.
    pub commits: usize,
}

/// The old log beside `db`: `bakhshyar.redb-wal` for `bakhshyar.redb`.
pub(super) fn log_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().map(std::ffi::OsStr::to_os_string).unwrap_or_default();
    name.push("-wal");
    db.with_file_name(name)
}

/// Deletes an old log beside `db` without replaying it: `db` is not the file it was written for (a
/// new database, or none at all before a restore).
pub(super) fn discard(db: &Path) -> Result<(), StoreError> {
    let path = log_path(db);
    match std::fs::remove_file(&path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(StoreError::io(&path, &e)),
        _ => Ok(()),
    }
}

/// Replays and deletes the old log beside `db`, if there is one. `None` when there was none.
pub(super) fn replay_and_remove(db: &Path) -> Result<Option<LegacyLogReplay>, StoreError> {
    let path = log_path(db);
    let mut log = match OpenOptions::new().read(true).write(true).open(&path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::io(&path, &e)),
    };
    // An older version still running holds this lock; its log is not ours to replay.
    match log.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => return Err(StoreError::AlreadyOpen(db.to_path_buf())),
        Err(TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => {}
        Err(TryLockError::Error(e)) => return Err(StoreError::io(&path, &e)),
    }
    let frames = committed_frames(&mut log).map_err(|e| StoreError::io(&path, &e))?;
    let commits = frames.iter().filter(|f| matches!(f, Frame::Commit)).count();
    if commits > 0 {
        let mut file = OpenOptions::new().read(true).write(true).open(db).map_err(|e| StoreError::io(db, &e))?;
        apply(&mut file, &mut log, &frames).and_then(|()| file.sync_all()).map_err(|e| StoreError::io(db, &e))?;
    }
    // Emptied before it is deleted, so a process that opened it before the delete replays nothing.
    log.set_len(0).and_then(|()| log.sync_all()).map_err(|e| StoreError::io(&path, &e))?;
    std::fs::remove_file(&path).map_err(|e| StoreError::io(&path, &e))?;
    super::files::sync_parent(&path);
    tracing::info!(commits, "replayed and removed the write-ahead log of an older version");
    Ok(Some(LegacyLogReplay { commits }))
}

/// A frame up to the last commit marker; writes keep their payload's place in the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Frame {
    Write { offset: u64, at: u64, len: u32 },
    Zeros { offset: u64, len: u64 },
    Resize(u64),
    Commit,
}

/// The frames of the log up to its last commit marker, checked frame by frame.
fn committed_frames(log: &mut File) -> io::Result<Vec<Frame>> {
    let end = log.metadata()?.len();
    let mut header = [0u8; HEAD];
    if end < HEAD as u64 {
        return Ok(Vec::new());
    }
    log.seek(SeekFrom::Start(0))?;
    log.read_exact(&mut header)?;
    let mut chain = crc_of(&header[..24]);
    if header[..8] != MAGIC || header[24..28] != chain.to_le_bytes() {
        return Ok(Vec::new());
    }
    let salt = &header[8..16];
    let (mut frames, mut committed, mut at) = (Vec::new(), 0, HEAD as u64);
    while end - at >= HEAD as u64 {
        let mut head = [0u8; HEAD];
        log.seek(SeekFrom::Start(at))?;
        log.read_exact(&mut head)?;
        let (kind, len, offset) = (head[0], le_u32(&head[4..8]), le_u64(&head[8..16]));
        let body = at + HEAD as u64;
        let known = matches!(kind, WRITE | RESIZE | COMMIT) || (kind == ZEROS && len == 8);
        if !known || &head[16..24] != salt || end - body < u64::from(len) {
            break;
        }
        let mut data = vec![0u8; len as usize];
        log.read_exact(&mut data)?;
        let mut hasher = crc32fast::Hasher::new_with_initial(chain);
        hasher.update(&head[..24]);
        hasher.update(&data);
        let crc = hasher.finalize();
        if head[24..28] != crc.to_le_bytes() {
            break;
        }
        chain = crc;
        frames.push(match kind {
            WRITE => Frame::Write { offset, at: body, len },
            ZEROS => Frame::Zeros { offset, len: le_u64(&data) },
            RESIZE => Frame::Resize(offset),
            _ => Frame::Commit,
        });
        if kind == COMMIT {
            committed = frames.len();
        }
        at = body + u64::from(len);
    }
    frames.truncate(committed);
    Ok(frames)
}

fn apply(file: &mut File, log: &mut File, frames: &[Frame]) -> io::Result<()> {
    for frame in frames {
        match *frame {
            Frame::Write { offset, at, len } => {
                let mut data = vec![0u8; len as usize];
                log.seek(SeekFrom::Start(at))?;
                log.read_exact(&mut data)?;
                file.seek(SeekFrom::Start(offset))?;
                file.write_all(&data)?;
            }
            Frame::Zeros { offset, len } => write_zeros(file, offset, len)?,
            Frame::Resize(len) => file.set_len(len)?,
            Frame::Commit => {}
        }
    }
    Ok(())
}

fn write_zeros(file: &mut File, offset: u64, len: u64) -> io::Result<()> {
    let zeros = vec![0u8; ZERO_PIECE];
    file.seek(SeekFrom::Start(offset))?;
    let mut left = len;
    while left > 0 {
        let piece = usize::try_from(left).map_or(ZERO_PIECE, |l| l.min(ZERO_PIECE));
        file.write_all(&zeros[..piece])?;
        left -= piece as u64;
    }
    Ok(())
}

fn crc_of(bytes: &[u8]) -> u32 {
    let mut hasher = crc32fast::Hasher::new();
    hasher.update(bytes);
    hasher.finalize()
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

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::Path;

    use super::*;
    use crate::store::{Database, FILE_NAME, SearchQuery};

    const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schema-v5-wal");

    /// A copy of the fixture (five cases only in the log) with its log changed by `damage`.
    fn fixture_with(damage: impl FnOnce(&mut Vec<u8>)) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        fs::copy(Path::new(FIXTURE).join(FILE_NAME), dir.path().join(FILE_NAME)).unwrap_or_else(|e| panic!("{e}"));
        let mut log = fs::read(Path::new(FIXTURE).join("bakhshyar.redb-wal")).unwrap_or_else(|e| panic!("{e}"));
        damage(&mut log);
        fs::write(log_path(&dir.path().join(FILE_NAME)), log).unwrap_or_else(|e| panic!("{e}"));
        dir
    }

    fn cases_after_open(dir: &Path) -> (Option<LegacyLogReplay>, usize) {
        let db = Database::open(dir).unwrap_or_else(|e| panic!("{e}"));
        assert!(db.check().is_ok_and(|r| r.is_clean()), "the replayed file is consistent");
        assert!(!log_path(db.path()).exists(), "the log is gone after the open");
        (db.legacy_log(), db.search(&SearchQuery::default()).map_or(0, |p| p.total))
    }

    /// Where the log's frames end: it is zero-filled ahead.
    fn written_end(log: &[u8]) -> usize {
        log.iter().rposition(|b| *b != 0).map_or(0, |at| at + 1)
    }

    #[test]
    fn the_whole_log_replays_every_commit() {
        let dir = fixture_with(|_| {});
        assert_eq!(cases_after_open(dir.path()), (Some(LegacyLogReplay { commits: 8 }), 5));
    }

    /// A flipped byte in the last commit's frames ends the log there: that commit is dropped, as
    /// after a crash during it, and the four before it are kept.
    #[test]
    fn a_flipped_byte_ends_the_log_at_the_commit_before_it() {
        let dir = fixture_with(|log| {
            let at = written_end(log) - 40;
            log[at] ^= 0x5A;
        });
        assert_eq!(cases_after_open(dir.path()), (Some(LegacyLogReplay { commits: 7 }), 4));
    }

    #[test]
    fn a_torn_log_or_a_foreign_header_replays_what_is_whole_or_nothing() {
        let torn = fixture_with(|log| log.truncate(written_end(log) - 10));
        assert_eq!(cases_after_open(torn.path()), (Some(LegacyLogReplay { commits: 7 }), 4));
        let foreign = fixture_with(|log| log[0] = b'X');
        assert_eq!(cases_after_open(foreign.path()), (Some(LegacyLogReplay { commits: 0 }), 0));
        let empty = fixture_with(Vec::clear);
        assert_eq!(cases_after_open(empty.path()), (Some(LegacyLogReplay { commits: 0 }), 0));
    }

    /// A frame claiming a payload larger than the file is the end of the log, not an allocation.
    #[test]
    fn a_frame_longer_than_the_log_is_its_end() {
        let dir = fixture_with(|log| {
            // The first frame's length field: bytes 4..8 of the head after the 32-byte header.
            log[36..40].copy_from_slice(&u32::MAX.to_le_bytes());
        });
        assert_eq!(cases_after_open(dir.path()), (Some(LegacyLogReplay { commits: 0 }), 0));
    }
}
