//! The application root: opens the store off the UI thread, keeps the acting user, switches
//! screens and shows errors from tasks. Screens never switch themselves: they return an `Action`.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::office;
use crate::ui::widget::{FocusScope, button};
use iced::widget::{Column, column, container, rule, text};
use iced::{Element, Font, Length, Subscription, Task};

use crate::domain::catalog::Catalog;
use crate::domain::role::Action as RoleAction;
use crate::domain::tracking::TrackingCode;
use crate::i18n::{Language, Localizer};
use crate::office::accounts::Created;
use crate::store::settings::{DEFAULT_IDLE_LOCK_MINUTES, Settings, load_settings};
use crate::store::{Database, StoreError};
use crate::ui::screens::{self, Session, case, counter, first_run, login, new_case, recovery, settings, sync};
use crate::ui::{keys, rtl, sync_runner};

use crate::fonts::{VAZIRMATN_BOLD, VAZIRMATN_REGULAR as VAZIRMATN};

pub(super) struct App {
    catalog: Arc<Catalog>,
    localizer: Localizer,
    data_dir: PathBuf,
    /// Set once the store is open and an account logged in.
    session: Option<Session>,
    /// A store that is open but has no administrator yet (first run asks for one).
    unclaimed: Option<Arc<Database>>,
    /// When the logged-in account last pressed a key or a mouse button, and how long the window
    /// waits after that before it locks.
    idle: Idle,
    screen: Screen,
    error: Option<StoreError>,
    /// Told once when the store opened: an older version's write-ahead log was replayed into it.
    replayed_log: Option<crate::store::LegacyLogReplay>,
    /// Told once when the store opened: it was of an older schema, and where its copy was kept.
    migrated: Option<crate::store::Migration>,
    /// The report of the last run's crash, shown once.
    crash_report: Option<PathBuf>,
    catalog_screen: screens::catalog::State,
    /// Sync with the hub, in the background and on demand, whatever screen is open.
    sync: sync_runner::Runner,
    /// The USB sync file the window was opened with (`bakhshyar FILE`): chosen for import on the
    /// sync screen when an administrator logs in.
    import_file: Option<PathBuf>,
    /// Where the side bar or a shortcut was leaving a filled new-case form for, while the form
    /// asks whether to throw it away.
    leaving_to: Option<Nav>,
}

enum Screen {
    Opening,
    FirstRun(first_run::State),
    Login(login::State),
    Recovery(recovery::State),
    Counter(counter::State),
    NewCase(new_case::State),
    Case(case::State),
    Catalog,
    Settings(settings::State),
    Sync(sync::State),
}

/// The screens of the side bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Nav {
    Counter,
    NewCase,
    Catalog,
    Settings,
    Sync,
}

#[derive(Debug, Clone)]
pub(super) enum Message {
    Opened(Result<Opened, StoreError>),
    /// The restore's own failure, if any, and the store opened again either way.
    Restored(Option<StoreError>, Result<Opened, StoreError>),
    FirstRun(first_run::Message),
    Login(login::Message),
    Recovery(recovery::Message),
    /// Lock the window (or switch the account): back to the login screen.
    Lock,
    /// A key or mouse button pressed: the account is at the window.
    Activity,
    /// The idle timer's tick, with the time it fired.
    IdleTick(Instant),
    Counter(counter::Message),
    NewCase(new_case::Message),
    Case(case::Message),
    Catalog(screens::catalog::Message),
    Settings(settings::Message),
    Sync(sync::Message),
    SyncRun(sync_runner::Message),
    /// The office's settings (the hub address), read once the store is open.
    SettingsLoaded(Result<Settings, StoreError>),
    /// The newest catalogue version the governorate sent down, if the store holds one.
    CatalogLoaded(Result<Option<Arc<Catalog>>, StoreError>),
    Go(Nav),
    /// Open the store again after it could not be opened (another program held it, say).
    Retry,
    Key(keys::Shortcut),
    DismissError,
}

/// What opening the data folder found.
#[derive(Debug, Clone)]
pub(super) enum Opened {
    /// A store with its administrator: the login screen.
    Ready(Arc<Database>),
    /// A store from before accounts, with no administrator yet: the first run asks for one.
    NoAdministrator(Arc<Database>),
    NoDatabase,
    /// The first run made the administrator: its recovery code, shown once.
    Created(Arc<Database>, Created),
}

