//! The window's main paths driven through iced's simulator, on a real store in a temporary folder,
//! mostly in Persian: clicks and typing go into the screens as in a window, the messages they send go
//! through `update`, and the tasks it returns run to completion (their messages fed back) before the
//! next step, as the runtime runs them. Shortcuts go through `keys::shortcut` as the subscription
//! would deliver them.

use std::path::PathBuf;

use iced::keyboard::key::{Code, Named, NativeCode, Physical};
use iced::keyboard::{self as kb, Key, Location, Modifiers};
use iced::widget::Id;
use iced::{Event, Point, Rectangle, Size};
use iced_test::selector::Candidate;
use iced_test::simulator::{self, Simulator};

use super::{App, Message, Nav, Screen, open_case, open_store, update, view};
use crate::domain::case::{Case, EventKind};
use crate::domain::role::{Actor, Role};
use crate::domain::tracking::TrackingCode;
use crate::domain::workflow::{NodeKind, Workflow};
use crate::i18n::{Arg, Language, digits};
use crate::office;
use crate::store::{Database, SearchQuery};
use crate::ui::keys;
use crate::ui::screens::testing::open_case as open;
use crate::ui::screens::{Session, catalog, counter, login, new_case};
use crate::ui::widget::sim::{self, Cache, Harness};

const WINDOW: Size = Size::new(1366.0, 740.0);
const RLM: char = '\u{200F}';
const LRM: char = '\u{200E}';

struct Driver {
    app: App,
    data: PathBuf,
    /// Widget operations (focus moves) the tasks asked for and no interface has run yet.
    operations: Vec<Box<dyn iced_core::widget::Operation>>,
    _dir: tempfile::TempDir,
}

const CLERK: &str = "زهرا کریمی";
const PASSWORD: &str = "گذرواژه‌ی آزمون";

fn clerk() -> Actor {
    Actor { user_id: CLERK.into(), name: CLERK.into(), role: Role::Clerk }
}

/// A district's store with its administrator and the clerk `CLERK`, both with `PASSWORD`.
fn district_with_clerk(data: &std::path::Path) -> Database {
    let db = Database::create(data, "1234", "بخش مرکزی").unwrap_or_else(|e| panic!("{e}"));
    let now = chrono::Utc::now();
    let admin = office::accounts::create_administrator(&db, "مدیر", PASSWORD, now).unwrap_or_else(|e| panic!("{e}"));
    office::accounts::add_account(&db, &admin.account.actor(), CLERK, Role::Clerk, PASSWORD, now)
        .unwrap_or_else(|e| panic!("{e}"));
    db
}

impl Driver {
    /// The window opening on a data folder with nothing in it: the first run.
    fn empty(language: Language) -> Self {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let data = dir.path().join("data");
        Self::opening(dir, data, language)
    }

    /// The window opening on a district's store with the clerk logged in: the counter.
    fn seeded(language: Language) -> Self {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let data = dir.path().to_path_buf();
        drop(district_with_clerk(&data));
        let mut driver = Self::opening(dir, data, language);
        driver.log_in(CLERK, PASSWORD);
        assert!(matches!(driver.app.screen, Screen::Counter(_)));
        driver
    }

    /// Logs `name` in through the login screen: its account clicked, the password typed, Enter.
    fn log_in(&mut self, name: &str, password: &str) {
        assert!(matches!(self.app.screen, Screen::Login(_)), "not on the login screen");
        let role = self.text("role-clerk", &[]);
        let mark = if self.app.localizer.language().is_rtl() { RLM } else { LRM };
        let row = format!("{mark}{name} ({role})");
        self.interact(|ui| {
            ui.click(row.as_str()).unwrap_or_else(|e| panic!("{row}: {e}"));
        });
        self.interact(|ui| {
            fill(ui, login::PASSWORD_ID, password);
            let _ = ui.tap_key(Named::Enter);
        });
    }

    fn opening(dir: tempfile::TempDir, data: PathBuf, language: Language) -> Self {
        let catalog = crate::catalog_data::embedded().unwrap_or_else(|e| panic!("{e:?}"));
        let app = App::new(catalog, language, data.clone());
        let mut driver = Self { app, data, operations: Vec::new(), _dir: dir };
        let opened = open_store(&driver.data);
        driver.update(Message::Opened(opened));
        driver
    }

    fn session(&self) -> Session {
        self.app.session.clone().unwrap_or_else(|| panic!("no session"))
    }

    fn text(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        self.app.localizer.text(id, args)
    }

    fn update(&mut self, message: Message) {
        let task = update(&mut self.app, message);
        self.run(task);
    }

    fn run(&mut self, task: iced::Task<Message>) {
        let Some(stream) = iced_runtime::task::into_stream(task) else { return };
        for action in iced::futures::executor::block_on_stream(stream) {
            match action {
                iced_runtime::Action::Output(message) => self.update(message),
                iced_runtime::Action::Widget(operation) => self.operations.push(operation),
                _ => {}
            }
        }
    }

