//! The hub's operations without HTTP: enrolment, exactly-once receipt, resumable uploads,
//! quarantine, signed requests taken once. Each runs on redb and, when `BAKHSHYAR_TEST_POSTGRES` names a
//! server, on a fresh PostgreSQL database of its own.

use chrono::Utc;

use super::store::on_postgres::{ScratchDatabase, TEST_SERVER_VARIABLE};
use super::store::{HubStore, Location};
use super::{Hub, HubError};
use crate::domain::case::{CaseEvent, EventKind};
use crate::domain::role::{Actor, Role};
use crate::domain::tracking::TrackingCode;
use crate::signing::DistrictKey;
use crate::store::record::{EventRecordV1, encode};
use crate::sync::batch::{Item, hash_of};
use crate::sync::plan::{Acked, Route, plan};
use crate::sync::seal::{seal, unseal};
use crate::sync::{Receipt, SyncError};

/// What keeps a test's store alive until dropped: its folder or its database.
type Place = Box<dyn std::any::Any>;

fn on_redb() -> (Place, Hub) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = HubStore::create(&Location::Dir(dir.path().to_path_buf()), "hub").unwrap_or_else(|e| panic!("{e}"));
    (Box::new(dir), Hub { store })
}

fn on_postgres(test: &str) -> Option<(Place, Hub)> {
    let Some(database) = ScratchDatabase::from_env(test) else {
        eprintln!("skipped: {TEST_SERVER_VARIABLE} is not set, so {test} did not run on PostgreSQL");
        return None;
    };
    let database = database.unwrap_or_else(|e| panic!("{e}"));
    let store = HubStore::create(&Location::Postgres(database.url.clone()), "hub").unwrap_or_else(|e| panic!("{e}"));
    Some((Box::new(database), Hub { store }))
}

/// `name(hub)` as two tests, `name::redb` and `name::postgres`.
macro_rules! on_both {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[test]
            fn redb() -> Result<(), super::HubError> {
                let (_place, hub) = super::on_redb();
                super::$name(&hub)
            }

            #[test]
            fn postgres() -> Result<(), super::HubError> {
                match super::on_postgres(stringify!($name)) {
                    Some((_place, hub)) => super::$name(&hub),
                    None => Ok(()),
                }
            }
        }
    )*};
}

on_both!(
    a_batch_is_held_once_and_every_resend_answers_the_receipt,
    an_upload_resumes_at_the_hubs_offset_and_must_match_its_id,
    a_fork_is_quarantined_and_changes_nothing,
    concurrent_receivers_hold_each_event_once,
    decisions_go_down_in_a_chain,
    a_second_store_is_refused_where_one_is,
    a_revocation_goes_down_and_downloads_need_the_districts_signature,
    a_signed_request_is_taken_once_and_a_replay_changes_nothing,
);

fn items(range: std::ops::RangeInclusive<u64>, note: &str) -> Vec<Item> {
    range
        .map(|s| {
            let event = CaseEvent {
                case: TrackingCode::compose("7", 1405, u32::try_from(s).unwrap_or(1)).unwrap_or_else(|e| panic!("{e}")),
                sequence: 2,
                at: Utc::now(),
                actor: Actor { user_id: "u".into(), name: "n".into(), role: Role::Clerk },
                note: Some(note.into()),
                kind: EventKind::NoteAdded,
            };
            Item { sequence: s, bytes: encode(&EventRecordV1::from_domain(&event)) }
        })
        .collect()
}

/// District 7's batches of `items`, signed with `key` and sealed to `hub`, as a district sends them.
fn sealed(hub: &Hub, key: &DistrictKey, items: &[Item]) -> Vec<Vec<u8>> {
    let route = Route { sender: "7", receiver: "hub", key, at: Utc::now(), max_items: 3 };
    let hub_key = hub.public_key().unwrap_or_else(|e| panic!("{e}"));
    let batches = plan(items, &Acked::default(), &route).unwrap_or_else(|e| panic!("{e}"));
    batches.iter().map(|batch| seal(batch, &hub_key).unwrap_or_else(|e| panic!("{e}"))).collect()
}

