//! Signed requests: a district proves who asks for its downloads (its decisions and revocations,
//! its own events) with its enrolled key, so nobody else reads them. Sans-IO: the client signs,
//! the hub checks; both only format and compare.
//!
//! Headers: `X-Bakhshyar-District` (code), `X-Bakhshyar-Time` (Unix seconds) and
//! `X-Bakhshyar-Signature` (hex Ed25519 over `BKSR1|METHOD|path?query|time`).

use chrono::{DateTime, Utc};
use thiserror::Error;

use crate::signing::{DistrictKey, PublicKey, hex};

pub const DISTRICT_HEADER: &str = "X-Bakhshyar-District";
pub const TIME_HEADER: &str = "X-Bakhshyar-Time";
pub const SIGNATURE_HEADER: &str = "X-Bakhshyar-Signature";
/// A request older or newer than this (seconds) is refused, so a captured one cannot be replayed later.
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
}

impl AuthError {
    /// The key the hub's refusal names.
    pub fn key(&self) -> &'static str {
        match self {
            Self::Unsigned => "unsigned-request",
            Self::WrongDistrict { .. } => "wrong-district",
            Self::Stale => "stale-request",
            Self::BadSignature => "bad-request-signature",
        }
    }
}

/// The three header values of a signed request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    pub district: String,
    pub time: String,
    pub signature: String,
}

fn message(method: &str, path: &str, time: &str) -> String {
    format!("BKSR1|{}|{path}|{time}", method.to_ascii_uppercase())
}

/// Signs `method` and `path` (with its query, exactly as sent) at `at`.
pub fn sign(district: &str, key: &DistrictKey, method: &str, path: &str, at: DateTime<Utc>) -> Signed {
    let time = at.timestamp().to_string();
    let signature = hex(&key.sign(message(method, path, &time).as_bytes()));
    Signed { district: district.to_owned(), time, signature }
}

/// Checks a request for `asked`'s data against that district's enrolled `key`.
pub fn check(
    signed: Option<&Signed>,
    asked: &str,
    key: &PublicKey,
    method: &str,
    path: &str,
    now: DateTime<Utc>,
) -> Result<(), AuthError> {
    let signed = signed.ok_or(AuthError::Unsigned)?;
    if signed.district != asked {
        return Err(AuthError::WrongDistrict { signed: signed.district.clone(), asked: asked.to_owned() });
    }
    let time: i64 = signed.time.trim().parse().map_err(|_| AuthError::Stale)?;
    if (now.timestamp() - time).abs() > MAX_SKEW_SECONDS {
        return Err(AuthError::Stale);
    }
    let signature = unhex_64(&signed.signature).ok_or(AuthError::BadSignature)?;
    key.verify(message(method, path, &signed.time).as_bytes(), &signature).map_err(|_| AuthError::BadSignature)
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
    use chrono::{Duration, TimeZone};

    use super::*;

    fn key() -> DistrictKey {
        DistrictKey::generate().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_signed_request_passes_and_every_change_is_refused() {
        let (key, other) = (key(), key());
        let now = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).single().unwrap_or_default();
        let path = "/v1/districts/21/down?after=0";
        let signed = sign("21", &key, "GET", path, now);
        let public = key.public();
        assert_eq!(check(Some(&signed), "21", &public, "GET", path, now + Duration::seconds(299)), Ok(()));
        assert_eq!(check(None, "21", &public, "GET", path, now), Err(AuthError::Unsigned));
        let wrong = check(Some(&signed), "22", &public, "GET", path, now);
        assert_eq!(wrong, Err(AuthError::WrongDistrict { signed: "21".into(), asked: "22".into() }));
        assert_eq!(check(Some(&signed), "21", &public, "GET", path, now + Duration::seconds(301)), Err(AuthError::Stale));
        assert_eq!(check(Some(&signed), "21", &public, "GET", path, now - Duration::seconds(301)), Err(AuthError::Stale));
        let other_path = "/v1/districts/21/down?after=5";
        assert_eq!(check(Some(&signed), "21", &public, "GET", other_path, now), Err(AuthError::BadSignature));
        assert_eq!(check(Some(&signed), "21", &other.public(), "GET", path, now), Err(AuthError::BadSignature));
        let later = Signed { time: (now.timestamp() + 1).to_string(), ..signed.clone() };
        assert_eq!(check(Some(&later), "21", &public, "GET", path, now), Err(AuthError::BadSignature));
        let garbled = Signed { signature: "zz".repeat(64), ..signed };
        assert_eq!(check(Some(&garbled), "21", &public, "GET", path, now), Err(AuthError::BadSignature));
    }
}
