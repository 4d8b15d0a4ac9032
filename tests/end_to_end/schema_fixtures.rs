//! Upgrades: every committed data folder `tests/fixtures/schema-vN` (each written by the command
//! line of a version whose store had schema N; `tests/fixtures/README.md`) opened by this version.
//! Each is migrated once, on a copy; the notice names the copy kept of the file as it was, which is
//! byte for byte the fixture; `check` is clean; every case reads back as that version showed it. A
//! folder added later (schema 9, …) is picked up by its name.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{bakhshyar_in, ok, stderr};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

/// Accounts came with schema 7: a fixture from before has none, and its first administrator is
/// added without a login, as such a store allows once.
const FIRST_WITH_ACCOUNTS: u32 = 7;

/// The files beside a fixture's data that are not the data folder's.
const NOT_DATA: [&str; 3] = ["README.md", "expected.json", "make.sh"];

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON: {e}\n{text}"))
}

/// The fixture folders `schema-vN` (not `schema-v5-wal` and the like: those have tests of their own), by N.
fn fixtures() -> Vec<(u32, PathBuf)> {
    let mut found: Vec<(u32, PathBuf)> = fs::read_dir(FIXTURES)
        .unwrap_or_else(|e| panic!("{FIXTURES}: {e}"))
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let version = name.strip_prefix("schema-v")?.parse().ok()?;
            Some((version, entry.path()))
        })
        .collect();
    found.sort();
    found
}

/// A copy of the fixture's data folder, private to its owner as the program keeps it.
fn copy_of(fixture: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for entry in fs::read_dir(fixture).unwrap_or_else(|e| panic!("{e}")).filter_map(Result::ok) {
        let name = entry.file_name();
        if NOT_DATA.iter().any(|n| name == *n) || !entry.path().is_file() {
            continue;
        }
        let to = dir.path().join(&name);
        fs::copy(entry.path(), &to).unwrap_or_else(|e| panic!("{e}"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&to, fs::Permissions::from_mode(0o600)).unwrap_or_else(|e| panic!("{e}"));
        }
    }
    dir
}

#[test]
fn every_schema_fixture_is_migrated_on_open_keeps_its_copy_and_passes_check() {
    let fixtures = fixtures();
    let versions: Vec<u32> = fixtures.iter().map(|(v, _)| *v).collect();
    let current = bakhshyar::store::SCHEMA_VERSION;
    // Each folder present, from the first schema's on; a later schema's is added beside them.
    assert!(versions.first() == Some(&1) && versions.iter().all(|v| *v <= current), "{versions:?} against schema {current}");
    for (version, fixture) in &fixtures {
        opens_and_checks(*version, fixture, current);
    }
}

fn opens_and_checks(version: u32, fixture: &Path, current: u32) {
    let dir = copy_of(fixture);
    let dir = dir.path();
    let copy = dir.join(format!("bakhshyar.redb.before-migration-v{version}"));
    // The first command to open the store migrates it and says so on standard error.
    let first = if version < FIRST_WITH_ACCOUNTS {
        let first = bakhshyar_in(
            dir,
            &["--lang", "en", "user", "add", "admin", "--role", "administrator", "--new-password-file", &password()],
        );
        add_remaining_accounts(dir);
        first
    } else {
        bakhshyar_in(dir, &["--lang", "en", "case", "search", "--json"])
    };
    ok(&first);
    let said = stderr(&first);
    if version < current {
        assert!(
            said.contains(&format!("(schema {version})")) && said.contains(&copy.display().to_string()),
            "schema {version}: {said}"
        );
        assert!(copy.is_file(), "schema {version}: the copy named is kept");
    } else {
        assert!(!said.contains("schema") && !copy.exists(), "schema {version} is today's: nothing to migrate: {said}");
    }

    let expected = json(&fs::read_to_string(fixture.join("expected.json")).unwrap_or_else(|e| panic!("{e}")));
    let expected = expected.as_array().unwrap_or_else(|| panic!("schema {version}: a list of cases"));
    let checked = json(&ok(&bakhshyar_in(dir, &["check", "--json"])));
    assert_eq!(checked["problems"], Value::Array(Vec::new()), "schema {version}: {checked}");
    assert_eq!(checked["cases"].as_u64(), u64::try_from(expected.len()).ok(), "schema {version}: {checked}");
    for case in expected {
        let code = case["tracking_code"].as_str().unwrap_or_else(|| panic!("code in {case}"));
        let shown = json(&ok(&bakhshyar_in(dir, &["case", "show", code, "--json"])));
        for field in ["tracking_code", "service_key", "status", "step", "opened_at", "path"] {
            assert_eq!(shown[field], case[field], "schema {version}, case {code}, {field}");
        }
        let events = |v: &Value| v["history"].as_array().map(Vec::len);
        assert_eq!(events(&shown), events(case), "schema {version}, case {code}: every event kept");
    }
    // Opened again: nothing more to migrate, nothing said.
    fs::remove_file(&copy).ok();
    let again = bakhshyar_in(dir, &["--lang", "en", "check"]);
    ok(&again);
    assert!(!stderr(&again).contains("schema") && !copy.exists(), "schema {version} migrates once");
}

fn password() -> String {
    crate::common::password_file().to_string_lossy().into_owned()
}

/// The district governor and the clerk, added by the administrator the first command made.
fn add_remaining_accounts(dir: &Path) {
    crate::common::add_accounts(dir, &[(crate::common::GOVERNOR, "district-governor"), (crate::common::CLERK, "clerk")]);
}
