//! Running the real `bakhshyar` binary for the end-to-end tests, with a clean environment.
pub mod hub;

use std::path::Path;
use std::process::{Command, Output};

/// The binary with `args`, its language and data folder taken from the arguments only.
pub fn bakhshyar(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bakhshyar"))
        .args(args)
        .env_remove("BAKHSHYAR_LANG")
        .env_remove("BAKHSHYAR_DATA_DIR")
        .output()
        .unwrap_or_else(|e| panic!("cannot run bakhshyar: {e}"))
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
