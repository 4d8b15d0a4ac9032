//! The hub's store, behind one seam with two backends: a redb file (one process, one governorate,
//! nothing to install) or PostgreSQL (a province or the whole country, several hub processes).
//! Both hold the same things: enrolled districts, the events held of each (exactly once), the
//! batches they came in, quarantined batches and the batches going down. (Partial uploads are files
//! beside it: `hub::uploads`.)

pub mod on_postgres;
pub mod on_redb;

use std::cell::RefCell;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::HubError;
use crate::signing::{DistrictKey, PublicKey};
use crate::sync::Receipt;
use crate::sync::auth::AuthError;
use crate::sync::batch::Item;

pub use on_redb::FILE_NAME;

/// Where a hub keeps its store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A folder holding the redb file.
    Dir(PathBuf),
    /// A PostgreSQL connection URL (`postgres://user:password@host/database`), without TLS.
    Postgres(String),
}

/// Which kept batches: the districts' own accepted ones, or the hub's going down to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    Accepted,
    Down,
}

/// What the hub knows of one district.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DistrictRecord {
    pub key: String,
    pub enrolled_at: DateTime<Utc>,
    pub enrolments: u32,
    pub held: u64,
    /// Hash of the accepted batch that ended at `held`.
    pub hash: Option<String>,
    pub last_contact: Option<DateTime<Utc>>,
    /// Highest sequence of the batches going down.
    pub down_last: u64,
    pub down_hash: Option<String>,
    /// The head of the district's record chain as its last accepted batch extended it: the act
    /// and its hash (hex). `None` before the first batch that carried one, or after the province
    /// accepted a restored record (`accept_chain`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chain: Option<(u64, String)>,
    /// The time (Unix milliseconds) of the last signed request taken from the district: the next
    /// must be later (`sync::auth`), so none is taken twice. `None` before the first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_request: Option<i64>,
}

impl DistrictRecord {
    fn new(key: &PublicKey, at: DateTime<Utc>) -> Self {
        Self {
            key: key.to_hex(),
            enrolled_at: at,
            enrolments: 1,
            held: 0,
            hash: None,
            last_contact: None,
            down_last: 0,
            down_hash: None,
            chain: None,
            last_request: None,
        }
    }

    /// The chain head held, decoded; one that does not decode counts as none held.
    pub fn chain_head(&self) -> Option<crate::sync::span::Head> {
        let (act, hash) = self.chain.as_ref()?;
        Some((*act, crate::signing::unhex_32(hash)?))
    }

    pub fn set_chain_head(&mut self, head: Option<crate::sync::span::Head>) {
        if let Some((act, hash)) = head {
            self.chain = Some((act, crate::signing::hex(&hash)));
        }
    }

    /// The record after enrolling `key` again (a district that lost its key).
    fn re_enrolled(self, key: &PublicKey, at: DateTime<Utc>) -> Self {
        Self { key: key.to_hex(), enrolled_at: at, enrolments: self.enrolments + 1, ..self }
    }

    pub fn receipt(&self) -> Receipt {
        Receipt { held: self.held, hash: self.hash.clone(), signature: None }
    }

    pub fn public_key(&self) -> Option<PublicKey> {
        PublicKey::from_hex(&self.key).ok()
    }

    /// Takes a signed request made at `time` (Unix milliseconds) when it is later than the last
    /// taken; a request sent again, or signed before one already taken, is refused.
    pub fn take_request(&mut self, time: i64) -> Result<(), AuthError> {
        match self.last_request {
            Some(last) if time <= last => Err(AuthError::Replayed { last }),
            _ => {
                self.last_request = Some(time);
                Ok(())
            }
        }
    }
}

