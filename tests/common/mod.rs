//! Running the real `bakhshyar` binary for the end-to-end tests, with a clean environment.
// Each test file uses a different part of this module.
#![allow(dead_code)]

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
