//! The case store against `SQLite` on the same workload, in one run (10k and 100k cases;
//! `BAKHSHYAR_BENCH_MILLION=1` adds 1M, `=only` runs 1M alone). docs/benchmarks.md has the figures
//! and the command they were taken with (`cargo bench --profile dev --bench store` with opt-level 3
//! for the project, redb and `SQLite`). It needs the default features: with `--no-default-features`
//! the bench (release) profile stops at `iced_renderer`, which the dev-dependency `iced_test` brings
//! and which refuses a release build without the window's renderer.
//!
//! `SQLite` gets an equivalent schema: the same encoded records, the same composite index tables
//! (WITHOUT ROWID), the outbox as references to events, the opening time beside each case for sorting, WAL and `synchronous=FULL`, one
//! transaction per case (or per batch of 100). Each side runs in a child process of this program, so
//! its peak RSS (`VmHWM`) is its own.
//!
//! Beside the bulk load and the single creates: a case opened with five ticked documents as one
//! durable transaction (p50 and p99; on `SQLite` the case row, six events, their outbox references
//! and the index rows in one transaction), and the counter's five numbers (today, this week,
//! overdue, awaiting the county or province, per service): `Database::counts` and the overdue
//! total on the store, `COUNT` queries over the same indexes on `SQLite`.
// Figures are printed as floating point; counts up to 1M convert to f64 exactly.
#![allow(clippy::cast_precision_loss)]

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use rusqlite::{Connection, OptionalExtension};

use bakhshyar::catalog_data;
use bakhshyar::domain::applicant::{Applicant, ApplicantIdentity, NationalId};
use bakhshyar::domain::calendar::JalaliDate;
use bakhshyar::domain::case::{Case, Context};
use bakhshyar::domain::catalog::Catalog;
use bakhshyar::domain::role::{Actor, Role};
use bakhshyar::domain::text::fold;
use bakhshyar::domain::tracking::TrackingCode;
use bakhshyar::domain::workflow::Office;
use bakhshyar::office::{self, NewCase};
use bakhshyar::store::record::{CaseRecordV1, EventRecordV1, decode, encode};
use bakhshyar::store::{Database, SearchQuery};

const FIRST: [&str; 20] = [
    "علی",
    "محمد",
    "حسین",
    "رضا",
    "مهدی",
    "زهرا",
    "فاطمه",
    "مریم",
    "سارا",
    "نرگس",
    "امیر",
    "حمید",
    "سعید",
    "مجید",
    "لیلا",
    "شیرین",
    "بهرام",
    "کاوه",
    "یاسمن",
    "پریسا",
];
const LAST: [&str; 25] = [
    "رضایی",
    "احمدی",
    "محمدی",
    "حسینی",
    "کاظمی",
    "موسوی",
    "کریمی",
    "جعفری",
    "صادقی",
    "رحیمی",
    "نوری",
    "اکبری",
    "قاسمی",
    "عباسی",
    "سلطانی",
    "شریفی",
    "مرادی",
    "یزدانی",
    "طاهری",
    "فرهادی",
    "کرمانی",
    "تهرانی",
    "شیرازی",
    "اصفهانی",
    "تبریزی",
];
const PLAIN_SERVICES: [&str; 2] = ["1", "2"];
/// Given a time limit at their first step by `services`.
const TIMED_SERVICES: [&str; 2] = ["3", "31"];
/// Its first step is made the county office's by `services`, so a quarter of the cases await the county.
const UPSTREAM_SERVICE: &str = "31";
/// A service with eight checklist items: the cases opened with their documents ticked.
const DOCUMENT_SERVICE: &str = "29";
/// The checklist items ticked when such a case opens.
const RECEIVED: [usize; 5] = [0, 1, 2, 3, 4];
const BATCH: usize = 100;
const SINGLES: usize = 200;
/// Cases opened with five documents, one durable transaction each (enough for a p99).
const DOCUMENT_OPENS: usize = 500;
const LOOKUPS: usize = 500;
const SEARCHES: usize = 100;
/// Runs of the counter's five counts; the median is reported.
const COUNT_RUNS: usize = 50;
/// Days in the counter's "this week".
const WEEK_DAYS: usize = 7;
/// Iran Standard Time (UTC+03:30): the counter's days start at midnight there.
const IRAN_OFFSET_MILLIS: i64 = 12_600_000;
const DAY_MILLIS: i64 = 86_400_000;

