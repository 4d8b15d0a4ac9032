//! The district's side of sync in the store: what the hub has confirmed, the hub's identity, the
//! outbox read as batch items, receipts that let the outbox shrink, events taken back from the hub
//! after a restore from an older backup, and quarantined batches.
//!
//! Stores made before sync lack the sync tables; reading treats them as empty and the first write
//! creates them, so no schema change is needed.

#[cfg(feature = "sync")]
pub use district::{Acked, OutboxEntry, SyncState};

#[cfg(feature = "sync")]
mod district {
    use chrono::{DateTime, Utc};
    use redb::{ReadTransaction, ReadableDatabase, ReadableTable, ReadableTableMetadata, TableError, WriteTransaction};

    use super::super::record::{CaseRecordV1, EventRecordV1, decode};
    use super::super::tables::{CASES, EVENTS, META, OUTBOX, OUTBOX_NEXT_KEY, SYNC_QUARANTINE, SYNC_STATE, sequence_key};
    use super::super::write::{read_events, read_number, store_projection};
    use super::super::{Database, StoreError};
    use crate::domain::calendar::JalaliDate;
    use crate::domain::case::{Case, EventKind};
    use crate::domain::catalog::Catalog;

    /// What the hub has confirmed (its last receipt): everything up to `sequence`, the batch
    /// ending there having `hash`.
    #[derive(Debug, Clone, Default, PartialEq, Eq)]
    pub struct Acked {
        pub sequence: u64,
        pub hash: Option<String>,
    }