    /// The screen as it is now in the simulator; what the interaction sends is then applied.
    fn interact(&mut self, steps: impl FnOnce(&mut Simulator<'_, Message>)) {
        let messages: Vec<Message> = {
            let mut ui = Simulator::with_size(sim::settings(), WINDOW, view(&self.app));
            steps(&mut ui);
            ui.into_messages().collect()
        };
        for message in messages {
            self.update(message);
        }
    }

    /// Where a text is shown exactly so, if it is on the screen.
    fn find(&self, text: &str) -> Option<Rectangle> {
        let mut ui = Simulator::with_size(sim::settings(), WINDOW, view(&self.app));
        ui.find(text).ok().map(|target| iced_test::selector::Bounded::bounds(&target))
    }

    /// A key as the shortcut subscription sees it after the focused widget had it.
    fn key(&mut self, event: Event, status: iced::event::Status) {
        if let Some(shortcut) = keys::shortcut(event, status, iced::window::Id::unique()) {
            self.update(Message::Key(shortcut));
        }
    }

    /// Presses Tab (or Shift+Tab) in the screen as it is, with the focus left by earlier
    /// operations (kept in `cache`); returns the ID of the field that has the focus afterwards.
    fn tab(&mut self, cache: &mut Cache, forward: bool) -> Option<Id> {
        let events = if forward { sim::named(Named::Tab) } else { sim::shift(Named::Tab) };
        let pressed = self.on_screen(cache, |h| {
            h.statuses(events).into_iter().find(|(e, _)| matches!(e, Event::Keyboard(kb::Event::KeyPressed { .. })))
        });
        let (event, status) = pressed.unwrap_or_else(|| panic!("no key press"));
        self.key(event, status);
        // `Harness::focused` itself names one lifetime of the harness, where any is needed.
        #[allow(clippy::redundant_closure_for_method_calls)]
        self.on_screen(cache, |h| h.focused())
    }

    /// Keys sent to the screen as it is (to the focused widget); the messages they send are applied,
    /// then the keys go on to the shortcuts.
    fn press(&mut self, cache: &mut Cache, events: Vec<Event>) {
        let (messages, statuses) = self.on_screen(cache, |h| {
            let statuses = h.statuses(events);
            (std::mem::take(&mut h.messages), statuses)
        });
        for message in messages {
            self.update(message);
        }
        for (event, status) in statuses {
            self.key(event, status);
        }
    }

    /// The screen as it is now, its widgets' state taken from `cache` and the pending operations
    /// run on it, handed to `then`; the state goes back to `cache` for the next frame.
    fn on_screen<R>(&mut self, cache: &mut Cache, then: impl FnOnce(&mut Harness<'_, Message>) -> R) -> R {
        let mut h = Harness::resume(view(&self.app), WINDOW, std::mem::take(cache));
        for operation in self.operations.drain(..) {
            h.operate(operation);
        }
        let result = then(&mut h);
        *cache = h.into_cache();
        result
    }
}

/// The direction mark `rtl::line` puts before a text in `language`.
fn mark(language: Language) -> char {
    if language.is_rtl() { RLM } else { LRM }
}

/// Ctrl with a key, by its physical place (as with the Persian layout, where Ctrl+N types «د»).
fn ctrl(code: Code, persian: &str) -> Event {
    Event::Keyboard(kb::Event::KeyPressed {
        key: Key::Character(persian.into()),
        modified_key: Key::Character(persian.into()),
        physical_key: Physical::Code(code),
        location: Location::Standard,
        modifiers: Modifiers::CTRL,
        repeat: false,
        text: None,
    })
}

fn escape() -> Event {
    Event::Keyboard(kb::Event::KeyPressed {
        key: Key::Named(Named::Escape),
        modified_key: Key::Named(Named::Escape),
        physical_key: Physical::Unidentified(NativeCode::Unidentified),
        location: Location::Standard,
        modifiers: Modifiers::empty(),
        repeat: false,
        text: None,
    })
}

/// Clicks into the field with this ID and types.
fn fill(ui: &mut Simulator<'_, Message>, id: &'static str, text: &str) {
    ui.click(Id::new(id)).unwrap_or_else(|e| panic!("{id}: {e}"));
    ui.typewrite(text);
}

/// Clicks the first text on the screen that starts so (a case row, whose end is a date).
fn click_starting(ui: &mut Simulator<'_, Message>, start: &str) {
    let start = start.to_owned();
    let bounds = ui
        .find(move |candidate: Candidate<'_>| match candidate {
            Candidate::Text { content, bounds, .. } if content.starts_with(&start) => Some(bounds),
            _ => None,
        })
        .unwrap_or_else(|e| panic!("{e}"));
    ui.point_at(Point::new(bounds.center_x(), bounds.center_y()));
    let _ = ui.simulate(simulator::click());
}

#[test]
fn the_window_opens_on_the_catalogue_version_the_governorate_sent_down() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = dir.path().to_path_buf();
    let mut files = crate::catalog_data::embedded_files();
    let (_, text) = files.iter_mut().find(|(name, _)| name != "catalog.toml").unwrap_or_else(|| panic!("no unit file"));
    *text = text.replacen("title_fa = \"", "title_fa = \"نو ", 1);
    {
        let db = district_with_clerk(&data);
        db.install_catalog(&files, chrono::Utc::now()).unwrap_or_else(|e| panic!("{e}"));
    }
    let mut driver = Driver::opening(dir, data, Language::Persian);
    driver.log_in(CLERK, PASSWORD);
    let installed = crate::catalog_data::load(files).unwrap_or_else(|e| panic!("{e:?}"));
    assert_ne!(installed.version, crate::catalog_data::embedded().unwrap_or_else(|e| panic!("{e:?}")).version);
    assert_eq!(driver.app.catalog.version, installed.version);
    assert_eq!(driver.session().catalog.version, installed.version);
    assert!(driver.app.catalog.services.iter().any(|s| s.title_fa.starts_with("نو ")));
}

/// The first run makes the district and its administrator, shows the recovery code once, and the
/// administrator then logs in; a wrong password is refused with the reason.
#[test]
fn first_run_creates_the_district_and_its_administrator_who_then_logs_in() {
    for language in Language::ALL {
        first_run_then_log_in(language);
    }
}

/// The first run, the recovery code, a refused then a right password, in `language`.
fn first_run_then_log_in(language: Language) {
    use crate::domain::account::OfficeActKind::{AccountAdded, LoggedIn, LoginFailed};
    let mut d = Driver::empty(language);
    let mark = mark(language);
    assert!(matches!(d.app.screen, Screen::FirstRun(_)));
    d.interact(|ui| {
        fill(ui, "gui-first-run-district-name", "بخش مرکزی");
        fill(ui, "gui-first-run-district-code", "۱۲۳۴");
        fill(ui, "gui-first-run-user-name", "مریم احمدی");
        fill(ui, "gui-first-run-password", PASSWORD);
        fill(ui, "gui-first-run-repeat", PASSWORD);
        // Enter in a field submits the form.
        let _ = ui.tap_key(Named::Enter);
    });
    let Screen::Recovery(_) = &d.app.screen else { panic!("the recovery code is not shown") };
    let proceed = d.text("gui-recovery-continue", &[]);
    d.interact(|ui| {
        ui.click(proceed.as_str()).unwrap_or_else(|e| panic!("{e}"));
    });
    assert!(matches!(d.app.screen, Screen::Login(_)), "not on the login screen");
    // The only account is chosen already; a wrong password is refused and recorded.
    d.interact(|ui| {
        fill(ui, login::PASSWORD_ID, "نادرست نادرست");
        let _ = ui.tap_key(Named::Enter);
    });
    assert!(matches!(d.app.screen, Screen::Login(_)));
    let refusal = d.text("account-error-wrong-password", &[]);
    assert!(d.find(&format!("{mark}{refusal}")).is_some(), "{language:?}: the refusal is shown");
    d.interact(|ui| {
        fill(ui, login::PASSWORD_ID, PASSWORD);
        let _ = ui.tap_key(Named::Enter);
    });
    assert!(matches!(d.app.screen, Screen::Counter(_)), "not on the counter");
    let session = d.session();
    assert_eq!((session.store.district_code(), session.store.district_name()), ("1234", "بخش مرکزی"));
    assert_eq!((session.actor.name.as_str(), session.actor.role), ("مریم احمدی", Role::Administrator));
    // The side bar names the district and the user.
    assert!(d.find(&format!("{mark}بخش مرکزی")).is_some(), "{language:?}");
    let acts = session.store.office_acts().unwrap_or_else(|e| panic!("{e}"));
    let kinds: Vec<_> = acts.iter().map(|a| a.kind).collect();
    assert_eq!(kinds, [AccountAdded, LoginFailed, LoggedIn]);
}

