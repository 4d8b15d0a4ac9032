//! Accounts on the command line: nobody acts but as the account logged in, each role only what the
//! domain lets it, every login recorded and throttled, and the recovery sheet as the way back in.

use std::path::Path;

use serde_json::Value;

use crate::common::{
    ADMIN, CLERK, GOVERNOR, anonymous, bakhshyar_in, init_district, ok, open_permit_case, password_file, private_file, refused,
    stdout, to_issue_step,
};

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

fn district() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    ok(&init_district(dir.path(), "1234", "بخش مرکزی"));
    dir
}

/// The office's acts as `user log --json` lists them: (kind, account, subject).
fn acts(dir: &Path) -> Vec<(String, String, String)> {
    let listed = json(&ok(&bakhshyar_in(dir, &["user", "log", "--json"])));
    let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
    listed
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|a| (text(&a["kind"]), text(&a["account"]), text(&a["subject"])))
        .collect()
}

#[test]
fn a_clerk_is_refused_issue_revoke_and_duplicate_with_who_may() {
    let dir = district();
    let dir = dir.path();
    let code = open_permit_case(dir, "علی رضایی");
    to_issue_step(dir, &code);
    let issue = refused(&bakhshyar_in(dir, &["case", "issue", &code, "--user", CLERK]));
    assert!(issue.contains("«صدور مدرک» کار بخشدار است؛ کارشناس اجازه‌ی آن را ندارد."), "{issue}");
    ok(&bakhshyar_in(dir, &["case", "issue", &code]));
    let pdf = dir.join("permit.pdf").to_string_lossy().into_owned();
    // The original is a clerk's to print; a duplicate is the governor's.
    ok(&bakhshyar_in(dir, &["print", &code, "--out", &pdf, "--user", CLERK]));
    let duplicate = refused(&bakhshyar_in(dir, &["print", &code, "--out", &pdf, "--duplicate", "--user", CLERK]));
    assert!(duplicate.contains("«چاپ المثنی» کار بخشدار است"), "{duplicate}");
    let revoke = refused(&bakhshyar_in(dir, &["case", "revoke", &code, "--reason", "اشتباه", "--user", CLERK]));
    assert!(revoke.contains("«ابطال مدرک» کار بخشدار است"), "{revoke}");
    // The administrator administers and reads, but works no case.
    let open = refused(&bakhshyar_in(
        dir,
        &["case", "new", "--service", "36", "--applicant-national-id", "0012345679", "--applicant-name", "x", "--user", ADMIN],
    ));
    assert!(open.contains("«ثبت پرونده» کار کارشناس، بخشدار است؛ مدیر سامانه اجازه‌ی آن را ندارد."), "{open}");
    // A clerk neither manages accounts nor backs up.
    let add = refused(&bakhshyar_in(dir, &["user", "list", "--user", CLERK]));
    assert!(add.contains("«مدیریت حساب‌ها» کار مدیر سامانه است"), "{add}");
    let backup = dir.join("b.redb").to_string_lossy().into_owned();
    assert!(refused(&bakhshyar_in(dir, &["backup", "--out", &backup, "--user", GOVERNOR])).contains("پشتیبان‌گیری"));
    let shown = json(&ok(&bakhshyar_in(dir, &["case", "show", &code, "--json"])));
    assert_eq!(shown["documents"][0]["revoked"], Value::Null, "nothing was revoked");
}