fn a_batch_is_held_once_and_every_resend_answers_the_receipt(hub: &Hub) -> Result<(), HubError> {
    let key = DistrictKey::generate().unwrap_or_else(|e| panic!("{e}"));
    let batches = sealed(hub, &key, &items(1..=5, "x"));
    assert!(matches!(hub.receive(&batches[0], Utc::now()), Err(HubError::UnknownDistrict(_))));
    assert_eq!(hub.store.enroll("7", &key.public(), Utc::now())?, 1);
    let first = hub.receive(&batches[0], Utc::now())?;
    // The receipt names the signed batch inside the seal: the next batch's `previous`.
    let inside = unseal(&batches[0], &hub.store.signing_key()?)?;
    assert_eq!((first.held, first.hash.clone()), (3, Some(hash_of(&inside))));
    // Signed by the hub for district 7, and for it alone: another district cannot use it.
    let hub_key = hub.public_key()?;
    assert!(first.clone().verified("7", &hub_key).is_ok());
    assert_eq!(first.clone().verified("8", &hub_key), Err(crate::sync::ReceiptError::Forged));
    let inflated = Receipt { held: 1_000_000, ..first.clone() };
    assert_eq!(inflated.verified("7", &hub_key), Err(crate::sync::ReceiptError::Forged));
    assert_eq!(Receipt { signature: None, ..first.clone() }.verified("7", &hub_key), Err(crate::sync::ReceiptError::Unsigned));
    assert_eq!(hub.receive(&batches[0], Utc::now())?, first);
    assert_eq!(hub.receive(&batches[1], Utc::now())?.held, 5);
    assert_eq!(hub.receive(&batches[0], Utc::now())?.held, 5);
    assert_eq!(hub.store.held_count("7")?, 5);
    let stats = hub.stats()?;
    assert_eq!((stats[0].events_held, stats[0].last_sequence, stats[0].quarantined), (5, 5, 0));
    Ok(())
}

fn an_upload_resumes_at_the_hubs_offset_and_must_match_its_id(hub: &Hub) -> Result<(), HubError> {
    use super::uploads::{Caps, Uploads};
    let dir = tempfile::tempdir().map_err(|e| HubError::Io(e.to_string()))?;
    let uploads = Uploads::open(dir.path(), Caps::default())?;
    let key = DistrictKey::generate().unwrap_or_else(|e| panic!("{e}"));
    hub.store.enroll("7", &key.public(), Utc::now())?;
    let other = DistrictKey::generate().unwrap_or_else(|e| panic!("{e}"));
    hub.store.enroll("8", &other.public(), Utc::now())?;
    let batch = sealed(hub, &key, &items(1..=3, "y")).remove(0);
    let id = hash_of(&batch);
    // District 8 uploads district 7's batch: it is not 8's to send.
    uploads.append("8", &id, 0, &batch)?;
    let refused = hub.commit_upload(&uploads, "8", &id, Utc::now());
    assert!(matches!(refused, Err(HubError::Unauthorized(crate::sync::auth::AuthError::WrongDistrict { .. }))), "{refused:?}");
    assert_eq!(hub.store.held_count("7")?, 0);
    assert_eq!(uploads.append("7", &id, 0, &batch[..10])?, 10);
    assert_eq!(uploads.received("7", &id)?, 10);
    uploads.append("7", &id, 10, &batch[10..])?;
    assert_eq!(hub.commit_upload(&uploads, "7", &id, Utc::now())?.held, 3);
    // The upload is gone once taken: a second commit is told to upload again.
    assert_eq!(hub.commit_upload(&uploads, "7", &id, Utc::now()), Err(HubError::UploadMismatch));
    Ok(())
}

fn a_fork_is_quarantined_and_changes_nothing(hub: &Hub) -> Result<(), HubError> {
    let key = DistrictKey::generate().unwrap_or_else(|e| panic!("{e}"));
    hub.store.enroll("7", &key.public(), Utc::now())?;
    hub.receive(&sealed(hub, &key, &items(1..=3, "a"))[0], Utc::now())?;
    let fork = sealed(hub, &key, &items(1..=3, "b")).remove(0);
    assert_eq!(hub.receive(&fork, Utc::now()), Err(HubError::Batch(SyncError::Forked { sequence: 1 })));
    assert_eq!(hub.store.quarantined("7")?.len(), 1);
    let set_aside = hub.set_aside("7")?;
    assert_eq!(set_aside.iter().map(|s| (s.first, s.last, s.key.as_str())).collect::<Vec<_>>(), vec![(1, 3, "forked")]);
    assert_eq!(hub.store.held_count("7")?, 3);
    // Re-enrolment (a lost key) is recorded and the new key is the one that counts.
    let new_key = DistrictKey::generate().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(hub.store.enroll("7", &new_key.public(), Utc::now())?, 2);
    let old_signed = sealed(hub, &key, &items(1..=4, "a")).remove(1);
    assert_eq!(hub.receive(&old_signed, Utc::now()), Err(HubError::Batch(SyncError::BadSignature)));
    Ok(())
}

