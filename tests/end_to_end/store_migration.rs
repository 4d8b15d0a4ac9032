//! The schema-1 fixture (made by the first version's own CLI) opened by this version: migrated once,
//! on a copy, with every case as the first version showed it.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::common::init_district;
use crate::common::{ADMIN, GOVERNOR, add_accounts, add_test_accounts, bakhshyar_in, ok, password_file};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schema-v1");

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON: {e}\n{text}"))
}

fn fixture_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    fs::copy(Path::new(FIXTURE).join("bakhshyar.redb"), dir.path().join("bakhshyar.redb")).unwrap_or_else(|e| panic!("{e}"));
    dir
}

#[test]
fn the_schema_1_fixture_migrates_once_and_every_case_reads_back_as_before() {
    let original = fs::read(Path::new(FIXTURE).join("bakhshyar.redb")).unwrap_or_else(|e| panic!("{e}"));
    let expected = json(&fs::read_to_string(Path::new(FIXTURE).join("expected.json")).unwrap_or_else(|e| panic!("{e}")));
    let expected = expected.as_array().unwrap_or_else(|| panic!("a list of cases"));
    assert_eq!(expected.len(), 5);
    let dir = fixture_copy();
    let dir = dir.path();
    let copy = dir.join("bakhshyar.redb.before-migration-v1");
    add_test_accounts(dir);

    let checked = json(&ok(&bakhshyar_in(dir, &["check", "--json"])));
    assert_eq!(checked["problems"], Value::Array(Vec::new()), "{checked}");
    assert_eq!((checked["cases"].as_u64(), checked["events"].as_u64()), (Some(5), Some(19)));
    // Schema 5 turned the 19 copies in the outbox into references to those events, none lost.
    assert_eq!(checked["outbox"].as_u64(), Some(19));
    // The copy kept before migrating is still a schema-1 file: opened in its own folder, it migrates too.
    let again = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    fs::copy(&copy, again.path().join("bakhshyar.redb")).unwrap_or_else(|e| panic!("{e}"));
    add_test_accounts(again.path());
    ok(&bakhshyar_in(again.path(), &["check"]));
    assert!(again.path().join("bakhshyar.redb.before-migration-v1").is_file());

    for case in expected {
        let code = case["tracking_code"].as_str().unwrap_or_else(|| panic!("code in {case}"));
        let shown = json(&ok(&bakhshyar_in(dir, &["case", "show", code, "--json"])));
        // Every field schema 1 showed reads back the same; later versions may show more (issued documents).
        let fields = case.as_object().unwrap_or_else(|| panic!("an object: {case}"));
        for (field, value) in fields {
            assert_eq!(&shown[field], value, "case {code}, field {field}, reads back as schema 1 showed it");
        }
    }
    // The office index was built for the cases already there: only the case at a county-office step.
    let county = json(&ok(&bakhshyar_in(dir, &["case", "search", "--office", "county_office", "--json"])));
    assert_eq!(county["total"], 1);
    assert_eq!(county["cases"][0]["step"], "t5");

    fs::remove_file(&copy).unwrap_or_else(|e| panic!("{e}"));
    ok(&bakhshyar_in(dir, &["case", "search"]));
    assert!(!copy.exists(), "a second open does not migrate again");
    let unchanged = fs::read(Path::new(FIXTURE).join("bakhshyar.redb")).unwrap_or_else(|e| panic!("{e}"));
    assert!(unchanged == original, "the committed fixture is never opened in place");
}

#[test]
fn a_schema_1_backup_restores_and_is_migrated_when_next_opened() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let fixture = Path::new(FIXTURE).join("bakhshyar.redb");
    ok(&bakhshyar_in(dir.path(), &["restore", &fixture.to_string_lossy()]));
    add_test_accounts(dir.path());
    let found = json(&ok(&bakhshyar_in(dir.path(), &["case", "search", "--name", "رضا", "--json"])));
    assert_eq!(found["total"], 2, "{found}");
    assert!(dir.path().join("bakhshyar.redb.before-migration-v1").is_file());
    ok(&bakhshyar_in(dir.path(), &["check"]));
}

const WAL_FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schema-v5-wal");

