//! Signed requests: a district proves that it sends each request to the hub — its batches and
//! uploads, the receipt it asks for, its downloads — with its enrolled key, so nobody else pushes
//! bytes into the hub or reads the district's data. Sans-IO: the client signs, the hub checks;
//! both only format and compare.
//!
//! Headers: `X-Bakhshyar-District` (code), `X-Bakhshyar-Time` (Unix milliseconds),
//! `X-Bakhshyar-Body-SHA256` (hex SHA-256 of the body; of no bytes for a request without one) and
//! `X-Bakhshyar-Signature` (hex Ed25519 over `BKSR2|METHOD|path?query|time|body hash`).
//!
//! The time is also the request's number: the hub takes a district's request only when its time
//! is later than that of the last request it took from the district (`Hub::admit_request`), so a
//! captured request is refused when sent again, however soon. The body's hash is signed with the
//! rest, and the hub checks the body against it once it has read it: a signed request cannot carry
//! other bytes than the district's.

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use thiserror::Error;

use crate::signing::{DistrictKey, PublicKey, hex};

pub const DISTRICT_HEADER: &str = "X-Bakhshyar-District";
pub const TIME_HEADER: &str = "X-Bakhshyar-Time";
pub const BODY_HEADER: &str = "X-Bakhshyar-Body-SHA256";
pub const SIGNATURE_HEADER: &str = "X-Bakhshyar-Signature";
/// A request older or newer than this (seconds) is refused: the hub need not remember a district's
/// requests for longer to refuse them sent again.
pub const MAX_SKEW_SECONDS: i64 = 300;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum AuthError {
    #[error("the request is not signed")]
    Unsigned,
    #[error("the request is signed by district {signed}, not {asked}")]
    WrongDistrict { signed: String, asked: String },
    #[error("the request's time is more than {MAX_SKEW_SECONDS} seconds from the hub's")]
    Stale,
    #[error("the request's signature does not match the district's key")]
    BadSignature,
    /// The request's time is not later than the last the hub took from the district: it was sent
    /// before (a replay), or another client of the district signed a later one first.
    #[error("the hub took a request of this district signed at {last} ms already; this one is not later")]
    Replayed { last: i64 },
    /// The body read is not the one whose hash the district signed.
    #[error("the request's body is not the one the district signed")]
    BodyMismatch,
}

impl AuthError {
    /// The key the hub's refusal names.
    pub fn key(&self) -> &'static str {
        match self {
            Self::Unsigned => "unsigned-request",
            Self::WrongDistrict { .. } => "wrong-district",
            Self::Stale => "stale-request",
            Self::BadSignature => "bad-request-signature",
            Self::Replayed { .. } => REPLAYED_KEY,
            Self::BodyMismatch => "body-mismatch",
        }
    }

    /// Every refusal's key, for the client that must tell them from a batch's.
    pub const KEYS: [&str; 6] =
        ["unsigned-request", "wrong-district", "stale-request", "bad-request-signature", REPLAYED_KEY, "body-mismatch"];
}

/// The key of a refused replay; its refusal also carries `last`, the time the hub holds.
pub const REPLAYED_KEY: &str = "replayed-request";

/// The header values of a signed request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    pub district: String,
    /// Unix milliseconds, as sent.
    pub time: String,
    /// Hex SHA-256 of the body, as sent.
    pub body: String,
    pub signature: String,
}

/// What one request is: its method, its path with the query exactly as sent, and its body's hash.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub method: &'a str,
    pub path: &'a str,
}

fn message(request: Request<'_>, time: &str, body: &str) -> String {
    format!("BKSR2|{}|{}|{time}|{}", request.method.to_ascii_uppercase(), request.path, body.to_ascii_lowercase())
}

/// Hex SHA-256 of a body.
pub fn body_hash(body: &[u8]) -> String {
    hex(&Sha256::digest(body))
}

/// Signs `request` with `body` at `time_ms` (Unix milliseconds).
pub fn sign(district: &str, key: &DistrictKey, request: Request<'_>, body: &[u8], time_ms: i64) -> Signed {
    let (time, body) = (time_ms.to_string(), body_hash(body));
    let signature = hex(&key.sign(message(request, &time, &body).as_bytes()));
    Signed { district: district.to_owned(), time, body, signature }
}