/// The administrator's password is forgotten: the login screen's recovery takes the sheet's code
/// (typed as a person would, in small letters with spaces), sets a new password, shows a new code
/// once, and the administrator logs in with the new password.
#[test]
fn the_recovery_sheet_gives_the_administrator_back_in_the_window() {
    for language in Language::ALL {
        recover_in(language);
    }
}

fn recover_in(language: Language) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = dir.path().to_path_buf();
    let code = {
        let db = Database::create(&data, "1234", "بخش مرکزی").unwrap_or_else(|e| panic!("{e}"));
        let created = office::accounts::create_administrator(&db, "مدیر", PASSWORD, chrono::Utc::now());
        created.unwrap_or_else(|e| panic!("{e}")).recovery_code
    };
    let mut d = Driver::opening(dir, data, language);
    let open = d.text("gui-login-recovery-open", &[]);
    d.interact(|ui| {
        ui.click(open.as_str()).unwrap_or_else(|e| panic!("{e}"));
    });
    let typed = code.to_lowercase().replace('-', " ");
    d.interact(|ui| {
        fill(ui, "gui-login-recovery-code", &typed);
        fill(ui, "gui-login-new-password", "گذرواژه‌ی تازه‌ی مدیر");
        fill(ui, "gui-login-repeat", "گذرواژه‌ی تازه‌ی مدیر");
        let _ = ui.tap_key(Named::Enter);
    });
    let Screen::Recovery(_) = &d.app.screen else { panic!("{language:?}: the new code is not shown") };
    let proceed = d.text("gui-recovery-continue", &[]);
    d.interact(|ui| {
        ui.click(proceed.as_str()).unwrap_or_else(|e| panic!("{e}"));
    });
    d.interact(|ui| {
        fill(ui, login::PASSWORD_ID, "گذرواژه‌ی تازه‌ی مدیر");
        let _ = ui.tap_key(Named::Enter);
    });
    assert!(matches!(d.app.screen, Screen::Counter(_)), "{language:?}: not logged in with the new password");
    assert_eq!(d.session().actor.role, Role::Administrator);
}

/// The window locks after its idle minutes (the clock is the tick's, so the test moves it), and
/// the login then waits with the same account chosen; a key pressed before keeps it open.
#[test]
fn the_window_locks_when_idle_and_the_same_account_logs_back_in() {
    let mut d = Driver::seeded(Language::Persian);
    let minutes = |n: u64| std::time::Instant::now() + std::time::Duration::from_secs(n * 60);
    d.update(Message::IdleTick(minutes(9)));
    assert!(matches!(d.app.screen, Screen::Counter(_)), "nine minutes idle: still open");
    d.update(Message::Activity);
    d.update(Message::IdleTick(minutes(9)));
    assert!(matches!(d.app.screen, Screen::Counter(_)), "nine minutes after a key: still open");
    d.update(Message::IdleTick(minutes(10)));
    assert!(matches!(d.app.screen, Screen::Login(_)), "ten minutes idle: locked");
    assert!(d.app.session.is_none(), "nobody acts while locked");
    d.interact(|ui| {
        fill(ui, login::PASSWORD_ID, PASSWORD);
        let _ = ui.tap_key(Named::Enter);
    });
    assert!(matches!(d.app.screen, Screen::Counter(_)));
    assert_eq!(d.session().actor, clerk());
}

/// After a crash the next start says where the report is and that nothing was lost, once.
#[test]
fn the_next_start_after_a_crash_says_where_the_report_is_once() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = dir.path().to_path_buf();
    drop(district_with_clerk(&data));
    let crashes = data.join(crate::ui::crash::CRASH_DIR);
    std::fs::create_dir_all(&crashes).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(crashes.join("crash-20261206T100000.000Z.txt"), "report").unwrap_or_else(|e| panic!("{e}"));
    let d = Driver::opening(dir, data.clone(), Language::Persian);
    let shown = crashes.join("seen-crash-20261206T100000.000Z.txt");
    assert!(shown.is_file(), "marked as shown");
    let notice = d.text("gui-app-crash-report", &[("path", Arg::Path(&shown.display().to_string()))]);
    assert!(notice.contains("هیچ داده‌ای از دست نرفت"), "{notice}");
    assert_eq!(d.app.crash_report.as_ref(), Some(&shown));
    assert!(d.find(&d.text("gui-app-dismiss", &[])).is_some(), "the banner and its close button are shown");
    assert_eq!(crate::ui::crash::take_unseen(&data), None, "only once");
}

/// Whoever sets the office up may not read Persian: the first screen switches to English (and
/// back) before anything is saved.
#[test]
fn the_first_screen_switches_language_before_anything_is_saved() {
    let mut d = Driver::empty(Language::Persian);
    d.interact(|ui| {
        ui.click("English").unwrap_or_else(|e| panic!("{e}"));
    });
    assert_eq!(d.app.localizer.language(), Language::English);
    assert!(matches!(d.app.screen, Screen::FirstRun(_)), "still on the first screen");
    assert!(!d.data.join(crate::store::FILE_NAME).exists(), "nothing saved");
    d.interact(|ui| {
        ui.click("فارسی").unwrap_or_else(|e| panic!("{e}"));
    });
    assert_eq!(d.app.localizer.language(), Language::Persian);
}

#[test]
fn new_case_from_a_persian_title_gets_a_tracking_code_and_is_stored() {
    for language in Language::ALL {
        new_case_in(language);
    }
}

