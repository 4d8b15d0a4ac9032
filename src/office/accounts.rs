//! The office's acts on accounts, one function each, for the window and the command line alike:
//! the first administrator, login (with its throttling), adding, disabling and resetting
//! accounts, one's own password, the recovery code; and `record`, which puts an act on no case
//! (a backup, a receipt, a sync) on the record under the account that did it.
//!
//! Hashing costs about 0.3 s (`password.rs`) and is done before the write transaction, so a login
//! never holds the store's writer that long.

use std::path::Path;

use chrono::{DateTime, Utc};

use super::password;
use crate::domain::account::{
    Account, AccountError, AccountFacts, LOGIN_ROLES, OfficeAct, OfficeActKind, UserName, check_new_password, permit,
};
use crate::domain::role::{Action, Actor, Role};
use crate::domain::text::{fold, terminal_safe};
use crate::store::accounts::{AccountChange, password_digest};
use crate::store::{Database, StoreError};

/// The file in which the window kept its one user before accounts.
pub const LEGACY_USER_FILE: &str = "user.toml";

/// What the first administrator's creation gives back: the account, and the recovery code to
/// print on the recovery sheet (it is stored hashed only, and shown this once).
#[derive(Debug, Clone)]
pub struct Created {
    pub account: Account,
    pub recovery_code: String,
}

