//! The hub's answer to `GET /v1/verify/{code}`: the status of exactly the code asked about, from
//! the issuing district's enrolled keys, the document's signature its issue event carries, and the
//! events the hub holds. It names nothing the code does not carry: no case, kind, issue time,
//! name or reason, so asking serial after serial lists nothing of a district's documents.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::i18n::{Arg, Localizer};

/// What the hub says of a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum HubStatus {
    /// This very code is the district's (the QR text's signature and fields; a short code's
    /// letters cut from the signature the issue event carries) and the document is in force.
    Genuine,
    /// A short code the hub cannot check: the issue event carries no signature (recorded before
    /// districts sent one) or none the district's keys vouch for. Never a sign the document is
    /// good, and nothing more is said: read the QR code. (An older hub's `unchecked`, which said
    /// "issued and in force" without checking the letters, reads as this.)
    #[serde(alias = "unchecked")]
    Unverifiable,
    Revoked,
    Superseded,
    /// The signature, the signed fields or the short code's letters do not match what the
    /// district issued under that serial.
    Forged,
    /// The hub holds no such document (not issued, or not yet synced).
    Unknown,
    /// The code is neither form.
    Unreadable,
}

impl HubStatus {
    pub fn key(self) -> &'static str {
        match self {
            Self::Genuine => "genuine",
            Self::Unverifiable => "unverifiable",
            Self::Revoked => "revoked",
            Self::Superseded => "superseded",
            Self::Forged => "forged",
            Self::Unknown => "unknown",
            Self::Unreadable => "unreadable",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HubVerdict {
    pub status: HubStatus,
    /// The code's own district, as asked.
    pub district: Option<String>,
    /// The code's own serial, as asked (`1405-000012`).
    pub serial: Option<String>,
    /// When the document was revoked (by the district, or by the governorate when pending).
    pub revoked_at: Option<DateTime<Utc>>,
    /// The newer document that replaced this one.
    pub superseded_by: Option<String>,
    /// The revocation was sent down by the governorate but the district has not confirmed it yet.
    #[serde(default)]
    pub revocation_pending: bool,
    /// With a pending revocation: when the hub last heard from the district. The district's
    /// records as the hub holds them are as of then.
    #[serde(default)]
    pub synced_at: Option<DateTime<Utc>>,
}

impl HubVerdict {
    pub fn bare(status: HubStatus) -> Self {
        Self {
            status,
            district: None,
            serial: None,
            revoked_at: None,
            superseded_by: None,
            revocation_pending: false,
            synced_at: None,
        }
    }
}

/// The hub's answer in a sentence, dates in Solar Hijri and digits in the language's script.
pub fn describe(verdict: &HubVerdict, loc: &Localizer) -> String {
    let text = |value: &Option<String>| loc.digits(value.as_deref().unwrap_or_default());
    let (district, serial, newer) = (text(&verdict.district), text(&verdict.serial), text(&verdict.superseded_by));
    let revoked = verdict.revoked_at.map(|at| loc.day(at)).unwrap_or_default();
    let args = [
        ("district", Arg::Text(&district)),
        ("serial", Arg::Text(&serial)),
        ("revoked", Arg::Text(&revoked)),
        ("newer", Arg::Text(&newer)),
    ];
    let mut line = loc.text(&format!("verify-hub-{}", verdict.status.key()), &args);
    if verdict.revocation_pending {
        line.push(' ');
        line.push_str(&match verdict.synced_at {
            Some(at) => loc.text("verify-hub-pending", &[("synced", Arg::Text(&loc.when(at)))]),
            None => loc.text("verify-hub-pending-unsynced", &[]),
        });
    }
    line
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::i18n::Language;

    #[test]
    fn a_pending_revocation_says_as_of_which_sync_in_solar_hijri() {
        let at = |d| Utc.with_ymd_and_hms(2026, 11, d, 9, 0, 0).single().unwrap_or_default();
        let verdict = HubVerdict {
            district: Some("23".into()),
            serial: Some("1405-000001".into()),
            revoked_at: Some(at(3)),
            revocation_pending: true,
            synced_at: Some(at(1)),
            ..HubVerdict::bare(HubStatus::Revoked)
        };
        let persian = describe(&verdict, Localizer::shared(Language::Persian));
        let fa = Localizer::shared(Language::Persian);
        assert!(persian.contains(&fa.day(at(3))) && persian.contains(&fa.when(at(1))), "{persian}");
        assert!(persian.contains("۱۴۰۵-۰۰۰۰۰۱") && !persian.chars().any(|c| c.is_ascii_digit()), "{persian}");
        let english = describe(&verdict, Localizer::shared(Language::English));
        assert!(english.contains("revoked") && english.contains("last sync"), "{english}");
        let never = describe(&HubVerdict { synced_at: None, ..verdict }, Localizer::shared(Language::English));
        assert!(never.contains("not confirmed"), "{never}");
    }

    #[test]
    fn an_older_hubs_unchecked_never_reads_as_good() {
        let old = r#"{"status":"unchecked","district":"23","serial":"1405-000001","case":"0023050000017","kind":"permit","issued_at":"2026-11-01T09:00:00Z","revoked_at":null,"reason":null,"superseded_by":null,"revocation_pending":false}"#;
        let verdict: HubVerdict = serde_json::from_str(old).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(verdict.status, HubStatus::Unverifiable);
    }
}
