//! The acts on the record as a whole: back up, restore, the daily backup, the audit, and the
//! district key's sealed copy.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::domain::account::{AccountFacts, OfficeAct, OfficeActKind, permit};
use crate::domain::role::{Action, Actor};
use crate::store::{CheckReport, Database, StoreError};

/// A consistent snapshot of the store to `out`, a new file, recorded as done by `actor`.
pub fn back_up(db: &Database, actor: &Actor, out: &Path, now: DateTime<Utc>) -> Result<(), StoreError> {
    permit(actor, Action::ManageBackups)?;
    db.backup_to(out)?;
    let subject = out.display().to_string();
    super::accounts::record(db, actor, Action::ManageBackups, OfficeActKind::BackedUp, &subject, now)
}

/// The district's key sealed with `passphrase`, written to `out` readable by its owner only, for
/// the administrator to keep apart from the backups, which do not carry it; recorded as done by
/// `actor` once written. `replace`: an existing `out` is replaced (a save dialog asked), else refused.
pub fn export_key(
    db: &Database,
    actor: &Actor,
    passphrase: &str,
    out: &Path,
    replace: bool,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    permit(actor, Action::ManageBackups)?;
    let sealed = db.sealed_key(passphrase)?;
    crate::store::files::write_private(out, &sealed, !replace).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => StoreError::Exists(out.to_path_buf()),
        _ => StoreError::Io { path: out.to_path_buf(), detail: e.to_string() },
    })?;
    let subject = out.display().to_string();
    super::accounts::record(db, actor, Action::ManageBackups, OfficeActKind::KeyExported, &subject, now)
}

/// Takes the district's key back from a copy `export_key` made (`from` names it in the record):
/// false when this very key was here already.
pub fn import_key(
    db: &Database,
    actor: &Actor,
    sealed: &[u8],
    passphrase: &str,
    from: &str,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    permit(actor, Action::ManageBackups)?;
    let installed = db.install_sealed_key(sealed, passphrase)?;
    super::accounts::record(db, actor, Action::ManageBackups, OfficeActKind::KeyImported, from, now)?;
    Ok(installed)
}

/// Today's backup in the data folder, unless it was already written; keeps the newest ones.
pub fn daily_backup(db: &Database, data_dir: &Path, now: DateTime<Utc>) -> Result<Option<PathBuf>, StoreError> {
    db.daily_backup(data_dir, now)
}

/// Replaces the database in `data_dir` with the checked backup `file`; the current one is kept
/// aside and its new path returned. The store must be closed. A backup of another district is
/// taken only when `as_district` names it. `by` is the account logged in to the database being
/// replaced (none when the folder had none); the restored database records the restore, and
/// takes the replaced one's accounts: an old backup must neither lock out today's people nor
/// bring back a password since changed.
pub fn restore(
    data_dir: &Path,
    file: &Path,
    by: Option<&Actor>,
    now: DateTime<Utc>,
    as_district: Option<&str>,
) -> Result<Option<PathBuf>, StoreError> {
    if let Some(actor) = by {
        permit(actor, Action::ManageBackups)?;
    }
    // Today's people, whatever the backup's date: read before the database is replaced (none when
    // it no longer reads — a damaged file is what a restore is for).
    let people = Database::open(data_dir).ok().and_then(|db| Some((db.accounts().ok()?, db.recovery_hash().ok()?)));
    let aside = crate::store::restore(data_dir, file, now, as_district)?;
    let restored = Database::open(data_dir)?;
    if let Some((accounts, recovery)) = people.filter(|(accounts, _)| !accounts.is_empty()) {
        restored.carry_accounts(&accounts, recovery.as_deref(), now)?;
    }
    let act = OfficeAct {
        at: now,
        actor: by.cloned(),
        kind: OfficeActKind::Restored,
        subject: file.display().to_string(),
        facts: AccountFacts::default(),
    };
    restored.record_office_act(&act)?;
    Ok(aside)
}

/// The read-only audit: projections against events, indexes, outbox, serials, the chain.
pub fn check(db: &Database, actor: &Actor) -> Result<CheckReport, StoreError> {
    permit(actor, Action::Audit)?;
    db.check()
}
