//! The hub's store in PostgreSQL, for a province or the whole country: several serve threads and
//! several hub processes share one database. A district's transaction locks the district's row
//! (`SELECT … FOR UPDATE`), so one batch is taken by exactly one of them; the others then see it
//! held and answer the receipt.

use std::cell::RefCell;
use std::sync::{Mutex, PoisonError};

use ::postgres::{Client, Config, NoTls, Transaction};
use chrono::{DateTime, Utc};

use super::{DistrictRecord, DistrictTxn, Kept};
use crate::hub::HubError;
use crate::signing::PublicKey;
use crate::sync::batch::{Item, hash_of};

/// The schema this hub writes and reads; `hub_meta.schema_version` holds the store's.
pub const SCHEMA_VERSION: u32 = 1;

const SCHEMA: &str = "
CREATE TABLE hub_meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE districts (code text PRIMARY KEY, record jsonb NOT NULL);
CREATE TABLE enrolments (district text NOT NULL, at timestamptz NOT NULL, key text NOT NULL, PRIMARY KEY (district, at));
CREATE TABLE held (district text NOT NULL, sequence bigint NOT NULL, event bytea NOT NULL, PRIMARY KEY (district, sequence));
CREATE TABLE batches (district text NOT NULL, last bigint NOT NULL, batch bytea NOT NULL, PRIMARY KEY (district, last));
CREATE TABLE down (district text NOT NULL, last bigint NOT NULL, batch bytea NOT NULL, PRIMARY KEY (district, last));
CREATE TABLE quarantine (district text NOT NULL, hash text NOT NULL, reason text NOT NULL, PRIMARY KEY (district, hash));
CREATE TABLE uploads (id text PRIMARY KEY, bytes bytea NOT NULL, touched timestamptz NOT NULL);
";

impl From<::postgres::Error> for HubError {
    fn from(error: ::postgres::Error) -> Self {
        Self::Postgres(error.to_string())
    }
}

fn table(kept: Kept) -> &'static str {
    match kept {
        Kept::Accepted => "batches",
        Kept::Down => "down",
    }
}

fn sql_int(n: u64) -> Result<i64, HubError> {
    i64::try_from(n).map_err(|_| HubError::Corrupt(format!("sequence {n} beyond PostgreSQL's bigint")))
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or_default()
}

fn decode(json: &str) -> Result<DistrictRecord, HubError> {
    serde_json::from_str(json).map_err(|e| HubError::Corrupt(e.to_string()))
}

fn encode(record: &DistrictRecord) -> Result<String, HubError> {
    serde_json::to_string(record).map_err(|e| HubError::Corrupt(e.to_string()))
}

/// The connections a store keeps for its threads: one per thread at a time, made when none is free.
pub struct PgStore {
    config: Config,
    idle: Mutex<Vec<Client>>,
    /// The database's name, for messages (never the password).
    label: String,
}

/// A connection taken from the store, given back when dropped unless it broke.
struct Pooled<'a> {
    client: Option<Client>,
    store: &'a PgStore,
}

impl Pooled<'_> {
    fn get(&mut self) -> Result<&mut Client, HubError> {
        self.client.as_mut().ok_or_else(|| HubError::Postgres("connection given back".into()))
    }
}

impl Drop for Pooled<'_> {
    fn drop(&mut self) {
        if let Some(client) = self.client.take().filter(|c| !c.is_closed()) {
            self.store.idle.lock().unwrap_or_else(PoisonError::into_inner).push(client);
        }
    }
}

impl PgStore {
    fn connect(url: &str) -> Result<Self, HubError> {
        let config: Config = url.parse()?;
        let label = format!("PostgreSQL database {}", config.get_dbname().unwrap_or("(default)"));
        let store = Self { config, idle: Mutex::new(Vec::new()), label };
        drop(store.client()?);
        Ok(store)
    }

