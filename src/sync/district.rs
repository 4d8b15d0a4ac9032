//! The district's sync, over HTTP or files: catch up with what the hub holds, push the outbox in
//! batches, take what comes down. The same steps serve the CLI and the window, which follows each
//! batch through a progress callback (`push_with`, `pull_with`) and may stop between batches.

use chrono::Utc;
use thiserror::Error;

use super::admit::{Chain, admit};
use super::batch::{Batch, Item, open, peek};
use super::client::{ClientError, HubClient, Signer};
use super::message::Message;
use super::plan::{Route, plan_chained};
use super::seal::{seal, unseal};
use super::span::{ChainSpan, event_key};
use super::{Receipt, ReceiptError, SyncError, bundle};
use crate::domain::case::Context;
use crate::domain::catalog::Catalog;
use crate::domain::role::{Actor, Role};
use crate::domain::tracking::TrackingCode;
use crate::domain::workflow::Office;
use crate::signing::PublicKey;
use crate::store::{Database, Installed, OutboxEntry, StoreError};

/// What became of a decision or a revocation from the hub.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecisionOutcome {
    Applied,
    AlreadyApplied,
    /// The case is not where the decision can apply; the reason is kept in quarantine.
    Refused(String),
}

/// Items per batch by default: a few hundred KiB compressed.
pub const MAX_ITEMS: usize = 2000;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum DistrictSyncError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Client(#[from] ClientError),
    #[error(transparent)]
    Batch(#[from] SyncError),
    /// The hub answers with another key than the one this district trusts.
    #[error("the hub's key changed")]
    HubKeyChanged,
    /// A receipt the pinned hub key does not verify: nothing of the outbox is deleted on it.
    #[error(transparent)]
    Receipt(#[from] ReceiptError),
    /// No hub is known yet: contact it once over HTTP, or `sync trust` its id and key.
    #[error("no hub is known yet")]
    NoHub,
    /// The progress callback asked to stop; the batches before the stop are kept.
    #[error("sync cancelled")]
    Cancelled,
}

/// Which way batches are going.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Push,
    Pull,
}

/// Reported before the first batch and after each one: `done` of `total` batches of this phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub phase: Phase,
    pub done: usize,
    pub total: usize,
}

/// Told of every step; answers whether to go on (false stops before the next batch).
pub type OnProgress<'a> = &'a mut dyn FnMut(Progress) -> bool;

fn step(on: OnProgress<'_>, phase: Phase, done: usize, total: usize) -> Result<(), DistrictSyncError> {
    if on(Progress { phase, done, total }) { Ok(()) } else { Err(DistrictSyncError::Cancelled) }
}

/// What a push or pull did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub batches_sent: usize,
    /// Hub batches taken (pull and import).
    pub batches_received: usize,
    pub receipt: Receipt,
    /// Own events taken back from the hub (the store was restored from an older backup).
    pub recovered: usize,
    pub decisions_applied: usize,
    pub revocations_applied: usize,
    pub catalogs_installed: usize,
    /// Batches, decisions or revocations set aside with their reason.
    pub quarantined: Vec<String>,
}

/// The hub this district was given by `sync trust`, checked against what answers at the address.
fn connect(db: &Database, client: &HubClient) -> Result<(String, PublicKey), DistrictSyncError> {
    // The hub's key is pinned out of band (`sync trust`, from what enrollment printed): a hub met
    // on the network for the first time is never believed on its own word.
    let (known_id, known_key) = trusted_hub(db)?;
    let identity = client.identity()?;
    if identity.key != known_key.to_hex() || identity.id != known_id {
        return Err(DistrictSyncError::HubKeyChanged);
    }
    Ok((known_id, known_key))
}

