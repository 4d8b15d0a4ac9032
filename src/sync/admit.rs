//! The receiving side's rule, as a pure function: a verified batch is taken exactly once.
//!
//! The receiver holds, per sender, the highest sequence it has (`held`) and the hash of each batch
//! it took, by the batch's last sequence. A batch that is already held, item for item, is
//! `Replayed` (answered with the receipt, nothing changes); a batch that extends what is held must
//! name the batch before it; anything else is refused and changes nothing.

use super::SyncError;
use super::batch::{Batch, Item};

/// What the receiver holds of one sender.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chain {
    pub held: u64,
}

/// What the receiver must store: the items above `held`, and the batch as the new tip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Admitted<'a> {
    pub new_items: &'a [Item],
    pub held: u64,
}

/// Decides what to do with `batch`. `held_item(seq)` gives the bytes held at a sequence;
/// `hash_ending_at(seq)` the hash of the held batch that ended there.
pub fn admit<'a>(
    chain: &Chain,
    batch: &'a Batch,
    held_item: impl Fn(u64) -> Option<Vec<u8>>,
    hash_ending_at: impl Fn(u64) -> Option<String>,
) -> Result<Admitted<'a>, SyncError> {
    let header = &batch.header;
    if header.first > chain.held.saturating_add(1) {
        return Err(SyncError::OutOfOrder { expected: chain.held + 1, found: header.first });
    }
    // Items the receiver holds already must be the very same bytes: a sender restored from an
    // old backup that wrote different events under the same numbers is a fork, never merged.
    let overlap = batch.items.iter().take_while(|item| item.sequence <= chain.held);
    for item in overlap.clone() {
        if held_item(item.sequence).as_deref() != Some(item.bytes.as_slice()) {
            return Err(SyncError::Forked { sequence: item.sequence });
        }
    }
    if header.last <= chain.held {
        return Err(SyncError::Replayed { held: chain.held });
    }
    let expected_previous = if header.first == 1 { None } else { hash_ending_at(header.first - 1) };
    if header.previous != expected_previous {
        return Err(SyncError::BrokenChain { first: header.first });
    }
    let skip = overlap.count();
    Ok(Admitted { new_items: &batch.items[skip..], held: header.last })
}
