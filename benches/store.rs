//! The case store against `SQLite` on the same workload, in one run:
//! `cargo bench --no-default-features --features cli --bench store` (10k and 100k cases;
//! `BAKHSHYAR_BENCH_MILLION=1` adds 1M, `=only` runs 1M alone). docs/store-bench.md has the figures and the exact command.
//!
//! `SQLite` gets an equivalent schema: the same encoded records, the same composite index tables
//! (WITHOUT ROWID), the outbox as references to events, the opening time beside each case for sorting, WAL and `synchronous=FULL`, one
//! transaction per case (or per batch of 100). Each side runs in a child process of this program, so
//! its peak RSS (`VmHWM`) is its own.
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
const BATCH: usize = 100;
const SINGLES: usize = 200;
const LOOKUPS: usize = 500;
const SEARCHES: usize = 100;

/// One side's figures at one size.
#[derive(Debug, Default, Clone, Copy)]
struct Figures {
    batch_per_s: f64,
    single_ms: f64,
    /// The median single create: the mean moves with the odd slow sync of a shared disk.
    single_median_ms: f64,
    code_us: f64,
    id_us: f64,
    name_us: f64,
    overdue_us: f64,
    file_mb: f64,
    /// What the file takes on disk (allocated blocks): redb extends its file before it writes
    /// there, and on Linux the part never written is a hole that takes no disk.
    disk_mb: f64,
    rss_mb: f64,
}

impl Figures {
    fn line(&self) -> String {
        let f = self;
        let v = [
            f.batch_per_s,
            f.single_ms,
            f.single_median_ms,
            f.code_us,
            f.id_us,
            f.name_us,
            f.overdue_us,
            f.file_mb,
            f.disk_mb,
            f.rss_mb,
        ];
        v.map(|x| x.to_string()).join(" ")
    }

    fn parse(line: &str) -> Option<Self> {
        let v: Vec<f64> = line.split_whitespace().filter_map(|x| x.parse().ok()).collect();
        let &[batch_per_s, single_ms, single_median_ms, code_us, id_us, name_us, overdue_us, file_mb, disk_mb, rss_mb] =
            v.as_slice()
        else {
            return None;
        };
        Some(Self { batch_per_s, single_ms, single_median_ms, code_us, id_us, name_us, overdue_us, file_mb, disk_mb, rss_mb })
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
/// service's first step has one in the catalogue), so half the cases sit in the overdue index.
fn services(catalog: &mut Catalog) -> Vec<String> {
    let actor = actor();
    let ctx = Context { actor: &actor, at: when(0, 1), note: None };
    let code = TrackingCode::compose("77", 1405, 1).unwrap_or_else(|e| panic!("{e}"));
    for number in TIMED_SERVICES {
        let first = catalog.find(number).and_then(|s| Case::open(code.clone(), s, &catalog.version, applicant(0), &ctx).ok());
        let step = first.unwrap_or_else(|| panic!("service {number}")).0.step;
        let service = catalog.services.iter_mut().find(|s| s.number.to_string() == number);
        let node = service.and_then(|s| s.workflow.nodes.iter_mut().find(|n| n.id == step));
        node.unwrap_or_else(|| panic!("step {step}")).time_limit_days = Some(5);
    }
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

/// Deterministic picks spread over the cases.
fn picks(n: usize, count: usize) -> impl Iterator<Item = usize> {
    (0..count).map(move |k| (k * 7_919 + 13) % n)
}

trait Store {
    fn create_batch(&mut self, catalog: &Catalog, first: usize, count: usize, n: usize);
    fn create_one(&mut self, catalog: &Catalog, i: usize, n: usize);
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
    let (file_bytes, disk_bytes) = with_log(store.file());
    let file_mb = file_bytes as f64 / 1e6;
    let disk_mb = disk_bytes as f64 / 1e6;
    let rss_mb = peak_rss_mb();
    let file = store.file().to_path_buf();
    drop(store);
    if side == "redb" {
        eprint!("{}", table_sizes(&file));
    }
    Figures { batch_per_s, single_ms, single_median_ms, code_us, id_us, name_us, overdue_us, file_mb, disk_mb, rss_mb }
}

/// The file and a write-ahead log beside it (`<file>-wal`: `SQLite`'s; redb keeps none).
fn with_its_log(file: &Path) -> [std::ffi::OsString; 2] {
    let mut log = file.as_os_str().to_os_string();
    log.push("-wal");
    [file.as_os_str().to_os_string(), log]
}

/// The file's length and allocated bytes with its write-ahead log's.
fn with_log(file: &Path) -> (u64, u64) {
    with_its_log(file)
        .into_iter()
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

    /// The same steps as the store's `open_case`: next code from meta, event, outbox, projection, indexes.
    fn insert(tx: &rusqlite::Transaction<'_>, catalog: &Catalog, i: usize, ctx: &Context<'_>) {
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
        let service = catalog.find(service_of(i)).unwrap_or_else(|| panic!("service"));
        let (case, event) = Case::open(code, service, &catalog.version, applicant(i), ctx).unwrap_or_else(|e| panic!("{e}"));
        let bytes = encode(&EventRecordV1::from_domain(&event));
        let c = case.tracking_code.as_str();
        run("INSERT INTO events(code, seq, record) VALUES (?1, ?2, ?3)", &[&c, &event.sequence, &bytes]);
        run("INSERT INTO outbox(code, seq) VALUES (?1, ?2)", &[&c, &event.sequence]);
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
            Self::insert(&tx, catalog, i, &ctx);
        }
        tx.commit().unwrap_or_else(|e| panic!("{e}"));
    }

    fn create_one(&mut self, catalog: &Catalog, i: usize, n: usize) {
        let actor = actor();
        let ctx = Context { actor: &actor, at: when(n - 1, n), note: None };
        let tx = self.conn.transaction().unwrap_or_else(|e| panic!("{e}"));
        Self::insert(&tx, catalog, i, &ctx);
        tx.commit().unwrap_or_else(|e| panic!("{e}"));
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
    let output = Command::new(exe).args(["--side", side, &n.to_string()]).output().unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&output.stdout);
    print!("{}", String::from_utf8_lossy(&output.stderr));
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
            println!("  {what:<38} redb {r:>10.digits$} {unit:<6} SQLite {s:>10.digits$} {unit:<6} ratio {:.2}", r / s);
        };
        row("create, batches of 100 (per case)", 1e6 / r.batch_per_s, 1e6 / s.batch_per_s, "µs");
        row("create one case, durable commit", r.single_ms, s.single_ms, "ms");
        row("  the same, median of 200", r.single_median_ms, s.single_median_ms, "ms");
        row("lookup by tracking code (with history)", r.code_us, s.code_us, "µs");
        row("lookup by national ID (page)", r.id_us, s.id_us, "µs");
        row("name prefix search (total + 20 rows)", r.name_us, s.name_us, "µs");
        row("overdue list (total + 20 rows)", r.overdue_us, s.overdue_us, "µs");
        row("file size (with its -wal)", r.file_mb, s.file_mb, "MB");
        row("on disk, allocated blocks (with -wal)", r.disk_mb, s.disk_mb, "MB");
        row("peak RSS", r.rss_mb, s.rss_mb, "MB");
    }
}
