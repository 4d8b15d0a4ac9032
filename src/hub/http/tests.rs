//! The server in this process on 127.0.0.1, spoken to byte by byte: a signed request is checked
//! before its body is read, a body is capped, paced and bound to its signature, a request is taken
//! once, and the district's client gets through when its two faces sync at once.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;

use super::*;
use crate::hub::store::{HubStore, Location};
use crate::hub::uploads::Caps;
use crate::signing::DistrictKey;
use crate::sync::auth::{Request as Asked, sign};
use crate::sync::client::{HubClient, Signer as ClientSigner};
use crate::sync::wire::MAX_CHUNK_BYTES;

const ID: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

struct Running {
    _dir: tempfile::TempDir,
    address: String,
    key: DistrictKey,
}

/// A hub with district 21 enrolled, serving under `limits`.
fn serve(limits: Limits) -> Running {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = HubStore::create(&Location::Dir(dir.path().join("hub")), "hub").unwrap_or_else(|e| panic!("{e}"));
    let key = DistrictKey::generate().unwrap_or_else(|e| panic!("{e}"));
    store.enroll("21", &key.public(), Utc::now()).unwrap_or_else(|e| panic!("{e}"));
    let uploads = Uploads::open(&dir.path().join("uploads"), Caps::default()).unwrap_or_else(|e| panic!("{e}"));
    let listener = Listener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    let address = listener.address().unwrap_or_else(|| panic!("no address")).to_string();
    let hub = Arc::new(Hub { store });
    std::thread::spawn(move || listener.run_with(&hub, Arc::new(uploads), limits));
    Running { _dir: dir, address, key }
}

/// The head of a request, signed by district 21 over `body` when `signer` is given.
fn head(method: &str, path: &str, length: usize, signed: Option<&Signed>) -> String {
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: hub\r\nContent-Length: {length}\r\nConnection: close\r\n");
    if let Some(s) = signed {
        for (name, value) in
            [(DISTRICT_HEADER, &s.district), (TIME_HEADER, &s.time), (BODY_HEADER, &s.body), (SIGNATURE_HEADER, &s.signature)]
        {
            head.push_str(&[name, ": ", value, "\r\n"].concat());
        }
    }
    head + "\r\n"
}

fn signed(key: &DistrictKey, method: &str, path: &str, body: &[u8]) -> Signed {
    sign("21", key, Asked { method, path }, body, Utc::now().timestamp_millis())
}

