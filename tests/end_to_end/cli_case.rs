//! The case store driven through the real `bakhshyar` binary with a temporary data folder.

use std::path::Path;
use std::process::Output;

use serde_json::Value;

use crate::common::init_district;
use crate::common::{bakhshyar_in, ok, refused};

fn json(output: &Output) -> Value {
    serde_json::from_str(&ok(output)).unwrap_or_else(|e| panic!("not JSON: {e}"))
}

fn init(dir: &Path) {
    ok(&init_district(dir, "123", "بخش مرکزی"));
}

fn new_case(dir: &Path, name: &str, id: &str) -> String {
    let case = json(&bakhshyar_in(
        dir,
        &["case", "new", "--service", "1", "--applicant-national-id", id, "--applicant-name", name, "--json"],
    ));
    case["tracking_code"].as_str().unwrap_or_else(|| panic!("tracking code in {case}")).to_owned()
}

#[test]
fn init_open_show_advance_through_a_decision_and_search() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = dir.path();
    init(dir);
    let printed = ok(&bakhshyar_in(
        dir,
        &["case", "new", "--service", "1", "--applicant-national-id", "۰۰۱۲۳۴۵۶۷۹", "--applicant-name", "علي رضايي"],
    ));
    assert!(printed.contains("کد رهگیری"), "{printed}");
    assert!(printed.contains("۰۱۲۳-"), "Persian digits, grouped: {printed}");
    let other = new_case(dir, "زهرا کاظمی", "0499370899");
    let found = json(&bakhshyar_in(dir, &["case", "search", "--name", "علی", "--json"]));
    assert_eq!(found["total"], 1);
    let code = found["cases"][0]["tracking_code"].as_str().unwrap_or_default().to_owned();
    assert_eq!(found["cases"][0]["applicant"]["name"], "علی رضایی", "stored with Persian letters");

    for (to, decision) in [("document_check", None), ("documents_complete", None), ("review", Some("بلی"))] {
        let mut args = vec!["case", "advance", code.as_str(), "--to", to];
        if let Some(label) = decision {
            args.extend(["--decision", label, "--note", "مدارک کامل است"]);
        }
        ok(&bakhshyar_in(dir, &args));
    }
    let shown = ok(&bakhshyar_in(dir, &["case", "show", &code]));
    assert!(shown.contains("بلی") && shown.contains("مدارک کامل است") && shown.contains("(review)"), "{shown}");
    let case = json(&bakhshyar_in(dir, &["case", "show", &code, "--json"]));
    assert_eq!(case["step"], "review");
    assert_eq!(case["history"].as_array().map(Vec::len), Some(4));
    assert_eq!(case["history"][3]["branch_fa"], "بلی");

    let by_id = json(&bakhshyar_in(dir, &["case", "search", "--national-id", "0499370899", "--json"]));
    assert_eq!(by_id["total"], 1);
    assert_eq!(by_id["cases"][0]["tracking_code"].as_str(), Some(other.as_str()));
    let all = json(&bakhshyar_in(dir, &["case", "search", "--service", "1", "--status", "open", "--json"]));
    assert_eq!(all["total"], 2);
    let listed = ok(&bakhshyar_in(dir, &["--lang", "en", "case", "search"]));
    assert!(listed.contains("2 cases found"), "{listed}");
    let overdue = json(&bakhshyar_in(dir, &["case", "search", "--overdue", "--json"]));
    assert_eq!(overdue["total"], 0);
}

