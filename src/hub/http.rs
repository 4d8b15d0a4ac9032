//! The hub's HTTP API on `tiny_http`: a few worker threads over one store (redb serializes writes).
//!
//! | method and path | answer |
//! |---|---|
//! | `GET /v1/hub` | `{"id","key"}`: the hub's id and public key |
//! | `GET /v1/stats` | per district: events held, last sequence, last contact (as `stats --json`) |
//! | `GET /v1/districts/{code}/receipt` | the receipt: highest sequence held and its batch hash |
//! | `POST /v1/batches` | takes one whole batch; answers the receipt (a re-send answers it too) |
//! | `GET /v1/uploads/{id}` | `{"received"}`: bytes held of a resumable upload (`id` = the batch's SHA-256) |
//! | `PUT /v1/uploads/{id}?offset=N` | appends a chunk at `N`; answers `{"received"}` |
//! | `POST /v1/uploads/{id}/commit` | takes the finished upload as a batch; answers the receipt |
//! | `GET /v1/districts/{code}/down?after=N` | bundle of hub-signed batches for the district above `N` (signed request) |
//! | `GET /v1/districts/{code}/own?after=N` | bundle of the district's own accepted batches above `N` (signed request) |
//! | `GET /v1/districts/{code}/set-aside` | the district's batches set aside: sequences and reason (`sync::SetAside`; signed request) |
//! | `GET /v1/verify/{code}` | the status of exactly that document code (`sync::verdict::HubVerdict`) |
//!
//! Downloads must be signed by the district they belong to (`sync::auth`), else 401.
//! `/v1/verify` takes at most [`VERIFY_PER_MINUTE`] requests a minute from one client address,
//! else 429 (`too-many-requests`, with `Retry-After`): enough for an office that checks documents
//! all day, too few to walk a district's serials.
//! Refusals are `{"error": key, "detail", "received"?}` with 400 (batch), 401, 404, 409 (offset),
//! 429 or 500.

use std::collections::HashMap;
use std::io::Read;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use chrono::Utc;
use serde_json::{Value, json};
use tiny_http::{Header, Method, Request, Response, Server};

use super::{Hub, HubError};
use crate::sync::auth::{DISTRICT_HEADER, SIGNATURE_HEADER, Signed, TIME_HEADER};

/// The largest request body taken: a batch of tens of thousands of events fits many times over.
const MAX_BODY: u64 = 256 * 1024 * 1024;
const WORKERS: usize = 4;

/// How many `GET /v1/verify/…` requests one client address may make in a minute.
pub const VERIFY_PER_MINUTE: u32 = 60;
const MINUTE: Duration = Duration::from_secs(60);
/// Past this many addresses remembered, those whose minute is over are forgotten.
const REMEMBERED: usize = 10_000;

/// Requests counted per client address, each in a minute-long window that opens with the
/// address's first request after the last window closed: at most `limit` in any such window.
/// (An address behind the same NAT or proxy as others shares their allowance.)
struct RateLimit {
    limit: u32,
    windows: Mutex<HashMap<IpAddr, (Instant, u32)>>,
}

impl RateLimit {
    fn new(limit: u32) -> Self {
        Self { limit, windows: Mutex::new(HashMap::new()) }
    }

    /// Counts one request of `address` at `now`: `Ok` when it is allowed, else how long until the
    /// address's window closes.
    fn take(&self, address: IpAddr, now: Instant) -> Result<(), Duration> {
        // A worker that panicked while holding the lock left whole entries: go on with them.
        let mut windows = self.windows.lock().unwrap_or_else(PoisonError::into_inner);
        if windows.len() >= REMEMBERED {
            windows.retain(|_, (opened, _)| now.duration_since(*opened) < MINUTE);
        }
        let (opened, count) = windows.entry(address).or_insert((now, 0));
        if now.duration_since(*opened) >= MINUTE {
            (*opened, *count) = (now, 0);
        }
        if *count >= self.limit {
            return Err(MINUTE.saturating_sub(now.duration_since(*opened)));
        }
        *count += 1;
        Ok(())
    }
}

/// A bound server; `run` serves until the process ends.
pub struct Listener {
    server: Arc<Server>,
}

