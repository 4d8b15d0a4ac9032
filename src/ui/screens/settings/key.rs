//! The settings' district-key section, for the administrator: whether this computer holds the
//! district's signing key; a copy of it sealed with a passphrase, saved through the save dialog
//! (backups do not carry the key); and on a PC that restored a backup, the key taken back from
//! such a copy. Each is one act of `office::records`, recorded under the administrator.

use std::path::PathBuf;
use std::sync::Arc;

use iced::widget::container;
use iced::{Element, Length, Task};

use crate::domain::account::AccountError;
use crate::domain::role::Actor;
use crate::i18n::{Arg, Localizer};
use crate::office::records;
use crate::store::key_file::MIN_PASSPHRASE_CHARS;
use crate::store::{Database, StoreError};
use crate::ui::rtl;
use crate::ui::screens::SecretField;
use crate::ui::widget::button;

/// A sealed copy is a few hundred bytes; a larger file is not one and is not read whole.
const MAX_COPY_BYTES: u64 = 64 * 1024;

#[derive(Debug, Default)]
pub struct Form {
    /// Whether the key is here, or why it is not; none until checked.
    held: Option<Result<(), StoreError>>,
    passphrase: String,
    repeat: String,
    error: Option<String>,
    done: Option<String>,
    busy: bool,
}

#[derive(Debug, Clone)]
pub enum Outcome {
    Exported(PathBuf),
    /// The key was put in place (false: this very key was here already).
    Imported(bool),
}

#[derive(Debug, Clone)]
pub enum Message {
    Checked(Result<(), StoreError>),
    Passphrase(String),
    Repeat(String),
    Export,
    ExportTo(Option<PathBuf>),
    Import,
    ImportFrom(Option<PathBuf>),
    Done(Result<Outcome, StoreError>),
}

/// Whether the key is here, read off the UI thread.
pub fn check(store: Arc<Database>) -> Task<Message> {
    Task::perform(async move { store.signing_key().map(|_| ()) }, Message::Checked)
}

impl Form {
    pub fn update(&mut self, message: Message, store: &Arc<Database>, admin: &Actor, loc: &Localizer) -> Task<Message> {
        match message {
            Message::Checked(held) => self.held = Some(held),
            Message::Passphrase(value) => self.passphrase = value,
            Message::Repeat(value) => self.repeat = value,
            Message::Export => return self.ask_where(store, loc),
            Message::Import if !self.busy => {
                self.busy = true;
                let dialog = rfd::AsyncFileDialog::new().add_filter("age", &["age"]).pick_file();
                return Task::perform(async move { dialog.await.map(|f| f.path().to_path_buf()) }, Message::ImportFrom);
            }
            Message::Import => {}
            Message::ExportTo(None) | Message::ImportFrom(None) => self.busy = false,
            Message::ExportTo(Some(path)) => {
                let (db, by, passphrase) = (store.clone(), admin.clone(), self.passphrase.clone());
                return Task::perform(async move { export(&db, &by, &passphrase, path) }, Message::Done);
            }
            Message::ImportFrom(Some(path)) => {
                let (db, by, passphrase) = (store.clone(), admin.clone(), self.passphrase.clone());
                return Task::perform(async move { import(&db, &by, &passphrase, &path) }, Message::Done);
            }
            Message::Done(result) => {
                self.busy = false;
                match result {
                    Ok(outcome) => {
                        self.done = Some(Self::outcome_text(&outcome, store, loc));
                        self.error = None;
                        self.passphrase.clear();
                        self.repeat.clear();
                    }
                    Err(error) => {
                        self.error = Some(loc.store_error(&error));
                        self.done = None;
                    }
                }
                return check(store.clone());
            }
        }
        Task::none()
    }

    /// The passphrase typed twice and long enough, then the save dialog.
    fn ask_where(&mut self, store: &Database, loc: &Localizer) -> Task<Message> {
        if self.busy {
            return Task::none();
        }
        let refusal = if self.passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
            Some(loc.store_error(&StoreError::PassphraseTooShort { min: MIN_PASSPHRASE_CHARS }))
        } else if self.passphrase != self.repeat {
            Some(loc.account_error(&AccountError::PasswordsDiffer))
        } else {
            None
        };
        if let Some(refusal) = refusal {
            self.error = Some(refusal);
            return Task::none();
        }
        self.busy = true;
        let name = format!("district-{}.key.age", store.district_code());
        let dialog = rfd::AsyncFileDialog::new().set_file_name(name).add_filter("age", &["age"]).save_file();
        Task::perform(async move { dialog.await.map(|f| f.path().to_path_buf()) }, Message::ExportTo)
    }

    fn outcome_text(outcome: &Outcome, store: &Database, loc: &Localizer) -> String {
        match outcome {
            Outcome::Exported(path) => loc.text("key-exported", &[("path", Arg::Path(&path.display().to_string()))]),
            Outcome::Imported(installed) => {
                let id = if *installed { "key-imported" } else { "key-already-here" };
                loc.text(id, &[("district", Arg::Text(&loc.digits(store.district_code())))])
            }
        }
    }

    pub fn view<'a>(&'a self, loc: &'a Localizer) -> Vec<Element<'a, Message>> {
        let language = loc.language();
        let mut items = Vec::new();
        match &self.held {
            Some(Ok(())) => items.push(rtl::line(language, loc.text("gui-key-held", &[]), 14.0)),
            Some(Err(error)) => items.push(rtl::error(language, &loc.store_error(error))),
            None => {}
        }
        let secret = |id, value, on_input| {
            SecretField { id, value, on_input, submit: Message::Export, masked: true, error: None }.view(loc)
        };
        items.push(secret("gui-key-passphrase", &self.passphrase, Message::Passphrase));
        items.push(secret("gui-key-repeat", &self.repeat, Message::Repeat));
        let export = button(rtl::label(language, loc.text("gui-key-export", &[]), 14.0))
            .on_press_maybe((!self.busy && matches!(self.held, Some(Ok(())))).then_some(Message::Export));
        let import = button(rtl::label(language, loc.text("gui-key-import", &[]), 14.0))
            .style(button::secondary)
            .on_press_maybe((!self.busy).then_some(Message::Import));
        let row = rtl::row(language, vec![export.into(), import.into()]).spacing(8);
        items.push(container(row).width(Length::Fill).align_x(rtl::start(language)).into());
        if let Some(error) = &self.error {
            items.push(rtl::error(language, error));
        }
        if let Some(done) = &self.done {
            items.push(rtl::line(language, done, 14.0));
        }
        items
    }
}

