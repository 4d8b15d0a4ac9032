//! `Database::check`: a read-only audit of the store. Every projection is compared with the replay
//! of its events, every index entry with the values of its case, and every outbox entry must name
//! a stored event.
//!
//! redb's own `check_integrity` needs `&mut redb::Database` and may repair, so `check` does not run
//! it: this audit must be safe while the clerk's window holds the file. `Database::file_integrity`
//! runs it on a throwaway copy instead, for callers that know nobody writes meanwhile (the `check`
//! command).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

use redb::{ReadTransaction, ReadableDatabase, ReadableTable};

use super::accounts::{AccountRecordV1, OFFICE_CHAIN_CODE, OfficeActRecordV1, password_digest};
use super::chain::{head, link_hash};
use super::files::temp_beside;
use super::indexes::{Counted, day, deadline_key, digit_tails, millis, name_prefixes, name_words, office_key};
use super::record::{CaseRecordV1, EventRecordV1, decode};
use super::tables::{
    ACCOUNTS, BY_DEADLINE, BY_DIGITS, BY_IDENTITY, BY_NAME_V2, BY_NAME_WORD, BY_OFFICE, BY_OPENED, BY_SERVICE, BY_STATUS,
    BY_STEP, CASE_COUNT, CASES, CHAIN, DEADLINE_DAY_COUNT, EVENTS, META, NAME_PREFIX_COUNT, OFFICE_LOG, OPENED_DAY_COUNT, OUTBOX,
    OUTBOX_V4, SCHEMA_VERSION_KEY, TableVisitor, every_table, sequence_key,
};
use super::{Database, StoreError};
use crate::domain::applicant::identity_search_key;
use crate::domain::case::{Case, CaseEvent, EventKind};
use crate::domain::role::Role;

/// What kind of inconsistency was found; the CLI chooses a Fluent message per kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemKind {
    /// A stored case or event record does not decode.
    Undecodable,
    /// The stored projection differs from the replay of the case's events.
    Projection,
    /// A case is stored under a key other than its own tracking code.
    KeyMismatch,
    /// An index entry names a missing case or a value the case no longer has.
    IndexStale,
    /// The case lacks an index entry its current values call for.
    IndexMissing,
    /// An event belongs to no stored case.
    OrphanEvent,
    /// An outbox entry does not decode (schemas 1 to 4) or names no stored event (schema 5 on).
    Outbox,
    /// redb's own integrity check of the file failed.
    Integrity,
    /// A Solar Hijri year's tracking-code counter is not above every sequence used that year, so the
    /// next case would get a code already given out (or the year has no counter at all).
    Counter,
    /// A table the file's schema has is missing from the file.
    MissingTable,
    /// The record's hash chain breaks at an act: an event was edited, deleted, reordered or
    /// slipped in by hand. Only the first broken act is reported.
    ChainBroken,
    /// A year's serial numbers do not run 1, 2, 3, … without a gap.
    SerialGap,
    /// A serial in the serials table has no issue event on its case, an issue event has no
    /// serial entry, or one serial was issued twice.
    SerialMismatch,
    /// An account's role, state or password is not what the acts on it recorded (written into the
    /// file by hand), or an account has no act that made it.
    AccountMismatch,
}

/// One problem: the case (or outbox number) it concerns and a detail for the administrator.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    pub kind: ProblemKind,
    pub code: String,
    pub detail: String,
}

/// The outcome of `check`; nothing was changed to produce it.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct CheckReport {
    pub cases: usize,
    pub events: usize,
    pub outbox: usize,
    pub serials: usize,
    /// The hash chain's head, as a sync batch carries it: its last act and that act's hash (hex).
    pub chain_head: Option<(u64, String)>,
    pub problems: Vec<Problem>,
}

impl CheckReport {
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }

    pub fn push(&mut self, kind: ProblemKind, code: &str, detail: impl Into<String>) {
        self.problems.push(Problem { kind, code: code.to_owned(), detail: detail.into() });
    }
}

impl Database {
    /// redb's integrity check on a copy of the file beside it; the copy is deleted and the
    /// database is never written. `Ok(false)` means redb had to repair the copy. Only while nothing
    /// writes: the copy must be of one state.
    pub fn file_integrity(&self) -> Result<bool, StoreError> {
        let copy = temp_beside(&self.path);
        fs::copy(&self.path, &copy).map_err(|e| StoreError::io(&self.path, &e))?;
        let checked =
            redb::Database::open(&copy).and_then(|mut db| db.check_integrity()).map_err(|e| StoreError::from_database(e, &copy));
        let _ = fs::remove_file(&copy);
        checked
    }
}