impl Listener {
    pub fn bind(address: &str) -> Result<Self, HubError> {
        let server = Server::http(address).map_err(|e| HubError::Io(e.to_string()))?;
        Ok(Self { server: Arc::new(server) })
    }

    pub fn address(&self) -> Option<SocketAddr> {
        self.server.server_addr().to_ip()
    }

    pub fn run(self, hub: &Arc<Hub>) {
        let limit = Arc::new(RateLimit::new(VERIFY_PER_MINUTE));
        let workers: Vec<_> = (0..WORKERS)
            .map(|_| {
                let server = Arc::clone(&self.server);
                let hub = Arc::clone(hub);
                let limit = Arc::clone(&limit);
                std::thread::spawn(move || {
                    for request in server.incoming_requests() {
                        handle(&hub, &limit, request);
                    }
                })
            })
            .collect();
        for worker in workers {
            let _ = worker.join();
        }
    }
}

enum Reply {
    Json(u16, Value),
    Bytes(Vec<u8>),
    /// 429: too many requests from this address; seconds until it may ask again.
    TooMany(u64),
}

fn handle(hub: &Hub, limit: &RateLimit, mut request: Request) {
    let limited = is_verify(request.url());
    // tiny_http gives every TCP connection its peer; with none (not TCP), all share one allowance.
    let address = request.remote_addr().map_or(IpAddr::from([0, 0, 0, 0]), SocketAddr::ip);
    let throttled = if limited { limit.take(address, Instant::now()).err() } else { None };
    let reply = match (throttled, read_body(&mut request)) {
        (Some(wait), _) => Reply::TooMany(wait.as_secs().max(1)),
        (None, Ok(body)) => route(hub, request.method(), request.url(), &body, signed(&request).as_ref()),
        (None, Err(error)) => error_reply(&error),
    };
    let mut retry_after = None;
    let (status, bytes, kind) = match reply {
        Reply::Json(status, value) => (status, value.to_string().into_bytes(), &b"application/json"[..]),
        Reply::Bytes(bytes) => (200, bytes, &b"application/octet-stream"[..]),
        Reply::TooMany(seconds) => {
            retry_after = Some(seconds);
            let detail =
                format!("at most {VERIFY_PER_MINUTE} verification requests a minute from one address; ask again in {seconds} s");
            let value = json!({ "error": "too-many-requests", "detail": detail });
            (429, value.to_string().into_bytes(), &b"application/json"[..])
        }
    };
    let mut response = Response::from_data(bytes).with_status_code(status);
    if let Ok(header) = Header::from_bytes(&b"Content-Type"[..], kind) {
        response.add_header(header);
    }
    if let Some(header) = retry_after.and_then(|s| Header::from_bytes(&b"Retry-After"[..], s.to_string()).ok()) {
        response.add_header(header);
    }
    if let Err(error) = request.respond(response) {
        tracing::debug!(%error, "the client left before the answer");
    }
}

/// Whether `url` goes to `/v1/verify`, read as `route` reads paths (surrounding slashes ignored).
fn is_verify(url: &str) -> bool {
    let path = url.split_once('?').map_or(url, |(path, _)| path);
    let mut parts = path.trim_matches('/').split('/');
    parts.next() == Some("v1") && parts.next() == Some("verify")
}

fn read_body(request: &mut Request) -> Result<Vec<u8>, HubError> {
    let mut body = Vec::new();
    request.as_reader().take(MAX_BODY).read_to_end(&mut body).map_err(|e| HubError::Io(e.to_string()))?;
    Ok(body)
}

/// The signature headers of a request, when it has all three.
fn signed(request: &Request) -> Option<Signed> {
    let header = |name: &str| {
        request
            .headers()
            .iter()
            .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
            .map(|h| h.value.as_str().to_owned())
    };
    Some(Signed { district: header(DISTRICT_HEADER)?, time: header(TIME_HEADER)?, signature: header(SIGNATURE_HEADER)? })
}

