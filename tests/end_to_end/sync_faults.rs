//! Sync under faults, end to end: the real `bakhshyar-hub serve` on a free port of 127.0.0.1 and
//! real district data folders driven by the real `bakhshyar` binary. Faults: connections cut in the
//! middle of uploads (a proxy thread), duplicated and reordered batches, a tampered byte, a batch
//! signed by the wrong district, the hub killed in the middle of an import, and a district restored
//! from an older backup. Then the hub's store is read and compared with every district's events:
//! each held exactly once, nothing forged. The hub keeps its store in redb, and in PostgreSQL when
//! `BAKHSHYAR_TEST_POSTGRES` names a server (a fresh database of its own).

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bakhshyar::store::record::{EventRecordV1, encode};
use bakhshyar::store::{Database, SearchQuery};

use crate::common::hub::{HubPlace, Serving, hub as hub_cmd, hub_command};
use crate::common::init_district;
use crate::common::{bakhshyar_in, ok, stdout};

/// A TCP proxy in front of the hub that cuts each of its first connections after a given number
/// of bytes from the client: a link that drops in the middle of an upload.
struct CuttingProxy {
    url: String,
    /// Everything the client sent, to read the upload offsets back.
    upstream: Arc<Mutex<Vec<u8>>>,
    cuts_done: Arc<AtomicUsize>,
}

impl CuttingProxy {
    fn start(target: &str, cuts: Vec<usize>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
        let url = format!("http://{}", listener.local_addr().unwrap_or_else(|e| panic!("{e}")));
        let target = target.trim_start_matches("http://").to_owned();
        let cuts = Arc::new(Mutex::new(cuts));
        let upstream = Arc::new(Mutex::new(Vec::new()));
        let cuts_done = Arc::new(AtomicUsize::new(0));
        let (counter, done) = (Arc::clone(&upstream), Arc::clone(&cuts_done));
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let Ok(server) = TcpStream::connect(&target) else { continue };
                let limit = cuts.lock().ok().and_then(|mut c| if c.is_empty() { None } else { Some(c.remove(0)) });
                let (counter, done) = (Arc::clone(&counter), Arc::clone(&done));
                std::thread::spawn(move || pipe(client, server, limit, &counter, &done));
            }
        });
        Self { url, upstream, cuts_done }
    }

    /// The `offset` of every chunk uploaded through the proxy, in order.
    fn offsets(&self) -> Vec<u64> {
        let text = self.upstream.lock().map(|u| String::from_utf8_lossy(&u).into_owned()).unwrap_or_default();
        text.split("?offset=").skip(1).filter_map(|rest| rest.split(' ').next()?.parse().ok()).collect()
    }
}

fn pipe(client: TcpStream, server: TcpStream, limit: Option<usize>, counter: &Mutex<Vec<u8>>, done: &AtomicUsize) {
    let (Ok(mut client_r), Ok(mut server_w)) = (client.try_clone(), server.try_clone()) else { return };
    let (mut server_r, mut client_w) = (server, client);
    let back = std::thread::spawn(move || {
        let _ = std::io::copy(&mut server_r, &mut client_w);
        let _ = client_w.shutdown(Shutdown::Both);
    });
    let mut sent = 0;
    let mut buffer = [0u8; 1024];
    while let Ok(n) = client_r.read(&mut buffer) {
        if n == 0 {
            break;
        }
        let n = limit.map_or(n, |l| n.min(l.saturating_sub(sent)));
        if server_w.write_all(&buffer[..n]).is_err() {
            break;
        }
        sent += n;
        if let Ok(mut all) = counter.lock() {
            all.extend_from_slice(&buffer[..n]);
        }
        if limit.is_some_and(|l| sent >= l) {
            done.fetch_add(1, Ordering::Relaxed);
            break;
        }
    }
    let _ = server_w.shutdown(Shutdown::Both);
    let _ = client_r.shutdown(Shutdown::Both);
    let _ = back.join();
}

/// `POST /v1/batches` with a raw batch, signed by the district in `signer`; the status code.
fn post_batch(url: &str, batch: &[u8], signer: &Path) -> u16 {
    crate::common::hub::request(url, "POST", "/v1/batches", batch, Some(signer)).0
}

