//! The record's hash chain in a batch (issue 16): each batch going up carries the stretch of the
//! district's chain from the act the last batch ended at through the act of its own last event,
//! and the hub checks that it extends the head it holds — Certificate Transparency's consistency
//! check, on a chain instead of a tree. The batch's events are their own acts' bytes; every other
//! act of the stretch (a login, a backup, a decision taken from the hub) is named with the digest
//! of its stored bytes. A store rewritten by hand — an event edited, or the whole chain recomputed
//! after an edit, or an older backup restored — cannot give a stretch that reaches the held head:
//! the hub refuses the batch with `chain-rewritten` and keeps it set aside, and nothing is deleted.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::SyncError;
use super::batch::Item;
use crate::signing::{hex, unhex_32};
use crate::store::chain::{Span, link_hash_of_digest};
use crate::store::record::{EventRecordV1, decode};

/// The stretch of the chain a batch carries, signed with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChainSpan {
    /// The act before the stretch (0: the chain's start) and its hash (hex).
    pub from: u64,
    pub from_hash: String,
    /// The stretch's last act, the act of the batch's last event, and its hash (hex).
    pub to: u64,
    pub head: String,
    /// The acts of the stretch that are not events of this batch, in order: (act, tracking code or
    /// "" for an act of the office, sequence, SHA-256 of the stored bytes in hex). The others are
    /// the batch's events, in the batch's order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub others: Vec<(u64, String, u32, String)>,
}

/// An outbox item's tracking code and event number: the act of the chain it stands for.
pub fn event_key(item: &Item) -> Result<(String, u32), SyncError> {
    let event = decode::<EventRecordV1>(&item.bytes).map_err(|_| SyncError::ForeignEvent { sequence: item.sequence })?;
    Ok((event.case, event.sequence))
}

/// An item's (tracking code, event sequence) and the digest of its bytes.
fn item_act(item: &Item) -> Result<(String, u32, [u8; 32]), SyncError> {
    let (case, sequence) = event_key(item)?;
    Ok((case, sequence, Sha256::digest(&item.bytes).into()))
}

impl ChainSpan {
    /// The stretch `span` as the batch of `items` carries it: the acts of these events implied
    /// in order, every other act named.
    pub fn of(span: &Span, items: &[Item]) -> Result<Self, SyncError> {
        let keys: Vec<(String, u32)> = items.iter().map(event_key).collect::<Result<_, _>>()?;
        let mut next = 0;
        let mut others = Vec::new();
        for act in &span.acts {
            if keys.get(next).is_some_and(|(c, s)| *c == act.case && *s == act.sequence) {
                next += 1;
            } else {
                others.push((act.act, act.case.clone(), act.sequence, hex(&act.digest)));
            }
        }
        Ok(Self { from: span.from, from_hash: hex(&span.from_hash), to: span.to, head: hex(&span.head), others })
    }
}

/// The head the hub holds of a district's chain: an act and its hash.
pub type Head = (u64, [u8; 32]);

