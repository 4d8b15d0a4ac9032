//! The office's rules and its record on the real binary: a redb file edited by hand with redb
//! itself (one event's actor rewritten, as someone covering their tracks would) is caught by
//! `check`, which names the first broken act, its time and account, and exits 1; a step of the
//! governorate is refused to the command line's clerk and taken only with the paper letter's number
//! and date; an issue with required documents missing needs the district governor's reason.

use redb::{ReadableDatabase, ReadableTable, ReadableTableMetadata};
use serde_json::Value;

use crate::common::{CLERK, bakhshyar_in, init_district, ok, open_permit_case};

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON: {e}\n{text}"))
}

#[test]
fn a_hand_edited_event_breaks_the_chain_and_check_names_the_act() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = dir.path();
    ok(&init_district(dir, "1234", "بخش مرکزی"));
    let codes: Vec<String> = ["علی رضایی", "مریم احمدی", "زهرا کاظمی"].iter().map(|n| open_permit_case(dir, n)).collect();
    let clean = json(&ok(&bakhshyar_in(dir, &["check", "--json"])));
    // Three events, and the office's acts beside them: the accounts added, every login.
    assert_eq!(clean["problems"], Value::Array(Vec::new()), "{clean}");
    assert!(clean["chain_head"][0].as_u64() > Some(3), "{clean}");

    // The edit: the second case's opening, recorded by the account «governor», now says «بخشدار».
    {
        let db = redb::Database::open(dir.join("bakhshyar.redb")).unwrap_or_else(|e| panic!("{e}"));
        let txn = db.begin_write().unwrap_or_else(|e| panic!("{e}"));
        {
            let mut events = txn.open_table(bakhshyar::store::tables::EVENTS).unwrap_or_else(|e| panic!("{e}"));
            let bytes = events.get((codes[1].as_str(), 1)).ok().flatten().map(|v| v.value().to_vec());
            let bytes = bytes.unwrap_or_else(|| panic!("no event"));
            let forged = String::from_utf8_lossy(&bytes).replace("\"governor\"", "\"بخشدار\"").into_bytes();
            assert_ne!(forged, bytes, "the actor is in the stored record");
            events.insert((codes[1].as_str(), 1), forged.as_slice()).unwrap_or_else(|e| panic!("{e}"));
        }
        txn.commit().unwrap_or_else(|e| panic!("{e}"));
        let txn = db.begin_read().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(txn.open_table(bakhshyar::store::tables::EVENTS).map(|t| t.len().unwrap_or(0)).ok(), Some(3));
    }

    let checked = bakhshyar_in(dir, &["check"]);
    assert_eq!(checked.status.code(), Some(1));
    let message = crate::common::stdout(&checked);
    let link = format!("event {} #1 is not as it was recorded", codes[1]);
    assert!(message.contains("زنجیره") && message.contains(&link) && message.contains("بخشدار"), "{message}");
    let report = json(&crate::common::stdout(&bakhshyar_in(dir, &["check", "--json"])));
    let problems = report["problems"].as_array().cloned().unwrap_or_default();
    assert_eq!(problems.len(), 1, "{report}");
    assert_eq!((problems[0]["kind"].as_str(), problems[0]["code"].as_str()), (Some("chain-broken"), Some(codes[1].as_str())));
}

/// Service 29 waits for the governorate at t3: `case advance` by the clerk is refused with whose
/// step it is, and so is the paper letter (the district governor's to record); the governor's
/// letter, with its number and date, takes the step, recorded as such, and the history shows it.
#[test]
fn a_step_of_the_governorate_is_refused_to_a_clerk_and_taken_on_its_paper_letter() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = dir.path();
    ok(&init_district(dir, "1234", "بخش مرکزی"));
    let created = json(&ok(&bakhshyar_in(
        dir,
        &["case", "new", "--service", "29", "--applicant-national-id", "0012345679", "--applicant-name", "علی رضایی", "--json"],
    )));
    let code = created["tracking_code"].as_str().unwrap_or_else(|| panic!("{created}")).to_owned();
    for to in ["t2", "t3"] {
        ok(&bakhshyar_in(dir, &["case", "advance", &code, "--to", to, "--user", CLERK]));
    }
    let message = crate::common::refused(&bakhshyar_in(dir, &["case", "advance", &code, "--to", "d1", "--user", CLERK]));
    assert!(message.contains("استانداری"), "{message}");
    let letter = ["case", "advance", &code, "--to", "d1", "--letter-number", "۱۲۳/ص", "--letter-date", "1405/09/10"];
    let clerks = crate::common::refused(&bakhshyar_in(dir, &[&letter[..], &["--user", CLERK]].concat()));
    assert!(clerks.contains("ثبت تصمیم رسیده با نامه‌ی کاغذی") && clerks.contains("بخشدار"), "{clerks}");
    let bad_day = crate::common::refused(&bakhshyar_in(
        dir,
        &["case", "advance", &code, "--to", "d1", "--letter-number", "۱۲۳/ص", "--letter-date", "1405/13/40"],
    ));
    assert!(bad_day.contains("1405/13/40"), "{bad_day}");
    ok(&bakhshyar_in(dir, &letter));
    let shown = json(&ok(&bakhshyar_in(dir, &["case", "show", &code, "--json"])));
    let last = shown["history"].as_array().and_then(|h| h.last().cloned()).unwrap_or_default();
    assert_eq!(last["paper"]["number"], "۱۲۳/ص", "{last}");
    assert_eq!(last["paper"]["date"], "2026-12-01", "{last}");
    assert_eq!(last["actor"]["role"], "district_governor", "{last}");
    ok(&bakhshyar_in(dir, &["check"]));
}