#[test]
fn nobody_acts_without_an_account_and_a_private_password_file() {
    let dir = district();
    let dir = dir.path();
    let data = dir.to_string_lossy().into_owned();
    let search = ["--data-dir", data.as_str(), "case", "search"];
    let output = anonymous(&search).output().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--user"));
    // Without a password file and with no terminal to ask at, it says how to give one.
    let output = anonymous(&[&search[..], &["--user", GOVERNOR]].concat()).output().unwrap_or_else(|e| panic!("{e}"));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--password-file"), "{output:?}");
    let unknown = refused(&bakhshyar_in(dir, &["case", "search", "--user", "کسی دیگر"]));
    assert!(unknown.contains("حسابی به نام «کسی دیگر» نیست"), "{unknown}");
    // A password file others can read is refused before it is read.
    let open = dir.join("open-password");
    private_file(&open, crate::common::PASSWORD);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o644)).unwrap_or_else(|e| panic!("{e}"));
        let file = open.to_string_lossy().into_owned();
        let refusal = refused(&bakhshyar_in(dir, &["case", "search", "--password-file", &file]));
        assert!(refusal.contains("chmod 600"), "{refusal}");
    }
    // A disabled account cannot log in; its past stays, and the last administrator stays active.
    ok(&bakhshyar_in(dir, &["user", "disable", CLERK]));
    let disabled = refused(&bakhshyar_in(dir, &["case", "search", "--user", CLERK]));
    assert!(disabled.contains("غیرفعال"), "{disabled}");
    let last = refused(&bakhshyar_in(dir, &["user", "disable", ADMIN]));
    assert!(last.contains("تنها مدیر سامانه"), "{last}");
    let listed = json(&ok(&bakhshyar_in(dir, &["user", "list", "--json"])));
    let clerk = listed.as_array().and_then(|a| a.iter().find(|u| u["name"] == CLERK).cloned()).unwrap_or_default();
    assert_eq!(clerk["active"], false, "{listed}");
    // Hostile account names are refused at the edge, and nothing is stored.
    let file = password_file().to_string_lossy().into_owned();
    for hostile in ["Ali \u{202E}x", "x\u{1B}]0;t\u{7}", "\u{200C}\u{200C}"] {
        refused(&bakhshyar_in(dir, &["user", "add", hostile, "--role", "clerk", "--new-password-file", &file]));
    }
    assert_eq!(json(&ok(&bakhshyar_in(dir, &["user", "list", "--json"]))).as_array().map(Vec::len), Some(3));
}

#[test]
fn five_wrong_passwords_then_each_try_waits_and_every_try_is_recorded() {
    let dir = district();
    let dir = dir.path();
    let wrong = dir.join("wrong");
    private_file(&wrong, "not the password");
    let wrong = wrong.to_string_lossy().into_owned();
    for _ in 0..5 {
        let refusal = refused(&bakhshyar_in(dir, &["case", "search", "--user", CLERK, "--password-file", &wrong]));
        assert!(refusal.contains("گذرواژه درست نیست"), "{refusal}");
    }
    // The sixth waits, even with the right password: guessing costs time.
    let waiting = refused(&bakhshyar_in(dir, &["case", "search", "--user", CLERK]));
    assert!(waiting.contains("ثانیه‌ی دیگر"), "{waiting}");
    // Another account is not held up.
    ok(&bakhshyar_in(dir, &["case", "search"]));
    let recorded = acts(dir);
    let of_clerk = |kind: &str| recorded.iter().filter(|(k, a, _)| k == kind && a == CLERK).count();
    assert_eq!((of_clerk("login_failed"), of_clerk("login_throttled")), (5, 1), "{recorded:?}");
    assert!(recorded.iter().any(|(k, a, _)| k == "logged_in" && a == GOVERNOR));
    // The administrator's new password forgives the failures.
    let file = password_file().to_string_lossy().into_owned();
    ok(&bakhshyar_in(dir, &["user", "reset-password", CLERK, "--new-password-file", &file]));
    ok(&bakhshyar_in(dir, &["case", "search", "--user", CLERK]));
}

