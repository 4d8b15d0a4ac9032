//! The hub's store in one redb file: writes are serialized by redb, so a district's transaction
//! is the write transaction itself.

use std::path::Path;

use chrono::{DateTime, Utc};
use redb::{ReadableDatabase, ReadableTable, TableDefinition, WriteTransaction};

use super::{DistrictRecord, DistrictTxn, Kept, decode_record, encode_record};
use crate::hub::HubError;
use crate::signing::PublicKey;
use crate::sync::batch::{Item, hash_of};

pub const FILE_NAME: &str = "bakhshyar-hub.redb";

/// `magic`, `hub_id`, `hub_key` (hex seed).
const META: TableDefinition<&str, &str> = TableDefinition::new("meta");
/// District code → `DistrictRecord` (JSON).
const DISTRICTS: TableDefinition<&str, &[u8]> = TableDefinition::new("districts");
/// (district, time, Unix ms) → public key hex: every enrolment, kept.
const ENROLMENTS: TableDefinition<(&str, i64), &str> = TableDefinition::new("enrolments");
/// (district, sequence) → the event as the district stored it; each held once.
const HELD: TableDefinition<(&str, u64), &[u8]> = TableDefinition::new("held");
/// (district, last sequence) → the accepted batch, signed by the district.
const BATCHES: TableDefinition<(&str, u64), &[u8]> = TableDefinition::new("batches");
/// (district, batch hash) → why the batch could not be applied.
const QUARANTINE: TableDefinition<(&str, &str), &str> = TableDefinition::new("quarantine");
/// (district, last sequence) → a hub-signed batch going down to the district.
const DOWN: TableDefinition<(&str, u64), &[u8]> = TableDefinition::new("down");

const MAGIC: &str = "bakhshyar-hub";

macro_rules! from_redb {
    ($($ty:ty),*) => {$(
        impl From<$ty> for HubError {
            fn from(error: $ty) -> Self {
                Self::Redb(error.to_string())
            }
        }
    )*};
}
from_redb!(redb::Error, redb::DatabaseError, redb::TransactionError, redb::TableError, redb::StorageError, redb::CommitError);

fn table(kept: Kept) -> TableDefinition<'static, (&'static str, u64), &'static [u8]> {
    match kept {
        Kept::Accepted => BATCHES,
        Kept::Down => DOWN,
    }
}

pub struct RedbStore {
    db: redb::Database,
}

impl RedbStore {
    pub fn create(dir: &Path, id: &str, key_hex: &str) -> Result<Self, HubError> {
        std::fs::create_dir_all(dir).map_err(|e| HubError::Io(e.to_string()))?;
        let path = dir.join(FILE_NAME);
        if path.exists() {
            return Err(HubError::Exists(path.display().to_string()));
        }
        let db = redb::Database::create(&path)?;
        // The hub's key and every district's events are in it.
        crate::store::files::make_private(dir)
            .and_then(|_| crate::store::files::make_private(&path))
            .map_err(|e| HubError::Io(e.to_string()))?;
        let txn = db.begin_write()?;
        {
            let mut meta = txn.open_table(META)?;
            meta.insert("magic", MAGIC)?;
            meta.insert("hub_id", id)?;
            meta.insert("hub_key", key_hex)?;
        }
        txn.open_table(DISTRICTS)?;
        txn.open_table(ENROLMENTS)?;
        txn.open_table(HELD)?;
        txn.open_table(BATCHES)?;
        txn.open_table(QUARANTINE)?;
        txn.open_table(DOWN)?;
        txn.commit()?;
        Ok(Self { db })
    }

    /// The store and the hub's id.
    pub fn open(dir: &Path) -> Result<(Self, String), HubError> {
        let path = dir.join(FILE_NAME);
        if !path.is_file() {
            return Err(HubError::Missing(dir.display().to_string()));
        }
        let db = redb::Database::open(&path).map_err(|error| match error {
            redb::DatabaseError::DatabaseAlreadyOpen => HubError::Held(path.display().to_string()),
            other => other.into(),
        })?;
        let store = Self { db };
        let not_a_hub = || HubError::NotAHub(path.display().to_string());
        if store.meta("magic").map_err(|_| not_a_hub())?.as_deref() != Some(MAGIC) {
            return Err(not_a_hub());
        }
        let id = store.meta("hub_id")?.ok_or_else(not_a_hub)?;
        Ok((store, id))
    }

