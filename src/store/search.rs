//! Reads: one case, its events, the outbox's length, and the clerk's search with paging.

use std::collections::BTreeSet;
use std::ops::ControlFlow;

use chrono::{DateTime, Utc};
use redb::{ReadTransaction, ReadableDatabase, ReadableTableMetadata};

use super::indexes::{MIN_DIGITS, NameWalk, codes_with_prefix, count_with_prefix, day, millis, name_words};
use super::record::{CaseRecordV1, decode};
use super::tables::{
    BY_DEADLINE, BY_DIGITS, BY_IDENTITY, BY_NAME_WORD, BY_OFFICE, BY_OPENED, BY_SERVICE, BY_STATUS, BY_STEP, CASES, DAY_MILLIS,
    DEADLINE_DAY_COUNT, EVENTS, NAME_PREFIX_COUNT, OUTBOX,
};
use super::write::read_events;
use super::{Database, StoreError};
use crate::domain::applicant::identity_search_key;
use crate::domain::case::{Case, CaseEvent, CaseStatus};
use crate::domain::text::ascii_digits;
use crate::domain::tracking::TrackingCode;

/// What a clerk searches by; every given field must match. Results are newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchQuery {
    /// Words of the applicant's name; each must begin a word of the name (folded: ي/ی، ك/ک، ZWNJ…).
    pub name_prefix: Option<String>,
    /// Any identifier of the applicant (national ID, legal-entity ID, unique code, passport or
    /// letter number), in any digit script; passport letters in either case.
    pub national_id: Option<String>,
    /// Part of the tracking code or of the applicant's ID: digits in any script, dashes and spaces
    /// allowed. Fewer than `MIN_DIGITS` digits (or anything else but digits) match no case.
    pub digits: Option<String>,
    pub service_key: Option<String>,
    pub status: Option<CaseStatus>,
    /// The id of the step the case stands at.
    pub step: Option<String>,
    /// Only open cases whose current step's time limit ran out before this instant.
    pub overdue_at: Option<DateTime<Utc>>,
    /// Only open cases waiting for this office at their current step (`Office::key`).
    pub office: Option<String>,
    /// Only cases opened at or after this instant.
    pub opened_from: Option<DateTime<Utc>>,
    /// Only cases opened before this instant (exclusive, so a day's end is the next day's start).
    pub opened_to: Option<DateTime<Utc>>,
    pub offset: usize,
    /// At most this many cases; 0 means 20.
    pub limit: usize,
}

/// One page of results and the number of all matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub total: usize,
    pub cases: Vec<Case>,
}

const DEFAULT_LIMIT: usize = 20;

impl Database {
    pub fn case(&self, code: &TrackingCode) -> Result<Case, StoreError> {
        load(&self.db.begin_read()?, code)
    }

    pub fn events(&self, code: &TrackingCode) -> Result<Vec<CaseEvent>, StoreError> {
        let txn = self.db.begin_read()?;
        let events = read_events(&txn.open_table(EVENTS)?, code.as_str())?;
        if events.is_empty() {
            return Err(StoreError::UnknownCase(code.as_str().to_owned()));
        }
        Ok(events)
    }

    /// Events waiting to be sent to the hub.
    pub fn outbox_len(&self) -> Result<u64, StoreError> {
        Ok(self.db.begin_read()?.open_table(OUTBOX)?.len()?)
    }

    /// The digit-tail index's entries and the bytes of its pages (stored, metadata, fragmented):
    /// what the search by part of a code or ID costs on disk.
    pub fn digit_index_size(&self) -> Result<(u64, u64), StoreError> {
        let table = self.db.begin_read()?.open_table(BY_DIGITS)?;
        let stats = table.stats()?;
        Ok((table.len()?, stats.stored_bytes() + stats.metadata_bytes() + stats.fragmented_bytes()))
    }

