//! The sync screen driven in the simulator against a real hub served over HTTP on 127.0.0.1 in this
//! process: the run goes through the same thread and stream the window uses.

use std::sync::Arc;

use chrono::Utc;
use iced::futures::StreamExt;
use iced_test::simulator::Simulator;

use super::*;
use crate::domain::applicant::{Applicant, ApplicantIdentity, LetterNumber, NationalId};
use crate::domain::case::Context;
use crate::hub::Hub;
use crate::hub::http::Listener;
use crate::hub::store::{HubStore, Location};
use crate::hub::uploads::{Caps, Uploads};
use crate::i18n::Language;
use crate::ui::screens::testing;
use crate::ui::sync_runner::{Event, Job, Message as Run, Step};
use crate::ui::widget::sim;

/// A session of the office's administrator, whose sync is: the test store's clerk may only look.
fn administrator() -> (Session, tempfile::TempDir) {
    let (session, dir) = testing::session();
    let actor = crate::domain::role::Actor { role: Role::Administrator, ..session.actor.clone() };
    (Session { actor, ..session }, dir)
}

/// A clerk sees the sync state and whose its acts are; a click on «sync now» does nothing.
#[test]
fn a_clerk_sees_the_state_but_may_not_sync() {
    let (session, dir) = testing::session();
    let loc = Localizer::new(Language::Persian, true);
    let runner = Runner::default();
    let mut state = screen(&session, dir.path(), None);
    let why = loc.not_permitted(Role::Clerk, RoleAction::ManageSync);
    {
        let mut ui = Simulator::with_settings(sim::settings(), state.view(&runner, Role::Clerk, &loc));
        assert!(ui.find(format!("{RLM}{why}").as_str()).is_ok(), "the reason is shown");
        assert!(ui.find(iced::widget::Id::new(ADDRESS_ID)).is_err(), "no address box");
    }
    assert!(matches!(state.update(Message::SyncNow, &session), Action::None));
    assert!(matches!(state.update(Message::Export, &session), Action::None));
}

const RLM: char = '\u{200F}';

/// A hub with the session's district enrolled, serving on a free port; its address.
fn serving(session: &Session) -> (tempfile::TempDir, Arc<Hub>, String) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let hub = Hub { store: HubStore::create(&Location::Dir(dir.path().to_path_buf()), "hub").unwrap_or_else(|e| panic!("{e}")) };
    let key = session.store.signing_key().unwrap_or_else(|e| panic!("{e}")).public();
    hub.store.enroll(session.store.district_code(), &key, Utc::now()).unwrap_or_else(|e| panic!("{e}"));
    // The administrator's `sync trust` with what enrolment printed.
    let hub_key = hub.store.signing_key().unwrap_or_else(|e| panic!("{e}")).public().to_hex();
    session.store.trust_hub(&hub.store.id, &hub_key).unwrap_or_else(|e| panic!("{e}"));
    let listener = Listener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    let address = listener.address().unwrap_or_else(|| panic!("no address"));
    let hub = Arc::new(hub);
    let served = hub.clone();
    let uploads = Uploads::open(&dir.path().join("uploads"), Caps::default()).unwrap_or_else(|e| panic!("{e}"));
    std::thread::spawn(move || listener.run(&served, std::sync::Arc::new(uploads)));
    (dir, hub, format!("http://{address}"))
}

fn open_cases(session: &Session, n: usize) {
    for _ in 0..n {
        open_case(session, "1");
    }
}