/// One side's figures at one size.
#[derive(Debug, Default, Clone, Copy)]
struct Figures {
    batch_per_s: f64,
    single_ms: f64,
    /// The median single create: the mean moves with the odd slow sync of a shared disk.
    single_median_ms: f64,
    single_p99_ms: f64,
    /// A case opened with five ticked documents, one durable transaction: median and 99th percentile.
    documents_p50_ms: f64,
    documents_p99_ms: f64,
    code_us: f64,
    id_us: f64,
    name_us: f64,
    overdue_us: f64,
    /// The counter's five counts together, median of `COUNT_RUNS`.
    counts_ms: f64,
    /// What they counted, so the two sides can be checked against each other.
    counted: Counter,
    /// The store's file alone (redb keeps no log beside it); `SQLite`'s with its `-wal`.
    file_mb: f64,
    /// What the file takes on disk (allocated blocks): redb extends its file before it writes
    /// there, and on Linux the part never written is a hole that takes no disk.
    disk_mb: f64,
    rss_mb: f64,
}

/// The counter's five numbers; per service as the number of services and their sum.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
struct Counter {
    today: f64,
    week: f64,
    overdue: f64,
    upstream: f64,
    services: f64,
    service_cases: f64,
}

impl Figures {
    fn line(&self) -> String {
        let f = self;
        let c = &f.counted;
        let v = [
            f.batch_per_s,
            f.single_ms,
            f.single_median_ms,
            f.single_p99_ms,
            f.documents_p50_ms,
            f.documents_p99_ms,
            f.code_us,
            f.id_us,
            f.name_us,
            f.overdue_us,
            f.counts_ms,
            c.today,
            c.week,
            c.overdue,
            c.upstream,
            c.services,
            c.service_cases,
            f.file_mb,
            f.disk_mb,
            f.rss_mb,
        ];
        v.map(|x| x.to_string()).join(" ")
    }

    fn parse(line: &str) -> Option<Self> {
        let v: Vec<f64> = line.split_whitespace().filter_map(|x| x.parse().ok()).collect();
        let &[
            batch_per_s,
            single_ms,
            single_median_ms,
            single_p99_ms,
            documents_p50_ms,
            documents_p99_ms,
            code_us,
            id_us,
            name_us,
            overdue_us,
            counts_ms,
            today,
            week,
            overdue,
            upstream,
            services,
            service_cases,
            file_mb,
            disk_mb,
            rss_mb,
        ] = v.as_slice()
        else {
            return None;
        };
        Some(Self {
            batch_per_s,
            single_ms,
            single_median_ms,
            single_p99_ms,
            documents_p50_ms,
            documents_p99_ms,
            code_us,
            id_us,
            name_us,
            overdue_us,
            counts_ms,
            counted: Counter { today, week, overdue, upstream, services, service_cases },
            file_mb,
            disk_mb,
            rss_mb,
        })
    }
}

/// A valid national ID for case `i`, unique per case.
fn national_id(i: usize) -> String {
    let base = format!("{:09}", 100_000_000 + i);
    let sum: u32 = base.bytes().enumerate().map(|(k, b)| u32::from(b - b'0') * (10 - u32::try_from(k).unwrap_or(0))).sum();
    let r = sum % 11;
    format!("{base}{}", if r < 2 { r } else { 11 - r })
}

fn applicant(i: usize) -> Applicant {
    let national_id = NationalId::parse(&national_id(i)).unwrap_or_else(|e| panic!("{e}"));
    let name = format!("{} {}", FIRST[i % FIRST.len()], LAST[(i / FIRST.len()) % LAST.len()]);
    Applicant::new(ApplicantIdentity::Person { national_id }, &name, None).unwrap_or_else(|e| panic!("{e}"))
}

/// Cases are spread over the year before the run, one batch per step of time.
/// Up to 500k cases fall in one Solar Hijri year; more are spread over two, since a year's tracking
/// codes stop at 999 999.
fn when(i: usize, n: usize) -> DateTime<Utc> {
    let start = Utc.with_ymd_and_hms(2026, 3, 21, 8, 0, 0).single().unwrap_or_else(Utc::now);
    let days = if n > 500_000 { 600 } else { 300 };
    let seconds = i64::try_from(i * days * 24 * 3600 / n.max(1)).unwrap_or(0);
    start + chrono::Duration::seconds(seconds)
}

static SERVICES: OnceLock<Vec<String>> = OnceLock::new();

fn service_of(i: usize) -> &'static str {
    let services = SERVICES.get().map_or(&[][..], Vec::as_slice);
    services[i % services.len()].as_str()
}

