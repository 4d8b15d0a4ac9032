//! The hub's own redb file: enrolled districts, the events it holds of each (exactly once), the
//! batches they came in, partial uploads, quarantined batches and the batches going down.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use redb::{ReadableDatabase, ReadableTable, TableDefinition};
use serde::{Deserialize, Serialize};

use super::HubError;
use crate::signing::{DistrictKey, PublicKey};
use crate::sync::Receipt;

pub const FILE_NAME: &str = "bakhshyar-hub.redb";

/// `hub_id`, `hub_key` (hex seed).
pub const META: TableDefinition<&str, &str> = TableDefinition::new("meta");
/// District code → `DistrictRecord` (JSON).
pub const DISTRICTS: TableDefinition<&str, &[u8]> = TableDefinition::new("districts");
/// (district, time, Unix ms) → public key hex: every enrolment, kept.
pub const ENROLMENTS: TableDefinition<(&str, i64), &str> = TableDefinition::new("enrolments");
/// (district, sequence) → the event as the district stored it; each held once.
pub const HELD: TableDefinition<(&str, u64), &[u8]> = TableDefinition::new("held");
/// (district, last sequence) → the accepted batch, signed by the district.
pub const BATCHES: TableDefinition<(&str, u64), &[u8]> = TableDefinition::new("batches");
/// Upload id (the batch's SHA-256) → the bytes received so far.
pub const UPLOADS: TableDefinition<&str, &[u8]> = TableDefinition::new("uploads");
/// (district, batch hash) → why the batch could not be applied.
pub const QUARANTINE: TableDefinition<(&str, &str), &str> = TableDefinition::new("quarantine");
/// (district, last sequence) → a hub-signed batch going down to the district.
pub const DOWN: TableDefinition<(&str, u64), &[u8]> = TableDefinition::new("down");

const MAGIC_KEY: &str = "magic";
const MAGIC: &str = "bakhshyar-hub";
const ID_KEY: &str = "hub_id";
const KEY_KEY: &str = "hub_key";

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
}

impl DistrictRecord {
    pub fn receipt(&self) -> Receipt {
        Receipt { held: self.held, hash: self.hash.clone() }
    }

    pub fn public_key(&self) -> Option<PublicKey> {
        PublicKey::from_hex(&self.key).ok()
    }
}

pub struct HubStore {
    pub db: redb::Database,
    pub id: String,
    pub path: PathBuf,
}

impl HubStore {
    /// Makes the hub's store and key in `dir`; refuses when one is there.
    pub fn create(dir: &Path, id: &str) -> Result<Self, HubError> {
        std::fs::create_dir_all(dir).map_err(|e| HubError::Io(e.to_string()))?;
        let path = dir.join(FILE_NAME);
        if path.exists() {
            return Err(HubError::Exists(path));
        }
        let db = redb::Database::create(&path)?;
        let txn = db.begin_write()?;
        {
            let mut meta = txn.open_table(META)?;
            meta.insert(MAGIC_KEY, MAGIC)?;
            meta.insert(ID_KEY, id)?;
            let key = DistrictKey::generate().map_err(|e| HubError::Io(e.to_string()))?;
            meta.insert(KEY_KEY, key.to_hex().as_str())?;
        }
        txn.open_table(DISTRICTS)?;
        txn.open_table(ENROLMENTS)?;
        txn.open_table(HELD)?;
        txn.open_table(BATCHES)?;
        txn.open_table(UPLOADS)?;
        txn.open_table(QUARANTINE)?;
        txn.open_table(DOWN)?;
        txn.commit()?;
        Ok(Self { db, id: id.to_owned(), path })
    }

    pub fn open(dir: &Path) -> Result<Self, HubError> {
        let path = dir.join(FILE_NAME);
        if !path.is_file() {
            return Err(HubError::Missing(dir.to_path_buf()));
        }
        let db = redb::Database::open(&path)?;
        let txn = db.begin_read()?;
        let meta = txn.open_table(META).map_err(|_| HubError::NotAHub(path.clone()))?;
        if meta.get(MAGIC_KEY)?.map(|v| v.value().to_owned()).as_deref() != Some(MAGIC) {
            return Err(HubError::NotAHub(path));
        }
        let id = meta.get(ID_KEY)?.map(|v| v.value().to_owned()).ok_or_else(|| HubError::NotAHub(path.clone()))?;
        drop(meta);
        drop(txn);
        Ok(Self { db, id, path })
    }

