//! `bakhshyar bench-ui`: how fast the window answers, measured headless with the software renderer
//! (`headless`), so it runs the same on any machine.
//!
//! - **First frame**: from the start of the run to the catalogue screen's first frame rasterised —
//!   catalogue parsed, database opened, screen built, laid out, drawn. Creating the OS window is not
//!   in it (it is the same for every program).
//! - **Keystroke**: one letter typed into an `rtl_input` above a case list, to the first page (20)
//!   of cases whose applicant's name matches drawn, with `cases` cases in the store. The store's
//!   name index (`Database::search`) against a linear scan over the same cases' names held in memory
//!   (the named alternative), each letter of a word typed in turn.
//! - **Digits**: the same for the last seven digits of a case's tracking code typed in Persian digits
//!   (nothing is searched before the fourth), through the digit-tail index against a linear scan of
//!   every code and ID held in memory.
//! - **Counter**: the counter screen's panels and charts loaded from the store, laid out and drawn.
//! - **Case**: one case read, its workflow diagram laid out, the case screen drawn.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use iced::widget::{Column, column, text};
use iced::{Element, Size};
use iced_test_free::{Cache, UserInterface};

use crate::catalog_data;
use crate::domain::applicant::{Applicant, ApplicantError, ApplicantIdentity, NationalId};
use crate::domain::case::{Case, Context};
use crate::domain::catalog::Catalog;
use crate::domain::role::{Actor, Role};
use crate::domain::text::ascii_digits;
use crate::domain::text::fold;
use crate::i18n::{Language, Localizer};
use crate::store::{Database, MIN_DIGITS, SearchQuery, StoreError};
use crate::ui::screens::{Session, case as case_screen, counter};
use crate::ui::widget::rtl_input;
use crate::ui::{app, headless, rtl};

/// iced's runtime loop pieces, as the window uses them.
mod iced_test_free {
    pub use iced_runtime::UserInterface as Ui;
    pub use iced_runtime::user_interface::Cache;
    pub type UserInterface<'a, M> = Ui<'a, M, iced::Theme, iced::Renderer>;
}

const WINDOW: Size = Size::new(1366.0, 768.0);
const PAGE: usize = 20;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BenchError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Applicant(#[from] ApplicantError),
    #[error("the built-in catalogue does not load")]
    Catalog,
    #[error("no software renderer could be made")]
    Renderer,
    #[error("the store holds no case to open")]
    NoCase,
}

/// Median and slowest of a series of timings.
#[derive(Debug, Clone)]
pub struct Timing {
    pub median: Duration,
    pub max: Duration,
    /// Every keystroke's time, in the order typed.
    pub each: Vec<Duration>,
}

impl Timing {
    fn of(each: Vec<Duration>) -> Self {
        let mut sorted = each.clone();
        sorted.sort();
        Self {
            median: sorted.get(sorted.len() / 2).copied().unwrap_or_default(),
            max: sorted.last().copied().unwrap_or_default(),
            each,
        }
    }
}

#[derive(Debug)]
pub struct Figures {
    pub cases: usize,
    /// How long filling the store took, when it was filled in this run.
    pub filled_in: Option<Duration>,
    pub catalog_load: Duration,
    pub database_open: Duration,
    pub first_frame: Duration,
    pub query: String,
    /// Per keystroke: the search alone, and from the key to the frame rasterised.
    pub indexed_search: Timing,
    pub indexed_keystroke: Timing,
    pub linear_search: Timing,
    pub linear_keystroke: Timing,
    pub digits: String,
    pub digits_indexed: (Timing, Timing),
    pub digits_linear: (Timing, Timing),
    /// The counter's panels and charts loaded and drawn.
    pub counter_load: Duration,
    /// A case read, its diagram laid out, its screen drawn.
    pub case_open: Duration,
    /// The digit-tail index's entries and bytes, and the whole file's bytes.
    pub digit_index: (u64, u64),
    pub file_bytes: u64,
}

