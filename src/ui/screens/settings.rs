//! Settings: the language (switches at once), the data folder, backups (one now through the save
//! dialog, the list of automatic daily backups, and restoring one after a confirmation), and the
//! office's printing defaults (`printing`), and for the administrator the district key's sealed copy
//! (`key`) and the accounts (`accounts`).

mod accounts;
mod key;
mod printer;
mod printing;

use std::path::{Path, PathBuf};

use crate::office;
use crate::ui::widget::button;
use iced::widget::{Column, container, scrollable, text};
use iced::{Element, Length, Task};

use crate::domain::role::Action as RoleAction;
use crate::i18n::{Arg, Language, Localizer};
use crate::store::StoreError;
use crate::store::backup::{BACKUP_DIR, daily_name};
use crate::ui::rtl;
use crate::ui::screens::Session;

#[derive(Default)]
pub struct State {
    backups: Vec<PathBuf>,
    confirm: Option<PathBuf>,
    saved: Option<PathBuf>,
    busy: bool,
    printing: printing::Form,
    accounts: accounts::Form,
    key: key::Form,
    /// The idle lock's minutes as typed, and whether the last value typed was refused.
    idle_minutes: String,
    idle_refused: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    Language(Language),
    BackupNow,
    Chosen(Option<PathBuf>),
    BackedUp(Result<PathBuf, StoreError>),
    Listed(Result<Vec<PathBuf>, StoreError>),
    AskRestore(PathBuf),
    ConfirmRestore,
    CancelRestore,
    Printing(printing::Message),
    Accounts(accounts::Message),
    Key(key::Message),
    WindowSettings(Result<crate::store::settings::Settings, StoreError>),
    IdleMinutes(String),
    SaveIdle,
    IdleSaved(Result<u32, StoreError>),
}

#[must_use]
pub enum Action {
    None,
    Run(Task<Message>),
    SetLanguage(Language),
    /// Close the store, restore this file, reopen.
    Restore(PathBuf),
    /// The window locks after this many idle minutes from now on.
    SetIdleLock(u32),
    Failed(StoreError),
}

impl State {
    pub fn new(data_dir: &Path, session: &Session) -> (Self, Task<Message>) {
        let dir = data_dir.join(BACKUP_DIR);
        let backups = Task::perform(async move { list(&dir) }, Message::Listed);
        let dir = data_dir.to_path_buf();
        let window = Task::perform(async move { crate::store::settings::load_settings(&dir) }, Message::WindowSettings);
        let mut tasks = vec![backups, printing::load(data_dir.to_path_buf()).map(Message::Printing), window];
        if session.actor.role.may(RoleAction::ManageUsers) {
            tasks.push(accounts::load(session.store.clone()).map(Message::Accounts));
        }
        if session.actor.role.may(RoleAction::ManageBackups) {
            tasks.push(key::check(session.store.clone()).map(Message::Key));
        }
        (Self::default(), Task::batch(tasks))
    }

