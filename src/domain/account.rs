//! The office's accounts: who may log in, in which role, and how failed logins are throttled.
//! Hashing the password is the office layer's (`office::password`); the domain holds the rules.

use chrono::{DateTime, Duration, Utc};

use super::role::{Action, Actor, Role};
use super::text::{TextFault, checked_name, has_letter};

/// The longest account name, in characters of its normalized form.
pub const MAX_USER_NAME_CHARS: usize = 64;

/// The shortest password accepted, in characters.
pub const MIN_PASSWORD_CHARS: usize = 8;

/// Failed logins in a row before each further try must wait.
pub const FREE_TRIES: u32 = 5;

/// The wait after the first failure past `FREE_TRIES`; it doubles with each further failure.
const FIRST_WAIT_SECONDS: i64 = 30;

/// The longest wait, so an administrator's own typing cannot lock an account for days.
const LONGEST_WAIT_SECONDS: i64 = 3_600;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// The login name as stored (normalized); also the `user_id` recorded on every act.
    pub name: String,
    pub role: Role,
    /// A disabled account cannot log in; it is never deleted, so its history stays its own.
    pub active: bool,
    /// The Argon2id hash (PHC string); `None` for an account that must set its password at its
    /// first login (one carried over from the older `user.toml`).
    pub password_hash: Option<String>,
    /// Failed logins since the last successful one.
    pub failures: u32,
    pub last_failure: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl Account {
    pub fn new(name: &UserName, role: Role, password_hash: Option<String>, now: DateTime<Utc>) -> Self {
        Self {
            name: name.as_str().to_owned(),
            role,
            active: true,
            password_hash,
            failures: 0,
            last_failure: None,
            created_at: now,
        }
    }

    /// The account as the actor of what it does.
    pub fn actor(&self) -> Actor {
        Actor { user_id: self.name.clone(), name: self.name.clone(), role: self.role }
    }

    /// How long the next login must still wait at `now`, after too many failures; `None` when it
    /// may be tried.
    pub fn wait_at(&self, now: DateTime<Utc>) -> Option<Duration> {
        let last = self.last_failure?;
        let left = last + throttle(self.failures)? - now;
        (left > Duration::zero()).then_some(left)
    }
}

/// The wait a login must keep after `failures` failures in a row: none for the first
/// `FREE_TRIES`, then 30 seconds doubling with each failure, at most an hour.
pub fn throttle(failures: u32) -> Option<Duration> {
    let past = failures.checked_sub(FREE_TRIES)?;
    let seconds = FIRST_WAIT_SECONDS.saturating_mul(1_i64 << past.min(20));
    Some(Duration::seconds(seconds.min(LONGEST_WAIT_SECONDS)))
}

/// An act of the office on no case, kept in the record's hash chain beside the case events:
/// logins (failed ones too), changes to accounts, backups, restores, receipts, syncs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeAct {
    pub at: DateTime<Utc>,
    /// The logged-in account that acted; `None` for a login that failed on an unknown name.
    pub actor: Option<Actor>,
    pub kind: OfficeActKind,
    /// Whom or what the act was on: the account added or logged in to, the backup's file, the case
    /// whose receipt was printed.
    pub subject: String,
    /// What an act on an account set, so that `check` rebuilds every account from the record and a
    /// role or password written into the file by hand shows.
    pub facts: AccountFacts,
}

/// The account's role, state and password (the SHA-256, hex, of the hash stored; `Some("")` for
/// no password yet) as an act on it set them; `None` for what the act left as it was.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountFacts {
    pub role: Option<Role>,
    pub active: Option<bool>,
    pub password: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OfficeActKind {
    LoggedIn,
    LoginFailed,
    /// A login refused because the account must still wait after its failures.
    LoginThrottled,
    AccountAdded,
    AccountDisabled,
    AccountEnabled,
    /// The administrator set another account's password.
    PasswordReset,
    /// An account set its own password.
    PasswordChanged,
    /// The recovery code replaced an administrator's password (and a new code was made).
    RecoveryUsed,
    BackedUp,
    Restored,
    ReceiptPrinted,
    Synced,
    /// An account as the replaced database had it, kept across a restore (role, state, password).
    AccountCarried,
    /// The district key's copy sealed with a passphrase was written (backups do not carry the key).
    KeyExported,
    /// The district key was taken back from such a copy (a new PC).
    KeyImported,
}

impl OfficeActKind {
    pub const ALL: [Self; 16] = [
        Self::LoggedIn,
        Self::LoginFailed,
        Self::LoginThrottled,
        Self::AccountAdded,
        Self::AccountDisabled,
        Self::AccountEnabled,
        Self::PasswordReset,
        Self::PasswordChanged,
        Self::RecoveryUsed,
        Self::BackedUp,
        Self::Restored,
        Self::ReceiptPrinted,
        Self::Synced,
        Self::AccountCarried,
        Self::KeyExported,
        Self::KeyImported,
    ];