/// Runs both measurements on the store in `dir`, filling it with `cases` cases first if it holds
/// fewer (the store is kept for the next run). `started` is when the program began.
pub fn run(dir: &Path, cases: usize, started: Instant, progress: &mut dyn FnMut(usize)) -> Result<Figures, BenchError> {
    let catalog = catalog_data::embedded().map_err(|_| BenchError::Catalog)?;
    let catalog_load = started.elapsed();
    let db = if dir.join("bakhshyar.redb").exists() { Database::open(dir)? } else { Database::create(dir, "1234", "bench")? };
    let database_open = started.elapsed().saturating_sub(catalog_load);
    let mut renderer = headless::renderer().ok_or(BenchError::Renderer)?;
    let first_frame = first_frame(&catalog, &mut renderer, started);
    let fill_start = Instant::now();
    let filled = fill(&db, &catalog, cases, progress)?;
    let filled_in = (filled > 0).then(|| fill_start.elapsed());
    let query = query_word(&catalog);
    let indexed = keystrokes(&mut renderer, &query, |q| {
        let page = db.search(&SearchQuery { name_prefix: Some(q.to_owned()), limit: PAGE, ..SearchQuery::default() })?;
        Ok((page.total, page.cases))
    })?;
    let held = held_in_memory(&db)?;
    let linear = keystrokes(&mut renderer, &query, |q| linear_search(&db, &held.names, q))?;
    let code = held.ids.get(held.ids.len() / 3).map(|(code, _)| code.clone()).ok_or(BenchError::NoCase)?;
    let digits = crate::i18n::digits::to_persian(&code[code.len() - 7..]);
    let digits_indexed = keystrokes(&mut renderer, &digits, |q| digits_search(&db, q))?;
    let digits_linear = keystrokes(&mut renderer, &digits, |q| linear_digits(&db, &held.ids, q))?;
    let digit_index = db.digit_index_size()?;
    let file_bytes = std::fs::metadata(dir.join("bakhshyar.redb")).map_or(0, |m| m.len());
    let session = Session { store: Arc::new(db), catalog: Arc::new(catalog), actor: bench_actor() };
    let counter_load = counter_frame(&session, &mut renderer);
    let case_open = case_frame(&session, &code, &mut renderer)?;
    Ok(Figures {
        cases,
        filled_in,
        catalog_load,
        database_open,
        first_frame,
        query,
        indexed_search: indexed.0,
        indexed_keystroke: indexed.1,
        linear_search: linear.0,
        linear_keystroke: linear.1,
        digits,
        digits_indexed,
        digits_linear,
        counter_load,
        case_open,
        digit_index,
        file_bytes,
    })
}

/// The catalogue screen as the window opens it, laid out, drawn and rasterised.
fn first_frame(catalog: &Catalog, renderer: &mut iced::Renderer, started: Instant) -> Duration {
    let app = app::App::new(catalog.clone(), Language::Persian, std::path::PathBuf::new()).showing_catalog();
    let mut ui: UserInterface<'_, app::Message> = UserInterface::build(app::view(&app), WINDOW, Cache::default(), renderer);
    rasterise(&mut ui, renderer);
    started.elapsed()
}

fn rasterise<M>(ui: &mut UserInterface<'_, M>, renderer: &mut iced::Renderer) {
    use iced_core::renderer::Headless as _;
    let theme = iced::Theme::Light;
    let style = iced_core::renderer::Style { text_color: iced::Color::BLACK };
    ui.draw(renderer, &theme, &style, iced::mouse::Cursor::Unavailable);
    let physical = iced::Size::new(1366, 768);
    let _pixels = renderer.screenshot(physical, 1.0, iced::Color::WHITE);
}

fn bench_actor() -> Actor {
    Actor { user_id: "bench".into(), name: "bench".into(), role: Role::Clerk }
}

/// Runs a screen's task to the end, as the window's runtime would, handing each message back.
fn run_task<M: Send + 'static>(task: iced::Task<M>, mut deliver: impl FnMut(M)) {
    let Some(stream) = iced_runtime::task::into_stream(task) else { return };
    for action in iced::futures::executor::block_on_stream(stream) {
        if let iced_runtime::Action::Output(message) = action {
            deliver(message);
        }
    }
}

/// The counter as the window shows it after logging in: panels and charts loaded, drawn.
fn counter_frame(session: &Session, renderer: &mut iced::Renderer) -> Duration {
    let loc = Localizer::new(Language::Persian, true);
    let started = Instant::now();
    let (mut state, task) = counter::State::new(session);
    run_task(task, |message| {
        let _ = state.update(message, session);
    });
    let mut ui: UserInterface<'_, counter::Message> =
        UserInterface::build(state.view(session, &loc), WINDOW, Cache::default(), renderer);
    rasterise(&mut ui, renderer);
    started.elapsed()
}

