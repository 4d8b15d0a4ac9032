//! The window's one sync run with the hub, whether the clerk pressed "sync now" or the timer found it
//! due: push then pull on a thread of its own (the client blocks on the network), progress per
//! batch, cancellable between batches, never two at once. The timer tries again after a failure with
//! a growing wait (`retry_after`), so an office without a link is not slowed by it.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use iced::futures::channel::mpsc;
use iced::{Subscription, Task};

use crate::domain::catalog::Catalog;
use crate::store::Database;
use crate::sync::SetAside;
use crate::sync::client::{HubClient, Limits};
use crate::sync::district::{self, DistrictSyncError, Progress};

/// How often the timer looks whether a try is due.
const TICK: Duration = Duration::from_secs(5);
/// The wait after a success, and after the first failure.
const FIRST_WAIT: Duration = Duration::from_secs(30);
const LONGEST_WAIT: Duration = Duration::from_secs(30 * 60);

/// The wait before the next automatic try after `failures` failures in a row: 30 s, 30 s, 1 min,
/// 2 min … up to 30 min.
pub fn retry_after(failures: u32) -> Duration {
    let doublings = failures.saturating_sub(1).min(16);
    FIRST_WAIT.saturating_mul(1 << doublings).min(LONGEST_WAIT)
}

/// What a finished run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    pub sent: usize,
    pub received: usize,
    pub decisions: usize,
    pub recovered: usize,
    /// Reasons of what this run set aside.
    pub quarantined: Vec<String>,
    /// This district's batches the hub has set aside, when it answered.
    pub set_aside_at_hub: Option<Vec<SetAside>>,
    pub last_contact: Option<DateTime<Utc>>,
}

impl Outcome {
    /// Whether cases in the store changed, so screens showing them load again.
    pub fn changed_cases(&self) -> bool {
        self.decisions > 0 || self.recovered > 0
    }
}

/// One run, ready to go.
pub struct Job {
    id: u64,
    db: Arc<Database>,
    catalog: Arc<Catalog>,
    hub: String,
    cancel: Arc<AtomicBool>,
}

#[derive(Debug, Clone)]
pub enum Event {
    Progress(Progress),
    Finished(Result<Outcome, DistrictSyncError>),
}

impl Job {
    /// Push then pull here and now, telling `on` of each batch.
    pub fn run(&self, on: &mut dyn FnMut(Progress)) -> Result<Outcome, DistrictSyncError> {
        // Fewer tries than the command line: the timer comes back anyway.
        let client = HubClient::new(&self.hub, Limits { attempts: 2, ..Limits::default() });
        let mut step = |progress| {
            on(progress);
            !self.cancel.load(Ordering::Relaxed)
        };
        let pushed = district::push_with(&self.db, &self.catalog, &client, district::MAX_ITEMS, &mut step)?;
        let pulled = district::pull_with(&self.db, &self.catalog, &client, &mut step)?;
        let key = self.db.signing_key()?;
        let signer = crate::sync::client::Signer { district: self.db.district_code(), key: &key };
        let set_aside_at_hub = client.set_aside_at_hub(signer).ok();
        Ok(Outcome {
            sent: pushed.batches_sent,
            received: pulled.batches_received,
            decisions: pulled.decisions_applied,
            recovered: pushed.recovered + pulled.recovered,
            quarantined: pushed.quarantined.into_iter().chain(pulled.quarantined).collect(),
            set_aside_at_hub,
            last_contact: self.db.sync_state()?.last_contact,
        })
    }

    /// Runs on a thread of its own; its progress and result come as a stream.
    pub fn spawn(self) -> mpsc::UnboundedReceiver<Event> {
        let (sender, receiver) = mpsc::unbounded();
        std::thread::spawn(move || {
            let result = self.run(&mut |progress| {
                let _ = sender.unbounded_send(Event::Progress(progress));
            });
            let _ = sender.unbounded_send(Event::Finished(result));
        });
        receiver
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Tick(Instant),
    Event(Event),
    /// Run `n`'s stream closed (after `Finished`, or without it if the thread died).
    Ended(u64),
}

/// The sync state the window keeps while it is open.
#[derive(Default)]
pub struct Runner {
    hub: Option<String>,
    running: Option<Running>,
    failures: u32,
    next_try: Option<Instant>,
    last: Option<Result<Outcome, DistrictSyncError>>,
    last_contact: Option<DateTime<Utc>>,
    /// Numbers the runs, so a late `Ended` is not taken for the next run's.
    runs: u64,
}

struct Running {
    id: u64,
    cancel: Arc<AtomicBool>,
    progress: Option<Progress>,
}

/// What the window does after a message.
#[must_use]
pub enum Step {
    None,
    Run(Job),
    /// A run ended: what it did when it succeeded (a failed or cancelled one may have sent some).
    Finished(Option<Outcome>),
}

impl Runner {
    pub fn hub(&self) -> Option<&str> {
        self.hub.as_deref()
    }

    /// A new address (or none): the timer tries it at once.
    pub fn set_hub(&mut self, hub: Option<String>) {
        self.hub = hub;
        self.failures = 0;
        self.next_try = None;
    }

    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    pub fn progress(&self) -> Option<Progress> {
        self.running.as_ref().and_then(|r| r.progress)
    }

    pub fn last(&self) -> Option<&Result<Outcome, DistrictSyncError>> {
        self.last.as_ref()
    }

    /// The last run failed and the timer is waiting to try again.
    pub fn waiting(&self) -> bool {
        self.failures > 0
    }

    pub fn last_contact(&self) -> Option<DateTime<Utc>> {
        self.last_contact
    }

    /// Whether the timer is needed: only with a hub to reach.
    pub fn wants_ticks(&self) -> bool {
        self.hub.is_some()
    }

