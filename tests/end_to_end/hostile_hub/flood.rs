//! Anyone who reaches the hub tries to exhaust it (issue 15, finding 5): 200 connections that send
//! their headers or their bodies a byte at a time, and three uploads of 200 MB each, all from
//! 127.0.0.1 against the real `bakhshyar-hub serve`. Meanwhile a real district pushes its events:
//! it must be through within 5 s, and the hub's resident memory (`VmRSS` in `/proc`) must stay under
//! 200 MB, its store small. Before, the hub read every body whole into memory on one of 4 worker
//! threads: the slow bodies held all 4 and the uploads took gigabytes.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::common::hub::{HubPlace, Serving, hub};
use crate::common::{ADMIN, anonymous, bakhshyar_in, init_district, ok, open_permit_case, password_file};

const SLOW_CONNECTIONS: usize = 200;
const OVERSIZED_UPLOADS: usize = 3;
const OVERSIZED_BYTES: u64 = 200_000_000;
const PUSH_WITHIN: Duration = Duration::from_secs(5);
const RSS_LIMIT_KIB: u64 = 200 * 1024;
/// How long the test waits for a push before calling it stuck.
const PUSH_GIVEN_UP: Duration = Duration::from_secs(40);

/// An upload id that is a SHA-256 of nothing the hub holds.
const UPLOAD_ID: &str = "5f0c3e6a7b1d2c4e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e";

/// What the attackers share: the order to stop, and what they did.
#[derive(Default)]
struct Tally {
    stop: AtomicBool,
    /// Connections the slow attackers (re)opened.
    connections: AtomicUsize,
    /// Bytes of the oversized uploads the hub took before it stopped reading.
    oversized_sent: AtomicU64,
}

/// One slow connection: its request is written a byte per round, never finished.
struct Slow {
    stream: Option<TcpStream>,
    /// Headers (a slow-header attack) or a body after complete headers (a slow-body attack).
    body: bool,
}

impl Slow {
    /// Opens the connection when it has none (the hub closed it): an attacker comes back.
    fn drip(&mut self, address: &str, tally: &Tally) {
        if self.stream.is_none() {
            self.stream = open(address, self.body);
            tally.connections.fetch_add(1, Ordering::Relaxed);
        }
        let byte: &[u8] = if self.body { b"\0" } else { b"a" };
        if self.stream.as_mut().is_some_and(|s| s.write_all(byte).is_err()) {
            self.stream = None;
        }
    }
}

/// A connection that has sent the start of its request: the request line and the first header's
/// name (slow headers), or every header of a 1 MB upload (slow body).
fn open(address: &str, body: bool) -> Option<TcpStream> {
    let target = address.parse().ok()?;
    let mut stream = TcpStream::connect_timeout(&target, Duration::from_secs(1)).ok()?;
    let head = if body {
        format!("PUT /v1/uploads/{UPLOAD_ID}?offset=0 HTTP/1.1\r\nHost: {address}\r\nContent-Length: 1000000\r\n\r\n")
    } else {
        format!("GET /v1/hub HTTP/1.1\r\nHost: {address}\r\nX-Slow: ")
    };
    stream.write_all(head.as_bytes()).ok()?;
    Some(stream)
}