/// Checks that `span` extends `held` (when the hub holds a head) and covers every item of the
/// batch; the head to hold after it. A batch whose stretch ends before the held head changes
/// nothing. Without a held head the stretch is taken as it comes: the first batch anchors it.
pub fn extend(span: Option<&ChainSpan>, items: &[Item], held: Option<Head>) -> Result<Option<Head>, SyncError> {
    let Some(span) = span else {
        // A district that never sent its chain (a version before it) until the hub holds one.
        return if held.is_some() { Err(SyncError::ChainMissing) } else { Ok(None) };
    };
    let rewritten = |act: u64| SyncError::ChainRewritten { act };
    if let Some((act, _)) = held
        && act < span.from
    {
        return Err(SyncError::ChainGap { held: act, from: span.from });
    }
    let from_hash = unhex_32(&span.from_hash).ok_or_else(|| rewritten(span.from))?;
    let claimed = unhex_32(&span.head).ok_or_else(|| rewritten(span.to))?;
    let items: Vec<(String, u32, [u8; 32])> = items.iter().map(item_act).collect::<Result<_, _>>()?;
    let others: BTreeMap<u64, &(u64, String, u32, String)> = span.others.iter().map(|o| (o.0, o)).collect();
    let listed_items = span.others.iter().filter(|o| items.iter().any(|(c, s, _)| *c == o.1 && *s == o.2)).count();
    // Every act of the stretch is an event of the batch or named: checked before walking it, so a
    // claimed stretch of a billion acts costs nothing.
    let length = span.to.checked_sub(span.from).ok_or_else(|| rewritten(span.to))?;
    let covered = (others.len() + items.len() - listed_items.min(items.len())) as u64;
    if length != covered || others.len() != span.others.len() {
        return Err(rewritten(span.from + 1));
    }
    let check_held = |act: u64, hash: &[u8; 32]| match held {
        Some((held_act, held_hash)) if held_act == act && held_hash != *hash => Err(rewritten(act)),
        _ => Ok(()),
    };
    check_held(span.from, &from_hash)?;
    let mut hash = from_hash;
    let mut used = vec![false; items.len()];
    let mut next = 0;
    for act in span.from + 1..=span.to {
        let (case, sequence, digest) = if let Some(other) = others.get(&act) {
            let digest = unhex_32(&other.3).ok_or_else(|| rewritten(act))?;
            // An event of the batch named explicitly must be the bytes sent.
            if let Some(k) = items.iter().position(|(c, s, _)| *c == other.1 && *s == other.2) {
                if items[k].2 != digest || used[k] {
                    return Err(rewritten(act));
                }
                used[k] = true;
            }
            (other.1.as_str(), other.2, digest)
        } else {
            while used.get(next).copied() == Some(true) {
                next += 1;
            }
            let (case, sequence, digest) = items.get(next).ok_or_else(|| rewritten(act))?;
            used[next] = true;
            (case.as_str(), *sequence, *digest)
        };
        hash = link_hash_of_digest(&hash, act, case, sequence, &digest);
        check_held(act, &hash)?;
    }
    if hash != claimed || used.iter().any(|u| !u) {
        return Err(rewritten(span.to));
    }
    Ok(match held {
        Some((act, hash)) if act > span.to => Some((act, hash)),
        _ => Some((span.to, hash)),
    })
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;
    use crate::domain::account::{OfficeAct, OfficeActKind};
    use crate::store::Database;
    use crate::store::tests::{catalog, clerk, new_db, open_case};
    use crate::sync::district::outbox_items;

    /// The stretch for the outbox items `run`, from `from`, as the district builds it.
    fn span_of(db: &Database, from: Option<u64>, run: &[Item]) -> ChainSpan {
        let key = |item: &Item| event_key(item).unwrap_or_else(|e| panic!("{e}"));
        let (first, last) = (key(&run[0]), key(&run[run.len() - 1]));
        let span = db.chain_span(from, (&first.0, first.1), (&last.0, last.1)).unwrap_or_else(|e| panic!("{e}"));
        ChainSpan::of(&span.unwrap_or_else(|| panic!("no span")), run).unwrap_or_else(|e| panic!("{e}"))
    }

    fn login(db: &Database) {
        let act = OfficeAct {
            at: Utc::now(),
            actor: Some(clerk()),
            kind: OfficeActKind::LoggedIn,
            subject: "x".into(),
            facts: crate::domain::account::AccountFacts::default(),
        };
        db.record_office_act(&act).unwrap_or_else(|e| panic!("{e}"));
    }

    /// Two batches, with logins between the events: the first anchors the head, the second extends
    /// it; each event's bytes are its own act's, the logins named by digest.
    #[test]
    fn batches_extend_the_held_head_act_by_act() {
        let (_dir, db) = new_db();
        let catalog = catalog();
        for name in ["علی", "مریم", "زهرا", "رضا"] {
            login(&db);
            open_case(&db, &catalog, name, Utc::now());
        }
        let items = outbox_items(&db).unwrap_or_else(|e| panic!("{e}"));
        let first = span_of(&db, None, &items[..2]);
        assert_eq!((first.from, first.others.len()), (1, 1), "the second login is named, the first lies before");
        let head = extend(Some(&first), &items[..2], None).unwrap_or_else(|e| panic!("{e}"));
        let second = span_of(&db, Some(first.to), &items[2..]);
        assert_eq!(second.from, first.to);
        let head = extend(Some(&second), &items[2..], head).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(head.map(|h| h.0), Some(second.to));
        // The same batch again changes nothing; the stretch passes through the head held.
        assert_eq!(extend(Some(&second), &items[2..], head), Ok(head));
        assert_eq!(extend(Some(&first), &items[..2], head), Ok(head), "an older batch ends before the head");
    }

    /// Each hostile stretch is refused: an edited event, a wrong starting hash, a gap, a claimed
    /// billion acts, an event left out, and no stretch at all once a head is held.
    #[test]
    fn a_stretch_that_does_not_extend_the_head_is_refused() {
        let (_dir, db) = new_db();
        let catalog = catalog();
        for name in ["علی", "مریم", "زهرا"] {
            login(&db);
            open_case(&db, &catalog, name, Utc::now());
        }
        let items = outbox_items(&db).unwrap_or_else(|e| panic!("{e}"));
        let first = span_of(&db, None, &items[..1]);
        let held = extend(Some(&first), &items[..1], None).unwrap_or_else(|e| panic!("{e}"));
        let honest = span_of(&db, Some(first.to), &items[1..]);
        assert!(extend(Some(&honest), &items[1..], held).is_ok());

        let mut edited = items[1..].to_vec();
        edited[0].bytes = String::from_utf8_lossy(&edited[0].bytes).replace("مریم", "مرجان").into_bytes();
        assert!(matches!(extend(Some(&honest), &edited, held), Err(SyncError::ChainRewritten { .. })));
        let wrong_start = ChainSpan { from_hash: "00".repeat(32), ..honest.clone() };
        assert!(matches!(extend(Some(&wrong_start), &items[1..], held), Err(SyncError::ChainRewritten { .. })));
        let later = ChainSpan { from: honest.from + 1, ..honest.clone() };
        assert!(matches!(extend(Some(&later), &items[1..], held), Err(SyncError::ChainGap { .. })));
        let huge = ChainSpan { to: u64::MAX, ..honest.clone() };
        assert!(matches!(extend(Some(&huge), &items[1..], held), Err(SyncError::ChainRewritten { .. })));
        assert!(extend(Some(&honest), &items[1..2], held).is_err(), "an event of the stretch left out");
        assert_eq!(extend(None, &items[1..], held), Err(SyncError::ChainMissing));
        assert_eq!(extend(None, &items[1..], None), Ok(None), "a version before chains, before any head");
    }
}
