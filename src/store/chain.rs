//! The record's hash chain: every event stored is also an act in one chain per district, whose
//! link holds the hash of the link before it and of the event's stored bytes. Deleting, reordering
//! or editing any past event breaks the chain at that act, and `check` names it (act number, time,
//! account). The chain's head is what a sync batch will carry signed, so that a store rewritten
//! whole — chain included — is caught at the hub (Certificate Transparency's signed tree heads).
//!
//! Link n: SHA-256("bakhshyar-chain-v1" ‖ hash of link n−1 (zeros for the first) ‖ n ‖ tracking
//! code ‖ 0 ‖ event sequence ‖ SHA-256(the event's stored bytes)), all integers little-endian.

use redb::{ReadableTable, WriteTransaction};
use sha2::{Digest, Sha256};

use super::StoreError;
use super::tables::CHAIN;

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
    let mut hasher = Sha256::new();
    hasher.update(DOMAIN);
    hasher.update(previous);
    hasher.update(act.to_le_bytes());
    hasher.update(case.as_bytes());
    hasher.update([0]);
    hasher.update(sequence.to_le_bytes());
    hasher.update(Sha256::digest(bytes));
    hasher.finalize().into()
}

/// Appends the act for the event `(case, sequence)` stored as `bytes`, in the event's transaction.
pub(super) fn append(txn: &WriteTransaction, case: &str, sequence: u32, bytes: &[u8]) -> Result<(), StoreError> {
    let mut chain = txn.open_table(CHAIN)?;
    let (act, previous) = head(&chain)?.map_or((1, [0; 32]), |link| (link.act + 1, link.hash));
    let hash = link_hash(&previous, act, case, sequence, bytes);
    chain.insert(act, (case, sequence, hash.as_slice()))?;
    Ok(())
}

/// The chain's head: its last act and hash; `None` before the first event.
pub(super) fn head(chain: &impl ReadableTable<u64, (&'static str, u32, &'static [u8])>) -> Result<Option<Link>, StoreError> {
    let Some((key, value)) = chain.last()? else { return Ok(None) };
    let (case, sequence, hash) = value.value();
    let hash = hash.try_into().map_err(|_| StoreError::Corrupt(format!("chain act {}", key.value())))?;
    Ok(Some(Link { act: key.value(), case: case.to_owned(), sequence, hash }))
}