/// The idle lock: the window locks after `minutes` without a key or mouse button pressed.
#[derive(Debug, Clone, Copy)]
pub(super) struct Idle {
    last: Instant,
    minutes: u32,
}

impl Idle {
    fn expired(self, now: Instant) -> bool {
        now.saturating_duration_since(self.last) >= Duration::from_secs(u64::from(self.minutes) * 60)
    }
}

/// Opens the window on a catalogue that has passed its checks, with the store in `data_dir`;
/// `import_file`, if given, waits on the sync screen for the administrator to confirm it.
pub fn run(catalog: Catalog, language: Language, data_dir: PathBuf, import_file: Option<PathBuf>) -> Result<(), RunError> {
    if cfg!(target_os = "linux") && std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        return Err(RunError::NoDisplay);
    }
    let boot = move || {
        // Installed once the display is open: a display that cannot be opened is an error to
        // report now (below), not a crash to report at the next start.
        crate::ui::crash::install(&data_dir);
        let dir = data_dir.clone();
        let app = App::new(catalog.clone(), language, data_dir.clone()).with_import_file(import_file.clone());
        (app, Task::perform(async move { open_store(&dir) }, Message::Opened))
    };
    let application = iced::application(boot, update, view)
        .title(|app: &App| app.localizer.text("app-name", &[]))
        .subscription(subscription)
        .font(VAZIRMATN)
        .font(VAZIRMATN_BOLD)
        .default_font(Font::with_name("Vazirmatn"))
        // Without multisampling: iced resolves a canvas's multisampled triangles into a texture
        // and lays that whole texture over the window, and on wgpu's OpenGL backend (Mesa's
        // llvmpipe, and older office graphics) the resolve is clipped to the last drawing's
        // scissor, so the rest of the texture keeps earlier screens' drawings (issue 18: the
        // workflow left over the counter, the week's bar missing). The bars need no smoothing.
        .antialiasing(false)
        .window_size((1366.0, 740.0));
    // iced panics when the display it was given cannot be opened; that is an error to report, not a crash.
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| application.run())) {
        Ok(result) => result.map_err(|e| RunError::Window(e.to_string())),
        Err(_) => match crate::ui::crash::written() {
            Some(report) => Err(RunError::Crashed(report)),
            None => Err(RunError::Window("the display could not be opened".into())),
        },
    }
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RunError {
    #[error("no display: set DISPLAY or WAYLAND_DISPLAY, or use a subcommand")]
    NoDisplay,
    #[error("the window could not be opened: {0}")]
    Window(String),
    /// The window stopped on a fault of the program; the report is at the path.
    #[error("the window stopped on a fault; report: {0}")]
    Crashed(PathBuf),
}

impl App {
    /// The window as it opens: the store is being opened in a task.
    pub(super) fn new(catalog: Catalog, language: Language, data_dir: PathBuf) -> Self {
        let catalog_screen = screens::catalog::State::new(&catalog, language);
        let crash_report = crate::ui::crash::take_unseen(&data_dir);
        Self {
            catalog: Arc::new(catalog),
            localizer: Localizer::new(language, true),
            data_dir,
            session: None,
            unclaimed: None,
            idle: Idle { last: Instant::now(), minutes: DEFAULT_IDLE_LOCK_MINUTES },
            screen: Screen::Opening,
            error: None,
            replayed_log: None,
            migrated: None,
            crash_report,
            catalog_screen,
            sync: sync_runner::Runner::default(),
            import_file: None,
            leaving_to: None,
        }
    }

    pub(super) fn with_import_file(mut self, file: Option<PathBuf>) -> Self {
        self.import_file = file;
        self
    }

    /// The catalogue screen, which needs no store: the UI benchmark's first frame.
    #[cfg(feature = "store")]
    pub(super) fn showing_catalog(mut self) -> Self {
        self.screen = Screen::Catalog;
        self
    }
}