fn new_case_in(language: Language) {
    let mut d = Driver::seeded(language);
    let mark = mark(language);
    d.key(ctrl(Code::KeyN, "د"), iced::event::Status::Ignored);
    assert!(matches!(d.app.screen, Screen::NewCase(_)), "Ctrl+N did not open a new case");
    let session = d.session();
    let service = session.catalog.search("اتباع").next().unwrap_or_else(|| panic!("no service matches"));
    d.interact(|ui| fill(ui, new_case::SERVICE_ID, "اتباع"));
    let row = format!("{mark}{}. {}", d.app.localizer.digits(&service.number.to_string()), service.sub_title_fa);
    d.interact(|ui| {
        ui.click(row.as_str()).unwrap_or_else(|e| panic!("{e}"));
    });
    // The form names the service picked.
    assert!(d.find(&format!("{mark}{}", service.sub_title_fa)).is_some());
    d.interact(|ui| {
        fill(ui, "gui-new-case-national-id", "۰۰۱۲۳۴۵۶۷۹");
        fill(ui, "gui-new-case-name", "علی رضایی");
        let _ = ui.tap_key(Named::Enter);
    });
    let query = SearchQuery { national_id: Some("0012345679".into()), limit: 5, ..SearchQuery::default() };
    let page = session.store.search(&query).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(page.total, 1);
    let case = &page.cases[0];
    assert_eq!((case.service_key.as_str(), case.applicant.name.as_str()), (service.key.as_str(), "علی رضایی"));
    assert!(d.find(&d.app.localizer.digits(&case.tracking_code.grouped())).is_some(), "the tracking code is not shown");
}

#[test]
fn esc_leaves_an_empty_new_case_at_once() {
    let mut d = Driver::seeded(Language::English);
    d.update(Message::Go(Nav::NewCase));
    d.key(escape(), iced::event::Status::Ignored);
    assert!(matches!(d.app.screen, Screen::Counter(_)));
}

/// Esc on a filled form asks before throwing it away; Esc again takes the question back;
/// «throw away» leaves the form with nothing saved.
#[test]
fn esc_on_a_filled_new_case_asks_before_discarding_it() {
    for language in Language::ALL {
        let mut d = Driver::seeded(language);
        d.update(Message::Go(Nav::NewCase));
        d.interact(|ui| fill(ui, "gui-new-case-name", "علی رضایی"));
        let (ask, discard) = (d.text("gui-new-case-discard-ask", &[]), d.text("gui-new-case-discard", &[]));
        let mark = if language.is_rtl() { RLM } else { LRM };
        let question = format!("{mark}{ask}");
        d.key(escape(), iced::event::Status::Captured);
        assert!(matches!(d.app.screen, Screen::NewCase(_)), "{language:?}: Esc threw the typing away");
        assert!(d.find(&question).is_some(), "{language:?}: no question");
        d.key(escape(), iced::event::Status::Captured);
        assert!(d.find(&question).is_none() && matches!(d.app.screen, Screen::NewCase(_)), "{language:?}");
        d.key(escape(), iced::event::Status::Captured);
        d.interact(|ui| {
            ui.click(discard.as_str()).unwrap_or_else(|e| panic!("{e}"));
        });
        assert!(matches!(d.app.screen, Screen::Counter(_)), "{language:?}");
        let all = SearchQuery { limit: 5, ..SearchQuery::default() };
        assert_eq!(d.session().store.search(&all).map_or_else(|e| panic!("{e}"), |p| p.total), 0);
    }
}

/// The side bar leaving a filled form asks the same question; «keep» stays on the form, and
/// «throw away» goes where the side bar was pressed, not to the counter. Before, the side bar
/// dropped the form without a word.
#[test]
fn the_side_bar_leaving_a_filled_new_case_asks_and_then_goes_where_it_was_sent() {
    let mut d = Driver::seeded(Language::Persian);
    d.update(Message::Go(Nav::NewCase));
    d.interact(|ui| fill(ui, "gui-new-case-name", "علی رضایی"));
    let (keep, discard) = (d.text("gui-new-case-keep", &[]), d.text("gui-new-case-discard", &[]));
    // The side bar's labels are lines with a direction mark; the question's buttons plain text.
    let side_bar = format!("{RLM}{}", d.text("gui-app-nav-settings", &[]));
    let click = |d: &mut Driver, label: &str| d.interact(|ui| drop(ui.click(label).unwrap_or_else(|e| panic!("{label}: {e}"))));
    click(&mut d, &side_bar);
    assert!(matches!(d.app.screen, Screen::NewCase(_)), "the side bar threw the typing away");
    click(&mut d, &keep);
    assert!(matches!(d.app.screen, Screen::NewCase(_)) && d.app.leaving_to.is_none());
    click(&mut d, &side_bar);
    click(&mut d, &discard);
    assert!(matches!(d.app.screen, Screen::Settings(_)), "«throw away» did not go where the side bar was sent");
    // An empty form is left at once.
    d.update(Message::Go(Nav::NewCase));
    d.update(Message::Go(Nav::Catalog));
    assert!(matches!(d.app.screen, Screen::Catalog));
}

/// A service whose first steps (first way out each) reach a decision with two branches or more.
fn service_with_a_decision(session: &Session) -> (String, usize) {
    let reaches = |workflow: &Workflow| {
        let mut at = workflow.start()?.id.clone();
        for steps in 0..6 {
            let node = workflow.node(&at)?;
            if node.kind == NodeKind::Decision && workflow.outgoing(&at).filter(|e| e.label_fa.is_some()).count() > 1 {
                return Some(steps);
            }
            let next = workflow.outgoing(&at).next()?.to.clone();
            at = next;
        }
        None
    };
    session
        .catalog
        .services
        .iter()
        .find_map(|s| reaches(&s.workflow).map(|steps| (s.key.clone(), steps)))
        .unwrap_or_else(|| panic!("no service reaches a decision"))
}

/// The case screen on a new case of a service that reaches a decision `steps` steps in (first
/// way out each).
fn open_decision_case() -> (Driver, Session, TrackingCode, Workflow, usize) {
    let mut d = Driver::seeded(Language::Persian);
    let session = d.session();
    let (service, steps) = service_with_a_decision(&session);
    let code = open(&session, &service, "0012345679", "علی رضایی").tracking_code;
    let task = open_case(&mut d.app, code.clone());
    d.run(task);
    let workflow = session.catalog.find(&service).unwrap_or_else(|| panic!("service")).workflow.clone();
    (d, session, code, workflow, steps)
}