fn route(hub: &Hub, method: &Method, url: &str, body: &[u8], signed: Option<&Signed>) -> Reply {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    let number = |name: &str| -> u64 {
        query
            .split('&')
            .filter_map(|p| p.split_once('='))
            .find(|(k, _)| *k == name)
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(0)
    };
    let now = Utc::now();
    let result = match (method, parts.as_slice()) {
        (Method::Get, ["v1", "hub"]) => {
            hub.public_key().map(|key| Reply::Json(200, json!({ "id": hub.store.id, "key": key.to_hex() })))
        }
        (Method::Get, ["v1", "stats"]) => hub.stats().map(|stats| Reply::Json(200, json!(stats))),
        (Method::Get, ["v1", "districts", code, "receipt"]) => hub.receipt(code).map(|r| Reply::Json(200, json!(r))),
        (Method::Post, ["v1", "batches"]) => hub.receive(body, now).map(|r| Reply::Json(200, json!(r))),
        (Method::Get, ["v1", "uploads", id]) => hub.upload_received(id).map(|n| Reply::Json(200, json!({ "received": n }))),
        (Method::Put, ["v1", "uploads", id]) => {
            hub.upload_chunk(id, number("offset"), body).map(|n| Reply::Json(200, json!({ "received": n })))
        }
        (Method::Post, ["v1", "uploads", id, "commit"]) => hub.commit_upload(id, now).map(|r| Reply::Json(200, json!(r))),
        (Method::Get, ["v1", "districts", code, "down"]) => {
            hub.authorize(code, signed, "GET", url).and_then(|()| hub.export(code, number("after"))).map(Reply::Bytes)
        }
        (Method::Get, ["v1", "districts", code, "own"]) => {
            hub.authorize(code, signed, "GET", url).and_then(|()| hub.own_batches(code, number("after"))).map(Reply::Bytes)
        }
        (Method::Get, ["v1", "districts", code, "set-aside"]) => {
            hub.authorize(code, signed, "GET", url).and_then(|()| hub.set_aside(code)).map(|s| Reply::Json(200, json!(s)))
        }
        (Method::Get, ["v1", "verify", code]) => hub.verify(code).map(|v| Reply::Json(200, json!(v))),
        _ => return Reply::Json(404, json!({ "error": "not-found", "detail": url })),
    };
    result.unwrap_or_else(|error| error_reply(&error))
}

fn error_reply(error: &HubError) -> Reply {
    let detail = error.to_string();
    match error {
        HubError::Batch(sync) => Reply::Json(400, json!({ "error": sync.key(), "detail": detail })),
        HubError::UnknownDistrict(_) => Reply::Json(404, json!({ "error": "unknown-district", "detail": detail })),
        HubError::WrongOffset { received, .. } => {
            Reply::Json(409, json!({ "error": "wrong-offset", "detail": detail, "received": received }))
        }
        HubError::Unauthorized(auth) => Reply::Json(401, json!({ "error": auth.key(), "detail": detail })),
        HubError::UnknownDocument { .. } => Reply::Json(404, json!({ "error": "unknown-document", "detail": detail })),
        HubError::UploadMismatch => Reply::Json(400, json!({ "error": "upload-mismatch", "detail": detail })),
        _ => Reply::Json(500, json!({ "error": "hub", "detail": detail })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_address_gets_its_minute_allowance_of_verifications() {
        let limit = RateLimit::new(3);
        let start = Instant::now();
        let (one, two) = (IpAddr::from([10, 0, 0, 1]), IpAddr::from([10, 0, 0, 2]));
        for _ in 0..3 {
            assert_eq!(limit.take(one, start), Ok(()));
        }
        let later = start + Duration::from_secs(20);
        assert_eq!(limit.take(one, later), Err(Duration::from_secs(40)));
        // Another address has its own allowance; the first gets a new one once its minute is over.
        assert_eq!(limit.take(two, later), Ok(()));
        assert_eq!(limit.take(one, start + MINUTE), Ok(()));
    }

    #[test]
    fn every_spelling_of_the_verify_path_is_counted() {
        for url in ["/v1/verify/26-1405-000001-ABCDEFGH", "//v1/verify/x/", "/v1/verify?x", "v1/verify"] {
            assert!(is_verify(url), "{url}");
        }
        for url in ["/v1/hub", "/v1/districts/26/receipt", "/v2/verify/x", "/verify/v1"] {
            assert!(!is_verify(url), "{url}");
        }
    }
}
