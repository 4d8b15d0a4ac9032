//! Login: pick an account, type its password. Every try goes through `office::accounts::log_in`
//! (recorded, and throttled after five failures). An account carried over from before accounts
//! sets its first password here; a forgotten administrator password is recovered with the
//! recovery sheet's code. Caps Lock and a Persian keyboard layout are pointed out, since a Latin
//! password typed on either fails for no reason the clerk can see.

use std::sync::Arc;

use iced::widget::{Column, container, text};
use iced::{Element, Length, Task};

use crate::domain::account::Account;
use crate::domain::role::{Actor, Role};
use crate::i18n::Localizer;
use crate::office::accounts::{self, Created};
use crate::store::{Database, StoreError};
use crate::ui::rtl;
use crate::ui::widget::button;

/// The password box, for focus and tests.
pub const PASSWORD_ID: &str = "gui-login-password";

pub struct State {
    store: Arc<Database>,
    accounts: Vec<Account>,
    selected: Option<String>,
    password: String,
    new_password: String,
    repeat: String,
    recovering: bool,
    recovery_code: String,
    caps_lock: bool,
    error: Option<String>,
    busy: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Vec<Account>, StoreError>),
    Select(String),
    Password(String),
    NewPassword(String),
    Repeat(String),
    RecoveryCode(String),
    ToggleRecovery,
    Submit,
    LoggedIn(Result<Actor, StoreError>),
    Recovered(Result<Created, StoreError>),
    /// Whether Caps Lock is on, as the last letter typed showed it.
    CapsLock(bool),
    SwitchLanguage,
}

#[must_use]
pub enum Action {
    None,
    Run(Task<Message>),
    LoggedIn(Actor),
    /// The recovery code was used; the new one must be shown and its sheet printed.
    Recovered(Created),
    SwitchLanguage,
}

impl State {
    /// The login of `store`, with `account` chosen when the screen was locked on it.
    pub fn new(store: Arc<Database>, account: Option<String>) -> (Self, Task<Message>) {
        let state = Self {
            store: store.clone(),
            accounts: Vec::new(),
            selected: account,
            password: String::new(),
            new_password: String::new(),
            repeat: String::new(),
            recovering: false,
            recovery_code: String::new(),
            caps_lock: false,
            error: None,
            busy: false,
        };
        let load = Task::perform(async move { store.accounts() }, Message::Loaded);
        (state, load.chain(iced::widget::operation::focus(iced::widget::Id::new(PASSWORD_ID))))
    }

    pub fn store(&self) -> &Arc<Database> {
        &self.store
    }

    fn chosen(&self) -> Option<&Account> {
        let name = self.selected.as_deref()?;
        self.accounts.iter().find(|a| a.name == name)
    }

    pub fn update(&mut self, message: Message, loc: &Localizer) -> Action {
        match message {
            Message::Loaded(Ok(accounts)) => {
                self.accounts = accounts.into_iter().filter(|a| a.active).collect();
                if self.chosen().is_none() {
                    self.selected = (self.accounts.len() == 1).then(|| self.accounts[0].name.clone());
                }
            }
            Message::Loaded(Err(error)) | Message::LoggedIn(Err(error)) | Message::Recovered(Err(error)) => {
                self.busy = false;
                self.password.clear();
                self.error = Some(loc.store_error(&error));
            }
            Message::Select(name) => {
                self.selected = Some(name);
                self.error = None;
                return Action::Run(iced::widget::operation::focus(iced::widget::Id::new(PASSWORD_ID)));
            }
            Message::Password(value) => self.password = value,
            Message::NewPassword(value) => self.new_password = value,
            Message::Repeat(value) => self.repeat = value,
            Message::RecoveryCode(value) => self.recovery_code = value,
            Message::ToggleRecovery => {
                self.recovering = !self.recovering;
                self.error = None;
            }
            Message::CapsLock(on) => self.caps_lock = on,
            Message::Submit => return self.submit(loc),
            Message::LoggedIn(Ok(actor)) => return Action::LoggedIn(actor),
            Message::Recovered(Ok(created)) => return Action::Recovered(created),
            Message::SwitchLanguage => return Action::SwitchLanguage,
        }
        Action::None
    }

    fn submit(&mut self, loc: &Localizer) -> Action {
        if self.busy {
            return Action::None;
        }
        let Some(account) = self.chosen().cloned() else {
            self.error = Some(loc.text("gui-login-choose", &[]));
            return Action::None;
        };
        let first = account.password_hash.is_none();
        if (first || self.recovering) && self.new_password != self.repeat {
            self.error = Some(loc.account_error(&crate::domain::account::AccountError::PasswordsDiffer));
            return Action::None;
        }
        self.busy = true;
        self.error = None;
        let db = self.store.clone();
        let now = chrono::Utc::now();
        let name = account.name;
        if self.recovering {
            let (code, new) = (self.recovery_code.clone(), self.new_password.clone());
            return Action::Run(Task::perform(
                async move { accounts::recover(&db, &name, &code, &new, now) },
                Message::Recovered,
            ));
        }
        let task = if first {
            let new = self.new_password.clone();
            Task::perform(async move { accounts::set_first_password(&db, &name, &new, now) }, Message::LoggedIn)
        } else {
            let password = std::mem::take(&mut self.password);
            Task::perform(async move { accounts::log_in(&db, &name, &password, now) }, Message::LoggedIn)
        };
        Action::Run(task)
    }