#[test]
fn the_case_screen_advances_and_takes_the_branch_clicked() {
    let (mut d, session, code, workflow, steps) = open_decision_case();
    let label = |id: &str| workflow.node(id).map(|n| n.label_fa.clone()).unwrap_or_default();
    let mut advanced = false;
    for _ in 0..=steps {
        let case = session.store.case(&code).unwrap_or_else(|e| panic!("{e}"));
        if workflow.node(&case.step).is_some_and(|n| n.kind == NodeKind::Decision) {
            break;
        }
        let to = workflow.outgoing(&case.step).next().map(|e| e.to.clone()).unwrap_or_default();
        let button = format!("{RLM}{}", d.text("gui-case-advance", &[("step", Arg::Text(&label(&to)))]));
        d.interact(|ui| {
            ui.click(button.as_str()).unwrap_or_else(|e| panic!("{e}"));
        });
        assert_eq!(session.store.case(&code).map(|c| c.step).unwrap_or_default(), to, "the advance was not stored");
        advanced = true;
    }
    let case = session.store.case(&code).unwrap_or_else(|e| panic!("{e}"));
    // The last branch, so that taking the first one by mistake fails.
    let edge = workflow.outgoing(&case.step).filter(|e| e.label_fa.is_some()).last().unwrap_or_else(|| panic!("no branch"));
    let branch = edge.label_fa.clone().unwrap_or_default();
    let button =
        format!("{RLM}{}", d.text("gui-case-decide", &[("branch", Arg::Text(&branch)), ("step", Arg::Text(&label(&edge.to)))]));
    d.interact(|ui| {
        ui.click(button.as_str()).unwrap_or_else(|e| panic!("{e}"));
    });
    let case = session.store.case(&code).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(case.step, edge.to);
    assert!(
        matches!(case.history.last().map(|e| &e.kind), Some(EventKind::Advanced { branch_fa: Some(b), .. }) if *b == branch),
        "{:?}",
        case.history.last()
    );
    assert!(advanced || steps == 0);
}

#[test]
fn the_counter_finds_a_case_by_part_of_a_persian_name_or_a_code_in_persian_digits() {
    let mut d = Driver::seeded(Language::Persian);
    let session = d.session();
    let ali = open(&session, "1", "0012345679", "علی رضایی");
    let maryam = open(&session, "1", "0441234569", "مریم احمدی");
    let results = |d: &Driver, n: i64| d.find(&format!("{RLM}{}", d.text("gui-counter-results", &[("count", Arg::Number(n))])));
    let shown = |d: &Driver, case: &Case| d.find(&digits::to_persian(&case.tracking_code.grouped())).is_some();

    d.key(ctrl(Code::KeyF, "ب"), iced::event::Status::Ignored);
    d.interact(|ui| fill(ui, counter::SEARCH_ID, "مری"));
    assert!(results(&d, 1).is_some(), "one case should be found");
    d.interact(|ui| click_starting(ui, &format!("{RLM}مریم احمدی — ")));
    assert!(matches!(d.app.screen, Screen::Case(_)) && shown(&d, &maryam) && !shown(&d, &ali));

    // Its tracking code typed in Persian digits; Enter opens the case found.
    d.update(Message::Go(Nav::Counter));
    d.interact(|ui| fill(ui, counter::SEARCH_ID, &digits::to_persian(ali.tracking_code.as_str())));
    assert!(results(&d, 1).is_some());
    d.interact(|ui| {
        ui.click(Id::new(counter::SEARCH_ID)).unwrap_or_else(|e| panic!("{e}"));
        let _ = ui.tap_key(Named::Enter);
    });
    assert!(matches!(d.app.screen, Screen::Case(_)) && shown(&d, &ali) && !shown(&d, &maryam));

    // Esc empties the search.
    d.update(Message::Go(Nav::Counter));
    d.interact(|ui| fill(ui, counter::SEARCH_ID, "مری"));
    d.key(escape(), iced::event::Status::Captured);
    assert!(results(&d, 1).is_none());
}

#[test]
fn settings_switch_to_english_and_the_window_turns_left_to_right() {
    let mut d = Driver::seeded(Language::Persian);
    d.update(Message::Go(Nav::Settings));
    let nav = |d: &Driver, mark: char| d.find(&format!("{mark}{}", d.text("gui-app-nav-counter", &[])));
    let title = |d: &Driver, mark: char| d.find(&format!("{mark}{}", d.text("gui-settings-language", &[])));
    let (bar, body) = (nav(&d, RLM).unwrap_or_else(|| panic!("no nav")), title(&d, RLM).unwrap_or_else(|| panic!("no title")));
    assert!(bar.x > body.x, "in Persian the side bar is on the right");
    let persian_counter = d.text("gui-app-nav-counter", &[]);

    let english = d.text("gui-settings-language-en", &[]);
    d.interact(|ui| {
        ui.click(english.as_str()).unwrap_or_else(|e| panic!("{e}"));
    });
    assert_eq!(d.app.localizer.language(), Language::English);
    assert_ne!(d.text("gui-app-nav-counter", &[]), persian_counter);
    let (bar, body) = (nav(&d, LRM).unwrap_or_else(|| panic!("no nav")), title(&d, LRM).unwrap_or_else(|| panic!("no title")));
    assert!(bar.x < body.x, "in English the side bar is on the left");
    assert!(d.find(&format!("{RLM}{persian_counter}")).is_none());
}

#[test]
fn esc_answers_no_to_restoring_a_backup() {
    // Opening the store made today's automatic backup.
    let mut d = Driver::seeded(Language::Persian);
    let mut admin = d.session().actor;
    admin.role = Role::Administrator;
    if let Some(session) = &mut d.app.session {
        session.actor = admin;
    }
    d.update(Message::Go(Nav::Settings));
    let restore = d.text("gui-settings-restore", &[]);
    d.interact(|ui| {
        ui.click(restore.as_str()).unwrap_or_else(|e| panic!("{e}"));
    });
    let question = |d: &Driver| d.find(&d.text("gui-settings-restore-yes", &[]));
    assert!(question(&d).is_some(), "no confirmation asked");
    d.key(escape(), iced::event::Status::Ignored);
    assert!(question(&d).is_none(), "Esc did not cancel");
}

/// Tab pressed until the focus comes back where it went first: where it stopped, in order.
fn tab_cycle(d: &mut Driver, cache: &mut Cache) -> Vec<(Option<Id>, Rectangle)> {
    let mut stops = Vec::new();
    for _ in 0..200 {
        d.tab(cache, true);
        let stop = d.on_screen(cache, |h| (h.focused(), h.focused_bounds()));
        let stop = (stop.0, stop.1.unwrap_or_else(|| panic!("Tab left nothing focused")));
        if stops.first() == Some(&stop) {
            return stops;
        }
        stops.push(stop);
    }
    panic!("the focus never came back: {stops:?}");
}

