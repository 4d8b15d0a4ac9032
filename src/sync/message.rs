//! What the hub sends down, as items of hub-signed batches: `[format byte 1][JSON]`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::SyncError;

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
}

impl Message {
    pub fn encode(&self) -> Vec<u8> {
        let mut bytes = vec![FORMAT_V1];
        if let Err(error) = serde_json::to_writer(&mut bytes, self) {
            tracing::error!(%error, "message did not serialize");
        }
        bytes
    }

    pub fn decode(bytes: &[u8]) -> Result<Self, SyncError> {
        match bytes.split_first() {
            Some((&FORMAT_V1, json)) => serde_json::from_slice(json).map_err(|e| SyncError::Malformed(e.to_string())),
            Some((&other, _)) => Err(SyncError::UnknownVersion(other)),
            None => Err(SyncError::Truncated),
        }
    }
}