/// Asks what the hub holds; takes back own events this store lost to an older backup; settles the outbox.
fn catch_up(
    db: &Database,
    catalog: &Catalog,
    client: &HubClient,
    (hub_id, hub_key): (&str, &PublicKey),
) -> Result<(Receipt, usize), DistrictSyncError> {
    let me = db.district_code().to_owned();
    let key = db.signing_key()?;
    let signer = Signer { district: &me, key: &key };
    let receipt = client.receipt(signer)?.verified(&me, hub_key)?;
    let state = db.sync_state()?;
    let mut recovered = 0;
    if receipt.held >= state.outbox_next {
        let own_key = key.public();
        let file = client.bundle(signer, "own", state.outbox_next - 1)?;
        for sealed in bundle::read(&file)? {
            let batch = open(&unseal(sealed, &key)?, hub_id, |sender| (sender == me).then_some(own_key))?;
            let entries: Vec<OutboxEntry> = batch.items.into_iter().map(OutboxEntry::from).collect();
            recovered += db.recover_events(catalog, &entries)?;
        }
    }
    db.confirm(&receipt.acked(), Utc::now())?;
    Ok((receipt, recovered))
}

/// Sends every pending outbox event; the outbox shrinks only by the hub's receipts.
pub fn push(db: &Database, catalog: &Catalog, client: &HubClient, max_items: usize) -> Result<Report, DistrictSyncError> {
    push_with(db, catalog, client, max_items, &mut |_| true)
}

/// `push`, telling `on` of each batch sent.
pub fn push_with(
    db: &Database,
    catalog: &Catalog,
    client: &HubClient,
    max_items: usize,
    on: OnProgress<'_>,
) -> Result<Report, DistrictSyncError> {
    let (hub_id, hub_key) = connect(db, client)?;
    let (receipt, recovered) = catch_up(db, catalog, client, (&hub_id, &hub_key))?;
    let mut report = Report { receipt, recovered, ..Report::default() };
    let batches = pending_batches(db, &hub_id, max_items)?;
    let key = db.signing_key()?;
    let signer = Signer { district: db.district_code(), key: &key };
    for (done, batch) in batches.iter().enumerate() {
        step(on, Phase::Push, done, batches.len())?;
        match client.upload(signer, &seal(batch, &hub_key)?) {
            Ok(receipt) => {
                let receipt = receipt.verified(db.district_code(), &hub_key)?;
                db.confirm(&receipt.acked(), Utc::now())?;
                report.batches_sent += 1;
                report.receipt = receipt;
            }
            Err(ClientError::Refused { key, detail }) if key != "replayed" => {
                // Held back: later batches wait behind this one, and it is shown at both ends.
                db.quarantine(&super::batch::hash_of(batch), &format!("{key}: {detail}"))?;
                report.quarantined.push(key);
                break;
            }
            Err(error) => return Err(error.into()),
        }
    }
    step(on, Phase::Push, report.batches_sent, batches.len())?;
    if report.quarantined.is_empty() {
        db.record_push(Utc::now())?;
    }
    Ok(report)
}

/// Takes what the hub has for this district.
pub fn pull(db: &Database, catalog: &Catalog, client: &HubClient) -> Result<Report, DistrictSyncError> {
    pull_with(db, catalog, client, &mut |_| true)
}

/// `pull`, telling `on` of each batch taken.
pub fn pull_with(db: &Database, catalog: &Catalog, client: &HubClient, on: OnProgress<'_>) -> Result<Report, DistrictSyncError> {
    let (hub_id, hub_key) = connect(db, client)?;
    let (receipt, recovered) = catch_up(db, catalog, client, (&hub_id, &hub_key))?;
    let key = db.signing_key()?;
    let signer = Signer { district: db.district_code(), key: &key };
    let file = client.bundle(signer, "down", db.sync_state()?.down_held)?;
    let mut report = take_down(db, catalog, &file, &hub_id, hub_key, on)?;
    report.receipt = receipt;
    report.recovered = recovered;
    db.record_pull(Utc::now())?;
    Ok(report)
}

/// The pending batches as one file for a USB stick (the same bytes as over HTTP).
pub fn export(db: &Database, max_items: usize) -> Result<(Vec<u8>, usize), DistrictSyncError> {
    let (hub_id, hub_key) = trusted_hub(db)?;
    let batches = pending_batches(db, &hub_id, max_items)?;
    let sealed = batches.iter().map(|batch| seal(batch, &hub_key)).collect::<Result<Vec<_>, _>>()?;
    Ok((bundle::write(&sealed)?, batches.len()))
}