    pub fn update(&mut self, message: Message, session: &Session, loc: &Localizer) -> Action {
        match message {
            Message::Language(language) => return Action::SetLanguage(language),
            Message::BackupNow => {
                self.busy = true;
                let name = daily_name(chrono::Utc::now()).replace(".redb", "-manual.redb");
                let dialog = rfd::AsyncFileDialog::new().set_file_name(name).add_filter("redb", &["redb"]).save_file();
                return Action::Run(Task::perform(async move { dialog.await.map(|f| f.path().to_path_buf()) }, Message::Chosen));
            }
            Message::Chosen(None) => self.busy = false,
            Message::Chosen(Some(path)) => {
                let db = session.store.clone();
                let actor = session.actor.clone();
                return Action::Run(Task::perform(
                    async move { office::records::back_up(&db, &actor, &path, chrono::Utc::now()).map(|()| path) },
                    Message::BackedUp,
                ));
            }
            Message::BackedUp(result) => {
                self.busy = false;
                match result {
                    Ok(path) => self.saved = Some(path),
                    Err(error) => return Action::Failed(error),
                }
            }
            Message::Listed(Ok(backups)) => self.backups = backups,
            Message::Listed(Err(error)) | Message::WindowSettings(Err(error)) | Message::IdleSaved(Err(error)) => {
                return Action::Failed(error);
            }
            Message::AskRestore(path) => self.confirm = Some(path),
            Message::CancelRestore => self.confirm = None,
            Message::ConfirmRestore => return self.confirm.take().map_or(Action::None, Action::Restore),
            Message::Printing(message) => {
                let data_dir = crate::ui::printing::data_dir(&session.store);
                return Action::Run(self.printing.update(message, &data_dir).map(Message::Printing));
            }
            Message::WindowSettings(Ok(settings)) => self.idle_minutes = loc.digits(&settings.idle_lock_minutes().to_string()),
            Message::IdleMinutes(typed) => {
                self.idle_minutes = typed;
                self.idle_refused = false;
            }
            Message::SaveIdle if session.actor.role.may(RoleAction::ManageOffice) => {
                let minutes = crate::domain::text::ascii_digits(self.idle_minutes.trim()).and_then(|d| d.parse::<u32>().ok());
                let Some(minutes) = minutes.filter(|m| (1..=240).contains(m)) else {
                    self.idle_refused = true;
                    return Action::None;
                };
                let dir = crate::ui::printing::data_dir(&session.store);
                return Action::Run(Task::perform(
                    async move {
                        let settings = crate::store::settings::Settings {
                            idle_lock_minutes: Some(minutes),
                            ..crate::store::settings::load_settings(&dir)?
                        };
                        crate::store::settings::save_settings(&dir, &settings).map(|()| minutes)
                    },
                    Message::IdleSaved,
                ));
            }
            Message::SaveIdle => {}
            Message::IdleSaved(Ok(minutes)) => return Action::SetIdleLock(minutes),
            Message::Accounts(message) => {
                let task = self.accounts.update(message, &session.store, &session.actor, loc);
                return Action::Run(task.map(Message::Accounts));
            }
            Message::Key(message) => {
                let task = self.key.update(message, &session.store, &session.actor, loc);
                return Action::Run(task.map(Message::Key));
            }
        }
        Action::None
    }

