//! The hub's answer to `GET /v1/verify/{code}`: what the governorate knows of an issued document,
//! from the issuing district's enrolled key and the events it holds.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::calendar::JalaliDate;
use crate::i18n::{Arg, Localizer};

/// What the hub says of a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum HubStatus {
    /// The signature is the district's and the document is in force.
    Genuine,
    /// Issued, in force, but a short code's letters can be checked only by the issuing district
    /// (the hub has no private key to recompute them): read the QR code for a full check.
    Unchecked,
    Revoked,
    Superseded,
    /// The signature or the signed fields do not match what the district issued.
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
            Self::Unchecked => "unchecked",
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
    pub district: Option<String>,
    /// `1405-000012`.
    pub serial: Option<String>,
    pub case: Option<String>,
    /// The document kind's key (`permit`, `licence`, …).
    pub kind: Option<String>,
    pub issued_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub reason: Option<String>,
    /// The newer document that replaced this one.
    pub superseded_by: Option<String>,
    /// The revocation was sent down by the governorate but the district has not confirmed it yet.
    pub revocation_pending: bool,
}

impl HubVerdict {
    pub fn bare(status: HubStatus) -> Self {
        Self {
            status,
            district: None,
            serial: None,
            case: None,
            kind: None,
            issued_at: None,
            revoked_at: None,
            reason: None,
            superseded_by: None,
            revocation_pending: false,
        }
    }
}

/// The hub's answer in a sentence, dates in Solar Hijri and digits in the language's script.
pub fn describe(verdict: &HubVerdict, loc: &Localizer) -> String {
    let text = |value: &Option<String>| loc.digits(value.as_deref().unwrap_or_default());
    let date = |at: Option<DateTime<Utc>>| at.map(|at| loc.digits(&JalaliDate::at_iran(at).to_string())).unwrap_or_default();
    let (district, serial, case) = (text(&verdict.district), text(&verdict.serial), text(&verdict.case));
    let kind =
        verdict.kind.as_deref().map(|k| loc.text(&format!("print-document-{}", k.replace('_', "-")), &[])).unwrap_or_default();
    let (issued, revoked, reason, newer) = (
        date(verdict.issued_at),
        date(verdict.revoked_at),
        verdict.reason.clone().unwrap_or_default(),
        text(&verdict.superseded_by),
    );
    let args = [
        ("district", Arg::Text(&district)),
        ("serial", Arg::Text(&serial)),
        ("case", Arg::Text(&case)),
        ("kind", Arg::Text(&kind)),
        ("date", Arg::Text(&issued)),
        ("revoked", Arg::Text(&revoked)),
        ("reason", Arg::Text(&reason)),
        ("newer", Arg::Text(&newer)),
    ];
    let mut line = loc.text(&format!("verify-hub-{}", verdict.status.key()), &args);
    if verdict.revocation_pending {
        line.push(' ');
        line.push_str(&loc.text("verify-hub-pending", &[]));
    }
    line
}