/// Runs in a task: the store, today's automatic backup, and whether it has its administrator (the
/// window's one user from before accounts becomes an account first).
fn open_store(dir: &std::path::Path) -> Result<Opened, StoreError> {
    let db = match Database::open(dir) {
        Ok(db) => Arc::new(db),
        Err(StoreError::Missing(_)) => return Ok(Opened::NoDatabase),
        Err(error) => return Err(error),
    };
    // A failed backup must not keep the office from working; it is logged and retried tomorrow.
    if let Err(error) = office::records::daily_backup(&db, dir, chrono::Utc::now()) {
        tracing::warn!(%error, "daily backup failed");
    }
    office::accounts::adopt_legacy_user(&db, dir, chrono::Utc::now())?;
    Ok(if office::accounts::has_administrator(&db)? { Opened::Ready(db) } else { Opened::NoAdministrator(db) })
}

/// What the first run makes: the database (unless one is open already) and its administrator.
struct FirstRun {
    district: Option<(String, String)>,
    administrator: String,
    password: String,
    existing: Option<Arc<Database>>,
}

/// Runs in a task: the first run's database and administrator, and the recovery code.
fn create_store(dir: &std::path::Path, first: FirstRun) -> Result<Opened, StoreError> {
    let db = match (first.existing, first.district) {
        (Some(db), _) => db,
        (None, Some((code, name))) => Arc::new(Database::create(dir, &code, &name)?),
        (None, None) => Arc::new(Database::open(dir)?),
    };
    let created = office::accounts::create_administrator(&db, &first.administrator, &first.password, chrono::Utc::now())?;
    Ok(Opened::Created(db, created))
}

fn update(app: &mut App, message: Message) -> Task<Message> {
    match message {
        Message::Opened(result) => opened(app, result),
        Message::Restored(failure, result) => {
            let task = opened(app, result);
            app.error = failure.or(app.error.take());
            task
        }
        Message::DismissError => {
            app.error = None;
            app.replayed_log = None;
            app.migrated = None;
            app.crash_report = None;
            Task::none()
        }
        Message::Go(nav) => go(app, nav),
        Message::Retry => {
            app.error = None;
            let dir = app.data_dir.clone();
            Task::perform(async move { open_store(&dir) }, Message::Opened)
        }
        Message::Key(shortcut) => key(app, shortcut),
        Message::Catalog(message) => {
            app.catalog_screen.update(&app.catalog, app.localizer.language(), message);
            Task::none()
        }
        Message::FirstRun(message) => first_run_message(app, message),
        Message::Login(message) => login_message(app, message),
        Message::Recovery(message) => recovery_message(app, message),
        Message::Lock => lock(app),
        Message::Activity => {
            app.idle.last = Instant::now();
            Task::none()
        }
        Message::IdleTick(now) => {
            if app.session.is_some() && app.idle.expired(now) {
                lock(app)
            } else {
                Task::none()
            }
        }
        Message::SettingsLoaded(Ok(settings)) => {
            app.idle.minutes = settings.idle_lock_minutes();
            app.sync.set_hub(settings.hub);
            Task::none()
        }
        Message::CatalogLoaded(Ok(Some(catalog))) => {
            take_catalog(app, catalog);
            Task::none()
        }
        Message::CatalogLoaded(Ok(None)) => Task::none(),
        Message::SettingsLoaded(Err(error)) | Message::CatalogLoaded(Err(error)) => fail(app, error),
        Message::SyncRun(message) => sync_run(app, message),
        message => screen_message(app, message),
    }
}

/// The store is open (or not there): the login, or the first run.
fn opened(app: &mut App, result: Result<Opened, StoreError>) -> Task<Message> {
    match result {
        Ok(Opened::Ready(db)) => {
            app.unclaimed = None;
            app.replayed_log = db.legacy_log();
            app.migrated = db.migrated().cloned();
            let dir = app.data_dir.clone();
            let settings = Task::perform(async move { load_settings(&dir) }, Message::SettingsLoaded);
            Task::batch([show_login(app, db, None), settings])
        }
        Ok(Opened::NoAdministrator(db)) => {
            app.migrated = db.migrated().cloned();
            app.unclaimed = Some(db);
            app.screen = Screen::FirstRun(first_run::State::new(&app.data_dir, false));
            Task::none()
        }
        Ok(Opened::NoDatabase) => {
            app.screen = Screen::FirstRun(first_run::State::new(&app.data_dir, true));
            Task::none()
        }
        Ok(Opened::Created(db, created)) => {
            app.unclaimed = None;
            app.screen = Screen::Recovery(recovery::State::new(db, created));
            Task::none()
        }
        Err(error) => {
            if let Screen::FirstRun(state) = &mut app.screen {
                state.failed();
            }
            app.error = Some(error);
            Task::none()
        }
    }
}