/// Every slow connection gets a byte every 100 ms until the stop.
fn slow_connections(address: String, tally: Arc<Tally>) -> JoinHandle<()> {
    std::thread::spawn(move || {
        let mut all: Vec<Slow> = (0..SLOW_CONNECTIONS).map(|n| Slow { stream: None, body: n % 2 == 1 }).collect();
        while !tally.stop.load(Ordering::Relaxed) {
            for slow in &mut all {
                slow.drip(&address, &tally);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    })
}

/// One upload of `OVERSIZED_BYTES` sent as fast as the hub takes it, until the hub stops reading.
fn oversized_upload(address: String, tally: Arc<Tally>) -> JoinHandle<()> {
    std::thread::spawn(move || {
        let Ok(mut stream) = TcpStream::connect(&address) else { return };
        let head = format!(
            "PUT /v1/uploads/{UPLOAD_ID}?offset=0 HTTP/1.1\r\nHost: {address}\r\nContent-Length: {OVERSIZED_BYTES}\r\n\r\n"
        );
        if stream.write_all(head.as_bytes()).is_err() {
            return;
        }
        let block = vec![0u8; 64 * 1024];
        let mut sent = 0;
        while sent < OVERSIZED_BYTES && !tally.stop.load(Ordering::Relaxed) {
            if stream.write_all(&block).is_err() {
                break;
            }
            sent += block.len() as u64;
            tally.oversized_sent.fetch_add(block.len() as u64, Ordering::Relaxed);
        }
        let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
        let _ = stream.read(&mut [0u8; 256]);
    })
}

/// The process's resident memory in KiB, as `/proc/PID/status` says.
fn resident_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Reads the hub's memory every 50 ms until the stop; the highest reading.
fn watch_memory(pid: u32, tally: Arc<Tally>, peak: Arc<AtomicU64>) -> JoinHandle<()> {
    std::thread::spawn(move || {
        while !tally.stop.load(Ordering::Relaxed) {
            if let Some(kib) = resident_kib(pid) {
                peak.fetch_max(kib, Ordering::Relaxed);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    })
}

/// `sync push` at the district, given up on after `PUSH_GIVEN_UP`: whether it succeeded, and how long it took.
fn timed_push(district: &Path, url: &str) -> (bool, Duration) {
    let dir = district.to_string_lossy();
    let mut push = anonymous(&["--data-dir", &dir, "sync", "push", "--hub", url]);
    push.env("BAKHSHYAR_USER", ADMIN).env("BAKHSHYAR_PASSWORD_FILE", password_file());
    let started = Instant::now();
    let mut child =
        push.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().unwrap_or_else(|e| panic!("{e}"));
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return (status.success(), started.elapsed());
        }
        if started.elapsed() > PUSH_GIVEN_UP {
            let _ = child.kill();
            let _ = child.wait();
            return (false, started.elapsed());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The bytes of every file under `dir`.
fn size_of(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    entries
        .flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => size_of(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

#[test]
fn a_district_pushes_through_slow_and_oversized_requests_and_the_hub_stays_small() {
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let hub_dir = root.path().join("hub");
    let place = HubPlace::redb(&hub_dir);
    assert!(hub(&place, &["init"]).status.success());
    let district = root.path().join("d");
    ok(&init_district(&district, "21", "بخش"));
    crate::common::hub::enroll(&place, &district, "21");
    for name in ["علی رضایی", "مریم احمدی", "زهرا کاظمی"] {
        open_permit_case(&district, name);
    }
    let serving = Serving::start(&place);
    let address = serving.url.trim_start_matches("http://").to_owned();
    let baseline = resident_kib(serving.pid()).unwrap_or_default();

    let tally = Arc::new(Tally::default());
    let peak = Arc::new(AtomicU64::new(0));
    let mut attackers = vec![watch_memory(serving.pid(), Arc::clone(&tally), Arc::clone(&peak))];
    attackers.push(slow_connections(address.clone(), Arc::clone(&tally)));
    attackers.extend((0..OVERSIZED_UPLOADS).map(|_| oversized_upload(address.clone(), Arc::clone(&tally))));
    // The slow connections are all open and the uploads under way before the district comes.
    std::thread::sleep(Duration::from_millis(1500));
    let (pushed, took) = timed_push(&district, &serving.url);
    std::thread::sleep(Duration::from_millis(500));
    tally.stop.store(true, Ordering::Relaxed);
    for attacker in attackers {
        let _ = attacker.join();
    }
    let peak_kib = peak.load(Ordering::Relaxed);
    serving.stop();
    let store = size_of(&hub_dir);
    println!(
        "flood: push {} in {:.2} s; hub RSS {} MiB at rest, peak {} MiB; {} slow connections opened; \
         {} MB of the oversized uploads sent before the hub stopped reading; store {} KiB",
        if pushed { "succeeded" } else { "failed" },
        took.as_secs_f64(),
        baseline / 1024,
        peak_kib / 1024,
        tally.connections.load(Ordering::Relaxed),
        tally.oversized_sent.load(Ordering::Relaxed) / 1_000_000,
        store / 1024
    );
    assert!(pushed && took < PUSH_WITHIN, "the district's push took {took:?} (succeeded: {pushed})");
    assert!(peak_kib < RSS_LIMIT_KIB, "the hub's memory peaked at {} MiB", peak_kib / 1024);
    assert!(store < 64 * 1024 * 1024, "the hub's store grew to {} MiB", store / (1024 * 1024));
    let status = ok(&bakhshyar_in(&district, &["sync", "status", "--json"]));
    assert!(status.contains("\"pending\": 0"), "{status}");
}