/// Reads and writes of one district inside its transaction (`HubStore::with_district`): the
/// district is locked until the transaction ends, so a batch is taken exactly once even when
/// several serve threads or hub processes receive it at the same time.
pub trait DistrictTxn {
    /// The event held at `sequence`.
    fn held_item(&self, sequence: u64) -> Result<Option<Vec<u8>>, HubError>;
    /// The hash of the kept batch that ended at `last`.
    fn batch_hash(&self, kept: Kept, last: u64) -> Result<Option<String>, HubError>;
    fn put_held(&self, items: &[Item]) -> Result<(), HubError>;
    fn put_batch(&self, kept: Kept, last: u64, bytes: &[u8]) -> Result<(), HubError>;
}

enum Backend {
    Redb(on_redb::RedbStore),
    // Boxed: its connection settings are large beside the redb handle.
    Postgres(Box<on_postgres::PgStore>),
}

/// The hub's store: its id, and the backend that holds the rest.
pub struct HubStore {
    pub id: String,
    location: Location,
    backend: Backend,
}

/// Calls the same method on whichever backend the store has.
macro_rules! each {
    ($store:expr, $b:ident => $call:expr) => {
        match &$store.backend {
            Backend::Redb($b) => $call,
            Backend::Postgres($b) => $call,
        }
    };
}

impl HubStore {
    /// Makes the hub's store and signing key at `location`; refuses when one is there.
    pub fn create(location: &Location, id: &str) -> Result<Self, HubError> {
        let key = DistrictKey::generate().map_err(|e| HubError::Io(e.to_string()))?.to_hex();
        let backend = match location {
            Location::Dir(dir) => Backend::Redb(on_redb::RedbStore::create(dir, id, &key)?),
            Location::Postgres(url) => Backend::Postgres(Box::new(on_postgres::PgStore::create(url, id, &key)?)),
        };
        Ok(Self { id: id.to_owned(), location: location.clone(), backend })
    }

    pub fn open(location: &Location) -> Result<Self, HubError> {
        let (id, backend) = match location {
            Location::Dir(dir) => {
                let (store, id) = on_redb::RedbStore::open(dir)?;
                (id, Backend::Redb(store))
            }
            Location::Postgres(url) => {
                let (store, id) = on_postgres::PgStore::open(url)?;
                (id, Backend::Postgres(Box::new(store)))
            }
        };
        Ok(Self { id, location: location.clone(), backend })
    }

    pub fn location(&self) -> &Location {
        &self.location
    }

