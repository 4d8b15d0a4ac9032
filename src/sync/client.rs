//! The district's HTTP transport to the hub (`ureq`, blocking, plain HTTP): bounded timeouts and
//! retries, uploads that resume from what the hub already holds after a dropped link, and every
//! request but the hub's identity and document verification signed with the district's key
//! (`sync::auth`), its body's hash with it.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use serde::Deserialize;
use thiserror::Error;

use super::auth::{self, AuthError, BODY_HEADER, DISTRICT_HEADER, REPLAYED_KEY, SIGNATURE_HEADER, TIME_HEADER};
use super::batch::hash_of;
use super::verdict::HubVerdict;
use super::wire::MAX_CHUNK_BYTES;
use super::{Receipt, SetAside};
use crate::signing::DistrictKey;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ClientError {
    /// No answer after every retry (no route, refused, timed out, cut, busy).
    #[error("the hub cannot be reached: {0}")]
    Unreachable(String),
    /// The hub answered with a refusal of what was sent; `key` is the `SyncError` key or the hub's own.
    #[error("the hub refused: {detail}")]
    Refused { key: String, detail: String },
    /// The hub refused the request itself, whatever it carried: its signature, its time, its body
    /// (`key` is an `AuthError` key).
    #[error("the hub refused the request: {detail}")]
    Request { key: String, detail: String },
}

/// How hard to try.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub connect: Duration,
    pub io: Duration,
    pub attempts: u32,
    pub first_backoff: Duration,
    pub chunk: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            connect: Duration::from_secs(5),
            io: Duration::from_secs(60),
            attempts: 5,
            first_backoff: Duration::from_millis(100),
            chunk: 64 * 1024,
        }
    }
}

/// How many times one request is signed anew after the hub took a later one of the district
/// (another client of the district at the same time) before the attempt counts as failed.
const RESIGNS: u32 = 8;

/// The hub's identity, as `GET /v1/hub` answers it.
#[derive(Debug, Clone, Deserialize)]
pub struct HubIdentity {
    pub id: String,
    pub key: String,
}

#[derive(Deserialize)]
struct Received {
    received: u64,
}

#[derive(Deserialize)]
struct Refusal {
    error: String,
    detail: String,
    received: Option<u64>,
    last: Option<i64>,
}

/// Who signs: the district's code and key.
#[derive(Clone, Copy)]
pub struct Signer<'a> {
    pub district: &'a str,
    pub key: &'a DistrictKey,
}

pub struct HubClient {
    agent: ureq::Agent,
    base: String,
    limits: Limits,
    /// The time of the last request this client signed (Unix ms): each is signed later, so two
    /// requests in one millisecond are not taken for a replay.
    signed_last: AtomicI64,
}

impl HubClient {
    pub fn new(base: &str, limits: Limits) -> Self {
        let agent =
            ureq::AgentBuilder::new().timeout_connect(limits.connect).timeout_read(limits.io).timeout_write(limits.io).build();
        Self { agent, base: base.trim_end_matches('/').to_owned(), limits, signed_last: AtomicI64::new(0) }
    }

    pub fn identity(&self) -> Result<HubIdentity, ClientError> {
        self.identity_and_clock().map(|(identity, _)| identity)
    }

    /// The hub's identity, and the time on its clock as its answer's `Date` header gives it (none
    /// when it sends none): signed requests and deadlines depend on the two clocks agreeing.
    pub fn identity_and_clock(&self) -> Result<(HubIdentity, Option<chrono::DateTime<chrono::Utc>>), ClientError> {
        self.retrying(|| {
            let response = answer(self.agent.get(&self.url("/v1/hub")).call())?;
            let clock = response
                .header("date")
                .and_then(|date| chrono::DateTime::parse_from_rfc2822(date).ok())
                .map(|date| date.with_timezone(&chrono::Utc));
            Ok((json(Ok(response))?, clock))
        })
    }

    pub fn receipt(&self, signer: Signer<'_>) -> Result<Receipt, ClientError> {
        let path = format!("/v1/districts/{}/receipt", signer.district);
        self.retrying(|| json(self.signed(signer, "GET", &path, &[])))
    }

    /// The district's batches the hub has set aside, with their sequences and reasons.
    pub fn set_aside_at_hub(&self, signer: Signer<'_>) -> Result<Vec<SetAside>, ClientError> {
        let path = format!("/v1/districts/{}/set-aside", signer.district);
        self.retrying(|| json(self.signed(signer, "GET", &path, &[])))
    }

