//! Sync failures in the reader's language: one wording for the command line and the window.

use super::client::ClientError;
use super::district::DistrictSyncError;
use crate::i18n::{Arg, Localizer};

impl Localizer {
    /// Why a batch was refused, by its key (`SyncError::key`); `None` for a key this program has no
    /// words for (a newer hub's, or none kept).
    pub fn batch_reason(&self, key: &str) -> Option<String> {
        let id = format!("sync-reason-{key}");
        self.has(&id).then(|| self.text(&id, &[]))
    }

    pub fn sync_error(&self, error: &DistrictSyncError) -> String {
        match error {
            DistrictSyncError::Store(store) => self.store_error(store),
            DistrictSyncError::Client(ClientError::Unreachable(detail)) => {
                self.text("sync-error-unreachable", &[("detail", Arg::Text(detail))])
            }
            // A key with words is said in them; the raw key and the hub's English detail only for
            // one this program has no words for.
            DistrictSyncError::Client(ClientError::Refused { key, detail }) => match self.batch_reason(key) {
                Some(reason) => self.text("sync-error-refused-worded", &[("reason", Arg::Text(&reason))]),
                None => self.text("sync-error-refused", &[("reason", Arg::Text(key)), ("detail", Arg::Text(detail))]),
            },
            DistrictSyncError::Client(ClientError::Request { key, detail }) => self.request_refused(key, detail),
            DistrictSyncError::Batch(batch) => match self.batch_reason(batch.key()) {
                Some(reason) => self.text("sync-error-batch-worded", &[("reason", Arg::Text(&reason))]),
                None => self
                    .text("sync-error-batch", &[("reason", Arg::Text(batch.key())), ("detail", Arg::Text(&batch.to_string()))]),
            },
            DistrictSyncError::HubKeyChanged => self.text("sync-error-hub-key", &[]),
            DistrictSyncError::Receipt(_) => self.text("sync-error-receipt", &[]),
            DistrictSyncError::Cancelled => self.text("sync-error-cancelled", &[]),
            DistrictSyncError::NoHub => self.text("sync-error-no-hub", &[]),
        }
    }

    /// The hub refused the request itself (`AuthError::key`): what the office can do about it.
    fn request_refused(&self, key: &str, detail: &str) -> String {
        match key {
            "stale-request" => self.text("sync-error-clock", &[]),
            "replayed-request" => self.text("sync-error-replayed-request", &[]),
            "body-mismatch" => self.text("sync-error-tampered", &[]),
            "unsigned-request" | "bad-request-signature" | "wrong-district" => self.text("sync-error-not-recognised", &[]),
            _ => self.text("sync-error-refused", &[("reason", Arg::Text(key)), ("detail", Arg::Text(detail))]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language;
    use crate::sync::SyncError;

    #[test]
    fn every_refusal_has_words_in_both_languages() {
        let errors = [
            SyncError::NotABatch,
            SyncError::UnknownVersion(9),
            SyncError::Truncated,
            SyncError::TrailingBytes,
            SyncError::Malformed(String::new()),
            SyncError::Compression(String::new()),
            SyncError::TooLarge,
            SyncError::UnknownSender(String::new()),
            SyncError::BadSignature,
            SyncError::WrongReceiver { expected: String::new(), found: String::new() },
            SyncError::Inconsistent,
            SyncError::OutOfOrder { expected: 1, found: 2 },
            SyncError::Replayed { held: 1 },
            SyncError::Forked { sequence: 1 },
            SyncError::BrokenChain { first: 1 },
            SyncError::ForeignEvent { sequence: 1 },
            SyncError::Gap { expected: 1, found: 2 },
            SyncError::ChainRewritten { act: 1 },
            SyncError::ChainGap { held: 1, from: 2 },
            SyncError::ChainMissing,
        ];
        for language in Language::ALL {
            let loc = Localizer::new(language, false);
            for error in &errors {
                assert!(loc.batch_reason(error.key()).is_some_and(|r| !r.is_empty()), "{language:?} {}", error.key());
                // Refused by the hub or by this district, the line is in words, without the key.
                let refused =
                    DistrictSyncError::Client(ClientError::Refused { key: error.key().into(), detail: "detail".into() });
                for line in [loc.sync_error(&refused), loc.sync_error(&DistrictSyncError::Batch(error.clone()))] {
                    // (An English reason may use the key's own word, as «truncated».)
                    let raw_key = language.is_rtl() && line.contains(error.key());
                    assert!(!raw_key && !line.contains("detail"), "{language:?}: {line}");
                }
            }
            assert_eq!(loc.batch_reason("from-a-newer-hub"), None);
        }
    }

    /// Each refusal of a request has words of its own, not the hub's English detail.
    #[test]
    fn every_refused_request_has_words_of_its_own() {
        use crate::sync::auth::AuthError;
        let loc = Localizer::new(Language::Persian, false);
        for key in AuthError::KEYS {
            let error = DistrictSyncError::Client(ClientError::Request { key: key.into(), detail: "English detail".into() });
            let words = loc.sync_error(&error);
            assert!(!words.contains("English detail") && !words.is_empty(), "{key}: {words}");
        }
    }
}