#[test]
fn tab_moves_through_the_new_case_form_in_reading_order() {
    for language in Language::ALL {
        let mut d = Driver::seeded(language);
        d.update(Message::Go(Nav::NewCase));
        let mut cache = Cache::default();
        // Opening the screen focused the service box; Tab goes on through the form to its save
        // button, the other buttons and the side bar, and comes round to the service box.
        let stops = tab_cycle(&mut d, &mut cache);
        let named: Vec<Id> = stops.iter().filter_map(|(id, _)| id.clone()).collect();
        let order =
            ["gui-new-case-national-id", "gui-new-case-name", "gui-new-case-phone", new_case::SAVE_ID, new_case::SERVICE_ID];
        assert_eq!(named, order.map(Id::new), "{language:?}");
        let unnamed = stops.len() - named.len();
        // The four applicant kinds, cancel, and the side bar's lock button and five screens.
        assert_eq!(unnamed, 11, "{language:?}: {stops:?}");
        // The side bar's lock button and five screens one after another, not taken in turn with the
        // form's lines.
        let bar: Vec<usize> =
            (0..stops.len())
                .filter(|&i| {
                    if language.is_rtl() { stops[i].1.x > WINDOW.width - 250.0 } else { stops[i].1.x + stops[i].1.width < 250.0 }
                })
                .collect();
        assert!(bar.len() == 6 && bar.windows(2).all(|w| w[1] == w[0] + 1), "{language:?}: {bar:?}");
        // The person/organisation pair, read in the language's direction, before the fields.
        let [person, organisation] = [stops[0].1, stops[1].1];
        assert_eq!(person.x > organisation.x, language.is_rtl(), "{language:?}");
        assert_eq!(d.tab(&mut cache, false), Some(Id::new(new_case::SERVICE_ID)), "{language:?}");
    }
}

#[test]
fn tab_from_the_last_field_reaches_save_and_enter_saves() {
    let mut d = Driver::seeded(Language::Persian);
    d.update(Message::Go(Nav::NewCase));
    let session = d.session();
    let service = session.catalog.search("اتباع").next().unwrap_or_else(|| panic!("no service matches"));
    d.interact(|ui| fill(ui, new_case::SERVICE_ID, "اتباع"));
    let row = format!("{RLM}{}. {}", digits::to_persian(&service.number.to_string()), service.sub_title_fa);
    d.interact(|ui| {
        ui.click(row.as_str()).unwrap_or_else(|e| panic!("{e}"));
    });
    d.interact(|ui| {
        fill(ui, "gui-new-case-national-id", "۰۰۱۲۳۴۵۶۷۹");
        fill(ui, "gui-new-case-name", "علی رضایی");
    });
    let mut cache = Cache::default();
    d.on_screen(&mut cache, |h| {
        h.operate(Box::new(iced_core::widget::operation::focusable::focus(Id::new("gui-new-case-phone"))));
    });
    assert_eq!(d.tab(&mut cache, true), Some(Id::new(new_case::SAVE_ID)));
    d.press(&mut cache, sim::named(Named::Enter));
    let query = SearchQuery { national_id: Some("0012345679".into()), limit: 5, ..SearchQuery::default() };
    assert_eq!(session.store.search(&query).map_or_else(|e| panic!("{e}"), |p| p.total), 1, "Enter on save did not save");
}

#[test]
fn tab_reaches_the_case_screens_decisions_in_reading_order_and_enter_takes_one() {
    let (mut d, session, code, workflow, steps) = open_decision_case();
    let label = |id: &str| workflow.node(id).map(|n| n.label_fa.clone()).unwrap_or_default();
    for _ in 0..steps {
        let case = session.store.case(&code).unwrap_or_else(|e| panic!("{e}"));
        let to = workflow.outgoing(&case.step).next().map(|e| e.to.clone()).unwrap_or_default();
        d.update(Message::Case(crate::ui::screens::case::Message::Advance { to, branch: None }));
    }
    let case = session.store.case(&code).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(workflow.node(&case.step).map(|n| n.kind), Some(NodeKind::Decision));
    let branches: Vec<_> = workflow.outgoing(&case.step).filter(|e| e.label_fa.is_some()).cloned().collect();
    let mut cache = Cache::default();
    let visits: Vec<Rectangle> = tab_cycle(&mut d, &mut cache).into_iter().map(|(_, bounds)| bounds).collect();
    let stop_of = |d: &Driver, text: &str| {
        let shown = d.find(text).unwrap_or_else(|| panic!("{text} not shown"));
        visits.iter().position(|s| s.contains(shown.center())).unwrap_or_else(|| panic!("Tab never reaches {text}"))
    };
    let decisions: Vec<usize> = branches
        .iter()
        .map(|edge| {
            let branch = Arg::Text(edge.label_fa.as_deref().unwrap_or_default());
            stop_of(
                &d,
                &format!("{RLM}{}", d.text("gui-case-decide", &[("branch", branch), ("step", Arg::Text(&label(&edge.to)))])),
            )
        })
        .collect();
    // One after another, top to bottom as they are shown.
    assert!(decisions.windows(2).all(|w| w[1] == w[0] + 1), "{decisions:?}");
    assert!(decisions.windows(2).all(|w| visits[w[0]].y < visits[w[1]].y));
    // The note's field, on the right, comes before its button on the left.
    let add = stop_of(&d, &d.text("gui-case-add-note", &[]));
    assert!(visits[add - 1].x > visits[add].x, "{:?} then {:?}", visits[add - 1], visits[add]);
    // Tab to the last branch's button and Enter takes it.
    let last = decisions[decisions.len() - 1];
    // `Harness::focused_bounds` itself names one lifetime of the harness, where any is needed.
    #[allow(clippy::redundant_closure_for_method_calls)]
    while d.on_screen(&mut cache, |h| h.focused_bounds()) != Some(visits[last]) {
        d.tab(&mut cache, true);
    }
    d.press(&mut cache, sim::named(Named::Enter));
    let edge = &branches[branches.len() - 1];
    assert_eq!(session.store.case(&code).map(|c| c.step).unwrap_or_default(), edge.to);
}

/// The district governor logged in, and a case of service 29 with every document received at
/// its issuing step t4 (reached by t2, t3, d1 and the branch «بلی»), not yet on screen.
fn governor_with_a_case_to_issue() -> (Driver, Session, TrackingCode) {
    let mut d = Driver::seeded(Language::Persian);
    if let Some(session) = &mut d.app.session {
        session.actor.role = Role::DistrictGovernor;
    }
    let session = d.session();
    let service = session.catalog.by_number(29).unwrap_or_else(|| panic!("service 29")).clone();
    let all: Vec<usize> = (0..service.documents_fa.len()).collect();
    let national_id = crate::domain::applicant::NationalId::parse("0012345679").unwrap_or_else(|e| panic!("{e}"));
    let identity = crate::domain::applicant::ApplicantIdentity::Person { national_id };
    let applicant = crate::domain::applicant::Applicant::new(identity, "علی رضایی", None).unwrap_or_else(|e| panic!("{e}"));
    let now = crate::domain::case::Context { actor: &session.actor, at: chrono::Utc::now(), note: None };
    let opened = session.store.open_case_with_documents(&session.catalog, &service.key, applicant, &all, &now);
    let code = opened.unwrap_or_else(|e| panic!("{e}")).tracking_code;
    for (to, branch) in [("t2", None), ("t3", None), ("d1", None), ("t4", Some("بلی"))] {
        crate::ui::screens::testing::advance(&session, &code, to, branch);
    }
    (d, session, code)
}