    /// A bundle from the hub: `down` (batches for the district) or `own` (its own, taken back).
    pub fn bundle(&self, signer: Signer<'_>, which: &str, after: u64) -> Result<Vec<u8>, ClientError> {
        let path = format!("/v1/districts/{}/{which}?after={after}", signer.district);
        self.retrying(|| {
            let response = self.signed(signer, "GET", &path, &[])?;
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut response.into_reader(), &mut bytes).map_err(|e| Attempt::Again(e.to_string()))?;
            Ok(bytes)
        })
    }

    /// What the hub knows of an issued document's code.
    pub fn verify(&self, code: &str) -> Result<HubVerdict, ClientError> {
        let url = self.url(&format!("/v1/verify/{}", path_segment(&crate::domain::text::fold(code.trim()))));
        self.retrying(|| json(answer(self.agent.get(&url).call())))
    }

    /// Uploads one batch in chunks, resuming from the hub's count after a dropped link, then has
    /// the hub take it. Returns the receipt (also when the hub already held the batch).
    pub fn upload(&self, signer: Signer<'_>, batch: &[u8]) -> Result<Receipt, ClientError> {
        let upload = format!("/v1/uploads/{}", hash_of(batch));
        let chunk = self.limits.chunk.clamp(1, MAX_CHUNK_BYTES);
        self.retrying(|| {
            let mut received: u64 = json::<Received>(self.signed(signer, "GET", &upload, &[]))?.received;
            while usize::try_from(received).is_ok_and(|r| r < batch.len()) {
                let start = usize::try_from(received).unwrap_or(batch.len());
                let end = batch.len().min(start + chunk);
                let put = self.signed(signer, "PUT", &format!("{upload}?offset={received}"), &batch[start..end]);
                received = match json::<Received>(put) {
                    Ok(r) => r.received,
                    Err(Attempt::Offset(at, _)) => at,
                    Err(other) => return Err(other),
                };
            }
            match json(self.signed(signer, "POST", &format!("{upload}/commit"), &[])) {
                // The upload went missing (taken by an earlier commit whose answer was lost): send it again.
                Err(Attempt::Refused(key, detail)) if key == "upload-mismatch" => Err(Attempt::Again(detail)),
                other => other,
            }
        })
    }

    /// `method` of `path` (its query included) with `body`, signed by the district. When the hub
    /// has taken a later request of the district (its GUI and command line syncing at once), the
    /// request is signed again after that one.
    fn signed(&self, signer: Signer<'_>, method: &str, path: &str, body: &[u8]) -> Result<ureq::Response, Attempt> {
        let mut after = 0;
        for _ in 0..RESIGNS {
            let time = self.next_time(after);
            let headers = auth::sign(signer.district, signer.key, auth::Request { method, path }, body, time);
            let request = self
                .agent
                .request(method, &self.url(path))
                .set(DISTRICT_HEADER, &headers.district)
                .set(TIME_HEADER, &headers.time)
                .set(BODY_HEADER, &headers.body)
                .set(SIGNATURE_HEADER, &headers.signature);
            let sent = if method == "GET" { request.call() } else { request.send_bytes(body) };
            match answer(sent) {
                Err(Attempt::Overtaken(last)) => after = last,
                other => return other,
            }
        }
        Err(Attempt::Again(AuthError::Replayed { last: after }.to_string()))
    }

    /// A signing time (Unix ms) later than any this client used and than `after`.
    fn next_time(&self, after: i64) -> i64 {
        let now = chrono::Utc::now().timestamp_millis();
        let mut next = now;
        let _ = self.signed_last.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |last| {
            next = now.max(last.saturating_add(1)).max(after.saturating_add(1));
            Some(next)
        });
        next
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Runs `attempt` until it succeeds, is refused, or the attempts run out, backing off between.
    fn retrying<T>(&self, mut attempt: impl FnMut() -> Result<T, Attempt>) -> Result<T, ClientError> {
        let mut backoff = self.limits.first_backoff;
        let mut last = String::new();
        for n in 0..self.limits.attempts.max(1) {
            if n > 0 {
                std::thread::sleep(backoff);
                backoff = (backoff * 2).min(Duration::from_secs(5));
            }
            match attempt() {
                Ok(value) => return Ok(value),
                Err(Attempt::Refused(key, detail)) if AuthError::KEYS.contains(&key.as_str()) => {
                    return Err(ClientError::Request { key, detail });
                }
                Err(Attempt::Refused(key, detail)) => return Err(ClientError::Refused { key, detail }),
                Err(Attempt::Again(detail) | Attempt::Offset(_, detail)) => {
                    tracing::info!(attempt = n + 1, %detail, "hub not reached; retrying");
                    last = detail;
                }
                Err(Attempt::Overtaken(at)) => last = AuthError::Replayed { last: at }.to_string(),
            }
        }
        Err(ClientError::Unreachable(last))
    }
}

/// One attempt's failure: try again, or stop.
enum Attempt {
    Again(String),
    Offset(u64, String),
    /// The hub took a request of this district signed at this time or later: sign after it.
    Overtaken(i64),
    Refused(String, String),
}

fn answer(result: Result<ureq::Response, ureq::Error>) -> Result<ureq::Response, Attempt> {
    match result {
        Ok(response) => Ok(response),
        Err(ureq::Error::Status(status, response)) => {
            let refusal: Option<Refusal> = response.into_json().ok();
            match refusal {
                Some(Refusal { received: Some(at), detail, .. }) if status == 409 => Err(Attempt::Offset(at, detail)),
                Some(Refusal { error, last: Some(last), .. }) if status == 401 && error == REPLAYED_KEY => {
                    Err(Attempt::Overtaken(last))
                }
                // Too slow (the link) or too busy (the hub): the same request may pass later.
                Some(r) if status == 408 || status >= 500 => Err(Attempt::Again(r.detail)),
                Some(r) => Err(Attempt::Refused(r.error, r.detail)),
                None => Err(Attempt::Again(format!("HTTP {status}"))),
            }
        }
        Err(ureq::Error::Transport(error)) => Err(Attempt::Again(error.to_string())),
    }
}

fn json<T: serde::de::DeserializeOwned>(response: Result<ureq::Response, Attempt>) -> Result<T, Attempt> {
    response?.into_json().map_err(|e| Attempt::Again(e.to_string()))
}

/// `text` as one URL path segment: codes are letters, digits, `:` and `-`; anything else is escaped.
fn path_segment(text: &str) -> String {
    use std::fmt::Write;
    text.bytes().fold(String::with_capacity(text.len()), |mut out, byte| {
        if byte.is_ascii_alphanumeric() || matches!(byte, b':' | b'-') {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
        out
    })
}
