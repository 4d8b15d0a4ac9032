//! Sync failures in the reader's language: one wording for the command line and the window.

use super::{Arg, Localizer};
use crate::sync::client::ClientError;
use crate::sync::district::DistrictSyncError;

impl Localizer {
    pub fn sync_error(&self, error: &DistrictSyncError) -> String {
        match error {
            DistrictSyncError::Store(store) => self.store_error(store),
            DistrictSyncError::Client(ClientError::Unreachable(detail)) => {
                self.text("sync-error-unreachable", &[("detail", Arg::Text(detail))])
            }
            DistrictSyncError::Client(ClientError::Refused { key, detail }) => {
                self.text("sync-error-refused", &[("reason", Arg::Text(key)), ("detail", Arg::Text(detail))])
            }
            DistrictSyncError::Batch(batch) => {
                self.text("sync-error-batch", &[("reason", Arg::Text(batch.key())), ("detail", Arg::Text(&batch.to_string()))])
            }
            DistrictSyncError::HubKeyChanged => self.text("sync-error-hub-key", &[]),
            DistrictSyncError::Cancelled => self.text("sync-error-cancelled", &[]),
            DistrictSyncError::NoHub => self.text("sync-error-no-hub", &[]),
        }
    }
}