    /// `redb` or `postgres`, for logs and benchmarks.
    pub fn backend_name(&self) -> &'static str {
        match self.backend {
            Backend::Redb(_) => "redb",
            Backend::Postgres(_) => "postgres",
        }
    }

    pub fn signing_key(&self) -> Result<DistrictKey, HubError> {
        let hex = each!(self, b => b.meta("hub_key"))?.ok_or_else(|| HubError::Corrupt("hub key".into()))?;
        DistrictKey::from_hex(&hex).map_err(|_| HubError::Corrupt("hub key".into()))
    }

    pub fn district(&self, code: &str) -> Result<Option<DistrictRecord>, HubError> {
        each!(self, b => b.district(code))
    }

    pub fn districts(&self) -> Result<Vec<(String, DistrictRecord)>, HubError> {
        each!(self, b => b.districts())
    }

    /// Enrols a district's key; a district already enrolled (a lost key) is re-enrolled and the
    /// enrolment recorded beside the first. Returns how many enrolments the district has had.
    /// Enrolls `key` for the district `code`: the code must be one `init` takes, and the key no
    /// other district's (a district re-enrolled keeps its history).
    pub fn enroll(&self, code: &str, key: &PublicKey, at: DateTime<Utc>) -> Result<u32, HubError> {
        let digits = code.chars().all(|c| c.is_ascii_digit());
        if !digits || crate::domain::tracking::TrackingCode::compose(code, 1405, 1).is_err() {
            return Err(HubError::BadDistrictCode(code.to_owned()));
        }
        for (other, _) in self.districts()? {
            if other != code && self.enrolled_keys(&other)?.contains(key) {
                return Err(HubError::KeyInUse(other));
            }
        }
        each!(self, b => b.enroll(code, key, at))
    }

    /// Reads and changes one district in one transaction, the district locked throughout; the
    /// record as `change` leaves it is written back. Nothing is kept when `change` fails.
    pub fn with_district<T>(
        &self,
        code: &str,
        change: impl FnOnce(&mut DistrictRecord, &dyn DistrictTxn) -> Result<T, HubError>,
    ) -> Result<T, HubError> {
        each!(self, b => b.with_district(code, change))
    }

    /// Records that a district was heard from; nothing for a district not enrolled.
    pub fn touch(&self, code: &str, at: DateTime<Utc>) -> Result<(), HubError> {
        match self.with_district(code, |record, _| {
            record.last_contact = Some(at);
            Ok(())
        }) {
            Err(HubError::UnknownDistrict(_)) => Ok(()),
            other => other,
        }
    }

    /// Events held of a district.
    /// Every key enrolled for a district, oldest first: documents signed before a re-enrolment
    /// still verify.
    pub fn enrolled_keys(&self, code: &str) -> Result<Vec<PublicKey>, HubError> {
        let hexes = each!(self, b => b.enrolled_keys(code))?;
        hexes
            .iter()
            .map(|hex| PublicKey::from_hex(hex).map_err(|_| HubError::Corrupt(format!("enrolled key of {code}"))))
            .collect()
    }

    pub fn held_count(&self, code: &str) -> Result<u64, HubError> {
        each!(self, b => b.held_count(code))
    }

    /// The events held of one district, by sequence, for the fault tests and audits.
    pub fn read_held(&self, code: &str) -> Result<Vec<(u64, Vec<u8>)>, HubError> {
        each!(self, b => b.read_held(code))
    }

    /// (batch hash, reason) of the district's quarantined batches.
    pub fn quarantined(&self, code: &str) -> Result<Vec<(String, String)>, HubError> {
        each!(self, b => b.quarantined(code))
    }

    pub fn quarantine(&self, code: &str, hash: &str, reason: &str) -> Result<(), HubError> {
        each!(self, b => b.quarantine(code, hash, reason))
    }

    /// Kept batches for `code` ending above `after`, in order.
    pub fn batches_after(&self, kept: Kept, code: &str, after: u64) -> Result<Vec<Vec<u8>>, HubError> {
        each!(self, b => b.batches_after(kept, code, after))
    }
}

/// The events held of one district, for the fault tests and audits.
pub fn read_held(store: &HubStore, code: &str) -> Result<Vec<(u64, Vec<u8>)>, HubError> {
    store.read_held(code)
}

pub fn decode_record(bytes: &[u8]) -> Result<DistrictRecord, HubError> {
    serde_json::from_slice(bytes).map_err(|e| HubError::Corrupt(e.to_string()))
}

pub fn encode_record(record: &DistrictRecord) -> Vec<u8> {
    serde_json::to_vec(record).unwrap_or_default()
}

/// Runs `admit`-style lookups that cannot fail through a transaction that can: the first error is
/// kept and the lookup answers `None`, so the caller can return the error afterwards.
pub struct Lookups<'a> {
    txn: &'a dyn DistrictTxn,
    failed: RefCell<Option<HubError>>,
}

impl<'a> Lookups<'a> {
    pub fn new(txn: &'a dyn DistrictTxn) -> Self {
        Self { txn, failed: RefCell::new(None) }
    }

    pub fn held_item(&self, sequence: u64) -> Option<Vec<u8>> {
        self.keep(self.txn.held_item(sequence))
    }

    pub fn batch_hash(&self, kept: Kept, last: u64) -> Option<String> {
        self.keep(self.txn.batch_hash(kept, last))
    }

    fn keep<T>(&self, result: Result<Option<T>, HubError>) -> Option<T> {
        result.unwrap_or_else(|error| {
            self.failed.borrow_mut().get_or_insert(error);
            None
        })
    }

    /// The first error a lookup met.
    pub fn failure(self) -> Result<(), HubError> {
        self.failed.into_inner().map_or(Ok(()), Err)
    }
}
