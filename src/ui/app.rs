//! The application root: holds the catalogue and the language, and dispatches to screens.

use iced::widget::{button, column, container, text};
use iced::{Element, Font, Length, Task};

use crate::domain::catalog::Catalog;
use crate::i18n::{Language, Localizer};
use crate::ui::{rtl, screens};

use crate::fonts::{VAZIRMATN_BOLD, VAZIRMATN_REGULAR as VAZIRMATN};

pub(super) struct App {
    catalog: Catalog,
    localizer: Localizer,
    catalog_screen: screens::catalog::State,
}

#[derive(Debug, Clone)]
pub(super) enum Message {
    Catalog(screens::catalog::Message),
    ToggleLanguage,
    /// Tab (forward) or Shift+Tab (backward) moves the keyboard focus between inputs.
    MoveFocus {
        forward: bool,
    },
}

/// Opens the window on a catalogue that has passed its checks.
pub fn run(catalog: Catalog, language: Language) -> Result<(), RunError> {
    if cfg!(target_os = "linux") && std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        return Err(RunError::NoDisplay);
    }
    // The clerk can type a search as soon as the window opens.
    let boot = move || (App::new(catalog.clone(), language), iced::widget::operation::focus(screens::catalog::SEARCH));
    let application = iced::application(boot, update, view)
        .subscription(|_: &App| iced::keyboard::listen().filter_map(|event| tab(&event)))
        .title(|app: &App| app.localizer.text("app-name", &[]))
        .font(VAZIRMATN)
        .font(VAZIRMATN_BOLD)
        .default_font(Font::with_name("Vazirmatn"))
        .window_size((1280.0, 720.0));
    // iced panics when the display it was given cannot be opened; that is an error to report, not a crash.
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| application.run())) {
        Ok(result) => result.map_err(|e| RunError::Window(e.to_string())),
        Err(_) => Err(RunError::Window("the display could not be opened".into())),
    }
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RunError {
    #[error("no display: set DISPLAY or WAYLAND_DISPLAY, or use a subcommand")]
    NoDisplay,
    #[error("the window could not be opened: {0}")]
    Window(String),
}

impl App {
    pub(super) fn new(catalog: Catalog, language: Language) -> Self {
        let catalog_screen = screens::catalog::State::new(&catalog, language);
        Self { catalog, localizer: Localizer::new(language, true), catalog_screen }
    }
}

/// Tab keys no widget took.
fn tab(event: &iced::keyboard::Event) -> Option<Message> {
    use iced::keyboard::{Event, Key, key::Named};
    match event {
        Event::KeyPressed { key: Key::Named(Named::Tab), modifiers, .. } => {
            Some(Message::MoveFocus { forward: !modifiers.shift() })
        }
        _ => None,
    }
}

fn update(app: &mut App, message: Message) -> Task<Message> {
    match message {
        Message::Catalog(message) => app.catalog_screen.update(&app.catalog, app.localizer.language(), message),
        Message::MoveFocus { forward: true } => return iced::widget::operation::focus_next(),
        Message::MoveFocus { forward: false } => return iced::widget::operation::focus_previous(),
        Message::ToggleLanguage => {
            let next = match app.localizer.language() {
                Language::Persian => Language::English,
                Language::English => Language::Persian,
            };
            app.localizer = Localizer::new(next, true);
            app.catalog_screen.set_language(&app.catalog, next);
        }
    }
    Task::none()
}

pub(super) fn view(app: &App) -> Element<'_, Message> {
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