    pub fn meta(&self, key: &str) -> Result<Option<String>, HubError> {
        let txn = self.db.begin_read()?;
        let meta = txn.open_table(META)?;
        Ok(meta.get(key)?.map(|v| v.value().to_owned()))
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

    pub fn enroll(&self, code: &str, key: &PublicKey, at: DateTime<Utc>) -> Result<u32, HubError> {
        let txn = self.db.begin_write()?;
        let count = {
            let mut table = txn.open_table(DISTRICTS)?;
            let old = table.get(code)?.map(|v| decode_record(v.value())).transpose()?;
            let record = match old {
                Some(old) => old.re_enrolled(key, at),
                None => DistrictRecord::new(key, at),
            };
            table.insert(code, encode_record(&record).as_slice())?;
            txn.open_table(ENROLMENTS)?.insert((code, at.timestamp_millis()), key.to_hex().as_str())?;
            record.enrolments
        };
        txn.commit()?;
        Ok(count)
    }

    pub fn with_district<T>(
        &self,
        code: &str,
        change: impl FnOnce(&mut DistrictRecord, &dyn DistrictTxn) -> Result<T, HubError>,
    ) -> Result<T, HubError> {
        let txn = self.db.begin_write()?;
        let record = txn.open_table(DISTRICTS)?.get(code)?.map(|v| decode_record(v.value())).transpose()?;
        let mut record = record.ok_or_else(|| HubError::UnknownDistrict(code.to_owned()))?;
        let out = change(&mut record, &RedbTxn { txn: &txn, code })?;
        txn.open_table(DISTRICTS)?.insert(code, encode_record(&record).as_slice())?;
        txn.commit()?;
        Ok(out)
    }

    pub fn held_count(&self, code: &str) -> Result<u64, HubError> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(HELD)?;
        Ok(table.range((code, 0)..=(code, u64::MAX))?.count() as u64)
    }

    pub fn enrolled_keys(&self, code: &str) -> Result<Vec<String>, HubError> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(ENROLMENTS)?;
        let mut out = Vec::new();
        for entry in table.range((code, i64::MIN)..=(code, i64::MAX))? {
            out.push(entry?.1.value().to_owned());
        }
        Ok(out)
    }

    pub fn read_held(&self, code: &str) -> Result<Vec<(u64, Vec<u8>)>, HubError> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(HELD)?;
        let mut out = Vec::new();
        for entry in table.range((code, 0)..=(code, u64::MAX))? {
            let (key, value) = entry?;
            out.push((key.value().1, value.value().to_vec()));
        }
        Ok(out)
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

    pub fn quarantine(&self, code: &str, hash: &str, reason: &str) -> Result<(), HubError> {
        let txn = self.db.begin_write()?;
        txn.open_table(QUARANTINE)?.insert((code, hash), reason)?;
        txn.commit()?;
        Ok(())
    }

    pub fn batches_after(&self, kept: Kept, code: &str, after: u64) -> Result<Vec<Vec<u8>>, HubError> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(table(kept))?;
        let mut out = Vec::new();
        for entry in table.range((code, after.saturating_add(1))..=(code, u64::MAX))? {
            out.push(entry?.1.value().to_vec());
        }
        Ok(out)
    }
}

struct RedbTxn<'a> {
    txn: &'a WriteTransaction,
    code: &'a str,
}

impl DistrictTxn for RedbTxn<'_> {
    fn held_item(&self, sequence: u64) -> Result<Option<Vec<u8>>, HubError> {
        let table = self.txn.open_table(HELD)?;
        Ok(table.get((self.code, sequence))?.map(|v| v.value().to_vec()))
    }

    fn batch_hash(&self, kept: Kept, last: u64) -> Result<Option<String>, HubError> {
        let table = self.txn.open_table(table(kept))?;
        Ok(table.get((self.code, last))?.map(|v| hash_of(v.value())))
    }

    fn put_held(&self, items: &[Item]) -> Result<(), HubError> {
        let mut table = self.txn.open_table(HELD)?;
        for item in items {
            table.insert((self.code, item.sequence), item.bytes.as_slice())?;
        }
        Ok(())
    }

    fn put_batch(&self, kept: Kept, last: u64, bytes: &[u8]) -> Result<(), HubError> {
        self.txn.open_table(table(kept))?.insert((self.code, last), bytes)?;
        Ok(())
    }
}
