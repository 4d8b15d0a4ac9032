//! The sending side: cut the pending items into signed batches chained to what was confirmed.

use chrono::{DateTime, Utc};

use super::SyncError;
use super::batch::{Header, Item, hash_of, sign};
use super::span::ChainSpan;
use crate::signing::DistrictKey;

pub use crate::store::Acked;

/// Who sends to whom, when, and how many items go in one batch at most.
#[derive(Debug, Clone)]
pub struct Route<'a> {
    pub sender: &'a str,
    pub receiver: &'a str,
    pub key: &'a DistrictKey,
    pub at: DateTime<Utc>,
    pub max_items: usize,
}

/// Seals the items above `acked` into batches of at most `route.max_items`, each naming the one
/// before. Items at or below `acked` are skipped; a hole in the numbering is refused.
pub fn plan(pending: &[Item], acked: &Acked, route: &Route<'_>) -> Result<Vec<Vec<u8>>, SyncError> {
    plan_chained(pending, acked, route, &mut |_| Ok(None))
}

/// What gives a batch's stretch of the record's chain, from its items.
pub type ChainOf<'a> = dyn FnMut(&[Item]) -> Result<Option<ChainSpan>, SyncError> + 'a;

/// `plan`, each batch carrying the stretch of the record's chain `chain` gives for its items.
pub fn plan_chained(
    pending: &[Item],
    acked: &Acked,
    route: &Route<'_>,
    chain: &mut ChainOf<'_>,
) -> Result<Vec<Vec<u8>>, SyncError> {
    let unsent: Vec<Item> = pending.iter().filter(|i| i.sequence > acked.sequence).cloned().collect();
    for (expected, item) in (acked.sequence + 1..).zip(&unsent) {
        if item.sequence != expected {
            return Err(SyncError::Gap { expected, found: item.sequence });
        }
    }
    let mut previous = acked.hash.clone();
    let mut batches = Vec::new();
    for run in unsent.chunks(route.max_items.max(1)) {
        let (Some(first), Some(last)) = (run.first(), run.last()) else { continue };
        let header = Header {
            sender: route.sender.to_owned(),
            receiver: route.receiver.to_owned(),
            first: first.sequence,
            last: last.sequence,
            previous: previous.take(),
            created_at: route.at,
            chain: chain(run)?,
        };
        let bytes = sign(&header, run, route.key)?;
        previous = Some(hash_of(&bytes));
        batches.push(bytes);
    }
    Ok(batches)
}
