//! Every parser of bytes that come from outside — a batch, a bundle file, a sealed batch, a hub
//! message, a stored event record, the signed-request headers, a document code — fed arbitrary
//! bytes and valid input changed anywhere (issue 15, "fuzz every parser"). None panics; none
//! accepts a changed batch; a body that would decompress far beyond its size is refused before
//! the memory is taken. proptest, with a bounded number of cases so `cargo test` stays quick
//! (`PROPTEST_CASES=100000 cargo test hostile_bytes` for a long run).

use chrono::Utc;
use proptest::collection::vec;
use proptest::prelude::*;

use super::auth::{Request, Signed, check, check_body};
use super::batch::{Header, MAGIC, open, peek, sign};
use super::message::Message;
use super::plan::{Acked, Route, plan};
use super::seal::{seal, unseal};
use super::{SyncError, bundle};
use crate::signing::DistrictKey;
use crate::store::record::{EventRecordV1, decode};

fn key() -> DistrictKey {
    // One key for the whole run: generating one per case would only slow the search.
    static KEY: std::sync::OnceLock<DistrictKey> = std::sync::OnceLock::new();
    KEY.get_or_init(|| DistrictKey::generate().unwrap_or_else(|e| panic!("{e}"))).clone()
}

/// A valid signed batch of district 12's events 1..=3 for the hub `hub`.
fn valid_batch() -> Vec<u8> {
    let key = key();
    let route = Route { sender: "12", receiver: "hub", key: &key, at: Utc::now(), max_items: 10 };
    let items = super::tests::items(1..=3);
    plan(&items, &Acked::default(), &route).unwrap_or_else(|e| panic!("{e}")).remove(0)
}

/// Frames `body` as district 12's batch of one item and signs it: what a district holding its
/// key could send, whatever the body.
fn signed_with_body(body: &[u8]) -> Vec<u8> {
    let header = Header {
        sender: "12".into(),
        receiver: "hub".into(),
        first: 1,
        last: 1,
        previous: None,
        created_at: Utc::now(),
        chain: None,
    };
    let header = serde_json::to_vec(&header).unwrap_or_default();
    let mut out = MAGIC.to_vec();
    out.push(super::batch::FORMAT_VERSION);
    out.extend_from_slice(&u16::try_from(header.len()).unwrap_or(u16::MAX).to_be_bytes());
    out.extend_from_slice(&header);
    out.extend_from_slice(&u32::try_from(body.len()).unwrap_or(u32::MAX).to_be_bytes());
    out.extend_from_slice(body);
    let signature = key().sign(&out);
    out.extend_from_slice(&signature);
    out
}

fn open_as_hub(bytes: &[u8]) -> Result<super::batch::Batch, SyncError> {
    let public = key().public();
    open(bytes, "hub", |sender| (sender == "12").then_some(public))
}

/// A change to `bytes`: one byte flipped, the end cut off, or bytes put in.
#[derive(Debug, Clone)]
enum Change {
    Flip(prop::sample::Index, u8),
    Cut(prop::sample::Index),
    Insert(prop::sample::Index, Vec<u8>),
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        (any::<prop::sample::Index>(), 1..=255u8).prop_map(|(at, mask)| Change::Flip(at, mask)),
        any::<prop::sample::Index>().prop_map(Change::Cut),
        (any::<prop::sample::Index>(), vec(any::<u8>(), 1..64)).prop_map(|(at, bytes)| Change::Insert(at, bytes)),
    ]
}

fn apply(bytes: &[u8], change: &Change) -> Vec<u8> {
    let mut out = bytes.to_vec();
    match change {
        Change::Flip(at, mask) => out[at.index(bytes.len())] ^= mask,
        Change::Cut(at) => out.truncate(at.index(bytes.len())),
        Change::Insert(at, more) => {
            let at = at.index(bytes.len() + 1);
            out.splice(at..at, more.iter().copied());
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_panic_no_parser_and_pass_no_check(bytes in vec(any::<u8>(), 0..4096)) {
        let _ = peek(&bytes);
        prop_assert!(open_as_hub(&bytes).is_err());
        prop_assert!(unseal(&bytes, &key()).is_err());
        let _ = bundle::read(&bytes);
        let _ = Message::decode(&bytes);
        let _ = decode::<EventRecordV1>(&bytes);
        let text = String::from_utf8_lossy(&bytes);
        let _ = crate::print::verify::Code::parse(&text);
        let _ = crate::domain::tracking::TrackingCode::parse(&text);
        let parts: Vec<&str> = text.splitn(4, '\n').collect();
        let part = |n: usize| parts.get(n).copied().unwrap_or_default().to_owned();
        let signed = Signed { district: part(0), time: part(1), body: part(2), signature: part(3) };
        let request = Request { method: "GET", path: "/v1/x" };
        prop_assert!(check(Some(&signed), "12", &key().public(), request, Utc::now()).is_err());
        let _ = check_body(&signed, &part(2));
    }

    #[test]
    fn a_batch_changed_anywhere_is_refused_whole(change in change()) {
        let valid = valid_batch();
        let changed = apply(&valid, &change);
        prop_assume!(changed != valid);
        prop_assert!(open_as_hub(&changed).is_err());
    }

    #[test]
    fn a_sealed_batch_changed_anywhere_does_not_open(change in change()) {
        let sealed = seal(&valid_batch(), &key().public()).unwrap_or_else(|e| panic!("{e}"));
        let changed = apply(&sealed, &change);
        prop_assume!(changed != sealed);
        prop_assert!(unseal(&changed, &key()).is_err());
    }

    #[test]
    fn a_bundle_changed_anywhere_reads_or_is_refused_without_panic(change in change()) {
        let file = bundle::write(&[valid_batch(), valid_batch()]).unwrap_or_else(|e| panic!("{e}"));
        if let Ok(batches) = bundle::read(&apply(&file, &change)) {
            for batch in batches {
                let _ = open_as_hub(batch);
            }
        }
    }

    /// A district holding its key can sign any body: the hub still only reads it or refuses it.
    #[test]
    fn any_body_under_a_valid_signature_is_read_or_refused(body in vec(any::<u8>(), 0..8192)) {
        let _ = open_as_hub(&signed_with_body(&body));
    }
}

#[test]
fn a_zstd_bomb_is_refused_before_its_memory_is_taken() {
    // 48 MiB of zeros compress to a few KiB; the events in them would be far more than the
    // compressed size justifies.
    let bomb = zstd::bulk::compress(&vec![0u8; 48 << 20], 19).unwrap_or_else(|e| panic!("{e}"));
    assert!(bomb.len() < 16 * 1024, "{}", bomb.len());
    assert_eq!(open_as_hub(&signed_with_body(&bomb)).err(), Some(SyncError::TooLarge));
    // A frame that only claims a huge size, with no data behind the claim, is refused as broken.
    let mut claim = zstd::bulk::compress(&[1, 2, 3], 3).unwrap_or_else(|e| panic!("{e}"));
    claim.truncate(claim.len() - 2);
    assert!(open_as_hub(&signed_with_body(&claim)).is_err());
}

#[test]
fn a_valid_batch_still_opens() {
    assert!(open_as_hub(&valid_batch()).is_ok());
    let sealed = seal(&valid_batch(), &key().public()).unwrap_or_else(|e| panic!("{e}"));
    assert!(unseal(&sealed, &key()).is_ok_and(|batch| open_as_hub(&batch).is_ok()));
    assert!(sign(&Header { first: 0, ..peek(&valid_batch()).unwrap_or_else(|e| panic!("{e}")) }, &[], &key()).is_err());
}