#[test]
fn bad_input_is_refused_in_persian_or_english_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = dir.path();
    assert!(refused(&bakhshyar_in(dir, &["case", "show", "0123050000010"])).contains("bakhshyar init"));
    init(dir);
    assert!(refused(&init_district(dir, "123", "x")).contains("از پیش"));
    let code = new_case(dir, "علی رضایی", "0012345679");
    let before = ok(&bakhshyar_in(dir, &["case", "show", &code, "--json"]));

    let bad_id = ["case", "new", "--service", "1", "--applicant-national-id", "0012345678", "--applicant-name", "x"];
    assert!(refused(&bakhshyar_in(dir, &bad_id)).contains("کد ملی"));
    let mut english = vec!["--lang", "en"];
    english.extend(bad_id);
    assert!(refused(&bakhshyar_in(dir, &english)).contains("check digit"));
    let unknown = ["case", "new", "--service", "99999", "--applicant-national-id", "0012345679", "--applicant-name", "x"];
    assert!(refused(&bakhshyar_in(dir, &unknown)).contains("99999"));

    assert!(refused(&bakhshyar_in(dir, &["case", "advance", &code, "--to", "review"])).contains("reception"));
    let message = refused(&bakhshyar_in(dir, &["--lang", "en", "case", "advance", &code, "--to", "end"]));
    assert!(message.contains("There is no way"), "{message}");
    assert!(refused(&bakhshyar_in(dir, &["case", "show", "123"])).contains("۱۳ رقم"));
    let typo = format!("{}{}", &code[..12], (code.as_bytes()[12] - b'0' + 1) % 10);
    assert!(refused(&bakhshyar_in(dir, &["case", "show", &typo])).contains("کد رهگیری"));

    assert_eq!(ok(&bakhshyar_in(dir, &["case", "show", &code, "--json"])), before, "refusals change nothing");
    let all = json(&bakhshyar_in(dir, &["case", "search", "--json"]));
    assert_eq!(all["total"], 1);
}

#[test]
fn a_second_program_on_the_same_data_folder_is_told_it_is_already_open() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = dir.path();
    init(dir);
    let held = bakhshyar::store::Database::open(dir).unwrap_or_else(|e| panic!("{e}"));
    assert!(refused(&bakhshyar_in(dir, &["case", "search"])).contains("برنامه دیگری"));
    assert!(refused(&bakhshyar_in(dir, &["--lang", "en", "case", "search"])).contains("open in another program"));
    drop(held);
    ok(&bakhshyar_in(dir, &["case", "search"]));
}

#[test]
fn search_by_the_office_that_must_act_and_by_solar_hijri_dates() {
    use bakhshyar::domain::calendar::JalaliDate;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = dir.path();
    init(dir);
    let first = new_case(dir, "علی رضایی", "0012345679");
    new_case(dir, "زهرا کاظمی", "0499370899");
    let total = |args: &[&str]| {
        let mut all = vec!["case", "search", "--json"];
        all.extend_from_slice(args);
        json(&bakhshyar_in(dir, &all))["total"].as_u64().unwrap_or(u64::MAX)
    };
    // Service 1 opens at reception, which the district office does.
    assert_eq!(total(&["--office", "district_office"]), 2);
    assert_eq!(total(&["--office", "county_office"]), 0);
    ok(&bakhshyar_in(dir, &["case", "advance", &first, "--to", "document_check"]));
    assert_eq!(total(&["--office", "district_office"]), 1, "the next step names no office");

    let day = |offset: i64| {
        let at = chrono::Utc::now() + chrono::Duration::days(offset);
        bakhshyar::i18n::digits::to_persian(&JalaliDate::at_iran(at).to_string())
    };
    assert_eq!(total(&["--from", &day(0), "--to", &day(0)]), 2, "today in Persian digits, both ends inclusive");
    assert_eq!(total(&["--from", "1300/01/01", "--to", &day(-1)]), 0);
    assert_eq!(total(&["--from", &day(1)]), 0);
    assert_eq!(total(&["--from", &day(-1), "--office", "district_office"]), 1);
    let bad = refused(&bakhshyar_in(dir, &["case", "search", "--from", "1404/12/30"]));
    assert!(bad.contains("۱۴۰۵/۰۱/۱۵"), "{bad}");
    // Part of a code or an ID, as a citizen reads it out over the phone, in any digits.
    let tail = bakhshyar::i18n::digits::to_persian(&first[first.len() - 6..]);
    let found = json(&bakhshyar_in(dir, &["case", "search", "--digits", &tail, "--json"]));
    assert_eq!(found["cases"][0]["tracking_code"].as_str(), Some(first.as_str()), "{found}");
    assert_eq!(total(&["--digits", "45-679"]), 1, "the first applicant's ID ends in 45679");
    assert_eq!(total(&["--digits", "99999999"]), 0);
    let few = refused(&bakhshyar_in(dir, &["case", "search", "--digits", "۱۲"]));
    assert!(few.contains("«۱۲»") && few.contains("دست‌کم"), "{few}");
    let letters = refused(&bakhshyar_in(dir, &["--lang", "en", "case", "search", "--digits", "12ab"]));
    assert!(letters.contains("at least"), "{letters}");
}

