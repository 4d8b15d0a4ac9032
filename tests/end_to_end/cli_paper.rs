//! End to end: `print --printer` and `print-receipt --printer` send the real PDF to a real CUPS
//! server whose queue is a virtual PDF printer: the "Generic PDF Printer" of Debian's
//! cups-filters, its output written by CUPS's `file:` backend. CUPS filters the job as it would
//! for a real printer that takes PDF (`pdftopdf`), and `pdftotext` of what it wrote must read as
//! the document itself. (cups-pdf, the other virtual printer, goes through PostScript and loses
//! the text of an embedded font's shaped glyphs, so nothing of it could be compared.)
//!
//! The queue is the one `BAKHSHYAR_TEST_PRINTER` names (`.ci/run` starts cupsd, adds the queue
//! and sets it, so there the test cannot be skipped), else a queue `BakhshyarPDF` if `lpstat -v`
//! lists one; with neither the test says it was skipped. The refusals (a name that could pass for
//! an option or a shell command, no spooler, a spooler that does not answer) need no printer.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::common::{bakhshyar_in, init_district, ok, open_permit_case, refused, text_of, to_issue_step};

/// Names the queue the test must print on; set, a missing CUPS or queue fails the test.
const PRINTER_VARIABLE: &str = "BAKHSHYAR_TEST_PRINTER";
/// The queue `.ci/run` and docs/printing.md set up.
const TEST_QUEUE: &str = "BakhshyarPDF";

/// A district with one case standing at its issuing step, its permit issued; its tracking code.
fn issued_case(dir: &Path) -> String {
    ok(&init_district(dir, "12", "آبگرم"));
    let code = open_permit_case(dir, "علی‌رضا محمدی (Ali)");
    to_issue_step(dir, &code);
    ok(&bakhshyar_in(dir, &["case", "issue", &code, "--conditions", "شماره ۱۲۳۴"]));
    code
}

/// The queue to print on and the file its `file:` device writes, or `None` (the skip said) when
/// this machine has none and none is required.
fn test_queue() -> Option<(String, PathBuf)> {
    let required = std::env::var(PRINTER_VARIABLE).ok();
    let queue = required.clone().unwrap_or_else(|| TEST_QUEUE.to_owned());
    let listed = Command::new("lpstat").arg("-v").env("LC_ALL", "C").output().ok().filter(|o| o.status.success());
    let device = listed.and_then(|o| {
        String::from_utf8_lossy(&o.stdout).lines().find_map(|line| {
            let (name, device) = line.strip_prefix("device for ")?.split_once(": ")?;
            // `lpstat` shows `file:///x` as `///x`.
            let path = device.strip_prefix("file:").unwrap_or(device).trim_start_matches('/');
            (name == queue && (device.starts_with('/') || device.starts_with("file:"))).then(|| PathBuf::from(format!("/{path}")))
        })
    });
    match (device, required) {
        (Some(file), _) => Some((queue, file)),
        (None, Some(_)) => panic!("{PRINTER_VARIABLE}={queue}, but lpstat -v lists no such queue with a file: device"),
        (None, None) => {
            eprintln!("skipped: no CUPS queue {TEST_QUEUE} here and {PRINTER_VARIABLE} is not set, so nothing went to a printer");
            None
        }
    }
}

