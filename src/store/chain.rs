//! The record's hash chain: every event stored is also an act in one chain per district, whose
//! link holds the hash of the link before it and of the event's stored bytes. Deleting, reordering
//! or editing any past event breaks the chain at that act, and `check` names it (act number, time,
//! account). The chain's head is what a sync batch will carry signed, so that a store rewritten
//! whole — chain included — is caught at the hub (Certificate Transparency's signed tree heads).
//!
//! Link n: SHA-256("bakhshyar-chain-v1" ‖ hash of link n−1 (zeros for the first) ‖ n ‖ tracking
//! code ‖ 0 ‖ event sequence ‖ SHA-256(the event's stored bytes)), all integers little-endian.

use redb::{ReadableDatabase, ReadableTable, WriteTransaction};
use sha2::{Digest, Sha256};

use super::accounts::OFFICE_CHAIN_CODE;
use super::tables::{CHAIN, EVENTS, OFFICE_LOG};
use super::{Database, StoreError};

const DOMAIN: &[u8] = b"bakhshyar-chain-v1";

/// One act of the chain: the event it stands for and the link's hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub act: u64,
    pub case: String,
    pub sequence: u32,
    pub hash: [u8; 32],
}

/// The hash of act `act` after `previous`, for the event stored as `bytes`.
pub fn link_hash(previous: &[u8; 32], act: u64, case: &str, sequence: u32, bytes: &[u8]) -> [u8; 32] {
    link_hash_of_digest(previous, act, case, sequence, &Sha256::digest(bytes).into())
}

/// The hash of act `act` after `previous`, from the SHA-256 of the act's stored bytes: what the hub
/// computes for the acts a sync batch names without carrying them (`Span`).
pub fn link_hash_of_digest(previous: &[u8; 32], act: u64, case: &str, sequence: u32, digest: &[u8; 32]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(DOMAIN);
    hasher.update(previous);
    hasher.update(act.to_le_bytes());
    hasher.update(case.as_bytes());
    hasher.update([0]);
    hasher.update(sequence.to_le_bytes());
    hasher.update(digest);
    hasher.finalize().into()
}

/// One act of a stretch of the chain, with the SHA-256 of its stored bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpanAct {
    pub act: u64,
    /// The tracking code, or `accounts::OFFICE_CHAIN_CODE` for an act of the office.
    pub case: String,
    pub sequence: u32,
    pub digest: [u8; 32],
}

/// The acts after `from` up to `to`, from the hash of act `from` (zeros when `from` is 0): enough
/// for anyone holding the hash at `from` to recompute the hash at `to` (what a sync batch carries).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub from: u64,
    pub from_hash: [u8; 32],
    pub acts: Vec<SpanAct>,
    pub to: u64,
    pub head: [u8; 32],
}

/// Appends the act for the event `(case, sequence)` stored as `bytes`, in the event's transaction.
pub(super) fn append(txn: &WriteTransaction, case: &str, sequence: u32, bytes: &[u8]) -> Result<(), StoreError> {
    let mut chain = txn.open_table(CHAIN)?;
    let (act, previous) = head(&chain)?.map_or((1, [0; 32]), |link| (link.act + 1, link.hash));
    let hash = link_hash(&previous, act, case, sequence, bytes);
    chain.insert(act, (case, sequence, hash.as_slice()))?;
    Ok(())
}

/// The act that stands for the event `(case, sequence)`, looked for from the chain's end: the
/// events sync asks about are among its latest acts.
pub(super) fn act_of(
    chain: &impl ReadableTable<u64, (&'static str, u32, &'static [u8])>,
    event: (&str, u32),
) -> Result<Option<u64>, StoreError> {
    for entry in chain.iter()?.rev() {
        let (act, value) = entry?;
        let (case, sequence, _) = value.value();
        if (case, sequence) == event {
            return Ok(Some(act.value()));
        }
    }
    Ok(None)
}

/// The chain's head: its last act and hash; `None` before the first event.
pub(super) fn head(chain: &impl ReadableTable<u64, (&'static str, u32, &'static [u8])>) -> Result<Option<Link>, StoreError> {
    let Some((key, value)) = chain.last()? else { return Ok(None) };
    let (case, sequence, hash) = value.value();
    let hash = hash.try_into().map_err(|_| StoreError::Corrupt(format!("chain act {}", key.value())))?;
    Ok(Some(Link { act: key.value(), case: case.to_owned(), sequence, hash }))
}

impl Database {
    /// The chain's acts after `from` (when `None`: the act just before `first`'s) through the act of
    /// the event `last`, each with the digest of its stored bytes as they are now; `None` when
    /// `last` is in no act of the chain (a store chained after it).
    pub fn chain_span(&self, from: Option<u64>, first: (&str, u32), last: (&str, u32)) -> Result<Option<Span>, StoreError> {
        let txn = self.db.begin_read()?;
        let chain = txn.open_table(CHAIN)?;
        let (events, office) = (txn.open_table(EVENTS)?, txn.open_table(OFFICE_LOG)?);
        let Some(to) = act_of(&chain, last)? else { return Ok(None) };
        let from = match from {
            Some(from) => from,
            None => match act_of(&chain, first)? {
                Some(act) => act.saturating_sub(1),
                None => return Ok(None),
            },
        };
        let hash_at = |act: u64| -> Result<[u8; 32], StoreError> {
            if act == 0 {
                return Ok([0; 32]);
            }
            let link = chain.get(act)?.ok_or_else(|| StoreError::Corrupt(format!("chain act {act}")))?;
            link.value().2.try_into().map_err(|_| StoreError::Corrupt(format!("chain act {act}")))
        };
        let mut acts = Vec::new();
        for entry in chain.range(from + 1..=to)? {
            let (key, value) = entry?;
            let (case, sequence, _) = value.value();
            let bytes = if case == OFFICE_CHAIN_CODE {
                office.get(sequence)?.map(|b| b.value().to_vec())
            } else {
                events.get((case, sequence))?.map(|b| b.value().to_vec())
            };
            let bytes = bytes.ok_or_else(|| StoreError::Corrupt(format!("chain act {}: its record is gone", key.value())))?;
            acts.push(SpanAct { act: key.value(), case: case.to_owned(), sequence, digest: Sha256::digest(&bytes).into() });
        }
        Ok(Some(Span { from, from_hash: hash_at(from)?, acts, to, head: hash_at(to)? }))
    }
}
