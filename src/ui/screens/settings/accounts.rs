//! The settings' accounts section, for the administrator: the office's accounts with their role
//! and state, a new account (name, role, password typed twice), and per account: disable or enable
//! (nobody is deleted, so their history stays theirs) and a new password for a forgotten one. Each
//! change is one act of `office::accounts`, recorded under the administrator.

use std::sync::Arc;

use iced::widget::container;
use iced::{Element, Length, Task};

use crate::domain::account::{Account, AccountError, LOGIN_ROLES};
use crate::domain::role::{Actor, Role};
use crate::i18n::Localizer;
use crate::office::accounts;
use crate::store::{Database, StoreError};
use crate::ui::rtl;
use crate::ui::widget::button;

#[derive(Debug, Default)]
pub struct Form {
    accounts: Vec<Account>,
    name: String,
    role: Option<Role>,
    password: String,
    repeat: String,
    /// The account whose new password is being typed.
    resetting: Option<String>,
    error: Option<String>,
    done: Option<String>,
    busy: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Vec<Account>, StoreError>),
    Name(String),
    Role(Role),
    Password(String),
    Repeat(String),
    Add,
    SetActive(String, bool),
    Reset(String),
    CancelReset,
    SaveReset,
    /// A change made (its message ID and the account), or why not.
    Changed(Result<(&'static str, String), StoreError>),
}

/// Reads the accounts off the UI thread.
pub fn load(store: Arc<Database>) -> Task<Message> {
    Task::perform(async move { store.accounts() }, Message::Loaded)
}

impl Form {
    pub fn update(&mut self, message: Message, store: &Arc<Database>, admin: &Actor, loc: &Localizer) -> Task<Message> {
        match message {
            Message::Loaded(Ok(accounts)) => self.accounts = accounts,
            Message::Loaded(Err(error)) => self.error = Some(loc.store_error(&error)),
            Message::Name(value) => self.name = value,
            Message::Role(role) => self.role = Some(role),
            Message::Password(value) => self.password = value,
            Message::Repeat(value) => self.repeat = value,
            Message::Reset(name) => {
                self.resetting = Some(name);
                self.password.clear();
                self.repeat.clear();
            }
            Message::CancelReset => self.resetting = None,
            Message::Add | Message::SaveReset => return self.submit(matches!(message, Message::Add), store, admin, loc),
            Message::SetActive(name, active) => {
                let (db, by, now) = (store.clone(), admin.clone(), chrono::Utc::now());
                let id = if active { "user-enabled" } else { "user-disabled" };
                return Task::perform(
                    async move { accounts::set_active(&db, &by, &name, active, now).map(|a| (id, a.name)) },
                    Message::Changed,
                );
            }
            Message::Changed(result) => {
                self.busy = false;
                match result {
                    Ok((id, name)) => {
                        self.done = Some(loc.text(id, &[("name", crate::i18n::Arg::Text(&name))]));
                        self.error = None;
                        self.name.clear();
                        self.password.clear();
                        self.repeat.clear();
                        self.resetting = None;
                    }
                    Err(error) => {
                        self.error = Some(loc.store_error(&error));
                        self.done = None;
                    }
                }
                return load(store.clone());
            }
        }
        Task::none()
    }

    /// Adds the account typed, or sets the new password of the one being reset.
    fn submit(&mut self, adding: bool, store: &Arc<Database>, admin: &Actor, loc: &Localizer) -> Task<Message> {
        if self.busy {
            return Task::none();
        }
        if self.password != self.repeat {
            self.error = Some(loc.account_error(&AccountError::PasswordsDiffer));
            return Task::none();
        }
        let (db, by, now, password) = (store.clone(), admin.clone(), chrono::Utc::now(), self.password.clone());
        if adding {
            let Some(role) = self.role else {
                self.error = Some(loc.text("gui-accounts-choose-role", &[]));
                return Task::none();
            };
            self.busy = true;
            let name = self.name.clone();
            return Task::perform(
                async move { accounts::add_account(&db, &by, &name, role, &password, now).map(|a| ("user-added", a.name)) },
                Message::Changed,
            );
        }
        let Some(name) = self.resetting.clone() else { return Task::none() };
        self.busy = true;
        Task::perform(
            async move { accounts::reset_password(&db, &by, &name, &password, now).map(|()| ("user-password-reset", name)) },
            Message::Changed,
        )
    }

    pub fn view<'a>(&'a self, loc: &'a Localizer) -> Vec<Element<'a, Message>> {
        let language = loc.language();
        let mut items: Vec<Element<'a, Message>> = self.accounts.iter().map(|account| Self::row(account, loc)).collect();
        if let Some(name) = &self.resetting {
            items.push(rtl::line(language, loc.text("gui-accounts-reset-for", &[("name", crate::i18n::Arg::Text(name))]), 14.0));
            items.extend(self.passwords(loc, &Message::SaveReset));
            let save = button(rtl::label(language, loc.text("gui-accounts-reset-save", &[]), 14.0))
                .on_press_maybe((!self.busy).then_some(Message::SaveReset));
            let cancel = button(rtl::label(language, loc.text("gui-app-cancel", &[]), 14.0))
                .style(button::secondary)
                .on_press(Message::CancelReset);
            items.push(rtl::row(language, vec![save.into(), cancel.into()]).spacing(8).into());
        } else {
            items.push(rtl::line(language, loc.text("gui-accounts-new", &[]), 15.0));
            let name =
                rtl::input(language, "", &self.name).id(iced::widget::Id::new("gui-accounts-name")).on_input(Message::Name);
            items.push(rtl::line(language, loc.text("gui-accounts-name", &[]), 14.0));
            items.push(name.width(Length::Fill).into());
            let roles = LOGIN_ROLES.iter().map(|&role| {
                let style = if self.role == Some(role) { button::primary } else { button::secondary };
                button(rtl::label(language, loc.text(&format!("role-{}", role.key()), &[]), 14.0))
                    .style(style)
                    .on_press(Message::Role(role))
                    .into()
            });
            items.push(
                container(rtl::row(language, roles.collect()).spacing(8))
                    .width(Length::Fill)
                    .align_x(rtl::start(language))
                    .into(),
            );
            items.extend(self.passwords(loc, &Message::Add));
            let add = button(rtl::label(language, loc.text("gui-accounts-add", &[]), 15.0))
                .style(button::primary)
                .on_press_maybe((!self.busy).then_some(Message::Add));
            items.push(container(add).width(Length::Fill).align_x(rtl::start(language)).into());
        }
        if let Some(error) = &self.error {
            items.push(rtl::error(language, error));
        }
        if let Some(done) = &self.done {
            items.push(rtl::line(language, done, 14.0));
        }
        items
    }

    fn passwords<'a>(&'a self, loc: &'a Localizer, submit: &Message) -> Vec<Element<'a, Message>> {
        let secret = |id, value, on_input| {
            crate::ui::screens::SecretField { id, value, on_input, submit: submit.clone(), masked: true, error: None }.view(loc)
        };
        vec![
            secret("gui-accounts-password", &self.password, Message::Password),
            secret("gui-accounts-repeat", &self.repeat, Message::Repeat),
        ]
    }

    /// One account: its name, role and state, and what the administrator may do to it.
    fn row<'a>(account: &'a Account, loc: &'a Localizer) -> Element<'a, Message> {
        let language = loc.language();
        let role = loc.text(&format!("role-{}", account.role.key()), &[]);
        let state = loc.text(if account.active { "user-state-active" } else { "user-state-disabled" }, &[]);
        let (toggle_id, active) = if account.active { ("gui-accounts-disable", false) } else { ("gui-accounts-enable", true) };
        let toggle = button(rtl::label(language, loc.text(toggle_id, &[]), 13.0))
            .style(if active { button::secondary } else { button::danger })
            .on_press(Message::SetActive(account.name.clone(), active));
        let reset = button(rtl::label(language, loc.text("gui-accounts-reset", &[]), 13.0))
            .style(button::secondary)
            .on_press(Message::Reset(account.name.clone()));
        let label = rtl::label(language, format!("{} — {role} — {state}", account.name), 14.0);
        let row = rtl::row(language, vec![label, toggle.into(), reset.into()]).spacing(10).align_y(iced::Alignment::Center);
        container(row).width(Length::Fill).align_x(rtl::start(language)).into()
    }
}