fn concurrent_receivers_hold_each_event_once(hub: &Hub) -> Result<(), HubError> {
    let key = DistrictKey::generate().unwrap_or_else(|e| panic!("{e}"));
    hub.store.enroll("7", &key.public(), Utc::now())?;
    let batches = sealed(hub, &key, &items(1..=12, "c"));
    // Eight receivers at once, each sending every batch in order: one takes each batch, the
    // others see it held (or not yet extendable) and are refused or answered the receipt.
    std::thread::scope(|scope| {
        for _ in 0..8 {
            scope.spawn(|| {
                for batch in &batches {
                    match hub.receive(batch, Utc::now()) {
                        Ok(_) | Err(HubError::Batch(SyncError::OutOfOrder { .. } | SyncError::BrokenChain { .. })) => {}
                        Err(error) => panic!("{error}"),
                    }
                }
            });
        }
    });
    for batch in &batches {
        hub.receive(batch, Utc::now())?;
    }
    let held = hub.store.read_held("7")?;
    assert_eq!(held.iter().map(|(s, _)| *s).collect::<Vec<_>>(), (1..=12).collect::<Vec<_>>());
    let receipt = hub.receipt("7")?;
    let last = unseal(batches.last().unwrap_or_else(|| panic!("no batch")), &hub.store.signing_key()?)?;
    assert_eq!((receipt.held, receipt.hash), (12, Some(hash_of(&last))));
    assert!(hub.store.quarantined("7")?.is_empty());
    Ok(())
}

fn decisions_go_down_in_a_chain(hub: &Hub) -> Result<(), HubError> {
    use crate::sync::message::Message;
    let key = DistrictKey::generate().unwrap_or_else(|e| panic!("{e}"));
    hub.store.enroll("7", &key.public(), Utc::now())?;
    hub.receive(&sealed(hub, &key, &items(1..=2, "d"))[0], Utc::now())?;
    let case = TrackingCode::compose("7", 1405, 1).unwrap_or_else(|e| panic!("{e}"));
    let decision = |case: &TrackingCode, to: &str| Message::Decision {
        case: case.as_str().to_owned(),
        to: to.to_owned(),
        decision_fa: None,
        actor_name: "a".into(),
        at: Utc::now(),
        note: None,
    };
    assert_eq!(hub.decide(&decision(&case, "t2"), Utc::now())?, "7");
    assert_eq!(hub.decide(&decision(&case, "t3"), Utc::now())?, "7");
    let record = hub.store.district("7")?.unwrap_or_else(|| panic!("no district"));
    let down = hub.store.batches_after(super::store::Kept::Down, "7", 0)?;
    assert_eq!((record.down_last, down.len()), (2, 2));
    assert_eq!(record.down_hash, down.last().map(|b| hash_of(b)));
    assert_eq!(hub.store.batches_after(super::store::Kept::Down, "7", 1)?.len(), 1);
    let unknown = TrackingCode::compose("8", 1405, 1).unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(hub.decide(&decision(&unknown, "t2"), Utc::now()), Err(HubError::UnknownCase(_))));
    Ok(())
}

fn a_second_store_is_refused_where_one_is(hub: &Hub) -> Result<(), HubError> {
    let key = hub.public_key()?;
    assert!(matches!(HubStore::create(hub.store.location(), "other"), Err(HubError::Exists(_))));
    // The refusal wrote nothing: the hub keeps its key.
    assert_eq!(hub.public_key()?, key);
    Ok(())
}

#[test]
fn a_postgres_store_of_another_schema_version_is_refused() -> Result<(), HubError> {
    let Some((_place, hub)) = on_postgres("schema_version") else { return Ok(()) };
    let super::store::Location::Postgres(url) = hub.store.location().clone() else { panic!("not PostgreSQL") };
    let mut client = ::postgres::Client::connect(&url, ::postgres::NoTls)?;
    client.execute("UPDATE hub_meta SET value = '2' WHERE key = 'schema_version'", &[])?;
    assert!(matches!(HubStore::open(hub.store.location()), Err(HubError::SchemaVersion { .. })));
    client.batch_execute("DROP TABLE hub_meta")?;
    assert!(matches!(HubStore::open(hub.store.location()), Err(HubError::Missing(_))));
    Ok(())
}

