//! Sync: the hub address, the outbox, the last contact, what was set aside and why, "sync now" with
//! its progress, and the same batches through files for a USB stick. The run itself belongs to the
//! window (`ui::sync_runner`), so it goes on when the clerk leaves this screen.

use std::path::{Path, PathBuf};

use crate::ui::widget::button;
use chrono::{DateTime, Utc};
use iced::widget::{Column, column, container, text};
use iced::{Element, Length, Task};

use crate::domain::role::{Action as RoleAction, Role};
use crate::i18n::{Arg, Localizer};
use crate::store::settings::{AddressError, Settings, hub_address, load_settings, save_settings};
use crate::store::{Database, StoreError};
use crate::sync::SetAside;
use crate::sync::district::{self, DistrictSyncError, Phase, Progress, Report};
use crate::ui::rtl;
use crate::ui::screens::{Session, count};
use crate::ui::sync_runner::{Outcome, Runner};

/// The address field, for focus and tests.
pub const ADDRESS_ID: &str = "sync-hub-address";

/// What the store says about sync.
#[derive(Debug, Clone)]
pub struct Status {
    pending: u64,
    last_contact: Option<DateTime<Utc>>,
    last_push: Option<DateTime<Utc>>,
    last_pull: Option<DateTime<Utc>>,
    /// Batch (or decision) and reason.
    quarantined: Vec<(String, String)>,
}

/// Why a file could not be exported or imported.
#[derive(Debug, Clone)]
pub enum FileFailure {
    File { path: PathBuf, detail: String },
    Sync(DistrictSyncError),
}

/// What the last file action did.
#[derive(Debug, Clone)]
enum FileDone {
    Exported(PathBuf, usize),
    Imported(Report),
}

pub struct State {
    data_dir: PathBuf,
    status: Option<Status>,
    address: String,
    address_error: Option<AddressError>,
    address_saved: bool,
    file: Option<Result<FileDone, FileFailure>>,
    file_busy: bool,
    /// A file the window was opened with (`bakhshyar FILE`, a double-click on a USB sync file),
    /// waiting for the administrator's confirmation before it is read.
    chosen: Option<PathBuf>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Status, StoreError>),
    Address(String),
    SaveAddress,
    AddressSaved(Result<String, StoreError>),
    SyncNow,
    Cancel,
    Export,
    ExportTo(Option<PathBuf>),
    Exported(Result<(PathBuf, usize), FileFailure>),
    Import,
    ImportFrom(Option<PathBuf>),
    Imported(Result<Report, FileFailure>),
    /// Read the file the window was opened with.
    ImportChosen,
    DismissChosen,
}

#[must_use]
pub enum Action {
    None,
    Run(Task<Message>),
    SyncNow,
    Cancel,
    /// Keep this address for the background sync.
    SetHub(String),
    Failed(StoreError),
}

impl State {
    pub fn new(session: &Session, data_dir: &Path, hub: Option<&str>) -> (Self, Task<Message>) {
        let state = Self {
            data_dir: data_dir.to_path_buf(),
            status: None,
            address: hub.unwrap_or_default().to_owned(),
            address_error: None,
            address_saved: false,
            file: None,
            file_busy: false,
            chosen: None,
        };
        (state, state_task(session))
    }

    /// The screen with `file` chosen for import: read once the administrator confirms it.
    pub fn choose(&mut self, file: PathBuf) {
        self.chosen = Some(file);
    }

    /// The file waiting for the administrator's confirmation, if any.
    #[cfg(test)]
    pub fn chosen(&self) -> Option<&Path> {
        self.chosen.as_deref()
    }

    /// The store's side again, after a run.
    pub fn reload(session: &Session) -> Task<Message> {
        state_task(session)
    }