    pub fn search(&self, query: &SearchQuery) -> Result<Page, StoreError> {
        let txn = self.db.begin_read()?;
        let limit = if query.limit == 0 { DEFAULT_LIMIT } else { query.limit };
        let from = query.opened_from.map_or(i64::MIN, millis);
        let to = query.opened_to.map_or(i64::MAX, millis);
        if from >= to {
            return Ok(Page { total: 0, cases: Vec::new() });
        }
        if let Some(word) = only_name_word(query) {
            let (total, codes) = name_page(&txn, &word, from..to, query.offset, limit)?;
            return Ok(Page { total, cases: load_all(&txn, &codes)? });
        }
        if let Some(digits) = only_digits(query) {
            let (total, codes) = digits_page(&txn, &digits, from..to, query.offset, limit)?;
            return Ok(Page { total, cases: load_all(&txn, &codes)? });
        }
        let candidates = candidates(&txn, query)?;
        let (total, codes) = match candidates {
            Some(set) if set.len() <= SORT_BELOW => sort_candidates(&txn, &set, from..to, query.offset, limit)?,
            _ => scan_opened(&txn, candidates.as_ref(), from..to, query.offset, limit)?,
        };
        Ok(Page { total, cases: load_all(&txn, &codes)? })
    }

    /// Open cases whose current step's time limit ran out before `at`, longest overdue first: one
    /// range of the overdue index, and the total from its day counts plus the entries of `at`'s day.
    pub fn overdue(&self, at: DateTime<Utc>, offset: usize, limit: usize) -> Result<Page, StoreError> {
        let txn = self.db.begin_read()?;
        let limit = if limit == 0 { DEFAULT_LIMIT } else { limit };
        let now = millis(at);
        let index = txn.open_table(BY_DEADLINE)?;
        let mut codes = Vec::new();
        for entry in index.range::<(i64, &str)>(..(now, ""))?.skip(offset).take(limit) {
            codes.push(entry?.0.value().1.to_owned());
        }
        let mut total = 0;
        for entry in txn.open_table(DEADLINE_DAY_COUNT)?.range(..day(now))? {
            total += entry?.1.value();
        }
        let today = index.range::<(i64, &str)>((day(now) * DAY_MILLIS, "")..(now, ""))?.count();
        let total = usize::try_from(total).map_err(|_| StoreError::Corrupt("overdue count".into()))? + today;
        Ok(Page { total, cases: load_all(&txn, &codes)? })
    }
}

/// A case as its record shows it without reading its events: enough to sort it into the counter's
/// panels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseGlance {
    pub tracking_code: TrackingCode,
    pub open: bool,
    /// Who acts at the current step (`Office::key`), when the booklet says.
    pub office: Option<String>,
    /// The exceptions the case stands under (`documents-missing`).
    pub exceptions: Vec<String>,
}

impl Database {
    /// The newest cases, newest first, at most `limit` of them, until `visit` breaks: one walk of
    /// the opening index and one record read a case, whatever the store's size.
    pub fn newest_glances(&self, limit: usize, mut visit: impl FnMut(CaseGlance) -> ControlFlow<()>) -> Result<(), StoreError> {
        let txn = self.db.begin_read()?;
        let cases = txn.open_table(CASES)?;
        for entry in txn.open_table(BY_OPENED)?.range::<(i64, &str)>(..)?.rev().take(limit) {
            let code = entry?.0.value().1.to_owned();
            let value = cases.get(code.as_str())?.ok_or_else(|| StoreError::Corrupt(code.clone()))?;
            let record = decode::<CaseRecordV1>(value.value())?;
            let tracking_code = TrackingCode::parse(&code).map_err(|_| StoreError::Corrupt(code.clone()))?;
            let glance =
                CaseGlance { tracking_code, open: record.status == "open", office: record.office, exceptions: record.exceptions };
            if visit(glance).is_break() {
                break;
            }
        }
        Ok(())
    }
}

