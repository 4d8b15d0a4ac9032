//! Sync: the outbox as it stands. The sync engine is another part of the work; until it lands the
//! screen shows what is waiting and that the hub has never been contacted, and offers no button.

use iced::widget::column;
use iced::{Element, Task};

use crate::i18n::Localizer;
use crate::store::StoreError;
use crate::ui::rtl;
use crate::ui::screens::{Session, count};

#[derive(Default)]
pub struct State {
    pending: Option<u64>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<u64, StoreError>),
}

#[must_use]
pub enum Action {
    None,
    Failed(StoreError),
}

impl State {
    pub fn new(session: &Session) -> (Self, Task<Message>) {
        let db = session.db.clone();
        (Self::default(), Task::perform(async move { db.outbox_len() }, Message::Loaded))
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Loaded(Ok(n)) => {
                self.pending = Some(n);
                Action::None
            }
            Message::Loaded(Err(error)) => Action::Failed(error),
        }
    }

    pub fn view<'a>(&'a self, loc: &'a Localizer) -> Element<'a, Message> {
        let language = loc.language();
        let pending = match self.pending {
            Some(n) => loc.text("gui-sync-pending", &[("count", count(usize::try_from(n).unwrap_or(usize::MAX)))]),
            None => loc.text("gui-app-loading", &[]),
        };
        column![
            rtl::line(language, loc.text("gui-sync-title", &[]), 20.0),
            rtl::line(language, pending, 16.0),
            rtl::line(language, loc.text("gui-sync-last-contact-never", &[]), 16.0),
            rtl::line(language, loc.text("gui-sync-not-yet", &[]), 14.0),
        ]
        .spacing(12)
        .into()
    }
}