    /// One outbox entry: its sequence and the stored bytes of its event, as they travel.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct OutboxEntry {
        pub sequence: u64,
        pub bytes: Vec<u8>,
    }

    /// What the district knows of its sync with the hub.
    #[derive(Debug, Clone, Default, PartialEq, Eq)]
    pub struct SyncState {
        pub hub_id: Option<String>,
        pub hub_key: Option<String>,
        /// The last receipt: everything up to here is held by the hub.
        pub acked: Acked,
        /// The last batch taken from the hub (its last sequence and hash).
        pub down_held: u64,
        pub down_hash: Option<String>,
        pub last_contact: Option<DateTime<Utc>>,
        /// When a push last ended with every batch taken, and a pull (or a reply file) last ended.
        pub last_push: Option<DateTime<Utc>>,
        pub last_pull: Option<DateTime<Utc>>,
        /// Outbox entries waiting to be confirmed.
        pub pending: u64,
        /// The act of the record's chain that the last confirmed event stands at: the next batch's
        /// stretch of the chain starts after it (`sync::span`).
        pub chain_acked: Option<u64>,
        /// The next outbox sequence.
        pub outbox_next: u64,
    }

    const HUB_ID: &str = "hub_id";
    const HUB_KEY: &str = "hub_key";
    const ACKED: &str = "acked";
    const ACKED_HASH: &str = "acked_hash";
    const DOWN_HELD: &str = "down_held";
    const DOWN_HASH: &str = "down_hash";
    const LAST_CONTACT: &str = "last_contact";
    const LAST_PUSH: &str = "last_push";
    const LAST_PULL: &str = "last_pull";
    const CHAIN_ACKED: &str = "chain_acked";

    fn instant(text: Option<String>) -> Option<DateTime<Utc>> {
        text.and_then(|t| DateTime::parse_from_rfc3339(&t).ok()).map(|t| t.with_timezone(&Utc))
    }

    impl Database {
        pub fn sync_state(&self) -> Result<SyncState, StoreError> {
            let txn = self.db.begin_read()?;
            let get = |key: &str| read_state(&txn, key);
            let number = |key: &str| -> Result<u64, StoreError> {
                get(key)?.map_or(Ok(0), |v| v.parse().map_err(|_| StoreError::Corrupt(format!("sync {key}"))))
            };
            let pending = txn.open_table(OUTBOX)?.len()?;
            let outbox_next = read_number(&txn.open_table(META)?, OUTBOX_NEXT_KEY)?.unwrap_or(1);
            Ok(SyncState {
                hub_id: get(HUB_ID)?,
                hub_key: get(HUB_KEY)?,
                acked: Acked { sequence: number(ACKED)?, hash: get(ACKED_HASH)? },
                down_held: number(DOWN_HELD)?,
                down_hash: get(DOWN_HASH)?,
                last_contact: instant(get(LAST_CONTACT)?),
                last_push: instant(get(LAST_PUSH)?),
                last_pull: instant(get(LAST_PULL)?),
                pending,
                chain_acked: get(CHAIN_ACKED)?.and_then(|v| v.parse().ok()),
                outbox_next,
            })
        }

        /// Records the hub this district syncs with, as `sync trust` gives it from enrolment.
        pub fn trust_hub(&self, id: &str, key_hex: &str) -> Result<(), StoreError> {
            self.write_state(&[(HUB_ID, id), (HUB_KEY, key_hex)])
        }

        pub fn record_contact(&self, at: DateTime<Utc>) -> Result<(), StoreError> {
            self.write_state(&[(LAST_CONTACT, &at.to_rfc3339())])
        }

        /// A push that ended with every pending batch taken by the hub.
        pub fn record_push(&self, at: DateTime<Utc>) -> Result<(), StoreError> {
            self.write_state(&[(LAST_PUSH, &at.to_rfc3339())])
        }

        /// A pull (or a reply file) taken to its end.
        pub fn record_pull(&self, at: DateTime<Utc>) -> Result<(), StoreError> {
            self.write_state(&[(LAST_PULL, &at.to_rfc3339())])
        }

        /// Every outbox entry, in order.
        pub fn outbox_entries(&self) -> Result<Vec<OutboxEntry>, StoreError> {
            let txn = self.db.begin_read()?;
            let mut items = Vec::new();
            let events = txn.open_table(EVENTS)?;
            for entry in txn.open_table(OUTBOX)?.iter()? {
                let (key, value) = entry?;
                let (code, number) = value.value();
                let event = events.get((code, number))?.ok_or_else(|| StoreError::Corrupt(format!("outbox {}", key.value())))?;
                items.push(OutboxEntry { sequence: key.value(), bytes: event.value().to_vec() });
            }
            Ok(items)
        }

        /// The outbox's first entry, without reading the rest (doctor asks how long it has waited).
        pub fn oldest_outbox_entry(&self) -> Result<Option<OutboxEntry>, StoreError> {
            let txn = self.db.begin_read()?;
            let outbox = txn.open_table(OUTBOX)?;
            let Some((key, value)) = outbox.first()? else { return Ok(None) };
            let (code, number) = value.value();
            let event = txn
                .open_table(EVENTS)?
                .get((code, number))?
                .ok_or_else(|| StoreError::Corrupt(format!("outbox {}", key.value())))?;
            Ok(Some(OutboxEntry { sequence: key.value(), bytes: event.value().to_vec() }))
        }

        /// Takes a receipt: the outbox entries it covers are deleted, now and only now. A receipt
        /// beyond the outbox (this store was restored from an older backup) moves the outbox on, so
        /// numbers the hub holds are never used again.
        pub fn confirm(&self, receipt: &Acked, at: DateTime<Utc>) -> Result<(), StoreError> {
            let txn = self.db.begin_write()?;
            {
                let mut state = txn.open_table(SYNC_STATE)?;
                let acked = state.get(ACKED)?.and_then(|v| v.value().parse::<u64>().ok()).unwrap_or(0);
                if receipt.sequence >= acked {
                    if let Some(act) = act_of_outbox_entry(&txn, receipt.sequence)? {
                        state.insert(CHAIN_ACKED, act.to_string().as_str())?;
                    }
                    state.insert(ACKED, receipt.sequence.to_string().as_str())?;
                    match &receipt.hash {
                        Some(hash) => state.insert(ACKED_HASH, hash.as_str())?,
                        None => state.remove(ACKED_HASH)?,
                    };
                }
                state.insert(LAST_CONTACT, at.to_rfc3339().as_str())?;
                let mut outbox = txn.open_table(OUTBOX)?;
                let confirmed: Vec<u64> =
                    outbox.range(..=receipt.sequence)?.map(|e| e.map(|(k, _)| k.value())).collect::<Result<_, _>>()?;
                for sequence in confirmed {
                    outbox.remove(sequence)?;
                }
                let mut meta = txn.open_table(META)?;
                let next = read_number(&meta, OUTBOX_NEXT_KEY)?.unwrap_or(1);
                if next <= receipt.sequence {
                    meta.insert(OUTBOX_NEXT_KEY, (receipt.sequence + 1).to_string().as_str())?;
                }
            }
            txn.commit()?;
            Ok(())
        }

        /// Writes back this district's own events that the hub holds and this store does not (it was
        /// restored from an older backup): events, projections and indexes, not the outbox. An event
        /// whose number this store already used for something else is a conflict: nothing is written.
        pub fn recover_events(&self, catalog: &Catalog, items: &[OutboxEntry]) -> Result<usize, StoreError> {
            let txn = self.db.begin_write()?;
            let next = read_number(&txn.open_table(META)?, OUTBOX_NEXT_KEY)?.unwrap_or(1);
            let mut written = 0;
            let mut last = next.saturating_sub(1);
            for item in items.iter().filter(|i| i.sequence >= next) {
                if recover_one(&txn, catalog, item)? {
                    written += 1;
                }
                last = last.max(item.sequence);
            }
            txn.open_table(META)?.insert(OUTBOX_NEXT_KEY, (last + 1).to_string().as_str())?;
            txn.commit()?;
            Ok(written)
        }

        /// Records the last batch taken from the hub.
        pub fn record_down(&self, held: u64, hash: &str) -> Result<(), StoreError> {
            self.write_state(&[(DOWN_HELD, &held.to_string()), (DOWN_HASH, hash)])
        }

        pub fn quarantine(&self, hash: &str, reason: &str) -> Result<(), StoreError> {
            let txn = self.db.begin_write()?;
            txn.open_table(SYNC_QUARANTINE)?.insert(hash, reason)?;
            txn.commit()?;
            Ok(())
        }

        /// Quarantined batches: (hash, reason).
        pub fn quarantined(&self) -> Result<Vec<(String, String)>, StoreError> {
            let txn = self.db.begin_read()?;
            let table = match txn.open_table(SYNC_QUARANTINE) {
                Ok(table) => table,
                Err(TableError::TableDoesNotExist(_)) => return Ok(Vec::new()),
                Err(e) => return Err(e.into()),
            };
            let mut out = Vec::new();
            for entry in table.iter()? {
                let (hash, reason) = entry?;
                out.push((hash.value().to_owned(), reason.value().to_owned()));
            }
            Ok(out)
        }

        fn write_state(&self, pairs: &[(&str, &str)]) -> Result<(), StoreError> {
            let txn = self.db.begin_write()?;
            {
                let mut state = txn.open_table(SYNC_STATE)?;
                for (key, value) in pairs {
                    state.insert(*key, *value)?;
                }
            }
            txn.commit()?;
            Ok(())
        }
    }

    /// The act of the record's chain that stands for the event at outbox `sequence`, looked for
    /// from the chain's end (a confirmed event is among the latest acts).
    fn act_of_outbox_entry(txn: &WriteTransaction, sequence: u64) -> Result<Option<u64>, StoreError> {
        let outbox = txn.open_table(OUTBOX)?;
        let Some(entry) = outbox.get(sequence)? else { return Ok(None) };
        let (case, event) = entry.value();
        super::super::chain::act_of(&txn.open_table(super::super::tables::CHAIN)?, (case, event))
    }

    fn read_state(txn: &ReadTransaction, key: &str) -> Result<Option<String>, StoreError> {
        match txn.open_table(SYNC_STATE) {
            Ok(table) => Ok(table.get(key)?.map(|v| v.value().to_owned())),
            Err(TableError::TableDoesNotExist(_)) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// One recovered event; false when the store already has it, byte for byte.
    fn recover_one(txn: &WriteTransaction, catalog: &Catalog, item: &OutboxEntry) -> Result<bool, StoreError> {
        let event = decode::<EventRecordV1>(&item.bytes)?.to_domain()?;
        let code = event.case.as_str();
        let mut events = txn.open_table(EVENTS)?;
        if let Some(existing) = events.get((code, event.sequence))? {
            if existing.value() == item.bytes.as_slice() {
                return Ok(false);
            }
            return Err(StoreError::Corrupt(format!("sync conflict: {code} event {}", event.sequence)));
        }
        let old = txn.open_table(CASES)?.get(code)?.map(|v| decode::<CaseRecordV1>(v.value())).transpose()?;
        let case = match &old {
            None => Case::replay(std::slice::from_ref(&event))?,
            Some(old) => {
                let mut case = old.to_domain(read_events(&events, code)?)?;
                case.apply(&event)?;
                case
            }
        };
        events.insert((code, event.sequence), item.bytes.as_slice())?;
        super::super::chain::append(txn, code, event.sequence, &item.bytes)?;
        drop(events);
        let workflow = catalog.find(&case.service_key).map(|s| &s.workflow);
        store_projection(txn, old.as_ref(), &case, workflow)?;
        if matches!(event.kind, EventKind::Opened { .. }) {
            // The case number was used before the restore: never hand it out again.
            let year = JalaliDate::at_iran(event.at).year;
            let used: u64 = code.get(6..12).and_then(|n| n.parse().ok()).unwrap_or(0);
            let mut meta = txn.open_table(META)?;
            let key = sequence_key(year);
            if read_number(&meta, &key)?.unwrap_or(1) <= used {
                meta.insert(key.as_str(), (used + 1).to_string().as_str())?;
            }
        }
        Ok(true)
    }
}

#[cfg(all(test, feature = "sync"))]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::super::tables::{SYNC_QUARANTINE, SYNC_STATE};
    use super::super::tests::{catalog, new_db, open_case};
    use super::Acked;

    fn day(d: u32) -> chrono::DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, d, 9, 0, 0).single().unwrap_or_else(|| panic!("time"))
    }

    #[test]
    fn a_store_made_before_sync_reads_as_never_synced_and_gains_the_tables_on_first_write() {
        let (_dir, db) = new_db();
        let txn = db.db.begin_write().unwrap_or_else(|e| panic!("{e}"));
        txn.delete_table(SYNC_STATE).unwrap_or_else(|e| panic!("{e}"));
        txn.delete_table(SYNC_QUARANTINE).unwrap_or_else(|e| panic!("{e}"));
        txn.commit().unwrap_or_else(|e| panic!("{e}"));
        let state = db.sync_state().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((state.hub_id, state.acked.sequence, state.outbox_next), (None, 0, 1));
        assert_eq!(db.quarantined(), Ok(Vec::new()));
        db.quarantine("abc", "forked").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(db.quarantined(), Ok(vec![("abc".to_owned(), "forked".to_owned())]));
    }

    #[test]
    fn the_outbox_shrinks_only_by_what_a_receipt_confirms() {
        let (_dir, db) = new_db();
        let catalog = catalog();
        for n in 0..3 {
            open_case(&db, &catalog, &format!("علی {n}"), day(1));
        }
        db.confirm(&Acked { sequence: 2, hash: Some("h2".into()) }, day(2)).unwrap_or_else(|e| panic!("{e}"));
        let items = db.outbox_entries().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(items.iter().map(|i| i.sequence).collect::<Vec<_>>(), vec![3]);
        assert_eq!(
            db.oldest_outbox_entry().map(|first| first.map(|e| (e.sequence, e.bytes))),
            Ok(Some((3, items[0].bytes.clone())))
        );
        let state = db.sync_state().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((state.acked.sequence, state.acked.hash.as_deref(), state.last_contact), (2, Some("h2"), Some(day(2))));
        // An older receipt arriving late takes nothing back.
        db.confirm(&Acked { sequence: 1, hash: Some("h1".into()) }, day(3)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(db.sync_state().map(|s| s.acked.sequence), Ok(2));
        // A receipt beyond the outbox (restored from an older backup) moves numbering past it.
        db.confirm(&Acked { sequence: 9, hash: None }, day(3)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(db.sync_state().map(|s| (s.pending, s.outbox_next)), Ok((0, 10)));
        assert_eq!(db.oldest_outbox_entry(), Ok(None));
    }
}
