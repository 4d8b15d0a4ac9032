//! Running the real `bakhshyar` binary for the end-to-end tests, with a clean environment.
pub mod hub;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The password of every test account (`init_district`).
pub const PASSWORD: &str = "گذرواژه‌ی آزمون 1";

/// The accounts `init_district` makes: an administrator, a district governor and a clerk.
pub const ADMIN: &str = "admin";
pub const GOVERNOR: &str = "governor";
pub const CLERK: &str = "clerk";

/// A file holding `PASSWORD`, private to its owner as the binary insists, made once per run.
pub fn password_file() -> &'static Path {
    static FILE: OnceLock<PathBuf> = OnceLock::new();
    FILE.get_or_init(|| {
        let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("e2e-password-{}", std::process::id()));
        private_file(&path, PASSWORD);
        path
    })
}

/// Writes `text` to `path`, readable by its owner only.
pub fn private_file(path: &Path, text: &str) {
    std::fs::write(path, format!("{text}\n")).unwrap_or_else(|e| panic!("{e}"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).unwrap_or_else(|e| panic!("{e}"));
    }
}

/// The binary with `args`, its language and data folder taken from the arguments only. It logs
/// in as the account the command needs (`account_for`) unless `args` name one with `--user`.
pub fn bakhshyar(args: &[&str]) -> Output {
    let mut command = anonymous(args);
    if !args.contains(&"--user") {
        command.env("BAKHSHYAR_USER", account_for(args));
    }
    command.env("BAKHSHYAR_PASSWORD_FILE", password_file());
    command.output().unwrap_or_else(|e| panic!("cannot run bakhshyar: {e}"))
}

/// `command` logged in as the district governor, for tests that run the binary their own way.
pub fn as_governor(command: &mut Command) -> &mut Command {
    command.env("BAKHSHYAR_USER", GOVERNOR).env("BAKHSHYAR_PASSWORD_FILE", password_file())
}

/// The binary with `args` and no account or password given.
pub fn anonymous(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_bakhshyar"));
    command
        .args(args)
        .env_remove("BAKHSHYAR_LANG")
        .env_remove("BAKHSHYAR_DATA_DIR")
        .env_remove("BAKHSHYAR_USER")
        .env_remove("BAKHSHYAR_PASSWORD_FILE");
    command
}

/// The test account whose role a command needs: the administrator's for backups, restores, sync,
/// the district key, accounts and moving a case to a new catalogue version; the district governor's (who also does
/// all a clerk does) for the rest.
fn account_for(args: &[&str]) -> &'static str {
    let command = args
        .iter()
        .find(|a| ["case", "print", "print-receipt", "verify", "check", "backup", "restore", "sync", "user", "key"].contains(a));
    match command {
        Some(&("backup" | "restore" | "sync" | "user" | "key")) => ADMIN,
        Some(&"case") if args.contains(&"migrate") => ADMIN,
        _ => GOVERNOR,
    }
}

/// `init` of a district in `dir` with the test accounts and the `office.toml` a print's
/// letterhead needs (county and province); the init's output.
pub fn init_district(dir: &Path, code: &str, name: &str) -> Output {
    let created = bakhshyar_in(dir, &["init", "--district-code", code, "--district-name", name, "--admin", ADMIN]);
    if created.status.success() {
        add_accounts(dir, &[(GOVERNOR, "district-governor"), (CLERK, "clerk")]);
        std::fs::write(dir.join("office.toml"), OFFICE_FILE).unwrap_or_else(|e| panic!("{e}"));
    }
    created
}

/// The county and province of every test district's letterhead.
pub const OFFICE_FILE: &str = "county = \"آوج\"\nprovince = \"قزوین\"\n";

/// The test accounts in a store from before accounts: its first administrator is added without a
/// login, as such a store allows once.
pub fn add_test_accounts(dir: &Path) {
    add_accounts(dir, &[(ADMIN, "administrator"), (GOVERNOR, "district-governor"), (CLERK, "clerk")]);
}

