//! The store's one error type. It is `Clone`, so it can travel inside a GUI `Message`; the UI
//! chooses a Fluent message per variant and never shows `Display` to a clerk.

use std::path::{Path, PathBuf};

use thiserror::Error;

use super::record::RecordError;
use crate::domain::account::AccountError;
use crate::domain::case::CaseError;
use crate::domain::tracking::TrackingCodeError;
use crate::i18n::{Arg, Localizer};

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
    /// A backup of another district than the database it would replace.
    #[error("the backup is of district {backup}, this database of district {current}")]
    OtherDistrict { backup: String, current: String },
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
    #[error(transparent)]
    Account(#[from] AccountError),
    /// The data folder has no key file: a PC that restored a backup takes the key back from the
    /// administrator's sealed copy.
    #[error("this computer has no signing key of district {district}")]
    NoDistrictKey { district: String },
    #[error("the signing key here is district {key}'s, the data district {data}'s")]
    KeyOfAnotherDistrict { key: String, data: String },
    #[error("another signing key of district {district} is here already; it was not replaced")]
    KeyConflict { district: String },
    #[error("a passphrase must have at least {min} characters")]
    PassphraseTooShort { min: usize },
    #[error("the passphrase does not open this copy of the key")]
    WrongPassphrase,
    #[error("the file is not a sealed copy of a district's key")]
    NotAKeyCopy,
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

    pub(super) fn from_database(error: redb::DatabaseError, path: &Path) -> Self {
        match error {
            redb::DatabaseError::DatabaseAlreadyOpen => Self::AlreadyOpen(path.to_path_buf()),
            redb::DatabaseError::Storage(redb::StorageError::Io(e)) => Self::io(path, &e),
            redb::DatabaseError::Storage(storage) => storage.into(),
            other => Self::Redb(other.to_string()),
        }
    }
}

/// The store's errors as people read them, the same in the window and on the command line.
impl Localizer {
    pub fn store_error(&self, error: &StoreError) -> String {
        let t = |id: &str, args: &[(&str, Arg<'_>)]| self.text(id, args);
        let path = |p: &std::path::Path| p.display().to_string();
        match error {
            StoreError::Io { path: p, detail } => {
                t("store-error-io", &[("path", Arg::Path(&path(p))), ("detail", Arg::Text(detail))])
            }
            StoreError::Redb(detail) => t("store-error-database", &[("detail", Arg::Text(detail))]),
            StoreError::AlreadyOpen(p) => t("store-error-already-open", &[("path", Arg::Path(&path(p)))]),
            StoreError::NewerSchema { found, supported } => t(
                "store-error-newer-schema",
                &[("found", Arg::Number((*found).into())), ("supported", Arg::Number((*supported).into()))],
            ),
            StoreError::NotBakhshyar(p) => t("store-error-not-bakhshyar", &[("path", Arg::Path(&path(p)))]),
            StoreError::Exists(p) => t("store-error-exists", &[("path", Arg::Path(&path(p)))]),
            StoreError::Missing(p) => t("store-error-missing", &[("path", Arg::Path(&path(p)))]),
            StoreError::BackupMissing(p) => t("backup-error-missing", &[("path", Arg::Path(&path(p)))]),
            StoreError::OtherDistrict { backup, current } => {
                t("backup-error-other-district", &[("backup", Arg::Text(backup)), ("current", Arg::Text(current))])
            }
            StoreError::BackupDamaged { path: p, problems } => t(
                "backup-error-damaged",
                &[("path", Arg::Path(&path(p))), ("count", Arg::Number(i64::try_from(*problems).unwrap_or(i64::MAX)))],
            ),
            StoreError::Corrupt(detail) => t("store-error-corrupt", &[("detail", Arg::Text(detail))]),
            StoreError::NoSpace => t("store-error-no-space", &[]),
            StoreError::ReadOnly(p) => t("store-error-read-only", &[("path", Arg::Path(&path(p)))]),
            StoreError::Record(record) => t("store-error-corrupt", &[("detail", Arg::Text(&record.to_string()))]),
            StoreError::UnknownCase(code) => t("store-error-unknown-case", &[("code", Arg::Text(code))]),
            StoreError::UnknownService(service) => t("store-error-unknown-service", &[("service", Arg::Text(service))]),
            StoreError::Case(case) => self.case_error(case),
            StoreError::Tracking(tracking) => self.tracking_code_error(tracking, ""),
            StoreError::Account(account) => self.account_error(account),
            StoreError::NoDistrictKey { district } => t("key-error-missing", &[("district", Arg::Text(&self.digits(district)))]),
            StoreError::KeyOfAnotherDistrict { key, data } => {
                t("key-error-other-district", &[("key", Arg::Text(&self.digits(key))), ("data", Arg::Text(&self.digits(data)))])
            }
            StoreError::KeyConflict { district } => t("key-error-conflict", &[("district", Arg::Text(&self.digits(district)))]),
            StoreError::PassphraseTooShort { min } => {
                t("key-error-passphrase-short", &[("min", Arg::Number(i64::try_from(*min).unwrap_or(i64::MAX)))])
            }
            StoreError::WrongPassphrase => t("key-error-wrong-passphrase", &[]),
            StoreError::NotAKeyCopy => t("key-error-not-a-copy", &[]),
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
