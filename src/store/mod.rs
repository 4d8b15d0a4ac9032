//! The case store: one redb file in the data folder holding cases, their events, the search
//! indexes and the sync outbox. Each use case is one write transaction, so a case change is on
//! disk with its events, indexes and outbox entry, or not at all (DESIGN.md, house style 6).
//!
//! redb is synchronous: the GUI calls this from a task, never from `update`. Durability is redb's
//! own: every write transaction commits with its default immediate durability, and nothing of the
//! store's sits under it (a copy of `bakhshyar.redb` alone is the whole database).
//!
//! Which file holds what:
//! - `tables.rs`: every table, and `every_table` listing them once for init, backup and check;
//! - `write.rs`: creating a store and the case changes (open, advance, documents, notes, files);
//! - `issued.rs`: serials, issue, print and revocation records;
//! - `indexes.rs`, `search.rs`, `counts.rs`: the indexes and counts kept in each write, and the
//!   queries over them;
//! - `record.rs`: the versioned stored records (`from_domain` / `to_domain`);
//! - `chain.rs`: the record's hash chain, one act per stored event or office act;
//! - `accounts.rs`: the accounts and the office's acts on no case (logins, backups, …);
//! - `catalogs.rs`: catalogue versions that came down from the governorate;
//! - `sync.rs`: the outbox, receipts, quarantine and hub state, behind the `sync` feature;
//! - `backup.rs`, `check.rs`, `migrate.rs`: snapshots and restore, the audit, schema steps;
//! - `legacy_log.rs`: the one-time replay of an older version's write-ahead log;
//! - `files.rs`: write-beside-then-rename helpers; `error.rs`: the store's one error type.

pub mod accounts;
pub mod backup;
mod catalogs;
pub mod chain;
mod check;
mod counts;
mod error;
pub mod files;
mod indexes;
mod issued;
pub mod key_file;
mod legacy_log;
mod migrate;
pub mod record;
mod search;
pub mod settings;
mod sync;
pub mod tables;
mod write;

use std::fs::{self, File, OpenOptions};
use std::io::Read;
use std::path::{Path, PathBuf};

use redb::{ReadTransaction, ReadableDatabase};

pub use backup::restore;
pub use catalogs::Installed;
pub use check::{CheckReport, Problem, ProblemKind};
pub use counts::Counts;
pub use error::StoreError;
pub use indexes::MIN_DIGITS;
pub use legacy_log::LegacyLogReplay;
pub use search::{CaseGlance, Page, SearchQuery};
#[cfg(feature = "sync")]
pub use sync::{Acked, OutboxEntry, SyncState};
pub use write::ATTACHMENT_DIR;

use crate::domain::tracking::TrackingCode;
use crate::signing::DistrictKey;
use tables::{DISTRICT_CODE_KEY, DISTRICT_NAME_KEY, MAGIC, MAGIC_KEY, META, SCHEMA_VERSION_KEY};

/// The database file inside the data folder.
pub const FILE_NAME: &str = "bakhshyar.redb";

/// The folder inside the data folder that holds the program's daily log files.
pub const LOG_DIR: &str = "logs";

/// The schema this version writes. Older files are migrated on open (`migrate.rs`); newer ones are refused.
pub const SCHEMA_VERSION: u32 = 9;

/// The first bytes of every redb file; anything else is not ours and is left alone.
const REDB_MAGIC: [u8; 9] = [b'r', b'e', b'd', b'b', 0x1A, 0x0A, 0xA9, 0x0D, 0x0A];

/// One open store; one per process, since redb locks the file.
pub struct Database {
    db: redb::Database,
    path: PathBuf,
    district_code: String,
    district_name: String,
    legacy_log: Option<LegacyLogReplay>,
    /// The data folder and database file as this open found them open to other users, now made
    /// private: the faces say so once.
    made_private: Vec<PathBuf>,
    /// The schema this open migrated the file from, if it did, and the copy kept of it.
    migrated: Option<Migration>,
}