impl Database {
    /// The newest open cases waiting for any of `offices` (`Office::key`), newest first, at most
    /// `limit`: the end of each office's range of the office index. A district's tracking codes
    /// grow as its cases are opened (year, then serial), so the highest are the newest.
    pub fn newest_waiting_for(&self, offices: &[&str], limit: usize) -> Result<Vec<TrackingCode>, StoreError> {
        let txn = self.db.begin_read()?;
        let index = txn.open_table(BY_OFFICE)?;
        let mut codes = Vec::new();
        for office in offices {
            // Codes are digits, all below '~'.
            for entry in index.range((*office, "")..=(*office, "~"))?.rev().take(limit) {
                codes.push(entry?.0.value().1.to_owned());
            }
        }
        codes.sort_unstable_by(|a, b| b.cmp(a));
        codes.truncate(limit);
        codes.iter().map(|code| TrackingCode::parse(code).map_err(|_| StoreError::Corrupt(code.clone()))).collect()
    }
}

fn load_all(txn: &ReadTransaction, codes: &[String]) -> Result<Vec<Case>, StoreError> {
    codes
        .iter()
        .map(|code| TrackingCode::parse(code).map_err(|_| StoreError::Corrupt(code.clone())).and_then(|c| load(txn, &c)))
        .collect()
}

/// The digits of a search by part of a code or ID alone (a date range allowed).
fn only_digits(query: &SearchQuery) -> Option<String> {
    let others = [&query.name_prefix, &query.national_id, &query.service_key, &query.step, &query.office];
    if others.iter().any(|f| f.is_some()) || query.status.is_some() || query.overdue_at.is_some() {
        return None;
    }
    query.digits.as_deref().map(searched_digits)
}

/// The ASCII digits searched for; empty (matching nothing) unless they are `MIN_DIGITS` or more.
fn searched_digits(input: &str) -> String {
    ascii_digits(input).filter(|d| d.len() >= MIN_DIGITS).unwrap_or_default()
}

/// Every case whose code or ID contains `digits`, with its opening time: the tails beginning
/// with them, each case once.
fn digit_matches(txn: &ReadTransaction, digits: &str) -> Result<Vec<(i64, String)>, StoreError> {
    let mut matches = std::collections::HashMap::new();
    if digits.is_empty() {
        return Ok(Vec::new());
    }
    for entry in txn.open_table(BY_DIGITS)?.range((digits, "")..)? {
        let (key, opened) = entry?;
        let (tail, code) = key.value();
        if !tail.starts_with(digits) {
            break;
        }
        matches.entry(code.to_owned()).or_insert(opened.value());
    }
    Ok(matches.into_iter().map(|(code, opened)| (opened, code)).collect())
}

/// One page of the cases whose code or ID contains `digits`, newest first, sorted from the
/// index's opening times alone: only the page's cases are read.
fn digits_page(
    txn: &ReadTransaction,
    digits: &str,
    range: std::ops::Range<i64>,
    offset: usize,
    limit: usize,
) -> Result<(usize, Vec<String>), StoreError> {
    let mut keyed = digit_matches(txn, digits)?;
    keyed.retain(|(opened, _)| range.contains(opened));
    keyed.sort_unstable_by(|a, b| b.cmp(a));
    let total = keyed.len();
    Ok((total, keyed.into_iter().skip(offset).take(limit).map(|(_, code)| code).collect()))
}

/// The one folded word of a search by name alone (a date range allowed), which the name index
/// answers in order; `None` for any other search.
fn only_name_word(query: &SearchQuery) -> Option<String> {
    let others = [&query.national_id, &query.digits, &query.service_key, &query.step, &query.office];
    if others.iter().any(|f| f.is_some()) || query.status.is_some() || query.overdue_at.is_some() {
        return None;
    }
    let mut words = name_words(query.name_prefix.as_deref()?);
    if words.len() == 1 { words.pop() } else { None }
}

/// One page of the cases with a name word starting with `word`, newest first, by merging the
/// matching words' ranges; the total comes from the prefix counts unless a date range narrows it.
fn name_page(
    txn: &ReadTransaction,
    word: &str,
    range: std::ops::Range<i64>,
    offset: usize,
    limit: usize,
) -> Result<(usize, Vec<String>), StoreError> {
    let whole = range == (i64::MIN..i64::MAX);
    let mut walk = NameWalk::new(&txn.open_table(BY_NAME_WORD)?, word, range)?;
    let mut codes = Vec::new();
    let mut seen = 0;
    while codes.len() < limit || !whole {
        let Some((_, code)) = walk.next_case()? else { return Ok((seen, codes)) };
        if seen >= offset && codes.len() < limit {
            codes.push(code);
        }
        seen += 1;
    }
    Ok((count_with_prefix(&txn.open_table(NAME_PREFIX_COUNT)?, word)?, codes))
}

