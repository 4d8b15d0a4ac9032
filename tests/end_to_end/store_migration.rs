//! The schema-1 fixture (made by the first version's own CLI) opened by this version: migrated once,
//! on a copy, with every case as the first version showed it.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::common::{bakhshyar_in, ok};

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

    let checked = json(&ok(&bakhshyar_in(dir, &["check", "--json"])));
    assert_eq!(checked["problems"], Value::Array(Vec::new()), "{checked}");
    assert_eq!((checked["cases"].as_u64(), checked["events"].as_u64()), (Some(5), Some(19)));
    // Schema 5 turned the 19 copies in the outbox into references to those events, none lost.
    assert_eq!(checked["outbox"].as_u64(), Some(19));
    // The copy kept before migrating is still a schema-1 file: opened in its own folder, it migrates too.
    let again = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    fs::copy(&copy, again.path().join("bakhshyar.redb")).unwrap_or_else(|e| panic!("{e}"));
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
    let found = json(&ok(&bakhshyar_in(dir.path(), &["case", "search", "--name", "رضا", "--json"])));
    assert_eq!(found["total"], 2, "{found}");
    assert!(dir.path().join("bakhshyar.redb.before-migration-v1").is_file());
    ok(&bakhshyar_in(dir.path(), &["check"]));
}