fn hashed(secret: &str) -> Result<String, StoreError> {
    password::hash(secret).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn act(actor: Option<Actor>, kind: OfficeActKind, subject: &str, at: DateTime<Utc>) -> OfficeAct {
    OfficeAct { at, actor, kind, subject: subject.to_owned(), facts: AccountFacts::default() }
}

/// An act that set `account`'s password (and, for a new account, its role), with those facts.
fn account_act(actor: Option<Actor>, kind: OfficeActKind, account: &Account, at: DateTime<Utc>) -> OfficeAct {
    let role = (kind == OfficeActKind::AccountAdded).then_some(account.role);
    let facts = AccountFacts { role, active: None, password: Some(password_digest(account)) };
    OfficeAct { facts, ..act(actor, kind, &account.name, at) }
}

/// The account named `typed`, compared as names are searched (`fold`: «علي» finds «علی»).
pub fn find(db: &Database, typed: &str) -> Result<Option<Account>, StoreError> {
    let wanted = fold(typed);
    Ok(db.accounts()?.into_iter().find(|account| fold(&account.name) == wanted))
}

/// Whether anyone can log in yet: a store made before accounts has none.
pub fn has_accounts(db: &Database) -> Result<bool, StoreError> {
    Ok(!db.accounts()?.is_empty())
}

/// Whether the store has an administrator yet (a store from before accounts has none).
pub fn has_administrator(db: &Database) -> Result<bool, StoreError> {
    Ok(db.accounts()?.iter().any(|a| a.role == Role::Administrator))
}

/// The first administrator of a store that has none yet, and a new recovery code.
pub fn create_administrator(db: &Database, name: &str, new_password: &str, now: DateTime<Utc>) -> Result<Created, StoreError> {
    if has_administrator(db)? {
        return Err(AccountError::NotPermitted { role: Role::Administrator, action: Action::ManageUsers }.into());
    }
    let name = UserName::parse(name)?;
    check_new_password(new_password)?;
    let recovery_code = password::new_recovery_code().map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let recovery_hash = hashed(&recovery_code)?;
    let account = Account::new(&name, Role::Administrator, Some(hashed(new_password)?), now);
    let added = account_act(Some(account.actor()), OfficeActKind::AccountAdded, &account, now);
    db.change_account(&AccountChange { account: &account, act: &added, new: true, recovery_hash: Some(&recovery_hash) })?;
    Ok(Created { account, recovery_code })
}

/// Logs `typed` in with `password` at `now`: the account's actor, or why not. Every try is
/// recorded, a failure too; after `FREE_TRIES` failures in a row each try must wait longer.
pub fn log_in(db: &Database, typed: &str, secret: &str, now: DateTime<Utc>) -> Result<Actor, StoreError> {
    let Some(mut account) = find(db, typed)? else {
        if !has_accounts(db)? {
            return Err(AccountError::NoAccounts.into());
        }
        let shown: String = terminal_safe(typed).chars().take(crate::domain::account::MAX_USER_NAME_CHARS).collect();
        db.record_office_act(&act(None, OfficeActKind::LoginFailed, &shown, now))?;
        return Err(AccountError::UnknownUser(shown).into());
    };
    let who = Some(account.actor());
    if !account.active {
        db.record_office_act(&act(who, OfficeActKind::LoginFailed, &account.name, now))?;
        return Err(AccountError::Disabled(account.name).into());
    }
    if let Some(wait) = account.wait_at(now) {
        db.record_office_act(&act(who, OfficeActKind::LoginThrottled, &account.name, now))?;
        return Err(AccountError::Throttled { seconds: wait.num_seconds().max(1) }.into());
    }
    let Some(hash) = account.password_hash.clone() else { return Err(AccountError::NoPassword(account.name).into()) };
    let name = account.name.clone();
    if password::verify(secret, &hash) {
        account.failures = 0;
        account.last_failure = None;
        let logged = act(who, OfficeActKind::LoggedIn, &name, now);
        db.change_account(&AccountChange { account: &account, act: &logged, new: false, recovery_hash: None })?;
        Ok(account.actor())
    } else {
        account.failures = account.failures.saturating_add(1);
        account.last_failure = Some(now);
        let failed = act(who, OfficeActKind::LoginFailed, &name, now);
        db.change_account(&AccountChange { account: &account, act: &failed, new: false, recovery_hash: None })?;
        Err(AccountError::WrongPassword.into())
    }
}

/// Sets the first password of an account that has none (one carried over from `user.toml`) and
/// logs it in.
pub fn set_first_password(db: &Database, typed: &str, new_password: &str, now: DateTime<Utc>) -> Result<Actor, StoreError> {
    let mut account = find(db, typed)?.ok_or_else(|| AccountError::UnknownUser(typed.to_owned()))?;
    if !account.active {
        return Err(AccountError::Disabled(account.name).into());
    }
    if account.password_hash.is_some() {
        return Err(AccountError::NotPermitted { role: account.role, action: Action::ManageUsers }.into());
    }
    check_new_password(new_password)?;
    account.password_hash = Some(hashed(new_password)?);
    let changed = account_act(Some(account.actor()), OfficeActKind::PasswordChanged, &account, now);
    db.change_account(&AccountChange { account: &account, act: &changed, new: false, recovery_hash: None })?;
    Ok(account.actor())
}

/// A new account, added by an administrator.
pub fn add_account(
    db: &Database,
    by: &Actor,
    name: &str,
    role: Role,
    new_password: &str,
    now: DateTime<Utc>,
) -> Result<Account, StoreError> {
    permit(by, Action::ManageUsers)?;
    if !LOGIN_ROLES.contains(&role) {
        return Err(AccountError::NotALoginRole.into());
    }
    let name = UserName::parse(name)?;
    if let Some(existing) = find(db, name.as_str())? {
        return Err(AccountError::NameTaken(existing.name).into());
    }
    check_new_password(new_password)?;
    let account = Account::new(&name, role, Some(hashed(new_password)?), now);
    let added = account_act(Some(by.clone()), OfficeActKind::AccountAdded, &account, now);
    db.change_account(&AccountChange { account: &account, act: &added, new: true, recovery_hash: None })?;
    Ok(account)
}

/// Disables or enables an account. Nobody is deleted; the last active administrator stays.
pub fn set_active(db: &Database, by: &Actor, name: &str, active: bool, now: DateTime<Utc>) -> Result<Account, StoreError> {
    permit(by, Action::ManageUsers)?;
    let mut account = find(db, name)?.ok_or_else(|| AccountError::UnknownUser(name.to_owned()))?;
    if !active && account.role == Role::Administrator && active_administrators(db)? <= 1 && account.active {
        return Err(AccountError::LastAdministrator.into());
    }
    account.active = active;
    let kind = if active { OfficeActKind::AccountEnabled } else { OfficeActKind::AccountDisabled };
    let changed = act(Some(by.clone()), kind, &account.name, now);
    db.change_account(&AccountChange { account: &account, act: &changed, new: false, recovery_hash: None })?;
    Ok(account)
}

fn active_administrators(db: &Database) -> Result<usize, StoreError> {
    Ok(db.accounts()?.iter().filter(|a| a.active && a.role == Role::Administrator).count())
}

/// The administrator sets another account's password (a forgotten one); its failed logins are
/// forgiven.
pub fn reset_password(db: &Database, by: &Actor, name: &str, new_password: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
    permit(by, Action::ManageUsers)?;
    let mut account = find(db, name)?.ok_or_else(|| AccountError::UnknownUser(name.to_owned()))?;
    check_new_password(new_password)?;
    account.password_hash = Some(hashed(new_password)?);
    account.failures = 0;
    account.last_failure = None;
    let changed = account_act(Some(by.clone()), OfficeActKind::PasswordReset, &account, now);
    db.change_account(&AccountChange { account: &account, act: &changed, new: false, recovery_hash: None })
}

/// One's own new password, after logging in with the current one (so a wrong one counts as a
/// failed login, throttled and recorded like any).
pub fn change_password(
    db: &Database,
    typed: &str,
    current: &str,
    new_password: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    check_new_password(new_password)?;
    let actor = log_in(db, typed, current, now)?;
    let mut account = find(db, &actor.user_id)?.ok_or_else(|| AccountError::UnknownUser(actor.user_id.clone()))?;
    account.password_hash = Some(hashed(new_password)?);
    let changed = account_act(Some(actor), OfficeActKind::PasswordChanged, &account, now);
    db.change_account(&AccountChange { account: &account, act: &changed, new: false, recovery_hash: None })
}

/// The recovery sheet's code replaces an administrator's forgotten password. The code is used up:
/// a new one comes back, to print on a new sheet.
pub fn recover(db: &Database, name: &str, code: &str, new_password: &str, now: DateTime<Utc>) -> Result<Created, StoreError> {
    let mut account = find(db, name)?.ok_or_else(|| AccountError::UnknownUser(name.to_owned()))?;
    if account.role != Role::Administrator {
        return Err(AccountError::NotPermitted { role: account.role, action: Action::ManageUsers }.into());
    }
    let stored = db.recovery_hash()?.ok_or(AccountError::WrongRecoveryCode)?;
    if !password::verify(&password::normalize_recovery_code(code), &stored) {
        let failed = act(Some(account.actor()), OfficeActKind::LoginFailed, &account.name, now);
        db.record_office_act(&failed)?;
        return Err(AccountError::WrongRecoveryCode.into());
    }
    check_new_password(new_password)?;
    let recovery_code = password::new_recovery_code().map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let recovery_hash = hashed(&recovery_code)?;
    account.password_hash = Some(hashed(new_password)?);
    account.active = true;
    account.failures = 0;
    account.last_failure = None;
    let used = account_act(Some(account.actor()), OfficeActKind::RecoveryUsed, &account, now);
    db.change_account(&AccountChange { account: &account, act: &used, new: false, recovery_hash: Some(&recovery_hash) })?;
    Ok(Created { account, recovery_code })
}

/// Puts an act on no case on the record, under the account that did it, once `action` is checked.
pub fn record(
    db: &Database,
    actor: &Actor,
    action: Action,
    kind: OfficeActKind,
    subject: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    permit(actor, action)?;
    db.record_office_act(&act(Some(actor.clone()), kind, subject, now))
}

/// The window's one user from before accounts (`user.toml` in the data folder) becomes an account
/// that keeps its role and must set its password at its first login; the file is removed once the
/// account is stored.
/// Nothing happens when there is no such file, or once the store has accounts.
pub fn adopt_legacy_user(db: &Database, data_dir: &Path, now: DateTime<Utc>) -> Result<Option<Account>, StoreError> {
    #[derive(serde::Deserialize)]
    struct LegacyUser {
        name: String,
        role: String,
    }
    let path = data_dir.join(LEGACY_USER_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::Io { path, detail: e.to_string() }),
    };
    if has_accounts(db)? {
        return Ok(None);
    }
    // A file that does not read is left where it is: the administrator adds that person by hand.
    let parsed = toml::from_str::<LegacyUser>(&text)
        .map_err(|e| e.to_string())
        .and_then(|legacy| UserName::parse(&legacy.name).map(|name| (name, legacy.role)).map_err(|e| e.to_string()));
    let (name, role) = match parsed {
        Ok(parsed) => parsed,
        Err(error) => {
            tracing::warn!(%error, "the older version's user file is not taken");
            return Ok(None);
        }
    };
    // The role the office had given its one user; the window then asks for an administrator, who
    // alone adds the others.
    let role = Role::from_key(&role).filter(|r| LOGIN_ROLES.contains(r)).unwrap_or(Role::Clerk);
    let account = Account::new(&name, role, None, now);
    let added = account_act(None, OfficeActKind::AccountAdded, &account, now);
    db.change_account(&AccountChange { account: &account, act: &added, new: true, recovery_hash: None })?;
    std::fs::remove_file(&path).map_err(|e| StoreError::Io { path, detail: e.to_string() })?;
    Ok(Some(account))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (Database, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let db = Database::create(dir.path(), "1234", "بخش مرکزی").unwrap_or_else(|e| panic!("{e}"));
        (db, dir)
    }

    /// The window's one user from before accounts keeps its name and role, and logs in once it has
    /// set a password; the file is gone and the store still asks for an administrator.
    #[test]
    fn the_user_file_of_an_older_version_becomes_an_account_that_sets_its_password() {
        let (db, dir) = store();
        let now = Utc::now();
        let file = dir.path().join(LEGACY_USER_FILE);
        std::fs::write(&file, "user_id = \"user-1\"\nname = \"زهرا کریمی\"\nrole = \"district_governor\"\n")
            .unwrap_or_else(|e| panic!("{e}"));
        let adopted = adopt_legacy_user(&db, dir.path(), now).unwrap_or_else(|e| panic!("{e}"));
        let account = adopted.unwrap_or_else(|| panic!("no account"));
        assert_eq!(
            (account.name.as_str(), account.role, account.password_hash.is_none()),
            ("زهرا کریمی", Role::DistrictGovernor, true)
        );
        assert!(!file.exists());
        assert!(!has_administrator(&db).unwrap_or(true));
        assert_eq!(log_in(&db, "زهرا کریمی", "", now), Err(AccountError::NoPassword("زهرا کریمی".into()).into()));
        let actor = set_first_password(&db, "زهرا کریمی", "گذرواژه‌ی نو ۱", now).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(actor.role, Role::DistrictGovernor);
        // «ي» and «ی» are one letter to a login.
        assert!(log_in(&db, "زهرا کريمی", "گذرواژه‌ی نو ۱", now).is_ok());
        assert!(set_first_password(&db, "زهرا کریمی", "another one", now).is_err(), "only a first password");
        assert_eq!(adopt_legacy_user(&db, dir.path(), now), Ok(None), "once");
    }

    #[test]
    fn accounts_are_managed_by_the_administrator_alone_and_never_deleted() {
        use OfficeActKind::{AccountAdded, AccountDisabled, LoggedIn, LoginFailed, PasswordChanged};
        let (db, _dir) = store();
        let now = Utc::now();
        let admin = create_administrator(&db, "مدیر", "گذرواژه‌ی مدیر", now).unwrap_or_else(|e| panic!("{e}")).account.actor();
        assert!(create_administrator(&db, "مدیر دوم", "گذرواژه‌ی مدیر", now).is_err(), "only the first");
        let clerk = add_account(&db, &admin, "کارشناس", Role::Clerk, "گذرواژه‌ی کارشناس", now).unwrap_or_else(|e| panic!("{e}"));
        let refused = add_account(&db, &clerk.actor(), "دیگری", Role::Clerk, "گذرواژه‌ی دیگری", now);
        assert!(matches!(refused, Err(StoreError::Account(AccountError::NotPermitted { .. }))), "{refused:?}");
        assert!(matches!(
            add_account(&db, &admin, "کارشناس", Role::Clerk, "xxxxxxxx", now),
            Err(StoreError::Account(AccountError::NameTaken(_)))
        ));
        assert!(matches!(
            add_account(&db, &admin, "استان", Role::Province, "xxxxxxxx", now),
            Err(StoreError::Account(AccountError::NotALoginRole))
        ));
        assert!(matches!(
            add_account(&db, &admin, "کوتاه", Role::Clerk, "short", now),
            Err(StoreError::Account(AccountError::WeakPassword { .. }))
        ));
        set_active(&db, &admin, "کارشناس", false, now).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(db.accounts().map(|a| a.len()), Ok(2), "disabled, not deleted");
        assert_eq!(set_active(&db, &admin, "مدیر", false, now).map(|a| a.name), Err(AccountError::LastAdministrator.into()));
        change_password(&db, "مدیر", "گذرواژه‌ی مدیر", "گذرواژه‌ی تازه", now).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(change_password(&db, "مدیر", "نادرست نادرست", "x y z w v u", now), Err(AccountError::WrongPassword.into()));
        let kinds: Vec<OfficeActKind> = db.office_acts().unwrap_or_default().iter().map(|a| a.kind).collect();
        assert_eq!(kinds, [AccountAdded, AccountAdded, AccountDisabled, LoggedIn, PasswordChanged, LoginFailed]);
        assert!(db.check().unwrap_or_else(|e| panic!("{e}")).is_clean(), "every act is chained");
    }
}
