//! A signed request's body, read as it comes and never past its cap: refused by its declared
//! length before a byte is read, or as soon as it passes the cap (413); dropped when it comes
//! slower than [`Pace`] allows (408); refused when its SHA-256 is not the one the district signed.

use std::time::Duration;

use axum::body::Body;
use axum::http::HeaderMap;
use axum::http::header::CONTENT_LENGTH;
use http_body_util::BodyExt;
use sha2::{Digest, Sha256};
use tokio::time::Instant;

use super::Signer;
use super::refusal::HttpError;
use crate::signing::hex;
use crate::sync::auth;

/// How slowly a body may come: after `grace`, at least `bytes_per_second` on average since its
/// first byte was awaited. A link of a few kbit/s passes; a byte now and then (a slow-body attack)
/// is dropped once the grace is over, whatever the length it declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pace {
    pub grace: Duration,
    pub bytes_per_second: u64,
}

impl Pace {
    /// When the next bytes must have come, `received` bytes in.
    fn deadline(self, started: Instant, received: usize) -> Instant {
        let received = u64::try_from(received).unwrap_or(u64::MAX);
        let earned = Duration::from_millis(received.saturating_mul(1000) / self.bytes_per_second.max(1));
        started + self.grace + earned
    }
}

/// The body of a request `signer` signed, at most `cap` bytes.
pub(super) async fn read_signed(
    body: Body,
    headers: &HeaderMap,
    signer: &Signer,
    cap: usize,
    pace: Pace,
) -> Result<Vec<u8>, HttpError> {
    let declared = headers.get(CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|length| length > u64::try_from(cap).unwrap_or(u64::MAX)) {
        return Err(HttpError::TooLarge { limit: cap });
    }
    let mut body = body;
    let mut bytes = Vec::with_capacity(declared.and_then(|d| usize::try_from(d).ok()).unwrap_or(0).min(cap));
    let mut hash = Sha256::new();
    let started = Instant::now();
    loop {
        let frame = match tokio::time::timeout_at(pace.deadline(started, bytes.len()), body.frame()).await {
            Err(_) => return Err(HttpError::Timeout),
            Ok(None) => break,
            Ok(Some(Err(error))) => return Err(unreadable(&error, cap)),
            Ok(Some(Ok(frame))) => frame,
        };
        let Ok(data) = frame.into_data() else { continue };
        if bytes.len() + data.len() > cap {
            return Err(HttpError::TooLarge { limit: cap });
        }
        hash.update(&data);
        bytes.extend_from_slice(&data);
    }
    auth::check_body(&signer.signed, &hex(&hash.finalize()))?;
    Ok(bytes)
}

/// A body that broke off: past tower-http's limit, or the client gone.
pub(super) fn unreadable(error: &axum::Error, cap: usize) -> HttpError {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(cause) = source {
        if cause.is::<http_body_util::LengthLimitError>() {
            return HttpError::TooLarge { limit: cap };
        }
        source = cause.source();
    }
    HttpError::BadRequest(format!("the request's body could not be read: {error}"))
}