/// An open that brought an older file up to `SCHEMA_VERSION`: the faces name the copy kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migration {
    pub from: u32,
    /// The file as it was before (`bakhshyar.redb.before-migration-vN`), untouched.
    pub copy: PathBuf,
}

impl std::fmt::Debug for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Database").field("path", &self.path).field("district_code", &self.district_code).finish_non_exhaustive()
    }
}

impl Database {
    /// Makes a new store in `dir` (created if needed); refuses when a database is already there.
    pub fn create(dir: &Path, district_code: &str, district_name: &str) -> Result<Self, StoreError> {
        // The code must be usable in tracking codes before anything is written; it is kept in ASCII
        // digits, as tracking codes, batches and the hub's enrolment spell it («۱۲» is 12).
        TrackingCode::compose(district_code, 1405, 1).map_err(StoreError::Tracking)?;
        let district_code = &crate::domain::text::ascii_digits(district_code).unwrap_or_default();
        let district_name = crate::domain::text::normalize(district_name);
        fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, &e))?;
        let path = dir.join(FILE_NAME);
        if path.exists() {
            return Err(StoreError::Exists(path));
        }
        // The key first: a database never exists without its key. A key the folder keeps from a
        // database deleted since is the district's still (the hub knows it) and is kept.
        key_file::ensure(dir, district_code)?;
        let file = OpenOptions::new().read(true).write(true).create_new(true).open(&path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                StoreError::Exists(path.clone())
            } else {
                StoreError::io(&path, &e)
            }
        })?;
        // An older version's log left in the folder must never be replayed onto this new file.
        legacy_log::discard(&path)?;
        let db = redb::backends::FileBackend::new(file)
            .and_then(|backend| builder().create_with_backend(backend))
            .map_err(|e| StoreError::from_database(e, &path))?;
        write::initialize(&db, district_code, &district_name)?;
        files::make_all_private([dir, path.as_path()]);
        Ok(Self {
            db,
            path,
            district_code: district_code.to_owned(),
            district_name,
            legacy_log: None,
            made_private: Vec::new(),
            migrated: None,
        })
    }

    /// Opens the store in `dir`. A missing, foreign or newer file, or one another process holds,
    /// is refused with its own error before redb writes to it. An older version's write-ahead log
    /// beside the file is replayed into it once and deleted first (`legacy_log.rs`).
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        let path = dir.join(FILE_NAME);
        if !path.is_file() {
            return Err(StoreError::Missing(dir.to_path_buf()));
        }
        check_redb_magic(&path)?;
        let legacy_log = legacy_log::replay_and_remove(&path)?;
        let made_private = files::make_all_private([dir, path.as_path()]);
        probe_read_only(&path)?;
        let db = builder().open(&path).map_err(|e| StoreError::from_database(e, &path))?;
        let meta = read_meta(&db.begin_read()?, &path)?;
        let migrated = if meta.version < SCHEMA_VERSION {
            migrate::migrate(&db, &path, meta.version)?;
            Some(Migration { from: meta.version, copy: migrate::copy_name(&path, meta.version) })
        } else {
            None
        };
        Ok(Self {
            db,
            path,
            district_code: meta.district_code,
            district_name: meta.district_name,
            legacy_log,
            made_private,
            migrated,
        })
    }

    /// The data folder and the database file, when this open found them readable by other users
    /// of the computer and made them private.
    pub fn made_private(&self) -> &[PathBuf] {
        &self.made_private
    }

    /// What the replay of an older version's write-ahead log did when this store opened, if one
    /// was there: the faces tell the administrator once.
    pub fn legacy_log(&self) -> Option<LegacyLogReplay> {
        self.legacy_log
    }

    /// The migration this open made, if the file was of an older schema.
    pub fn migrated(&self) -> Option<&Migration> {
        self.migrated.as_ref()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn district_code(&self) -> &str {
        &self.district_code
    }

    pub fn district_name(&self) -> &str {
        &self.district_name
    }

    /// The data folder.
    pub fn dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }

    /// The district's signing key (issued documents, sync batches), from its file beside the
    /// database (`key_file.rs`). Read on demand so the secret is not held in memory longer than a
    /// signature takes.
    pub fn signing_key(&self) -> Result<DistrictKey, StoreError> {
        key_file::read(self.dir(), &self.district_code)
    }

    /// The district's key sealed with `passphrase` (age, scrypt): the copy the administrator keeps
    /// for a new PC, since backups do not carry the key.
    pub fn sealed_key(&self, passphrase: &str) -> Result<Vec<u8>, StoreError> {
        key_file::seal_with_passphrase(&self.district_code, &self.signing_key()?, passphrase)
    }

    /// Takes back a copy made by `sealed_key`: it must be this district's, and a different key
    /// the folder already holds for it is never replaced. `Ok(false)` when it was there already.
    pub fn install_sealed_key(&self, sealed: &[u8], passphrase: &str) -> Result<bool, StoreError> {
        let (district, key) = key_file::open_with_passphrase(sealed, passphrase)?;
        if district != self.district_code {
            return Err(StoreError::KeyOfAnotherDistrict { key: district, data: self.district_code.clone() });
        }
        key_file::install(self.dir(), &self.district_code, &key)
    }
}