    fn client(&self) -> Result<Pooled<'_>, HubError> {
        let idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner).pop();
        let client = match idle {
            Some(client) => client,
            None => self.config.connect(NoTls)?,
        };
        Ok(Pooled { client: Some(client), store: self })
    }

    fn has_schema(client: &mut Client) -> Result<bool, HubError> {
        Ok(client.query_one("SELECT to_regclass('hub_meta') IS NOT NULL", &[])?.get(0))
    }

    /// Creates the schema in one transaction; refuses when a hub's schema is there.
    pub fn create(url: &str, id: &str, key_hex: &str) -> Result<Self, HubError> {
        let store = Self::connect(url)?;
        {
            let mut pooled = store.client()?;
            let client = pooled.get()?;
            if Self::has_schema(client)? {
                return Err(HubError::Exists(store.label.clone()));
            }
            let mut tx = client.transaction()?;
            tx.batch_execute(SCHEMA)?;
            let version = SCHEMA_VERSION.to_string();
            for (key, value) in [("schema_version", version.as_str()), ("hub_id", id), ("hub_key", key_hex)] {
                tx.execute("INSERT INTO hub_meta (key, value) VALUES ($1, $2)", &[&key, &value])?;
            }
            tx.commit()?;
        }
        Ok(store)
    }

    /// The store and the hub's id; refuses a database without the schema or with another version.
    pub fn open(url: &str) -> Result<(Self, String), HubError> {
        let store = Self::connect(url)?;
        let id = {
            let mut pooled = store.client()?;
            let client = pooled.get()?;
            if !Self::has_schema(client)? {
                return Err(HubError::Missing(store.label.clone()));
            }
            let version = store.meta("schema_version")?.unwrap_or_default();
            if version != SCHEMA_VERSION.to_string() {
                return Err(HubError::SchemaVersion { found: version, expected: SCHEMA_VERSION });
            }
            store.meta("hub_id")?.ok_or_else(|| HubError::NotAHub(store.label.clone()))?
        };
        Ok((store, id))
    }

    pub fn meta(&self, key: &str) -> Result<Option<String>, HubError> {
        let mut pooled = self.client()?;
        let row = pooled.get()?.query_opt("SELECT value FROM hub_meta WHERE key = $1", &[&key])?;
        Ok(row.map(|r| r.get(0)))
    }

    pub fn district(&self, code: &str) -> Result<Option<DistrictRecord>, HubError> {
        let mut pooled = self.client()?;
        let row = pooled.get()?.query_opt("SELECT record::text FROM districts WHERE code = $1", &[&code])?;
        row.map(|r| decode(r.get(0))).transpose()
    }

    pub fn districts(&self) -> Result<Vec<(String, DistrictRecord)>, HubError> {
        let mut pooled = self.client()?;
        let rows = pooled.get()?.query("SELECT code, record::text FROM districts ORDER BY code", &[])?;
        rows.iter().map(|r| Ok((r.get(0), decode(r.get(1))?))).collect()
    }

    pub fn enroll(&self, code: &str, key: &PublicKey, at: DateTime<Utc>) -> Result<u32, HubError> {
        let mut pooled = self.client()?;
        let mut tx = pooled.get()?.transaction()?;
        // A new district is inserted whole; one already there is locked and re-enrolled, so two
        // enrolments at once both count.
        let fresh = encode(&DistrictRecord::new(key, at))?;
        let inserted = tx.execute(
            "INSERT INTO districts (code, record) VALUES ($1, $2::text::jsonb) ON CONFLICT (code) DO NOTHING",
            &[&code, &fresh],
        )?;
        let count = if inserted == 1 {
            1
        } else {
            let row = tx.query_one("SELECT record::text FROM districts WHERE code = $1 FOR UPDATE", &[&code])?;
            let record = decode(row.get(0))?.re_enrolled(key, at);
            tx.execute("UPDATE districts SET record = $2::text::jsonb WHERE code = $1", &[&code, &encode(&record)?])?;
            record.enrolments
        };
        tx.execute(
            "INSERT INTO enrolments (district, at, key) VALUES ($1, $2, $3) ON CONFLICT (district, at) DO UPDATE SET key = EXCLUDED.key",
            &[&code, &at, &key.to_hex()],
        )?;
        tx.commit()?;
        Ok(count)
    }

    pub fn with_district<T>(
        &self,
        code: &str,
        change: impl FnOnce(&mut DistrictRecord, &dyn DistrictTxn) -> Result<T, HubError>,
    ) -> Result<T, HubError> {
        let mut pooled = self.client()?;
        let mut tx = pooled.get()?.transaction()?;
        let row = tx.query_opt("SELECT record::text FROM districts WHERE code = $1 FOR UPDATE", &[&code])?;
        let mut record = decode(row.ok_or_else(|| HubError::UnknownDistrict(code.to_owned()))?.get(0))?;
        let txn = PgTxn { tx: RefCell::new(tx), code };
        let out = change(&mut record, &txn)?;
        let mut tx = txn.tx.into_inner();
        tx.execute("UPDATE districts SET record = $2::text::jsonb WHERE code = $1", &[&code, &encode(&record)?])?;
        tx.commit()?;
        Ok(out)
    }

    pub fn held_count(&self, code: &str) -> Result<u64, HubError> {
        let mut pooled = self.client()?;
        let row = pooled.get()?.query_one("SELECT count(*) FROM held WHERE district = $1", &[&code])?;
        Ok(count(row.get(0)))
    }

    pub fn enrolled_keys(&self, code: &str) -> Result<Vec<String>, HubError> {
        let mut pooled = self.client()?;
        let rows = pooled.get()?.query("SELECT key FROM enrolments WHERE district = $1 ORDER BY at", &[&code])?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    pub fn read_held(&self, code: &str) -> Result<Vec<(u64, Vec<u8>)>, HubError> {
        let mut pooled = self.client()?;
        let rows = pooled.get()?.query("SELECT sequence, event FROM held WHERE district = $1 ORDER BY sequence", &[&code])?;
        Ok(rows.iter().map(|r| (count(r.get(0)), r.get(1))).collect())
    }

    pub fn quarantined(&self, code: &str) -> Result<Vec<(String, String)>, HubError> {
        let mut pooled = self.client()?;
        let rows = pooled.get()?.query("SELECT hash, reason FROM quarantine WHERE district = $1 ORDER BY hash", &[&code])?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    pub fn quarantine(&self, code: &str, hash: &str, reason: &str) -> Result<(), HubError> {
        let mut pooled = self.client()?;
        pooled.get()?.execute(
            "INSERT INTO quarantine (district, hash, reason) VALUES ($1, $2, $3) \
             ON CONFLICT (district, hash) DO UPDATE SET reason = EXCLUDED.reason",
            &[&code, &hash, &reason],
        )?;
        Ok(())
    }

    pub fn batches_after(&self, kept: Kept, code: &str, after: u64) -> Result<Vec<Vec<u8>>, HubError> {
        let mut pooled = self.client()?;
        let sql = format!("SELECT batch FROM {} WHERE district = $1 AND last > $2 ORDER BY last", table(kept));
        let rows = pooled.get()?.query(&sql, &[&code, &sql_int(after)?])?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }
}

struct PgTxn<'a> {
    tx: RefCell<Transaction<'a>>,
    code: &'a str,
}