    /// A run, unless one is going or no hub is set.
    pub fn start(&mut self, db: &Arc<Database>, catalog: &Arc<Catalog>) -> Option<Job> {
        let hub = self.hub.clone().filter(|_| self.running.is_none())?;
        let cancel = Arc::new(AtomicBool::new(false));
        self.runs += 1;
        self.running = Some(Running { id: self.runs, cancel: cancel.clone(), progress: None });
        Some(Job { id: self.runs, db: db.clone(), catalog: catalog.clone(), hub, cancel })
    }

    /// Asks the run to stop before its next batch.
    pub fn cancel(&self) {
        if let Some(running) = &self.running {
            running.cancel.store(true, Ordering::Relaxed);
        }
    }

    pub fn update(&mut self, message: Message, db: &Arc<Database>, catalog: &Arc<Catalog>) -> Step {
        match message {
            Message::Tick(now) if self.next_try.is_none_or(|at| now >= at) => {
                self.start(db, catalog).map_or(Step::None, Step::Run)
            }
            Message::Event(Event::Progress(progress)) => {
                if let Some(running) = &mut self.running {
                    running.progress = Some(progress);
                }
                Step::None
            }
            Message::Event(Event::Finished(result)) => self.finished(result),
            Message::Ended(id) if self.running.as_ref().is_some_and(|r| r.id == id) => {
                self.finished(Err(DistrictSyncError::Cancelled))
            }
            Message::Tick(_) | Message::Ended(_) => Step::None,
        }
    }

    fn finished(&mut self, result: Result<Outcome, DistrictSyncError>) -> Step {
        self.running = None;
        let step = match &result {
            Ok(outcome) => {
                self.failures = 0;
                self.last_contact = outcome.last_contact.or(self.last_contact);
                Step::Finished(Some(outcome.clone()))
            }
            Err(DistrictSyncError::Cancelled) => Step::Finished(None),
            Err(error) => {
                tracing::info!(%error, failures = self.failures + 1, "sync with the hub failed");
                self.failures += 1;
                Step::Finished(None)
            }
        };
        self.next_try = Some(Instant::now() + retry_after(self.failures));
        self.last = Some(result);
        step
    }
}

/// The run as a task: its events, then `Ended`.
pub fn task(job: Job) -> Task<Message> {
    let id = job.id;
    Task::run(job.spawn(), Message::Event).chain(Task::done(Message::Ended(id)))
}

/// The timer, on a thread that stops when the subscription is dropped (iced's own timer needs an
/// async runtime this build does not carry).
pub fn ticks() -> Subscription<Message> {
    Subscription::run(tick_stream).map(Message::Tick)
}

fn tick_stream() -> mpsc::UnboundedReceiver<Instant> {
    every(TICK)
}

/// The time, now and then every `period`, from a thread of its own until the receiver is dropped:
/// the clock of the window's timers (this one, and the idle lock's).
pub(super) fn every(period: std::time::Duration) -> mpsc::UnboundedReceiver<Instant> {
    let (sender, receiver) = mpsc::unbounded();
    std::thread::spawn(move || {
        while sender.unbounded_send(Instant::now()).is_ok() {
            std::thread::sleep(period);
        }
    });
    receiver
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_from_thirty_seconds_to_half_an_hour() {
        let minutes = |m: u64| Duration::from_secs(m * 60);
        assert_eq!(retry_after(0), Duration::from_secs(30));
        assert_eq!(retry_after(1), Duration::from_secs(30));
        assert_eq!(retry_after(2), minutes(1));
        assert_eq!(retry_after(3), minutes(2));
        assert_eq!(retry_after(6), minutes(16));
        assert_eq!(retry_after(7), minutes(30));
        assert_eq!(retry_after(u32::MAX), minutes(30));
    }

    #[test]
    fn a_failure_waits_longer_a_success_resets_and_never_two_at_once() {
        let (session, _dir) = crate::ui::screens::testing::session();
        let (db, catalog) = (&session.store, &session.catalog);
        let mut runner = Runner::default();
        assert!(runner.start(db, catalog).is_none(), "no hub, no run");
        runner.set_hub(Some("http://127.0.0.1:1".into()));
        let now = Instant::now();
        assert!(matches!(runner.update(Message::Tick(now), db, catalog), Step::Run(_)));
        assert!(matches!(runner.update(Message::Tick(now), db, catalog), Step::None), "one run at a time");
        for failures in 1..=3 {
            let failed = Err(DistrictSyncError::Client(crate::sync::client::ClientError::Unreachable("x".into())));
            let _ = runner.update(Message::Event(Event::Finished(failed)), db, catalog);
            assert!(runner.waiting() && !runner.is_running());
            let (now, wait) = (Instant::now(), retry_after(failures));
            let due = now + wait;
            let early = now + wait.saturating_sub(Duration::from_secs(2));
            assert!(matches!(runner.update(Message::Tick(early), db, catalog), Step::None));
            assert!(matches!(runner.update(Message::Tick(due + Duration::from_secs(1)), db, catalog), Step::Run(_)));
        }
        let _ = runner.update(Message::Event(Event::Finished(Ok(Outcome::default()))), db, catalog);
        assert!(!runner.waiting());
        assert_eq!(runner.failures, 0);
        // The end of an earlier run's stream leaves the next run alone.
        let _ = runner.update(Message::Ended(4), db, catalog);
        assert!(matches!(runner.update(Message::Tick(Instant::now() + retry_after(0)), db, catalog), Step::Run(_)));
        let _ = runner.update(Message::Ended(4), db, catalog);
        assert!(runner.is_running());
        let _ = runner.update(Message::Ended(5), db, catalog);
        assert!(!runner.is_running(), "a run whose thread died without a word is over");
    }
}
