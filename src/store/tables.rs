//! Every table of the database, in one place (DESIGN.md, house style 6).
//!
//! Values are encoded records (`record.rs`), never the domain types' layout. Index tables map a
//! composite key ending in the tracking code to `()`, so a range scan over the key's prefix finds
//! the cases and the same case can sit under many keys.

use redb::{Key, TableDefinition, Value};

/// Text settings: the magic marker, the schema version, the district, and the next sequence per
/// Solar Hijri year (`next-sequence/1405`).
pub const META: TableDefinition<&str, &str> = TableDefinition::new("meta");

/// Tracking code → encoded case projection (`CaseRecordV1`).
pub const CASES: TableDefinition<&str, &[u8]> = TableDefinition::new("cases");

/// (tracking code, event sequence) → encoded event (`EventRecordV1`); append-only.
pub const EVENTS: TableDefinition<(&str, u32), &[u8]> = TableDefinition::new("events");

/// Global sequence → (tracking code, event sequence) of an event in `EVENTS` waiting for sync;
/// written in the same transaction as the event. A reference, not a copy: events are never edited
/// or deleted, and a copy doubled the biggest part of the file. From schema 5.
pub const OUTBOX: TableDefinition<u64, (&str, u32)> = TableDefinition::new("outbox-ref");

/// Schemas 1 to 4: global sequence → a copy of the encoded event. The migration to schema 5 turns
/// it into `OUTBOX`; `check` still reads it in old backups.
pub const OUTBOX_V4: TableDefinition<u64, &[u8]> = TableDefinition::new("outbox");

/// An index from a text key to the cases under it.
pub type TextIndex = TableDefinition<'static, (&'static str, &'static str), ()>;

/// (national ID or legal-entity ID, tracking code).
pub const BY_IDENTITY: TextIndex = TableDefinition::new("index-identity");

/// Schemas 1 and 2 only: (one folded word of the applicant's name, tracking code). Schema 3
/// replaced it with `BY_NAME_WORD`; the migration deletes it, `check` still reads it in old backups.
pub const BY_NAME_V2: TextIndex = TableDefinition::new("index-name");

/// (one folded word of the applicant's name, opened at in Unix milliseconds, tracking code), one entry
/// per distinct word: a prefix finds each matching word by a seek, and each word's cases lie newest
/// last, so merging the words' ranges read backwards gives a sorted page without reading the rest.
/// From schema 4.
pub const BY_NAME_WORD: TableDefinition<(&str, i64, &str), ()> = TableDefinition::new("index-name-word");

/// Every prefix of every folded name word → how many cases have a word starting with it (a case
/// counts once however many of its words share the prefix): the total of a name search without
/// walking its matches. From schema 4.
pub const NAME_PREFIX_COUNT: TableDefinition<&str, u64> = TableDefinition::new("count-name-prefix");

/// Day of a `BY_DEADLINE` entry (Unix milliseconds / `DAY_MILLIS`) → entries that day: the overdue
/// total is the whole days before "now" summed plus today's entries counted. From schema 4.
pub const DEADLINE_DAY_COUNT: TableDefinition<i64, u64> = TableDefinition::new("count-deadline-day");

/// How many cases sit under each key, kept in every write: `all`, `status/<status>`,
/// `service/<service key>`, and `office/<office key>` for open cases waiting for that office. The
/// counter's headline numbers read these, whatever the store's size. From schema 6.
pub const CASE_COUNT: TableDefinition<&str, u64> = TableDefinition::new("count-cases");

/// Day in Iran a case was opened (`indexes::iran_day`) → cases opened that day. From schema 6.
pub const OPENED_DAY_COUNT: TableDefinition<i64, u64> = TableDefinition::new("count-opened-day");

/// Act number (from 1) → (tracking code, event sequence, hash of the link): the record's hash
/// chain (`chain.rs`), one act per stored event, written in the event's transaction. From schema 6.
pub const CHAIN: TableDefinition<u64, (&str, u32, &[u8])> = TableDefinition::new("record-chain");

/// Account name → encoded account (`accounts::AccountRecordV1`): who may log in, in which role.
/// Never deleted: a disabled account keeps its history. From schema 7.
pub const ACCOUNTS: TableDefinition<&str, &[u8]> = TableDefinition::new("accounts");

/// Act number (from 1) → encoded act of the office on no case (`accounts::OfficeActRecordV1`):
/// logins, account changes, backups, restores, receipts, syncs; each one chained. From schema 7.
pub const OFFICE_LOG: TableDefinition<u32, &[u8]> = TableDefinition::new("office-log");

/// (the last `indexes::MIN_DIGITS` or more digits of a case's tracking code or applicant's ID,
/// tracking code) → opened at (Unix milliseconds): every run of digits inside a code or an ID begins
/// one of these tails, so the tails beginning with what a clerk typed are the cases containing it,
/// with their opening times for a newest-first page without reading the cases. From schema 9.
pub const BY_DIGITS: TableDefinition<(&str, &str), i64> = TableDefinition::new("index-digits");

/// Milliseconds in a day, the bucket of `DEADLINE_DAY_COUNT`.
pub const DAY_MILLIS: i64 = 86_400_000;

/// (service key, tracking code).
pub const BY_SERVICE: TextIndex = TableDefinition::new("index-service");