/// The hub `sync trust` pinned: its id and key.
fn trusted_hub(db: &Database) -> Result<(String, PublicKey), DistrictSyncError> {
    let state = db.sync_state()?;
    let (Some(hub_id), Some(hub_key)) = (state.hub_id, state.hub_key) else { return Err(DistrictSyncError::NoHub) };
    let hub_key = PublicKey::from_hex(&hub_key).map_err(|_| DistrictSyncError::HubKeyChanged)?;
    Ok((hub_id, hub_key))
}

/// Applies a reply file from the hub; a second import of the same file changes nothing.
pub fn import(db: &Database, catalog: &Catalog, file: &[u8]) -> Result<Report, DistrictSyncError> {
    let (hub_id, hub_key) = trusted_hub(db)?;
    let report = take_down(db, catalog, file, &hub_id, hub_key, &mut |_| true)?;
    db.record_pull(Utc::now())?;
    Ok(report)
}

/// The outbox above the last receipt as signed batches, each carrying the stretch of the record's
/// chain through its last event, from where the confirmed ones ended (`span.rs`).
fn pending_batches(db: &Database, hub_id: &str, max_items: usize) -> Result<Vec<Vec<u8>>, DistrictSyncError> {
    let key = db.signing_key()?;
    let state = db.sync_state()?;
    let route = Route { sender: db.district_code(), receiver: hub_id, key: &key, at: Utc::now(), max_items };
    let mut from = state.chain_acked;
    let mut failure = None;
    let mut chain = |run: &[Item]| -> Result<Option<ChainSpan>, SyncError> {
        let (Some(first), Some(last)) = (run.first(), run.last()) else { return Ok(None) };
        let (first, last) = (event_key(first)?, event_key(last)?);
        match db.chain_span(from, (&first.0, first.1), (&last.0, last.1)) {
            Ok(Some(span)) => {
                from = Some(span.to);
                ChainSpan::of(&span, run).map(Some)
            }
            Ok(None) => Ok(None),
            Err(error) => {
                failure = Some(error);
                Err(SyncError::Inconsistent)
            }
        }
    };
    let planned = plan_chained(&outbox_items(db)?, &state.acked, &route, &mut chain);
    if let Some(error) = failure {
        return Err(error.into());
    }
    Ok(planned?)
}

/// Takes hub-signed batches in order, exactly once; each message applies or is quarantined.
fn take_down(
    db: &Database,
    catalog: &Catalog,
    file: &[u8],
    hub_id: &str,
    hub_key: PublicKey,
    on: OnProgress<'_>,
) -> Result<Report, DistrictSyncError> {
    let me = db.district_code().to_owned();
    let key = db.signing_key()?;
    let mut report = Report::default();
    let batches = bundle::read(file)?;
    for (done, sealed) in batches.iter().copied().enumerate() {
        step(on, Phase::Pull, done, batches.len())?;
        let bytes = unseal(sealed, &key)?;
        let state = db.sync_state()?;
        if peek(&bytes)?.last <= state.down_held {
            continue;
        }
        let batch = open(&bytes, &me, |sender| (sender == hub_id).then_some(hub_key))?;
        let down_hash = state.down_hash.clone();
        let admitted = admit(
            &Chain { held: state.down_held },
            &batch,
            |_| None,
            |s| (s == state.down_held).then(|| down_hash.clone()).flatten(),
        )?;
        for item in admitted.new_items {
            apply_item(db, catalog, &batch, hub_id, item.sequence, &item.bytes, &mut report)?;
        }
        db.record_down(admitted.held, &batch.hash)?;
        report.batches_received += 1;
    }
    step(on, Phase::Pull, batches.len(), batches.len()).map(|()| report)
}

/// Every outbox entry, in order, as batch items.
pub fn outbox_items(db: &Database) -> Result<Vec<Item>, StoreError> {
    Ok(db.outbox_entries()?.into_iter().map(Item::from).collect())
}