/// The batches of a bundle file (`"BKSF" | version | count | (length | batch)*`).
fn batches_of(file: &Path) -> Vec<Vec<u8>> {
    let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("{e}"));
    let mut rest = &bytes[9..];
    let mut out = Vec::new();
    while rest.len() >= 4 {
        let len = u32::from_be_bytes([rest[0], rest[1], rest[2], rest[3]]) as usize;
        out.push(rest[4..4 + len].to_vec());
        rest = &rest[4 + len..];
    }
    out
}

struct District {
    code: &'static str,
    dir: PathBuf,
    opened: usize,
}

impl District {
    fn new(root: &Path, code: &'static str, hub_dir: &HubPlace) -> Self {
        let dir = root.join(format!("district-{code}"));
        ok(&init_district(&dir, code, "بخش آزمون"));
        crate::common::hub::enroll(hub_dir, &dir, code);
        Self { code, dir, opened: 0 }
    }

    /// Opens `cases` cases: one event each.
    fn work(&mut self, cases: usize) {
        for _ in 0..cases {
            self.opened += 1;
            let name = format!("متقاضی شماره {}", self.opened);
            ok(&bakhshyar_in(
                &self.dir,
                &["case", "new", "--service", "1", "--applicant-national-id", "0012345679", "--applicant-name", &name],
            ));
        }
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        let mut all = vec!["--lang", "en"];
        all.extend_from_slice(args);
        bakhshyar_in(&self.dir, &all)
    }

    /// Every event of the district's cases, encoded as stored.
    fn events(&self) -> BTreeSet<Vec<u8>> {
        let db = Database::open(&self.dir).unwrap_or_else(|e| panic!("{e}"));
        let page = db.search(&SearchQuery { limit: 100_000, ..SearchQuery::default() }).unwrap_or_else(|e| panic!("{e}"));
        let mut out = BTreeSet::new();
        for case in page.cases {
            for event in db.events(&case.tracking_code).unwrap_or_else(|e| panic!("{e}")) {
                out.insert(encode(&EventRecordV1::from_domain(&event)));
            }
        }
        out
    }
}

#[test]
fn every_event_reaches_the_hub_exactly_once_through_every_fault_on_redb() {
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    every_event_reaches_the_hub_exactly_once_through_every_fault(root.path(), &HubPlace::redb(&root.path().join("hub")));
}

#[test]
fn every_event_reaches_the_hub_exactly_once_through_every_fault_on_postgres() {
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    if let Some(place) = HubPlace::postgres("sync_faults") {
        every_event_reaches_the_hub_exactly_once_through_every_fault(root.path(), &place);
    }
}

fn every_event_reaches_the_hub_exactly_once_through_every_fault(root: &Path, hub_dir: &HubPlace) {
    let started = Instant::now();
    assert!(hub_cmd(hub_dir, &["init"]).status.success());
    let mut a = District::new(root, "11", hub_dir);
    let mut b = District::new(root, "12", hub_dir);
    let mut c = District::new(root, "13", hub_dir);
    let mut e = District::new(root, "15", hub_dir);
    let hub = Serving::start(hub_dir);
    let mut faults = cut_links(&mut a, &hub.url, root);
    faults += duplicated_and_reordered(&mut b, &hub.url, root);
    faults += tampered_and_forged(&mut c, &hub.url, root);
    faults += restored_from_an_older_backup(&mut a, hub, root, hub_dir);
    let (killed, held_after_kill) = killed_import(&mut e, hub_dir, root);
    faults += killed;

    // The proof: the hub holds each district's events exactly once, and nothing else.
    let (mut sent, mut lost, mut duplicates, mut forged) = (0, 0, 0, 0);
    for district in [&a, &b, &c, &e] {
        let expected = district.events();
        let mut seen = BTreeMap::new();
        for (_, bytes) in held_of(hub_dir, district.code) {
            *seen.entry(bytes).or_insert(0) += 1;
        }
        duplicates += seen.values().filter(|n| **n > 1).map(|n| n - 1).sum::<usize>();
        forged += seen.keys().filter(|b| !expected.contains(*b)).count();
        lost += expected.iter().filter(|b| !seen.contains_key(*b)).count();
        sent += expected.len();
    }
    println!(
        "sync faults: events sent {sent}, faults injected {faults}, events lost {lost}, duplicates {duplicates}, \
         forged held {forged}; import killed after {held_after_kill} of 20 events; {:.1} s on {}",
        started.elapsed().as_secs_f64(),
        hub_dir.name()
    );
    assert_eq!((lost, duplicates, forged), (0, 0, 0));
    assert_eq!(sent, (60 + 5 + 3) + 30 + 10 + 20);
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap_or_default()
}

