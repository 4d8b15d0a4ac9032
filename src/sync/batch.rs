//! The signed batch: one run of consecutive items from one sender to one receiver.
//!
//! ```text
//! "BKSB" | version u8 | header length u16 BE | header (JSON) | body length u32 BE | body (zstd) | signature [64]
//! ```
//! The signature (Ed25519, the sender's key) covers every byte before it. The body is the zstd of
//! `count × (sequence u64 BE | length u32 BE | bytes)`. Layout and rules: `docs/sync-format.md`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::SyncError;
use crate::signing::{DistrictKey, PublicKey};
use crate::store::OutboxEntry;

pub const MAGIC: &[u8; 4] = b"BKSB";
/// The format this version writes and the only one it reads.
pub const FORMAT_VERSION: u8 = 1;
const SIGNATURE_LEN: usize = 64;
/// A decompressed body larger than this is refused rather than allocated (a zstd bomb).
const MAX_BODY: usize = 64 * 1024 * 1024;
/// A body of events compresses about 14:1; one that would grow to more than this many times its
/// compressed size is refused as it decompresses, so memory follows what the input justifies.
const MAX_EXPANSION: usize = 256;

/// What a batch says about itself; signed with the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// District code, or the hub's id for batches coming down.
    pub sender: String,
    pub receiver: String,
    /// First and last sequence of the items, inclusive; the items are exactly `first..=last`.
    pub first: u64,
    pub last: u64,
    /// SHA-256 (hex) of the sender's batch that ended at `first - 1`; none for the first batch.
    pub previous: Option<String>,
    pub created_at: DateTime<Utc>,
    /// The stretch of the district's record chain through its last event (`span.rs`); batches
    /// coming down, and those of a version before it, carry none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chain: Option<super::span::ChainSpan>,
}

/// One item: an outbox event going up, or a hub message coming down, as its stored bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub sequence: u64,
    pub bytes: Vec<u8>,
}

impl From<OutboxEntry> for Item {
    fn from(entry: OutboxEntry) -> Self {
        Self { sequence: entry.sequence, bytes: entry.bytes }
    }
}

impl From<Item> for OutboxEntry {
    fn from(item: Item) -> Self {
        Self { sequence: item.sequence, bytes: item.bytes }
    }
}

/// A batch whose signature, receiver and shape have been checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batch {
    pub header: Header,
    pub items: Vec<Item>,
    /// SHA-256 (hex) of the whole batch as received: the next batch's `previous`.
    pub hash: String,
}

/// SHA-256 of the batch bytes, hex.
pub fn hash_of(bytes: &[u8]) -> String {
    crate::signing::hex(&Sha256::digest(bytes))
}

/// Encodes and signs a batch of `items`, which must be consecutive from `header.first` to `header.last`.
pub fn sign(header: &Header, items: &[Item], key: &DistrictKey) -> Result<Vec<u8>, SyncError> {
    check_run(header, items)?;
    let mut body = Vec::new();
    for item in items {
        body.extend_from_slice(&item.sequence.to_be_bytes());
        body.extend_from_slice(&u32::try_from(item.bytes.len()).map_err(|_| SyncError::TooLarge)?.to_be_bytes());
        body.extend_from_slice(&item.bytes);
    }
    let body = zstd::bulk::compress(&body, 3).map_err(|e| SyncError::Compression(e.to_string()))?;
    let header_json = serde_json::to_vec(header).map_err(|e| SyncError::Malformed(e.to_string()))?;
    let mut out = Vec::with_capacity(header_json.len() + body.len() + 80);
    out.extend_from_slice(MAGIC);
    out.push(FORMAT_VERSION);
    out.extend_from_slice(&u16::try_from(header_json.len()).map_err(|_| SyncError::TooLarge)?.to_be_bytes());
    out.extend_from_slice(&header_json);
    out.extend_from_slice(&u32::try_from(body.len()).map_err(|_| SyncError::TooLarge)?.to_be_bytes());
    out.extend_from_slice(&body);
    let signature = key.sign(&out);
    out.extend_from_slice(&signature);
    Ok(out)
}

/// Reads the header without checking anything but the framing: enough to find the sender's key.
pub fn peek(bytes: &[u8]) -> Result<Header, SyncError> {
    Ok(frame(bytes)?.header)
}

