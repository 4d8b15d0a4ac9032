//! A full disk and a read-only data folder, on the real binary: a clear message, and the database
//! file left whole by redb's own durability, with every case acknowledged before the fault.
//!
//! The full disk is made two ways: a small tmpfs mounted in a private mount namespace (`unshare -m`,
//! root with `CAP_SYS_ADMIN`; the mount never shows outside the test) and a file-size limit (`ulimit -f`
//! with SIGXFSZ ignored, which works for anyone). The read-only folder is a read-only bind mount in a
//! private namespace, or `chattr +i` where mounting is refused, or `chmod` when not running as root
//! (root ignores it). A way this machine does not allow is reported in the output, never skipped silently.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use crate::common;
use crate::common::init_district;
use crate::common::{bakhshyar_in, ok, stderr};

const BIN: &str = env!("CARGO_BIN_EXE_bakhshyar");

fn sh(script: &str, args: &[&str]) -> Output {
    common::as_governor(&mut Command::new("sh"))
        .args(["-c", script, "sh"])
        .args(args)
        .env_remove("BAKHSHYAR_LANG")
        .env_remove("BAKHSHYAR_DATA_DIR")
        .output()
        .unwrap_or_else(|e| panic!("cannot run sh: {e}"))
}

/// Whether a private mount namespace with a tmpfs can be made here.
fn can_mount(probe: &Path) -> bool {
    sh(r#"unshare -m sh -c 'mount -t tmpfs -o size=64k tmpfs "$1"' sh "$1""#, &[&probe.to_string_lossy()]).status.success()
}

fn is_root() -> bool {
    sh("test \"$(id -u)\" = 0", &[]).status.success()
}

/// Cases enough to fill a few megabytes.
fn write_cases(path: &Path, count: usize) {
    let ids = ["0012345679", "0499370899", "1122334451", "2277889903"];
    let lines: Vec<String> = (0..count)
        .map(|n| {
            format!(
                r#"{{"service": "1", "national_id": "{}", "name": "متقاضی شماره {n} با نامی نسبتاً بلند برای پر کردن دیسک"}}"#,
                ids[n % 4]
            )
        })
        .collect();
    fs::write(path, lines.join("\n")).unwrap_or_else(|e| panic!("{e}"));
}

/// The database file after a fault, copied alone into a fresh folder: every acknowledged code is
/// there and `check` is clean. Returns how many cases it holds.
fn assert_intact(file: &Path, acknowledged: &[String]) -> usize {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    fs::copy(file, dir.path().join("bakhshyar.redb")).unwrap_or_else(|e| panic!("{e}"));
    ok(&bakhshyar_in(dir.path(), &["check"]));
    let db = bakhshyar::store::Database::open(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    for code in acknowledged {
        let code = bakhshyar::domain::tracking::TrackingCode::parse(code).unwrap_or_else(|e| panic!("{code}: {e}"));
        db.case(&code).unwrap_or_else(|e| panic!("acknowledged {} lost: {e}", code.as_str()));
    }
    let query = bakhshyar::store::SearchQuery { limit: 1, ..Default::default() };
    db.search(&query).map_or_else(|e| panic!("{e}"), |page| page.total)
}

/// The import ran out of room: exit 1 with the Persian message, after some cases were saved.
fn assert_stopped_for_space(exit: Option<i32>, stdout: &str, message: &str, how: &str) -> Vec<String> {
    assert_eq!(exit, Some(1), "{how}: {message}");
    assert!(message.contains("جای خالی دیسک تمام شده است"), "{how}: {message}");
    let acknowledged: Vec<String> = stdout.lines().map(str::to_owned).collect();
    assert!(!acknowledged.is_empty(), "{how}: some cases fit before the disk was full");
    acknowledged
}

#[test]
fn a_full_tmpfs_stops_the_import_with_a_clear_message_and_keeps_the_file_whole() {
    let work = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let work = work.path();
    let mnt = work.join("mnt");
    fs::create_dir(&mnt).unwrap_or_else(|e| panic!("{e}"));
    if !can_mount(&mnt) {
        println!(
            "full disk on tmpfs NOT TESTED: this machine refuses a private tmpfs mount (needs root with CAP_SYS_ADMIN); the ulimit test still runs"
        );
        return;
    }
    let cases = work.join("cases.jsonl");
    write_cases(&cases, 20_000);
    let script = r#"
        set -u
        mount -t tmpfs -o size=1m tmpfs "$2" || exit 90
        "$1" --data-dir "$2/d" init --district-code 55 --district-name آزمایش --admin admin --password-file "$5" >/dev/null || exit 91
        "$1" --data-dir "$2/d" --user admin --password-file "$5" user add governor --role district-governor --new-password-file "$5" >/dev/null || exit 92
        "$1" --data-dir "$2/d" --user governor --password-file "$5" case import "$3" > "$4/import.out" 2> "$4/import.err"
        echo $? > "$4/import.rc"
        cp "$2/d/bakhshyar.redb" "$4/after.redb"
    "#;
    let password = common::password_file().to_string_lossy().into_owned();
    let args = [BIN, &*mnt.to_string_lossy(), &*cases.to_string_lossy(), &*work.to_string_lossy(), &password];
    let ran = Command::new("unshare")
        .args(["-m", "sh", "-c", script, "sh"])
        .args(args)
        .env_remove("BAKHSHYAR_LANG")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(ran.status.success(), "namespace script: {}", stderr(&ran));
    let read = |name: &str| fs::read_to_string(work.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let exit = read("import.rc").trim().parse().ok();
    let acknowledged = assert_stopped_for_space(exit, &read("import.out"), &read("import.err"), "tmpfs");
    let stored = assert_intact(&work.join("after.redb"), &acknowledged);
    println!(
        "full 1 MiB tmpfs: {} cases acknowledged before the disk was full, {stored} in the file, check clean",
        acknowledged.len()
    );
}

#[test]
fn a_file_size_limit_stops_the_import_with_a_clear_message_and_keeps_the_file_whole() {
    let work = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let work = work.path();
    let data = work.join("d");
    ok(&init_district(&data, "55", "آزمایش"));
    let cases = work.join("cases.jsonl");
    write_cases(&cases, 20_000);
    // 2048 blocks of 512 bytes: 1 MiB per file. SIGXFSZ ignored, so a write past it fails with EFBIG.
    let script = r#"trap '' XFSZ; ulimit -f 2048 && exec "$1" --data-dir "$2" case import "$3""#;
    let output = sh(script, &[BIN, &data.to_string_lossy(), &cases.to_string_lossy()]);
    let out = String::from_utf8_lossy(&output.stdout);
    let acknowledged = assert_stopped_for_space(output.status.code(), &out, &stderr(&output), "ulimit -f");
    let stored = assert_intact(&data.join("bakhshyar.redb"), &acknowledged);
    println!(
        "file size limit 1 MiB: {} cases acknowledged before the limit, {stored} in the file, check clean",
        acknowledged.len()
    );
}

/// Undoes `chattr +i` or `chmod a-w` even when an assertion fails, so the folder can be deleted.
struct Writable<'a>(&'a Path, &'static str);

impl Drop for Writable<'_> {
    fn drop(&mut self) {
        let _ = sh(self.1, &[&self.0.to_string_lossy()]);
    }
}

const NEW_CASE: [&str; 8] =
    ["case", "new", "--service", "1", "--applicant-national-id", "0499370899", "--applicant-name", "زهرا کاظمی"];

#[test]
fn a_read_only_data_folder_is_refused_clearly_and_nothing_changes() {
    let work = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = work.path().join("d");
    ok(&init_district(&data, "55", "آزمایش"));
    ok(&bakhshyar_in(
        &data,
        &["case", "new", "--service", "1", "--applicant-national-id", "0012345679", "--applicant-name", "علی"],
    ));
    let file = data.join("bakhshyar.redb");
    let before = fs::read(&file).unwrap_or_else(|e| panic!("{e}"));
    let probe = work.path().join("probe");
    fs::create_dir(&probe).unwrap_or_else(|e| panic!("{e}"));
    let dir = data.to_string_lossy().into_owned();

    let (how, message) = if can_mount(&probe) {
        let script = r#"mount --bind "$2" "$2" && mount -o remount,bind,ro "$2" || exit 90
            shift 2; exec "$@""#;
        let mut args = vec![BIN, dir.as_str(), BIN, "--data-dir", dir.as_str()];
        args.extend(NEW_CASE);
        let ran =
            Command::new("unshare").args(["-m", "sh", "-c", script, "sh"]).args(&args).env_remove("BAKHSHYAR_LANG").output();
        let ran = ran.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(ran.status.code(), Some(1), "read-only bind mount: {}", stderr(&ran));
        ("a read-only bind mount", stderr(&ran))
    } else if is_root() {
        if !sh(r#"chattr +i "$1""#, &[&file.to_string_lossy()]).status.success() {
            println!(
                "read-only folder NOT TESTED: neither a private read-only mount nor chattr +i works here, and root ignores chmod"
            );
            return;
        }
        let _undo = Writable(&file, r#"chattr -i "$1""#);
        ("chattr +i", common::refused(&bakhshyar_in(&data, &NEW_CASE)))
    } else {
        assert!(sh(r#"chmod a-w "$1" "$1/bakhshyar.redb""#, &[&dir]).status.success());
        let _undo = Writable(&data, r#"chmod u+w "$1" "$1/bakhshyar.redb""#);
        ("chmod a-w", common::refused(&bakhshyar_in(&data, &NEW_CASE)))
    };
    assert!(message.contains("فقط‌خواندنی"), "{how}: {message}");
    assert!(fs::read(&file).is_ok_and(|after| after == before), "{how}: the file is untouched");
    assert_eq!(assert_intact(&file, &[]), 1, "{how}");
    println!("read-only data folder ({how}): refused with «{}», file unchanged", message.trim());
}