    pub fn update(&mut self, message: Message, session: &Session) -> Action {
        // Sync is the administrator's, in the window as on the command line; the background sync
        // goes on for the office whoever is logged in.
        let acts = matches!(
            message,
            Message::SaveAddress | Message::SyncNow | Message::Export | Message::Import | Message::ImportChosen
        );
        if acts && !session.actor.role.may(RoleAction::ManageSync) {
            return Action::None;
        }
        match message {
            Message::Loaded(Ok(status)) => self.status = Some(status),
            Message::Address(address) => {
                self.address = address;
                self.address_error = None;
                self.address_saved = false;
            }
            Message::SaveAddress => return self.save_address(),
            Message::AddressSaved(Ok(hub)) => {
                self.address_saved = true;
                self.address.clone_from(&hub);
                return Action::SetHub(hub);
            }
            Message::Loaded(Err(error)) | Message::AddressSaved(Err(error)) => return Action::Failed(error),
            Message::SyncNow => return Action::SyncNow,
            Message::Cancel => return Action::Cancel,
            Message::Export => return self.dialog(Task::perform(save_path(), Message::ExportTo)),
            Message::Import => return self.dialog(Task::perform(open_path(), Message::ImportFrom)),
            Message::ExportTo(None) | Message::ImportFrom(None) => self.file_busy = false,
            Message::ExportTo(Some(path)) => {
                let db = session.store.clone();
                return Action::Run(Task::perform(async move { export_to(&db, path) }, Message::Exported));
            }
            Message::ImportChosen => {
                let Some(path) = self.chosen.take() else { return Action::None };
                self.file_busy = true;
                self.file = None;
                return self.update(Message::ImportFrom(Some(path)), session);
            }
            Message::DismissChosen => self.chosen = None,
            Message::ImportFrom(Some(path)) => {
                let session = session.clone();
                return Action::Run(Task::perform(async move { import_from(&session, &path) }, Message::Imported));
            }
            Message::Exported(result) => {
                self.file_busy = false;
                self.file = Some(result.map(|(path, batches)| FileDone::Exported(path, batches)));
            }
            Message::Imported(result) => {
                self.file_busy = false;
                self.file = Some(result.map(FileDone::Imported));
                return Action::Run(state_task(session));
            }
        }
        Action::None
    }

    fn save_address(&mut self) -> Action {
        match hub_address(&self.address) {
            Ok(hub) => {
                let dir = self.data_dir.clone();
                // Read back first: the file holds other settings too.
                Action::Run(Task::perform(
                    async move {
                        let settings = Settings { hub: Some(hub.clone()), ..load_settings(&dir)? };
                        save_settings(&dir, &settings).map(|()| hub)
                    },
                    Message::AddressSaved,
                ))
            }
            Err(error) => {
                self.address_error = Some(error);
                Action::None
            }
        }
    }

    fn dialog(&mut self, task: Task<Message>) -> Action {
        self.file_busy = true;
        self.file = None;
        Action::Run(task)
    }