fn show_login(app: &mut App, db: Arc<Database>, account: Option<String>) -> Task<Message> {
    let (state, task) = login::State::new(db, account);
    app.screen = Screen::Login(state);
    task.map(Message::Login)
}

/// Locks the window: the session ends, and the login screen waits with its account chosen.
fn lock(app: &mut App) -> Task<Message> {
    let Some(session) = app.session.take() else { return Task::none() };
    app.error = None;
    show_login(app, session.store, Some(session.actor.name))
}

fn login_message(app: &mut App, message: login::Message) -> Task<Message> {
    let Screen::Login(state) = &mut app.screen else { return Task::none() };
    match state.update(message, &app.localizer) {
        login::Action::None => Task::none(),
        login::Action::Run(task) => task.map(Message::Login),
        login::Action::SwitchLanguage => {
            set_language(app, app.localizer.language().other());
            Task::none()
        }
        login::Action::Recovered(created) => {
            let db = state.store().clone();
            app.screen = Screen::Recovery(recovery::State::new(db, created));
            Task::none()
        }
        login::Action::LoggedIn(actor) => {
            let store = state.store().clone();
            app.session = Some(Session { store, catalog: app.catalog.clone(), actor });
            app.idle.last = Instant::now();
            let catalog = app.session.as_ref().map_or_else(Task::none, load_catalog);
            Task::batch([first_screen(app), catalog])
        }
    }
}

fn recovery_message(app: &mut App, message: recovery::Message) -> Task<Message> {
    let Screen::Recovery(state) = &mut app.screen else { return Task::none() };
    match state.update(message, &app.localizer) {
        recovery::Action::None => Task::none(),
        recovery::Action::Run(task) => task.map(Message::Recovery),
        recovery::Action::Done => {
            let db = state.store().clone();
            show_login(app, db, None)
        }
    }
}

fn first_run_message(app: &mut App, message: first_run::Message) -> Task<Message> {
    let Screen::FirstRun(state) = &mut app.screen else { return Task::none() };
    match state.update(message, &app.localizer) {
        first_run::Action::None => Task::none(),
        first_run::Action::SwitchLanguage => {
            set_language(app, app.localizer.language().other());
            Task::none()
        }
        first_run::Action::Create { dir, district, administrator, password } => {
            app.data_dir.clone_from(&dir);
            let first = FirstRun { district, administrator, password, existing: app.unclaimed.clone() };
            Task::perform(async move { create_store(&dir, first) }, Message::Opened)
        }
    }
}

/// The counter after a login; the sync screen with the file the window was opened with, for the
/// first administrator who logs in (a clerk may not import: the file waits).
fn first_screen(app: &mut App) -> Task<Message> {
    let may_import = app.session.as_ref().is_some_and(|s| s.actor.role.may(RoleAction::ManageSync));
    let Some(file) = app.import_file.take_if(|_| may_import) else { return go(app, Nav::Counter) };
    let task = go(app, Nav::Sync);
    if let Screen::Sync(state) = &mut app.screen {
        state.choose(file);
    }
    task
}

/// Opens a screen from the side bar or a shortcut; a filled new-case form asks first.
fn go(app: &mut App, nav: Nav) -> Task<Message> {
    if let Screen::NewCase(form) = &mut app.screen
        && form.ask_before_leaving()
    {
        app.leaving_to = Some(nav);
        return Task::none();
    }
    open_screen(app, nav)
}

