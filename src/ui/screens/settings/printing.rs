//! The settings' printing section: the county and province of the letterhead, the office's emblem
//! (chosen with the file dialog, checked, and copied into the data folder) and the paper of
//! documents and of receipts — all kept in the data folder's `office.toml`, which every print
//! reads, from the window and the command line alike — and this computer's printer (`printer`).

use std::path::{Path, PathBuf};

use iced::widget::container;
use iced::{Element, Length, Task};

use crate::i18n::{Arg, Localizer};
use crate::print::office_file::OfficeFile;
use crate::print::template::Paper;
use crate::print::{PrintError, check_emblem};
use crate::ui::rtl;
use crate::ui::widget::button;

use super::printer;

/// The emblem's name in the data folder; its extension is the chosen file's.
const EMBLEM_NAME: &str = "emblem";

#[derive(Debug, Default)]
pub struct Form {
    file: OfficeFile,
    /// A new emblem the clerk chose, checked, not yet copied.
    chosen: Option<PathBuf>,
    error: Option<PrintError>,
    saved: bool,
    busy: bool,
    printer: printer::Choice,
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<OfficeFile, PrintError>),
    County(String),
    Province(String),
    DocumentPaper(Option<Paper>),
    ReceiptPaper(Option<Paper>),
    ChooseEmblem,
    EmblemChosen(Option<PathBuf>),
    EmblemChecked(Result<PathBuf, PrintError>),
    RemoveEmblem,
    Save,
    Saved(Result<OfficeFile, PrintError>),
    Printer(printer::Message),
}

/// Reads `office.toml` and lists the printers, off the UI thread.
pub fn load(data_dir: PathBuf) -> Task<Message> {
    let printers = printer::load(data_dir.clone()).map(Message::Printer);
    let office = Task::perform(async move { OfficeFile::read(&data_dir).map_err(PrintError::from) }, Message::Loaded);
    Task::batch([office, printers])
}

impl Form {
    pub fn update(&mut self, message: Message, data_dir: &Path) -> Task<Message> {
        self.saved &= matches!(message, Message::Loaded(_) | Message::Saved(_));
        match message {
            Message::Printer(message) => return self.printer.update(message, data_dir.to_path_buf()).map(Message::Printer),
            Message::Loaded(Ok(file)) => self.file = file,
            Message::Loaded(Err(error)) | Message::EmblemChecked(Err(error)) => self.error = Some(error),
            Message::County(county) => self.file.county = county,
            Message::Province(province) => self.file.province = province,
            Message::DocumentPaper(paper) => self.file.document_paper = paper,
            Message::ReceiptPaper(paper) => self.file.receipt_paper = paper,
            Message::ChooseEmblem => {
                let dialog = rfd::AsyncFileDialog::new().add_filter("PNG, JPEG", &["png", "jpg", "jpeg"]).pick_file();
                return Task::perform(async move { dialog.await.map(|f| f.path().to_path_buf()) }, Message::EmblemChosen);
            }
            Message::EmblemChosen(None) => {}
            Message::EmblemChosen(Some(path)) => {
                return Task::perform(async move { check_emblem(&path).map(|()| path) }, Message::EmblemChecked);
            }
            Message::EmblemChecked(Ok(path)) => {
                self.error = None;
                self.chosen = Some(path);
            }
            Message::RemoveEmblem => {
                self.chosen = None;
                self.file.emblem = None;
            }
            Message::Save => {
                self.busy = true;
                let (file, chosen, dir) = (self.file.clone(), self.chosen.clone(), data_dir.to_path_buf());
                return Task::perform(async move { save(file, chosen.as_deref(), &dir) }, Message::Saved);
            }
            Message::Saved(result) => {
                self.busy = false;
                match result {
                    Ok(file) => {
                        (self.file, self.chosen, self.error, self.saved) = (file, None, None, true);
                    }
                    Err(error) => self.error = Some(error),
                }
            }
        }
        Task::none()
    }

    pub fn view<'a>(&'a self, loc: &'a Localizer) -> Vec<Element<'a, Message>> {
        let language = loc.language();
        let field = |label: &'static str, value: &'a str, on_input: fn(String) -> Message| {
            let input = rtl::input(language, &loc.text(label, &[]), value)
                .id(iced::widget::Id::new(label))
                .on_input(on_input)
                .on_submit(Message::Save);
            vec![rtl::line(language, loc.text(label, &[]), 14.0), input.width(Length::Fill).into()]
        };
        let mut items = field("gui-settings-county", &self.file.county, Message::County);
        items.extend(field("gui-settings-province", &self.file.province, Message::Province));
        items.push(rtl::line(language, loc.text("gui-settings-emblem", &[]), 14.0));
        items.push(self.emblem_row(loc));
        items.push(rtl::line(language, loc.text("gui-settings-document-paper", &[]), 14.0));
        items.push(paper_choice(self.file.document_paper, Message::DocumentPaper, loc));
        items.push(rtl::line(language, loc.text("gui-settings-receipt-paper", &[]), 14.0));
        items.push(paper_choice(self.file.receipt_paper, Message::ReceiptPaper, loc));
        if let Some(error) = &self.error {
            items.push(rtl::error(language, &error.message(loc, rtl::ltr)));
        }
        let save = button(rtl::label(language, loc.text("gui-settings-printing-save", &[]), 15.0))
            .style(button::primary)
            .on_press_maybe((!self.busy).then_some(Message::Save));
        items.push(container(save).width(Length::Fill).align_x(rtl::start(language)).into());
        if self.saved {
            items.push(rtl::line(language, loc.text("gui-settings-printing-saved", &[]), 14.0));
        }
        items.extend(self.printer.view(loc).into_iter().map(|item| item.map(Message::Printer)));
        items
    }