    pub fn view<'a>(&'a self, runner: &'a Runner, role: Role, loc: &'a Localizer) -> Element<'a, Message> {
        let language = loc.language();
        let mut items = vec![rtl::line(language, loc.text("gui-sync-title", &[]), 20.0)];
        if !role.may(RoleAction::ManageSync) {
            // The state is the office's to see; its acts are the administrator's.
            items.push(rtl::line(language, loc.not_permitted(role, RoleAction::ManageSync), 14.0));
            items.extend(self.status_view(loc));
            return Column::with_children(items).spacing(10).width(Length::Fill).into();
        }
        items.extend(self.address_view(loc));
        items.extend(self.status_view(loc));
        items.extend(run_view(runner, loc));
        items.push(rtl::line(language, loc.text("gui-sync-files", &[]), 17.0));
        let files = rtl::row(
            language,
            vec![
                action(loc, "gui-sync-export", (!self.file_busy).then_some(Message::Export)),
                action(loc, "gui-sync-import", (!self.file_busy).then_some(Message::Import)),
            ],
        )
        .spacing(8);
        items.push(container(files).width(Length::Fill).align_x(rtl::start(language)).into());
        items.extend(self.chosen_view(loc));
        items.extend(self.file.as_ref().map(|done| file_view(done, loc)));
        Column::with_children(items).spacing(10).width(Length::Fill).into()
    }

    /// The file the window was opened with, and the two answers to it.
    fn chosen_view<'a>(&'a self, loc: &'a Localizer) -> Vec<Element<'a, Message>> {
        let Some(path) = &self.chosen else { return Vec::new() };
        let language = loc.language();
        let asked = loc.text("gui-sync-import-chosen", &[("path", Arg::Path(&path.display().to_string()))]);
        let answers = rtl::row(
            language,
            vec![
                action(loc, "gui-sync-import-chosen-read", (!self.file_busy).then_some(Message::ImportChosen)),
                action(loc, "gui-sync-import-chosen-dismiss", Some(Message::DismissChosen)),
            ],
        )
        .spacing(8);
        vec![rtl::line(language, asked, 15.0), container(answers).width(Length::Fill).align_x(rtl::start(language)).into()]
    }

    fn address_view<'a>(&'a self, loc: &'a Localizer) -> Vec<Element<'a, Message>> {
        let language = loc.language();
        let input = rtl::input(language, &loc.text("gui-sync-address-placeholder", &[]), &self.address)
            .direction(crate::ui::widget::Direction::Ltr)
            .id(iced::widget::Id::new(ADDRESS_ID))
            .on_input(Message::Address)
            .on_submit(Message::SaveAddress);
        let save = action(loc, "gui-sync-address-save", Some(Message::SaveAddress));
        let mut items = vec![
            rtl::line(language, loc.text("gui-sync-address", &[]), 15.0),
            rtl::row(language, vec![input.into(), save]).spacing(8).align_y(iced::Alignment::Center).into(),
        ];
        if let Some(error) = self.address_error {
            items.push(rtl::error(language, &loc.text(error.message_id(), &[])));
        } else if self.address_saved {
            items.push(rtl::line(language, loc.text("gui-sync-address-saved", &[]), 14.0));
        }
        items
    }

    fn status_view<'a>(&'a self, loc: &'a Localizer) -> Vec<Element<'a, Message>> {
        let language = loc.language();
        let Some(status) = &self.status else { return vec![rtl::line(language, loc.text("gui-app-loading", &[]), 16.0)] };
        let pending = usize::try_from(status.pending).unwrap_or(usize::MAX);
        let contact = match status.last_contact {
            Some(at) => loc.text("gui-sync-last-contact", &[("when", Arg::Text(&loc.when(at)))]),
            None => loc.text("gui-sync-last-contact-never", &[]),
        };
        let at = |when: Option<DateTime<Utc>>, id: &str, never: &str| match when {
            Some(at) => loc.text(id, &[("when", Arg::Text(&loc.when(at)))]),
            None => loc.text(never, &[]),
        };
        let mut items = vec![
            rtl::line(language, loc.text("gui-sync-pending", &[("count", count(pending))]), 16.0),
            rtl::line(language, contact, 16.0),
            rtl::line(language, at(status.last_push, "gui-sync-last-push", "gui-sync-last-push-never"), 15.0),
            rtl::line(language, at(status.last_pull, "gui-sync-last-pull", "gui-sync-last-pull-never"), 15.0),
        ];
        if !status.quarantined.is_empty() {
            items.push(rtl::line(
                language,
                loc.text("gui-sync-quarantined", &[("count", count(status.quarantined.len()))]),
                15.0,
            ));
            // The batch and its reason on lines of their own: a reason in Latin letters beside
            // Persian text would be reordered around it.
            for (batch, reason) in &status.quarantined {
                let short: String = batch.chars().take(12).collect();
                items.push(rtl::line(language, loc.text("gui-sync-quarantined-item", &[("batch", Arg::Text(&short))]), 14.0));
                items.push(rtl::error(language, reason));
            }
        }
        items
    }
}