/// (status key, tracking code).
pub const BY_STATUS: TextIndex = TableDefinition::new("index-status");

/// (current step id, tracking code).
pub const BY_STEP: TextIndex = TableDefinition::new("index-step");

/// (opened at, Unix milliseconds; tracking code): the order search results come back in.
pub const BY_OPENED: TableDefinition<(i64, &str), ()> = TableDefinition::new("index-opened");

/// (deadline of the current step, Unix milliseconds; tracking code), for open cases whose step has
/// a time limit: everything below "now" is overdue.
pub const BY_DEADLINE: TableDefinition<(i64, &str), ()> = TableDefinition::new("index-deadline");

/// Catalogue version → its files as published (`catalogs::CatalogRecordV1`, JSON); schema 3.
pub const CATALOGS: TableDefinition<&str, &[u8]> = TableDefinition::new("catalogs");

/// The version of the active catalogue for new cases, once one came down from the governorate.
pub const ACTIVE_CATALOG_KEY: &str = "active_catalog";

pub const MAGIC_KEY: &str = "magic";
pub const MAGIC: &str = "bakhshyar-district-store";
pub const SCHEMA_VERSION_KEY: &str = "schema_version";
pub const DISTRICT_CODE_KEY: &str = "district_code";
pub const DISTRICT_NAME_KEY: &str = "district_name";
pub const OUTBOX_NEXT_KEY: &str = "outbox_next";
/// The district's Ed25519 seed (hex), in schemas 2 to 7; from schema 8 on it is in its own file
/// (`key_file.rs`), and backups no longer carry it.
pub const SIGNING_KEY_KEY: &str = "district_signing_key";
/// The Argon2id hash of the administrator's recovery code (printed on the recovery sheet).
pub const RECOVERY_CODE_KEY: &str = "recovery_code_hash";

/// Where the meta keys of each year's serial floor begin (`serial_floor/1405`): the highest serial
/// a database replaced by a restore had given, so no serial is given twice.
pub const SERIAL_FLOOR_PREFIX: &str = "serial_floor/";

/// Where the meta keys of each year's next case sequence begin.
pub const SEQUENCE_PREFIX: &str = "next_sequence/";

/// The meta key holding the next case sequence of a Solar Hijri year.
pub fn sequence_key(solar_year: i32) -> String {
    format!("{SEQUENCE_PREFIX}{solar_year}")
}

/// (key of the office that must act at the current step, tracking code), for open cases whose step
/// names one (`Office::key`). From schema 2.
pub const BY_OFFICE: TextIndex = TableDefinition::new("index-office");
/// (Solar Hijri year, serial number) → tracking code of the case the document was issued on.
/// Serials are allocated as the year's last number + 1 in the transaction that records the issue,
/// so they are unique and gap-free per year by construction; never deleted. Created with the
/// store from the issued-documents version on; read paths treat a file without it as empty.
pub const SERIALS: TableDefinition<(u16, u32), &str> = TableDefinition::new("issued-serials");
/// Sync with the hub (`store/sync.rs`): `hub_id`, `hub_key`, `acked` and `acked_hash` (the last
/// receipt), `down_held` and `down_hash` (the last batch taken from the hub), `last_contact`.
/// Stores made before sync have no such table; it reads as empty until the first write.
pub const SYNC_STATE: TableDefinition<&str, &str> = TableDefinition::new("sync-state");

/// Batch hash → why it could not be applied (sent up and refused, or come down and refused).
pub const SYNC_QUARANTINE: TableDefinition<&str, &str> = TableDefinition::new("sync-quarantine");

/// Something done to each table in turn by `every_table`: created in a new store, copied into a
/// backup, listed by a test.
pub(super) trait TableVisitor {
    type Error;
    fn visit<K: Key + 'static, V: Value + 'static>(&mut self, table: TableDefinition<'static, K, V>) -> Result<(), Self::Error>;
}

/// Every table of the current schema, listed once: `initialize` creates them, backups copy them,
/// and a test checks the list against what a new store holds.
pub(super) fn every_table<T: TableVisitor>(visitor: &mut T) -> Result<(), T::Error> {
    visitor.visit(META)?;
    visitor.visit(CASES)?;
    visitor.visit(EVENTS)?;
    visitor.visit(OUTBOX)?;
    for index in [BY_IDENTITY, BY_SERVICE, BY_STATUS, BY_STEP, BY_OFFICE] {
        visitor.visit(index)?;
    }
    visitor.visit(BY_OPENED)?;
    visitor.visit(BY_DEADLINE)?;
    visitor.visit(BY_NAME_WORD)?;
    visitor.visit(BY_DIGITS)?;
    visitor.visit(NAME_PREFIX_COUNT)?;
    visitor.visit(DEADLINE_DAY_COUNT)?;
    visitor.visit(CASE_COUNT)?;
    visitor.visit(OPENED_DAY_COUNT)?;
    visitor.visit(CHAIN)?;
    visitor.visit(ACCOUNTS)?;
    visitor.visit(OFFICE_LOG)?;
    visitor.visit(SERIALS)?;
    visitor.visit(CATALOGS)?;
    visitor.visit(SYNC_STATE)?;
    visitor.visit(SYNC_QUARANTINE)
}