/// Every case with a name word starting with `prefix`, in no particular order.
fn codes_with_name_prefix(txn: &ReadTransaction, prefix: &str) -> Result<BTreeSet<String>, StoreError> {
    let mut codes = BTreeSet::new();
    for entry in txn.open_table(BY_NAME_WORD)?.range((prefix, i64::MIN, "")..)? {
        let key = entry?.0;
        let (word, _, code) = key.value();
        if !word.starts_with(prefix) {
            break;
        }
        codes.insert(code.to_owned());
    }
    Ok(codes)
}

/// Up to this many matches are sorted by reading their records; more are found by walking the
/// opened index, newest first, which costs the same whatever the number of matches.
const SORT_BELOW: usize = 1_000;

/// One page of `set`, newest first, by reading each case's opening time.
fn sort_candidates(
    txn: &ReadTransaction,
    set: &BTreeSet<String>,
    range: std::ops::Range<i64>,
    offset: usize,
    limit: usize,
) -> Result<(usize, Vec<String>), StoreError> {
    let table = txn.open_table(CASES)?;
    let mut keyed = Vec::with_capacity(set.len());
    for code in set {
        let Some(value) = table.get(code.as_str())? else { continue };
        let opened = millis(decode::<CaseRecordV1>(value.value())?.opened_at);
        if range.contains(&opened) {
            keyed.push((opened, code));
        }
    }
    keyed.sort_unstable_by(|a, b| b.cmp(a));
    let page = keyed.iter().skip(offset).take(limit).map(|(_, code)| (*code).clone()).collect();
    Ok((keyed.len(), page))
}

/// One page by walking the opened index backwards over `range`, keeping the codes `set` allows.
fn scan_opened(
    txn: &ReadTransaction,
    set: Option<&BTreeSet<String>>,
    range: std::ops::Range<i64>,
    offset: usize,
    limit: usize,
) -> Result<(usize, Vec<String>), StoreError> {
    let mut total = 0;
    let mut codes = Vec::new();
    for entry in txn.open_table(BY_OPENED)?.range::<(i64, &str)>((range.start, "")..(range.end, ""))?.rev() {
        let (key, _) = entry?;
        let code = key.value().1;
        if set.is_some_and(|set| !set.contains(code)) {
            continue;
        }
        if total >= offset && codes.len() < limit {
            codes.push(code.to_owned());
        }
        total += 1;
    }
    Ok((total, codes))
}

fn load(txn: &ReadTransaction, code: &TrackingCode) -> Result<Case, StoreError> {
    let record = txn.open_table(CASES)?.get(code.as_str())?.map(|v| decode::<CaseRecordV1>(v.value())).transpose()?;
    let record = record.ok_or_else(|| StoreError::UnknownCase(code.as_str().to_owned()))?;
    let history = read_events(&txn.open_table(EVENTS)?, code.as_str())?;
    Ok(record.to_domain(history)?)
}

