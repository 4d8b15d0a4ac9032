//! Sync with the province hub (DESIGN.md, "Sync, in principle"): signed, chained batches of
//! outbox events going up and hub messages coming down, the same bytes over HTTP or on a USB stick.
//!
//! Everything here but `client` is sans-IO: pure functions that plan, seal, open and admit batches,
//! tested without a network. The store keeps the state (`store::sync`), `client` carries the
//! bytes over HTTP, and the hub (`hub`) is the other end. The format: `docs/sync-format.md`.

pub mod admit;
pub mod auth;
pub mod batch;
pub mod bundle;
pub mod client;
pub mod district;
pub mod message;
pub mod plan;
pub mod seal;
pub mod span;
pub mod verdict;
pub mod wire;
mod words;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::signing::{DistrictKey, PublicKey};
use crate::store::Acked;
use crate::store::record::{EventRecordV1, decode};
use batch::Item;

/// A district's batch the hub set aside, as `GET /v1/districts/{code}/set-aside` lists it: its
/// sequences and why (`key` as `SyncError::key`, for the reader's language; `detail` in English).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetAside {
    pub first: u64,
    pub last: u64,
    pub key: String,
    pub detail: String,
}

/// Why a batch (or a bundle file) was refused. Nothing of a refused batch is applied.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum SyncError {
    #[error("not a Bakhshyar batch")]
    NotABatch,
    #[error("batch format version {0} is unknown")]
    UnknownVersion(u8),
    #[error("the batch is cut short")]
    Truncated,
    #[error("the batch has bytes after its signature")]
    TrailingBytes,
    #[error("the batch header does not decode: {0}")]
    Malformed(String),
    #[error("the batch body does not decompress: {0}")]
    Compression(String),
    #[error("the batch is too large")]
    TooLarge,
    /// Batches travel sealed to their receiver; a bare one is refused unread.
    #[error("the batch is not sealed to its receiver")]
    NotSealed,
    #[error("the sealed batch does not open with the receiver's key: {0}")]
    Seal(String),
    #[error("the sender {0} is not enrolled")]
    UnknownSender(String),
    #[error("the signature does not match the sender's key")]
    BadSignature,
    #[error("the batch is addressed to {found}, not to {expected}")]
    WrongReceiver { expected: String, found: String },
    #[error("the batch's items do not match its first and last sequence")]
    Inconsistent,
    #[error("the batch starts at {found}, but the next expected is {expected}")]
    OutOfOrder { expected: u64, found: u64 },
    #[error("the batch is already held (up to {held})")]
    Replayed { held: u64 },
    #[error("item {sequence} differs from the one already held under that number")]
    Forked { sequence: u64 },
    #[error("the batch starting at {first} does not name the batch before it")]
    BrokenChain { first: u64 },
    #[error("item {sequence} is not an event of this district's cases")]
    ForeignEvent { sequence: u64 },
    #[error("the items skip from {expected} to {found}")]
    Gap { expected: u64, found: u64 },
    /// The record's hash chain the batch carries does not extend the one the hub holds at `act`:
    /// the district's record was rewritten, or an older backup restored, since its last batch.
    #[error("the record's chain differs from the one held at act {act}: rewritten or restored")]
    ChainRewritten { act: u64 },
    #[error("the batch's chain starts after act {from}, but the hub holds it up to act {held} only")]
    ChainGap { held: u64, from: u64 },
    #[error("the batch carries no chain, but the hub holds this district's")]
    ChainMissing,
}

impl SyncError {
    /// A stable key for the error, as the hub's HTTP answers and the Fluent messages name it.
    pub fn key(&self) -> &'static str {
        match self {
            Self::NotABatch => "not-a-batch",
            Self::UnknownVersion(_) => "unknown-version",
            Self::Truncated => "truncated",
            Self::TrailingBytes => "trailing-bytes",
            Self::Malformed(_) => "malformed",
            Self::Compression(_) => "compression",
            Self::TooLarge => "too-large",
            Self::NotSealed => "not-sealed",
            Self::Seal(_) => "seal",
            Self::UnknownSender(_) => "unknown-sender",
            Self::BadSignature => "bad-signature",
            Self::WrongReceiver { .. } => "wrong-receiver",
            Self::Inconsistent => "inconsistent",
            Self::OutOfOrder { .. } => "out-of-order",
            Self::Replayed { .. } => "replayed",
            Self::Forked { .. } => "forked",
            Self::BrokenChain { .. } => "broken-chain",
            Self::ForeignEvent { .. } => "foreign-event",
            Self::Gap { .. } => "gap",
            Self::ChainRewritten { .. } => "chain-rewritten",
            Self::ChainGap { .. } => "chain-gap",
            Self::ChainMissing => "chain-missing",
        }
    }
}

/// The receiver's answer to every upload: the highest sequence it holds of the sender, and the
/// hash of the batch that ended there (the `previous` of the sender's next batch). The hub signs
/// each receipt it gives, naming the district, with its key; a district deletes outbox entries
/// only on a receipt the hub key it was given verifies (`verified`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    pub held: u64,
    pub hash: Option<String>,
    /// The hub's Ed25519 signature (hex) over `signed_bytes`, for the district named there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
}

/// Why a receipt is not believed: nothing of the outbox is deleted on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ReceiptError {
    #[error("the receipt is not signed")]
    Unsigned,
    #[error("the receipt's signature is not the hub's, or not for this district")]
    Forged,
}

impl Receipt {
    /// What the district's store keeps of a receipt.
    pub fn acked(&self) -> Acked {
        Acked { sequence: self.held, hash: self.hash.clone() }
    }

    /// The bytes the hub signs: the district it answers, the sequence and the batch hash.
    fn signed_bytes(&self, district: &str) -> Vec<u8> {
        format!("bakhshyar-receipt-v1\n{district}\n{}\n{}", self.held, self.hash.as_deref().unwrap_or("-")).into_bytes()
    }

    /// The receipt signed by the hub's key for `district`.
    #[must_use]
    pub fn signed(self, district: &str, key: &DistrictKey) -> Self {
        let signature = crate::signing::hex(&key.sign(&self.signed_bytes(district)));
        Self { signature: Some(signature), ..self }
    }

    /// The receipt, if the hub's `key` signed it for `district`.
    pub fn verified(self, district: &str, key: &PublicKey) -> Result<Self, ReceiptError> {
        let signature = self.signature.as_deref().ok_or(ReceiptError::Unsigned)?;
        let signature = auth::unhex_64(signature).ok_or(ReceiptError::Forged)?;
        key.verify(&self.signed_bytes(district), &signature).map_err(|_| ReceiptError::Forged)?;
        Ok(self)
    }
}

/// Every item going up must be a stored event of a case the sending district created: a
/// district cannot write into another district's cases.
pub fn check_events(district: &str, items: &[Item]) -> Result<(), SyncError> {
    let prefix = format!("{district:0>4}");
    for item in items {
        let foreign = || SyncError::ForeignEvent { sequence: item.sequence };
        let record: EventRecordV1 = decode(&item.bytes).map_err(|_| foreign())?;
        record.to_domain().map_err(|_| foreign())?;
        if !record.case.starts_with(&prefix) {
            return Err(foreign());
        }
    }
    Ok(())
}

#[cfg(test)]
mod hostile_bytes;
#[cfg(test)]
mod tests;