/// Applies a decision from the hub as an event that moves the case on, checked by the workflow
/// engine like any advance. `marker` (the hub and its message number) is the event's user id,
/// so a decision taken twice applies once.
pub fn apply_decision(
    db: &Database,
    catalog: &Catalog,
    marker: &str,
    message: &Message,
) -> Result<DecisionOutcome, DistrictSyncError> {
    let Message::Decision { case, to, decision_fa, actor_name, at, note } = message else {
        return Ok(DecisionOutcome::Refused(format!("not a decision: {}", message.case())));
    };
    let code = match TrackingCode::parse(case) {
        Ok(code) => code,
        Err(error) => return Ok(DecisionOutcome::Refused(error.to_string())),
    };
    let current = match db.case(&code) {
        Ok(current) => current,
        Err(StoreError::UnknownCase(_)) => return Ok(DecisionOutcome::Refused(format!("no case {case}"))),
        Err(other) => return Err(other.into()),
    };
    if current.history.iter().any(|e| e.actor.user_id == marker) {
        return Ok(DecisionOutcome::AlreadyApplied);
    }
    // The case's own catalogue version decides whose step it is.
    let own = if current.catalog_version == catalog.version { None } else { db.catalog_version(&current.catalog_version)? };
    let workflow = own.as_ref().unwrap_or(catalog).find(&current.service_key).map(|s| &s.workflow);
    let office = workflow.and_then(|w| w.node(&current.step)).and_then(|n| n.actor);
    if !office.is_some_and(Office::is_upstream) {
        return Ok(DecisionOutcome::Refused(format!(
            "step {} is not the county's, the province's or the ministry's",
            current.step
        )));
    }
    let actor = Actor { user_id: marker.to_owned(), name: actor_name.clone(), role: Role::Province };
    let ctx = Context { actor: &actor, at: *at, note: note.as_deref() };
    match db.advance(catalog, &code, to, decision_fa.as_deref(), &ctx) {
        Ok(_) => Ok(DecisionOutcome::Applied),
        Err(StoreError::Case(error)) => Ok(DecisionOutcome::Refused(error.to_string())),
        Err(other) => Err(other.into()),
    }
}

/// Applies a revocation from the hub through the district's own revoke path, recorded with
/// the hub as actor (`marker` as user id, so a revocation taken twice applies once). A
/// document the district revoked itself already needs nothing more.
pub fn apply_revocation(
    db: &Database,
    catalog: &Catalog,
    marker: &str,
    message: &Message,
) -> Result<DecisionOutcome, DistrictSyncError> {
    let Message::Revocation { case, serial, reason, actor_name, at } = message else {
        return Ok(DecisionOutcome::Refused(format!("not a revocation: {}", message.case())));
    };
    let code = match db.case_of_serial(*serial)? {
        Some(code) if code.as_str() == case => code,
        _ => return Ok(DecisionOutcome::Refused(format!("no document {serial} on case {case}"))),
    };
    let current = db.case(&code)?;
    if current.history.iter().any(|e| e.actor.user_id == marker)
        || current.documents.iter().any(|d| d.serial == *serial && d.revoked.is_some())
    {
        return Ok(DecisionOutcome::AlreadyApplied);
    }
    if current.current_document().map(|d| d.serial).ok() != Some(*serial) {
        return Ok(DecisionOutcome::Refused(format!("document {serial} is no longer the one in force")));
    }
    let actor = Actor { user_id: marker.to_owned(), name: actor_name.clone(), role: Role::Province };
    let ctx = Context { actor: &actor, at: *at, note: None };
    match db.revoke(catalog, &code, reason, &ctx) {
        Ok(_) => Ok(DecisionOutcome::Applied),
        Err(StoreError::Case(error)) => Ok(DecisionOutcome::Refused(error.to_string())),
        Err(other) => Err(other.into()),
    }
}

