//! A sniffed link and a lost USB stick (issue 15, finding 4): a relay on 127.0.0.1 copies every
//! byte between a district and its hub, both ways. Neither what it saw — the push, and the
//! district's own events coming back down after an old backup was restored — nor the file
//! `sync export` writes shows the applicant's name, national ID or phone, raw or in any zstd
//! frame found inside. Before batches were sealed, the zstd body of every batch gave them all.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};

use crate::common::hub::{Serving, hub_and_district};
use crate::common::{bakhshyar_in, ok};

const NAME: &str = "مریم احمدی‌نژاد";
const NATIONAL_ID: &str = "0012345679";
const PHONE: &str = "09121234567";

/// Copies `from` into `to` and into `seen` until either side closes.
fn copy_seen(mut from: TcpStream, mut to: TcpStream, seen: &Arc<Mutex<Vec<u8>>>) {
    let mut buffer = [0u8; 16 * 1024];
    while let Ok(n @ 1..) = from.read(&mut buffer) {
        seen.lock().unwrap_or_else(std::sync::PoisonError::into_inner).extend_from_slice(&buffer[..n]);
        if to.write_all(&buffer[..n]).is_err() {
            break;
        }
    }
    let _ = to.shutdown(Shutdown::Write);
}

/// A relay to `target` on a new port that keeps every byte it carries; its address.
fn sniffing_relay(target: String, seen: Arc<Mutex<Vec<u8>>>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    let address = format!("http://{}", listener.local_addr().unwrap_or_else(|e| panic!("{e}")));
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            let Ok(server) = TcpStream::connect(&target) else { return };
            let (Ok(client_back), Ok(server_back)) = (client.try_clone(), server.try_clone()) else { return };
            let (up, down) = (Arc::clone(&seen), Arc::clone(&seen));
            std::thread::spawn(move || copy_seen(client, server, &up));
            std::thread::spawn(move || copy_seen(server_back, client_back, &down));
        }
    });
    address
}

/// Whether `needle` can be read from `bytes`: as they are, or inside any zstd frame in them.
fn reveals(bytes: &[u8], needle: &str) -> bool {
    let found = |haystack: &[u8]| haystack.windows(needle.len()).any(|w| w == needle.as_bytes());
    found(bytes)
        || (0..bytes.len().saturating_sub(4)).filter(|&at| bytes[at..].starts_with(&[0x28, 0xB5, 0x2F, 0xFD])).any(|at| {
            let mut decoded = Vec::new();
            let _ = zstd::stream::read::Decoder::new(&bytes[at..]).and_then(|mut d| d.read_to_end(&mut decoded));
            found(&decoded)
        })
}

fn assert_nothing_shown(what: &str, bytes: &[u8]) {
    assert!(bytes.len() > 1000, "{what}: too little carried to judge ({} bytes)", bytes.len());
    for secret in [NAME, NATIONAL_ID, PHONE] {
        assert!(!reveals(bytes, secret), "{what} shows «{secret}»");
    }
}

fn open_case(dir: &Path) {
    ok(&bakhshyar_in(
        dir,
        &[
            "case",
            "new",
            "--service",
            "36",
            "--applicant-national-id",
            NATIONAL_ID,
            "--applicant-name",
            NAME,
            "--applicant-phone",
            PHONE,
        ],
    ));
}

#[test]
fn a_sniffed_link_and_a_lost_usb_file_show_nothing_of_citizens() {
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (place, district) = hub_and_district(root.path());
    let backup = root.path().join("before.bkhb");
    let backup = backup.to_str().unwrap_or_default();
    ok(&bakhshyar_in(&district, &["backup", "--out", backup]));
    for _ in 0..3 {
        open_case(&district);
    }

    let usb = root.path().join("up.bksf");
    ok(&bakhshyar_in(&district, &["sync", "export", "--out", usb.to_str().unwrap_or_default()]));
    assert_nothing_shown("the USB file", &std::fs::read(&usb).unwrap_or_else(|e| panic!("{e}")));

    let serving = Serving::start(&place);
    let pushed = Arc::new(Mutex::new(Vec::new()));
    let relay = sniffing_relay(serving.url.trim_start_matches("http://").to_owned(), Arc::clone(&pushed));
    ok(&bakhshyar_in(&district, &["sync", "push", "--hub", &relay]));
    assert_nothing_shown("the push", &pushed.lock().unwrap_or_else(std::sync::PoisonError::into_inner));

    // The old backup lacks the three cases: the next sync takes them back from the hub.
    ok(&bakhshyar_in(&district, &["restore", backup]));
    let came_back = Arc::new(Mutex::new(Vec::new()));
    let relay = sniffing_relay(serving.url.trim_start_matches("http://").to_owned(), Arc::clone(&came_back));
    let taken_back = ok(&bakhshyar_in(&district, &["--lang", "en", "sync", "push", "--hub", &relay]));
    assert!(taken_back.contains("Took back"), "{taken_back}");
    let listed = ok(&bakhshyar_in(&district, &["case", "search", "--national-id", NATIONAL_ID, "--json"]));
    assert!(listed.matches(NAME).count() >= 3, "the cases came back whole: {listed}");
    assert_nothing_shown("the events coming back", &came_back.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
}