/// "Sync now" or the run going on, and how the last one ended.
fn run_view<'a>(runner: &'a Runner, loc: &'a Localizer) -> Vec<Element<'a, Message>> {
    let language = loc.language();
    let mut items = Vec::new();
    if runner.is_running() {
        let progress = runner.progress();
        let label = match progress {
            Some(p) => {
                let id = if p.phase == Phase::Push { "gui-sync-progress-push" } else { "gui-sync-progress-pull" };
                loc.text(id, &[("done", count(p.done)), ("total", count(p.total))])
            }
            None => loc.text("gui-sync-progress-connecting", &[]),
        };
        items.push(rtl::line(language, label, 15.0));
        items.push(bar(language, progress.map_or(0, permille)));
        let cancel = button(text(loc.text("gui-app-cancel", &[])).size(15)).style(button::secondary).on_press(Message::Cancel);
        items.push(container(cancel).width(Length::Fill).align_x(rtl::start(language)).into());
    } else {
        let now = action(loc, "gui-sync-now", runner.hub().map(|_| Message::SyncNow));
        items.push(container(now).width(Length::Fill).align_x(rtl::start(language)).into());
        if runner.hub().is_none() {
            items.push(rtl::line(language, loc.text("gui-sync-no-address", &[]), 14.0));
        }
    }
    match runner.last() {
        Some(Ok(outcome)) => items.extend(outcome_view(outcome, loc)),
        Some(Err(error)) => items.push(rtl::error(language, &loc.sync_error(error))),
        None => {}
    }
    items
}

fn outcome_view<'a>(outcome: &Outcome, loc: &Localizer) -> Vec<Element<'a, Message>> {
    let language = loc.language();
    let args = [("sent", count(outcome.sent)), ("received", count(outcome.received)), ("decisions", count(outcome.decisions))];
    let mut items = vec![rtl::line(language, loc.text("gui-sync-done", &args), 15.0)];
    if outcome.recovered > 0 {
        items.push(rtl::line(language, loc.text("sync-recovered", &[("count", count(outcome.recovered))]), 14.0));
    }
    for reason in &outcome.quarantined {
        items.push(rtl::error(language, &loc.text("sync-quarantined", &[("reason", Arg::Text(reason))])));
    }
    items.extend(set_aside_view(outcome.set_aside_at_hub.as_deref().unwrap_or_default(), loc));
    items
}

/// The district's batches the hub set aside: each with its sequences and its reason in the reader's
/// language (the hub's English detail only for a reason this program has no words for).
fn set_aside_view<'a>(set_aside: &[SetAside], loc: &Localizer) -> Vec<Element<'a, Message>> {
    let language = loc.language();
    if set_aside.is_empty() {
        return Vec::new();
    }
    let mut items = vec![rtl::error(language, &loc.text("gui-sync-quarantined-at-hub", &[("count", count(set_aside.len()))]))];
    for batch in set_aside {
        let reason = loc.batch_reason(&batch.key).unwrap_or_else(|| batch.detail.clone());
        let (first, last) = (loc.digits(&batch.first.to_string()), loc.digits(&batch.last.to_string()));
        let args = [("first", Arg::Text(&first)), ("last", Arg::Text(&last)), ("reason", Arg::Text(&reason))];
        items.push(rtl::line(language, loc.text("gui-sync-set-aside-item", &args), 14.0));
    }
    items
}

fn file_view<'a>(done: &Result<FileDone, FileFailure>, loc: &Localizer) -> Element<'a, Message> {
    let language = loc.language();
    match done {
        Ok(FileDone::Exported(path, batches)) => {
            let path = rtl::ltr(&path.display().to_string());
            rtl::line(language, loc.text("sync-exported", &[("batches", count(*batches)), ("path", Arg::Text(&path))]), 14.0)
        }
        Ok(FileDone::Imported(report)) => {
            let args = [("received", count(report.batches_received)), ("decisions", count(report.decisions_applied))];
            rtl::line(language, loc.text("gui-sync-imported", &args), 14.0)
        }
        Err(FileFailure::File { path, detail }) => {
            let path = rtl::ltr(&path.display().to_string());
            rtl::error(language, &loc.text("sync-error-file", &[("path", Arg::Text(&path)), ("detail", Arg::Text(detail))]))
        }
        Err(FileFailure::Sync(error)) => rtl::error(language, &loc.sync_error(error)),
    }
}