    pub fn signing_key(&self) -> Result<DistrictKey, HubError> {
        let txn = self.db.begin_read()?;
        let meta = txn.open_table(META)?;
        let hex = meta.get(KEY_KEY)?.ok_or_else(|| HubError::Corrupt("hub key".into()))?;
        DistrictKey::from_hex(hex.value()).map_err(|_| HubError::Corrupt("hub key".into()))
    }

    pub fn district(&self, code: &str) -> Result<Option<DistrictRecord>, HubError> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(DISTRICTS)?;
        table.get(code)?.map(|v| decode_record(v.value())).transpose()
    }

    pub fn districts(&self) -> Result<Vec<(String, DistrictRecord)>, HubError> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(DISTRICTS)?;
        let mut out = Vec::new();
        for entry in table.iter()? {
            let (code, value) = entry?;
            out.push((code.value().to_owned(), decode_record(value.value())?));
        }
        Ok(out)
    }

    /// Enrols a district's key; a district already enrolled (a lost key) is re-enrolled and the
    /// enrolment recorded beside the first. Returns how many enrolments the district has had.
    pub fn enroll(&self, code: &str, key: &PublicKey, at: DateTime<Utc>) -> Result<u32, HubError> {
        let txn = self.db.begin_write()?;
        let count = {
            let mut table = txn.open_table(DISTRICTS)?;
            let old = table.get(code)?.map(|v| decode_record(v.value())).transpose()?;
            let record = match old {
                Some(old) => DistrictRecord { key: key.to_hex(), enrolled_at: at, enrolments: old.enrolments + 1, ..old },
                None => DistrictRecord {
                    key: key.to_hex(),
                    enrolled_at: at,
                    enrolments: 1,
                    held: 0,
                    hash: None,
                    last_contact: None,
                    down_last: 0,
                    down_hash: None,
                },
            };
            table.insert(code, encode_record(&record).as_slice())?;
            txn.open_table(ENROLMENTS)?.insert((code, at.timestamp_millis()), key.to_hex().as_str())?;
            record.enrolments
        };
        txn.commit()?;
        Ok(count)
    }

    /// Events held of a district.
    pub fn held_count(&self, code: &str) -> Result<u64, HubError> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(HELD)?;
        Ok(table.range((code, 0)..=(code, u64::MAX))?.count() as u64)
    }

    pub fn quarantined(&self, code: &str) -> Result<Vec<(String, String)>, HubError> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(QUARANTINE)?;
        let mut out = Vec::new();
        for entry in table.range((code, "")..)? {
            let (key, reason) = entry?;
            let (district, hash) = key.value();
            if district != code {
                break;
            }
            out.push((hash.to_owned(), reason.value().to_owned()));
        }
        Ok(out)
    }

    /// Stored batches of `table` for `code` ending above `after`, in order.
    pub fn batches_after(
        &self,
        table: TableDefinition<(&str, u64), &[u8]>,
        code: &str,
        after: u64,
    ) -> Result<Vec<Vec<u8>>, HubError> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(table)?;
        let mut out = Vec::new();
        for entry in table.range((code, after.saturating_add(1))..=(code, u64::MAX))? {
            out.push(entry?.1.value().to_vec());
        }
        Ok(out)
    }
}

// Sync issue 7 (revocations, verification, signed downloads): reads the hub needs beside the above.
impl HubStore {
    /// Every key enrolled for a district, oldest first: documents signed before a re-enrolment
    /// still verify.
    pub fn enrolled_keys(&self, code: &str) -> Result<Vec<PublicKey>, HubError> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(ENROLMENTS)?;
        let mut out = Vec::new();
        for entry in table.range((code, i64::MIN)..=(code, i64::MAX))? {
            let (_, key) = entry?;
            out.push(PublicKey::from_hex(key.value()).map_err(|_| HubError::Corrupt(format!("enrolled key of {code}")))?);
        }
        Ok(out)
    }
}

pub fn decode_record(bytes: &[u8]) -> Result<DistrictRecord, HubError> {
    serde_json::from_slice(bytes).map_err(|e| HubError::Corrupt(e.to_string()))
}

pub fn encode_record(record: &DistrictRecord) -> Vec<u8> {
    serde_json::to_vec(record).unwrap_or_default()
}

/// The events held of one district, for the fault tests and audits.
pub fn read_held(store: &HubStore, code: &str) -> Result<Vec<(u64, Vec<u8>)>, HubError> {
    let txn = store.db.begin_read()?;
    let table = txn.open_table(HELD)?;
    let mut out = Vec::new();
    for entry in table.range((code, 0)..=(code, u64::MAX))? {
        let (key, value) = entry?;
        out.push((key.value().1, value.value().to_vec()));
    }
    Ok(out)
}