/// An index entry written as text, so all the indexes compare in one set: (index, key, code).
type IndexEntry = (&'static str, String, String);

impl Database {
    /// Audits the whole store in one read transaction, so writers may go on meanwhile.
    pub fn check(&self) -> Result<CheckReport, StoreError> {
        check_transaction(&self.db.begin_read()?)
    }
}

/// The audit of one read transaction; also used on a backup file before it is restored.
pub fn check_transaction(txn: &ReadTransaction) -> Result<CheckReport, StoreError> {
    let mut report = CheckReport::default();
    let events = read_all_events(txn, &mut report)?;
    let cases = check_cases(txn, &events, &mut report)?;
    for (code, list) in &events {
        if !cases.contains_key(code) {
            let sequences: Vec<String> = list.iter().map(|e| e.sequence.to_string()).collect();
            report.push(ProblemKind::OrphanEvent, code, sequences.join(", "));
        }
    }
    check_indexes(txn, &cases, &mut report)?;
    let version = schema_version(txn)?;
    if version >= 4 {
        check_counts(txn, &cases, &mut report)?;
    }
    if version >= 6 {
        every_table(&mut Present { txn, version, report: &mut report })?;
        check_case_counts(txn, &cases, &mut report)?;
        check_chain(txn, &events, &mut report)?;
    }
    if version >= 7 {
        check_accounts(txn, &mut report)?;
    }
    check_outbox(txn, version, &mut report)?;
    let used = cases.keys().chain(events.keys()).map(String::as_str);
    check_counters(txn, used, &mut report)?;
    check_serials(txn, &events, &mut report)?;
    Ok(report)
}

/// Every event, decoded and grouped by case; undecodable ones are reported and left out.
fn read_all_events(txn: &ReadTransaction, report: &mut CheckReport) -> Result<BTreeMap<String, Vec<CaseEvent>>, StoreError> {
    let mut events: BTreeMap<String, Vec<CaseEvent>> = BTreeMap::new();
    for entry in txn.open_table(EVENTS)?.iter()? {
        let (key, value) = entry?;
        let (code, sequence) = key.value();
        report.events += 1;
        match decode::<EventRecordV1>(value.value()).and_then(|r| r.to_domain()) {
            Ok(event) => events.entry(code.to_owned()).or_default().push(event),
            Err(error) => report.push(ProblemKind::Undecodable, code, format!("event {sequence}: {error}")),
        }
    }
    Ok(events)
}

/// Compares each projection with the replay of its events; returns the decodable records by code.
fn check_cases(
    txn: &ReadTransaction,
    events: &BTreeMap<String, Vec<CaseEvent>>,
    report: &mut CheckReport,
) -> Result<BTreeMap<String, CaseRecordV1>, StoreError> {
    let mut cases = BTreeMap::new();
    for entry in txn.open_table(CASES)?.iter()? {
        let (key, value) = entry?;
        let code = key.value().to_owned();
        report.cases += 1;
        let record = match decode::<CaseRecordV1>(value.value()) {
            Ok(record) => record,
            Err(error) => {
                report.push(ProblemKind::Undecodable, &code, error.to_string());
                continue;
            }
        };
        if record.tracking_code != code {
            report.push(ProblemKind::KeyMismatch, &code, record.tracking_code.clone());
        }
        let history = events.get(&code).map_or(&[][..], Vec::as_slice);
        match Case::replay(history) {
            // The deadline and office depend on the catalogue, which the store does not hold: keep the stored one.
            Ok(replayed) if CaseRecordV1::from_domain(&replayed, record.deadline, record.office.clone()) == record => {}
            Ok(_) => report.push(ProblemKind::Projection, &code, "projection differs from the replayed events"),
            Err(error) => report.push(ProblemKind::Projection, &code, error.to_string()),
        }
        cases.insert(code, record);
    }
    Ok(cases)
}

/// The index entries a case's current values call for, as `indexes::update` writes them.
fn expected_entries(record: &CaseRecordV1) -> Vec<IndexEntry> {
    let code = &record.tracking_code;
    let mut entries = vec![
        ("index-identity", identity_search_key(&record.applicant.id_number), code.clone()),
        ("index-service", record.service_key.clone(), code.clone()),
        ("index-status", record.status.clone(), code.clone()),
        ("index-step", record.step.clone(), code.clone()),
        ("index-opened", millis(record.opened_at).to_string(), code.clone()),
    ];
    let opened = millis(record.opened_at);
    entries.extend(
        name_words(&record.applicant.name).into_iter().map(|w| ("index-name-word", format!("{w} {opened}"), code.clone())),
    );
    let tails = digit_tails(code, &record.applicant.id_number);
    entries.extend(tails.into_iter().map(|tail| ("index-digits", format!("{tail} {opened}"), code.clone())));
    if let Some(office) = office_key(record) {
        entries.push(("index-office", office.to_owned(), code.clone()));
    }
    if let Some(deadline) = record.deadline.filter(|_| record.status == "open") {
        entries.push(("index-deadline", millis(deadline).to_string(), code.clone()));
    }
    entries
}

fn stored_entries(txn: &ReadTransaction) -> Result<BTreeSet<IndexEntry>, StoreError> {
    let mut entries = BTreeSet::new();
    for (name, definition) in [
        ("index-identity", BY_IDENTITY),
        ("index-service", BY_SERVICE),
        ("index-status", BY_STATUS),
        ("index-step", BY_STEP),
        ("index-office", BY_OFFICE),
    ] {
        let table = match txn.open_table(definition) {
            Ok(table) => table,
            // A schema-1 file (a backup checked before restore) has no office index yet.
            Err(redb::TableError::TableDoesNotExist(_)) => continue,
            Err(error) => return Err(error.into()),
        };
        for entry in table.iter()? {
            let (key, _) = entry?;
            let (word, code) = key.value();
            entries.insert((name, word.to_owned(), code.to_owned()));
        }
    }
    match txn.open_table(BY_NAME_WORD) {
        Ok(table) => {
            for entry in table.iter()? {
                let key = entry?.0;
                let (word, opened, code) = key.value();
                entries.insert(("index-name-word", format!("{word} {opened}"), code.to_owned()));
            }
        }
        Err(redb::TableError::TableDoesNotExist(_)) => {}
        Err(error) => return Err(error.into()),
    }
    match txn.open_table(BY_DIGITS) {
        Ok(table) => {
            for entry in table.iter()? {
                let (key, opened) = entry?;
                let (tail, code) = key.value();
                entries.insert(("index-digits", format!("{tail} {}", opened.value()), code.to_owned()));
            }
        }
        // Before schema 9 (a backup checked before restore).
        Err(redb::TableError::TableDoesNotExist(_)) => {}
        Err(error) => return Err(error.into()),
    }
    for (name, definition) in [("index-opened", BY_OPENED), ("index-deadline", BY_DEADLINE)] {
        for entry in txn.open_table(definition)?.iter()? {
            let (key, _) = entry?;
            let (time, code) = key.value();
            entries.insert((name, time.to_string(), code.to_owned()));
        }
    }
    Ok(entries)
}

fn check_indexes(
    txn: &ReadTransaction,
    cases: &BTreeMap<String, CaseRecordV1>,
    report: &mut CheckReport,
) -> Result<(), StoreError> {
    let mut expected: BTreeSet<IndexEntry> = cases.values().flat_map(expected_entries).collect();
    let mut stored = stored_entries(txn)?;
    let version = schema_version(txn)?;
    if version < 9 {
        // The digit tails came with schema 9; an older file may hold a table made for it, unread.
        expected.retain(|entry| entry.0 != "index-digits");
        stored.retain(|entry| entry.0 != "index-digits");
    }
    if version < 4 {
        // Before schema 4 the name index had no opening time (a backup checked before restore).
        expected.retain(|entry| entry.0 != "index-name-word");
        expected.extend(
            cases
                .values()
                .flat_map(|r| name_words(&r.applicant.name).into_iter().map(|w| ("index-name", w, r.tracking_code.clone()))),
        );
        stored.extend(old_name_entries(txn)?);
    }
    for (index, key, code) in stored.difference(&expected) {
        report.push(ProblemKind::IndexStale, code, format!("{index}: {key}"));
    }
    for (index, key, code) in expected.difference(&stored) {
        report.push(ProblemKind::IndexMissing, code, format!("{index}: {key}"));
    }
    Ok(())
}

/// The schema of the file being checked (a backup may be older than this version).
fn schema_version(txn: &ReadTransaction) -> Result<u32, StoreError> {
    let version = txn.open_table(META)?.get(SCHEMA_VERSION_KEY)?.and_then(|v| v.value().parse().ok());
    version.ok_or_else(|| StoreError::Corrupt(SCHEMA_VERSION_KEY.to_owned()))
}

/// The name index of schemas 1 and 2: (word, code).
fn old_name_entries(txn: &ReadTransaction) -> Result<Vec<IndexEntry>, StoreError> {
    let mut entries = Vec::new();
    for entry in txn.open_table(BY_NAME_V2)?.iter()? {
        let key = entry?.0;
        let (word, code) = key.value();
        entries.push(("index-name", word.to_owned(), code.to_owned()));
    }
    Ok(entries)
}

/// The name-prefix and overdue-day counts against the cases they count.
fn check_counts(
    txn: &ReadTransaction,
    cases: &BTreeMap<String, CaseRecordV1>,
    report: &mut CheckReport,
) -> Result<(), StoreError> {
    let mut prefixes: BTreeMap<String, u64> = BTreeMap::new();
    let mut days: BTreeMap<String, u64> = BTreeMap::new();
    for record in cases.values() {
        for prefix in name_prefixes(&name_words(&record.applicant.name)) {
            *prefixes.entry(prefix).or_default() += 1;
        }
        if let Some(at) = deadline_key(record) {
            *days.entry(day(at).to_string()).or_default() += 1;
        }
    }
    let mut stored_prefixes = BTreeMap::new();
    for entry in txn.open_table(NAME_PREFIX_COUNT)?.iter()? {
        let (key, count) = entry?;
        stored_prefixes.insert(key.value().to_owned(), count.value());
    }
    let mut stored_days = BTreeMap::new();
    for entry in txn.open_table(DEADLINE_DAY_COUNT)?.iter()? {
        let (key, count) = entry?;
        stored_days.insert(key.value().to_string(), count.value());
    }
    compare_counts("count-name-prefix", &prefixes, &stored_prefixes, report);
    compare_counts("count-deadline-day", &days, &stored_days, report);
    Ok(())
}

/// Walks the hash chain from its first act, recomputing each link from the event's stored bytes;
/// reports the first act where it breaks (with the event's time and account when it still reads),
/// then any stored event the chain does not hold.
fn check_chain(
    txn: &ReadTransaction,
    events: &BTreeMap<String, Vec<CaseEvent>>,
    report: &mut CheckReport,
) -> Result<(), StoreError> {
    let (Ok(chain), Ok(stored)) = (txn.open_table(CHAIN), txn.open_table(EVENTS)) else { return Ok(()) };
    // Stores before schema 7 have no office log; their chain holds no office act.
    let office = txn.open_table(OFFICE_LOG).ok();
    report.chain_head = head(&chain)?.map(|link| (link.act, crate::signing::hex(&link.hash)));
    let mut previous = [0u8; 32];
    let mut chained = BTreeSet::new();
    for (expected, entry) in (1u64..).zip(chain.iter()?) {
        let (key, value) = entry?;
        let (act, (code, sequence, hash)) = (key.value(), value.value());
        let bytes = if code == OFFICE_CHAIN_CODE {
            office.as_ref().map(|log| log.get(sequence)).transpose()?.flatten().map(|b| b.value().to_vec())
        } else {
            stored.get((code, sequence))?.map(|b| b.value().to_vec())
        };
        let computed = bytes.as_ref().map(|b| link_hash(&previous, act, code, sequence, b));
        let what =
            if code == OFFICE_CHAIN_CODE { format!("office act #{sequence}") } else { format!("event {code} #{sequence}") };
        let why = if act != expected {
            Some(format!("act {expected} is missing (the next stored is act {act})"))
        } else if bytes.is_none() {
            Some(format!("act {act}: its {what} is gone"))
        } else if computed.as_ref().map(<[u8; 32]>::as_slice) != Some(hash) {
            Some(format!("act {act}: {what} is not as it was recorded{}", who(code, bytes.as_deref())))
        } else {
            None
        };
        if let Some(why) = why {
            report.push(ProblemKind::ChainBroken, code, why);
            return Ok(());
        }
        previous = computed.unwrap_or(previous);
        chained.insert((code.to_owned(), sequence));
    }
    for (code, list) in events {
        for event in list.iter().filter(|e| !chained.contains(&(code.clone(), e.sequence))) {
            report.push(
                ProblemKind::ChainBroken,
                code,
                format!(
                    "event {code} #{} is in no act of the chain, {} by {}",
                    event.sequence,
                    event.at.to_rfc3339(),
                    event.actor.name
                ),
            );
        }
    }
    if let Some(log) = office {
        for entry in log.iter()? {
            let number = entry?.0.value();
            if !chained.contains(&(OFFICE_CHAIN_CODE.to_owned(), number)) {
                report.push(
                    ProblemKind::ChainBroken,
                    OFFICE_CHAIN_CODE,
                    format!("office act #{number} is in no act of the chain"),
                );
            }
        }
    }
    Ok(())
}

/// The time and account of an act whose stored bytes still read, for the broken link's report.
fn who(code: &str, bytes: Option<&[u8]>) -> String {
    let Some(bytes) = bytes else { return String::new() };
    let (at, actor) = if code == OFFICE_CHAIN_CODE {
        match decode::<OfficeActRecordV1>(bytes).ok().and_then(|r| r.to_domain().ok()) {
            Some(act) => (act.at, act.actor),
            None => return String::new(),
        }
    } else {
        match decode::<EventRecordV1>(bytes).ok().and_then(|r| r.to_domain().ok()) {
            Some(event) => (event.at, Some(event.actor)),
            None => return String::new(),
        }
    };
    let actor = actor.map_or_else(String::new, |a| format!(" by {} ({})", a.name, a.user_id));
    format!(", {}{actor}", at.to_rfc3339())
}

/// Rebuilds every account from the office's acts (its role, state and password as each act set
/// them) and reports each stored account that differs, or that no act made.
fn check_accounts(txn: &ReadTransaction, report: &mut CheckReport) -> Result<(), StoreError> {
    use crate::domain::account::OfficeActKind::{AccountDisabled, AccountEnabled, RecoveryUsed};
    let (Ok(log), Ok(stored)) = (txn.open_table(OFFICE_LOG), txn.open_table(ACCOUNTS)) else { return Ok(()) };
    let mut recorded: BTreeMap<String, (Option<Role>, bool, Option<String>)> = BTreeMap::new();
    for entry in log.iter()? {
        let Ok(act) = decode::<OfficeActRecordV1>(entry?.1.value()).and_then(|r| r.to_domain()) else { continue };
        let facts = &act.facts;
        if facts.role.is_none()
            && facts.password.is_none()
            && facts.active.is_none()
            && !matches!(act.kind, AccountDisabled | AccountEnabled)
        {
            continue;
        }
        let account = recorded.entry(act.subject.clone()).or_insert((None, true, None));
        account.0 = facts.role.or(account.0);
        account.1 = match act.kind {
            AccountDisabled => false,
            AccountEnabled | RecoveryUsed => true,
            _ => facts.active.unwrap_or(account.1),
        };
        if facts.password.is_some() {
            account.2.clone_from(&facts.password);
        }
    }
    for entry in stored.iter()? {
        let (name, bytes) = entry?;
        let name = name.value();
        let Ok(account) = decode::<AccountRecordV1>(bytes.value()).and_then(|r| r.to_domain()) else {
            report.push(ProblemKind::Undecodable, name, "account record");
            continue;
        };
        let why = match recorded.get(name) {
            None => Some("no act made this account".to_owned()),
            Some((role, _, _)) if *role != Some(account.role) => {
                Some(format!("role {} is not the one recorded", account.role.key()))
            }
            Some((_, active, _)) if *active != account.active => Some(format!("active {} is not as recorded", account.active)),
            Some((_, _, password)) if password.as_deref() != Some(password_digest(&account).as_str()) => {
                Some("the password is not the one its acts set".to_owned())
            }
            Some(_) => None,
        };
        if let Some(why) = why {
            report.push(ProblemKind::AccountMismatch, name, why);
        }
    }
    Ok(())
}

/// Reports each table of the current schema the file lacks.
struct Present<'t, 'r> {
    txn: &'t ReadTransaction,
    version: u32,
    report: &'r mut CheckReport,
}

impl TableVisitor for Present<'_, '_> {
    type Error = StoreError;
    fn visit<K: redb::Key + 'static, V: redb::Value + 'static>(
        &mut self,
        table: redb::TableDefinition<'static, K, V>,
    ) -> Result<(), StoreError> {
        if self.version < 9 && redb::TableHandle::name(&table) == redb::TableHandle::name(&BY_DIGITS) {
            return Ok(());
        }
        match self.txn.open_table(table) {
            Ok(_) => Ok(()),
            Err(redb::TableError::TableDoesNotExist(name)) => {
                self.report.push(ProblemKind::MissingTable, &name, format!("schema {}", self.version));
                Ok(())
            }
            Err(error) => Err(error.into()),
        }
    }
}

/// The case counts and opened-day counts (schema 6) against the cases they count.
fn check_case_counts(
    txn: &ReadTransaction,
    cases: &BTreeMap<String, CaseRecordV1>,
    report: &mut CheckReport,
) -> Result<(), StoreError> {
    let mut counted = Counted::default();
    for record in cases.values() {
        counted.add(record);
    }
    let mut stored = Counted::default();
    // A missing table is reported by `Present`; its counts are then not compared.
    let (Ok(cases_table), Ok(days_table)) = (txn.open_table(CASE_COUNT), txn.open_table(OPENED_DAY_COUNT)) else {
        return Ok(());
    };
    for entry in cases_table.iter()? {
        let (key, count) = entry?;
        stored.cases.insert(key.value().to_owned(), count.value());
    }
    for entry in days_table.iter()? {
        let (key, count) = entry?;
        stored.days.insert(key.value(), count.value());
    }
    let as_text = |days: &BTreeMap<i64, u64>| days.iter().map(|(d, n)| (d.to_string(), *n)).collect::<BTreeMap<_, _>>();
    compare_counts("count-cases", &counted.cases, &stored.cases, report);
    compare_counts("count-opened-day", &as_text(&counted.days), &as_text(&stored.days), report);
    Ok(())
}

/// Reports every key whose stored count differs from the one counted.
fn compare_counts(name: &str, expected: &BTreeMap<String, u64>, stored: &BTreeMap<String, u64>, report: &mut CheckReport) {
    for key in expected.keys().chain(stored.keys()).collect::<BTreeSet<_>>() {
        let (want, have) = (expected.get(key).copied().unwrap_or(0), stored.get(key).copied().unwrap_or(0));
        if want != have {
            let kind = if have > want { ProblemKind::IndexStale } else { ProblemKind::IndexMissing };
            report.push(kind, name, format!("{key}: stored {have}, counted {want}"));
        }
    }
}

/// Each year's counter (`next_sequence/1405`, the next sequence to give) against the highest sequence
/// of the tracking codes in use. A code holds only the year's last two digits, which is enough: the
/// same two digits come back once a century.
fn check_counters<'a>(
    txn: &ReadTransaction,
    used: impl Iterator<Item = &'a str>,
    report: &mut CheckReport,
) -> Result<(), StoreError> {
    let mut highest: BTreeMap<u32, u64> = BTreeMap::new();
    for code in used {
        let parts = (code.get(4..6).and_then(|y| y.parse().ok()), code.get(6..12).and_then(|n| n.parse().ok()));
        if let (Some(year), Some(sequence)) = parts {
            let entry = highest.entry(year).or_insert(0);
            *entry = (*entry).max(sequence);
        }
    }
    let mut counters: BTreeMap<u32, (String, Option<u64>)> = BTreeMap::new();
    let prefix = sequence_key(0).trim_end_matches('0').to_owned();
    for entry in txn.open_table(META)?.range(prefix.as_str()..)? {
        let (key, value) = entry?;
        let Some(year) = key.value().strip_prefix(&prefix).map(str::to_owned) else { break };
        if let Ok(full) = year.parse::<u32>() {
            counters.insert(full % 100, (year, value.value().parse().ok()));
        }
    }
    for (short, sequence) in highest {
        match counters.get(&short) {
            Some((_, Some(next))) if *next > sequence => {}
            Some((year, next)) => {
                let next = next.map_or_else(|| "?".to_owned(), |n| n.to_string());
                report.push(ProblemKind::Counter, year, format!("next {next}, highest used {sequence}"));
            }
            None => report.push(ProblemKind::Counter, &format!("{short:02}"), format!("no counter, highest used {sequence}")),
        }
    }
    Ok(())
}