/// The cases every given filter allows, or `None` when no filter narrows the search.
fn candidates(txn: &ReadTransaction, query: &SearchQuery) -> Result<Option<BTreeSet<String>>, StoreError> {
    let mut sets: Vec<BTreeSet<String>> = Vec::new();
    if let Some(name) = &query.name_prefix {
        for word in name_words(name) {
            sets.push(codes_with_name_prefix(txn, &word)?);
        }
    }
    if let Some(digits) = &query.digits {
        sets.push(digit_matches(txn, &searched_digits(digits))?.into_iter().map(|(_, code)| code).collect());
    }
    let status = query.status.map(|s| match s {
        CaseStatus::Open => "open".to_owned(),
        CaseStatus::Closed => "closed".to_owned(),
    });
    let national_id = query.national_id.as_deref().map(identity_search_key);
    let exact = [
        (BY_IDENTITY, national_id),
        (BY_SERVICE, query.service_key.clone()),
        (BY_STATUS, status),
        (BY_STEP, query.step.clone()),
        (BY_OFFICE, query.office.clone()),
    ];
    for (definition, key) in exact {
        if let Some(key) = key {
            sets.push(codes_with_prefix(&txn.open_table(definition)?, &key, true)?.into_iter().collect());
        }
    }
    if let Some(at) = query.overdue_at {
        let mut overdue = BTreeSet::new();
        for entry in txn.open_table(BY_DEADLINE)?.range::<(i64, &str)>(..(millis(at), ""))? {
            overdue.insert(entry?.0.value().1.to_owned());
        }
        sets.push(overdue);
    }
    Ok(sets.into_iter().reduce(|a, b| a.intersection(&b).cloned().collect()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tests::{catalog, new_db, open_case};
    use chrono::TimeZone;

    #[test]
    fn sorting_a_few_matches_and_walking_the_opened_index_give_the_same_pages() {
        let (_dir, db) = new_db();
        let catalog = catalog();
        let mut all = BTreeSet::new();
        for hour in [9, 3, 15, 9, 1, 20] {
            let when = Utc.with_ymd_and_hms(2026, 11, 1, hour, 0, 0).single().unwrap_or_else(|| panic!("time"));
            all.insert(open_case(&db, &catalog, "علی رضایی", when).tracking_code.as_str().to_owned());
        }
        let some: BTreeSet<String> = all.iter().skip(1).step_by(2).cloned().collect();
        let txn = db.db.begin_read().unwrap_or_else(|e| panic!("{e}"));
        let from = Utc.with_ymd_and_hms(2026, 11, 1, 2, 0, 0).single().map_or(i64::MIN, millis);
        for set in [&all, &some] {
            for (range, offset, limit) in [(i64::MIN..i64::MAX, 0, 20), (i64::MIN..i64::MAX, 1, 2), (from..i64::MAX, 0, 3)] {
                let sorted = sort_candidates(&txn, set, range.clone(), offset, limit).unwrap_or_else(|e| panic!("{e}"));
                let walked = scan_opened(&txn, Some(set), range, offset, limit).unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(sorted, walked);
            }
        }
    }

    #[test]
    fn the_newest_glances_come_newest_first_from_the_records_and_stop_when_asked() {
        let (_dir, db) = new_db();
        let catalog = catalog();
        let mut codes = Vec::new();
        for hour in [9, 3, 15, 1] {
            let when = Utc.with_ymd_and_hms(2026, 11, 1, hour, 0, 0).single().unwrap_or_else(|| panic!("time"));
            codes.push((hour, open_case(&db, &catalog, "علی رضایی", when).tracking_code));
        }
        codes.sort_by_key(|(hour, _)| std::cmp::Reverse(*hour));
        let newest: Vec<TrackingCode> = codes.into_iter().map(|(_, code)| code).collect();
        let mut seen = Vec::new();
        db.newest_glances(10, |glance| {
            assert!(glance.open && glance.exceptions.is_empty());
            assert_eq!(glance.office.as_deref(), Some("district_office"));
            seen.push(glance.tracking_code);
            ControlFlow::Continue(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(seen, newest);
        let (mut limited, mut broken) = (0, 0);
        db.newest_glances(3, |_| {
            limited += 1;
            ControlFlow::Continue(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
        db.newest_glances(10, |_| {
            broken += 1;
            if broken == 2 { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
        })
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((limited, broken), (3, 2));
    }

    /// A valid national ID made from `n` (check digit as the domain computes it), digits spread.
    fn national_id(n: u64) -> String {
        let body = format!("{:09}", 100_000_000 + n.wrapping_mul(7_919_111) % 800_000_000);
        let sum: u32 = body.chars().filter_map(|c| c.to_digit(10)).zip((2..=10).rev()).map(|(d, w)| d * w).sum();
        let check = if sum % 11 < 2 { sum % 11 } else { 11 - sum % 11 };
        format!("{body}{check}")
    }

    /// The named alternative: every case looked at, its code's and ID's digits searched.
    fn linear(all: &[Case], digits: &str, from: i64, status: Option<CaseStatus>) -> Vec<String> {
        let mut found: Vec<(i64, String)> = all
            .iter()
            .filter(|c| {
                let id: String = c.applicant.id_number().chars().filter(char::is_ascii_digit).collect();
                (c.tracking_code.as_str().contains(digits) || id.contains(digits)) && millis(c.opened_at) >= from
            })
            .filter(|c| status.is_none_or(|s| c.status == s))
            .map(|c| (millis(c.opened_at), c.tracking_code.as_str().to_owned()))
            .collect();
        found.sort_unstable_by(|a, b| b.cmp(a));
        found.into_iter().map(|(_, code)| code).collect()
    }

    #[test]
    fn a_part_of_a_code_or_an_id_finds_exactly_the_cases_a_linear_filter_finds() {
        use crate::store::tests::{applicant, clerk};
        let (_dir, db) = new_db();
        let catalog = catalog();
        let actor = clerk();
        for batch in 0..6_u64 {
            let at = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).single().unwrap_or_else(|| panic!("time"))
                + chrono::Duration::hours(i64::try_from(batch).unwrap_or(0) * 5);
            let requests = (0..150).map(|i| ("1", applicant("علی رضایی", &national_id(batch * 150 + i))));
            let ctx = crate::domain::case::Context { actor: &actor, at, note: None };
            db.open_cases(&catalog, requests, &ctx).unwrap_or_else(|e| panic!("{e}"));
        }
        let all = db.search(&SearchQuery { limit: 10_000, ..SearchQuery::default() }).unwrap_or_else(|e| panic!("{e}")).cases;
        assert_eq!(all.len(), 900);
        let some = &all[123];
        let code = some.tracking_code.as_str();
        let id = some.applicant.id_number();
        let mut queries: Vec<String> = vec![
            code[code.len() - 4..].to_owned(),
            code[code.len() - 7..].to_owned(),
            code[3..9].to_owned(),
            code.to_owned(),
            id[id.len() - 4..].to_owned(),
            id[2..8].to_owned(),
            id.to_owned(),
            "0000".into(),
            "0001".into(),
            "1230".into(),
            "99999999".into(),
        ];
        queries.extend((0..40).map(|n| format!("{:04}", n * 251 % 10_000)));
        let from = millis(all[400].opened_at);
        for q in &queries {
            for (offset, limit, opened_from, status) in [
                (0, 20, None, None),
                (5, 7, None, None),
                (0, 20, Some(all[400].opened_at), None),
                (0, 20, None, Some(CaseStatus::Open)),
            ] {
                let query = SearchQuery { digits: Some(q.clone()), offset, limit, opened_from, status, ..SearchQuery::default() };
                let page = db.search(&query).unwrap_or_else(|e| panic!("{e}"));
                let expected = linear(&all, q, opened_from.map_or(i64::MIN, |_| from), status);
                let codes: Vec<String> = page.cases.iter().map(|c| c.tracking_code.as_str().to_owned()).collect();
                assert_eq!(page.total, expected.len(), "{q}");
                assert_eq!(
                    codes,
                    expected.into_iter().skip(offset).take(limit).collect::<Vec<_>>(),
                    "{q} {offset} {opened_from:?}"
                );
            }
        }
        // Grouped, in Persian digits: the same digits.
        let grouped = crate::i18n::digits::to_persian(&some.tracking_code.grouped()[8..]);
        let page = db.search(&SearchQuery { digits: Some(grouped), ..SearchQuery::default() }).unwrap_or_else(|e| panic!("{e}"));
        assert!(page.cases.iter().any(|c| c.tracking_code == some.tracking_code));
        // Too few digits, or letters, match nothing rather than everything.
        for q in ["123", "", "12a4", "abcd"] {
            let page =
                db.search(&SearchQuery { digits: Some(q.into()), ..SearchQuery::default() }).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(page.total, 0, "{q}");
        }
    }
}