/// Decodes and verifies a batch addressed to `me`, with the sender's enrolled key from `key_of`.
/// Every check passes or the batch is refused whole.
pub fn open(bytes: &[u8], me: &str, key_of: impl Fn(&str) -> Option<PublicKey>) -> Result<Batch, SyncError> {
    let frame = frame(bytes)?;
    let key = key_of(&frame.header.sender).ok_or_else(|| SyncError::UnknownSender(frame.header.sender.clone()))?;
    let (signed, signature) = bytes.split_at(bytes.len() - SIGNATURE_LEN);
    let signature: [u8; SIGNATURE_LEN] = signature.try_into().map_err(|_| SyncError::Truncated)?;
    key.verify(signed, &signature).map_err(|_| SyncError::BadSignature)?;
    if frame.header.receiver != me {
        return Err(SyncError::WrongReceiver { expected: me.to_owned(), found: frame.header.receiver });
    }
    let items = read_body(frame.body)?;
    check_run(&frame.header, &items)?;
    Ok(Batch { header: frame.header, items, hash: hash_of(bytes) })
}

struct Frame<'a> {
    header: Header,
    body: &'a [u8],
}

fn frame(bytes: &[u8]) -> Result<Frame<'_>, SyncError> {
    let mut cursor = Cursor(bytes);
    if cursor.take(4)? != MAGIC {
        return Err(SyncError::NotABatch);
    }
    let version = cursor.take(1)?[0];
    if version != FORMAT_VERSION {
        return Err(SyncError::UnknownVersion(version));
    }
    let header_len = usize::from(u16::from_be_bytes(cursor.array()?));
    let header: Header = serde_json::from_slice(cursor.take(header_len)?).map_err(|e| SyncError::Malformed(e.to_string()))?;
    let body_len = usize::try_from(u32::from_be_bytes(cursor.array()?)).map_err(|_| SyncError::TooLarge)?;
    let body = cursor.take(body_len)?;
    match cursor.0.len() {
        SIGNATURE_LEN => Ok(Frame { header, body }),
        n if n < SIGNATURE_LEN => Err(SyncError::Truncated),
        _ => Err(SyncError::TrailingBytes),
    }
}

fn read_body(compressed: &[u8]) -> Result<Vec<Item>, SyncError> {
    let body = decompress(compressed)?;
    let mut cursor = Cursor(&body);
    let mut items = Vec::new();
    while !cursor.0.is_empty() {
        let sequence = u64::from_be_bytes(cursor.array()?);
        let len = usize::try_from(u32::from_be_bytes(cursor.array()?)).map_err(|_| SyncError::TooLarge)?;
        items.push(Item { sequence, bytes: cursor.take(len)?.to_vec() });
    }
    Ok(items)
}

/// Streamed, never sized by what the frame declares: a few bytes claiming 64 MiB take nothing.
fn decompress(compressed: &[u8]) -> Result<Vec<u8>, SyncError> {
    use std::io::Read;
    let limit = compressed.len().saturating_mul(MAX_EXPANSION).saturating_add(64 * 1024).min(MAX_BODY);
    let decoder = zstd::stream::read::Decoder::with_buffer(compressed).map_err(|e| SyncError::Compression(e.to_string()))?;
    let mut body = Vec::new();
    decoder
        .take(u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1))
        .read_to_end(&mut body)
        .map_err(|e| SyncError::Compression(e.to_string()))?;
    if body.len() > limit {
        return Err(SyncError::TooLarge);
    }
    Ok(body)
}

/// The items are exactly `first..=last`, in order, and there is at least one.
fn check_run(header: &Header, items: &[Item]) -> Result<(), SyncError> {
    let expected = header.first..=header.last;
    let consecutive = items.iter().zip(expected.clone()).all(|(item, seq)| item.sequence == seq);
    let count_matches = u64::try_from(items.len()).is_ok_and(|n| header.first.checked_add(n) == header.last.checked_add(1));
    if header.first == 0 || expected.is_empty() || !consecutive || !count_matches {
        return Err(SyncError::Inconsistent);
    }
    Ok(())
}

struct Cursor<'a>(&'a [u8]);

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], SyncError> {
        if self.0.len() < n {
            return Err(SyncError::Truncated);
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], SyncError> {
        self.take(N)?.try_into().map_err(|_| SyncError::Truncated)
    }
}