#[test]
fn esc_closes_the_issue_form_without_issuing() {
    let (mut d, session, code) = governor_with_a_case_to_issue();
    let task = open_case(&mut d.app, code.clone());
    d.run(task);
    let issue = format!("{RLM}{}", d.text("gui-case-issue", &[]));
    d.interact(|ui| {
        ui.click(issue.as_str()).unwrap_or_else(|e| panic!("{e}"));
    });
    let validity = format!("{RLM}{}", d.text("gui-case-issue-validity", &[]));
    assert!(d.find(&validity).is_some(), "the issue form did not open");
    d.key(escape(), iced::event::Status::Ignored);
    assert!(d.find(&validity).is_none(), "Esc did not close the form");
    assert!(d.find(&issue).is_some());
    assert!(session.store.case(&code).map_or_else(|e| panic!("{e}"), |c| c.documents.is_empty()));
}

/// «ابطال» opens the reason below the case's actions, under the fold of a 768-pixel window: the
/// reason field takes the focus and is scrolled into view (before, the form opened out of sight).
#[test]
fn revoking_scrolls_the_reason_into_view_and_focuses_it() {
    let (mut d, session, code) = governor_with_a_case_to_issue();
    let ctx = crate::domain::case::Context { actor: &session.actor, at: chrono::Utc::now(), note: Some("یادداشت") };
    for _ in 0..12 {
        session.store.add_note(&session.catalog, &code, &ctx).unwrap_or_else(|e| panic!("{e}"));
    }
    session
        .store
        .issue(&session.catalog, &code, crate::domain::issued::IssueTerms::default(), &ctx)
        .unwrap_or_else(|e| panic!("{e}"));
    let task = open_case(&mut d.app, code);
    d.run(task);
    let revoke = format!("{RLM}{}", d.text("gui-case-revoke", &[]));
    d.interact(|ui| drop(ui.click(revoke.as_str()).unwrap_or_else(|e| panic!("{e}"))));
    let mut cache = Cache::default();
    let (focused, shown) = d.on_screen(&mut cache, |h| {
        let focused = h.focused();
        let shown = h.focused_bounds().is_some_and(|b| h.shows(b));
        (focused, shown)
    });
    assert_eq!(focused, Some(Id::new(crate::ui::screens::case::REASON_ID)));
    assert!(shown, "the reason field is out of sight");
}

#[test]
fn the_governor_sets_the_letterhead_and_paper_and_office_toml_keeps_them() {
    let mut d = Driver::seeded(Language::Persian);
    d.update(Message::Go(Nav::Settings));
    let shown = |d: &Driver, id: &str| d.find(&format!("{RLM}{}", d.text(id, &[]))).is_some();
    assert!(shown(&d, "gui-settings-printing-not-permitted"), "a clerk may not");
    if let Some(session) = &mut d.app.session {
        session.actor.role = Role::DistrictGovernor;
    }
    d.update(Message::Go(Nav::Settings));
    d.interact(|ui| {
        fill(ui, "gui-settings-county", "تاکستان");
        fill(ui, "gui-settings-province", "قزوین");
    });
    d.interact(|ui| {
        // The receipts' row is the second with an "A5".
        let mut seen = 0;
        let bounds = ui
            .find(move |candidate: Candidate<'_>| match candidate {
                Candidate::Text { content, bounds, .. } if content.trim_matches([RLM, LRM]) == "A5" => {
                    seen += 1;
                    (seen == 2).then_some(bounds)
                }
                _ => None,
            })
            .unwrap_or_else(|e| panic!("{e}"));
        ui.point_at(Point::new(bounds.center_x(), bounds.center_y()));
        let _ = ui.simulate(simulator::click());
    });
    let save = format!("{RLM}{}", d.text("gui-settings-printing-save", &[]));
    d.interact(|ui| {
        ui.click(save.as_str()).unwrap_or_else(|e| panic!("{e}"));
    });
    assert!(shown(&d, "gui-settings-printing-saved"), "no word that it was saved");
    let file = crate::print::office_file::OfficeFile::read(&d.data).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((file.county.as_str(), file.province.as_str()), ("تاکستان", "قزوین"));
    assert_eq!((file.document_paper, file.receipt_paper), (None, Some(crate::print::template::Paper::A5)));
}

#[test]
fn the_catalogue_list_is_one_tab_stop_and_end_then_enter_picks_the_last_service_shown() {
    let mut d = Driver::seeded(Language::Persian);
    d.update(Message::Go(Nav::Catalog));
    let mut cache = Cache::default();
    let list = Id::new(catalog::LIST);
    let stops = tab_cycle(&mut d, &mut cache);
    // The search box, the list, the drawing's three buttons, the side bar's lock button and its
    // five screens.
    assert_eq!(stops.len(), 11, "{stops:?}");
    assert_eq!(stops.iter().filter(|(id, _)| id.as_ref() == Some(&list)).count(), 1);
    // `Harness::focused` itself names one lifetime of the harness, where any is needed.
    #[allow(clippy::redundant_closure_for_method_calls)]
    while d.on_screen(&mut cache, |h| h.focused()) != Some(list.clone()) {
        d.tab(&mut cache, true);
    }
    d.press(&mut cache, sim::named(Named::End));
    let shown = d.on_screen(&mut cache, |h| h.focused_row().map(|row| (row, h.shows(row))));
    let (row, shown) = shown.unwrap_or_else(|| panic!("no current row"));
    assert!(row.y > WINDOW.height && shown, "the last row {row:?} is not scrolled into view");
    d.press(&mut cache, sim::named(Named::Enter));
    // The list shows the first 200 services; the last of them is now the one described.
    let last_shown = &d.app.catalog.services[199];
    assert!(d.find(&format!("{RLM}{}", last_shown.sub_title_fa)).is_some(), "{} not selected", last_shown.sub_title_fa);
    d.press(&mut cache, sim::named(Named::Home));
    d.press(&mut cache, sim::named(Named::ArrowDown));
    d.press(&mut cache, sim::named(Named::Enter));
    let second = &d.app.catalog.services[1];
    assert!(d.find(&format!("{RLM}{}", second.sub_title_fa)).is_some(), "{} not selected", second.sub_title_fa);
}