#[test]
fn checklist_notes_and_attachments_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = dir.path();
    init(dir);
    let code = new_case(dir, "علی رضایی", "0012345679");
    let marked = ok(&bakhshyar_in(dir, &["case", "document", &code, "--number", "1"]));
    assert!(marked.contains("دریافت شد"), "{marked}");
    let case = json(&bakhshyar_in(dir, &["case", "document", &code, "--number", "۱", "--missing", "--json"]));
    assert_eq!(case["checklist"][0]["received"], false);
    assert!(refused(&bakhshyar_in(dir, &["case", "document", &code, "--number", "2"])).contains("از ۱ تا ۱"));
    let english = refused(&bakhshyar_in(dir, &["--lang", "en", "case", "document", &code, "--number", "x"]));
    assert!(english.contains("numbered 1 to 1"), "{english}");

    assert!(ok(&bakhshyar_in(dir, &["case", "note", &code, "--text", "با متقاضی تماس گرفته شد"])).contains("یادداشت"));
    assert!(refused(&bakhshyar_in(dir, &["case", "note", &code, "--text", "  "])).contains("خالی"));

    let scan = dir.join("اسکن شناسنامه.pdf");
    std::fs::write(&scan, b"%PDF-1.4 scan").unwrap_or_else(|e| panic!("{e}"));
    let scan_arg = scan.to_string_lossy().into_owned();
    assert!(ok(&bakhshyar_in(dir, &["case", "attach", &code, "--file", &scan_arg])).contains("اسکن شناسنامه.pdf"));
    let missing = dir.join("missing.pdf").to_string_lossy().into_owned();
    assert!(refused(&bakhshyar_in(dir, &["case", "attach", &code, "--file", &missing])).contains("missing.pdf"));

    let case = json(&bakhshyar_in(dir, &["case", "show", &code, "--json"]));
    let history = case["history"].as_array().cloned().unwrap_or_default();
    let kinds: Vec<&str> = history.iter().filter_map(|e| e["kind"].as_str()).collect();
    assert_eq!(kinds, ["opened", "document_marked", "document_marked", "note_added", "file_attached"], "{case}");
    assert_eq!(history[3]["note"], "با متقاضی تماس گرفته شد");
    let sha = history[4]["sha256"].as_str().unwrap_or_default();
    let kept = std::fs::read(dir.join("attachments").join(sha)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(kept, b"%PDF-1.4 scan");
    ok(&bakhshyar_in(dir, &["check"]));
}