/// A case of `service`, opened by the office's clerk; its tracking code.
fn open_case(session: &Session, service: &str) -> String {
    let clerk = crate::domain::role::Actor { role: Role::Clerk, ..session.actor.clone() };
    let ctx = Context { actor: &clerk, at: Utc::now(), note: None };
    // An internal service is asked for by an office's letter, a client-facing one by a citizen.
    let internal = session.catalog.find(service).is_some_and(crate::domain::catalog::Service::is_internal);
    let identity = if internal {
        let letter_number = LetterNumber::parse("۱۲/ص/۳۴").unwrap_or_else(|e| panic!("{e}"));
        ApplicantIdentity::Office { letter_number, letter_date: Utc::now().date_naive() }
    } else {
        ApplicantIdentity::Person { national_id: NationalId::parse("0012345679").unwrap_or_else(|e| panic!("{e}")) }
    };
    let applicant = Applicant::new(identity, "علی رضایی", None).unwrap_or_else(|e| panic!("{e}"));
    let case = session.store.open_case(&session.catalog, service, applicant, &ctx).unwrap_or_else(|e| panic!("{e}"));
    case.tracking_code.as_str().to_owned()
}

/// The screen with its status loaded, as the window shows it.
fn screen(session: &Session, dir: &Path, hub: Option<&str>) -> State {
    let (mut state, _) = State::new(session, dir, hub);
    let _ = state.update(Message::Loaded(status(&session.store)), session);
    state
}

fn pending(session: &Session) -> u64 {
    session.store.sync_state().unwrap_or_else(|e| panic!("{e}")).pending
}

/// Clicks the button labelled `label`; the messages it sent.
fn click(state: &State, runner: &Runner, loc: &Localizer, label: &str) -> Vec<Message> {
    let mut ui = Simulator::with_settings(sim::settings(), state.view(runner, Role::Administrator, loc));
    ui.click(label).unwrap_or_else(|e| panic!("{label}: {e}"));
    ui.into_messages().collect()
}

fn shows(state: &State, runner: &Runner, loc: &Localizer, line: &str) -> bool {
    let mut ui = Simulator::with_settings(sim::settings(), state.view(runner, Role::Administrator, loc));
    ui.find(line).is_ok()
}

/// Presses "sync now" and hands the job to the window's runner.
fn sync_now(state: &mut State, runner: &mut Runner, session: &Session, loc: &Localizer) -> Job {
    let mut job = None;
    for message in click(state, runner, loc, &loc.text("gui-sync-now", &[])) {
        if let Action::SyncNow = state.update(message, session) {
            job = runner.start(&session.store, &session.catalog);
        }
    }
    job.unwrap_or_else(|| panic!("sync now started nothing"))
}

/// The run's events, as the window's task receives them, fed to the runner; the progress seen.
fn finish(job: Job, runner: &mut Runner, session: &Session) -> (Vec<Event>, Option<Outcome>) {
    let events: Vec<Event> = iced::futures::executor::block_on(job.spawn().collect());
    let mut outcome = None;
    for event in &events {
        if let Step::Finished(done) = runner.update(Run::Event(event.clone()), &session.store, &session.catalog) {
            outcome = done;
        }
    }
    (events, outcome)
}