/// The sealed copy written to `path`; the save dialog asked before replacing a file.
fn export(db: &Database, by: &Actor, passphrase: &str, path: PathBuf) -> Result<Outcome, StoreError> {
    records::export_key(db, by, passphrase, &path, true, chrono::Utc::now())?;
    Ok(Outcome::Exported(path))
}

fn import(db: &Database, by: &Actor, passphrase: &str, path: &std::path::Path) -> Result<Outcome, StoreError> {
    let mut sealed = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| std::io::Read::read_to_end(&mut std::io::Read::take(file, MAX_COPY_BYTES), &mut sealed))
        .map_err(|e| StoreError::Io { path: path.to_path_buf(), detail: e.to_string() })?;
    let installed = records::import_key(db, by, &sealed, passphrase, &path.display().to_string(), chrono::Utc::now())?;
    Ok(Outcome::Imported(installed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::role::Role;
    use crate::i18n::Language;
    use crate::ui::screens::testing::{run, session};

    const PASSPHRASE: &str = "کوه دماوند در بهار";

    fn done(messages: Vec<Message>) -> Message {
        messages.into_iter().next().unwrap_or_else(|| panic!("no message"))
    }

    /// A short or mismatched passphrase is refused before any dialog opens; a copy saved goes out
    /// sealed, and a PC without the key takes it back from that copy.
    #[test]
    fn a_copy_is_saved_sealed_and_taken_back_on_a_pc_without_the_key() {
        let (session, dir) = session();
        let admin = Actor { role: Role::Administrator, ..session.actor.clone() };
        let loc = Localizer::new(Language::Persian, true);
        let mut form = Form::default();
        let checked = done(run(check(session.store.clone())));
        let _ = form.update(checked, &session.store, &admin, &loc);
        assert!(matches!(form.held, Some(Ok(()))));
        let _ = form.update(Message::Passphrase("کوتاه".into()), &session.store, &admin, &loc);
        let _ = form.update(Message::Export, &session.store, &admin, &loc);
        assert!(form.error.as_deref().is_some_and(|e| e.contains("۱۲")), "{:?}", form.error);
        assert!(!form.busy, "no dialog for a short passphrase");
        let _ = form.update(Message::Passphrase(PASSPHRASE.into()), &session.store, &admin, &loc);
        let _ = form.update(Message::Repeat(format!("{PASSPHRASE}!")), &session.store, &admin, &loc);
        let _ = form.update(Message::Export, &session.store, &admin, &loc);
        assert!(!form.busy, "no dialog for passphrases that differ");

        let copy = dir.path().join("copy.key.age");
        let _ = form.update(Message::Repeat(PASSPHRASE.into()), &session.store, &admin, &loc);
        let outcome = done(run(form.update(Message::ExportTo(Some(copy.clone())), &session.store, &admin, &loc)));
        let _ = form.update(outcome, &session.store, &admin, &loc);
        assert!(form.done.as_deref().is_some_and(|d| d.contains("copy.key.age")), "{:?} {:?}", form.done, form.error);

        // The same data on a PC without the key: it says so, and the copy brings the key back.
        let key_file = crate::store::key_file::path_in(session.store.dir());
        std::fs::remove_file(&key_file).unwrap_or_else(|e| panic!("{e}"));
        let mut form = Form::default();
        let _ = form.update(done(run(check(session.store.clone()))), &session.store, &admin, &loc);
        assert!(matches!(form.held, Some(Err(StoreError::NoDistrictKey { .. }))));
        assert!(form.view(&loc).len() > 3);
        let _ = form.update(Message::Passphrase(PASSPHRASE.into()), &session.store, &admin, &loc);
        let outcome = done(run(form.update(Message::ImportFrom(Some(copy)), &session.store, &admin, &loc)));
        let checked = done(run(form.update(outcome, &session.store, &admin, &loc)));
        assert!(form.done.as_deref().is_some_and(|d| d.contains("۱۲۳۴")), "{:?} {:?}", form.done, form.error);
        let _ = form.update(checked, &session.store, &admin, &loc);
        assert!(matches!(form.held, Some(Ok(()))));
        assert!(key_file.is_file());
    }
}
