//! The district's HTTP transport to the hub (`ureq`, blocking, plain HTTP): bounded timeouts and
//! retries, and uploads that resume from what the hub already holds after a dropped link.

use std::time::Duration;

use serde::Deserialize;
use thiserror::Error;

use super::auth::{self, DISTRICT_HEADER, SIGNATURE_HEADER, TIME_HEADER};
use super::batch::hash_of;
use super::verdict::HubVerdict;
use super::{Receipt, SetAside};
use crate::signing::DistrictKey;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ClientError {
    /// No answer after every retry (no route, refused, timed out, cut).
    #[error("the hub cannot be reached: {0}")]
    Unreachable(String),
    /// The hub answered with a refusal; `key` is the `SyncError` key or the hub's own.
    #[error("the hub refused: {detail}")]
    Refused { key: String, detail: String },
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
}

pub struct HubClient {
    agent: ureq::Agent,
    base: String,
    limits: Limits,
}

impl HubClient {
    pub fn new(base: &str, limits: Limits) -> Self {
        let agent =
            ureq::AgentBuilder::new().timeout_connect(limits.connect).timeout_read(limits.io).timeout_write(limits.io).build();
        Self { agent, base: base.trim_end_matches('/').to_owned(), limits }
    }

    pub fn identity(&self) -> Result<HubIdentity, ClientError> {
        self.retrying(|| json(self.agent.get(&self.url("/v1/hub")).call()))
    }

    pub fn receipt(&self, district: &str) -> Result<Receipt, ClientError> {
        self.retrying(|| json(self.agent.get(&self.url(&format!("/v1/districts/{district}/receipt"))).call()))
    }

    /// The district's batches the hub has set aside, with their sequences and reasons.
    pub fn set_aside_at_hub(&self, district: &str, key: &DistrictKey) -> Result<Vec<SetAside>, ClientError> {
        let path = format!("/v1/districts/{district}/set-aside");
        self.retrying(|| json(self.signed_get(district, key, &path).call()))
    }

    /// A GET of `path` signed with the district's key; the hub refuses anyone else.
    fn signed_get(&self, district: &str, key: &DistrictKey, path: &str) -> ureq::Request {
        // Signed afresh on every attempt: a retry after a long timeout must not go stale.
        let signed = auth::sign(district, key, "GET", path, chrono::Utc::now());
        self.agent
            .get(&self.url(path))
            .set(DISTRICT_HEADER, &signed.district)
            .set(TIME_HEADER, &signed.time)
            .set(SIGNATURE_HEADER, &signed.signature)
    }

    /// A bundle from the hub: `down` (batches for the district) or `own` (its own, taken back).
    pub fn bundle(&self, district: &str, key: &DistrictKey, which: &str, after: u64) -> Result<Vec<u8>, ClientError> {
        let path = format!("/v1/districts/{district}/{which}?after={after}");
        self.retrying(|| {
            let response = answer(self.signed_get(district, key, &path).call())?;
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut response.into_reader(), &mut bytes).map_err(|e| Attempt::Again(e.to_string()))?;
            Ok(bytes)
        })
    }

    /// What the hub knows of an issued document's code.
    pub fn verify(&self, code: &str) -> Result<HubVerdict, ClientError> {
        let url = self.url(&format!("/v1/verify/{}", path_segment(&crate::domain::text::fold(code.trim()))));
        self.retrying(|| json(self.agent.get(&url).call()))
    }

    /// Uploads one batch in chunks, resuming from the hub's count after a dropped link, then has
    /// the hub take it. Returns the receipt (also when the hub already held the batch).
    pub fn upload(&self, batch: &[u8]) -> Result<Receipt, ClientError> {
        let id = hash_of(batch);
        let upload = self.url(&format!("/v1/uploads/{id}"));
        self.retrying(|| {
            let mut received: u64 = json::<Received>(self.agent.get(&upload).call())?.received;
            while usize::try_from(received).is_ok_and(|r| r < batch.len()) {
                let start = usize::try_from(received).unwrap_or(batch.len());
                let end = batch.len().min(start + self.limits.chunk);
                let put = self.agent.put(&upload).query("offset", &received.to_string()).send_bytes(&batch[start..end]);
                received = match json::<Received>(put) {
                    Ok(r) => r.received,
                    Err(Attempt::Offset(at, _)) => at,
                    Err(other) => return Err(other),
                };
            }
            match json(self.agent.post(&format!("{upload}/commit")).send_bytes(&[])) {
                // The upload went missing (taken by an earlier commit whose answer was lost): send it again.
                Err(Attempt::Refused(key, detail)) if key == "upload-mismatch" => Err(Attempt::Again(detail)),
                other => other,
            }
        })
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
                Err(Attempt::Refused(key, detail)) => return Err(ClientError::Refused { key, detail }),
                Err(Attempt::Again(detail) | Attempt::Offset(_, detail)) => {
                    tracing::info!(attempt = n + 1, %detail, "hub not reached; retrying");
                    last = detail;
                }
            }
        }
        Err(ClientError::Unreachable(last))
    }
}

/// One attempt's failure: try again, or stop.
enum Attempt {
    Again(String),
    Offset(u64, String),
    Refused(String, String),
}

fn answer(result: Result<ureq::Response, ureq::Error>) -> Result<ureq::Response, Attempt> {
    match result {
        Ok(response) => Ok(response),
        Err(ureq::Error::Status(status, response)) => {
            let refusal: Option<Refusal> = response.into_json().ok();
            match refusal {
                Some(Refusal { received: Some(at), detail, .. }) if status == 409 => Err(Attempt::Offset(at, detail)),
                Some(r) if status < 500 => Err(Attempt::Refused(r.error, r.detail)),
                Some(r) => Err(Attempt::Again(r.detail)),
                None => Err(Attempt::Again(format!("HTTP {status}"))),
            }
        }
        Err(ureq::Error::Transport(error)) => Err(Attempt::Again(error.to_string())),
    }
}

fn json<T: serde::de::DeserializeOwned>(result: Result<ureq::Response, ureq::Error>) -> Result<T, Attempt> {
    answer(result)?.into_json().map_err(|e| Attempt::Again(e.to_string()))
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
