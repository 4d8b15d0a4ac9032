//! Every way a batch is refused, and the exactly-once rule, without any network.

use std::collections::BTreeMap;

use chrono::{TimeZone, Utc};

use super::admit::{Chain, admit};
use super::batch::{Batch, Header, Item, open, peek, sign};
use super::plan::{Acked, Route, plan};
use super::{SyncError, bundle, check_events};
use crate::domain::case::{CaseEvent, EventKind};
use crate::domain::role::{Actor, Role};
use crate::domain::tracking::TrackingCode;
use crate::signing::{DistrictKey, PublicKey};
use crate::store::record::{EventRecordV1, encode};

fn key() -> DistrictKey {
    DistrictKey::generate().unwrap_or_else(|e| panic!("{e}"))
}

/// A real stored event (a note) of case `n` of district 12.
fn event(n: u32) -> Vec<u8> {
    let event = CaseEvent {
        case: TrackingCode::compose("12", 1405, n).unwrap_or_else(|e| panic!("{e}")),
        sequence: 2,
        at: Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).single().unwrap_or_default(),
        actor: Actor { user_id: "u".into(), name: "کارمند".into(), role: Role::Clerk },
        note: Some(format!("یادداشت {n}")),
        kind: EventKind::NoteAdded,
    };
    encode(&EventRecordV1::from_domain(&event))
}

pub(super) fn items(range: std::ops::RangeInclusive<u64>) -> Vec<Item> {
    range.map(|s| Item { sequence: s, bytes: event(u32::try_from(s).unwrap_or(1)) }).collect()
}

fn route(key: &DistrictKey, max_items: usize) -> Route<'_> {
    Route { sender: "12", receiver: "hub", key, at: Utc::now(), max_items }
}

fn keys(key: &DistrictKey) -> impl Fn(&str) -> Option<PublicKey> {
    let public = key.public();
    move |sender| (sender == "12").then_some(public)
}