/// A case opened from a search result: read, its diagram laid out, its screen drawn.
fn case_frame(session: &Session, code: &str, renderer: &mut iced::Renderer) -> Result<Duration, BenchError> {
    let code = crate::domain::tracking::TrackingCode::parse(code).map_err(|_| BenchError::NoCase)?;
    let loc = Localizer::new(Language::Persian, true);
    let started = Instant::now();
    let (mut state, task) = case_screen::State::new(code, session);
    run_task(task, |message| {
        let _ = state.update(message, session, Language::Persian);
    });
    let mut ui: UserInterface<'_, case_screen::Message> =
        UserInterface::build(state.view(session, &loc), WINDOW, Cache::default(), renderer);
    rasterise(&mut ui, renderer);
    Ok(started.elapsed())
}

/// Opens cases until the store holds `cases`, a thousand per write transaction (as `case import`
/// does), so a million-case store fills in minutes; returns how many it opened.
fn fill(db: &Database, catalog: &Catalog, cases: usize, progress: &mut dyn FnMut(usize)) -> Result<usize, BenchError> {
    const BATCH: usize = 1_000;
    const YEAR_CASES: usize = 500_000;
    let held = db.search(&SearchQuery { limit: 1, ..SearchQuery::default() })?.total;
    let words = vocabulary(catalog);
    let actor = bench_actor();
    let services: Vec<String> =
        catalog.services.iter().filter(|s| s.has_client == Some(true)).map(|s| s.number.to_string()).collect();
    let mut start = held;
    while start < cases {
        let end = (start + BATCH).min(cases);
        let mut requests = Vec::with_capacity(end - start);
        for i in start..end {
            let name = format!("{} {}", words[i % words.len()], words[(i / words.len() + i * 7) % words.len()]);
            let identity = ApplicantIdentity::Person { national_id: national_id(i)? };
            requests.push((services[i % services.len().max(1)].as_str(), Applicant::new(identity, &name, None)?));
        }
        // A district numbers at most 999,999 cases a year: a million cases span the years before.
        let years_back = i64::try_from(start / YEAR_CASES).unwrap_or(0);
        let at = Utc::now() - chrono::Duration::days(366 * years_back);
        db.open_cases(catalog, requests, &Context { actor: &actor, at, note: None })?;
        if end / 10_000 > start / 10_000 {
            progress(end);
        }
        start = end;
    }
    Ok(cases.saturating_sub(held))
}

/// A valid national ID for number `i` (the check digit computed as the domain checks it).
fn national_id(i: usize) -> Result<NationalId, ApplicantError> {
    let body = format!("{:09}", 100_000_000 + i % 800_000_000);
    let sum: u32 = body.chars().filter_map(|c| c.to_digit(10)).zip((2..=10).rev()).map(|(d, w)| d * w).sum();
    let check = if sum % 11 < 2 { sum % 11 } else { 11 - sum % 11 };
    NationalId::parse(&format!("{body}{check}"))
}

/// Applicants' names are made of the catalogue's own Persian words.
fn vocabulary(catalog: &Catalog) -> Vec<String> {
    let mut words: Vec<String> = catalog
        .services
        .iter()
        .flat_map(|s| s.sub_title_fa.split_whitespace())
        .filter(|w| w.chars().count() >= 3 && w.chars().all(char::is_alphabetic))
        .map(str::to_owned)
        .collect();
    words.sort();
    words.dedup();
    words
}

/// The word the clerk types, letter by letter: the catalogue's most frequent word.
fn query_word(catalog: &Catalog) -> String {
    let mut counts = std::collections::BTreeMap::<&str, usize>::new();
    for word in catalog.services.iter().flat_map(|s| s.sub_title_fa.split_whitespace()).filter(|w| w.chars().count() >= 4) {
        *counts.entry(word).or_default() += 1;
    }
    counts.into_iter().max_by_key(|&(_, n)| n).map(|(w, _)| w.to_owned()).unwrap_or_default()
}

/// What the linear scans hold in memory, newest first, read in one pass over every case: each
/// case's tracking code with its folded name words, and with its applicant's ID.
struct Held {
    names: Vec<(String, Vec<String>)>,
    ids: Vec<(String, String)>,
}

