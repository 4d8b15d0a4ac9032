//! The administrator's recovery code, shown once after the first run or a recovery: the code as
//! text and the recovery sheet (PDF with its QR) to save and print. The code is stored hashed only;
//! leaving this screen is the last chance to see it.

use std::path::PathBuf;
use std::sync::Arc;

use iced::widget::{Column, container, text};
use iced::{Element, Length, Task};

use crate::i18n::{Arg, Localizer};
use crate::office::accounts::Created;
use crate::office::print::JobError;
use crate::store::Database;
use crate::ui::rtl;
use crate::ui::widget::button;

pub struct State {
    store: Arc<Database>,
    created: Created,
    saved: Option<PathBuf>,
    error: Option<String>,
    busy: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    Save,
    Chosen(Option<PathBuf>),
    Saved(Result<PathBuf, JobError>),
    Continue,
}

#[must_use]
pub enum Action {
    None,
    Run(Task<Message>),
    /// On to the login screen.
    Done,
}

impl State {
    pub fn new(store: Arc<Database>, created: Created) -> Self {
        Self { store, created, saved: None, error: None, busy: false }
    }

    pub fn store(&self) -> &Arc<Database> {
        &self.store
    }

    pub fn update(&mut self, message: Message, loc: &Localizer) -> Action {
        match message {
            Message::Save => {
                self.busy = true;
                let name = loc.text("gui-recovery-file-name", &[]);
                let dialog =
                    rfd::AsyncFileDialog::new().set_file_name(format!("{name}.pdf")).add_filter("PDF", &["pdf"]).save_file();
                return Action::Run(Task::perform(async move { dialog.await.map(|f| f.path().to_path_buf()) }, Message::Chosen));
            }
            Message::Chosen(None) => self.busy = false,
            Message::Chosen(Some(path)) => {
                let (db, created, language) = (self.store.clone(), self.created.clone(), loc.language());
                return Action::Run(Task::perform(
                    async move { crate::office::print::recovery_sheet(&db, &created, language, &path).map(|()| path) },
                    Message::Saved,
                ));
            }
            Message::Saved(result) => {
                self.busy = false;
                match result {
                    Ok(path) => {
                        self.saved = Some(path);
                        self.error = None;
                    }
                    Err(error) => self.error = Some(error.message(loc, rtl::ltr)),
                }
            }
            Message::Continue => return Action::Done,
        }
        Action::None
    }

    pub fn view<'a>(&'a self, loc: &'a Localizer) -> Element<'a, Message> {
        let language = loc.language();
        let name = Arg::Text(&self.created.account.name);
        let mut items: Vec<Element<'a, Message>> = vec![
            rtl::line(language, loc.text("gui-recovery-title", &[]), 26.0),
            rtl::line(language, loc.text("gui-recovery-intro", &[("name", name)]), 15.0),
            // The code is typed back in Latin letters: it reads left to right in either language.
            container(text(&self.created.recovery_code).size(30).font(iced::Font::MONOSPACE))
                .width(Length::Fill)
                .align_x(iced::alignment::Horizontal::Center)
                .padding(12)
                .style(container::bordered_box)
                .into(),
            rtl::line(language, loc.text("gui-recovery-keep", &[]), 14.0),
        ];
        if let Some(path) = &self.saved {
            let path = rtl::ltr(&path.display().to_string());
            items.push(rtl::line(language, loc.text("recovery-sheet-written", &[("path", Arg::Text(&path))]), 14.0));
        }
        if let Some(error) = &self.error {
            items.push(rtl::error(language, error));
        }
        let save = button(text(loc.text("gui-recovery-save", &[])).size(16))
            .padding([8, 20])
            .on_press_maybe((!self.busy).then_some(Message::Save));
        let done = button(text(loc.text("gui-recovery-continue", &[])).size(16))
            .style(button::secondary)
            .padding([8, 20])
            .on_press(Message::Continue);
        items.push(rtl::row(language, vec![save.into(), done.into()]).spacing(12).into());
        container(Column::with_children(items).spacing(12).width(640)).center_x(Length::Fill).padding(24).into()
    }
}