/// Adds each (name, role) with the test password, logged in as the administrator.
pub fn add_accounts(dir: &Path, accounts: &[(&str, &str)]) {
    let file = password_file().to_string_lossy().into_owned();
    for (account, role) in accounts {
        ok(&bakhshyar_in(dir, &["user", "add", account, "--role", role, "--new-password-file", &file]));
    }
}

/// The binary working on the data folder `dir`.
pub fn bakhshyar_in(dir: &Path, args: &[&str]) -> Output {
    let dir = dir.to_string_lossy();
    let mut all = vec!["--data-dir", dir.as_ref()];
    all.extend_from_slice(args);
    bakhshyar(&all)
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Stdout of a run that must succeed.
pub fn ok(output: &Output) -> String {
    assert!(output.status.success(), "failed: {}{}", stdout(output), stderr(output));
    stdout(output)
}

/// Stderr of a run that must be refused with exit code 1.
pub fn refused(output: &Output) -> String {
    assert_eq!(output.status.code(), Some(1), "expected a refusal: {}{}", stdout(output), stderr(output));
    stderr(output)
}

/// Opens a case of service 36 (a permit, generic workflow) for `name`; its tracking code.
pub fn open_permit_case(dir: &Path, name: &str) -> String {
    let created = ok(&bakhshyar_in(
        dir,
        &["case", "new", "--service", "36", "--applicant-national-id", "0012345679", "--applicant-name", name, "--json"],
    ));
    let value: serde_json::Value = serde_json::from_str(&created).unwrap_or_else(|e| panic!("{e}"));
    value["tracking_code"].as_str().unwrap_or_else(|| panic!("no tracking code")).to_owned()
}

/// The arguments of `case new` for an internal `service`, asked for on the letter of an office.
pub fn office_request(service: &str) -> Vec<&str> {
    vec![
        "case",
        "new",
        "--service",
        service,
        "--office-letter-number",
        OFFICE_LETTER,
        "--office-letter-date",
        "1405/09/01",
        "--applicant-name",
        "دفتر امور اتباع و مهاجرین خارجی",
    ]
}

/// The letter number `office_request` gives.
pub const OFFICE_LETTER: &str = "۱۲۳/ص/۴۵";

/// Ticks every required document of the case as received.
pub fn receive_all_documents(dir: &Path, code: &str) {
    let shown: serde_json::Value =
        serde_json::from_str(&ok(&bakhshyar_in(dir, &["case", "show", code, "--json"]))).unwrap_or_else(|e| panic!("{e}"));
    let items = shown["checklist"].as_array().map_or(0, Vec::len);
    for number in 1..=items {
        ok(&bakhshyar_in(dir, &["case", "document", code, "--number", &number.to_string()]));
    }
}

/// Walks a case of service 36 to the step that issues its permit, every document received.
pub fn to_issue_step(dir: &Path, code: &str) {
    receive_all_documents(dir, code);
    for (to, decision) in [
        ("document_check", None),
        ("documents_complete", None),
        ("review", Some("بلی")),
        ("approved", None),
        ("issue", Some("موافق")),
    ] {
        let mut args = vec!["case", "advance", code, "--to", to];
        if let Some(decision) = decision {
            args.extend(["--decision", decision]);
        }
        ok(&bakhshyar_in(dir, &args));
    }
}

/// `pdftotext` of `file`, lines without the invisible bidi marks poppler wraps RTL text in.
pub fn text_of(file: &Path) -> Vec<String> {
    let output = Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(file)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext is needed (apt-get install poppler-utils): {e}"));
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let invisible = |c: &char| ('\u{202A}'..='\u{202E}').contains(c) || matches!(c, '\u{200E}' | '\u{200F}');
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| l.chars().filter(|c| !invisible(c)).collect::<String>().trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}
