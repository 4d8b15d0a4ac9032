//! The office's accounts and its acts on no case (`office-log`), from schema 7. Each act is also
//! an act of the record's hash chain (`chain.rs`, under the empty tracking code), written in the
//! same transaction as what it records.

use chrono::{DateTime, Utc};
use redb::{ReadableDatabase, ReadableTable, WriteTransaction};
use serde::{Deserialize, Serialize};

use super::record::{ActorV1, RecordError, decode, encode};
use super::tables::{ACCOUNTS, META, OFFICE_LOG, RECOVERY_CODE_KEY};
use super::{Database, StoreError};
use sha2::Digest;

use crate::domain::account::{Account, AccountError, AccountFacts, OfficeAct, OfficeActKind};
use crate::domain::role::Role;

/// The chain's tracking code for acts on no case: no case has an empty code.
pub const OFFICE_CHAIN_CODE: &str = "";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRecordV1 {
    pub name: String,
    pub role: String,
    pub active: bool,
    pub password_hash: Option<String>,
    pub failures: u32,
    pub last_failure: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl AccountRecordV1 {
    fn from_domain(account: &Account) -> Self {
        Self {
            name: account.name.clone(),
            role: account.role.key().to_owned(),
            active: account.active,
            password_hash: account.password_hash.clone(),
            failures: account.failures,
            last_failure: account.last_failure,
            created_at: account.created_at,
        }
    }

    pub(super) fn to_domain(&self) -> Result<Account, RecordError> {
        let role = Role::from_key(&self.role).ok_or_else(|| RecordError::Malformed(format!("role {}", self.role)))?;
        Ok(Account {
            name: self.name.clone(),
            role,
            active: self.active,
            password_hash: self.password_hash.clone(),
            failures: self.failures,
            last_failure: self.last_failure,
            created_at: self.created_at,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeActRecordV1 {
    pub at: DateTime<Utc>,
    pub actor: Option<ActorV1>,
    pub kind: String,
    pub subject: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
}

impl OfficeActRecordV1 {
    fn from_domain(act: &OfficeAct) -> Self {
        Self {
            at: act.at,
            actor: act.actor.as_ref().map(ActorV1::from_domain),
            kind: act.kind.key().to_owned(),
            subject: act.subject.clone(),
            role: act.facts.role.map(|r| r.key().to_owned()),
            active: act.facts.active,
            password: act.facts.password.clone(),
        }
    }

    pub fn to_domain(&self) -> Result<OfficeAct, RecordError> {
        let kind = OfficeActKind::from_key(&self.kind).ok_or_else(|| RecordError::Malformed(format!("act {}", self.kind)))?;
        let actor = self.actor.as_ref().map(ActorV1::to_domain).transpose()?;
        let role = self
            .role
            .as_deref()
            .map(|key| Role::from_key(key).ok_or_else(|| RecordError::Malformed(format!("role {key}"))))
            .transpose()?;
        let facts = AccountFacts { role, active: self.active, password: self.password.clone() };
        Ok(OfficeAct { at: self.at, actor, kind, subject: self.subject.clone(), facts })
    }
}

/// The SHA-256 (hex) of an account's stored password hash, as its acts record it; "" for none.
pub fn password_digest(account: &Account) -> String {
    account.password_hash.as_deref().map_or_else(String::new, |hash| crate::signing::hex(&sha2::Sha256::digest(hash.as_bytes())))
}

/// What one account change writes: the account as it now is (new or replacing the one of its
/// name), the act that records it, and, for the administrator's first account or a recovery, the
/// recovery code's new hash.
pub struct AccountChange<'a> {
    pub account: &'a Account,
    pub act: &'a OfficeAct,
    /// The account must not exist yet.
    pub new: bool,
    pub recovery_hash: Option<&'a str>,
}

impl Database {
    /// Every account, by name.
    pub fn accounts(&self) -> Result<Vec<Account>, StoreError> {
        let txn = self.db.begin_read()?;
        let table = match txn.open_table(ACCOUNTS) {
            Ok(table) => table,
            Err(redb::TableError::TableDoesNotExist(_)) => return Ok(Vec::new()),
            Err(e) => return Err(e.into()),
        };
        let mut accounts = Vec::new();
        for entry in table.iter()? {
            accounts.push(decode::<AccountRecordV1>(entry?.1.value())?.to_domain()?);
        }
        Ok(accounts)
    }

    /// The recovery code's hash, once the first administrator was made.
    pub fn recovery_hash(&self) -> Result<Option<String>, StoreError> {
        let txn = self.db.begin_read()?;
        Ok(txn.open_table(META)?.get(RECOVERY_CODE_KEY)?.map(|v| v.value().to_owned()))
    }

    /// Writes an account and the act that changed it, in one transaction.
    pub fn change_account(&self, change: &AccountChange<'_>) -> Result<(), StoreError> {
        let txn = self.db.begin_write()?;
        {
            let mut table = txn.open_table(ACCOUNTS)?;
            if change.new && table.get(change.account.name.as_str())?.is_some() {
                return Err(StoreError::Account(AccountError::NameTaken(change.account.name.clone())));
            }
            let bytes = encode(&AccountRecordV1::from_domain(change.account));
            table.insert(change.account.name.as_str(), bytes.as_slice())?;
            if let Some(hash) = change.recovery_hash {
                txn.open_table(META)?.insert(RECOVERY_CODE_KEY, hash)?;
            }
        }
        append_act(&txn, change.act)?;
        txn.commit()?;
        Ok(())
    }

    /// Puts back the accounts of the database a restore replaced, over those of the backup, each
    /// with its act (`AccountCarried`, with its role, state and password) so that `check` rebuilds
    /// them from the record; and the recovery code's hash. One transaction.
    pub fn carry_accounts(&self, accounts: &[Account], recovery_hash: Option<&str>, at: DateTime<Utc>) -> Result<(), StoreError> {
        let txn = self.db.begin_write()?;
        {
            let mut table = txn.open_table(ACCOUNTS)?;
            for account in accounts {
                table.insert(account.name.as_str(), encode(&AccountRecordV1::from_domain(account)).as_slice())?;
            }
            if let Some(hash) = recovery_hash {
                txn.open_table(META)?.insert(RECOVERY_CODE_KEY, hash)?;
            }
        }
        for account in accounts {
            let facts =
                AccountFacts { role: Some(account.role), active: Some(account.active), password: Some(password_digest(account)) };
            let act = OfficeAct { at, actor: None, kind: OfficeActKind::AccountCarried, subject: account.name.clone(), facts };
            append_act(&txn, &act)?;
        }
        txn.commit()?;
        Ok(())
    }

    /// Records an act on no account and no case (a backup, a receipt, a sync).
    pub fn record_office_act(&self, act: &OfficeAct) -> Result<(), StoreError> {
        let txn = self.db.begin_write()?;
        append_act(&txn, act)?;
        txn.commit()?;
        Ok(())
    }

    /// The office's acts, oldest first.
    pub fn office_acts(&self) -> Result<Vec<OfficeAct>, StoreError> {
        let txn = self.db.begin_read()?;
        let mut acts = Vec::new();
        for entry in txn.open_table(OFFICE_LOG)?.iter()? {
            acts.push(decode::<OfficeActRecordV1>(entry?.1.value())?.to_domain()?);
        }
        Ok(acts)
    }
}

/// Appends `act` to the office log and to the chain, in `txn`.
fn append_act(txn: &WriteTransaction, act: &OfficeAct) -> Result<(), StoreError> {
    let bytes = encode(&OfficeActRecordV1::from_domain(act));
    let mut log = txn.open_table(OFFICE_LOG)?;
    let number = log.last()?.map_or(1, |(key, _)| key.value().saturating_add(1));
    log.insert(number, bytes.as_slice())?;
    super::chain::append(txn, OFFICE_CHAIN_CODE, number, &bytes)
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;
    use crate::domain::role::Actor;
    use crate::store::ProblemKind;

    /// A login recorded, then its stored act rewritten by hand (the account changed): `check`
    /// names the office act where the chain breaks.
    #[test]
    fn a_rewritten_office_act_breaks_the_chain() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let db = Database::create(dir.path(), "1234", "بخش مرکزی").unwrap_or_else(|e| panic!("{e}"));
        let actor = Actor { user_id: "زهرا".into(), name: "زهرا".into(), role: Role::Clerk };
        let act = OfficeAct {
            at: Utc::now(),
            actor: Some(actor),
            kind: OfficeActKind::LoggedIn,
            subject: "زهرا".into(),
            facts: AccountFacts::default(),
        };
        db.record_office_act(&act).unwrap_or_else(|e| panic!("{e}"));
        assert!(db.check().unwrap_or_else(|e| panic!("{e}")).is_clean());
        let txn = db.db.begin_write().unwrap_or_else(|e| panic!("{e}"));
        {
            let mut log = txn.open_table(OFFICE_LOG).unwrap_or_else(|e| panic!("{e}"));
            let forged = OfficeAct { subject: "بخشدار".into(), ..act };
            log.insert(1, encode(&OfficeActRecordV1::from_domain(&forged)).as_slice()).unwrap_or_else(|e| panic!("{e}"));
        }
        txn.commit().unwrap_or_else(|e| panic!("{e}"));
        let report = db.check().unwrap_or_else(|e| panic!("{e}"));
        let broken: Vec<_> = report.problems.iter().filter(|p| p.kind == ProblemKind::ChainBroken).collect();
        assert_eq!(broken.len(), 1, "{report:?}");
        assert!(
            broken[0].detail.starts_with("act 1: office act #1 is not as it was recorded") && broken[0].detail.contains("زهرا"),
            "{}",
            broken[0].detail
        );
    }

    /// A clerk's role written into the file by hand, as `user.toml` once allowed: `check` names
    /// the account, since the act that made it recorded another role.
    #[test]
    fn a_role_written_by_hand_is_caught() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let db = Database::create(dir.path(), "1234", "بخش مرکزی").unwrap_or_else(|e| panic!("{e}"));
        let name = crate::domain::account::UserName::parse("زهرا").unwrap_or_else(|e| panic!("{e}"));
        let account = Account::new(&name, Role::Clerk, Some("$argon2id$v=19$x".into()), Utc::now());
        let facts = AccountFacts { role: Some(Role::Clerk), active: None, password: Some(password_digest(&account)) };
        let act = OfficeAct { at: Utc::now(), actor: None, kind: OfficeActKind::AccountAdded, subject: "زهرا".into(), facts };
        db.change_account(&AccountChange { account: &account, act: &act, new: true, recovery_hash: None })
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(db.check().unwrap_or_else(|e| panic!("{e}")).is_clean());
        for forged in [
            Account { role: Role::DistrictGovernor, ..account.clone() },
            Account { password_hash: Some("$argon2id$v=19$mine".into()), ..account.clone() },
            Account { active: false, ..account.clone() },
        ] {
            let txn = db.db.begin_write().unwrap_or_else(|e| panic!("{e}"));
            {
                let mut table = txn.open_table(ACCOUNTS).unwrap_or_else(|e| panic!("{e}"));
                table.insert("زهرا", encode(&AccountRecordV1::from_domain(&forged)).as_slice()).unwrap_or_else(|e| panic!("{e}"));
            }
            txn.commit().unwrap_or_else(|e| panic!("{e}"));
            let report = db.check().unwrap_or_else(|e| panic!("{e}"));
            let found: Vec<_> = report.problems.iter().filter(|p| p.kind == ProblemKind::AccountMismatch).collect();
            assert_eq!((found.len(), found.first().map(|p| p.code.as_str())), (1, Some("زهرا")), "{report:?}");
        }
    }
}
