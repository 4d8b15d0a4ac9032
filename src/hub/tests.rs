//! The hub's operations without HTTP: enrolment, exactly-once receipt, resumable uploads, quarantine.

use chrono::Utc;

use super::store::HubStore;
use super::{Hub, HubError};
use crate::domain::case::{CaseEvent, EventKind};
use crate::domain::role::{Actor, Role};
use crate::domain::tracking::TrackingCode;
use crate::signing::DistrictKey;
use crate::store::record::{EventRecordV1, encode};
use crate::sync::batch::{Item, hash_of};
use crate::sync::plan::{Acked, Route, plan};
use crate::sync::{Receipt, SyncError};

fn hub() -> (tempfile::TempDir, Hub) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = HubStore::create(dir.path(), "hub").unwrap_or_else(|e| panic!("{e}"));
    (dir, Hub { store })
}

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

fn sealed(key: &DistrictKey, items: &[Item]) -> Vec<Vec<u8>> {
    let route = Route { sender: "7", receiver: "hub", key, at: Utc::now(), max_items: 3 };
    plan(items, &Acked::default(), &route).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_batch_is_held_once_and_every_resend_answers_the_receipt() -> Result<(), HubError> {
    let (_dir, hub) = hub();
    let key = DistrictKey::generate().unwrap_or_else(|e| panic!("{e}"));
    let batches = sealed(&key, &items(1..=5, "x"));
    assert!(matches!(hub.receive(&batches[0], Utc::now()), Err(HubError::UnknownDistrict(_))));
    assert_eq!(hub.store.enroll("7", &key.public(), Utc::now())?, 1);
    let first = hub.receive(&batches[0], Utc::now())?;
    assert_eq!(first, Receipt { held: 3, hash: Some(hash_of(&batches[0])) });
    assert_eq!(hub.receive(&batches[0], Utc::now())?, first);
    assert_eq!(hub.receive(&batches[1], Utc::now())?.held, 5);
    assert_eq!(hub.receive(&batches[0], Utc::now())?.held, 5);
    assert_eq!(hub.store.held_count("7")?, 5);
    let stats = hub.stats()?;
    assert_eq!((stats[0].events_held, stats[0].last_sequence, stats[0].quarantined), (5, 5, 0));
    Ok(())
}

#[test]
fn an_upload_resumes_at_the_hubs_offset_and_must_match_its_id() -> Result<(), HubError> {
    let (_dir, hub) = hub();
    let key = DistrictKey::generate().unwrap_or_else(|e| panic!("{e}"));
    hub.store.enroll("7", &key.public(), Utc::now())?;
    let batch = sealed(&key, &items(1..=3, "y")).remove(0);
    let id = hash_of(&batch);
    assert_eq!(hub.upload_chunk(&id, 0, &batch[..10])?, 10);
    assert_eq!(hub.upload_chunk(&id, 0, &batch[..10]), Err(HubError::WrongOffset { received: 10, offset: 0 }));
    assert_eq!(hub.upload_received(&id)?, 10);
    hub.upload_chunk(&id, 10, &batch[10..])?;
    assert_eq!(hub.commit_upload(&id, Utc::now())?.held, 3);
    // The upload is gone once taken: a second commit is told to upload again.
    assert_eq!(hub.commit_upload(&id, Utc::now()), Err(HubError::UploadMismatch));
    Ok(())
}

#[test]
fn a_fork_is_quarantined_and_changes_nothing() -> Result<(), HubError> {
    let (_dir, hub) = hub();
    let key = DistrictKey::generate().unwrap_or_else(|e| panic!("{e}"));
    hub.store.enroll("7", &key.public(), Utc::now())?;
    hub.receive(&sealed(&key, &items(1..=3, "a"))[0], Utc::now())?;
    let fork = sealed(&key, &items(1..=3, "b")).remove(0);
    assert_eq!(hub.receive(&fork, Utc::now()), Err(HubError::Batch(SyncError::Forked { sequence: 1 })));
    assert_eq!(hub.store.quarantined("7")?.len(), 1);
    assert_eq!(hub.store.held_count("7")?, 3);
    // Re-enrolment (a lost key) is recorded and the new key is the one that counts.
    let new_key = DistrictKey::generate().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(hub.store.enroll("7", &new_key.public(), Utc::now())?, 2);
    let old_signed = sealed(&key, &items(1..=4, "a")).remove(1);
    assert_eq!(hub.receive(&old_signed, Utc::now()), Err(HubError::Batch(SyncError::BadSignature)));
    Ok(())
}

#[test]
fn a_revocation_goes_down_for_a_document_the_hub_holds_and_downloads_need_the_districts_signature() -> Result<(), HubError> {
    use crate::domain::catalog::IssuedDocumentKind;
    use crate::domain::issued::Serial;
    use crate::sync::auth::{AuthError, sign};
    use crate::sync::message::Message;
    let (_dir, hub) = hub();
    let key = DistrictKey::generate().unwrap_or_else(|e| panic!("{e}"));
    hub.store.enroll("7", &key.public(), Utc::now())?;
    let serial = Serial { year: 1405, number: 1 };
    let mut events = items(1..=2, "a");
    let mut issued = crate::store::record::decode::<EventRecordV1>(&events[1].bytes)
        .and_then(|r| r.to_domain())
        .unwrap_or_else(|e| panic!("{e}"));
    issued.kind = EventKind::DocumentIssued {
        serial,
        document: IssuedDocumentKind::Permit,
        valid_until: None,
        conditions: None,
        supersedes: None,
    };
    events[1].bytes = encode(&EventRecordV1::from_domain(&issued));
    hub.receive(&sealed(&key, &events)[0], Utc::now())?;
    let unknown = Serial { year: 1405, number: 2 };
    assert!(matches!(hub.revoke("7", unknown, "x", "استانداری", Utc::now()), Err(HubError::UnknownDocument { .. })));
    assert_eq!(hub.revoke("7", serial, "جعل", "استانداری", Utc::now())?, issued.case.as_str());
    let down = crate::sync::bundle::read(&hub.export("7", 0)?)?.into_iter().map(<[u8]>::to_vec).collect::<Vec<_>>();
    let batch = crate::sync::batch::open(&down[0], "7", |_| Some(hub.public_key().unwrap_or_else(|e| panic!("{e}"))))?;
    assert!(matches!(Message::decode(&batch.items[0].bytes), Ok(Message::Revocation { serial: s, .. }) if s == serial));

    let path = "/v1/districts/7/down?after=0";
    let now = Utc::now();
    assert_eq!(hub.authorize("7", Some(&sign("7", &key, "GET", path, now)), "GET", path), Ok(()));
    assert_eq!(hub.authorize("7", None, "GET", path), Err(HubError::Unauthorized(AuthError::Unsigned)));
    let stale = sign("7", &key, "GET", path, now - chrono::Duration::minutes(6));
    assert_eq!(hub.authorize("7", Some(&stale), "GET", path), Err(HubError::Unauthorized(AuthError::Stale)));
    let stranger = DistrictKey::generate().unwrap_or_else(|e| panic!("{e}"));
    let forged = sign("7", &stranger, "GET", path, now);
    assert_eq!(hub.authorize("7", Some(&forged), "GET", path), Err(HubError::Unauthorized(AuthError::BadSignature)));
    Ok(())
}