    /// The stored key; with `_` as `-`, the end of the Fluent message id `office-act-…`.
    pub fn key(self) -> &'static str {
        match self {
            Self::LoggedIn => "logged_in",
            Self::LoginFailed => "login_failed",
            Self::LoginThrottled => "login_throttled",
            Self::AccountAdded => "account_added",
            Self::AccountDisabled => "account_disabled",
            Self::AccountEnabled => "account_enabled",
            Self::PasswordReset => "password_reset",
            Self::PasswordChanged => "password_changed",
            Self::RecoveryUsed => "recovery_used",
            Self::BackedUp => "backed_up",
            Self::Restored => "restored",
            Self::ReceiptPrinted => "receipt_printed",
            Self::Synced => "synced",
            Self::AccountCarried => "account_carried",
            Self::KeyExported => "key_exported",
            Self::KeyImported => "key_imported",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.key() == key)
    }
}

/// An account name, checked and normalized: a name's text rules (no control or bidi characters),
/// at most `MAX_USER_NAME_CHARS`, and at least one letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserName(String);

impl UserName {
    pub fn parse(input: &str) -> Result<Self, AccountError> {
        let name = checked_name(input).map_err(AccountError::BadName)?;
        let length = name.chars().count();
        if length > MAX_USER_NAME_CHARS {
            return Err(AccountError::BadName(TextFault::TooLong { length, max: MAX_USER_NAME_CHARS }));
        }
        if !has_letter(&name) {
            return Err(AccountError::NameWithoutLetter);
        }
        Ok(Self(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password, or why it is refused. Only the length is ruled: a passphrase in Persian is as
/// good as any.
pub fn check_new_password(password: &str) -> Result<(), AccountError> {
    if password.chars().count() < MIN_PASSWORD_CHARS || password.trim().is_empty() {
        return Err(AccountError::WeakPassword { min: MIN_PASSWORD_CHARS });
    }
    Ok(())
}

/// The roles an office gives its people; the governorate's decisions are no login.
pub const LOGIN_ROLES: [Role; 3] = [Role::Clerk, Role::DistrictGovernor, Role::Administrator];

/// Refuses `action` to `actor` unless the role allows it.
pub fn permit(actor: &Actor, action: Action) -> Result<(), AccountError> {
    if actor.role.may(action) { Ok(()) } else { Err(AccountError::NotPermitted { role: actor.role, action }) }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AccountError {
    #[error("no account is named {0}")]
    UnknownUser(String),
    #[error("the account {0} is disabled")]
    Disabled(String),
    #[error("the password is wrong")]
    WrongPassword,
    #[error("too many failed logins: try again in {seconds} seconds")]
    Throttled { seconds: i64 },
    /// An account carried over from `user.toml` logs in once it has set a password.
    #[error("the account {0} has no password yet")]
    NoPassword(String),
    #[error("an account named {0} already exists")]
    NameTaken(String),
    #[error("the account name is refused: {0:?}")]
    BadName(TextFault),
    #[error("the account name has no letter")]
    NameWithoutLetter,
    #[error("a password needs at least {min} characters")]
    WeakPassword { min: usize },
    #[error("the two passwords differ")]
    PasswordsDiffer,
    #[error("a {role:?} may not {action:?}")]
    NotPermitted { role: Role, action: Action },
    /// Disabling or demoting the only active administrator would leave nobody to manage accounts.
    #[error("the last active administrator cannot be disabled")]
    LastAdministrator,
    #[error("the province's role is no login")]
    NotALoginRole,
    #[error("the recovery code is wrong")]
    WrongRecoveryCode,
    /// A store made before accounts, with none yet: the administrator must be created first.
    #[error("the store has no accounts yet")]
    NoAccounts,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_are_free_then_the_wait_doubles_up_to_an_hour() {
        assert_eq!(throttle(4), None);
        assert_eq!(throttle(5), Some(Duration::seconds(30)));
        assert_eq!(throttle(6), Some(Duration::seconds(60)));
        assert_eq!(throttle(7), Some(Duration::seconds(120)));
        assert_eq!(throttle(40), Some(Duration::seconds(3_600)));
        assert_eq!(throttle(u32::MAX), Some(Duration::seconds(3_600)));
    }

    #[test]
    fn an_account_waits_from_its_last_failure() {
        let now = Utc::now();
        let name = UserName::parse("زهرا کریمی").unwrap_or_else(|e| panic!("{e}"));
        let mut account = Account::new(&name, Role::Clerk, None, now);
        account.failures = 6;
        account.last_failure = Some(now - Duration::seconds(20));
        assert_eq!(account.wait_at(now), Some(Duration::seconds(40)));
        assert_eq!(account.wait_at(now + Duration::seconds(40)), None);
    }

    #[test]
    fn names_follow_the_text_rules_and_need_a_letter() {
        assert_eq!(UserName::parse("  زهرا   کریمی ").map(|n| n.as_str().to_owned()), Ok("زهرا کریمی".to_owned()));
        assert!(matches!(UserName::parse("Ali \u{202E}x"), Err(AccountError::BadName(TextFault::BidiControl(_)))));
        assert!(matches!(UserName::parse("x\u{1B}]0;t"), Err(AccountError::BadName(TextFault::Control(_)))));
        assert_eq!(UserName::parse("\u{200C}\u{200C}"), Err(AccountError::NameWithoutLetter));
        assert!(matches!(UserName::parse(&"ب".repeat(65)), Err(AccountError::BadName(TextFault::TooLong { max: 64, .. }))));
    }

    #[test]
    fn a_password_needs_eight_characters() {
        assert!(check_new_password("۱۲۳۴۵۶۷").is_err());
        assert!(check_new_password("        ").is_err());
        assert!(check_new_password("رمز عبور خوب").is_ok());
    }
}