    fn emblem_row<'a>(&'a self, loc: &'a Localizer) -> Element<'a, Message> {
        let language = loc.language();
        let shown = match (&self.chosen, &self.file.emblem) {
            (Some(path), _) => Some(path.display().to_string()),
            (None, Some(name)) => Some(name.clone()),
            (None, None) => None,
        };
        let name = shown.as_ref().map_or_else(
            || loc.text("gui-settings-emblem-none", &[]),
            |path| loc.text("gui-settings-emblem-file", &[("path", Arg::Path(path))]),
        );
        let choose = button(rtl::label(language, loc.text("gui-settings-emblem-choose", &[]), 14.0))
            .style(button::secondary)
            .on_press(Message::ChooseEmblem);
        let mut row = vec![rtl::label(language, name, 14.0), choose.into()];
        if shown.is_some() {
            let remove = button(rtl::label(language, loc.text("gui-settings-emblem-remove", &[]), 14.0))
                .style(button::secondary)
                .on_press(Message::RemoveEmblem);
            row.push(remove.into());
        }
        container(rtl::row(language, row).spacing(10).align_y(iced::Alignment::Center))
            .width(Length::Fill)
            .align_x(rtl::start(language))
            .into()
    }
}

/// "As the template says", A4, A5: the chosen one filled.
fn paper_choice(current: Option<Paper>, message: fn(Option<Paper>) -> Message, loc: &Localizer) -> Element<'_, Message> {
    let language = loc.language();
    let choices = std::iter::once(None).chain(Paper::ALL.map(Some)).map(|choice| {
        let label = choice.map_or_else(|| loc.text("gui-settings-paper-template", &[]), |p| p.key().to_owned());
        let style = if choice == current { button::primary } else { button::secondary };
        button(rtl::label(language, label, 14.0)).style(style).on_press(message(choice)).into()
    });
    container(rtl::row(language, choices.collect()).spacing(8)).width(Length::Fill).align_x(rtl::start(language)).into()
}

/// Copies a newly chosen emblem into the data folder, then writes `office.toml`; the file as saved.
fn save(mut file: OfficeFile, chosen: Option<&Path>, data_dir: &Path) -> Result<OfficeFile, PrintError> {
    if let Some(source) = chosen {
        check_emblem(source)?;
        let extension = source.extension().map_or_else(|| "png".to_owned(), |e| e.to_string_lossy().to_lowercase());
        let name = format!("{EMBLEM_NAME}.{extension}");
        let failed =
            |e: std::io::Error| crate::print::OfficeFileError::Unwritable { path: data_dir.join(&name), detail: e.to_string() };
        let partial = data_dir.join(format!("{name}.partial"));
        std::fs::copy(source, &partial).map_err(failed)?;
        std::fs::rename(&partial, data_dir.join(&name)).map_err(failed)?;
        file.emblem = Some(name);
    }
    file.write(data_dir)?;
    Ok(OfficeFile::read(data_dir)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saving_copies_the_chosen_emblem_into_the_data_folder_and_names_it() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let source = dir.path().join("نشان اداره.PNG");
        std::fs::write(&source, crate::print::image::tests::disc_png(32)).unwrap_or_else(|e| panic!("{e}"));
        let data = dir.path().join("data");
        std::fs::create_dir(&data).unwrap_or_else(|e| panic!("{e}"));
        let file = OfficeFile { county: " تاکستان ".into(), receipt_paper: Some(Paper::A5), ..OfficeFile::default() };
        let saved = save(file, Some(&source), &data).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(saved.emblem.as_deref(), Some("emblem.png"));
        assert_eq!((saved.county.as_str(), saved.receipt_paper), ("تاکستان", Some(Paper::A5)));
        assert!(check_emblem(&data.join("emblem.png")).is_ok());
    }

    #[test]
    fn a_file_that_is_no_image_is_refused_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let source = dir.path().join("letter.png");
        std::fs::write(&source, "not an image").unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(save(OfficeFile::default(), Some(&source), dir.path()), Err(PrintError::Emblem { .. })));
        assert!(!dir.path().join("office.toml").exists() && !dir.path().join("emblem.png").exists());
    }
}