/// Links cut twice in the middle of one upload; the push resumes instead of starting over.
fn cut_links(a: &mut District, url: &str, root: &Path) -> usize {
    a.work(60);
    ok(&a.run(&["sync", "pull", "--hub", url]));
    let file = root.join("a-size.bks");
    ok(&a.run(&["sync", "export", "--out", path(&file)]));
    let size = std::fs::read(&file).map(|b| b.len()).unwrap_or_default();
    let proxy = CuttingProxy::start(url, vec![size / 2, size / 2]);
    let pushed = ok(&a.run(&["sync", "push", "--hub", &proxy.url, "--chunk-bytes", "256", "--json"]));
    assert!(pushed.contains("\"held\": 60"), "{pushed}");
    let cuts = proxy.cuts_done.load(Ordering::Relaxed);
    assert_eq!(cuts, 2, "both cuts happened during the push");
    // After each cut the upload goes on from what the hub holds: offsets never go back, and a cut
    // costs at most the one chunk it interrupted (which may be the first, if it never arrived).
    let offsets = proxy.offsets();
    assert!(offsets.windows(2).all(|w| w[0] <= w[1]), "{offsets:?}");
    let mut distinct = offsets.clone();
    distinct.dedup();
    assert!(offsets.len() - distinct.len() <= cuts, "more chunks resent than links cut: {offsets:?}");
    cuts
}

/// Batches sent raw, duplicated and out of order; then the district's own push settles its outbox.
fn duplicated_and_reordered(b: &mut District, url: &str, root: &Path) -> usize {
    b.work(30);
    ok(&b.run(&["sync", "pull", "--hub", url]));
    let file = root.join("b.bks");
    ok(&b.run(&["sync", "export", "--out", path(&file), "--batch-events", "6"]));
    let batches = batches_of(&file);
    assert_eq!(batches.len(), 5);
    let order = [2, 0, 0, 4, 1, 1, 3, 2, 4, 0, 3, 4];
    let answers: Vec<u16> = order.iter().map(|i| post_batch(url, &batches[*i], &b.dir)).collect();
    assert_eq!(answers, [400, 200, 200, 400, 200, 200, 400, 200, 400, 200, 200, 200]);
    ok(&b.run(&["sync", "push", "--hub", url]));
    let status = ok(&b.run(&["sync", "status", "--json"]));
    assert!(status.contains("\"pending\": 0") && status.contains("\"acked\": 30"), "{status}");
    order.len()
}

/// A tampered byte, and a batch signed by a district with a stolen code but another key.
fn tampered_and_forged(c: &mut District, url: &str, root: &Path) -> usize {
    c.work(10);
    ok(&c.run(&["sync", "pull", "--hub", url]));
    let file = root.join("c.bks");
    ok(&c.run(&["sync", "export", "--out", path(&file)]));
    let mut tampered = batches_of(&file).remove(0);
    let middle = tampered.len() / 2;
    tampered[middle] ^= 0x20;
    assert_eq!(post_batch(url, &tampered, &c.dir), 400);
    let impostor = root.join("impostor");
    ok(&init_district(&impostor, "13", "جعلی"));
    ok(&bakhshyar_in(&impostor, &["sync", "trust", "--hub-id", "province-hub", "--key", &http_hub_key(url)]));
    ok(&bakhshyar_in(
        &impostor,
        &["case", "new", "--service", "1", "--applicant-national-id", "0012345679", "--applicant-name", "جاعل"],
    ));
    let forged = root.join("forged.bks");
    ok(&bakhshyar_in(&impostor, &["sync", "export", "--out", path(&forged)]));
    // The impostor's request is refused before its batch is read; carried in the district's own
    // signed request, the batch is refused by its own signature.
    let forged = batches_of(&forged).remove(0);
    assert_eq!(post_batch(url, &forged, &impostor), 401);
    assert_eq!(post_batch(url, &forged, &c.dir), 400);
    ok(&c.run(&["sync", "push", "--hub", url]));
    3
}