#[test]
fn sync_now_sends_the_outbox_to_the_hub_and_shows_it_empty() {
    let (session, dir) = administrator();
    let loc = Localizer::new(Language::Persian, true);
    open_cases(&session, 3);
    let before = pending(&session);
    assert!(before >= 3);
    let (_hub_dir, hub, address) = serving(&session);
    let mut runner = Runner::default();
    runner.set_hub(Some(address.clone()));
    let mut state = screen(&session, dir.path(), Some(&address));
    let waiting = format!("{RLM}{}", loc.text("gui-sync-pending", &[("count", count(usize::try_from(before).unwrap_or(0)))]));
    assert!(shows(&state, &runner, &loc, &waiting));
    assert!(shows(&state, &runner, &loc, &format!("{RLM}{}", loc.text("gui-sync-last-contact-never", &[]))));

    let job = sync_now(&mut state, &mut runner, &session, &loc);
    assert!(runner.is_running() && runner.start(&session.store, &session.catalog).is_none(), "never two at once");
    let cancel = loc.text("gui-app-cancel", &[]);
    assert!(shows(&state, &runner, &loc, &cancel), "a running sync can be cancelled");
    let (events, outcome) = finish(job, &mut runner, &session);
    let pushes: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            Event::Progress(p) if p.phase == Phase::Push => Some((p.done, p.total)),
            _ => None,
        })
        .collect();
    assert_eq!(pushes, vec![(0, 1), (1, 1)], "the bar moves per batch");
    let outcome = outcome.unwrap_or_else(|| panic!("no outcome: {events:?}"));
    assert_eq!((outcome.sent, outcome.set_aside_at_hub.as_ref().map(Vec::len)), (1, Some(0)));

    assert_eq!(pending(&session), 0);
    assert_eq!(hub.store.held_count(session.store.district_code()).unwrap_or_else(|e| panic!("{e}")), before);
    let _ = state.update(Message::Loaded(status(&session.store)), &session);
    let empty = format!("{RLM}{}", loc.text("gui-sync-pending", &[("count", count(0))]));
    assert!(shows(&state, &runner, &loc, &empty));
    let args = [("sent", count(1)), ("received", count(0)), ("decisions", count(0))];
    assert!(shows(&state, &runner, &loc, &format!("{RLM}{}", loc.text("gui-sync-done", &args))));
    let contact = runner.last_contact().unwrap_or_else(|| panic!("no contact"));
    let line = loc.text("gui-sync-last-contact", &[("when", Arg::Text(&loc.when(contact)))]);
    assert!(line.contains('۱') || line.contains('۰'), "Persian digits: {line}");
    assert!(shows(&state, &runner, &loc, &format!("{RLM}{line}")));
}

/// A batch of this district's that the hub set aside (a second item numbered 1: a fork) shows with
/// its sequences and its reason in Persian, and the last push and pull each show their time.
#[test]
fn the_hubs_set_aside_batches_show_with_sequence_and_reason_and_push_and_pull_their_times() {
    use crate::sync::batch::Item;
    use crate::sync::plan::{Acked, Route, plan};
    let (session, dir) = administrator();
    let loc = Localizer::new(Language::Persian, true);
    open_cases(&session, 2);
    let items = crate::sync::district::outbox_items(&session.store).unwrap_or_else(|e| panic!("{e}"));
    let (_hub_dir, hub, address) = serving(&session);
    let mut runner = Runner::default();
    runner.set_hub(Some(address.clone()));
    let mut state = screen(&session, dir.path(), Some(&address));
    for never in ["gui-sync-last-push-never", "gui-sync-last-pull-never"] {
        assert!(shows(&state, &runner, &loc, &format!("{RLM}{}", loc.text(never, &[]))), "{never}");
    }
    let job = sync_now(&mut state, &mut runner, &session, &loc);
    let _ = finish(job, &mut runner, &session);

    let hub_id = session.store.sync_state().ok().and_then(|s| s.hub_id).unwrap_or_else(|| panic!("no hub id"));
    let key = session.store.signing_key().unwrap_or_else(|e| panic!("{e}"));
    let route = Route { sender: session.store.district_code(), receiver: &hub_id, key: &key, at: Utc::now(), max_items: 10 };
    let fork = plan(&[Item { sequence: 1, bytes: items[1].bytes.clone() }], &Acked::default(), &route);
    let fork = fork.unwrap_or_else(|e| panic!("{e}"));
    let hub_key = hub.public_key().unwrap_or_else(|e| panic!("{e}"));
    let fork = crate::sync::seal::seal(&fork[0], &hub_key).unwrap_or_else(|e| panic!("{e}"));
    assert!(hub.receive(&fork, Utc::now()).is_err(), "the hub took a fork");

    let job = sync_now(&mut state, &mut runner, &session, &loc);
    let (_, outcome) = finish(job, &mut runner, &session);
    let set_aside = outcome.and_then(|o| o.set_aside_at_hub).unwrap_or_else(|| panic!("the hub did not answer"));
    assert_eq!(set_aside.iter().map(|s| (s.first, s.last, s.key.as_str())).collect::<Vec<_>>(), vec![(1, 1, "forked")]);
    let _ = state.update(Message::Loaded(status(&session.store)), &session);
    let reason = loc.batch_reason("forked").unwrap_or_else(|| panic!("no words for a fork"));
    let args = [("first", Arg::Text("۱")), ("last", Arg::Text("۱")), ("reason", Arg::Text(&reason))];
    let line = loc.text("gui-sync-set-aside-item", &args);
    assert!(shows(&state, &runner, &loc, &format!("{RLM}{line}")), "{line}");
    let sync = session.store.sync_state().unwrap_or_else(|e| panic!("{e}"));
    for (at, id) in [(sync.last_push, "gui-sync-last-push"), (sync.last_pull, "gui-sync-last-pull")] {
        let at = at.unwrap_or_else(|| panic!("{id}: no time recorded"));
        let line = loc.text(id, &[("when", Arg::Text(&loc.when(at)))]);
        assert!(shows(&state, &runner, &loc, &format!("{RLM}{line}")), "{line}");
    }
}