#[test]
fn import_opens_each_good_line_and_reports_bad_ones_by_number() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = dir.path();
    init(dir);
    let lines = [
        r#"{"service": 1, "national_id": "0012345679", "name": "علي رضايي", "phone": "09121234567"}"#,
        r#"{"service": "1", "national_id": "0012345678", "name": "کد ملی نادرست"}"#,
        "not json",
        "",
        r#"{"service": "99999", "national_id": "0499370899", "name": "زهرا کاظمی"}"#,
        r#"{"service": "31", "national_id": "0499370899", "name": "زهرا کاظمی"}"#,
    ];
    let file = dir.join("cases.jsonl");
    std::fs::write(&file, lines.join("\n")).unwrap_or_else(|e| panic!("{e}"));
    let output = bakhshyar_in(dir, &["case", "import", &file.to_string_lossy()]);
    let errors = refused(&output);
    let codes: Vec<String> = String::from_utf8_lossy(&output.stdout).lines().map(str::to_owned).collect();
    assert_eq!(codes.len(), 2, "{codes:?}");
    for bad in ["سطر ۲", "سطر ۳", "سطر ۵"] {
        assert!(errors.contains(bad), "{bad} in {errors}");
    }
    assert!(!errors.contains("سطر ۴") && !errors.contains("سطر ۶"), "{errors}");
    let found = json(&bakhshyar_in(dir, &["case", "show", &codes[1], "--json"]));
    assert_eq!(found["service_key"].as_str().map(str::is_empty), Some(false));
    assert_eq!(found["applicant"]["name"], "زهرا کاظمی");

    // From stdin, with --json: one object per line.
    let mut child = crate::common::as_governor(&mut std::process::Command::new(env!("CARGO_BIN_EXE_bakhshyar")))
        .args(["--data-dir", &dir.to_string_lossy(), "case", "import", "-", "--json"])
        .env_remove("BAKHSHYAR_LANG")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    if let Some(mut stdin) = child.stdin.take() {
        writeln!(stdin, "{}", lines[0]).unwrap_or_else(|e| panic!("{e}"));
    }
    let output = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    let line = json(&output);
    assert_eq!(line["line"], 1);
    let all = json(&bakhshyar_in(dir, &["case", "search", "--json"]));
    assert_eq!(all["total"], 3);

    // An office's letter opens an internal service's case; half a letter, or a letter beside a
    // national ID, or a date that is no day, is refused by its line.
    let office = [
        r#"{"service": "12012154118", "letter_number": "۱۲۳/ص/۴۵", "letter_date": "۱۴۰۵/۰۹/۰۱", "name": "دفتر امور اتباع"}"#,
        r#"{"service": "12012154118", "letter_number": "۱۲۳/ص/۴۵", "name": "دفتر امور اتباع"}"#,
        r#"{"service": "12012154118", "national_id": "0012345679", "letter_number": "1", "letter_date": "1405/09/01", "name": "دفتر"}"#,
        r#"{"service": "12012154118", "letter_number": "1", "letter_date": "1405/13/01", "name": "دفتر"}"#,
    ];
    std::fs::write(&file, office.join("\n")).unwrap_or_else(|e| panic!("{e}"));
    let output = bakhshyar_in(dir, &["case", "import", &file.to_string_lossy()]);
    let errors = refused(&output);
    let codes: Vec<String> = String::from_utf8_lossy(&output.stdout).lines().map(str::to_owned).collect();
    assert_eq!(codes.len(), 1, "{codes:?} {errors}");
    assert!(errors.contains("سطر ۲") && errors.contains("letter_date") && errors.contains("«1405/13/01»"), "{errors}");
    let shown = json(&bakhshyar_in(dir, &["case", "show", &codes[0], "--json"]));
    assert_eq!(shown["applicant"]["identity"]["type"], "office", "{shown}");
    assert_eq!(shown["step"], "registered", "{shown}");
}

/// The daily log in the data folder (issue 20, item 4): every command that works on the district's
/// data leaves a line there, and a whole session of work on a citizen's case leaves neither the
/// applicant's national ID nor name nor phone in it.
#[test]
fn the_log_file_records_the_session_and_no_citizen_data() {
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = root.path().join("d");
    ok(&init_district(&dir, "1234", "بخش مرکزی"));
    let (id, name, phone) = ("0499370899", "سیمین دانشور", "09127654321");
    let created = ok(&bakhshyar_in(
        &dir,
        &[
            "case",
            "new",
            "--service",
            "36",
            "--applicant-national-id",
            id,
            "--applicant-name",
            name,
            "--applicant-phone",
            phone,
            "--json",
        ],
    ));
    let code =
        serde_json::from_str::<serde_json::Value>(&created).ok().and_then(|v| v["tracking_code"].as_str().map(str::to_owned));
    let code = code.unwrap_or_else(|| panic!("{created}"));
    ok(&bakhshyar_in(&dir, &["case", "show", &code]));
    ok(&bakhshyar_in(&dir, &["case", "search", "--national-id", id]));
    ok(&bakhshyar_in(&dir, &["print-receipt", &code, "--out", &root.path().join("r.pdf").to_string_lossy()]));
    // A refused act with the same citizen's data in its arguments.
    let _ = bakhshyar_in(&dir, &["case", "new", "--service", "999999", "--applicant-national-id", id, "--applicant-name", name]);
    ok(&bakhshyar_in(&dir, &["check"]));
    let logs: Vec<_> = std::fs::read_dir(dir.join("logs")).unwrap_or_else(|e| panic!("{e}")).filter_map(Result::ok).collect();
    assert_eq!(logs.len(), 1, "one file for today");
    let text = std::fs::read_to_string(logs[0].path()).unwrap_or_else(|e| panic!("{e}"));
    assert!(text.matches("started").count() >= 6, "a line a command: {text}");
    for secret in [id, name, phone, "0499370899"] {
        assert!(!text.contains(secret), "{secret} is in the log:\n{text}");
    }
}
