//! The search indexes: which keys a stored case sits under, kept in step with its projection.

use redb::{ReadableTable, WriteTransaction};

use super::StoreError;
use super::record::CaseRecordV1;
use super::tables::{BY_DEADLINE, BY_IDENTITY, BY_NAME, BY_OFFICE, BY_OPENED, BY_SERVICE, BY_STATUS, BY_STEP, TextIndex};
use crate::domain::case::Case;
use crate::domain::text::fold;
use crate::domain::workflow::Workflow;

/// The folded words of a name: each is an index key, so any word's prefix finds the case.
pub fn name_words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = fold(name).split_whitespace().map(str::to_owned).collect();
    words.sort();
    words.dedup();
    words
}

/// The office that must act at the case's current step, as the workflow names it.
pub fn acting_office(case: &Case, workflow: &Workflow) -> Option<String> {
    workflow.node(&case.step).and_then(|node| node.actor).map(|office| office.key().to_owned())
}

/// The office index key of a stored case: only open cases wait for an office.
pub fn office_key(record: &CaseRecordV1) -> Option<&str> {
    record.office.as_deref().filter(|_| record.status == "open")
}

/// Milliseconds since the Unix epoch: a sortable key for an instant.
pub fn millis(at: chrono::DateTime<chrono::Utc>) -> i64 {
    at.timestamp_millis()
}

/// Adds (`insert` true) or removes every index entry of `record`.
pub fn update(txn: &WriteTransaction, record: &CaseRecordV1, insert: bool) -> Result<(), StoreError> {
    let code = record.tracking_code.as_str();
    let text_keys: [(TextIndex, Vec<String>); 6] = [
        (BY_IDENTITY, vec![record.applicant.id_number.clone()]),
        (BY_NAME, name_words(&record.applicant.name)),
        (BY_SERVICE, vec![record.service_key.clone()]),
        (BY_STATUS, vec![record.status.clone()]),
        (BY_STEP, vec![record.step.clone()]),
        (BY_OFFICE, office_key(record).map(str::to_owned).into_iter().collect()),
    ];
    for (definition, keys) in text_keys {
        let mut table = txn.open_table(definition)?;
        for key in &keys {
            if insert {
                table.insert((key.as_str(), code), ())?;
            } else {
                table.remove((key.as_str(), code))?;
            }
        }
    }
    // Only open cases can be overdue.
    let deadline = record.deadline.filter(|_| record.status == "open").map(millis);
    let time_keys = [(BY_OPENED, Some(millis(record.opened_at))), (BY_DEADLINE, deadline)];
    for (definition, key) in time_keys {
        let mut table = txn.open_table(definition)?;
        if let Some(key) = key {
            if insert {
                table.insert((key, code), ())?;
            } else {
                table.remove((key, code))?;
            }
        }
    }
    Ok(())
}

/// The tracking codes under every text key that starts with `prefix` (all of `prefix` when `exact`).
pub fn codes_with_prefix(
    table: &impl ReadableTable<(&'static str, &'static str), ()>,
    prefix: &str,
    exact: bool,
) -> Result<Vec<String>, StoreError> {
    let mut codes = Vec::new();
    for entry in table.range((prefix, "")..)? {
        let (key, _) = entry?;
        let (word, code) = key.value();
        let matches = if exact { word == prefix } else { word.starts_with(prefix) };
        if !matches {
            break;
        }
        codes.push(code.to_owned());
    }
    Ok(codes)
}
