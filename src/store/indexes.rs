//! The search indexes: which keys a stored case sits under, kept in step with its projection.

use std::collections::{BTreeSet, BinaryHeap};

use redb::{ReadOnlyTable, ReadableTable, WriteTransaction};

use super::StoreError;
use super::record::CaseRecordV1;
use super::tables::{
    BY_DEADLINE, BY_DIGITS, BY_IDENTITY, BY_NAME_WORD, BY_OFFICE, BY_OPENED, BY_SERVICE, BY_STATUS, BY_STEP, CASE_COUNT,
    DAY_MILLIS, DEADLINE_DAY_COUNT, NAME_PREFIX_COUNT, OPENED_DAY_COUNT, TextIndex,
};
use crate::domain::applicant::identity_search_key;
use crate::domain::case::Case;
use crate::domain::text::{ascii_digit, fold};
use crate::domain::workflow::Workflow;

/// The folded words of a name: each is an index key, so any word's prefix finds the case.
pub fn name_words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = fold(name).split_whitespace().map(str::to_owned).collect();
    words.sort();
    words.dedup();
    words
}

/// Every non-empty prefix of every word, once: the keys of `NAME_PREFIX_COUNT` a case counts under.
pub fn name_prefixes(words: &[String]) -> BTreeSet<String> {
    words.iter().flat_map(|word| word.char_indices().map(|(at, c)| word[..at + c.len_utf8()].to_owned())).collect()
}

/// The fewest digits a partial search by code or ID takes: three would match one case in a
/// hundred of a million (seventeen tails each), a list no clerk reads, while the last four digits
/// of a national ID or of a tracking code's serial are what a clerk reads out.
pub const MIN_DIGITS: usize = 4;

/// The tails of at least `MIN_DIGITS` digits of a case's tracking code and applicant's ID, once
/// each: the keys of `BY_DIGITS`. An ID's other characters (a foreign national's letters) are
/// skipped, so its digits are searched as one run.
pub fn digit_tails(code: &str, id: &str) -> BTreeSet<String> {
    let mut tails = BTreeSet::new();
    for text in [code, id] {
        let digits: String = text.chars().filter_map(ascii_digit).collect();
        // ASCII digits only, so every byte index is a character boundary.
        tails.extend((0..=digits.len().saturating_sub(MIN_DIGITS)).map(|at| digits[at..].to_owned()));
    }
    tails.retain(|tail| tail.len() >= MIN_DIGITS);
    tails
}

/// The office that must act at the case's current step, as the workflow names it.
pub fn acting_office(case: &Case, workflow: &Workflow) -> Option<String> {
    workflow.node(&case.step).and_then(|node| node.actor).map(|office| office.key().to_owned())
}

/// The office index key of a stored case: only open cases wait for an office.
pub fn office_key(record: &CaseRecordV1) -> Option<&str> {
    record.office.as_deref().filter(|_| record.status == "open")
}

/// The overdue index key of a stored case: only open cases can be overdue.
pub fn deadline_key(record: &CaseRecordV1) -> Option<i64> {
    record.deadline.filter(|_| record.status == "open").map(millis)
}

/// Iran Standard Time's offset (UTC+03:30) in milliseconds.
const IRAN_OFFSET_MILLIS: i64 = 12_600_000;

/// The day in Iran an instant (Unix milliseconds) falls in: the bucket of `OPENED_DAY_COUNT`.
pub fn iran_day(at: i64) -> i64 {
    (at + IRAN_OFFSET_MILLIS).div_euclid(DAY_MILLIS)
}

/// The keys of `CASE_COUNT` a stored case counts under.
pub fn count_keys(record: &CaseRecordV1) -> BTreeSet<String> {
    let mut keys: BTreeSet<String> =
        ["all".to_owned(), format!("status/{}", record.status), format!("service/{}", record.service_key)].into_iter().collect();
    if let Some(office) = office_key(record) {
        keys.insert(format!("office/{office}"));
    }
    keys.extend(record.exceptions.iter().map(|e| format!("exception/{e}")));
    keys
}

/// What `CASE_COUNT` and `OPENED_DAY_COUNT` hold for a set of cases, counted from their records
/// (the migration to schema 6 fills the tables with it; `check` compares them with it).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Counted {
    pub cases: std::collections::BTreeMap<String, u64>,
    pub days: std::collections::BTreeMap<i64, u64>,
}

impl Counted {
    pub fn add(&mut self, record: &CaseRecordV1) {
        for key in count_keys(record) {
            *self.cases.entry(key).or_default() += 1;
        }
        *self.days.entry(iran_day(millis(record.opened_at))).or_default() += 1;
    }
}

/// Milliseconds since the Unix epoch: a sortable key for an instant.
pub fn millis(at: chrono::DateTime<chrono::Utc>) -> i64 {
    at.timestamp_millis()
}