/// Checks a request for `asked`'s data against that district's enrolled `key`; the request's
/// time (Unix milliseconds), which the hub must find later than the last it took.
pub fn check(
    signed: Option<&Signed>,
    asked: &str,
    key: &PublicKey,
    request: Request<'_>,
    now: DateTime<Utc>,
) -> Result<i64, AuthError> {
    let signed = signed.ok_or(AuthError::Unsigned)?;
    if signed.district != asked {
        return Err(AuthError::WrongDistrict { signed: signed.district.clone(), asked: asked.to_owned() });
    }
    let time: i64 = signed.time.trim().parse().map_err(|_| AuthError::Stale)?;
    if (now.timestamp_millis().saturating_sub(time)).abs() > MAX_SKEW_SECONDS * 1000 {
        return Err(AuthError::Stale);
    }
    let signature = unhex_64(&signed.signature).ok_or(AuthError::BadSignature)?;
    key.verify(message(request, &signed.time, &signed.body).as_bytes(), &signature).map_err(|_| AuthError::BadSignature)?;
    Ok(time)
}

/// Checks the hash of the body read against the one the district signed.
pub fn check_body(signed: &Signed, read: &str) -> Result<(), AuthError> {
    if signed.body.trim().eq_ignore_ascii_case(read) { Ok(()) } else { Err(AuthError::BodyMismatch) }
}

pub(super) fn unhex_64(text: &str) -> Option<[u8; 64]> {
    let text = text.trim().as_bytes();
    if text.len() != 128 {
        return None;
    }
    let mut out = [0u8; 64];
    for (byte, pair) in out.iter_mut().zip(text.chunks(2)) {
        *byte = u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn key() -> DistrictKey {
        DistrictKey::generate().unwrap_or_else(|e| panic!("{e}"))
    }

    const DOWN: Request<'static> = Request { method: "GET", path: "/v1/districts/21/down?after=0" };

    #[test]
    fn a_signed_request_passes_and_every_change_is_refused() {
        let (key, other) = (key(), key());
        let now = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).single().unwrap_or_default();
        let ms = now.timestamp_millis();
        let signed = sign("21", &key, DOWN, b"", ms);
        let public = key.public();
        let at = |seconds: i64| now + chrono::Duration::seconds(seconds);
        assert_eq!(check(Some(&signed), "21", &public, DOWN, at(299)), Ok(ms));
        assert_eq!(check(None, "21", &public, DOWN, now), Err(AuthError::Unsigned));
        let wrong = check(Some(&signed), "22", &public, DOWN, now);
        assert_eq!(wrong, Err(AuthError::WrongDistrict { signed: "21".into(), asked: "22".into() }));
        assert_eq!(check(Some(&signed), "21", &public, DOWN, at(301)), Err(AuthError::Stale));
        assert_eq!(check(Some(&signed), "21", &public, DOWN, at(-301)), Err(AuthError::Stale));
        let other_path = Request { path: "/v1/districts/21/down?after=5", ..DOWN };
        assert_eq!(check(Some(&signed), "21", &public, other_path, now), Err(AuthError::BadSignature));
        let other_method = Request { method: "POST", ..DOWN };
        assert_eq!(check(Some(&signed), "21", &public, other_method, now), Err(AuthError::BadSignature));
        assert_eq!(check(Some(&signed), "21", &public, DOWN, now).map(|_| ()), Ok(()));
        assert_eq!(check(Some(&signed), "21", &other.public(), DOWN, now), Err(AuthError::BadSignature));
        let later = Signed { time: (ms + 1).to_string(), ..signed.clone() };
        assert_eq!(check(Some(&later), "21", &public, DOWN, now), Err(AuthError::BadSignature));
        let garbled = Signed { signature: "zz".repeat(64), ..signed };
        assert_eq!(check(Some(&garbled), "21", &public, DOWN, now), Err(AuthError::BadSignature));
    }

    #[test]
    fn the_body_is_signed_with_the_request() {
        let key = key();
        let now = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).single().unwrap_or_default();
        let put = Request { method: "PUT", path: "/v1/uploads/ab?offset=0" };
        let signed = sign("21", &key, put, b"chunk", now.timestamp_millis());
        assert_eq!(check_body(&signed, &body_hash(b"chunk")), Ok(()));
        assert_eq!(check_body(&signed, &body_hash(b"chunk!")), Err(AuthError::BodyMismatch));
        // Another body's hash in the header does not carry the signature.
        let swapped = Signed { body: body_hash(b"other"), ..signed };
        assert_eq!(check(Some(&swapped), "21", &key.public(), put, now), Err(AuthError::BadSignature));
    }
}