#[test]
fn letters_typed_in_the_same_frame_as_tab_go_to_the_field_tab_reached() {
    let mut d = Driver::seeded(Language::Persian);
    d.update(Message::Go(Nav::NewCase));
    let mut cache = Cache::default();
    let national_id = Id::new("gui-new-case-national-id");
    // A quick typist in the national ID box: Tab and the name's letters arrive before the next frame.
    let messages = d.on_screen(&mut cache, |h| {
        h.operate(Box::new(iced_core::widget::operation::focusable::focus(national_id)));
        h.statuses(sim::named(Named::Tab));
        h.typewrite("علی");
        std::mem::take(&mut h.messages)
    });
    let typed: Vec<String> = messages
        .iter()
        .filter_map(|m| match m {
            Message::NewCase(new_case::Message::Name(name)) => Some(name.clone()),
            Message::NewCase(new_case::Message::IdNumber(id)) => Some(format!("id:{id}")),
            _ => None,
        })
        .collect();
    assert_eq!(typed.last().map(String::as_str), Some("علی"), "{typed:?}");
    assert!(typed.iter().all(|t| !t.starts_with("id:")), "letters went to the national ID box: {typed:?}");
}

/// Each working screen opens on its content in both languages: the counter's panels and charts with
/// the day's case, the case with its current step in words, settings and sync with their headings.
#[test]
fn every_working_screen_opens_on_its_content_in_both_languages() {
    for language in Language::ALL {
        let mut d = Driver::seeded(language);
        let m = mark(language);
        let case = open(&d.session(), "1", "0012345679", "علی رضایی");
        d.update(Message::Go(Nav::Counter));
        let today = d.text("gui-counter-today", &[("count", Arg::Number(1))]);
        for shown in [today, d.text("gui-counter-chart-weeks", &[])] {
            assert!(d.find(&format!("{m}{shown}")).is_some(), "{language:?}: the counter lacks {shown:?}");
        }
        let code = d.app.localizer.digits(&case.tracking_code.grouped());
        d.interact(|ui| {
            ui.click(code.as_str()).unwrap_or_else(|e| panic!("{language:?}: {e}"));
        });
        assert!(matches!(d.app.screen, Screen::Case(_)), "{language:?}: the case did not open");
        let session = d.session();
        let service = session.catalog.find(&case.service_key).unwrap_or_else(|| panic!("no service"));
        let node = service.workflow.node(&case.step).unwrap_or_else(|| panic!("no step"));
        let step = match node.actor {
            Some(office) => {
                let office = d.text(&format!("office-{}", office.key()), &[]);
                d.text("gui-case-current-step-office", &[("step", Arg::Text(&node.label_fa)), ("office", Arg::Text(&office))])
            }
            None => d.text("gui-case-current-step", &[("step", Arg::Text(&node.label_fa))]),
        };
        assert!(d.find(&format!("{m}{step}")).is_some(), "{language:?}: no {step:?}");
        for (nav, heading) in [(Nav::Settings, "gui-settings-language"), (Nav::Sync, "gui-sync-title")] {
            d.update(Message::Go(nav));
            let heading = d.text(heading, &[]);
            assert!(d.find(&format!("{m}{heading}")).is_some(), "{language:?}: {nav:?} lacks {heading:?}");
        }
    }
}

#[test]
fn the_counter_finds_a_case_by_the_tail_of_its_code_or_the_last_digits_of_an_id() {
    let mut d = Driver::seeded(Language::Persian);
    let session = d.session();
    let ali = open(&session, "1", "0012345679", "علی رضایی");
    let maryam = open(&session, "1", "0441234569", "مریم احمدی");
    let results = |d: &Driver, n: i64| d.find(&format!("{RLM}{}", d.text("gui-counter-results", &[("count", Arg::Number(n))])));
    let listed = |d: &Driver, case: &Case| d.find(&digits::to_persian(&case.tracking_code.grouped())).is_some();

    // The serial and check digit as the receipt groups them, in Persian digits.
    let grouped = ali.tracking_code.grouped();
    let tail = grouped.splitn(3, '-').nth(2).unwrap_or_else(|| panic!("{grouped}"));
    d.key(ctrl(Code::KeyF, "ب"), iced::event::Status::Ignored);
    d.interact(|ui| fill(ui, counter::SEARCH_ID, &digits::to_persian(tail)));
    assert!(results(&d, 1).is_some() && listed(&d, &ali) && !listed(&d, &maryam), "{tail}");

    // The last four digits of a national ID, in Arabic-Indic digits (Esc empties the box first).
    d.key(escape(), iced::event::Status::Captured);
    d.interact(|ui| fill(ui, counter::SEARCH_ID, "٤٥٦٩"));
    assert!(results(&d, 1).is_some() && listed(&d, &maryam) && !listed(&d, &ali));
}

/// `bakhshyar FILE` (a double-click on a USB sync file): a clerk's login goes to the counter and
/// leaves the file waiting; after the lock, the administrator's login opens the sync screen with
/// the file named and waiting for confirmation.
#[test]
fn a_sync_file_the_window_was_opened_with_waits_for_the_administrators_login() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = dir.path().to_path_buf();
    drop(district_with_clerk(&data));
    let file = data.join("reply.bks");
    std::fs::write(&file, b"a reply").unwrap_or_else(|e| panic!("{e}"));
    let mut driver = Driver::opening(dir, data, Language::Persian);
    // As `run` hands it over from the command line.
    driver.app.import_file = Some(file.clone());
    let asked = format!("{RLM}{}", driver.text("gui-sync-import-chosen", &[("path", Arg::Path(&file.display().to_string()))]));

    driver.log_in(CLERK, PASSWORD);
    assert!(matches!(driver.app.screen, Screen::Counter(_)), "a clerk may not import: the counter");
    assert!(driver.app.import_file.is_some(), "the file waits: {asked}");
    driver.update(Message::Lock);

    let role = driver.text("role-administrator", &[]);
    let row = format!("{RLM}مدیر ({role})");
    driver.interact(|ui| {
        ui.click(row.as_str()).unwrap_or_else(|e| panic!("{row}: {e}"));
    });
    driver.interact(|ui| {
        fill(ui, login::PASSWORD_ID, PASSWORD);
        let _ = ui.tap_key(Named::Enter);
    });
    let Screen::Sync(state) = &driver.app.screen else { panic!("the administrator is taken to the sync screen") };
    assert_eq!(state.chosen(), Some(file.as_path()), "with the file chosen");
    assert!(driver.app.import_file.is_none(), "asked once");
}