impl DistrictTxn for PgTxn<'_> {
    fn held_item(&self, sequence: u64) -> Result<Option<Vec<u8>>, HubError> {
        let row = self
            .tx
            .borrow_mut()
            .query_opt("SELECT event FROM held WHERE district = $1 AND sequence = $2", &[&self.code, &sql_int(sequence)?])?;
        Ok(row.map(|r| r.get(0)))
    }

    fn batch_hash(&self, kept: Kept, last: u64) -> Result<Option<String>, HubError> {
        let sql = format!("SELECT batch FROM {} WHERE district = $1 AND last = $2", table(kept));
        let row = self.tx.borrow_mut().query_opt(&sql, &[&self.code, &sql_int(last)?])?;
        Ok(row.map(|r| hash_of(r.get(0))))
    }

    fn put_held(&self, items: &[Item]) -> Result<(), HubError> {
        // One statement for the whole batch: a round trip per event would bound ingest by latency.
        let sequences = items.iter().map(|i| sql_int(i.sequence)).collect::<Result<Vec<_>, _>>()?;
        let events: Vec<&[u8]> = items.iter().map(|i| i.bytes.as_slice()).collect();
        self.tx.borrow_mut().execute(
            "INSERT INTO held (district, sequence, event) SELECT $1, s, e FROM unnest($2::bigint[], $3::bytea[]) AS t(s, e)",
            &[&self.code, &sequences, &events],
        )?;
        Ok(())
    }

    fn put_batch(&self, kept: Kept, last: u64, bytes: &[u8]) -> Result<(), HubError> {
        let sql = format!("INSERT INTO {} (district, last, batch) VALUES ($1, $2, $3)", table(kept));
        self.tx.borrow_mut().execute(&sql, &[&self.code, &sql_int(last)?, &bytes])?;
        Ok(())
    }
}

