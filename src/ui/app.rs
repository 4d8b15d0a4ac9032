//! The application root: holds the catalogue and the language, and dispatches to screens.

use iced::widget::{button, column, container, text};
use iced::{Element, Font, Length, Task};

use crate::catalog_data;
use crate::domain::catalog::Catalog;
use crate::i18n::{Language, Localizer};
use crate::ui::{rtl, screens};

const VAZIRMATN: &[u8] = include_bytes!("../../assets/fonts/Vazirmatn-Regular.ttf");
const VAZIRMATN_BOLD: &[u8] = include_bytes!("../../assets/fonts/Vazirmatn-Bold.ttf");

struct App {
    catalog: Catalog,
    localizer: Localizer,
    catalog_screen: screens::catalog::State,
}

#[derive(Debug, Clone)]
enum Message {
    Catalog(screens::catalog::Message),
    ToggleLanguage,
}

/// Opens the window. The catalogue is checked before: a broken one never reaches the screen.
pub fn run(language: Language) -> Result<(), RunError> {
    let catalog = catalog_data::embedded().map_err(|errors| RunError::Catalog(errors.len()))?;
    let boot = move || {
        let catalog_screen = screens::catalog::State::new(&catalog);
        (App { catalog: catalog.clone(), localizer: Localizer::new(language, true), catalog_screen }, Task::none())
    };
    iced::application(boot, update, view)
        .title(|app: &App| app.localizer.text("app-name", &[]))
        .font(VAZIRMATN)
        .font(VAZIRMATN_BOLD)
        .default_font(Font::with_name("Vazirmatn"))
        .window_size((1280.0, 720.0))
        .run()
        .map_err(|e| RunError::Window(e.to_string()))
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RunError {
    #[error("the built-in catalogue has {0} problems")]
    Catalog(usize),
    #[error("the window could not be opened: {0}")]
    Window(String),
}

fn update(app: &mut App, message: Message) {
    match message {
        Message::Catalog(message) => app.catalog_screen.update(&app.catalog, message),
        Message::ToggleLanguage => {
            let next = match app.localizer.language() {
                Language::Persian => Language::English,
                Language::English => Language::Persian,
            };
            app.localizer = Localizer::new(next, true);
        }
    }
}

fn view(app: &App) -> Element<'_, Message> {
    let language = app.localizer.language();
    let title = container(text(app.localizer.text("app-name", &[])).size(24)).align_x(rtl::start(language));
    let tagline =
        container(text(app.localizer.text("app-tagline", &[])).size(14)).width(Length::Fill).align_x(rtl::start(language));
    let switch = button(text(app.localizer.text("app-switch-language", &[])).size(14)).on_press(Message::ToggleLanguage);
    let header =
        rtl::row(language, vec![title.into(), tagline.into(), switch.into()]).spacing(16).align_y(iced::Alignment::Center);
    let screen = app.catalog_screen.view(&app.catalog, &app.localizer).map(Message::Catalog);
    container(column![header, screen].spacing(12)).padding(16).into()
}