fn open_screen(app: &mut App, nav: Nav) -> Task<Message> {
    let Some(session) = &app.session else { return Task::none() };
    app.error = None;
    match nav {
        Nav::Counter => {
            let (state, task) = counter::State::new(session);
            app.screen = Screen::Counter(state);
            task.map(Message::Counter)
        }
        Nav::NewCase => {
            app.screen = Screen::NewCase(new_case::State::default());
            iced::widget::operation::focus(iced::widget::Id::new(new_case::SERVICE_ID))
        }
        Nav::Catalog => {
            app.screen = Screen::Catalog;
            Task::none()
        }
        Nav::Settings => {
            let (state, task) = settings::State::new(&app.data_dir, session);
            app.screen = Screen::Settings(state);
            task.map(Message::Settings)
        }
        Nav::Sync => {
            let (state, task) = sync::State::new(session, &app.data_dir, app.sync.hub());
            app.screen = Screen::Sync(state);
            task.map(Message::Sync)
        }
    }
}

fn key(app: &mut App, shortcut: keys::Shortcut) -> Task<Message> {
    let may_open = app.session.as_ref().is_some_and(|s| s.actor.role.may(RoleAction::OpenCase));
    match shortcut {
        keys::Shortcut::NewCase if may_open => go(app, Nav::NewCase),
        keys::Shortcut::Search if app.session.is_some() => {
            let to_counter = if matches!(app.screen, Screen::Counter(_)) { Task::none() } else { go(app, Nav::Counter) };
            to_counter.chain(iced::widget::operation::focus(iced::widget::Id::new(counter::SEARCH_ID)))
        }
        keys::Shortcut::Escape => match app.screen {
            // A filled form asks before it is thrown away.
            Screen::NewCase(_) => screen_message(app, Message::NewCase(new_case::Message::Cancel)),
            // Esc empties the search box; on settings it answers «no» to restoring a backup.
            Screen::Counter(_) => screen_message(app, Message::Counter(counter::Message::Query(String::new()))),
            Screen::Settings(_) => screen_message(app, Message::Settings(settings::Message::CancelRestore)),
            // On a case it closes the issue or revocation form.
            Screen::Case(_) => screen_message(app, Message::Case(case::Message::Cancel)),
            _ => Task::none(),
        },
        _ => Task::none(),
    }
}

fn open_case(app: &mut App, code: TrackingCode) -> Task<Message> {
    let Some(session) = &app.session else { return Task::none() };
    let (state, task) = case::State::new(code, session);
    app.screen = Screen::Case(state);
    task.map(Message::Case)
}

/// Messages of the working screens, which need the session.
fn screen_message(app: &mut App, message: Message) -> Task<Message> {
    let Some(session) = app.session.clone() else { return Task::none() };
    let language = app.localizer.language();
    match (&mut app.screen, message) {
        (Screen::Counter(state), Message::Counter(m)) => match state.update(m, &session) {
            counter::Action::None => Task::none(),
            counter::Action::Run(task) => task.map(Message::Counter),
            counter::Action::OpenCase(code) => open_case(app, code),
            counter::Action::Failed(error) => fail(app, error),
        },
        (Screen::NewCase(state), Message::NewCase(m)) => match state.update(m, &session, &app.localizer) {
            new_case::Action::None if !state.asking() => {
                app.leaving_to = None;
                Task::none()
            }
            new_case::Action::None => Task::none(),
            new_case::Action::Run(task) => task.map(Message::NewCase),
            new_case::Action::Cancel => {
                let to = app.leaving_to.take().unwrap_or(Nav::Counter);
                open_screen(app, to)
            }
            new_case::Action::OpenCase(code) => open_case(app, code),
            new_case::Action::Failed(error) => fail(app, error),
        },
        (Screen::Case(state), Message::Case(m)) => match state.update(m, &session, language) {
            case::Action::None => Task::none(),
            case::Action::Run(task) => task.map(Message::Case),
            case::Action::Failed(error) => fail(app, error),
        },
        (Screen::Settings(state), Message::Settings(m)) => match state.update(m, &session, &app.localizer) {
            settings::Action::None => Task::none(),
            settings::Action::Run(task) => task.map(Message::Settings),
            settings::Action::SetLanguage(language) => {
                set_language(app, language);
                Task::none()
            }
            settings::Action::Restore(file) => restore(app, file),
            settings::Action::SetIdleLock(minutes) => {
                app.idle.minutes = minutes;
                Task::none()
            }
            settings::Action::Failed(error) => fail(app, error),
        },
        (Screen::Sync(state), Message::Sync(m)) => match state.update(m, &session) {
            sync::Action::None => Task::none(),
            sync::Action::Run(task) => task.map(Message::Sync),
            sync::Action::SyncNow => app
                .sync
                .start(&session.store, &session.catalog)
                .map_or_else(Task::none, |job| sync_runner::task(job).map(Message::SyncRun)),
            sync::Action::Cancel => {
                app.sync.cancel();
                Task::none()
            }
            sync::Action::SetHub(hub) => {
                app.sync.set_hub(Some(hub));
                Task::none()
            }
            sync::Action::Failed(error) => fail(app, error),
        },
        // A late answer for a screen that has been left.
        _ => Task::none(),
    }
}