#[test]
fn cancel_stops_before_the_next_batch_and_a_later_sync_sends_it() {
    let (session, dir) = administrator();
    let loc = Localizer::new(Language::Persian, true);
    open_cases(&session, 1);
    let before = pending(&session);
    let (_hub_dir, hub, address) = serving(&session);
    let mut runner = Runner::default();
    runner.set_hub(Some(address.clone()));
    let mut state = screen(&session, dir.path(), Some(&address));
    let job = sync_now(&mut state, &mut runner, &session, &loc);
    for message in click(&state, &runner, &loc, &loc.text("gui-app-cancel", &[])) {
        if let Action::Cancel = state.update(message, &session) {
            runner.cancel();
        }
    }
    let (_, outcome) = finish(job, &mut runner, &session);
    assert!(outcome.is_none() && !runner.is_running() && !runner.waiting());
    assert!(matches!(runner.last(), Some(Err(DistrictSyncError::Cancelled))));
    assert!(shows(&state, &runner, &loc, &format!("{RLM}{}", loc.text("sync-error-cancelled", &[]))));
    let held = |hub: &Hub| hub.store.held_count(session.store.district_code()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((pending(&session), held(&hub)), (before, 0));
    let job = sync_now(&mut state, &mut runner, &session, &loc);
    let _ = finish(job, &mut runner, &session);
    assert_eq!((pending(&session), held(&hub)), (0, before));
}

/// The province moves a case on, then asks a move the case can no longer make: the first comes
/// down and is applied, the second is set aside and shown with its reason.
#[test]
fn decisions_come_down_and_what_cannot_apply_is_shown_with_its_reason() {
    let (session, dir) = administrator();
    let loc = Localizer::new(Language::Persian, true);
    // Service 143's first step is the governorate's.
    let case = open_case(&session, "143");
    let (_hub_dir, hub, address) = serving(&session);
    let mut runner = Runner::default();
    runner.set_hub(Some(address.clone()));
    let mut state = screen(&session, dir.path(), Some(&address));
    let job = sync_now(&mut state, &mut runner, &session, &loc);
    let _ = finish(job, &mut runner, &session);
    for to in ["t2", "t3"] {
        let decision = crate::sync::message::Message::Decision {
            case: case.clone(),
            to: to.into(),
            decision_fa: None,
            actor_name: "استانداری".into(),
            at: Utc::now(),
            note: None,
        };
        hub.decide(&decision, Utc::now()).unwrap_or_else(|e| panic!("{e}"));
    }
    let job = sync_now(&mut state, &mut runner, &session, &loc);
    let (events, outcome) = finish(job, &mut runner, &session);
    let pulls: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            Event::Progress(p) if p.phase == Phase::Pull => Some((p.done, p.total)),
            _ => None,
        })
        .collect();
    assert_eq!(pulls, vec![(0, 2), (1, 2), (2, 2)]);
    let outcome = outcome.unwrap_or_else(|| panic!("no outcome: {events:?}"));
    assert_eq!((outcome.received, outcome.decisions, outcome.quarantined.len()), (2, 1, 1));
    assert!(outcome.changed_cases(), "the counter and the open case reload");
    let case = crate::domain::tracking::TrackingCode::parse(&case).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(session.store.case(&case).unwrap_or_else(|e| panic!("{e}")).step, "t2");

    let _ = state.update(Message::Loaded(status(&session.store)), &session);
    let quarantined = session.store.quarantined().unwrap_or_else(|e| panic!("{e}"));
    let [(batch, reason)] = quarantined.as_slice() else { panic!("{quarantined:?}") };
    let short: String = batch.chars().take(12).collect();
    let item = loc.text("gui-sync-quarantined-item", &[("batch", Arg::Text(&short))]);
    assert!(shows(&state, &runner, &loc, &format!("{RLM}{item}")), "{item}");
    assert!(shows(&state, &runner, &loc, &format!("{RLM}{reason}")), "{reason}");
    let told = loc.text("sync-quarantined", &[("reason", Arg::Text(reason))]);
    assert!(shows(&state, &runner, &loc, &format!("{RLM}{told}")), "{told}");
}