/// redb's page cache, capped: an office PC runs the window and more beside it. 16 MiB holds the
/// branch pages of every tree at 1M cases, so a lookup reads at most its leaves from the OS's file
/// cache; lookups measured no slower than with 64 MiB (docs/store-bench.md).
const CACHE_BYTES: usize = 16 << 20;

fn builder() -> redb::Builder {
    let mut builder = redb::Builder::new();
    builder.set_cache_size(CACHE_BYTES);
    builder
}

fn check_redb_magic(path: &Path) -> Result<(), StoreError> {
    let mut head = [0u8; REDB_MAGIC.len()];
    let read = File::open(path).and_then(|mut f| f.read_exact(&mut head));
    match read {
        Ok(()) if head == REDB_MAGIC => Ok(()),
        Ok(()) => Err(StoreError::NotBakhshyar(path.to_path_buf())),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Err(StoreError::NotBakhshyar(path.to_path_buf())),
        Err(e) => Err(StoreError::io(path, &e)),
    }
}

/// Checks the file read-only first, so a foreign or newer file is refused without being written to.
/// A file that needs crash recovery cannot be opened read-only; it is checked after the writable open.
fn probe_read_only(path: &Path) -> Result<(), StoreError> {
    match redb::Builder::new().open_read_only(path) {
        Ok(db) => read_meta(&db.begin_read()?, path).map(|_| ()),
        Err(redb::DatabaseError::RepairAborted) => Ok(()),
        Err(e) => Err(StoreError::from_database(e, path)),
    }
}

/// What `read_meta` finds in a file this version reads.
struct Meta {
    version: u32,
    district_code: String,
    district_name: String,
}

/// The district, after checking the file is ours and of a schema this version reads.
fn read_meta(txn: &ReadTransaction, path: &Path) -> Result<Meta, StoreError> {
    let foreign = || StoreError::NotBakhshyar(path.to_path_buf());
    let meta = match txn.open_table(META) {
        Ok(table) => table,
        Err(redb::TableError::TableDoesNotExist(_) | redb::TableError::TableTypeMismatch { .. }) => {
            return Err(foreign());
        }
        Err(e) => return Err(e.into()),
    };
    let text = |key: &str| -> Result<Option<String>, StoreError> { Ok(meta.get(key)?.map(|v| v.value().to_owned())) };
    if text(MAGIC_KEY)?.as_deref() != Some(MAGIC) {
        return Err(foreign());
    }
    let version = text(SCHEMA_VERSION_KEY)?.and_then(|v| v.parse::<u32>().ok()).ok_or_else(foreign)?;
    if version > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema { found: version, supported: SCHEMA_VERSION });
    }
    let district_code = text(DISTRICT_CODE_KEY)?.ok_or_else(|| StoreError::Corrupt("district code".into()))?;
    let district_name = text(DISTRICT_NAME_KEY)?.unwrap_or_default();
    Ok(Meta { version, district_code, district_name })
}

#[cfg(test)]
pub(crate) mod tests;