/// Runs `send` and waits until the queue has printed everything into `file`, whole (it reads
/// back with `pdftotext`); the file is removed first, so what is read is this job's.
fn printed_by_cups(queue: &str, file: &Path, send: impl FnOnce() -> String) -> (String, Vec<String>) {
    let _ = std::fs::remove_file(file);
    let said = send();
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        let pending = Command::new("lpstat").args(["-o", queue]).output().map(|o| o.stdout).unwrap_or_default();
        let whole = Command::new("pdftotext").arg(file).arg("/dev/null").output().is_ok_and(|o| o.status.success());
        if pending.is_empty() && whole {
            return (said, text_of(file));
        }
        assert!(Instant::now() < deadline, "{queue} wrote nothing to {} for: {said}", file.display());
        std::thread::sleep(Duration::from_millis(300));
    }
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[test]
fn a_document_and_a_receipt_sent_to_cups_read_as_the_documents() {
    let Some((queue, device)) = test_queue() else { return };
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = dir.path();
    let code = issued_case(data);

    let (sent, on_paper) =
        printed_by_cups(&queue, &device, || ok(&bakhshyar_in(data, &["print", &code, "--printer", &queue, "--json"])));
    let sent = json(&sent);
    assert_eq!((sent["printer"].as_str(), sent["copy"].as_u64()), (Some(queue.as_str()), Some(1)), "{sent}");
    let job = sent["job"].as_str().unwrap_or_else(|| panic!("no job id: {sent}"));
    assert!(job.starts_with(&format!("{queue}-")), "{job}");
    let saved = PathBuf::from(sent["file"].as_str().unwrap_or_else(|| panic!("no file: {sent}")));
    assert!(saved.starts_with(data.join("printed")), "{}", saved.display());
    let document = text_of(&saved);
    assert!(document.iter().any(|l| l.contains("شماره ۱۲۳۴")), "{document:?}");
    assert_eq!(on_paper, document);

    // The receipt, sent in Persian, against the same receipt saved with --out.
    let (said, on_paper) =
        printed_by_cups(&queue, &device, || ok(&bakhshyar_in(data, &["print-receipt", &code, "--printer", &queue])));
    assert!(said.contains(&format!("چاپگر {queue}")) && said.contains("کار چاپ"), "{said}");
    let as_file = data.join("receipt.pdf");
    ok(&bakhshyar_in(data, &["print-receipt", &code, "--out", &as_file.to_string_lossy()]));
    assert_eq!(on_paper, text_of(&as_file));

    // A printer this computer does not have stops the print before a copy is counted.
    let unknown = refused(&bakhshyar_in(data, &["--lang", "en", "print", &code, "--duplicate", "--printer", "No_Such_Printer"]));
    assert!(unknown.contains("no printer No_Such_Printer") && unknown.contains("lpstat -e"), "{unknown}");
    let file = data.join("duplicate.pdf").to_string_lossy().into_owned();
    let duplicate = json(&ok(&bakhshyar_in(data, &["print", &code, "--duplicate", "--out", &file, "--json"])));
    assert_eq!(duplicate["copy"].as_u64(), Some(2), "the refused print counted no copy: {duplicate}");
}

#[test]
fn printer_names_that_could_pass_for_options_or_commands_are_refused_and_nothing_is_counted() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = dir.path();
    let code = issued_case(data);
    let planted = data.join("planted");
    let command = format!("a;touch {}", planted.display());
    for name in ["-d", "--help", command.as_str(), "$(id)", "a b"] {
        let named = format!("--printer={name}");
        let refusal = refused(&bakhshyar_in(data, &["--lang", "en", "print", &code, &named]));
        assert!(refusal.contains("is not a printer's name"), "{name}: {refusal}");
    }
    assert!(!planted.exists());
    // With no spooler at all, the clerk is told to install one.
    let mut lost =
        crate::common::anonymous(&["--data-dir", &data.to_string_lossy(), "--lang", "en", "print", &code, "--printer"]);
    let none = crate::common::as_governor(&mut lost).env("PATH", data).output().unwrap_or_else(|e| panic!("{e}"));
    let message = refused(&none);
    assert!(message.contains("lpstat was not found") && message.contains("apt-get install cups"), "{message}");
    // With the print service down, the clerk is told to start it (where CUPS's clients are here).
    if Command::new("lpstat").arg("-r").output().is_ok() {
        let mut down =
            crate::common::anonymous(&["--data-dir", &data.to_string_lossy(), "--lang", "en", "print", &code, "--printer"]);
        let down = crate::common::as_governor(&mut down).env("CUPS_SERVER", data.join("no-cupsd")).output();
        let message = refused(&down.unwrap_or_else(|e| panic!("{e}")));
        assert!(message.contains("does not answer") && message.contains("systemctl start cups"), "{message}");
    }
    // None of them used up the original.
    let file = data.join("permit.pdf").to_string_lossy().into_owned();
    let original = json(&ok(&bakhshyar_in(data, &["print", &code, "--out", &file, "--json"])));
    assert_eq!(original["copy"].as_u64(), Some(1), "{original}");
    assert!(!data.join("printed").exists(), "a refused print leaves no file");
}