fn held_in_memory(db: &Database) -> Result<Held, BenchError> {
    let total = db.search(&SearchQuery { limit: 1, ..SearchQuery::default() })?.total;
    let mut held = Held { names: Vec::with_capacity(total), ids: Vec::with_capacity(total) };
    let mut offset = 0;
    while offset < total {
        let page = db.search(&SearchQuery { offset, limit: 10_000, ..SearchQuery::default() })?;
        offset += page.cases.len().max(1);
        for case in page.cases {
            let code = case.tracking_code.as_str().to_owned();
            held.names.push((code.clone(), fold(&case.applicant.name).split_whitespace().map(str::to_owned).collect()));
            held.ids.push((code, case.applicant.id_number().to_owned()));
        }
    }
    Ok(held)
}

/// How many codes `matches` yields, and the cases of the first page of them, read from the store
/// as `Database::search` answers.
fn first_page<'a>(db: &Database, matches: impl Iterator<Item = &'a String>) -> Result<(usize, Vec<Case>), BenchError> {
    let mut total = 0;
    let mut page = Vec::new();
    for code in matches {
        if page.len() < PAGE {
            page.push(code);
        }
        total += 1;
    }
    let cases =
        page.into_iter().filter_map(|code| crate::domain::tracking::TrackingCode::parse(code).ok()).map(|code| db.case(&code));
    Ok((total, cases.collect::<Result<_, _>>()?))
}

/// The same answer as `Database::search` by name prefix, by looking at every name.
fn linear_search(db: &Database, names: &[(String, Vec<String>)], query: &str) -> Result<(usize, Vec<Case>), BenchError> {
    let wanted: Vec<String> = fold(query).split_whitespace().map(str::to_owned).collect();
    let matches = names.iter().filter(|(_, words)| wanted.iter().all(|q| words.iter().any(|w| w.starts_with(q.as_str()))));
    first_page(db, matches.map(|(code, _)| code))
}

/// The counter's search by part of a code or ID; fewer digits search nothing, as in the counter.
fn digits_search(db: &Database, typed: &str) -> Result<(usize, Vec<Case>), BenchError> {
    if ascii_digits(typed).is_none_or(|d| d.len() < MIN_DIGITS) {
        return Ok((0, Vec::new()));
    }
    let page = db.search(&SearchQuery { digits: Some(typed.to_owned()), limit: PAGE, ..SearchQuery::default() })?;
    Ok((page.total, page.cases))
}

/// The same answer by looking at every code and ID.
fn linear_digits(db: &Database, ids: &[(String, String)], typed: &str) -> Result<(usize, Vec<Case>), BenchError> {
    let Some(digits) = ascii_digits(typed).filter(|d| d.len() >= MIN_DIGITS) else { return Ok((0, Vec::new())) };
    let matches = ids.iter().filter(|(code, id)| code.contains(&digits) || id.contains(&digits));
    first_page(db, matches.map(|(code, _)| code))
}

#[derive(Debug, Clone)]
enum Probe {
    Query(String),
}

struct Screen {
    query: String,
    total: usize,
    cases: Vec<Case>,
}

fn view(screen: &Screen) -> Element<'_, Probe> {
    let rows = screen
        .cases
        .iter()
        .map(|c| rtl::line(Language::Persian, format!("{} — {}", c.tracking_code.as_str(), c.applicant.name), 14.0));
    column![rtl_input("", &screen.query).on_input(Probe::Query), text(screen.total), Column::with_children(rows).spacing(2),]
        .spacing(8)
        .into()
}