/// Every outbox entry names a stored event (schema 5 on); before, each held a copy that must decode.
fn check_outbox(txn: &ReadTransaction, version: u32, report: &mut CheckReport) -> Result<(), StoreError> {
    if version < 5 {
        return check_old_outbox(txn, report);
    }
    let events = txn.open_table(EVENTS)?;
    for entry in txn.open_table(OUTBOX)?.iter()? {
        let (key, value) = entry?;
        report.outbox += 1;
        let (code, number) = value.value();
        if events.get((code, number))?.is_none() {
            report.push(ProblemKind::Outbox, &key.value().to_string(), format!("no event {code}/{number}"));
        }
    }
    Ok(())
}

/// The outbox of schemas 1 to 4 (a backup checked before restore).
fn check_old_outbox(txn: &ReadTransaction, report: &mut CheckReport) -> Result<(), StoreError> {
    for entry in txn.open_table(OUTBOX_V4)?.iter()? {
        let (key, value) = entry?;
        report.outbox += 1;
        if let Err(error) = decode::<EventRecordV1>(value.value()).and_then(|r| r.to_domain()) {
            report.push(ProblemKind::Outbox, &key.value().to_string(), error.to_string());
        }
    }
    Ok(())
}

/// Serials are unique (one issue event each, on the case the table names) and gap-free per year.
fn check_serials(
    txn: &ReadTransaction,
    events: &BTreeMap<String, Vec<CaseEvent>>,
    report: &mut CheckReport,
) -> Result<(), StoreError> {
    let mut stored: BTreeMap<(u16, u32), String> = BTreeMap::new();
    if let Some(table) = super::issued::serials(txn)? {
        for entry in table.iter()? {
            let (key, value) = entry?;
            stored.insert(key.value(), value.value().to_owned());
        }
    }
    report.serials = stored.len();
    let mut issued: BTreeMap<(u16, u32), String> = BTreeMap::new();
    for (code, list) in events {
        for event in list {
            if let EventKind::DocumentIssued { serial, .. } = &event.kind
                && let Some(first) = issued.insert((serial.year, serial.number), code.clone())
            {
                report.push(ProblemKind::SerialMismatch, code, format!("{serial} issued twice, also on {first}"));
            }
        }
    }
    for (key, code) in &stored {
        if issued.get(key) != Some(code) {
            report.push(ProblemKind::SerialMismatch, code, format!("{}-{:06} has no issue event on this case", key.0, key.1));
        }
    }
    for (key, code) in &issued {
        if !stored.contains_key(key) {
            report.push(ProblemKind::SerialMismatch, code, format!("{}-{:06} is missing from the serials table", key.0, key.1));
        }
    }
    let mut expected: Option<(u16, u32)> = None;
    let meta = txn.open_table(META)?;
    for (year, number) in stored.keys().copied() {
        let want = match expected {
            Some((y, n)) if y == year => n + 1,
            _ => 1,
        };
        // Serials up to the floor were given by a database a restore replaced: the next is above it.
        let floor = super::issued::serial_floor(&meta, year)?;
        if number != want && !(want <= floor + 1 && number == floor + 1) {
            report.push(ProblemKind::SerialGap, &stored[&(year, number)], format!("{year}: {number} follows {}", want - 1));
        }
        expected = Some((year, number));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tests::{catalog, corrupt_step, new_db, open_case};
    use chrono::{TimeZone, Utc};

    type Events<'t> = redb::Table<'t, (&'static str, u32), &'static [u8]>;

    /// Three cases, then one past event rewritten in place (its actor changed, as a hand edit of
    /// the file would): the chain breaks at that act, named with its time and account.
    #[test]
    fn a_rewritten_or_deleted_past_event_breaks_the_chain_at_its_act() {
        let (_dir, db) = new_db();
        let catalog = catalog();
        let when = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).single().unwrap_or_else(|| panic!("time"));
        let cases: Vec<_> = ["علی رضایی", "مریم احمدی", "زهرا کاظمی"].iter().map(|n| open_case(&db, &catalog, n, when)).collect();
        let clean = db.check().unwrap_or_else(|e| panic!("{e}"));
        assert!(clean.is_clean(), "{clean:?}");
        assert_eq!(clean.chain_head.as_ref().map(|h| h.0), Some(3));
        let second = cases[1].tracking_code.as_str();
        let rewrite = |edit: &dyn Fn(&mut Events<'_>)| {
            let txn = db.db.begin_write().unwrap_or_else(|e| panic!("{e}"));
            edit(&mut txn.open_table(EVENTS).unwrap_or_else(|e| panic!("{e}")));
            txn.commit().unwrap_or_else(|e| panic!("{e}"));
        };
        let txn = db.db.begin_read().unwrap_or_else(|e| panic!("{e}"));
        let events = txn.open_table(EVENTS).unwrap_or_else(|e| panic!("{e}"));
        let original = events.get((second, 1)).ok().flatten().map_or_else(|| panic!("no event"), |v| v.value().to_vec());
        drop((events, txn));
        let forged = String::from_utf8_lossy(&original).replace("کارمند", "بخشدار").into_bytes();
        assert_ne!(forged, original);
        rewrite(&|events| {
            events.insert((second, 1), forged.as_slice()).unwrap_or_else(|e| panic!("{e}"));
        });
        let report = db.check().unwrap_or_else(|e| panic!("{e}"));
        let chain: Vec<_> = report.problems.iter().filter(|p| p.kind == ProblemKind::ChainBroken).collect();
        assert_eq!(chain.len(), 1, "{report:?}");
        assert_eq!(chain[0].code, second);
        assert!(chain[0].detail.starts_with("act 2:") && chain[0].detail.contains("بخشدار"), "{}", chain[0].detail);
        // Put back, then delete the last event: the chain names the act whose event is gone.
        rewrite(&|events| {
            events.insert((second, 1), original.as_slice()).unwrap_or_else(|e| panic!("{e}"));
            events.remove((cases[2].tracking_code.as_str(), 1)).unwrap_or_else(|e| panic!("{e}"));
        });
        let report = db.check().unwrap_or_else(|e| panic!("{e}"));
        let chain: Vec<_> = report.problems.iter().filter(|p| p.kind == ProblemKind::ChainBroken).collect();
        assert_eq!(chain.len(), 1, "{report:?}");
        assert!(chain[0].detail.starts_with("act 3:") && chain[0].detail.contains("gone"), "{}", chain[0].detail);
    }

    #[test]
    fn a_table_missing_from_the_file_is_named() {
        let (_dir, db) = new_db();
        let txn = db.db.begin_write().unwrap_or_else(|e| panic!("{e}"));
        txn.delete_table(OPENED_DAY_COUNT).unwrap_or_else(|e| panic!("{e}"));
        txn.commit().unwrap_or_else(|e| panic!("{e}"));
        let report = db.check().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            report.problems.iter().map(|p| (p.kind, p.code.as_str())).collect::<Vec<_>>(),
            [(ProblemKind::MissingTable, "count-opened-day")]
        );
    }

    #[test]
    fn a_fresh_store_with_cases_is_clean() {
        let (dir, db) = new_db();
        let catalog = catalog();
        let when = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).single().unwrap_or_else(|| panic!("time"));
        open_case(&db, &catalog, "علی رضایی", when);
        let report = db.check().unwrap_or_else(|e| panic!("{e}"));
        assert!(report.is_clean(), "{report:?}");
        assert_eq!((report.cases, report.events, report.outbox), (1, 1, 1));
        assert_eq!(db.file_integrity(), Ok(true));
        // The throwaway copy is gone: only the database and its key are left.
        let files = fs::read_dir(dir.path()).map(Iterator::count).unwrap_or_default();
        assert_eq!(files, 2);
    }

    #[test]
    fn a_counter_at_or_below_a_used_sequence_is_reported() {
        let (_dir, db) = new_db();
        let catalog = catalog();
        let when = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).single().unwrap_or_else(|| panic!("time"));
        open_case(&db, &catalog, "علی رضایی", when);
        open_case(&db, &catalog, "زهرا کاظمی", when);
        let set_next = |next: &str| {
            let txn = db.db.begin_write().unwrap_or_else(|e| panic!("{e}"));
            let mut meta = txn.open_table(META).unwrap_or_else(|e| panic!("{e}"));
            meta.insert(sequence_key(1405).as_str(), next).unwrap_or_else(|e| panic!("{e}"));
            drop(meta);
            txn.commit().unwrap_or_else(|e| panic!("{e}"));
        };
        set_next("2");
        let report = db.check().unwrap_or_else(|e| panic!("{e}"));
        let problems: Vec<(ProblemKind, &str, &str)> =
            report.problems.iter().map(|p| (p.kind, p.code.as_str(), p.detail.as_str())).collect();
        assert_eq!(problems, [(ProblemKind::Counter, "1405", "next 2, highest used 2")]);
        set_next("3");
        assert!(db.check().unwrap_or_else(|e| panic!("{e}")).is_clean());
    }

    #[test]
    fn a_corrupted_projection_and_a_stale_index_are_reported() {
        let (_dir, db) = new_db();
        let catalog = catalog();
        let when = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).single().unwrap_or_else(|| panic!("time"));
        let case = open_case(&db, &catalog, "علی رضایی", when);
        let code = case.tracking_code.as_str();
        corrupt_step(&db, code);
        let txn = db.db.begin_write().unwrap_or_else(|e| panic!("{e}"));
        // An outbox entry naming an event the case does not have.
        txn.open_table(OUTBOX).unwrap_or_else(|e| panic!("{e}")).insert(99, (code, 7)).unwrap_or_else(|e| panic!("{e}"));
        txn.commit().unwrap_or_else(|e| panic!("{e}"));
        let report = db.check().unwrap_or_else(|e| panic!("{e}"));
        let kinds: Vec<(ProblemKind, &str)> = report.problems.iter().map(|p| (p.kind, p.code.as_str())).collect();
        assert!(kinds.contains(&(ProblemKind::Projection, code)), "{report:?}");
        assert!(kinds.contains(&(ProblemKind::IndexStale, code)), "{report:?}");
        assert!(kinds.contains(&(ProblemKind::IndexMissing, code)), "{report:?}");
        assert!(kinds.contains(&(ProblemKind::Outbox, "99")), "{report:?}");
    }
}
