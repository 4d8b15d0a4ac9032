//! What the hub sends down, as items of hub-signed batches: `[format byte 1][JSON]`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::SyncError;
use crate::domain::issued::Serial;

const FORMAT_V1: u8 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Message {
    /// The county or province decided on a case standing at one of its steps: move it to `to`
    /// (through the branch `decision_fa` when the step is a decision).
    Decision {
        case: String,
        to: String,
        decision_fa: Option<String>,
        actor_name: String,
        at: DateTime<Utc>,
        note: Option<String>,
    },
    /// The governorate revoked document `serial` issued on `case`: the district revokes it too,
    /// recorded with the hub as actor.
    Revocation { case: String, serial: Serial, reason: String, actor_name: String, at: DateTime<Utc> },
    /// A catalogue version, as its files (`catalog_data::load` reads them): the district checks
    /// it, stores it and uses it for new cases from then on. `version` is its content hash.
    Catalog { version: String, files: Vec<(String, String)>, at: DateTime<Utc> },
}

impl Message {
    pub fn encode(&self) -> Vec<u8> {
        let mut bytes = vec![FORMAT_V1];
        if let Err(error) = serde_json::to_writer(&mut bytes, self) {
            tracing::error!(%error, "message did not serialize");
        }
        bytes
    }

    /// The case the message is about (none for a catalogue).
    pub fn case(&self) -> &str {
        match self {
            Self::Decision { case, .. } | Self::Revocation { case, .. } => case,
            Self::Catalog { .. } => "",
        }
    }

    pub fn decode(bytes: &[u8]) -> Result<Self, SyncError> {
        match bytes.split_first() {
            Some((&FORMAT_V1, json)) => serde_json::from_slice(json).map_err(|e| SyncError::Malformed(e.to_string())),
            Some((&other, _)) => Err(SyncError::UnknownVersion(other)),
            None => Err(SyncError::Truncated),
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).single().unwrap_or_default()
    }

    #[test]
    fn every_kind_round_trips_and_a_bad_one_is_refused() {
        let messages = [
            Message::Decision {
                case: "2114050000001".into(),
                to: "t2".into(),
                decision_fa: None,
                actor_name: "استانداری".into(),
                at: at(),
                note: None,
            },
            Message::Revocation {
                case: "2114050000001".into(),
                serial: Serial { year: 1405, number: 7 },
                reason: "جعل".into(),
                actor_name: "استانداری".into(),
                at: at(),
            },
        ];
        for message in &messages {
            assert_eq!(Message::decode(&message.encode()).as_ref(), Ok(message));
            assert_eq!(message.case(), "2114050000001");
        }
        let json = String::from_utf8_lossy(&messages[1].encode()[1..]).into_owned();
        assert!(json.starts_with(r#"{"kind":"revocation","case":"2114050000001","serial":{"year":1405,"number":7}"#), "{json}");
        assert!(matches!(Message::decode(b"\x01{\"kind\":\"unheard\"}"), Err(SyncError::Malformed(_))));
        assert_eq!(Message::decode(&[9, b'{']), Err(SyncError::UnknownVersion(9)));
        assert_eq!(Message::decode(&[]), Err(SyncError::Truncated));
    }
}