/// Types `word` letter by letter into the probe screen; per letter, the search's time and the time
/// from the key to the rasterised frame.
fn keystrokes(
    renderer: &mut iced::Renderer,
    word: &str,
    mut search: impl FnMut(&str) -> Result<(usize, Vec<Case>), BenchError>,
) -> Result<(Timing, Timing), BenchError> {
    let mut screen = Screen { query: String::new(), total: 0, cases: Vec::new() };
    // The screen is on show before the first key, as the counter is when a clerk starts typing:
    // its first frame (39 ms at the first digit of 200,000 cases once) is not a keystroke's.
    let mut ui: UserInterface<'_, Probe> = UserInterface::build(view(&screen), WINDOW, Cache::default(), renderer);
    rasterise(&mut ui, renderer);
    let mut cache = ui.into_cache();
    let (mut searches, mut totals) = (Vec::new(), Vec::new());
    let mut focus = true;
    for letter in word.chars() {
        let started = Instant::now();
        let mut ui: UserInterface<'_, Probe> = UserInterface::build(view(&screen), WINDOW, cache, renderer);
        let mut messages = Vec::new();
        let mut events: Vec<iced::Event> = Vec::new();
        if std::mem::take(&mut focus) {
            events.push(iced::Event::Mouse(iced::mouse::Event::ButtonPressed(iced::mouse::Button::Left)));
        }
        events.extend(key(letter));
        let at = iced::mouse::Cursor::Available(iced::Point::new(WINDOW.width / 2.0, 10.0));
        let _ = ui.update(&events, at, renderer, &mut iced_core::clipboard::Null, &mut messages);
        cache = ui.into_cache();
        let search_started = Instant::now();
        for Probe::Query(query) in messages {
            (screen.total, screen.cases) = search(&query)?;
            screen.query = query;
        }
        searches.push(search_started.elapsed());
        let mut ui: UserInterface<'_, Probe> = UserInterface::build(view(&screen), WINDOW, cache, renderer);
        rasterise(&mut ui, renderer);
        cache = ui.into_cache();
        totals.push(started.elapsed());
    }
    Ok((Timing::of(searches), Timing::of(totals)))
}

fn key(letter: char) -> [iced::Event; 1] {
    use iced::keyboard::key::{NativeCode, Physical};
    use iced::keyboard::{Event, Key, Location, Modifiers};
    let typed: iced_core::SmolStr = letter.to_string().into();
    [iced::Event::Keyboard(Event::KeyPressed {
        key: Key::Character(typed.clone()),
        modified_key: Key::Character(typed.clone()),
        physical_key: Physical::Unidentified(NativeCode::Unidentified),
        location: Location::Standard,
        modifiers: Modifiers::empty(),
        repeat: false,
        text: Some(typed),
    })]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The benchmark's small real run: the linear scan it compares against answers exactly as the
    /// store's index does, and a keystroke reaches a drawn page.
    #[test]
    fn the_linear_scan_answers_like_the_index_and_a_keystroke_draws_a_page() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let catalog = catalog_data::embedded().unwrap_or_else(|e| panic!("{e:?}"));
        let db = Database::create(dir.path(), "1234", "bench").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(fill(&db, &catalog, 45, &mut |_| {}).unwrap_or_else(|e| panic!("{e}")), 45);
        let Held { names, ids } = held_in_memory(&db).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((names.len(), ids.len()), (45, 45));
        let word = query_word(&catalog);
        let prefixes: Vec<String> = (1..=word.chars().count()).map(|n| word.chars().take(n).collect()).collect();
        for query in prefixes.iter().map(String::as_str).chain([names[3].1[0].as_str()]) {
            let indexed = db.search(&SearchQuery { name_prefix: Some(query.to_owned()), limit: PAGE, ..SearchQuery::default() });
            let indexed = indexed.unwrap_or_else(|e| panic!("{e}"));
            let (total, cases) = linear_search(&db, &names, query).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!((total, &cases), (indexed.total, &indexed.cases), "{query}");
        }
        let code = &ids[10].0;
        for n in 1..=7 {
            let typed = crate::i18n::digits::to_persian(&code[code.len() - 7..code.len() - 7 + n]);
            let indexed = digits_search(&db, &typed).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(indexed, linear_digits(&db, &ids, &typed).unwrap_or_else(|e| panic!("{e}")), "{typed}");
        }
        let mut renderer = headless::renderer().unwrap_or_else(|| panic!("no renderer"));
        let (search, keystroke) =
            keystrokes(&mut renderer, &word, |q| linear_search(&db, &names, q)).unwrap_or_else(|e| panic!("{e}"));
        assert!(search.median <= keystroke.median && keystroke.max > Duration::ZERO);
        let session = Session { store: Arc::new(db), catalog: Arc::new(catalog), actor: bench_actor() };
        assert!(counter_frame(&session, &mut renderer) > Duration::ZERO);
        assert!(case_frame(&session, code, &mut renderer).is_ok_and(|d| d > Duration::ZERO));
        assert!(matches!(case_frame(&session, "1234", &mut renderer), Err(BenchError::NoCase)));
    }
}