/// The bench's four services; the first step of the last two gets a five-day time limit (no
/// service's first step has one in the catalogue), so half the cases sit in the overdue index, and
/// the last one's first step is the county office's, so a quarter of the cases await the county.
fn services(catalog: &mut Catalog) -> Vec<String> {
    let actor = actor();
    let ctx = Context { actor: &actor, at: when(0, 1), note: None };
    let code = TrackingCode::compose("77", 1405, 1).unwrap_or_else(|e| panic!("{e}"));
    for number in TIMED_SERVICES {
        let first = catalog.find(number).and_then(|s| Case::open(code.clone(), s, &catalog.version, applicant(0), &ctx).ok());
        let step = first.unwrap_or_else(|| panic!("service {number}")).0.step;
        let service = catalog.services.iter_mut().find(|s| s.number.to_string() == number);
        let node = service.and_then(|s| s.workflow.nodes.iter_mut().find(|n| n.id == step));
        let node = node.unwrap_or_else(|| panic!("step {step}"));
        node.time_limit_days = Some(5);
        if number == UPSTREAM_SERVICE {
            node.actor = Some(Office::CountyOffice);
        }
    }
    let checklist = catalog.find(DOCUMENT_SERVICE).map_or(0, |s| s.documents_fa.len());
    assert!(checklist >= RECEIVED.len(), "service {DOCUMENT_SERVICE} has {checklist} checklist items");
    PLAIN_SERVICES.iter().chain(&TIMED_SERVICES).map(|s| (*s).to_owned()).collect()
}

/// The tracking code case `i` got: a batch takes the year of its first case's time, and each
/// year's sequence starts at 1.
fn code_of(i: usize, n: usize) -> String {
    let year_of = |i: usize| JalaliDate::at_iran(when(i - i % BATCH, n)).year;
    let year = year_of(i);
    let first = (0..=i).step_by(BATCH).find(|&k| year_of(k) == year).unwrap_or(0);
    let sequence = u32::try_from(i - first + 1).unwrap_or(u32::MAX);
    let code = TrackingCode::compose("77", u16::try_from(year).unwrap_or(0), sequence);
    code.unwrap_or_else(|e| panic!("{e}")).as_str().to_owned()
}

fn actor() -> Actor {
    Actor { user_id: "bench".into(), name: "bench".into(), role: Role::Clerk }
}

/// Peak resident set of this process, in MB.
fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status.lines().find_map(|l| l.strip_prefix("VmHWM:")).and_then(|v| v.split_whitespace().next()?.parse::<f64>().ok());
    kb.unwrap_or(0.0) / 1024.0
}

fn mean_us(total: Duration, count: usize) -> f64 {
    total.as_secs_f64() * 1e6 / count.max(1) as f64
}

/// The nearest-rank percentile `pct` of sorted figures.
fn percentile(sorted: &[f64], pct: usize) -> f64 {
    sorted[(sorted.len() * pct).div_ceil(100).saturating_sub(1)]
}

/// The start of the day in Iran that `at` falls in, `days_back` days before, in Unix milliseconds.
fn iran_day_start(at: DateTime<Utc>, days_back: i64) -> i64 {
    let day = (at.timestamp_millis() + IRAN_OFFSET_MILLIS).div_euclid(DAY_MILLIS) - days_back;
    day * DAY_MILLIS - IRAN_OFFSET_MILLIS
}

/// Deterministic picks spread over the cases.
fn picks(n: usize, count: usize) -> impl Iterator<Item = usize> {
    (0..count).map(move |k| (k * 7_919 + 13) % n)
}

trait Store {
    fn create_batch(&mut self, catalog: &Catalog, first: usize, count: usize, n: usize);
    fn create_one(&mut self, catalog: &Catalog, i: usize, n: usize);
    /// Opens case `i` of `DOCUMENT_SERVICE` with the `RECEIVED` items ticked, one durable transaction.
    fn create_with_documents(&mut self, catalog: &Catalog, i: usize, n: usize);
    /// The counter's five numbers at `now`.
    fn counts(&self, now: DateTime<Utc>) -> Counter;
    fn by_code(&self, code: &str) -> Case;
    /// (total, page of 20) for one national ID or one name-word prefix.
    fn by_id(&self, id: &str) -> (usize, Vec<Case>);
    fn by_name(&self, prefix: &str) -> (usize, Vec<Case>);
    /// (total, page of 20) of the cases overdue at `at`, longest overdue first.
    fn overdue(&self, at: DateTime<Utc>) -> (usize, Vec<Case>);
    fn file(&self) -> &Path;
}

