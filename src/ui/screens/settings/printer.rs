//! The printer this computer prints on paper with: the system's printers (`print::spool`, asked
//! off the UI thread), the system's default first; the choice is kept in the data folder's
//! `settings.toml` (each computer has its own printers; `office.toml` is the office's letterhead,
//! the same on every computer) and read by every print on paper, `print --printer` included.

use std::path::PathBuf;

use iced::widget::container;
use iced::{Element, Length, Task};

use crate::i18n::{Arg, Localizer};
use crate::print::spool::{self, PrinterName, Printers, SpoolError};
use crate::store::StoreError;
use crate::store::settings::{Settings, load_settings, save_settings};
use crate::ui::rtl;
use crate::ui::widget::button;

#[derive(Debug, Default)]
pub struct Choice {
    /// The system's printers, once asked; or why they could not be listed.
    found: Option<Result<Printers, SpoolError>>,
    /// The printer kept in `settings.toml`; `None`, the system's default.
    chosen: Option<String>,
    problem: Option<StoreError>,
    saved: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    Found(Result<Printers, SpoolError>, Result<Option<String>, StoreError>),
    Choose(Option<PrinterName>),
    Saved(Result<Option<String>, StoreError>),
}

/// Lists the system's printers and reads the one kept, off the UI thread.
pub fn load(data_dir: PathBuf) -> Task<Message> {
    Task::perform(async move { (spool::printers(), load_settings(&data_dir).map(|s| s.printer)) }, |(found, chosen)| {
        Message::Found(found, chosen)
    })
}

impl Choice {
    pub fn update(&mut self, message: Message, data_dir: PathBuf) -> Task<Message> {
        self.saved = false;
        match message {
            Message::Found(found, chosen) => {
                self.found = Some(found);
                match chosen {
                    Ok(chosen) => self.chosen = chosen,
                    Err(error) => self.problem = Some(error),
                }
            }
            Message::Choose(printer) => {
                let printer = printer.map(|p| p.as_str().to_owned());
                let save = async move {
                    let settings = Settings { printer: printer.clone(), ..load_settings(&data_dir)? };
                    save_settings(&data_dir, &settings).map(|()| printer)
                };
                return Task::perform(save, Message::Saved);
            }
            Message::Saved(Ok(printer)) => (self.chosen, self.problem, self.saved) = (printer, None, true),
            Message::Saved(Err(error)) => self.problem = Some(error),
        }
        Task::none()
    }

    pub fn view<'a>(&'a self, loc: &'a Localizer) -> Vec<Element<'a, Message>> {
        let language = loc.language();
        let mut items = vec![rtl::line(language, loc.text("gui-settings-printer", &[]), 14.0)];
        match &self.found {
            None => items.push(rtl::line(language, loc.text("gui-app-working", &[]), 13.0)),
            Some(Err(error)) => items.push(rtl::error(language, &error.message(loc, rtl::ltr))),
            Some(Ok(found)) if found.names.is_empty() => {
                items.push(rtl::line(language, loc.text("gui-settings-printer-none", &[]), 13.0));
            }
            Some(Ok(found)) => items.push(self.choices(found, loc)),
        }
        if let Some(problem) = &self.problem {
            items.push(rtl::error(language, &loc.store_error(problem)));
        }
        if self.saved {
            items.push(rtl::line(language, loc.text("gui-settings-printer-saved", &[]), 13.0));
        }
        items
    }

    /// The system's default, then each printer: the one kept filled.
    fn choices<'a>(&'a self, found: &'a Printers, loc: &Localizer) -> Element<'a, Message> {
        let language = loc.language();
        let default = found.default.as_ref().map_or_else(
            || loc.text("gui-settings-printer-default", &[]),
            |name| loc.text("gui-settings-printer-default-named", &[("name", Arg::Text(&rtl::ltr(name.as_str())))]),
        );
        let choices = std::iter::once((None, default))
            .chain(found.names.iter().map(|name| (Some(name), name.as_str().to_owned())))
            .map(|(name, label)| {
                let kept = name.map(PrinterName::as_str) == self.chosen.as_deref();
                let style = if kept { button::primary } else { button::secondary };
                button(rtl::label(language, label, 14.0)).style(style).on_press(Message::Choose(name.cloned())).into()
            });
        container(rtl::row(language, choices.collect()).spacing(8)).width(Length::Fill).align_x(rtl::start(language)).into()
    }
}