/// The district takes back what it lost, and its new cases never reuse a number the hub holds.
/// Its record's chain now forks from the one the hub holds: the push is refused with the alarm at
/// both ends, nothing deleted, until the province accepts the restored record.
fn restored_from_an_older_backup(a: &mut District, hub: Serving, root: &Path, hub_dir: &HubPlace) -> usize {
    let url = hub.url.as_str();
    let backup = root.join("a-old.redb");
    ok(&a.run(&["backup", "--out", path(&backup)]));
    a.work(5);
    ok(&a.run(&["sync", "push", "--hub", url]));
    ok(&a.run(&["restore", path(&backup)]));
    let pushed = ok(&a.run(&["sync", "push", "--hub", url, "--json"]));
    assert!(pushed.contains("\"recovered\": 5"), "{pushed}");
    a.work(3);
    let refused = a.run(&["sync", "push", "--hub", url]);
    assert_eq!(refused.status.code(), Some(1), "the fork stops the push: {}", stdout(&refused));
    assert!(stdout(&refused).contains("chain-rewritten"), "{}", stdout(&refused));
    let status = ok(&a.run(&["sync", "status", "--json"]));
    assert!(status.contains("\"pending\": 3"), "nothing deleted: {status}");
    // The hub keeps the batch set aside for the province to see; it accepts with `serve` stopped.
    hub.stop();
    let listed = stdout(&hub_cmd(hub_dir, &["stats", "--json"]));
    let districts: serde_json::Value = serde_json::from_str(&listed).unwrap_or_else(|e| panic!("{e}: {listed}"));
    let mine = districts.as_array().and_then(|all| all.iter().find(|d| d["district"] == a.code).cloned()).unwrap_or_default();
    assert!(mine["quarantined"].as_u64() >= Some(1), "{listed}");
    let accepted = hub_cmd(hub_dir, &["accept-chain", "--district", a.code]);
    assert!(accepted.status.success(), "{}", stdout(&accepted));
    let hub = Serving::start(hub_dir);
    ok(&a.run(&["sync", "push", "--hub", &hub.url]));
    1
}

/// The hub killed in the middle of an import, then the same file imported again, twice.
fn killed_import(e: &mut District, hub_dir: &HubPlace, root: &Path) -> (usize, usize) {
    e.work(20);
    ok(&e.run(&["sync", "trust", "--hub-id", "province-hub", "--key", &hub_public_key(hub_dir)]));
    let file = root.join("e.bks");
    ok(&e.run(&["sync", "export", "--out", path(&file), "--batch-events", "2"]));
    let mut import = hub_command(hub_dir, "en")
        .args(["import", path(&file)])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    std::thread::sleep(Duration::from_millis(40));
    let _ = import.kill();
    let _ = import.wait();
    let held_after_kill = held_of(hub_dir, "15").len();
    assert!(hub_cmd(hub_dir, &["import", path(&file)]).status.success());
    let again = hub_cmd(hub_dir, &["import", path(&file)]);
    assert!(again.status.success(), "{}", stdout(&again));
    (1, held_after_kill)
}

fn held_of(hub_dir: &HubPlace, code: &str) -> Vec<(u64, Vec<u8>)> {
    hub_dir.open().read_held(code).unwrap_or_else(|e| panic!("{e}"))
}

fn hub_public_key(hub_dir: &HubPlace) -> String {
    hub_dir.open().signing_key().unwrap_or_else(|e| panic!("{e}")).public().to_hex()
}

/// The hub's public key as `GET /v1/hub` answers it.
fn http_hub_key(url: &str) -> String {
    let address = url.trim_start_matches("http://");
    let mut stream = TcpStream::connect(address).unwrap_or_else(|e| panic!("{e}"));
    let head = format!("GET /v1/hub HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n");
    stream.write_all(head.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer.split("\"key\":\"").nth(1).and_then(|k| k.split('"').next()).unwrap_or_default().to_owned()
}