/// The text indexes with one key per case, in the order of `Entries::text`.
const TEXT: [TextIndex; 5] = [BY_IDENTITY, BY_SERVICE, BY_STATUS, BY_STEP, BY_OFFICE];

/// Every index entry one stored case calls for.
#[derive(Debug, Default, PartialEq, Eq)]
struct Entries {
    text: [Option<String>; 5],
    words: Vec<String>,
    prefixes: BTreeSet<String>,
    digits: BTreeSet<String>,
    opened: Option<i64>,
    deadline: Option<i64>,
    counted: BTreeSet<String>,
}

impl Entries {
    fn of(record: &CaseRecordV1) -> Self {
        let words = name_words(&record.applicant.name);
        Self {
            text: [
                Some(identity_search_key(&record.applicant.id_number)),
                Some(record.service_key.clone()),
                Some(record.status.clone()),
                Some(record.step.clone()),
                office_key(record).map(str::to_owned),
            ],
            prefixes: name_prefixes(&words),
            words,
            digits: digit_tails(&record.tracking_code, &record.applicant.id_number),
            opened: Some(millis(record.opened_at)),
            deadline: deadline_key(record),
            counted: count_keys(record),
        }
    }
}

/// Moves the index entries of a case from `old` (none for a new case) to `new`, touching only the
/// tables whose keys changed: a step change rewrites the step, office and deadline entries and leaves
/// the name, identity and opened entries (and their pages) alone.
pub fn replace(txn: &WriteTransaction, old: Option<&CaseRecordV1>, new: &CaseRecordV1) -> Result<(), StoreError> {
    let code = new.tracking_code.as_str();
    let old = old.map_or_else(Entries::default, Entries::of);
    let new = Entries::of(new);
    for (definition, (before, after)) in TEXT.into_iter().zip(old.text.iter().zip(&new.text)) {
        if before != after {
            let mut table = txn.open_table(definition)?;
            if let Some(key) = before {
                table.remove((key.as_str(), code))?;
            }
            if let Some(key) = after {
                table.insert((key.as_str(), code), ())?;
            }
        }
    }
    if (&old.words, old.opened) != (&new.words, new.opened) {
        let mut table = txn.open_table(BY_NAME_WORD)?;
        for (entries, insert) in [(&old, false), (&new, true)] {
            let Some(opened) = entries.opened else { continue };
            for word in &entries.words {
                if insert {
                    table.insert((word.as_str(), opened, code), ())?;
                } else {
                    table.remove((word.as_str(), opened, code))?;
                }
            }
        }
        let mut counts = txn.open_table(NAME_PREFIX_COUNT)?;
        for prefix in old.prefixes.difference(&new.prefixes) {
            add_count(&mut counts, prefix.as_str(), -1)?;
        }
        for prefix in new.prefixes.difference(&old.prefixes) {
            add_count(&mut counts, prefix.as_str(), 1)?;
        }
    }
    if (&old.digits, old.opened) != (&new.digits, new.opened) {
        replace_digits(txn, code, &old, &new)?;
    }
    for (definition, before, after) in [(BY_OPENED, old.opened, new.opened), (BY_DEADLINE, old.deadline, new.deadline)] {
        if before != after {
            let mut table = txn.open_table(definition)?;
            if let Some(at) = before {
                table.remove((at, code))?;
            }
            if let Some(at) = after {
                table.insert((at, code), ())?;
            }
        }
    }
    for (table, before, after) in [
        (DEADLINE_DAY_COUNT, old.deadline.map(day), new.deadline.map(day)),
        (OPENED_DAY_COUNT, old.opened.map(iran_day), new.opened.map(iran_day)),
    ] {
        if before != after {
            let mut counts = txn.open_table(table)?;
            if let Some(day) = before {
                add_count(&mut counts, day, -1)?;
            }
            if let Some(day) = after {
                add_count(&mut counts, day, 1)?;
            }
        }
    }
    if old.counted != new.counted {
        let mut counts = txn.open_table(CASE_COUNT)?;
        for key in old.counted.difference(&new.counted) {
            add_count(&mut counts, key.as_str(), -1)?;
        }
        for key in new.counted.difference(&old.counted) {
            add_count(&mut counts, key.as_str(), 1)?;
        }
    }
    Ok(())
}

/// Moves a case's digit tails; they change only when a case is first stored.
fn replace_digits(txn: &WriteTransaction, code: &str, old: &Entries, new: &Entries) -> Result<(), StoreError> {
    let mut table = txn.open_table(BY_DIGITS)?;
    if old.opened.is_some() {
        for tail in &old.digits {
            table.remove((tail.as_str(), code))?;
        }
    }
    if let Some(opened) = new.opened {
        for tail in &new.digits {
            table.insert((tail.as_str(), code), opened)?;
        }
    }
    Ok(())
}

