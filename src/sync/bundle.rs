//! A file of batches for a USB stick: the same batch bytes as over HTTP, one after another.
//!
//! `"BKSF" | version u8 | count u32 BE | count × (length u32 BE | batch)`

use super::SyncError;

const MAGIC: &[u8; 4] = b"BKSF";
const VERSION: u8 = 1;

pub fn write(batches: &[Vec<u8>]) -> Result<Vec<u8>, SyncError> {
    let mut out = MAGIC.to_vec();
    out.push(VERSION);
    out.extend_from_slice(&u32::try_from(batches.len()).map_err(|_| SyncError::TooLarge)?.to_be_bytes());
    for batch in batches {
        out.extend_from_slice(&u32::try_from(batch.len()).map_err(|_| SyncError::TooLarge)?.to_be_bytes());
        out.extend_from_slice(batch);
    }
    Ok(out)
}

/// The batches of a bundle file; a file cut short or with bytes after its last batch is refused.
pub fn read(bytes: &[u8]) -> Result<Vec<&[u8]>, SyncError> {
    let rest = bytes.strip_prefix(MAGIC.as_slice()).ok_or(SyncError::NotABatch)?;
    let (&version, rest) = rest.split_first().ok_or(SyncError::Truncated)?;
    if version != VERSION {
        return Err(SyncError::UnknownVersion(version));
    }
    let (count, mut rest) = split_u32(rest)?;
    let mut batches = Vec::new();
    for _ in 0..count {
        let (len, tail) = split_u32(rest)?;
        let len = usize::try_from(len).map_err(|_| SyncError::TooLarge)?;
        if tail.len() < len {
            return Err(SyncError::Truncated);
        }
        let (batch, tail) = tail.split_at(len);
        batches.push(batch);
        rest = tail;
    }
    if rest.is_empty() { Ok(batches) } else { Err(SyncError::TrailingBytes) }
}

fn split_u32(bytes: &[u8]) -> Result<(u32, &[u8]), SyncError> {
    let (head, rest) = bytes.split_at_checked(4).ok_or(SyncError::Truncated)?;
    let head: [u8; 4] = head.try_into().map_err(|_| SyncError::Truncated)?;
    Ok((u32::from_be_bytes(head), rest))
}
