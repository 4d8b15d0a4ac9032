//! The district key kept apart from the data (issue 15, finding 7): neither the database nor a
//! backup holds it; a new PC restores the last backup and takes the key back from the
//! administrator's copy sealed with a passphrase, after which the documents issued before still
//! verify and new ones can be issued. Before, the seed sat in hex in the database and in every
//! backup, and anyone holding a backup could mint genuine-looking codes.

use std::path::Path;

use crate::common::{CLERK, bakhshyar_in, init_district, ok, open_permit_case, private_file, refused, text_of, to_issue_step};

const PASSPHRASE: &str = "کوه دماوند در بهار سپید است";

/// The seed of the district in `dir`, as its key file holds it.
fn seed_in(dir: &Path) -> String {
    let text = std::fs::read_to_string(dir.join("district.key")).unwrap_or_else(|e| panic!("no key file: {e}"));
    let line = text.lines().find(|l| l.starts_with("seed")).unwrap_or_else(|| panic!("no seed in {text}"));
    line.split('"').nth(1).unwrap_or_default().to_owned()
}

fn holds(file: &Path, seed: &str) -> bool {
    let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("{e}"));
    bytes.windows(seed.len()).any(|w| w.eq_ignore_ascii_case(seed.as_bytes()))
}

/// Issues and prints the permit of a new case; the short code printed under its QR code.
fn issue_and_print(dir: &Path) -> String {
    let code = open_permit_case(dir, "زهرا کاظمی");
    to_issue_step(dir, &code);
    ok(&bakhshyar_in(dir, &["case", "issue", &code]));
    let pdf = dir.join("permit.pdf");
    ok(&bakhshyar_in(dir, &["print", &code, "--out", pdf.to_str().unwrap_or_default()]));
    let lines = text_of(&pdf);
    lines.into_iter().find(|l| l.starts_with("21-") && l.len() == 23).unwrap_or_else(|| panic!("no short code printed"))
}

#[test]
fn a_new_pc_restores_the_backup_and_takes_the_key_back_from_its_sealed_copy() {
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (old_pc, new_pc) = (root.path().join("old"), root.path().join("new"));
    ok(&init_district(&old_pc, "21", "بخش"));
    let seed = seed_in(&old_pc);
    assert!(!holds(&old_pc.join("bakhshyar.redb"), &seed), "the database holds the key");
    let issued_before = issue_and_print(&old_pc);

    let passphrase = root.path().join("passphrase");
    private_file(&passphrase, PASSPHRASE);
    let passphrase = passphrase.to_str().unwrap_or_default();
    let copy = root.path().join("district-21.key.age");
    let copy_arg = copy.to_str().unwrap_or_default();
    let clerk =
        refused(&bakhshyar_in(&old_pc, &["key", "export", "--out", copy_arg, "--passphrase-file", passphrase, "--user", CLERK]));
    assert!(clerk.contains("مدیر سامانه"), "{clerk}");
    let short = root.path().join("short");
    private_file(&short, "کوتاه");
    let too_short = refused(&bakhshyar_in(
        &old_pc,
        &["key", "export", "--out", copy_arg, "--passphrase-file", short.to_str().unwrap_or_default()],
    ));
    assert!(too_short.contains("۱۲"), "{too_short}");
    ok(&bakhshyar_in(&old_pc, &["key", "export", "--out", copy_arg, "--passphrase-file", passphrase]));
    assert!(!holds(&copy, &seed), "the sealed copy shows the key");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).map(|m| m.permissions().mode() & 0o777).unwrap_or_default();
        assert_eq!((mode(&copy), mode(&old_pc.join("district.key"))), (0o600, 0o600));
    }
    let backup = root.path().join("last.redb");
    let backup_arg = backup.to_str().unwrap_or_default();
    ok(&bakhshyar_in(&old_pc, &["backup", "--out", backup_arg]));
    assert!(!holds(&backup, &seed), "the backup holds the key");

    // The new PC: the backup brings the data and the accounts, not the key.
    ok(&bakhshyar_in(&new_pc, &["restore", backup_arg]));
    let code = open_permit_case(&new_pc, "مریم احمدی");
    to_issue_step(&new_pc, &code);
    let no_key = refused(&bakhshyar_in(&new_pc, &["case", "issue", &code]));
    assert!(no_key.contains("کلید امضای بخش ۲۱ روی این رایانه نیست") && no_key.contains("key import"), "{no_key}");
    let wrong = root.path().join("wrong");
    private_file(&wrong, "این عبارت عبور درست نیست");
    let refused_wrong =
        refused(&bakhshyar_in(&new_pc, &["key", "import", copy_arg, "--passphrase-file", wrong.to_str().unwrap_or_default()]));
    assert!(refused_wrong.contains("باز نمی‌کند"), "{refused_wrong}");
    let garbage = root.path().join("garbage");
    std::fs::write(&garbage, vec![b'x'; 1 << 20]).unwrap_or_else(|e| panic!("{e}"));
    refused(&bakhshyar_in(&new_pc, &["key", "import", garbage.to_str().unwrap_or_default(), "--passphrase-file", passphrase]));
    assert!(ok(&bakhshyar_in(&new_pc, &["key", "import", copy_arg, "--passphrase-file", passphrase])).contains("۲۱"));
    assert_eq!(seed_in(&new_pc), seed);
    ok(&bakhshyar_in(&new_pc, &["case", "issue", &code]));
    let genuine = ok(&bakhshyar_in(&new_pc, &["verify", &issued_before]));
    assert!(genuine.contains("معتبر"), "a document issued on the old PC verifies on the new: {genuine}");
    let log = ok(&bakhshyar_in(&new_pc, &["--lang", "en", "user", "log"]));
    assert!(log.contains("District key taken back from its sealed copy"), "{log}");

    // Another district's copy is refused, and nothing of this PC's key changes.
    let other = root.path().join("other");
    ok(&init_district(&other, "22", "بخش دیگر"));
    let other_copy = root.path().join("district-22.key.age");
    ok(&bakhshyar_in(
        &other,
        &["key", "export", "--out", other_copy.to_str().unwrap_or_default(), "--passphrase-file", passphrase],
    ));
    let foreign = refused(&bakhshyar_in(
        &new_pc,
        &["key", "import", other_copy.to_str().unwrap_or_default(), "--passphrase-file", passphrase],
    ));
    assert!(foreign.contains("۲۲"), "{foreign}");
    assert_eq!(seed_in(&new_pc), seed);
}