#[test]
fn the_recovery_sheet_gives_the_administrator_back_and_is_used_up() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = dir.path().join("data");
    let sheet = dir.path().join("sheet.pdf");
    let made = ok(&bakhshyar_in(
        &data,
        &[
            "init",
            "--district-code",
            "1234",
            "--district-name",
            "بخش مرکزی",
            "--admin",
            ADMIN,
            "--recovery-sheet",
            &sheet.to_string_lossy(),
        ],
    ));
    let code = recovery_code(&made);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let permissions = std::fs::metadata(&sheet).map(|m| m.permissions().mode() & 0o777).unwrap_or_default();
        assert_eq!(permissions, 0o600, "the sheet is the administrator's alone");
    }
    let text = std::process::Command::new("pdftotext").args([&*sheet.to_string_lossy(), "-"]).output();
    let text = text.unwrap_or_else(|e| panic!("pdftotext (poppler-utils) is needed: {e}"));
    let text = String::from_utf8_lossy(&text.stdout).into_owned();
    assert!(text.contains(&code) && text.contains("برگه بازیابی گذرواژه مدیر سامانه"), "{text}");
    // The administrator's password is forgotten: a wrong code is refused (and recorded), the
    // printed one sets a new password and is used up.
    let new_password = dir.path().join("new");
    private_file(&new_password, "گذرواژه‌ی تازه‌ی مدیر");
    let new_file = new_password.to_string_lossy().into_owned();
    let recover = |code: &str| {
        let code_file = dir.path().join("code");
        private_file(&code_file, code);
        bakhshyar_in(
            &data,
            &[
                "recover",
                "--admin",
                ADMIN,
                "--recovery-code-file",
                &code_file.to_string_lossy(),
                "--new-password-file",
                &new_file,
            ],
        )
    };
    assert!(refused(&recover("AAAA-BBBB-CCCC-DDDD-EEEE")).contains("کد بازیابی درست نیست"));
    // Typed by hand: small letters, spaces for dashes.
    let renewed = ok(&recover(&code.to_lowercase().replace('-', " ")));
    let next = recovery_code(&renewed);
    assert_ne!(next, code);
    assert!(refused(&recover(&code)).contains("کد بازیابی درست نیست"), "the old code is used up");
    ok(&bakhshyar_in(&data, &["user", "list", "--password-file", &new_file]));
    assert!(refused(&bakhshyar_in(&data, &["user", "list"])).contains("گذرواژه درست نیست"), "the old password is gone");
}

/// The code in `recover`'s or `init`'s output: five groups of four letters.
fn recovery_code(output: &str) -> String {
    output
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .find(|word| word.len() == 24 && word.matches('-').count() == 4)
        .unwrap_or_else(|| panic!("no recovery code in {output}"))
        .to_owned()
}

#[test]
fn a_restored_backup_keeps_todays_accounts_and_records_the_restore() {
    let dir = district();
    let dir = dir.path();
    let backup = dir.join("before.redb").to_string_lossy().into_owned();
    ok(&bakhshyar_in(dir, &["backup", "--out", &backup]));
    // After the backup the clerk's password changes; the restored old copy must not bring it back.
    let changed = dir.join("changed");
    private_file(&changed, "گذرواژه‌ی دوم کارشناس");
    let changed = changed.to_string_lossy().into_owned();
    ok(&bakhshyar_in(dir, &["user", "reset-password", CLERK, "--new-password-file", &changed]));
    ok(&bakhshyar_in(dir, &["restore", &backup]));
    ok(&bakhshyar_in(dir, &["case", "search", "--user", CLERK, "--password-file", &changed]));
    assert!(refused(&bakhshyar_in(dir, &["case", "search", "--user", CLERK])).contains("گذرواژه درست نیست"));
    let recorded = acts(dir);
    assert!(recorded.iter().any(|(k, a, s)| k == "restored" && a == ADMIN && s.ends_with("before.redb")), "{recorded:?}");
    ok(&bakhshyar_in(dir, &["check"]));
    let listing = stdout(&bakhshyar_in(dir, &["user", "log"]));
    assert!(listing.contains("بازگردانی پشتیبان"), "{listing}");
}
