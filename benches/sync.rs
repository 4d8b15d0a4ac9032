//! Sync figures, each against an alternative measured in the same run (`cargo bench --bench sync`):
//! 1. bytes on the wire per event, sealed batches against the same events as plain JSON, and what
//!    the seals add;
//! 2. time to push 10,000 events through a 64 kbit/s loopback link against the raw transfer
//!    time of the bytes sent (how close to the link's limit);
//! 3. hub ingest rate with 200 districts pushing at once, against one district pushing as many,
//!    on the hub's redb store and, when `BAKHSHYAR_TEST_POSTGRES` names a server, on PostgreSQL
//!    (a fresh database, dropped afterwards), side by side.

// Figures are printed as floating-point rates and ratios; counts stay far below 2^52.
#![allow(clippy::cast_precision_loss)]

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::Utc;

use bakhshyar::catalog_data;
use bakhshyar::domain::applicant::{Applicant, ApplicantIdentity, NationalId};
use bakhshyar::domain::case::Context;
use bakhshyar::domain::catalog::Catalog;
use bakhshyar::domain::role::{Actor, Role};
use bakhshyar::hub::Hub;
use bakhshyar::hub::http::Listener;
use bakhshyar::hub::store::on_postgres::{ScratchDatabase, TEST_SERVER_VARIABLE};
use bakhshyar::hub::store::{HubStore, Location};
use bakhshyar::hub::uploads::{Caps, Uploads};
use bakhshyar::store::Database;
use bakhshyar::sync::client::{HubClient, Limits};
use bakhshyar::sync::district::{self, MAX_ITEMS};

/// 64 kbit/s.
const LINK_BYTES_PER_SECOND: usize = 8000;

fn main() {
    let scratch = if Path::new("/dev/shm").is_dir() { tempfile::tempdir_in("/dev/shm") } else { tempfile::tempdir() };
    let scratch = scratch.unwrap_or_else(|e| panic!("{e}"));
    let catalog = catalog_data::embedded().unwrap_or_else(|e| panic!("{e:?}"));
    let (hub, url) = serve(&Location::Dir(scratch.path().join("hub")), &scratch.path().join("uploads-redb"));

    let big = district(scratch.path(), "1", 10_000, &catalog, &hub);
    wire_size(&big, &hub);
    slow_link(&big, &catalog, &url);
    let on_redb = ingest(&scratch.path().join("redb"), &catalog, &hub, &url);
    let Some(database) = ScratchDatabase::from_env("bench_ingest") else {
        println!("hub ingest on PostgreSQL: skipped ({TEST_SERVER_VARIABLE} is not set)");
        return;
    };
    let database = database.unwrap_or_else(|e| panic!("{e}"));
    let (hub, url) = serve(&Location::Postgres(database.url.clone()), &scratch.path().join("uploads-postgres"));
    let on_postgres = ingest(&scratch.path().join("postgres"), &catalog, &hub, &url);
    println!(
        "hub ingest, {DISTRICTS} districts at once: PostgreSQL {on_postgres:.0} events/s vs redb {on_redb:.0} events/s \
         (ratio {:.2})",
        on_postgres / on_redb
    );
}

/// A new hub store at `location`, served on a free port: the hub and its URL.
fn serve(location: &Location, uploads: &Path) -> (Arc<Hub>, String) {
    let hub = Arc::new(Hub { store: HubStore::create(location, "province-hub").unwrap_or_else(|e| panic!("{e}")) });
    let listener = Listener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    let address = listener.address().unwrap_or_else(|| panic!("no address"));
    let serving = Arc::clone(&hub);
    let uploads = Uploads::open(uploads, Caps::default()).unwrap_or_else(|e| panic!("{e}"));
    std::thread::spawn(move || listener.run(&serving, Arc::new(uploads)));
    (hub, format!("http://{address}"))
}