fn apply_item(
    db: &Database,
    catalog: &Catalog,
    batch: &Batch,
    hub_id: &str,
    sequence: u64,
    bytes: &[u8],
    report: &mut Report,
) -> Result<(), DistrictSyncError> {
    let marker = format!("hub:{hub_id}:{sequence}");
    let message = Message::decode(bytes);
    let outcome = match &message {
        Ok(message @ Message::Decision { .. }) => apply_decision(db, catalog, &marker, message)?,
        Ok(Message::Catalog { files, at, .. }) => install(db, files, *at)?,
        Ok(message) => apply_revocation(db, catalog, &marker, message)?,
        Err(error) => DecisionOutcome::Refused(error.to_string()),
    };
    match outcome {
        DecisionOutcome::Applied if matches!(message, Ok(Message::Revocation { .. })) => report.revocations_applied += 1,
        DecisionOutcome::Applied if matches!(message, Ok(Message::Catalog { .. })) => report.catalogs_installed += 1,
        DecisionOutcome::Applied => report.decisions_applied += 1,
        DecisionOutcome::AlreadyApplied => {}
        DecisionOutcome::Refused(reason) => {
            db.quarantine(&format!("{}#{sequence}", batch.hash), &reason)?;
            report.quarantined.push(reason);
        }
    }
    Ok(())
}

/// A catalogue from the hub: checked, stored and made active; a broken one changes nothing and is
/// quarantined with its first problem.
fn install(db: &Database, files: &[(String, String)], at: chrono::DateTime<Utc>) -> Result<DecisionOutcome, DistrictSyncError> {
    Ok(match db.install_catalog(files, at)? {
        Installed::New(_) => DecisionOutcome::Applied,
        Installed::Already(_) => DecisionOutcome::AlreadyApplied,
        Installed::Broken(errors) => {
            let first = errors.first().map(ToString::to_string).unwrap_or_default();
            DecisionOutcome::Refused(format!("catalogue with {} problems: {first}", errors.len()))
        }
    })
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;
    use crate::signing::DistrictKey;
    use crate::sync::batch::{Header, Item, sign};

    /// A reply file from the hub `hub_key` to `district` holding `messages`, one batch each, chained.
    fn reply(hub_key: &DistrictKey, district: &PublicKey, messages: &[Message]) -> Vec<u8> {
        let mut previous = None;
        let mut batches = Vec::new();
        for (sequence, message) in (1..).zip(messages) {
            let header = Header {
                sender: "hub".into(),
                receiver: "21".into(),
                first: sequence,
                last: sequence,
                previous,
                created_at: Utc::now(),
                chain: None,
            };
            let batch = sign(&header, &[Item { sequence, bytes: message.encode() }], hub_key).unwrap_or_else(|e| panic!("{e}"));
            previous = Some(super::super::batch::hash_of(&batch));
            batches.push(seal(&batch, district).unwrap_or_else(|e| panic!("{e}")));
        }
        bundle::write(&batches).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_broken_catalogue_is_quarantined_and_a_good_one_installed_once() -> Result<(), DistrictSyncError> {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let db = Database::create(dir.path(), "21", "بخش")?;
        let hub_key = DistrictKey::generate().unwrap_or_else(|e| panic!("{e}"));
        db.trust_hub("hub", &hub_key.public().to_hex())?;
        let catalog = crate::catalog_data::embedded().unwrap_or_else(|e| panic!("{e:?}"));
        let broken = vec![("catalog.toml".to_owned(), "format = 1\n".to_owned())];
        let mut good = crate::catalog_data::embedded_files();
        if let Some((_, text)) = good.iter_mut().find(|(name, _)| name != "catalog.toml") {
            *text = text.replacen("title_fa = \"", "title_fa = \"نو ", 1);
        }
        let messages = [
            Message::Catalog { version: "broken".into(), files: broken, at: Utc::now() },
            Message::Catalog { version: "good".into(), files: good, at: Utc::now() },
        ];
        let file = reply(&hub_key, &db.signing_key()?.public(), &messages);
        let report = import(&db, &catalog, &file)?;
        assert_eq!(report.catalogs_installed, 1);
        assert!(matches!(report.quarantined.as_slice(), [reason] if reason.starts_with("catalogue with")), "{report:?}");
        assert_eq!(db.sync_state()?.down_held, 2, "the broken one's batch is still taken");
        let active = db.active_catalog()?.unwrap_or_else(|| panic!("no active catalogue"));
        assert_ne!(active.version, catalog.version);
        let again = import(&db, &catalog, &file)?;
        assert_eq!((again.catalogs_installed, again.quarantined.len()), (0, 0));
        Ok(())
    }
}