    pub fn view<'a>(&'a self, loc: &'a Localizer) -> Element<'a, Message> {
        let language = loc.language();
        let mut items: Vec<Element<'a, Message>> = vec![
            super::language_switch(loc, Message::SwitchLanguage),
            rtl::line(
                language,
                loc.text("gui-login-title", &[("district", crate::i18n::Arg::Text(self.store.district_name()))]),
                26.0,
            ),
            rtl::line(language, loc.text("gui-login-choose", &[]), 15.0),
        ];
        let shown = self.accounts.iter().filter(|a| !self.recovering || a.role == Role::Administrator);
        let choices: Vec<Element<'a, Message>> = shown
            .map(|account| {
                let role = loc.text(&format!("role-{}", account.role.key()), &[]);
                let style = if self.selected.as_deref() == Some(&account.name) { button::primary } else { button::secondary };
                button(rtl::line(language, format!("{} ({role})", account.name), 15.0))
                    .style(style)
                    .width(Length::Fill)
                    .on_press(Message::Select(account.name.clone()))
                    .into()
            })
            .collect();
        items.push(Column::with_children(choices).spacing(6).into());
        let first = self.chosen().is_some_and(|a| a.password_hash.is_none());
        if self.recovering {
            items.push(rtl::line(language, loc.text("gui-login-recovery-intro", &[]), 14.0));
            items.push(secret("gui-login-recovery-code", &self.recovery_code, Message::RecoveryCode, false).view(loc));
        }
        if first {
            items.push(rtl::line(language, loc.text("gui-login-first-password", &[]), 14.0));
        }
        if first || self.recovering {
            items.push(secret("gui-login-new-password", &self.new_password, Message::NewPassword, true).view(loc));
            items.push(secret("gui-login-repeat", &self.repeat, Message::Repeat, true).view(loc));
        } else {
            items.push(secret(PASSWORD_ID, &self.password, Message::Password, true).view(loc));
        }
        items.extend(self.hints(loc));
        if let Some(error) = &self.error {
            items.push(rtl::error(language, error));
        }
        let submit_id = if self.recovering { "gui-login-recover" } else { "gui-login-submit" };
        let submit = button(text(loc.text(submit_id, &[])).size(17))
            .padding([8, 24])
            .on_press_maybe((!self.busy).then_some(Message::Submit));
        let toggle_id = if self.recovering { "gui-login-recovery-back" } else { "gui-login-recovery-open" };
        let toggle = button(text(loc.text(toggle_id, &[])).size(13)).style(button::text).on_press(Message::ToggleRecovery);
        items.push(rtl::row(language, vec![submit.into(), toggle.into()]).spacing(16).into());
        let form = Column::with_children(items).spacing(10).width(560);
        container(form).center_x(Length::Fill).padding(24).into()
    }

    /// Caps Lock on, or Persian letters in the password: the two reasons a right password fails.
    fn hints<'a>(&self, loc: &Localizer) -> Vec<Element<'a, Message>> {
        let typed = [&self.password, &self.new_password];
        let persian = typed.iter().any(|t| t.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)));
        let mut hints = Vec::new();
        if self.caps_lock {
            hints.push(rtl::line(loc.language(), loc.text("gui-login-caps-lock", &[]), 13.0));
        }
        if persian {
            hints.push(rtl::line(loc.language(), loc.text("gui-login-persian-layout", &[]), 13.0));
        }
        hints
    }
}

/// A box of the login form; Enter submits it.
fn secret<'a>(
    id: &'static str,
    value: &'a str,
    on_input: fn(String) -> Message,
    masked: bool,
) -> super::SecretField<'a, Message> {
    super::SecretField { id, value, on_input, submit: Message::Submit, masked, error: None }
}

/// Caps Lock's state from a letter key: a capital without Shift, or a small letter with it.
pub fn caps_lock(event: iced::Event, _status: iced::event::Status, _window: iced::window::Id) -> Option<bool> {
    use iced::keyboard::{self, Key};
    let iced::Event::Keyboard(keyboard::Event::KeyPressed { key: Key::Character(typed), modifiers, .. }) = event else {
        return None;
    };
    let letter = typed.chars().next().filter(char::is_ascii_alphabetic)?;
    Some(letter.is_ascii_uppercase() != modifiers.shift())
}