#[test]
fn a_wrong_address_is_told_in_persian_and_nothing_is_lost() {
    let (session, dir) = administrator();
    let loc = Localizer::new(Language::Persian, true);
    // A hub trusted as enrolment would; nothing answers at the address anyway.
    let hub_key = crate::signing::DistrictKey::generate().unwrap_or_else(|e| panic!("{e}")).public();
    session.store.trust_hub("hub", &hub_key.to_hex()).unwrap_or_else(|e| panic!("{e}"));
    open_cases(&session, 2);
    let before = pending(&session);
    let mut runner = Runner::default();
    let mut state = screen(&session, dir.path(), None);
    assert!(shows(&state, &runner, &loc, &format!("{RLM}{}", loc.text("gui-sync-no-address", &[]))));

    // A port out of range is refused where it is typed.
    let messages = {
        let mut ui = Simulator::with_settings(sim::settings(), state.view(&runner, Role::Administrator, &loc));
        ui.click(iced::widget::Id::new(ADDRESS_ID)).unwrap_or_else(|e| panic!("{e}"));
        ui.typewrite("127.0.0.1:99999");
        ui.click(loc.text("gui-sync-address-save", &[]).as_str()).unwrap_or_else(|e| panic!("{e}"));
        ui.into_messages().collect::<Vec<_>>()
    };
    for message in messages {
        assert!(matches!(state.update(message, &session), Action::None));
    }
    let error = loc.text("gui-sync-address-port", &[]);
    assert!(error.contains("درگاه"), "{error}");
    assert!(shows(&state, &runner, &loc, &format!("{RLM}{error}")));

    // A well-formed address where no hub answers.
    let _ = state.update(Message::Address("127.0.0.1:1".into()), &session);
    let Action::Run(_) = state.update(Message::SaveAddress, &session) else { panic!("the address was not taken") };
    let hub = crate::store::settings::hub_address("127.0.0.1:1").unwrap_or_else(|e| panic!("{e}"));
    if let Action::SetHub(hub) = state.update(Message::AddressSaved(Ok(hub)), &session) {
        runner.set_hub(Some(hub));
    }
    let job = sync_now(&mut state, &mut runner, &session, &loc);
    let (_, outcome) = finish(job, &mut runner, &session);
    assert!(outcome.is_none() && runner.waiting());
    let Some(Err(failure)) = runner.last() else { panic!("no failure") };
    let told = loc.sync_error(failure);
    assert!(told.starts_with("مرکز استان در دسترس نیست"), "{told}");
    assert!(shows(&state, &runner, &loc, &format!("{RLM}{told}")));
    assert_eq!(pending(&session), before, "nothing lost");
}