/// The bucket of `DEADLINE_DAY_COUNT` an instant falls in.
pub fn day(at: i64) -> i64 {
    at.div_euclid(DAY_MILLIS)
}

/// Adds `delta` to a count (per name prefix, per deadline day), removing it at zero so the table
/// holds only keys in use.
fn add_count<'k, K: redb::Key + 'static>(
    table: &mut redb::Table<'_, K, u64>,
    key: impl std::borrow::Borrow<K::SelfType<'k>> + Copy,
    delta: i64,
) -> Result<(), StoreError> {
    let next = table.get(key)?.map_or(0, |v| v.value()).saturating_add_signed(delta);
    if next == 0 {
        table.remove(key)?
    } else {
        table.insert(key, next)?
    };
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

/// The name index, as a search reads it.
pub type NameIndex = ReadOnlyTable<(&'static str, i64, &'static str), ()>;

/// The distinct indexed words that start with `prefix`, found by one seek each.
fn words_with_prefix(table: &NameIndex, prefix: &str) -> Result<Vec<String>, StoreError> {
    let mut words = Vec::new();
    // The smallest key after every entry of `word` is `word` followed by the smallest character.
    let mut from = prefix.to_owned();
    while let Some(entry) = table.range((from.as_str(), i64::MIN, "")..)?.next() {
        let key = entry?.0;
        let word = key.value().0;
        if !word.starts_with(prefix) {
            break;
        }
        words.push(word.to_owned());
        from = format!("{word}\0");
    }
    Ok(words)
}

/// The cases having a name word that starts with `prefix` and opened within `opened`, newest first
/// (ties by tracking code, highest first, as the opened index orders them), each once.
pub struct NameWalk {
    ranges: Vec<redb::Range<'static, (&'static str, i64, &'static str), ()>>,
    heads: BinaryHeap<(i64, String, usize)>,
    last: Option<(i64, String)>,
}

impl NameWalk {
    pub fn new(table: &NameIndex, prefix: &str, opened: std::ops::Range<i64>) -> Result<Self, StoreError> {
        let mut walk = Self { ranges: Vec::new(), heads: BinaryHeap::new(), last: None };
        for word in words_with_prefix(table, prefix)? {
            let range = table.range((word.as_str(), opened.start, "")..(word.as_str(), opened.end, ""))?;
            walk.ranges.push(range);
            walk.advance(walk.ranges.len() - 1)?;
        }
        Ok(walk)
    }

    /// Puts the next entry of range `index` (read backwards) among the heads.
    fn advance(&mut self, index: usize) -> Result<(), StoreError> {
        if let Some(entry) = self.ranges.get_mut(index).and_then(DoubleEndedIterator::next_back) {
            let key = entry?.0;
            let (_, at, code) = key.value();
            self.heads.push((at, code.to_owned(), index));
        }
        Ok(())
    }

    /// The next case: (opened at, tracking code).
    pub fn next_case(&mut self) -> Result<Option<(i64, String)>, StoreError> {
        while let Some((at, code, index)) = self.heads.pop() {
            self.advance(index)?;
            // A case under two matching words comes out of both ranges, one right after the other.
            if self.last.as_ref().is_some_and(|(a, c)| *a == at && *c == code) {
                continue;
            }
            self.last = Some((at, code.clone()));
            return Ok(Some((at, code)));
        }
        Ok(None)
    }
}

/// How many cases have a name word starting with `prefix`, from the prefix counts.
pub fn count_with_prefix(table: &ReadOnlyTable<&'static str, u64>, prefix: &str) -> Result<usize, StoreError> {
    let count = table.get(prefix)?.map_or(0, |v| v.value());
    usize::try_from(count).map_err(|_| StoreError::Corrupt(format!("name count {prefix}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digit_tails_are_every_ending_of_four_digits_or_more_once() {
        let tails = digit_tails("1234050000017", "0012345679");
        let code_tails = (0..=9).map(|at| "1234050000017"[at..].to_owned());
        let id_tails = (0..=6).map(|at| "0012345679"[at..].to_owned());
        assert_eq!(tails, code_tails.chain(id_tails).collect::<BTreeSet<String>>());
        assert!(tails.contains("0017") && tails.contains("5679") && !tails.contains("017"));
    }

    #[test]
    fn digit_tails_of_short_or_foreign_ids_keep_only_their_digits() {
        assert_eq!(digit_tails("", "123"), BTreeSet::new());
        assert_eq!(digit_tails("", "K-۱۲۳۴۵"), ["12345", "2345"].map(str::to_owned).into_iter().collect::<BTreeSet<String>>());
        // The same tail in the code and the ID is one key: the case is found once.
        assert_eq!(digit_tails("00017", "90017").len(), 3);
    }
}