/// A database of its own on a PostgreSQL server, dropped with this value: each test and benchmark
/// run works on a fresh one. The server is the one `BAKHSHYAR_TEST_POSTGRES` names.
pub struct ScratchDatabase {
    admin_url: String,
    name: String,
    pub url: String,
}

/// The variable naming the PostgreSQL server the tests and benchmarks use.
pub const TEST_SERVER_VARIABLE: &str = "BAKHSHYAR_TEST_POSTGRES";

impl ScratchDatabase {
    /// A fresh database on the server `BAKHSHYAR_TEST_POSTGRES` names, or `None` when it is unset.
    pub fn from_env(purpose: &str) -> Option<Result<Self, HubError>> {
        let url = std::env::var(TEST_SERVER_VARIABLE).ok().filter(|u| !u.trim().is_empty())?;
        Some(Self::create(&url, purpose))
    }

    /// A new database named after `purpose`, the process and the time, on the server of `admin_url`.
    pub fn create(admin_url: &str, purpose: &str) -> Result<Self, HubError> {
        let stamp = Utc::now().timestamp_nanos_opt().unwrap_or_default();
        let purpose: String =
            purpose.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect();
        let name: String = format!("bh_{}_{}_{stamp}", std::process::id(), purpose).chars().take(63).collect();
        let mut client = Client::connect(admin_url, NoTls)?;
        client.batch_execute(&format!("CREATE DATABASE \"{name}\""))?;
        Ok(Self { url: with_database(admin_url, &name), admin_url: admin_url.to_owned(), name })
    }
}

impl Drop for ScratchDatabase {
    fn drop(&mut self) {
        let dropped = Client::connect(&self.admin_url, NoTls)
            .and_then(|mut c| c.batch_execute(&format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name)));
        if let Err(error) = dropped {
            tracing::warn!(database = self.name, %error, "the scratch database was not dropped");
        }
    }
}

/// `url` naming the database `name` instead: a URL's path is replaced, a key=value string extended.
pub fn with_database(url: &str, name: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return format!("{url} dbname={name}");
    };
    let (main, query) = rest.split_once('?').map_or((rest, None), |(m, q)| (m, Some(q)));
    let authority = main.split_once('/').map_or(main, |(a, _)| a);
    match query {
        Some(query) => format!("{scheme}://{authority}/{name}?{query}"),
        None => format!("{scheme}://{authority}/{name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn a_url_names_another_database() {
        assert_eq!(with_database("postgres://u:p@h:5432/postgres", "x"), "postgres://u:p@h:5432/x");
        assert_eq!(with_database("postgresql://h", "x"), "postgresql://h/x");
        assert_eq!(with_database("postgres://h/db?sslmode=disable", "x"), "postgres://h/x?sslmode=disable");
        assert_eq!(with_database("host=h user=u", "x"), "host=h user=u dbname=x");
    }
}