#[test]
fn the_pending_batches_go_to_a_file_and_a_reply_file_is_read() {
    let (session, dir) = administrator();
    open_cases(&session, 1);
    let before = pending(&session);
    let mut state = screen(&session, dir.path(), None);
    // No hub known yet: the export says so.
    let file = dir.path().join("out.bks");
    let Action::Run(_) = state.update(Message::ExportTo(Some(file.clone())), &session) else { panic!("no export task") };
    let _ = state.update(Message::Exported(export_to(&session.store, file.clone())), &session);
    assert!(matches!(&state.file, Some(Err(FileFailure::Sync(DistrictSyncError::NoHub)))));
    // Once the hub is known (as `sync trust` does), the batches are written and a bad reply is refused.
    let hub_key = crate::signing::DistrictKey::generate().unwrap_or_else(|e| panic!("{e}")).public();
    session.store.trust_hub("hub", &hub_key.to_hex()).unwrap_or_else(|e| panic!("{e}"));
    let _ = state.update(Message::Exported(export_to(&session.store, file.clone())), &session);
    assert!(matches!(&state.file, Some(Ok(FileDone::Exported(path, 1))) if *path == file));
    assert!(std::fs::metadata(&file).is_ok_and(|m| m.len() > 0));
    let _ = state.update(Message::Imported(import_from(&session, &file)), &session);
    assert!(matches!(&state.file, Some(Err(FileFailure::Sync(DistrictSyncError::Batch(_))))), "its own batches are no reply");
    let missing = dir.path().join("missing.bks");
    let _ = state.update(Message::Imported(import_from(&session, &missing)), &session);
    assert!(matches!(&state.file, Some(Err(FileFailure::File { path, .. })) if *path == missing));
    assert_eq!(pending(&session), before, "the outbox waits for the hub's receipt");
}

/// The task's messages, run to the end as the runtime would.
fn outputs(task: Task<Message>) -> Vec<Message> {
    let Some(stream) = iced_runtime::task::into_stream(task) else { return Vec::new() };
    iced::futures::executor::block_on_stream(stream)
        .filter_map(|action| if let iced_runtime::Action::Output(message) = action { Some(message) } else { None })
        .collect()
}

/// The window opened with a USB file (`bakhshyar FILE`, a double-click): the screen names it and
/// reads it only when the administrator confirms; a clerk's confirmation does nothing, «not now»
/// forgets it. Read, it is refused as a reply as any file chosen in the dialog would be.
#[test]
fn a_file_the_window_was_opened_with_is_read_only_once_an_administrator_confirms() {
    let (session, dir) = administrator();
    let loc = Localizer::new(Language::Persian, true);
    let runner = Runner::default();
    let mut state = screen(&session, dir.path(), None);
    let file = dir.path().join("reply.bks");
    std::fs::write(&file, b"not a batch from the hub").unwrap_or_else(|e| panic!("{e}"));
    state.choose(file.clone());
    let asked = loc.text("gui-sync-import-chosen", &[("path", Arg::Path(&file.display().to_string()))]);
    assert_eq!(state.chosen(), Some(file.as_path()), "{asked}");

    let clerk = Session { actor: crate::domain::role::Actor { role: Role::Clerk, ..session.actor.clone() }, ..session.clone() };
    assert!(matches!(state.update(Message::ImportChosen, &clerk), Action::None));
    assert!(state.chosen.is_some(), "the file waits for an administrator");

    let read = click(&state, &runner, &loc, &loc.text("gui-sync-import-chosen-read", &[]));
    let mut done = Vec::new();
    for message in read {
        if let Action::Run(task) = state.update(message, &session) {
            done.extend(outputs(task));
        }
    }
    assert!(state.chosen.is_none() && state.file_busy, "asked once, read once");
    assert_eq!(done.len(), 1, "one file read");
    for message in done {
        let _ = state.update(message, &session);
    }
    assert!(matches!(&state.file, Some(Err(FileFailure::Sync(_)))), "read and refused as no reply");

    state.choose(file);
    for message in click(&state, &runner, &loc, &loc.text("gui-sync-import-chosen-dismiss", &[])) {
        let _ = state.update(message, &session);
    }
    assert!(state.chosen.is_none());
}