fn run_side(side: &str, n: usize) -> Figures {
    let mut catalog = catalog_data::embedded().unwrap_or_else(|e| panic!("{e:?}"));
    SERVICES.get_or_init(|| services(&mut catalog));
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut store: Box<dyn Store> =
        if side == "redb" { Box::new(Redb::new(dir.path())) } else { Box::new(Sqlite::new(dir.path())) };
    let started = Instant::now();
    for first in (0..n).step_by(BATCH) {
        store.create_batch(&catalog, first, BATCH.min(n - first), n);
    }
    let batch_per_s = n as f64 / started.elapsed().as_secs_f64();
    settle(store.file());
    let mut singles: Vec<f64> = (0..SINGLES)
        .map(|k| {
            let started = Instant::now();
            store.create_one(&catalog, n + k, n);
            started.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    let single_ms = singles.iter().sum::<f64>() / SINGLES as f64;
    singles.sort_by(f64::total_cmp);
    let single_median_ms = singles[SINGLES / 2];
    let single_p99_ms = percentile(&singles, 99);
    let mut opens: Vec<f64> = (0..DOCUMENT_OPENS)
        .map(|k| {
            let started = Instant::now();
            store.create_with_documents(&catalog, n + SINGLES + k, n);
            started.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    opens.sort_by(f64::total_cmp);
    let (documents_p50_ms, documents_p99_ms) = (percentile(&opens, 50), percentile(&opens, 99));
    let codes: Vec<String> = picks(n, LOOKUPS).map(|i| code_of(i, n)).collect();
    let started = Instant::now();
    for code in &codes {
        assert_eq!(store.by_code(code).tracking_code.as_str(), code);
    }
    let code_us = mean_us(started.elapsed(), codes.len());
    let started = Instant::now();
    for i in picks(n, LOOKUPS) {
        assert_eq!(store.by_id(&national_id(i)).0, 1);
    }
    let id_us = mean_us(started.elapsed(), LOOKUPS);
    let started = Instant::now();
    for k in 0..SEARCHES {
        // Two or three letters of a last name: thousands of matches at 100k, one page shown.
        let last = LAST[k % LAST.len()];
        let prefix: String = last.chars().take(2 + k % 2).collect();
        let (total, page) = store.by_name(&prefix);
        assert!(total >= page.len() && !page.is_empty());
    }
    let name_us = mean_us(started.elapsed(), SEARCHES);
    let started = Instant::now();
    for k in 0..SEARCHES {
        // Instants across the second half of the year: from a few overdue cases to most of them.
        let (total, page) = store.overdue(when(n / 2 + k * n / (2 * SEARCHES), n));
        assert!(total >= page.len() && !page.is_empty());
    }
    let overdue_us = mean_us(started.elapsed(), SEARCHES);
    // An hour after the last cases opened: the counter on the last day of the data.
    let now = when(n - 1, n) + chrono::Duration::hours(1);
    let mut counted = Counter::default();
    let mut runs: Vec<f64> = (0..COUNT_RUNS)
        .map(|_| {
            let started = Instant::now();
            counted = store.counts(now);
            started.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    runs.sort_by(f64::total_cmp);
    let counts_ms = percentile(&runs, 50);
    let (file_bytes, disk_bytes) = if side == "redb" { sizes(&[store.file()]) } else { sizes(&with_its_log(store.file())) };
    let file_mb = file_bytes as f64 / 1e6;
    let disk_mb = disk_bytes as f64 / 1e6;
    let rss_mb = peak_rss_mb();
    let file = store.file().to_path_buf();
    drop(store);
    if side == "redb" {
        eprint!("{}", table_sizes(&file));
    }
    Figures {
        batch_per_s,
        single_ms,
        single_median_ms,
        single_p99_ms,
        documents_p50_ms,
        documents_p99_ms,
        code_us,
        id_us,
        name_us,
        overdue_us,
        counts_ms,
        counted,
        file_mb,
        disk_mb,
        rss_mb,
    }
}

/// The file and a write-ahead log beside it (`<file>-wal`: `SQLite`'s; redb keeps none).
fn with_its_log(file: &Path) -> [std::ffi::OsString; 2] {
    let mut log = file.as_os_str().to_os_string();
    log.push("-wal");
    [file.as_os_str().to_os_string(), log]
}

/// The files' length and allocated bytes together (a file that is not there counts nothing).
fn sizes(files: &[impl AsRef<Path>]) -> (u64, u64) {
    files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .fold((0, 0), |(len, disk), m| (len + m.len(), disk + allocated_bytes(&m)))
}

/// Writes back what the bulk load left in the OS's cache for the file and its log, so the single
/// creates' syncs do not queue behind tens of megabytes of another phase's writeback (single
/// creates moved 2× between runs without it).
fn settle(file: &Path) {
    for path in with_its_log(file) {
        if let Ok(opened) = std::fs::File::open(path) {
            opened.sync_all().unwrap_or_else(|e| panic!("{e}"));
        }
    }
}

/// The bytes the file's allocated blocks take; elsewhere than Unix, its length.
#[cfg(unix)]
fn allocated_bytes(metadata: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::blocks(metadata) * 512
}

#[cfg(not(unix))]
fn allocated_bytes(metadata: &std::fs::Metadata) -> u64 {
    metadata.len()
}

/// What each table of the redb file takes: stored bytes and whole pages, in MB.
fn table_sizes(file: &Path) -> String {
    use redb::{ReadableDatabase, ReadableTableMetadata};
    let db = redb::Database::open(file).unwrap_or_else(|e| panic!("{e}"));
    let txn = db.begin_read().unwrap_or_else(|e| panic!("{e}"));
    let mut out = String::new();
    for handle in txn.list_tables().unwrap_or_else(|e| panic!("{e}")) {
        let name = redb::TableHandle::name(&handle).to_owned();
        let stats = txn.open_untyped_table(handle).and_then(|t| Ok(t.stats()?)).unwrap_or_else(|e| panic!("{e}"));
        let pages = (stats.leaf_pages() + stats.branch_pages()) * 4096;
        let _ = writeln!(
            out,
            "    {name:<22} stored {:>8.1} MB  in pages {:>8.1} MB  fragmented {:>7.1} MB",
            stats.stored_bytes() as f64 / 1e6,
            pages as f64 / 1e6,
            stats.fragmented_bytes() as f64 / 1e6
        );
    }
    out
}

struct Redb {
    db: Database,
}

impl Redb {
    fn new(dir: &Path) -> Self {
        Self { db: Database::create(dir, "77", "بخش سنجش").unwrap_or_else(|e| panic!("{e}")) }
    }

    fn page(&self, query: &SearchQuery) -> (usize, Vec<Case>) {
        let page = self.db.search(query).unwrap_or_else(|e| panic!("{e}"));
        (page.total, page.cases)
    }
}

impl Store for Redb {
    fn create_batch(&mut self, catalog: &Catalog, first: usize, count: usize, n: usize) {
        let actor = actor();
        let ctx = Context { actor: &actor, at: when(first, n), note: None };
        let requests = (first..first + count).map(|i| (service_of(i), applicant(i)));
        self.db.open_cases(catalog, requests, &ctx).unwrap_or_else(|e| panic!("{e}"));
    }

    fn create_one(&mut self, catalog: &Catalog, i: usize, n: usize) {
        let actor = actor();
        let ctx = Context { actor: &actor, at: when(n - 1, n), note: None };
        self.db.open_case(catalog, service_of(i), applicant(i), &ctx).unwrap_or_else(|e| panic!("{e}"));
    }

    fn create_with_documents(&mut self, catalog: &Catalog, i: usize, n: usize) {
        let actor = actor();
        let ctx = Context { actor: &actor, at: when(n - 1, n), note: None };
        let request = NewCase { service: DOCUMENT_SERVICE, applicant: applicant(i), received: RECEIVED.to_vec() };
        let case = office::open_case(&self.db, catalog, request, &ctx).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(case.history.len(), 1 + RECEIVED.len());
    }

    fn counts(&self, now: DateTime<Utc>) -> Counter {
        let counts = self.db.counts(now, WEEK_DAYS).unwrap_or_else(|e| panic!("{e}"));
        let overdue = self.db.overdue(now, 0, 5).unwrap_or_else(|e| panic!("{e}")).total;
        let waiting = |office: Office| counts.waiting.iter().find(|(key, _)| key == office.key()).map_or(0, |(_, n)| *n);
        Counter {
            today: counts.opened_by_day.first().copied().unwrap_or(0) as f64,
            week: counts.opened_by_day.iter().sum::<u64>() as f64,
            overdue: overdue as f64,
            upstream: (waiting(Office::CountyOffice) + waiting(Office::Governorate)) as f64,
            services: counts.services.len() as f64,
            service_cases: counts.services.iter().map(|(_, n)| n).sum::<u64>() as f64,
        }
    }

    fn by_code(&self, code: &str) -> Case {
        let code = TrackingCode::parse(code).unwrap_or_else(|e| panic!("{e}"));
        self.db.case(&code).unwrap_or_else(|e| panic!("{e}"))
    }

    fn by_id(&self, id: &str) -> (usize, Vec<Case>) {
        self.page(&SearchQuery { national_id: Some(id.to_owned()), ..SearchQuery::default() })
    }

    fn by_name(&self, prefix: &str) -> (usize, Vec<Case>) {
        self.page(&SearchQuery { name_prefix: Some(prefix.to_owned()), ..SearchQuery::default() })
    }

    fn overdue(&self, at: DateTime<Utc>) -> (usize, Vec<Case>) {
        let page = self.db.overdue(at, 0, 20).unwrap_or_else(|e| panic!("{e}"));
        (page.total, page.cases)
    }

    fn file(&self) -> &Path {
        self.db.path()
    }
}

struct Sqlite {
    conn: Connection,
    path: std::path::PathBuf,
}

const TEXT_INDEXES: [&str; 6] = ["identity", "name", "service", "status", "step", "office"];

impl Sqlite {
    fn new(dir: &Path) -> Self {
        let path = dir.join("bakhshyar.sqlite");
        let conn = Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
        let mut schema = String::from(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;
             CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
             CREATE TABLE cases(code TEXT PRIMARY KEY, opened INTEGER NOT NULL, record BLOB NOT NULL) WITHOUT ROWID;
             CREATE TABLE events(code TEXT, seq INTEGER, record BLOB NOT NULL, PRIMARY KEY(code, seq)) WITHOUT ROWID;
             CREATE TABLE outbox(id INTEGER PRIMARY KEY, code TEXT NOT NULL, seq INTEGER NOT NULL);
             CREATE TABLE index_opened(at INTEGER, code TEXT, PRIMARY KEY(at, code)) WITHOUT ROWID;
             CREATE TABLE index_deadline(at INTEGER, code TEXT, PRIMARY KEY(at, code)) WITHOUT ROWID;",
        );
        for index in TEXT_INDEXES {
            let _ = write!(schema, "CREATE TABLE index_{index}(key TEXT, code TEXT, PRIMARY KEY(key, code)) WITHOUT ROWID;");
        }
        conn.execute_batch(&schema).unwrap_or_else(|e| panic!("{e}"));
        Self { conn, path }
    }

    /// The same steps as the store's `open_case_with_documents`: next code from meta, the opening
    /// and each ticked document's event with its outbox reference, projection, indexes.
    fn insert(tx: &rusqlite::Transaction<'_>, catalog: &Catalog, service: &str, i: usize, received: &[usize], ctx: &Context<'_>) {
        let run = |sql: &str, p: &[&dyn rusqlite::ToSql]| {
            tx.prepare_cached(sql).and_then(|mut s| s.execute(p)).unwrap_or_else(|e| panic!("{sql}: {e}"));
        };
        let year = JalaliDate::at_iran(ctx.at).year;
        let key = format!("next_sequence/{year}");
        let next: u32 = tx
            .prepare_cached("SELECT value FROM meta WHERE key = ?1")
            .and_then(|mut s| s.query_row([&key], |r| r.get::<_, String>(0)).optional())
            .unwrap_or_else(|e| panic!("{e}"))
            .and_then(|v| v.parse().ok())
            .unwrap_or(1);
        run("INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)", &[&key, &(next + 1).to_string()]);
        let code = TrackingCode::compose("77", u16::try_from(year).unwrap_or(0), next).unwrap_or_else(|e| panic!("{e}"));
        let service = catalog.find(service).unwrap_or_else(|| panic!("service"));
        let (mut case, event) = Case::open(code, service, &catalog.version, applicant(i), ctx).unwrap_or_else(|e| panic!("{e}"));
        let mut events = vec![event];
        for &item in received {
            let event = case.mark_document(item, true, ctx).unwrap_or_else(|e| panic!("{e}"));
            case.apply(&event).unwrap_or_else(|e| panic!("{e}"));
            events.push(event);
        }
        let c = case.tracking_code.as_str();
        for event in &events {
            let bytes = encode(&EventRecordV1::from_domain(event));
            run("INSERT INTO events(code, seq, record) VALUES (?1, ?2, ?3)", &[&c, &event.sequence, &bytes]);
            run("INSERT INTO outbox(code, seq) VALUES (?1, ?2)", &[&c, &event.sequence]);
        }
        let office = service.workflow.node(&case.step).and_then(|n| n.actor).map(|o| o.key().to_owned());
        let record = CaseRecordV1::from_domain(&case, case.deadline(&service.workflow), office.clone());
        let opened = record.opened_at.timestamp_millis();
        run("INSERT INTO cases(code, opened, record) VALUES (?1, ?2, ?3)", &[&c, &opened, &encode(&record)]);
        run("INSERT INTO index_opened(at, code) VALUES (?1, ?2)", &[&opened, &c]);
        if let Some(deadline) = record.deadline {
            run("INSERT INTO index_deadline(at, code) VALUES (?1, ?2)", &[&deadline.timestamp_millis(), &c]);
        }
        let words: BTreeSet<String> = fold(&record.applicant.name).split_whitespace().map(str::to_owned).collect();
        let mut keys: Vec<(&str, String)> = words.into_iter().map(|w| ("name", w)).collect();
        keys.extend([
            ("identity", record.applicant.id_number.clone()),
            ("service", record.service_key.clone()),
            ("status", record.status.clone()),
            ("step", record.step.clone()),
        ]);
        keys.extend(office.map(|o| ("office", o)));
        for (index, key) in keys {
            run(&format!("INSERT INTO index_{index}(key, code) VALUES (?1, ?2)"), &[&key, &c]);
        }
    }

    fn load(&self, code: &str) -> Case {
        let record: Vec<u8> = self
            .conn
            .prepare_cached("SELECT record FROM cases WHERE code = ?1")
            .and_then(|mut s| s.query_row([code], |r| r.get(0)))
            .unwrap_or_else(|e| panic!("{e}"));
        let mut statement =
            self.conn.prepare_cached("SELECT record FROM events WHERE code = ?1 ORDER BY seq").unwrap_or_else(|e| panic!("{e}"));
        let rows = statement.query_map([code], |r| r.get::<_, Vec<u8>>(0)).unwrap_or_else(|e| panic!("{e}"));
        let history = rows
            .map(|bytes| decode::<EventRecordV1>(&bytes.unwrap_or_default()).and_then(|r| r.to_domain()))
            .collect::<Result<Vec<_>, _>>()
            .unwrap_or_else(|e| panic!("{e}"));
        let record: CaseRecordV1 = decode(&record).unwrap_or_else(|e| panic!("{e}"));
        record.to_domain(history).unwrap_or_else(|e| panic!("{e}"))
    }

    /// Total and newest 20 of the cases whose `index` key lies in `low..high`.
    fn page(&self, index: &str, low: &str, high: &str) -> (usize, Vec<Case>) {
        let total: i64 = self
            .conn
            .prepare_cached(&format!("SELECT count(DISTINCT code) FROM index_{index} WHERE key >= ?1 AND key < ?2"))
            .and_then(|mut s| s.query_row([low, high], |r| r.get(0)))
            .unwrap_or_else(|e| panic!("{e}"));
        let sql = format!(
            "SELECT DISTINCT c.code, c.opened FROM index_{index} i JOIN cases c ON c.code = i.code
             WHERE i.key >= ?1 AND i.key < ?2 ORDER BY c.opened DESC, c.code DESC LIMIT 20"
        );
        let mut statement = self.conn.prepare_cached(&sql).unwrap_or_else(|e| panic!("{e}"));
        let codes: Vec<String> =
            statement.query_map([low, high], |r| r.get(0)).and_then(Iterator::collect).unwrap_or_else(|e| panic!("{e}"));
        (usize::try_from(total).unwrap_or(0), codes.iter().map(|c| self.load(c)).collect())
    }
}

impl Store for Sqlite {
    fn create_batch(&mut self, catalog: &Catalog, first: usize, count: usize, n: usize) {
        let actor = actor();
        let ctx = Context { actor: &actor, at: when(first, n), note: None };
        let tx = self.conn.transaction().unwrap_or_else(|e| panic!("{e}"));
        for i in first..first + count {
            Self::insert(&tx, catalog, service_of(i), i, &[], &ctx);
        }
        tx.commit().unwrap_or_else(|e| panic!("{e}"));
    }

    fn create_one(&mut self, catalog: &Catalog, i: usize, n: usize) {
        let actor = actor();
        let ctx = Context { actor: &actor, at: when(n - 1, n), note: None };
        let tx = self.conn.transaction().unwrap_or_else(|e| panic!("{e}"));
        Self::insert(&tx, catalog, service_of(i), i, &[], &ctx);
        tx.commit().unwrap_or_else(|e| panic!("{e}"));
    }

    fn create_with_documents(&mut self, catalog: &Catalog, i: usize, n: usize) {
        let actor = actor();
        let ctx = Context { actor: &actor, at: when(n - 1, n), note: None };
        let tx = self.conn.transaction().unwrap_or_else(|e| panic!("{e}"));
        Self::insert(&tx, catalog, DOCUMENT_SERVICE, i, &RECEIVED, &ctx);
        tx.commit().unwrap_or_else(|e| panic!("{e}"));
    }

    /// The same five numbers by `COUNT` over the indexes: openings since the day's (and the
    /// week's) start in Iran, deadlines passed, the county's and province's office keys, and the
    /// service index grouped by service.
    fn counts(&self, now: DateTime<Utc>) -> Counter {
        let count = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> f64 {
            let found: i64 =
                self.conn.prepare_cached(sql).and_then(|mut s| s.query_row(p, |r| r.get(0))).unwrap_or_else(|e| panic!("{e}"));
            found as f64
        };
        let opened = "SELECT count(*) FROM index_opened WHERE at >= ?1 AND at < ?2";
        let tomorrow = iran_day_start(now, -1);
        let today = count(opened, &[&iran_day_start(now, 0), &tomorrow]);
        let week_back = i64::try_from(WEEK_DAYS).unwrap_or(0) - 1;
        let week = count(opened, &[&iran_day_start(now, week_back), &tomorrow]);
        let overdue = count("SELECT count(*) FROM index_deadline WHERE at < ?1", &[&now.timestamp_millis()]);
        let (county, province) = (Office::CountyOffice.key(), Office::Governorate.key());
        let upstream = count("SELECT count(*) FROM index_office WHERE key IN (?1, ?2)", &[&county, &province]);
        let mut statement =
            self.conn.prepare_cached("SELECT key, count(*) FROM index_service GROUP BY key").unwrap_or_else(|e| panic!("{e}"));
        let by_service: Vec<(String, i64)> =
            statement.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).and_then(Iterator::collect).unwrap_or_else(|e| panic!("{e}"));
        Counter {
            today,
            week,
            overdue,
            upstream,
            services: by_service.len() as f64,
            service_cases: by_service.iter().map(|(_, n)| *n).sum::<i64>() as f64,
        }
    }

    fn by_code(&self, code: &str) -> Case {
        self.load(code)
    }

    fn by_id(&self, id: &str) -> (usize, Vec<Case>) {
        self.page("identity", id, &format!("{id}\u{0}"))
    }

    fn by_name(&self, prefix: &str) -> (usize, Vec<Case>) {
        let folded = fold(prefix);
        self.page("name", &folded, &format!("{folded}\u{10FFFF}"))
    }

    fn overdue(&self, at: DateTime<Utc>) -> (usize, Vec<Case>) {
        let at = at.timestamp_millis();
        let total: i64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM index_deadline WHERE at < ?1")
            .and_then(|mut s| s.query_row([at], |r| r.get(0)))
            .unwrap_or_else(|e| panic!("{e}"));
        let mut statement = self
            .conn
            .prepare_cached("SELECT code FROM index_deadline WHERE at < ?1 ORDER BY at, code LIMIT 20")
            .unwrap_or_else(|e| panic!("{e}"));
        let codes: Vec<String> =
            statement.query_map([at], |r| r.get(0)).and_then(Iterator::collect).unwrap_or_else(|e| panic!("{e}"));
        (usize::try_from(total).unwrap_or(0), codes.iter().map(|c| self.load(c)).collect())
    }

    fn file(&self) -> &Path {
        &self.path
    }
}

fn child(side: &str, n: usize) -> Figures {
    let exe = std::env::current_exe().unwrap_or_else(|e| panic!("{e}"));
    let started = Instant::now();
    let output = Command::new(exe).args(["--side", side, &n.to_string()]).output().unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&output.stdout);
    print!("{}", String::from_utf8_lossy(&output.stderr));
    println!("  {side} at {n} cases: {:.0} s from start to finish", started.elapsed().as_secs_f64());
    Figures::parse(text.trim()).unwrap_or_else(|| panic!("{side} at {n}: {text}{}", String::from_utf8_lossy(&output.stderr)))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, side, n] = args.as_slice()
        && flag == "--side"
    {
        let n = n.parse().unwrap_or_else(|e| panic!("{e}"));
        println!("{}", run_side(side, n).line());
        return;
    }
    let million = std::env::var("BAKHSHYAR_BENCH_MILLION").unwrap_or_default();
    let mut sizes = if million == "only" { Vec::new() } else { vec![10_000, 100_000] };
    if million == "1" || million == "only" {
        sizes.push(1_000_000);
    }
    println!("redb store vs SQLite (WAL, synchronous=FULL); ratio = redb / SQLite, below 1 means redb is better");
    for n in sizes {
        let (r, s) = (child("redb", n), child("sqlite", n));
        println!("\n{n} cases");
        let row = |what: &str, r: f64, s: f64, unit: &str| {
            let digits = if unit == "ms" { 2 } else { 1 };
            // A ratio far below 1 is shown to four decimals.
            let ratio = r / s;
            let ratio_digits = if ratio < 0.1 { 4 } else { 2 };
            println!("  {what:<38} redb {r:>10.digits$} {unit:<6} SQLite {s:>10.digits$} {unit:<6} ratio {ratio:.ratio_digits$}");
        };
        row("create, batches of 100 (per case)", 1e6 / r.batch_per_s, 1e6 / s.batch_per_s, "µs");
        row("create one case, durable commit", r.single_ms, s.single_ms, "ms");
        row("  the same, median of 200", r.single_median_ms, s.single_median_ms, "ms");
        row("  the same, p99 of 200", r.single_p99_ms, s.single_p99_ms, "ms");
        row("open with 5 documents, durable, p50", r.documents_p50_ms, s.documents_p50_ms, "ms");
        row("  the same, p99 of 500", r.documents_p99_ms, s.documents_p99_ms, "ms");
        row("lookup by tracking code (with history)", r.code_us, s.code_us, "µs");
        row("lookup by national ID (page)", r.id_us, s.id_us, "µs");
        row("name prefix search (total + 20 rows)", r.name_us, s.name_us, "µs");
        row("overdue list (total + 20 rows)", r.overdue_us, s.overdue_us, "µs");
        row("counter's five counts, median of 50", r.counts_ms * 1e3, s.counts_ms * 1e3, "µs");
        row("file size (redb alone; SQLite + -wal)", r.file_mb, s.file_mb, "MB");
        row("on disk, allocated blocks (same files)", r.disk_mb, s.disk_mb, "MB");
        row("peak RSS", r.rss_mb, s.rss_mb, "MB");
        let c = r.counted;
        println!(
            "  counted: today {}, this week {}, overdue {}, awaiting county/province {}, {} services holding {} cases",
            c.today, c.week, c.overdue, c.upstream, c.services, c.service_cases
        );
        assert_eq!(r.counted, s.counted, "the two sides count differently");
    }
}