/// A folder the last version with its own write-ahead log left after a kill -9: five acknowledged
/// cases only in `bakhshyar.redb-wal`. The first open replays them into the database once, says so,
/// deletes the log, and every case reads back; the database file alone is then whole.
#[test]
fn an_older_versions_write_ahead_log_is_replayed_once_and_removed_with_nothing_lost() {
    let fixture = Path::new(WAL_FIXTURE);
    let expected = json(&fs::read_to_string(fixture.join("expected.json")).unwrap_or_else(|e| panic!("{e}")));
    let expected = expected.as_array().unwrap_or_else(|| panic!("a list of cases"));
    assert_eq!(expected.len(), 5);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = dir.path();
    for name in ["bakhshyar.redb", "bakhshyar.redb-wal"] {
        fs::copy(fixture.join(name), dir.join(name)).unwrap_or_else(|e| panic!("{e}"));
    }

    // The first command to open the store (here the first administrator's) replays the log.
    let file = password_file().to_string_lossy().into_owned();
    let first =
        bakhshyar_in(dir, &["--lang", "en", "user", "add", ADMIN, "--role", "administrator", "--new-password-file", &file]);
    ok(&first);
    add_accounts(dir, &[(GOVERNOR, "district-governor")]);
    let checked = bakhshyar_in(dir, &["check", "--json", "--lang", "en"]);
    let report = json(&ok(&checked));
    assert_eq!((report["cases"].as_u64(), report["problems"].as_array().map(Vec::len)), (Some(5), Some(0)), "{report}");
    let notice = crate::common::stderr(&first);
    assert!(notice.contains("8 commits") && notice.contains("Nothing was lost"), "the administrator is told: {notice}");
    assert!(!dir.join("bakhshyar.redb-wal").exists(), "the log is deleted once replayed");

    // The database file alone now holds every case: copied on its own, as office backup software would.
    let alone = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    fs::copy(dir.join("bakhshyar.redb"), alone.path().join("bakhshyar.redb")).unwrap_or_else(|e| panic!("{e}"));
    for case in expected {
        let code = case["tracking_code"].as_str().unwrap_or_else(|| panic!("code in {case}"));
        let shown = json(&ok(&bakhshyar_in(alone.path(), &["case", "show", code, "--json"])));
        assert_eq!(shown["applicant"]["name"], case["name"], "case {code}");
        assert_eq!(shown["applicant"]["identity"]["national_id"], case["national_id"], "case {code}");
    }
    // A second open finds no log and says nothing.
    let again = bakhshyar_in(dir, &["check", "--lang", "en"]);
    ok(&again);
    assert!(!crate::common::stderr(&again).contains("bakhshyar.redb-wal"));
}

/// `init` in a folder where an older version's log was left (its database deleted by hand) removes
/// the log: it must never be replayed onto the new, unrelated database.
#[test]
fn init_removes_a_stale_log_so_it_is_never_replayed_onto_the_new_database() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = dir.path();
    fs::copy(Path::new(WAL_FIXTURE).join("bakhshyar.redb-wal"), dir.join("bakhshyar.redb-wal")).unwrap_or_else(|e| panic!("{e}"));
    ok(&init_district(dir, "1234", "بخش مرکزی"));
    assert!(!dir.join("bakhshyar.redb-wal").exists());
    let report = json(&ok(&bakhshyar_in(dir, &["check", "--json"])));
    assert_eq!((report["cases"].as_u64(), report["problems"].as_array().map(Vec::len)), (Some(0), Some(0)), "{report}");
}

/// A data folder of schema 5 with the window's `user.toml`: the first command migrates the store,
/// keeps every case, and turns the user into an account that sets its password first (no current
/// one asked); the store then takes its first administrator, and `check` is clean.
#[test]
fn a_schema_5_folder_keeps_every_case_and_its_user_becomes_an_account() {
    let fixture = Path::new(WAL_FIXTURE);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = dir.path();
    for name in ["bakhshyar.redb", "bakhshyar.redb-wal"] {
        fs::copy(fixture.join(name), dir.join(name)).unwrap_or_else(|e| panic!("{e}"));
    }
    fs::write(dir.join("user.toml"), "user_id = \"user-1\"\nname = \"زهرا کریمی\"\nrole = \"clerk\"\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let file = password_file().to_string_lossy().into_owned();
    let first = bakhshyar_in(dir, &["user", "password", "--user", "زهرا کریمی", "--new-password-file", &file]);
    let said = crate::common::stderr(&first);
    ok(&first);
    assert!(said.contains("«زهرا کریمی»") && said.contains("گذرواژه"), "{said}");
    assert!(!dir.join("user.toml").exists(), "the file is gone once the account is stored");
    let found = json(&ok(&bakhshyar_in(dir, &["case", "search", "--user", "زهرا کریمی", "--json"])));
    assert_eq!(found["total"], 5, "{found}");
    ok(&bakhshyar_in(dir, &["user", "add", ADMIN, "--role", "administrator", "--new-password-file", &file]));
    let listed = json(&ok(&bakhshyar_in(dir, &["user", "list", "--json"])));
    let clerk = listed.as_array().and_then(|a| a.iter().find(|u| u["name"] == "زهرا کریمی").cloned()).unwrap_or_default();
    assert_eq!((clerk["role"].as_str(), clerk["has_password"].as_bool()), (Some("clerk"), Some(true)), "{listed}");
    let checked = json(&ok(&bakhshyar_in(dir, &["check", "--json", "--user", ADMIN])));
    assert_eq!(checked["problems"], Value::Array(Vec::new()), "{checked}");
}