/// A district with `cases` opened cases (one event each), enrolled at the hub.
fn district(root: &Path, code: &str, cases: usize, catalog: &Catalog, hub: &Hub) -> Database {
    let db = Database::create(&root.join(format!("d{code}")), code, "بخش").unwrap_or_else(|e| panic!("{e}"));
    let actor = Actor { user_id: "clerk-7".into(), name: "کارمند باجه".into(), role: Role::Clerk };
    let national_id = NationalId::parse("0012345679").unwrap_or_else(|e| panic!("{e}"));
    for n in 0..cases {
        let name = format!("متقاضی {} {}", ["رضایی", "محمدی", "حسینی", "کریمی"][n % 4], n);
        let applicant = Applicant::new(ApplicantIdentity::Person { national_id: national_id.clone() }, &name, None)
            .unwrap_or_else(|e| panic!("{e}"));
        let service = (n % 300 + 1).to_string();
        db.open_case(catalog, &service, applicant, &Context { actor: &actor, at: Utc::now(), note: None })
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let key = db.signing_key().unwrap_or_else(|e| panic!("{e}")).public();
    hub.store.enroll(code, &key, Utc::now()).unwrap_or_else(|e| panic!("{e}"));
    // What enrollment's printed line does at the district (`sync trust`).
    let hub_key = hub.public_key().unwrap_or_else(|e| panic!("{e}"));
    db.trust_hub(&hub.store.id, &hub_key.to_hex()).unwrap_or_else(|e| panic!("{e}"));
    db
}

fn wire_size(db: &Database, hub: &Hub) {
    let (bundle, count) = district::export(db, MAX_ITEMS).unwrap_or_else(|e| panic!("{e}"));
    let hub_key = hub.store.signing_key().unwrap_or_else(|e| panic!("{e}"));
    let batches = bakhshyar::sync::bundle::read(&bundle).unwrap_or_else(|e| panic!("{e}"));
    let sealing: usize = batches
        .iter()
        .map(|sealed| sealed.len() - bakhshyar::sync::seal::unseal(sealed, &hub_key).map_or(0, |batch| batch.len()))
        .sum();
    let items = bakhshyar::sync::district::outbox_items(db).unwrap_or_else(|e| panic!("{e}"));
    let mut json = 0;
    for item in &items {
        let record = bakhshyar::store::record::decode::<bakhshyar::store::record::EventRecordV1>(&item.bytes)
            .and_then(|r| r.to_domain())
            .unwrap_or_else(|e| panic!("{e}"));
        json += serde_json::to_vec(&record).map(|v| v.len() + 1).unwrap_or_default();
    }
    let n = items.len() as f64;
    println!(
        "wire size: {:.1} bytes/event in signed zstd batches sealed to the hub vs {:.1} bytes/event as plain JSON \
         (ratio {:.3}, {} events); the seals add {sealing} bytes over {count} batches ({:.2} % of the bytes)",
        bundle.len() as f64 / n,
        json as f64 / n,
        bundle.len() as f64 / json as f64,
        items.len(),
        100.0 * sealing as f64 / (bundle.len() - sealing) as f64
    );
}

fn slow_link(db: &Database, catalog: &Catalog, url: &str) {
    let (bundle, _) = district::export(db, MAX_ITEMS).unwrap_or_else(|e| panic!("{e}"));
    let proxy = Throttle::start(url);
    let client = HubClient::new(&proxy.url, Limits { io: Duration::from_secs(600), ..Limits::default() });
    let started = Instant::now();
    let report = district::push(db, catalog, &client, MAX_ITEMS).unwrap_or_else(|e| panic!("{e}"));
    let took = started.elapsed().as_secs_f64();
    let sent = proxy.bytes.load(Ordering::Relaxed);
    let raw = bundle.len() as f64 / LINK_BYTES_PER_SECOND as f64;
    println!(
        "64 kbit/s link: {} events synced in {took:.1} s; the batches alone take {raw:.1} s at the link's rate \
         (ratio {:.2}); {sent} bytes went up in all (requests included)",
        report.receipt.held,
        took / raw
    );
}

const DISTRICTS: usize = 200;

/// The events per second the hub takes from `DISTRICTS` districts pushing at once; printed beside
/// one district pushing as many events alone.
fn ingest(root: &Path, catalog: &Catalog, hub: &Arc<Hub>, url: &str) -> f64 {
    const EACH: usize = 25;
    let districts: Vec<Database> = (0..DISTRICTS).map(|i| district(root, &(100 + i).to_string(), EACH, catalog, hub)).collect();
    let one = district(root, "2", DISTRICTS * EACH, catalog, hub);
    let started = Instant::now();
    district::push(&one, catalog, &HubClient::new(url, Limits::default()), MAX_ITEMS).unwrap_or_else(|e| panic!("{e}"));
    let single = (DISTRICTS * EACH) as f64 / started.elapsed().as_secs_f64();
    let started = Instant::now();
    // What a person at a district feels: how long its own push took while the others pushed.
    let mut waits: Vec<Duration> = std::thread::scope(|scope| {
        let pushes: Vec<_> = districts
            .iter()
            .map(|db| {
                scope.spawn(move || {
                    let client = HubClient::new(url, Limits::default());
                    let began = Instant::now();
                    district::push(db, catalog, &client, MAX_ITEMS).unwrap_or_else(|e| panic!("{e}"));
                    began.elapsed()
                })
            })
            .collect();
        pushes.into_iter().map(|push| push.join().unwrap_or_else(|_| panic!("a push panicked"))).collect()
    });
    let concurrent = (DISTRICTS * EACH) as f64 / started.elapsed().as_secs_f64();
    waits.sort();
    println!(
        "hub ingest ({}): {concurrent:.0} events/s with {DISTRICTS} districts pushing {EACH} events each at once \
         vs {single:.0} events/s from one district pushing {} (ratio {:.2}); each district's push took {:.2} s \
         (median), {:.2} s at most",
        hub.store.backend_name(),
        DISTRICTS * EACH,
        concurrent / single,
        waits[waits.len() / 2].as_secs_f64(),
        waits.last().map_or(0.0, Duration::as_secs_f64)
    );
    concurrent
}

/// A loopback proxy whose upstream direction runs at `LINK_BYTES_PER_SECOND`.
struct Throttle {
    url: String,
    bytes: Arc<AtomicUsize>,
}

impl Throttle {
    fn start(target: &str) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
        let url = format!("http://{}", listener.local_addr().unwrap_or_else(|e| panic!("{e}")));
        let target = target.trim_start_matches("http://").to_owned();
        let bytes = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&bytes);
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let Ok(server) = TcpStream::connect(&target) else { continue };
                let counter = Arc::clone(&counter);
                std::thread::spawn(move || throttled_pipe(client, server, &counter));
            }
        });
        Self { url, bytes }
    }
}

fn throttled_pipe(client: TcpStream, server: TcpStream, counter: &AtomicUsize) {
    let (Ok(mut client_r), Ok(mut server_w)) = (client.try_clone(), server.try_clone()) else { return };
    let (mut server_r, mut client_w) = (server, client);
    let back = std::thread::spawn(move || {
        let _ = std::io::copy(&mut server_r, &mut client_w);
        let _ = client_w.shutdown(Shutdown::Both);
    });
    // Slices of 100 ms of the link: each slice takes its time on the wire before the next goes.
    let mut buffer = vec![0u8; LINK_BYTES_PER_SECOND / 10];
    while let Ok(n) = client_r.read(&mut buffer) {
        std::thread::sleep(Duration::from_secs_f64(n as f64 / LINK_BYTES_PER_SECOND as f64));
        if n == 0 || server_w.write_all(&buffer[..n]).is_err() {
            break;
        }
        counter.fetch_add(n, Ordering::Relaxed);
    }
    let _ = server_w.shutdown(Shutdown::Both);
    let _ = back.join();
}