/// The background timer and the run's progress; a finished run reloads what shows its effects.
fn sync_run(app: &mut App, message: sync_runner::Message) -> Task<Message> {
    let Some(session) = app.session.clone() else { return Task::none() };
    match app.sync.update(message, &session.store, &session.catalog) {
        sync_runner::Step::None => Task::none(),
        sync_runner::Step::Run(job) => sync_runner::task(job).map(Message::SyncRun),
        sync_runner::Step::Finished(outcome) => {
            // A catalogue version may have come down: new cases follow it without a restart.
            let catalog = if outcome.is_some() { load_catalog(&session) } else { Task::none() };
            let changed = outcome.is_some_and(|o| o.changed_cases());
            let reload = match &mut app.screen {
                Screen::Sync(_) => sync::State::reload(&session).map(Message::Sync),
                Screen::Counter(state) if changed => state.reload(&session).map(Message::Counter),
                Screen::Case(state) if changed => {
                    let code = state.code().clone();
                    open_case(app, code)
                }
                _ => Task::none(),
            };
            Task::batch([reload, catalog])
        }
    }
}

/// Reads the active catalogue version off the UI thread.
fn load_catalog(session: &Session) -> Task<Message> {
    let db = session.store.clone();
    Task::perform(async move { db.active_catalog().map(|c| c.map(Arc::new)) }, Message::CatalogLoaded)
}

/// From now on new cases open under `catalog`; open cases keep the version they were opened
/// under, which the store resolves itself.
fn take_catalog(app: &mut App, catalog: Arc<Catalog>) {
    if catalog.version == app.catalog.version {
        return;
    }
    tracing::info!(version = %catalog.version, "catalogue version taken");
    app.catalog_screen = screens::catalog::State::new(&catalog, app.localizer.language());
    if let Some(session) = &mut app.session {
        session.catalog = catalog.clone();
    }
    app.catalog = catalog;
}

fn subscription(app: &App) -> Subscription<Message> {
    let mut subscriptions = vec![keys::shortcuts().map(Message::Key)];
    if app.session.is_some() && app.sync.wants_ticks() {
        subscriptions.push(sync_runner::ticks().map(Message::SyncRun));
    }
    if app.session.is_some() {
        subscriptions.push(iced::event::listen_with(activity).map(|()| Message::Activity));
        subscriptions.push(idle_ticks().map(Message::IdleTick));
    }
    if matches!(app.screen, Screen::Login(_)) {
        subscriptions.push(iced::event::listen_with(login::caps_lock).map(|on| Message::Login(login::Message::CapsLock(on))));
    }
    Subscription::batch(subscriptions)
}

/// A key or mouse button pressed, whatever widget takes it.
#[allow(clippy::needless_pass_by_value)] // the signature `event::listen_with` takes
fn activity(event: iced::Event, _status: iced::event::Status, _window: iced::window::Id) -> Option<()> {
    use iced::{keyboard, mouse};
    matches!(
        event,
        iced::Event::Keyboard(keyboard::Event::KeyPressed { .. }) | iced::Event::Mouse(mouse::Event::ButtonPressed(_))
    )
    .then_some(())
}

/// How often the idle lock looks at the clock.
const IDLE_TICK: Duration = Duration::from_secs(15);

