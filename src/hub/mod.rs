//! The province hub (DESIGN.md, "Sync, in principle"): enrolled districts push signed batches of
//! their events, which it holds exactly once; it sends decisions down in batches it signs itself.
//! The same operations serve HTTP (`http`) and files carried on a USB stick (`import` / `export`).

pub mod admin;
pub mod http;
pub mod requests;
pub mod store;
pub mod uploads;
pub mod verify;

use chrono::{DateTime, Utc};
use serde::Serialize;
use thiserror::Error;

use crate::domain::case::{CaseEvent, EventKind};
use crate::domain::issued::Serial;
use crate::domain::tracking::TrackingCode;
use crate::print::verify::Code;
use crate::signing::PublicKey;
use crate::sync::admit::{Chain, admit};
use crate::sync::auth::AuthError;
use crate::sync::batch::{Batch, Header, Item, hash_of, open, peek, sign};
use crate::sync::message::Message;
use crate::sync::seal::{seal, unseal};
use crate::sync::span::extend;
use crate::sync::verdict::{HubStatus, HubVerdict};
use crate::sync::{Receipt, SetAside, SyncError, bundle, check_events};
use store::{HubStore, Kept, Lookups};

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum HubError {
    #[error("{0}")]
    Io(String),
    #[error("database error: {0}")]
    Redb(String),
    #[error("PostgreSQL: {0}")]
    Postgres(String),
    #[error("a hub store already exists at {0}")]
    Exists(String),
    #[error("there is no hub store in {0}; run `bakhshyar-hub init` first")]
    Missing(String),
    /// redb's lock: another process (a running `serve`, most likely) has the store open.
    #[error("the hub's store {0} is open in another process")]
    Held(String),
    #[error("{0} is not a hub store")]
    NotAHub(String),
    #[error("the hub store has schema version {found:?}; this hub reads version {expected}")]
    SchemaVersion { found: String, expected: u32 },
    #[error("the hub store is damaged: {0}")]
    Corrupt(String),
    #[error("district {0} is not enrolled")]
    UnknownDistrict(String),
    /// Not a district code `init` would take (digits that fit a tracking code).
    #[error("«{0}» is not a district code")]
    BadDistrictCode(String),
    /// The key is a district's already: one key, one district.
    #[error("this key is enrolled for district {0} already")]
    KeyInUse(String),
    #[error("the upload is at offset {received}, not {offset}")]
    WrongOffset { received: u64, offset: u64 },
    #[error("the uploaded bytes do not match their id")]
    UploadMismatch,
    /// Past a cap on what the hub holds of uploads (`uploads::Caps`).
    #[error("{what} may hold at most {limit} bytes")]
    TooLarge { limit: u64, what: &'static str },
    #[error("the hub holds no case {0}")]
    UnknownCase(String),
    #[error("the hub holds no document {serial} of district {district}")]
    UnknownDocument { district: String, serial: String },
    #[error(transparent)]
    Unauthorized(#[from] AuthError),
    #[error("the catalogue has {count} problems; the first: {first}")]
    BrokenCatalog { count: usize, first: String },
    #[error(transparent)]
    Batch(#[from] SyncError),
}

/// A hub: its store, with the operations every transport shares.
pub struct Hub {
    pub store: HubStore,
}

/// Per district, for `stats --json`.
#[derive(Debug, Clone, Serialize)]
pub struct DistrictStats {
    pub district: String,
    pub events_held: u64,
    pub last_sequence: u64,
    pub last_contact: Option<DateTime<Utc>>,
    pub enrolments: u32,
    pub quarantined: usize,
}

impl Hub {
    /// Takes one batch: verified against the sender's enrolled key, admitted exactly once, its new
    /// events stored with the batch in one transaction. A batch already held answers the receipt.
    /// The receipt is signed for the sender with the hub's key.
    /// `sealed` must be sealed to the hub's key (`sync::seal`); a bare batch is refused unread.
    pub fn receive(&self, sealed: &[u8], at: DateTime<Utc>) -> Result<Receipt, HubError> {
        self.receive_from_district(None, sealed, at)
    }

    /// `receive`; when `district` is given (it signed the request that brought the batch), the
    /// batch must be its own.
    pub(super) fn receive_from_district(
        &self,
        district: Option<&str>,
        sealed: &[u8],
        at: DateTime<Utc>,
    ) -> Result<Receipt, HubError> {
        let key = self.store.signing_key()?;
        let bytes = unseal(sealed, &key)?;
        let sender = peek(&bytes)?.sender;
        if let Some(district) = district.filter(|d| *d != sender) {
            return Err(AuthError::WrongDistrict { signed: district.to_owned(), asked: sender }.into());
        }
        let receipt = self.receive_from(&sender, &bytes, at)?;
        Ok(receipt.signed(&sender, &key))
    }

    fn receive_from(&self, sender: &str, bytes: &[u8], at: DateTime<Utc>) -> Result<Receipt, HubError> {
        let record = self.store.district(sender)?.ok_or_else(|| HubError::UnknownDistrict(sender.to_owned()))?;
        let key = record.public_key().ok_or_else(|| HubError::Corrupt(format!("key of {sender}")))?;
        let batch = open(bytes, &self.store.id, |s| (s == sender).then_some(key))?;
        if let Err(error) = check_events(sender, &batch.items) {
            self.quarantine(sender, &batch, &error)?;
            return Err(error.into());
        }
        match self.admit(sender, &batch, bytes, at) {
            Err(HubError::Batch(SyncError::Replayed { .. })) => {
                self.touch(sender, at)?;
                Ok(self.store.district(sender)?.map(|r| r.receipt()).unwrap_or_default())
            }
            Err(HubError::Batch(
                error @ (SyncError::Forked { .. }
                | SyncError::ChainRewritten { .. }
                | SyncError::ChainGap { .. }
                | SyncError::ChainMissing),
            )) => {
                self.quarantine(sender, &batch, &error)?;
                Err(error.into())
            }
            other => other,
        }
    }

    fn admit(&self, sender: &str, batch: &Batch, bytes: &[u8], at: DateTime<Utc>) -> Result<Receipt, HubError> {
        let receipt = self.store.with_district(sender, |record, txn| {
            let lookups = Lookups::new(txn);
            let admitted = admit(
                &Chain { held: record.held },
                batch,
                |seq| lookups.held_item(seq),
                |seq| lookups.batch_hash(Kept::Accepted, seq),
            );
            lookups.failure()?;
            let admitted = admitted?;
            // The district's record must extend the chain held, or nothing of the batch is taken.
            let head = extend(batch.header.chain.as_ref(), &batch.items, record.chain_head())?;
            txn.put_held(admitted.new_items)?;
            txn.put_batch(Kept::Accepted, admitted.held, bytes)?;
            record.held = admitted.held;
            record.hash = Some(batch.hash.clone());
            record.set_chain_head(head);
            record.last_contact = Some(at);
            Ok(record.receipt())
        })?;
        tracing::info!(district = sender, held = receipt.held, "batch accepted");
        Ok(receipt)
    }

    /// After the province looked into a `chain-rewritten` alarm: the district's chain is taken as
    /// its next batch brings it. The head held until now comes back, for the record; the batches
    /// and events held stay as they were.
    pub fn accept_chain(&self, code: &str) -> Result<Option<(u64, String)>, HubError> {
        let previous = self.store.with_district(code, |record, _| Ok(record.chain.take()))?;
        tracing::warn!(district = code, ?previous, "the district's record chain is accepted anew");
        Ok(previous)
    }

    /// Keeps the batch's sequences and the reason's key with it, so the district reads which
    /// batch and why in its own language (`set_aside`).
    fn quarantine(&self, sender: &str, batch: &Batch, error: &SyncError) -> Result<(), HubError> {
        tracing::warn!(district = sender, %error, "batch quarantined");
        let entry = SetAside {
            first: batch.header.first,
            last: batch.header.last,
            key: error.key().to_owned(),
            detail: error.to_string(),
        };
        let reason = serde_json::to_string(&entry).map_err(|e| HubError::Corrupt(e.to_string()))?;
        self.store.quarantine(sender, &batch.hash, &reason)
    }

    /// The district's batches set aside, in the order of their sequences. A reason kept as plain
    /// text (before sequences were kept) reads as its detail with sequence 0.
    pub fn set_aside(&self, code: &str) -> Result<Vec<SetAside>, HubError> {
        let mut out: Vec<SetAside> = self
            .store
            .quarantined(code)?
            .into_iter()
            .map(|(_, reason)| {
                serde_json::from_str(&reason).unwrap_or(SetAside { first: 0, last: 0, key: String::new(), detail: reason })
            })
            .collect();
        out.sort_by_key(|s| (s.first, s.last));
        Ok(out)
    }

    /// Records that a district was heard from.
    fn touch(&self, code: &str, at: DateTime<Utc>) -> Result<(), HubError> {
        self.store.touch(code, at)
    }

    /// The district's receipt, signed with the hub's key: the district deletes its outbox only on it.
    pub fn receipt(&self, code: &str) -> Result<Receipt, HubError> {
        let record = self.store.district(code)?.ok_or_else(|| HubError::UnknownDistrict(code.to_owned()))?;
        Ok(record.receipt().signed(code, &self.store.signing_key()?))
    }

    /// Applies every batch of a bundle file, each on its own: the receipt or the refusal of each.
    pub fn import(&self, file: &[u8], at: DateTime<Utc>) -> Result<Vec<Result<Receipt, HubError>>, HubError> {
        Ok(bundle::read(file)?.into_iter().map(|batch| self.receive(batch, at)).collect())
    }

    /// The bundle of batches going down to `code` (decisions), for a USB stick or a download.
    pub fn export(&self, code: &str, after: u64) -> Result<Vec<u8>, HubError> {
        self.sealed_bundle(code, Kept::Down, after)
    }

    /// The district's own accepted batches above `after`, as it signed them: what a district
    /// restored from an old backup takes back.
    pub fn own_batches(&self, code: &str, after: u64) -> Result<Vec<u8>, HubError> {
        self.sealed_bundle(code, Kept::Accepted, after)
    }

    /// The kept batches of `code` above `after`, each sealed to the district's key, as one bundle.
    fn sealed_bundle(&self, code: &str, kept: Kept, after: u64) -> Result<Vec<u8>, HubError> {
        let record = self.store.district(code)?.ok_or_else(|| HubError::UnknownDistrict(code.to_owned()))?;
        let key = record.public_key().ok_or_else(|| HubError::Corrupt(format!("key of {code}")))?;
        let batches = self.store.batches_after(kept, code, after)?;
        let sealed = batches.iter().map(|batch| seal(batch, &key)).collect::<Result<Vec<_>, _>>()?;
        Ok(bundle::write(&sealed)?)
    }

    pub fn stats(&self) -> Result<Vec<DistrictStats>, HubError> {
        let mut out = Vec::new();
        for (district, record) in self.store.districts()? {
            out.push(DistrictStats {
                events_held: self.store.held_count(&district)?,
                last_sequence: record.held,
                last_contact: record.last_contact,
                enrolments: record.enrolments,
                quarantined: self.store.quarantined(&district)?.len(),
                district,
            });
        }
        Ok(out)
    }

    /// Records a decision of the county or province on a case and sends it down to the district
    /// that owns the case. Returns the district.
    pub fn decide(&self, message: &Message, at: DateTime<Utc>) -> Result<String, HubError> {
        let case = message.case();
        let code = TrackingCode::parse(case).map_err(|e| HubError::UnknownCase(format!("{case}: {e}")))?;
        let district = self.owner_of(&code)?;
        self.send_down(&district, message, at)?;
        Ok(district)
    }

    /// Seals a message in a batch of its own, signed by the hub and chained to the one before,
    /// for `district`: downloads and reply files always carry the same bytes.
    fn send_down(&self, district: &str, message: &Message, at: DateTime<Utc>) -> Result<(), HubError> {
        let key = self.store.signing_key()?;
        self.store.with_district(district, |record, txn| {
            let sequence = record.down_last + 1;
            let header = Header {
                sender: self.store.id.clone(),
                receiver: district.to_owned(),
                first: sequence,
                last: sequence,
                previous: record.down_hash.clone(),
                created_at: at,
                chain: None,
            };
            let bytes = sign(&header, &[Item { sequence, bytes: message.encode() }], &key)?;
            txn.put_batch(Kept::Down, sequence, &bytes)?;
            record.down_last = sequence;
            record.down_hash = Some(hash_of(&bytes));
            Ok(())
        })
    }

    /// The governorate revokes document `serial` of `district`: the revocation goes down in the
    /// hub-signed chain. Returns the case the document was issued on.
    pub fn revoke(
        &self,
        district: &str,
        serial: Serial,
        reason: &str,
        actor_name: &str,
        at: DateTime<Utc>,
    ) -> Result<String, HubError> {
        self.store.district(district)?.ok_or_else(|| HubError::UnknownDistrict(district.to_owned()))?;
        let case = self
            .held_events(district)?
            .into_iter()
            .find(|e| matches!(&e.kind, EventKind::DocumentIssued { serial: s, .. } if *s == serial))
            .map(|e| e.case.as_str().to_owned())
            .ok_or_else(|| HubError::UnknownDocument { district: district.to_owned(), serial: serial.to_string() })?;
        let message =
            Message::Revocation { case: case.clone(), serial, reason: reason.to_owned(), actor_name: actor_name.to_owned(), at };
        self.send_down(district, &message, at)?;
        tracing::info!(district, %serial, "revocation sent down");
        Ok(case)
    }

    /// Publishes a catalogue version to every enrolled district, each in its own chain, after
    /// the same checks the districts make. Returns the version and the districts.
    pub fn publish_catalog(&self, files: Vec<(String, String)>, at: DateTime<Utc>) -> Result<(String, Vec<String>), HubError> {
        let catalog = crate::catalog_data::load(files.clone()).map_err(|errors| HubError::BrokenCatalog {
            count: errors.len(),
            first: errors.first().map(ToString::to_string).unwrap_or_default(),
        })?;
        let message = Message::Catalog { version: catalog.version.clone(), files, at };
        let districts: Vec<String> = self.store.districts()?.into_iter().map(|(code, _)| code).collect();
        for district in &districts {
            self.send_down(district, &message, at)?;
        }
        tracing::info!(version = %catalog.version, districts = districts.len(), "catalogue published");
        Ok((catalog.version, districts))
    }

    /// What the hub knows of a document code of any enrolled district (`verify::judge`).
    pub fn verify(&self, text: &str) -> Result<HubVerdict, HubError> {
        let Some(code) = Code::parse(text) else { return Ok(HubVerdict::bare(HubStatus::Unreadable)) };
        let district = code.district().to_owned();
        let Some(record) = self.store.district(&district)? else {
            return Ok(HubVerdict { district: Some(district), ..HubVerdict::bare(HubStatus::Unknown) });
        };
        let keys = self.store.enrolled_keys(&district)?;
        let events = self.held_events(&district)?;
        let sent = self.sent_down(&district)?;
        let known = verify::Known { keys: &keys, events: &events, sent: &sent, synced: record.last_contact };
        Ok(verify::judge(&code, &known))
    }

    /// The district's events the hub holds, decoded.
    fn held_events(&self, district: &str) -> Result<Vec<CaseEvent>, HubError> {
        let held = self.store.read_held(district)?;
        let decode = |bytes: &[u8]| {
            crate::store::record::decode::<crate::store::record::EventRecordV1>(bytes).ok().and_then(|r| r.to_domain().ok())
        };
        Ok(held.iter().filter_map(|(_, bytes)| decode(bytes)).collect())
    }

    /// The messages sent down to the district, read back from the batches the hub sealed.
    fn sent_down(&self, district: &str) -> Result<Vec<Message>, HubError> {
        let key = self.public_key()?;
        let mut out = Vec::new();
        for bytes in self.store.batches_after(Kept::Down, district, 0)? {
            let batch = open(&bytes, district, |_| Some(key))?;
            out.extend(batch.items.iter().filter_map(|item| Message::decode(&item.bytes).ok()));
        }
        Ok(out)
    }

    /// The enrolled district whose cases carry this code's district part, if the hub holds the case.
    fn owner_of(&self, code: &TrackingCode) -> Result<String, HubError> {
        let prefix = code.as_str().get(..4).unwrap_or_default();
        let unknown = || HubError::UnknownCase(code.as_str().to_owned());
        let (district, _) =
            self.store.districts()?.into_iter().find(|(d, _)| format!("{d:0>4}") == prefix).ok_or_else(unknown)?;
        let held = self.store.read_held(&district)?;
        let holds_case = held.iter().any(|(_, bytes)| {
            crate::store::record::decode::<crate::store::record::EventRecordV1>(bytes).is_ok_and(|r| r.case == code.as_str())
        });
        if holds_case { Ok(district) } else { Err(unknown()) }
    }

    pub fn public_key(&self) -> Result<PublicKey, HubError> {
        Ok(self.store.signing_key()?.public())
    }
}

#[cfg(test)]
mod tests;