    pub fn view<'a>(&'a self, session: &'a Session, data_dir: &'a Path, loc: &'a Localizer) -> Element<'a, Message> {
        let language = loc.language();
        let languages = Language::ALL.iter().map(|&l| {
            let style = if l == language { button::primary } else { button::secondary };
            button(text(loc.text(&format!("gui-settings-language-{}", l.code()), &[])).size(15))
                .style(style)
                .on_press(Message::Language(l))
                .into()
        });
        let mut items: Vec<Element<'a, Message>> = vec![
            rtl::line(language, loc.text("gui-settings-language", &[]), 17.0),
            container(rtl::row(language, languages.collect()).spacing(8))
                .width(Length::Fill)
                .align_x(rtl::start(language))
                .into(),
            rtl::line(language, loc.text("gui-settings-data-dir", &[]), 17.0),
            rtl::line(language, rtl::ltr(&data_dir.display().to_string()), 14.0),
            rtl::line(language, loc.text("gui-settings-backups", &[]), 17.0),
        ];
        if session.actor.role.may(RoleAction::ManageBackups) {
            items.extend(self.backups_view(loc));
            items.push(rtl::line(language, loc.text("gui-settings-key", &[]), 17.0));
            items.extend(self.key.view(loc).into_iter().map(|item| item.map(Message::Key)));
        } else {
            items.push(rtl::line(language, loc.text("gui-settings-backups-not-permitted", &[]), 14.0));
        }
        items.push(rtl::line(language, loc.text("gui-settings-printing", &[]), 17.0));
        if session.actor.role.may(RoleAction::ManageOffice) {
            items.extend(self.printing.view(loc).into_iter().map(|item| item.map(Message::Printing)));
        } else {
            items.push(rtl::line(language, loc.text("gui-settings-printing-not-permitted", &[]), 14.0));
        }
        items.push(rtl::line(language, loc.text("gui-settings-accounts", &[]), 17.0));
        if session.actor.role.may(RoleAction::ManageUsers) {
            items.extend(self.accounts.view(loc).into_iter().map(|item| item.map(Message::Accounts)));
        } else {
            items.push(rtl::line(language, loc.not_permitted(session.actor.role, RoleAction::ManageUsers), 14.0));
        }
        items.push(rtl::line(language, loc.text("gui-settings-idle-lock", &[]), 17.0));
        if session.actor.role.may(RoleAction::ManageOffice) {
            let input = rtl::input(language, "", &self.idle_minutes)
                .id(iced::widget::Id::new("gui-settings-idle-lock"))
                .on_input(Message::IdleMinutes)
                .on_submit(Message::SaveIdle)
                .width(120);
            let save =
                button(rtl::label(language, loc.text("gui-settings-idle-lock-save", &[]), 14.0)).on_press(Message::SaveIdle);
            let row = rtl::row(language, vec![input.into(), save.into()]).spacing(8).align_y(iced::Alignment::Center);
            items.push(container(row).width(Length::Fill).align_x(rtl::start(language)).into());
            if self.idle_refused {
                items.push(rtl::error(language, &loc.text("gui-settings-idle-lock-refused", &[])));
            }
        } else {
            items.push(rtl::line(language, loc.not_permitted(session.actor.role, RoleAction::ManageOffice), 14.0));
        }
        // Fourteen daily backups and the printing section are taller than a 768-pixel screen.
        scrollable(Column::with_children(items).spacing(10).width(Length::Fill).padding(iced::Padding::ZERO.right(12)))
            .height(Length::Fill)
            .into()
    }

    fn backups_view<'a>(&'a self, loc: &'a Localizer) -> Vec<Element<'a, Message>> {
        let language = loc.language();
        let now = button(text(loc.text("gui-settings-backup-now", &[])).size(15))
            .on_press_maybe((!self.busy).then_some(Message::BackupNow));
        let mut items = vec![container(now).width(Length::Fill).align_x(rtl::start(language)).into()];
        if let Some(path) = &self.saved {
            let path = path.display().to_string();
            items.push(rtl::line(language, loc.text("gui-settings-backup-saved", &[("path", Arg::Path(&path))]), 14.0));
        }
        items.push(rtl::line(language, loc.text("gui-settings-automatic", &[("count", super::count(self.backups.len()))]), 15.0));
        for path in &self.backups {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let restore = button(text(loc.text("gui-settings-restore", &[])).size(13))
                .style(button::secondary)
                .on_press(Message::AskRestore(path.clone()));
            let row = rtl::row(language, vec![rtl::label(language, rtl::ltr(&name), 14.0), restore.into()]).spacing(12);
            items.push(container(row.align_y(iced::Alignment::Center)).width(Length::Fill).align_x(rtl::start(language)).into());
        }
        if let Some(path) = &self.confirm {
            let name = path.display().to_string();
            let question = rtl::line(language, loc.text("gui-settings-restore-confirm", &[("path", Arg::Path(&name))]), 15.0);
            let buttons = rtl::row(
                language,
                vec![
                    button(text(loc.text("gui-settings-restore-yes", &[])).size(14))
                        .style(button::danger)
                        .on_press(Message::ConfirmRestore)
                        .into(),
                    button(text(loc.text("gui-app-cancel", &[])).size(14))
                        .style(button::secondary)
                        .on_press(Message::CancelRestore)
                        .into(),
                ],
            )
            .spacing(8);
            let body = Column::with_children(vec![
                question,
                container(buttons).width(Length::Fill).align_x(rtl::start(language)).into(),
            ]);
            items.push(container(body.spacing(8)).padding(12).style(container::bordered_box).into());
        }
        items
    }
}

/// The daily backups, newest first; no folder yet means none.
fn list(dir: &Path) -> Result<Vec<PathBuf>, StoreError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(StoreError::Io { path: dir.to_path_buf(), detail: e.to_string() }),
    };
    let mut files: Vec<PathBuf> =
        entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "redb")).collect();
    files.sort();
    files.reverse();
    Ok(files)
}