fn a_revocation_goes_down_and_downloads_need_the_districts_signature(hub: &Hub) -> Result<(), HubError> {
    use crate::domain::catalog::IssuedDocumentKind;
    use crate::domain::issued::Serial;
    use crate::sync::auth::{AuthError, Request, sign};
    use crate::sync::message::Message;
    let key = DistrictKey::generate().unwrap_or_else(|e| panic!("{e}"));
    hub.store.enroll("7", &key.public(), Utc::now())?;
    let serial = Serial { year: 1405, number: 1 };
    let mut events = items(1..=2, "a");
    let mut issued = crate::store::record::decode::<EventRecordV1>(&events[1].bytes)
        .and_then(|r| r.to_domain())
        .unwrap_or_else(|e| panic!("{e}"));
    // A kind added in issue 19 travels, is stored and is revoked like the first ones.
    issued.kind = EventKind::DocumentIssued {
        serial,
        document: IssuedDocumentKind::RegistrationRecord,
        valid_until: None,
        conditions: None,
        supersedes: None,
        documents_override: None,
        signature: None,
    };
    events[1].bytes = encode(&EventRecordV1::from_domain(&issued));
    hub.receive(&sealed(hub, &key, &events)[0], Utc::now())?;
    let unknown = Serial { year: 1405, number: 2 };
    assert!(matches!(hub.revoke("7", unknown, "x", "استانداری", Utc::now()), Err(HubError::UnknownDocument { .. })));
    assert_eq!(hub.revoke("7", serial, "جعل", "استانداری", Utc::now())?, issued.case.as_str());
    let down = crate::sync::bundle::read(&hub.export("7", 0)?)?.into_iter().map(<[u8]>::to_vec).collect::<Vec<_>>();
    let inside = unseal(&down[0], &key)?;
    let batch = crate::sync::batch::open(&inside, "7", |_| Some(hub.public_key().unwrap_or_else(|e| panic!("{e}"))))?;
    assert!(matches!(Message::decode(&batch.items[0].bytes), Ok(Message::Revocation { serial: s, .. }) if s == serial));

    let down = Request { method: "GET", path: "/v1/districts/7/down?after=0" };
    let now = Utc::now();
    let ms = now.timestamp_millis();
    assert_eq!(hub.admit_request(Some(&sign("7", &key, down, b"", ms)), down, now), Ok("7".to_owned()));
    assert_eq!(hub.admit_request(None, down, now), Err(HubError::Unauthorized(AuthError::Unsigned)));
    let stale = sign("7", &key, down, b"", ms - 6 * 60 * 1000);
    assert_eq!(hub.admit_request(Some(&stale), down, now), Err(HubError::Unauthorized(AuthError::Stale)));
    let stranger = DistrictKey::generate().unwrap_or_else(|e| panic!("{e}"));
    let forged = sign("7", &stranger, down, b"", ms + 1);
    assert_eq!(hub.admit_request(Some(&forged), down, now), Err(HubError::Unauthorized(AuthError::BadSignature)));
    let unknown = sign("9", &key, down, b"", ms + 1);
    assert_eq!(hub.admit_request(Some(&unknown), down, now), Err(HubError::UnknownDistrict("9".into())));
    Ok(())
}

/// A captured request sent again is refused, and so is one signed before the last taken (another
/// client of the district got in first: it signs anew after `last`). Nothing of the district
/// changes on a refusal, its last contact least of all; a forged request does not move its clock.
fn a_signed_request_is_taken_once_and_a_replay_changes_nothing(hub: &Hub) -> Result<(), HubError> {
    use crate::sync::auth::{AuthError, Request, sign};
    let key = DistrictKey::generate().unwrap_or_else(|e| panic!("{e}"));
    hub.store.enroll("7", &key.public(), Utc::now())?;
    hub.receive(&sealed(hub, &key, &items(1..=2, "r"))[0], Utc::now() - chrono::Duration::hours(1))?;
    let before = hub.store.district("7")?;
    let receipt = Request { method: "GET", path: "/v1/districts/7/receipt" };
    let now = Utc::now();
    let ms = now.timestamp_millis();
    let stranger = DistrictKey::generate().unwrap_or_else(|e| panic!("{e}"));
    let forged = sign("7", &stranger, receipt, b"", ms + 60_000);
    assert_eq!(hub.admit_request(Some(&forged), receipt, now), Err(HubError::Unauthorized(AuthError::BadSignature)));
    let captured = sign("7", &key, receipt, b"", ms);
    assert_eq!(hub.admit_request(Some(&captured), receipt, now), Ok("7".to_owned()));
    let taken = hub.store.district("7")?;
    assert_eq!(taken.as_ref().and_then(|r| r.last_request), Some(ms), "the forged request did not move the clock");
    assert_eq!(hub.admit_request(Some(&captured), receipt, now), Err(HubError::Unauthorized(AuthError::Replayed { last: ms })));
    let earlier = sign("7", &key, receipt, b"", ms - 1);
    assert_eq!(hub.admit_request(Some(&earlier), receipt, now), Err(HubError::Unauthorized(AuthError::Replayed { last: ms })));
    assert_eq!(hub.store.district("7")?, taken, "a refused replay changes nothing");
    assert_eq!(taken.map(|r| r.last_contact), before.map(|r| r.last_contact), "nor does a request: only a batch is contact");
    let later = sign("7", &key, receipt, b"", ms + 1);
    assert_eq!(hub.admit_request(Some(&later), receipt, now), Ok("7".to_owned()));
    Ok(())
}