fn action<'a>(loc: &Localizer, id: &str, message: Option<Message>) -> Element<'a, Message> {
    button(text(loc.text(id, &[])).size(15)).on_press_maybe(message).into()
}

/// How far the run is, in thousandths: sending is the first half, receiving the second.
fn permille(p: Progress) -> u16 {
    let part = (p.done.min(p.total) * 500).checked_div(p.total).unwrap_or(500);
    let done = if p.phase == Phase::Push { part } else { 500 + part };
    u16::try_from(done).unwrap_or(1000)
}

/// A progress bar that fills from the reading start (iced's own always fills from the left).
fn bar<'a>(language: crate::i18n::Language, permille: u16) -> Element<'a, Message> {
    let part = |portion: u16, style: fn(&iced::Theme) -> container::Style| {
        container(column![]).width(Length::FillPortion(portion)).height(14).style(style).into()
    };
    let mut parts = Vec::new();
    if permille > 0 {
        parts.push(part(permille, container::primary));
    }
    if permille < 1000 {
        parts.push(part(1000 - permille, container::secondary));
    }
    rtl::row(language, parts).width(Length::Fill).into()
}

fn state_task(session: &Session) -> Task<Message> {
    let db = session.store.clone();
    Task::perform(async move { status(&db) }, Message::Loaded)
}

fn status(db: &Database) -> Result<Status, StoreError> {
    let state = db.sync_state()?;
    Ok(Status {
        pending: state.pending,
        last_contact: state.last_contact,
        last_push: state.last_push,
        last_pull: state.last_pull,
        quarantined: db.quarantined()?,
    })
}

/// The save dialog, and nothing else: what follows is `Message::ExportTo`.
async fn save_path() -> Option<PathBuf> {
    let name = format!("bakhshyar-{}.bks", chrono::Utc::now().format("%Y%m%d-%H%M"));
    rfd::AsyncFileDialog::new().set_file_name(name).save_file().await.map(|f| f.path().to_path_buf())
}

/// The open dialog, and nothing else: what follows is `Message::ImportFrom`.
async fn open_path() -> Option<PathBuf> {
    rfd::AsyncFileDialog::new().pick_file().await.map(|f| f.path().to_path_buf())
}

fn export_to(db: &Database, path: PathBuf) -> Result<(PathBuf, usize), FileFailure> {
    let (bytes, batches) = district::export(db, district::MAX_ITEMS).map_err(FileFailure::Sync)?;
    let written =
        std::fs::File::create(&path).and_then(|mut f| std::io::Write::write_all(&mut f, &bytes).and_then(|()| f.sync_all()));
    match written {
        Ok(()) => Ok((path, batches)),
        Err(e) => Err(FileFailure::File { path, detail: e.to_string() }),
    }
}

fn import_from(session: &Session, path: &Path) -> Result<Report, FileFailure> {
    let bytes = std::fs::read(path).map_err(|e| FileFailure::File { path: path.to_path_buf(), detail: e.to_string() })?;
    district::import(&session.store, &session.catalog, &bytes).map_err(FileFailure::Sync)
}

#[cfg(all(test, feature = "hub"))]
mod tests;

#[cfg(test)]
mod bar_tests {
    use super::*;

    #[test]
    fn the_bar_fills_half_by_sending_and_half_by_receiving() {
        let at = |phase, done, total| permille(Progress { phase, done, total });
        assert_eq!((at(Phase::Push, 0, 4), at(Phase::Push, 1, 4), at(Phase::Push, 4, 4)), (0, 125, 500));
        assert_eq!((at(Phase::Pull, 0, 0), at(Phase::Pull, 1, 2), at(Phase::Pull, 2, 2)), (1000, 750, 1000));
    }
}
