//! The history wording of issued-document events, shared by the command line and the window.

use super::{Arg, Localizer};
use crate::domain::case::EventKind;

impl Localizer {
    /// «document 1405-000012 issued», printed (with its copy) or revoked (with the reason), and a
    /// move to another catalogue version; `None` for the workflow's own events.
    pub fn document_event(&self, kind: &EventKind) -> Option<String> {
        let serial = |s: &dyn ToString| self.digits(&s.to_string());
        Some(match kind {
            EventKind::DocumentIssued { serial: s, valid_until, conditions, supersedes, documents_override, .. } => {
                let mut line = self.text("case-event-issued", &[("serial", Arg::Text(&serial(s)))]);
                // Each term the signer set, with its own lead-in and separator.
                if let Some(old) = supersedes {
                    line.push_str(&self.text("case-event-issued-supersedes", &[("serial", Arg::Text(&serial(old)))]));
                }
                if let Some(until) = valid_until {
                    line.push_str(&self.text("case-event-issued-until", &[("date", Arg::Text(&self.day(*until)))]));
                }
                if let Some(conditions) = conditions {
                    line.push_str(&self.text("case-event-issued-conditions", &[("conditions", Arg::Text(conditions))]));
                }
                if let Some(exception) = documents_override {
                    let missing = Arg::Number(i64::try_from(exception.missing.len()).unwrap_or(i64::MAX));
                    let args = [("missing", missing), ("reason", Arg::Text(&exception.reason))];
                    line.push_str(&self.text("case-event-issued-override", &args));
                }
                line
            }
            EventKind::DocumentPrinted { serial: s, copy } => {
                self.text("case-event-printed", &[("serial", Arg::Text(&serial(s))), ("copy", Arg::Number(i64::from(*copy)))])
            }
            EventKind::DocumentRevoked { serial: s, reason } => {
                self.text("case-event-revoked", &[("serial", Arg::Text(&serial(s))), ("reason", Arg::Text(reason))])
            }
            EventKind::CatalogMigrated { from, to } => {
                self.text("case-event-migrated", &[("from", Arg::Text(from)), ("to", Arg::Text(to))])
            }
            _ => return None,
        })
    }
}
