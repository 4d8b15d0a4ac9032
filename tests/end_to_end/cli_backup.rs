//! Check, backup and restore driven through the real `bakhshyar` binary with a temporary data folder.

use std::path::Path;

use serde_json::Value;

use crate::common::init_district;
use crate::common::{bakhshyar_in, ok, refused};

fn new_case(dir: &Path, name: &str) -> String {
    let printed = ok(&bakhshyar_in(
        dir,
        &["case", "new", "--service", "1", "--applicant-national-id", "0012345679", "--applicant-name", name, "--json"],
    ));
    let case: Value = serde_json::from_str(&printed).unwrap_or_else(|e| panic!("not JSON: {e}"));
    case["tracking_code"].as_str().unwrap_or_else(|| panic!("tracking code in {case}")).to_owned()
}

fn file_names(dir: &Path) -> Vec<String> {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{e}"));
    entries.filter_map(Result::ok).filter_map(|e| e.file_name().into_string().ok()).collect()
}

#[test]
fn backup_then_restore_drops_later_cases_and_keeps_the_old_file() {
    let temp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = temp.path().join("data");
    let backup = temp.path().join("copy.redb");
    let backup_arg = backup.to_string_lossy().into_owned();
    ok(&init_district(&dir, "123", "بخش مرکزی"));
    let first = new_case(&dir, "علی رضایی");
    assert!(ok(&bakhshyar_in(&dir, &["--lang", "en", "backup", "--out", &backup_arg])).contains("Backup written"));
    let second = new_case(&dir, "مریم احمدی");

    let printed = ok(&bakhshyar_in(&dir, &["--lang", "en", "restore", &backup_arg]));
    assert!(printed.contains("previous database was kept"), "{printed}");
    assert!(file_names(&dir).iter().any(|n| n.starts_with("bakhshyar.redb.before-restore-")), "{:?}", file_names(&dir));
    ok(&bakhshyar_in(&dir, &["case", "show", &first]));
    refused(&bakhshyar_in(&dir, &["case", "show", &second]));
    assert!(ok(&bakhshyar_in(&dir, &["check"])).contains("پایگاه داده سالم است"));
    let report: Value =
        serde_json::from_str(&ok(&bakhshyar_in(&dir, &["check", "--json"]))).unwrap_or_else(|e| panic!("not JSON: {e}"));
    assert_eq!(report["problems"], Value::Array(vec![]));
    assert_eq!(report["cases"], 1);
    // The case commands wrote today's automatic backup.
    assert_eq!(file_names(&dir.join("backups")).len(), 1);
}

#[test]
fn wrong_arguments_are_refused_with_a_message() {
    let temp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = temp.path().join("data");
    ok(&init_district(&dir, "123", "بخش مرکزی"));
    let missing = temp.path().join("missing.redb").to_string_lossy().into_owned();
    assert!(refused(&bakhshyar_in(&dir, &["--lang", "en", "restore", &missing])).contains("There is no backup file"));
    let existing = temp.path().join("existing.redb");
    std::fs::write(&existing, "keep me").unwrap_or_else(|e| panic!("{e}"));
    let existing_arg = existing.to_string_lossy().into_owned();
    assert!(refused(&bakhshyar_in(&dir, &["--lang", "en", "backup", "--out", &existing_arg])).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&existing).unwrap_or_default(), "keep me");
    let message = refused(&bakhshyar_in(&dir, &["--lang", "en", "restore", &existing_arg]));
    assert!(message.contains("not a Bakhshyar database"), "{message}");
    let empty = temp.path().join("empty");
    assert!(refused(&bakhshyar_in(&empty, &["--lang", "en", "check"])).contains("There is no database"));
}

/// Restore-then-work (issue 15, finding 2): a case opened after the backup, then the backup
/// restored, then new work: the new case gets a code the replaced database never gave. A backup of
/// another district is refused over this one's database unless `--as-district` names it.
#[test]
fn after_a_restore_no_tracking_code_is_given_twice_and_another_districts_backup_needs_its_code() {
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = root.path().join("d");
    ok(&init_district(&dir, "1234", "بخش مرکزی"));
    crate::common::open_permit_case(&dir, "علی رضایی");
    let backup = root.path().join("old.redb");
    ok(&bakhshyar_in(&dir, &["backup", "--out", &backup.to_string_lossy()]));
    let after_backup = crate::common::open_permit_case(&dir, "مریم احمدی");
    ok(&bakhshyar_in(&dir, &["restore", &backup.to_string_lossy()]));
    let after_restore = crate::common::open_permit_case(&dir, "زهرا کاظمی");
    assert_ne!(after_restore, after_backup, "a tracking code given before the restore was given again");

    let other = root.path().join("other");
    ok(&init_district(&other, "5678", "بخش دیگر"));
    let theirs = root.path().join("theirs.redb");
    ok(&bakhshyar_in(&other, &["backup", "--out", &theirs.to_string_lossy()]));
    let message = refused(&bakhshyar_in(&dir, &["restore", &theirs.to_string_lossy()]));
    assert!(message.contains("5678") && message.contains("--as-district"), "{message}");
    let shown = ok(&bakhshyar_in(&dir, &["case", "show", &after_restore]));
    assert!(shown.contains("زهرا کاظمی"), "the database was left as it was");
    let restored = ok(&bakhshyar_in(&dir, &["restore", &theirs.to_string_lossy(), "--as-district", "5678"]));
    // This computer now works as district 5678: its database, and none of 1234's cases. The
    // backup brought no key: 5678's comes from its sealed copy, and 1234's is kept beside.
    assert!(restored.contains("key import"), "the restore says the key is still needed: {restored}");
    assert!(refused(&bakhshyar_in(&dir, &["sync", "identity"])).contains("۵۶۷۸"));
    let passphrase = root.path().join("passphrase");
    crate::common::private_file(&passphrase, "کلید بخش دیگر را نگه دار");
    let (copy, passphrase) = (root.path().join("5678.key.age").to_string_lossy().into_owned(), passphrase.to_string_lossy());
    ok(&bakhshyar_in(&other, &["key", "export", "--out", &copy, "--passphrase-file", &passphrase]));
    ok(&bakhshyar_in(&dir, &["key", "import", &copy, "--passphrase-file", &passphrase]));
    assert!(dir.join("district.key.1234").is_file(), "district 1234's key is kept");
    let identity = ok(&bakhshyar_in(&dir, &["sync", "identity"]));
    assert!(identity.contains("5678") || identity.contains("۵۶۷۸"), "{identity}");
    refused(&bakhshyar_in(&dir, &["case", "show", &after_restore]));
}