fn idle_ticks() -> Subscription<Instant> {
    Subscription::run(idle_tick_stream)
}

fn idle_tick_stream() -> iced::futures::channel::mpsc::UnboundedReceiver<Instant> {
    sync_runner::every(IDLE_TICK)
}

fn fail(app: &mut App, error: StoreError) -> Task<Message> {
    tracing::warn!(%error, "task failed");
    app.error = Some(error);
    Task::none()
}

fn set_language(app: &mut App, language: Language) {
    app.localizer = Localizer::new(language, true);
    app.catalog_screen.set_language(&app.catalog, language);
    if let Screen::Case(state) = &mut app.screen {
        state.set_language(language);
    }
}

/// Closes the store (redb holds the file), restores the backup, and opens the store again.
fn restore(app: &mut App, file: PathBuf) -> Task<Message> {
    app.sync.cancel();
    let actor = app.session.take().map(|session| session.actor);
    app.screen = Screen::Opening;
    let dir = app.data_dir.clone();
    Task::perform(
        async move {
            let failure = office::records::restore(&dir, &file, actor.as_ref(), chrono::Utc::now(), None).err();
            (failure, open_store(&dir))
        },
        |(failure, opened)| Message::Restored(failure, opened),
    )
}

pub(super) fn view(app: &App) -> Element<'_, Message> {
    let language = app.localizer.language();
    let loc = &app.localizer;
    let mut body: Vec<Element<'_, Message>> = Vec::new();
    if let Some(error) = &app.error {
        body.push(banner(loc, rtl::error(language, &loc.store_error(error))));
    }
    if let Some(report) = &app.crash_report {
        let path = crate::i18n::Arg::Path(&report.display().to_string());
        body.push(banner(loc, rtl::line(language, loc.text("gui-app-crash-report", &[("path", path)]), 14.0)));
    }
    if let Some(replay) = app.replayed_log {
        let count = crate::i18n::Arg::Number(i64::try_from(replay.commits).unwrap_or(i64::MAX));
        body.push(banner(loc, rtl::line(language, loc.text("store-legacy-log-replayed", &[("count", count)]), 14.0)));
    }
    if let Some(migration) = &app.migrated {
        let (from, copy) = (i64::from(migration.from), migration.copy.display().to_string());
        let args = [("from", crate::i18n::Arg::Number(from)), ("copy", crate::i18n::Arg::Path(&copy))];
        body.push(banner(loc, rtl::line(language, loc.text("store-migrated", &args), 14.0)));
    }
    body.push(screen(app));
    let body = Column::with_children(body).spacing(8).width(Length::Fill).height(Length::Fill);
    let window: Element<'_, Message> = match &app.session {
        Some(session) => {
            let bar = side_bar(app, session);
            rtl::row(language, vec![bar, rule::vertical(1).into(), body.into()]).spacing(12).padding(12).into()
        }
        None => container(body).padding(12).into(),
    };
    FocusScope::new(window, language.is_rtl()).into()
}

/// A line across the top of the window with its close button; closing clears every such line.
fn banner<'a>(loc: &Localizer, line: Element<'a, Message>) -> Element<'a, Message> {
    let dismiss =
        button(text(loc.text("gui-app-dismiss", &[])).size(13)).style(button::secondary).on_press(Message::DismissError);
    container(rtl::row(loc.language(), vec![line, dismiss.into()]).spacing(8)).padding(8).style(container::bordered_box).into()
}