/// Service 36 at its issuing step with one of its two documents received: `case issue` is refused
/// with how many are missing, then taken with a reason that the history shows.
#[test]
fn an_issue_with_documents_missing_is_refused_without_the_governors_reason() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = dir.path();
    ok(&init_district(dir, "1234", "بخش مرکزی"));
    let code = open_permit_case(dir, "علی رضایی");
    crate::common::to_issue_step(dir, &code);
    ok(&bakhshyar_in(dir, &["case", "document", &code, "--number", "2", "--missing"]));
    let refused = crate::common::refused(&bakhshyar_in(dir, &["case", "issue", &code]));
    assert!(refused.contains("۱ مدرک از ۲ مدرک"), "{refused}");
    ok(&bakhshyar_in(dir, &["case", "issue", &code, "--missing-documents-reason", "دستور کتبی فرماندار"]));
    let shown = ok(&bakhshyar_in(dir, &["case", "show", &code]));
    assert!(shown.contains("دستور کتبی فرماندار") && shown.contains("۱ مدرک لازم"), "{shown}");
    let record = json(&ok(&bakhshyar_in(dir, &["case", "show", &code, "--json"])));
    assert_eq!(record["documents"][0]["documents_override"]["missing"], serde_json::json!([1]), "{record}");
    ok(&bakhshyar_in(dir, &["check"]));
}

/// Rewrites the stored event `(code, 1)` so that its actor reads «بخشدار»; with `rechain`, the
/// whole hash chain is recomputed over the stored bytes afterwards, as a careful forger would, so
/// that `check` finds nothing.
fn forge_opening(dir: &std::path::Path, code: &str, rechain: bool) {
    use bakhshyar::store::tables::{CHAIN, EVENTS, OFFICE_LOG};
    let db = redb::Database::open(dir.join("bakhshyar.redb")).unwrap_or_else(|e| panic!("{e}"));
    let txn = db.begin_write().unwrap_or_else(|e| panic!("{e}"));
    {
        let mut events = txn.open_table(EVENTS).unwrap_or_else(|e| panic!("{e}"));
        let bytes = events.get((code, 1)).ok().flatten().map_or_else(|| panic!("no event"), |v| v.value().to_vec());
        let forged = String::from_utf8_lossy(&bytes).replace("\"governor\"", "\"بخشدار\"").into_bytes();
        events.insert((code, 1), forged.as_slice()).unwrap_or_else(|e| panic!("{e}"));
        if rechain {
            let office = txn.open_table(OFFICE_LOG).unwrap_or_else(|e| panic!("{e}"));
            let mut chain = txn.open_table(CHAIN).unwrap_or_else(|e| panic!("{e}"));
            let links: Vec<(u64, String, u32)> = chain
                .iter()
                .unwrap_or_else(|e| panic!("{e}"))
                .map(|l| l.map_or_else(|e| panic!("{e}"), |(k, v)| (k.value(), v.value().0.to_owned(), v.value().1)))
                .collect();
            let mut previous = [0u8; 32];
            for (act, case, sequence) in links {
                let bytes = if case.is_empty() {
                    office.get(sequence).ok().flatten().map(|v| v.value().to_vec())
                } else {
                    events.get((case.as_str(), sequence)).ok().flatten().map(|v| v.value().to_vec())
                };
                let hash = bakhshyar::store::chain::link_hash(&previous, act, &case, sequence, &bytes.unwrap_or_default());
                chain.insert(act, (case.as_str(), sequence, hash.as_slice())).unwrap_or_else(|e| panic!("{e}"));
                previous = hash;
            }
        }
    }
    txn.commit().unwrap_or_else(|e| panic!("{e}"));
}

/// A record rewritten by hand reaches the hub no further. An event edited before it was sent: the
/// push is refused. Then the careful forger: an event the hub already holds edited too, and the
/// whole chain recomputed, so that `check` at the district is clean: still refused, since the
/// chain no longer passes through the head the hub holds. Each push exits 1 with the rewrite
/// alarm and deletes nothing; the hub keeps the batch set aside.
#[test]
fn a_record_rewritten_by_hand_is_refused_by_the_hub_with_the_rewrite_alarm() {
    use crate::common::hub::Serving;
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (place, dir) = crate::common::hub::hub_and_district(root.path());
    let serving = Serving::start(&place);
    let sent = open_permit_case(&dir, "علی رضایی");
    ok(&bakhshyar_in(&dir, &["sync", "push", "--hub", &serving.url]));
    let push = || bakhshyar_in(&dir, &["--lang", "en", "sync", "push", "--hub", &serving.url]);
    let alarm = |pushed: std::process::Output| {
        let said = crate::common::stdout(&pushed);
        assert_eq!(pushed.status.code(), Some(1), "{said}");
        assert!(said.contains("chain-rewritten"), "{said}");
        let status = json(&ok(&bakhshyar_in(&dir, &["sync", "status", "--json"])));
        assert_eq!(status["pending"], 1, "nothing deleted: {status}");
    };

    let waiting = open_permit_case(&dir, "مریم احمدی");
    forge_opening(&dir, &waiting, false);
    assert_eq!(bakhshyar_in(&dir, &["check"]).status.code(), Some(1), "the district's own check sees it");
    alarm(push());

    forge_opening(&dir, &sent, true);
    ok(&bakhshyar_in(&dir, &["check"]));
    alarm(push());
    serving.stop();
    let held = place.open().held_count("21").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(held, 1, "only the first, honest batch is held");
}
