//! The store's one error type. It is `Clone`, so it can travel inside a GUI `Message`; the UI
//! chooses a Fluent message per variant and never shows `Display` to a clerk.

use std::path::{Path, PathBuf};

use thiserror::Error;

use super::record::RecordError;
use crate::domain::case::CaseError;
use crate::domain::tracking::TrackingCodeError;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error("{path}: {detail}")]
    Io { path: PathBuf, detail: String },
    #[error("database error: {0}")]
    Redb(String),
    #[error("the database {0} is already open in another program")]
    AlreadyOpen(PathBuf),
    #[error("the database has schema version {found}; this program reads up to {supported}")]
    NewerSchema { found: u32, supported: u32 },
    #[error("{0} is not a Bakhshyar database")]
    NotBakhshyar(PathBuf),
    #[error("a database already exists at {0}")]
    Exists(PathBuf),
    #[error("there is no database in {0}")]
    Missing(PathBuf),
    #[error("there is no backup file {0}")]
    BackupMissing(PathBuf),
    #[error("the backup {path} has {problems} problems; it was not restored")]
    BackupDamaged { path: PathBuf, problems: usize },
    #[error("there is no room left on the disk (or the file may grow no more); the change was not saved")]
    NoSpace,
    #[error("{0} cannot be written: the folder or file is read-only")]
    ReadOnly(PathBuf),
    #[error("the database is damaged: {0}")]
    Corrupt(String),
    #[error("no case has tracking code {0}")]
    UnknownCase(String),
    #[error("the catalogue has no service {0}")]
    UnknownService(String),
    #[error(transparent)]
    Case(#[from] CaseError),
    #[error(transparent)]
    Record(#[from] RecordError),
    #[error(transparent)]
    Tracking(TrackingCodeError),
}

impl StoreError {
    pub(super) fn io(path: &Path, error: &std::io::Error) -> Self {
        Self::io_kind(error, Some(path)).unwrap_or_else(|| Self::Io { path: path.to_path_buf(), detail: error.to_string() })
    }

    /// A full disk and a read-only folder get their own errors, so the clerk is told what to do.
    fn io_kind(error: &std::io::Error, path: Option<&Path>) -> Option<Self> {
        use std::io::ErrorKind;
        match error.kind() {
            ErrorKind::StorageFull | ErrorKind::FileTooLarge | ErrorKind::QuotaExceeded => Some(Self::NoSpace),
            ErrorKind::ReadOnlyFilesystem | ErrorKind::PermissionDenied => {
                Some(Self::ReadOnly(path.map(Path::to_path_buf).unwrap_or_default()))
            }
            _ => None,
        }
    }

    pub(super) fn from_file(error: super::file::FileError, path: &Path) -> Self {
        use super::file::FileError;
        match error {
            FileError::Locked => Self::AlreadyOpen(path.to_path_buf()),
            FileError::Database(error) => Self::from_database(error, path),
            FileError::Log(error) => Self::io(&super::wal::log_path(path), &error),
        }
    }

    pub(super) fn from_database(error: redb::DatabaseError, path: &Path) -> Self {
        match error {
            redb::DatabaseError::DatabaseAlreadyOpen => Self::AlreadyOpen(path.to_path_buf()),
            redb::DatabaseError::Storage(redb::StorageError::Io(e)) => Self::io(path, &e),
            redb::DatabaseError::Storage(storage) => storage.into(),
            other => Self::Redb(other.to_string()),
        }
    }
}

/// redb's error types, each kept as its message: the store's callers can do nothing finer with them.
macro_rules! from_redb {
    ($($ty:ty),*) => {$(
        impl From<$ty> for StoreError {
            fn from(error: $ty) -> Self {
                Self::Redb(error.to_string())
            }
        }
    )*};
}
from_redb!(redb::Error);

impl From<redb::StorageError> for StoreError {
    fn from(error: redb::StorageError) -> Self {
        match error {
            redb::StorageError::Io(io) => Self::io_kind(&io, None).unwrap_or_else(|| Self::Redb(io.to_string())),
            other => Self::Redb(other.to_string()),
        }
    }
}

/// redb's errors that wrap a storage error: a full disk inside them is still a full disk.
macro_rules! from_redb_storage {
    ($($ty:ident),*) => {$(
        impl From<redb::$ty> for StoreError {
            fn from(error: redb::$ty) -> Self {
                match error {
                    redb::$ty::Storage(storage) => storage.into(),
                    other => Self::Redb(other.to_string()),
                }
            }
        }
    )*};
}
from_redb_storage!(TransactionError, TableError, CommitError);