fn screen(app: &App) -> Element<'_, Message> {
    let loc = &app.localizer;
    let session = app.session.as_ref();
    match (&app.screen, session) {
        (Screen::FirstRun(state), _) => state.view(loc).map(Message::FirstRun),
        (Screen::Login(state), _) => state.view(loc).map(Message::Login),
        (Screen::Recovery(state), _) => state.view(loc).map(Message::Recovery),
        (Screen::Counter(state), Some(s)) => state.view(s, loc).map(Message::Counter),
        (Screen::NewCase(state), Some(s)) => state.view(s, loc).map(Message::NewCase),
        (Screen::Case(state), Some(s)) => state.view(s, loc).map(Message::Case),
        (Screen::Catalog, _) => app.catalog_screen.view(&app.catalog, loc).map(Message::Catalog),
        (Screen::Settings(state), Some(s)) => state.view(s, &app.data_dir, loc).map(Message::Settings),
        (Screen::Sync(state), Some(s)) => state.view(&app.sync, s.actor.role, loc).map(Message::Sync),
        (Screen::Opening, _) if app.error.is_some() => {
            let retry = button(text(loc.text("gui-app-retry", &[])).size(15)).on_press(Message::Retry);
            container(retry).width(Length::Fill).align_x(rtl::start(loc.language())).into()
        }
        _ => rtl::line(loc.language(), loc.text("gui-app-opening", &[]), 16.0),
    }
}

/// The side bar: the office, the acting user, the screens (on the right in Persian).
fn side_bar<'a>(app: &'a App, session: &'a Session) -> Element<'a, Message> {
    let loc = &app.localizer;
    let language = loc.language();
    let current = match app.screen {
        Screen::Counter(_) | Screen::Case(_) => Some(Nav::Counter),
        Screen::NewCase(_) => Some(Nav::NewCase),
        Screen::Catalog => Some(Nav::Catalog),
        Screen::Settings(_) => Some(Nav::Settings),
        Screen::Sync(_) => Some(Nav::Sync),
        Screen::Opening | Screen::FirstRun(_) | Screen::Login(_) | Screen::Recovery(_) => None,
    };
    let mut navs = vec![(Nav::Counter, "gui-app-nav-counter")];
    if session.actor.role.may(RoleAction::OpenCase) {
        navs.push((Nav::NewCase, "gui-app-nav-new-case"));
    }
    navs.extend([
        (Nav::Catalog, "gui-app-nav-catalog"),
        (Nav::Settings, "gui-app-nav-settings"),
        (Nav::Sync, "gui-app-nav-sync"),
    ]);
    let role = loc.text(&format!("role-{}", session.actor.role.key()), &[]);
    let mut items = vec![
        rtl::line(language, loc.text("app-name", &[]), 22.0),
        rtl::line(language, session.store.district_name(), 14.0),
        rtl::line(language, format!("{} ({role})", session.actor.name), 13.0),
        button(rtl::line(language, loc.text("gui-app-lock", &[]), 13.0))
            .style(button::secondary)
            .width(Length::Fill)
            .on_press(Message::Lock)
            .into(),
        rule::horizontal(1).into(),
    ];
    items.extend(navs.into_iter().map(|(nav, id)| {
        let style = if current == Some(nav) { button::primary } else { button::text };
        button(rtl::line(language, loc.text(id, &[]), 16.0)).style(style).width(Length::Fill).on_press(Message::Go(nav)).into()
    }));
    items.push(column![].height(Length::Fill).into());
    items.extend(sync_status(&app.sync, loc));
    // Ctrl+N opens a case only for a role that may: the hint is not shown to the others.
    let keys = ["gui-app-key-new", "gui-app-key-search", "gui-app-key-cancel"];
    let shown = keys.iter().filter(|id| **id != "gui-app-key-new" || session.actor.role.may(RoleAction::OpenCase));
    items.extend(shown.map(|id| rtl::line(language, loc.text(id, &[]), 12.0)));
    Column::with_children(items).spacing(6).width(190).into()
}

/// A short line under the side bar's buttons: syncing, waiting for the link, or the last contact
/// (its time on a line of its own: the side bar is too narrow for both).
fn sync_status<'a>(runner: &sync_runner::Runner, loc: &Localizer) -> Option<Element<'a, Message>> {
    runner.hub()?;
    let lines = if runner.is_running() {
        vec![loc.text("gui-sync-status-running", &[])]
    } else if runner.waiting() {
        vec![loc.text("gui-sync-status-waiting", &[])]
    } else if let Some(at) = runner.last_contact() {
        vec![loc.text("gui-sync-status-last", &[]), loc.when(at)]
    } else {
        return None;
    };
    let lines = lines.into_iter().map(|line| rtl::line(loc.language(), line, 12.0));
    Some(Column::with_children(lines).spacing(2).into())
}

#[cfg(test)]
mod flows;