/// Sends `head` then `body`, and reads the answer (the status and its JSON) within 5 s.
fn exchange(address: &str, head: &str, body: &[u8]) -> (u16, serde_json::Value) {
    let mut stream = TcpStream::connect(address).unwrap_or_else(|e| panic!("{e}"));
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap_or_else(|e| panic!("{e}"));
    stream.write_all(head.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    // The body may be refused unread: the hub may close before it is all written.
    let _ = stream.write_all(body);
    read_answer(&mut stream)
}

fn read_answer(stream: &mut TcpStream) -> (u16, serde_json::Value) {
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let text = String::from_utf8_lossy(&answer);
    let status = text.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or_default();
    (status, serde_json::from_str(body).unwrap_or_default())
}

#[test]
fn unsigned_puts_and_posts_are_refused_before_their_bodies_are_read() {
    let hub = serve(Limits::default());
    for (method, path) in [
        ("PUT", format!("/v1/uploads/{ID}?offset=0")),
        ("POST", "/v1/batches".into()),
        ("POST", format!("/v1/uploads/{ID}/commit")),
    ] {
        // Ten megabytes announced, none sent: the answer comes without them.
        let mut stream = TcpStream::connect(&hub.address).unwrap_or_else(|e| panic!("{e}"));
        stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap_or_else(|e| panic!("{e}"));
        let started = Instant::now();
        stream.write_all(head(method, &path, 10_000_000, None).as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        let (status, refusal) = read_answer(&mut stream);
        assert_eq!((status, refusal["error"].as_str()), (401, Some("unsigned-request")), "{method} {path}: {refusal}");
        assert!(started.elapsed() < Duration::from_secs(2), "{method} {path} waited for its body");
    }
    // Signed by a key the hub does not hold for the district: the same, unread.
    let stranger = DistrictKey::generate().unwrap_or_else(|e| panic!("{e}"));
    let path = format!("/v1/uploads/{ID}?offset=0");
    let forged = signed(&stranger, "PUT", &path, b"");
    let (status, refusal) = exchange(&hub.address, &head("PUT", &path, 10_000_000, Some(&forged)), b"");
    assert_eq!((status, refusal["error"].as_str()), (401, Some("bad-request-signature")), "{refusal}");
}

#[test]
fn a_body_other_than_the_signed_one_is_refused_and_nothing_of_it_kept() {
    let hub = serve(Limits::default());
    let path = format!("/v1/uploads/{ID}?offset=0");
    let signature = signed(&hub.key, "PUT", &path, b"the district's chunk");
    let (status, refusal) = exchange(&hub.address, &head("PUT", &path, 20, Some(&signature)), b"someone else's chunk");
    assert_eq!((status, refusal["error"].as_str()), (401, Some("body-mismatch")), "{refusal}");
    let progress = format!("/v1/uploads/{ID}");
    let (status, held) = exchange(&hub.address, &head("GET", &progress, 0, Some(&signed(&hub.key, "GET", &progress, b""))), b"");
    assert_eq!((status, held["received"].as_u64()), (200, Some(0)), "{held}");
}

#[test]
fn a_captured_request_sent_again_is_refused_with_the_time_the_hub_holds() {
    let hub = serve(Limits::default());
    let path = format!("/v1/uploads/{ID}?offset=0");
    let captured = head("PUT", &path, 5, Some(&signed(&hub.key, "PUT", &path, b"chunk")));
    assert_eq!(exchange(&hub.address, &captured, b"chunk").0, 200);
    let (status, refusal) = exchange(&hub.address, &captured, b"chunk");
    assert_eq!((status, refusal["error"].as_str()), (401, Some("replayed-request")), "{refusal}");
    assert!(refusal["last"].as_i64().is_some(), "{refusal}");
}

#[test]
fn bodies_past_their_cap_are_refused_by_their_length_or_as_they_pass_it() {
    let hub = serve(Limits::default());
    let path = format!("/v1/uploads/{ID}?offset=0");
    let started = Instant::now();
    let announced = head("PUT", &path, MAX_CHUNK_BYTES + 1, Some(&signed(&hub.key, "PUT", &path, b"")));
    let (status, refusal) = exchange(&hub.address, &announced, b"");
    assert_eq!((status, refusal["error"].as_str()), (413, Some("too-large")), "{refusal}");
    assert!(started.elapsed() < Duration::from_secs(2));
    // Chunked, so no length is announced: refused once the cap is passed.
    let chunked = head("PUT", &path, 0, Some(&signed(&hub.key, "PUT", &path, b"")))
        .replace("Content-Length: 0\r\n", "Transfer-Encoding: chunked\r\n");
    let block = vec![b'x'; 64 * 1024];
    let mut body = Vec::new();
    for _ in 0..(MAX_CHUNK_BYTES / block.len() + 2) {
        body.extend_from_slice(format!("{:x}\r\n", block.len()).as_bytes());
        body.extend_from_slice(&block);
        body.extend_from_slice(b"\r\n");
    }
    let (status, refusal) = exchange(&hub.address, &chunked, &body);
    assert_eq!((status, refusal["error"].as_str()), (413, Some("too-large")), "{refusal}");
}

#[test]
fn a_body_slower_than_the_pace_is_dropped() {
    let limits = Limits { body: Pace { grace: Duration::from_millis(300), bytes_per_second: 1000 }, ..Limits::default() };
    let hub = serve(limits);
    let path = format!("/v1/uploads/{ID}?offset=0");
    let body = b"a byte at a time";
    let mut stream = TcpStream::connect(&hub.address).unwrap_or_else(|e| panic!("{e}"));
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap_or_else(|e| panic!("{e}"));
    stream
        .write_all(head("PUT", &path, body.len(), Some(&signed(&hub.key, "PUT", &path, body))).as_bytes())
        .unwrap_or_else(|e| panic!("{e}"));
    let started = Instant::now();
    for byte in body {
        if stream.write_all(&[*byte]).is_err() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
        if started.elapsed() > Duration::from_secs(1) {
            break;
        }
    }
    let (status, refusal) = read_answer(&mut stream);
    assert_eq!((status, refusal["error"].as_str()), (408, Some("request-timeout")), "{refusal}");
}

#[test]
fn unknown_routes_and_methods_answer_in_the_apis_shape() {
    let hub = serve(Limits::default());
    let (status, refusal) = exchange(&hub.address, &head("GET", "/v2/nothing", 0, None), b"");
    assert_eq!((status, refusal["error"].as_str()), (404, Some("not-found")), "{refusal}");
    let (status, refusal) = exchange(&hub.address, &head("DELETE", "/v1/hub", 0, None), b"");
    assert_eq!((status, refusal["error"].as_str()), (404, Some("not-found")), "{refusal}");
    // The province's counts, from this machine.
    assert_eq!(exchange(&hub.address, &head("GET", "/v1/stats", 0, None), b"").0, 200);
}

/// Two clients of one district (the window's background sync and the command line) sign their
/// requests in the same milliseconds: each refused as overtaken signs anew after the hub's time,
/// and every request gets through.
#[test]
fn two_clients_of_one_district_at_once_both_get_through() {
    let hub = serve(Limits::default());
    let url = format!("http://{}", hub.address);
    let key = &hub.key;
    std::thread::scope(|scope| {
        let runs: Vec<_> = (0..2)
            .map(|_| {
                scope.spawn(|| {
                    let client = HubClient::new(&url, crate::sync::client::Limits::default());
                    (0..40).map(|_| client.receipt(ClientSigner { district: "21", key })).filter(Result::is_err).count()
                })
            })
            .collect();
        for run in runs {
            assert_eq!(run.join().unwrap_or(usize::MAX), 0, "a request of one client was refused");
        }
    });
}