fn signed(key: &DistrictKey, range: std::ops::RangeInclusive<u64>) -> Vec<u8> {
    let mut batches = plan(&items(range), &Acked::default(), &route(key, 1000)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(batches.len(), 1);
    batches.remove(0)
}

#[test]
fn a_signed_batch_opens_with_its_items() {
    let key = key();
    let bytes = signed(&key, 1..=5);
    let batch = open(&bytes, "hub", keys(&key)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((batch.header.first, batch.header.last, batch.header.previous.as_deref()), (1, 5, None));
    assert_eq!(batch.items, items(1..=5));
    assert!(check_events("12", &batch.items).is_ok());
}

#[test]
fn a_truncated_batch_is_refused_at_every_length() {
    let key = key();
    let bytes = signed(&key, 1..=3);
    for len in 0..bytes.len() {
        let result = open(&bytes[..len], "hub", keys(&key));
        assert!(
            matches!(result, Err(SyncError::Truncated | SyncError::NotABatch | SyncError::BadSignature)),
            "{len}: {result:?}"
        );
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert_eq!(open(&longer, "hub", keys(&key)), Err(SyncError::TrailingBytes));
}

#[test]
fn any_altered_byte_is_refused() {
    let key = key();
    let bytes = signed(&key, 1..=3);
    for at in 0..bytes.len() {
        let mut altered = bytes.clone();
        altered[at] ^= 0x01;
        assert!(open(&altered, "hub", keys(&key)).is_err(), "a flipped byte at {at} was accepted");
    }
    let mut body = bytes.clone();
    let middle = body.len() - 80;
    body[middle] ^= 0xff;
    assert_eq!(open(&body, "hub", keys(&key)), Err(SyncError::BadSignature));
}

#[test]
fn the_wrong_key_receiver_version_or_sender_is_refused() {
    let key = key();
    let bytes = signed(&key, 1..=3);
    let impostor = self::key();
    assert_eq!(open(&bytes, "hub", keys(&impostor)), Err(SyncError::BadSignature));
    assert_eq!(
        open(&bytes, "other-hub", keys(&key)),
        Err(SyncError::WrongReceiver { expected: "other-hub".into(), found: "hub".into() })
    );
    assert_eq!(open(&bytes, "hub", |_| None), Err(SyncError::UnknownSender("12".into())));
    let mut future = bytes.clone();
    future[4] = 2;
    assert_eq!(open(&future, "hub", keys(&key)), Err(SyncError::UnknownVersion(2)));
    assert_eq!(open(b"GIF89a...", "hub", keys(&key)), Err(SyncError::NotABatch));
}

#[test]
fn a_header_that_lies_about_its_items_is_refused() {
    let key = key();
    let header = |first, last| Header {
        sender: "12".into(),
        receiver: "hub".into(),
        first,
        last,
        previous: None,
        created_at: Utc::now(),
        chain: None,
    };
    assert_eq!(sign(&header(1, 4), &items(1..=3), &key), Err(SyncError::Inconsistent));
    assert_eq!(sign(&header(0, 2), &items(0..=2), &key), Err(SyncError::Inconsistent));
    let mut shuffled = items(1..=3);
    shuffled.swap(0, 1);
    assert_eq!(sign(&header(1, 3), &shuffled, &key), Err(SyncError::Inconsistent));
    let later = plan(&items(4..=6), &Acked { sequence: 3, hash: None }, &route(&key, 9)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(peek(&later[0]).map(|h| (h.first, h.last)), Ok((4, 6)));
}

/// The receiver's side in memory: what `admit` decides, applied.
#[derive(Default)]
struct Receiver {
    chain: Chain,
    items: BTreeMap<u64, Vec<u8>>,
    hashes: BTreeMap<u64, String>,
}

impl Receiver {
    fn take(&mut self, batch: &Batch) -> Result<u64, SyncError> {
        let admitted = admit(&self.chain, batch, |s| self.items.get(&s).cloned(), |s| self.hashes.get(&s).cloned())?;
        for item in admitted.new_items {
            self.items.insert(item.sequence, item.bytes.clone());
        }
        self.hashes.insert(admitted.held, batch.hash.clone());
        self.chain.held = admitted.held;
        Ok(self.chain.held)
    }
}

fn batches(key: &DistrictKey, range: std::ops::RangeInclusive<u64>, per_batch: usize) -> Vec<Batch> {
    plan(&items(range), &Acked::default(), &route(key, per_batch))
        .unwrap_or_else(|e| panic!("{e}"))
        .iter()
        .map(|b| open(b, "hub", keys(key)).unwrap_or_else(|e| panic!("{e}")))
        .collect()
}

#[test]
fn batches_are_taken_exactly_once_in_order() {
    let key = key();
    let all = batches(&key, 1..=10, 4);
    assert_eq!(all.len(), 3);
    let mut hub = Receiver::default();
    assert_eq!(hub.take(&all[1]), Err(SyncError::OutOfOrder { expected: 1, found: 5 }));
    assert_eq!(hub.take(&all[0]), Ok(4));
    assert_eq!(hub.take(&all[0]), Err(SyncError::Replayed { held: 4 }));
    assert_eq!(hub.take(&all[2]), Err(SyncError::OutOfOrder { expected: 5, found: 9 }));
    assert_eq!(hub.take(&all[1]), Ok(8));
    assert_eq!(hub.take(&all[2]), Ok(10));
    assert_eq!(hub.take(&all[1]), Err(SyncError::Replayed { held: 10 }));
    assert_eq!(hub.items.len(), 10);
    assert_eq!(hub.items.values().cloned().collect::<Vec<_>>(), items(1..=10).into_iter().map(|i| i.bytes).collect::<Vec<_>>());
}

#[test]
fn a_batch_that_does_not_name_its_predecessor_is_refused() {
    let key = key();
    let mut hub = Receiver::default();
    hub.take(&batches(&key, 1..=4, 4)[0]).unwrap_or_else(|e| panic!("{e}"));
    // Sealed as if nothing had been confirmed: its `previous` is empty.
    let orphan = plan(&items(5..=6), &Acked { sequence: 4, hash: None }, &route(&key, 10)).unwrap_or_else(|e| panic!("{e}"));
    let orphan = open(&orphan[0], "hub", keys(&key)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(hub.take(&orphan), Err(SyncError::BrokenChain { first: 5 }));
    assert_eq!(hub.chain.held, 4, "nothing applied");
}

#[test]
fn an_overlapping_batch_adds_only_what_is_new_and_a_fork_is_refused() {
    let key = key();
    let mut hub = Receiver::default();
    hub.take(&batches(&key, 1..=4, 4)[0]).unwrap_or_else(|e| panic!("{e}"));
    // A sender restored from a backup resends 1..=6 in one batch: 5 and 6 are new.
    assert_eq!(hub.take(&batches(&key, 1..=6, 10)[0]), Ok(6));
    assert_eq!(hub.items.len(), 6);
    // Different bytes under a number already held: refused, nothing changes.
    let mut forked = items(1..=7);
    forked[2].bytes = event(99);
    let forked = plan(&forked, &Acked::default(), &route(&key, 10)).unwrap_or_else(|e| panic!("{e}"));
    let forked = open(&forked[0], "hub", keys(&key)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(hub.take(&forked), Err(SyncError::Forked { sequence: 3 }));
    assert_eq!((hub.chain.held, hub.items.len()), (6, 6));
}

#[test]
fn planning_skips_what_is_confirmed_and_refuses_holes() {
    let key = key();
    let acked = Acked { sequence: 3, hash: Some("ab".into()) };
    let planned = plan(&items(1..=7), &acked, &route(&key, 2)).unwrap_or_else(|e| panic!("{e}"));
    let headers: Vec<Header> = planned.iter().map(|b| peek(b).unwrap_or_else(|e| panic!("{e}"))).collect();
    assert_eq!(headers.iter().map(|h| (h.first, h.last)).collect::<Vec<_>>(), vec![(4, 5), (6, 7)]);
    assert_eq!(headers[0].previous.as_deref(), Some("ab"));
    assert_eq!(headers[1].previous, Some(super::batch::hash_of(&planned[0])));
    let mut holed = items(1..=5);
    holed.remove(3);
    assert_eq!(plan(&holed, &Acked::default(), &route(&key, 9)), Err(SyncError::Gap { expected: 4, found: 5 }));
}

#[test]
fn events_of_another_districts_cases_or_junk_are_refused() {
    assert_eq!(check_events("13", &items(1..=2)), Err(SyncError::ForeignEvent { sequence: 1 }));
    let junk = vec![Item { sequence: 1, bytes: b"\x01{}".to_vec() }];
    assert_eq!(check_events("12", &junk), Err(SyncError::ForeignEvent { sequence: 1 }));
}

#[test]
fn a_bundle_holds_the_same_batch_bytes() {
    let key = key();
    let planned = plan(&items(1..=5), &Acked::default(), &route(&key, 2)).unwrap_or_else(|e| panic!("{e}"));
    let file = bundle::write(&planned).unwrap_or_else(|e| panic!("{e}"));
    let read = bundle::read(&file).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read, planned.iter().map(Vec::as_slice).collect::<Vec<_>>());
    assert_eq!(bundle::read(&file[..file.len() - 1]), Err(SyncError::Truncated));
    let mut longer = file.clone();
    longer.push(1);
    assert_eq!(bundle::read(&longer), Err(SyncError::TrailingBytes));
    let mut future = file;
    future[4] = 9;
    assert_eq!(bundle::read(&future), Err(SyncError::UnknownVersion(9)));
}
